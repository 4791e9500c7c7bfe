#include "arca/signal.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

struct signal_name {
	const char *name; /* without the "SIG" prefix */
	int number;
};

static const struct signal_name signal_names[] = {
    {"HUP", SIGHUP},       {"INT", SIGINT},     {"QUIT", SIGQUIT}, {"ILL", SIGILL},
    {"TRAP", SIGTRAP},     {"ABRT", SIGABRT},   {"IOT", SIGIOT},   {"BUS", SIGBUS},
    {"FPE", SIGFPE},       {"KILL", SIGKILL},   {"USR1", SIGUSR1}, {"SEGV", SIGSEGV},
    {"USR2", SIGUSR2},     {"PIPE", SIGPIPE},   {"ALRM", SIGALRM}, {"TERM", SIGTERM},
    {"STKFLT", SIGSTKFLT}, {"CHLD", SIGCHLD},   {"CLD", SIGCHLD},  {"CONT", SIGCONT},
    {"STOP", SIGSTOP},     {"TSTP", SIGTSTP},   {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU},
    {"URG", SIGURG},       {"XCPU", SIGXCPU},   {"XFSZ", SIGXFSZ}, {"VTALRM", SIGVTALRM},
    {"PROF", SIGPROF},     {"WINCH", SIGWINCH}, {"IO", SIGIO},     {"POLL", SIGPOLL},
    {"PWR", SIGPWR},       {"SYS", SIGSYS},
};

static bool is_decimal(const char *text)
{
	if (!*text)
		return false;
	for (const char *p = text; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
	}
	return true;
}

/* The value of a string of decimal digits, or limit + 1 when it exceeds limit. */
static long decimal_value(const char *digits, long limit)
{
	long value = 0;
	for (const char *p = digits; *p; p++) {
		value = value * 10 + (*p - '0');
		if (value > limit)
			return limit + 1;
	}
	return value;
}

static int unknown_signal(const char *text, struct arca_error **err)
{
	return arca_fail_msg(err, EINVAL, "unknown signal \"%s\"", text);
}

static int parse_number(const char *text, int *sig, struct arca_error **err)
{
	long number = decimal_value(text, SIGRTMAX);
	if (number < 1 || number > SIGRTMAX)
		return arca_fail_msg(err, EINVAL,
		                     "invalid signal \"%s\": signal numbers run from 1 to %d", text,
		                     SIGRTMAX);
	*sig = (int)number;
	return 0;
}

static bool is_realtime(const char *name)
{
	return strncasecmp(name, "RTMIN", 5) == 0 || strncasecmp(name, "RTMAX", 5) == 0;
}

/* name is "RTMIN", "RTMIN+N", "RTMAX" or "RTMAX-N" (any case); text is what the user wrote. */
static int parse_realtime(const char *name, const char *text, int *sig, struct arca_error **err)
{
	bool from_min = strncasecmp(name, "RTMIN", 5) == 0;
	const char *suffix = name + 5;
	long span = SIGRTMAX - SIGRTMIN;
	long offset = 0;
	if (*suffix) {
		if (*suffix != (from_min ? '+' : '-') || !is_decimal(suffix + 1))
			return unknown_signal(text, err);
		offset = decimal_value(suffix + 1, span);
		if (offset > span)
			return arca_fail_msg(
			    err, EINVAL,
			    "invalid signal \"%s\": real-time signals run from RTMIN "
			    "(%d) to RTMAX (%d)",
			    text, SIGRTMIN, SIGRTMAX);
	}
	*sig = (int)(from_min ? SIGRTMIN + offset : SIGRTMAX - offset);
	return 0;
}

int arca_signal_parse(const char *text, int *sig, struct arca_error **err)
{
	if (is_decimal(text))
		return parse_number(text, sig, err);
	const char *name = strncasecmp(text, "SIG", 3) == 0 ? text + 3 : text;
	if (is_realtime(name))
		return parse_realtime(name, text, sig, err);
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++) {
		if (strcasecmp(name, signal_names[i].name) == 0) {
			*sig = signal_names[i].number;
			return 0;
		}
	}
	return unknown_signal(text, err);
}
