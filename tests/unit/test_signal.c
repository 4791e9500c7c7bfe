#include "arca/signal.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "check.h"

/* The signal text parses to `expected`. */
static void check_parses(const char *text, int expected)
{
	_cleanup_error_ struct arca_error *err = NULL;
	int sig = -1;
	int r = arca_signal_parse(text, &sig, &err);
	CHECK(r == 0);
	CHECK(err == NULL);
	if (sig != expected)
		fprintf(stderr, "  \"%s\": got %d, expected %d\n", text, sig, expected);
	CHECK(sig == expected);
}

/* The signal text is refused with a message containing `message`. */
static void check_refused(const char *text, const char *message)
{
	_cleanup_error_ struct arca_error *err = NULL;
	int sig = -1;
	int r = arca_signal_parse(text, &sig, &err);
	CHECK(r == -EINVAL);
	CHECK(sig == -1);
	CHECK(err != NULL);
	if (err)
		CHECK_CONTAINS(err->msg, message);
}

static void test_names_without_prefix(void)
{
	check_parses("TERM", SIGTERM);
	check_parses("KILL", SIGKILL);
	check_parses("USR1", SIGUSR1);
	check_parses("USR2", SIGUSR2);
	check_parses("HUP", SIGHUP);
	check_parses("WINCH", SIGWINCH);
	check_parses("STKFLT", SIGSTKFLT);
	check_parses("SYS", SIGSYS);
}

static void test_names_with_prefix(void)
{
	check_parses("SIGTERM", SIGTERM);
	check_parses("SIGKILL", SIGKILL);
	check_parses("SIGUSR1", SIGUSR1);
	check_parses("SIGCHLD", SIGCHLD);
	check_parses("SIGVTALRM", SIGVTALRM);
}

static void test_names_any_case(void)
{
	check_parses("sigkill", SIGKILL);
	check_parses("term", SIGTERM);
	check_parses("SigUsr2", SIGUSR2);
	check_parses("sIGiNT", SIGINT);
}

static void test_aliases(void)
{
	check_parses("IOT", SIGABRT);
	check_parses("SIGCLD", SIGCHLD);
	check_parses("POLL", SIGIO);
}

static void test_numbers(void)
{
	check_parses("9", SIGKILL);
	check_parses("15", SIGTERM);
	check_parses("1", 1);
	check_parses("09", 9);
	check_parses("34", 34);
	char top[16];
	snprintf(top, sizeof(top), "%d", SIGRTMAX);
	check_parses(top, SIGRTMAX);
}

static void test_realtime(void)
{
	check_parses("RTMIN", SIGRTMIN);
	check_parses("RTMIN+3", SIGRTMIN + 3);
	check_parses("RTMAX", SIGRTMAX);
	check_parses("RTMAX-1", SIGRTMAX - 1);
	check_parses("SIGRTMIN+2", SIGRTMIN + 2);
	check_parses("sigrtmax-2", SIGRTMAX - 2);
	check_parses("rtmin+0", SIGRTMIN);
	char last[32];
	snprintf(last, sizeof(last), "RTMIN+%d", SIGRTMAX - SIGRTMIN);
	check_parses(last, SIGRTMAX);
	snprintf(last, sizeof(last), "RTMAX-%d", SIGRTMAX - SIGRTMIN);
	check_parses(last, SIGRTMIN);
}

static void test_unknown_names(void)
{
	check_refused("FOO", "unknown signal \"FOO\"");
	check_refused("", "unknown signal \"\"");
	check_refused("SIG", "unknown signal \"SIG\"");
	check_refused("SIGSIGTERM", "unknown signal \"SIGSIGTERM\"");
	check_refused("TERM ", "unknown signal \"TERM \"");
	check_refused(" 9", "unknown signal \" 9\"");
	check_refused("-9", "unknown signal \"-9\"");
	check_refused("+9", "unknown signal \"+9\"");
	check_refused("9x", "unknown signal \"9x\"");
	check_refused("0x9", "unknown signal \"0x9\"");
}

static void test_numbers_out_of_range(void)
{
	check_refused("0", "invalid signal \"0\": signal numbers run from 1 to");
	check_refused("65", "invalid signal \"65\"");
	check_refused("99999999999999999999999", "invalid signal \"99999999999999999999999\"");
}

static void test_realtime_errors(void)
{
	check_refused("RTMIN-1", "unknown signal \"RTMIN-1\"");
	check_refused("RTMAX+1", "unknown signal \"RTMAX+1\"");
	check_refused("RTMIN+", "unknown signal \"RTMIN+\"");
	check_refused("RTMIN+x", "unknown signal \"RTMIN+x\"");
	check_refused("RTMIN3", "unknown signal \"RTMIN3\"");
	check_refused("RTMIN++3", "unknown signal \"RTMIN++3\"");
	check_refused("RTMIN+99", "invalid signal \"RTMIN+99\": real-time signals run from RTMIN");
	check_refused("SIGRTMAX-99999999999999999999", "invalid signal \"SIGRTMAX-9999");
}

int main(void)
{
	RUN(test_names_without_prefix);
	RUN(test_names_with_prefix);
	RUN(test_names_any_case);
	RUN(test_aliases);
	RUN(test_numbers);
	RUN(test_realtime);
	RUN(test_unknown_names);
	RUN(test_numbers_out_of_range);
	RUN(test_realtime_errors);
	return check_exit();
}
