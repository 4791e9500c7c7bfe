/* linux.seccomp (SECC-01..11): the loader's rules, the program built from a
 * profile (architectures, flags, warnings), and what the filter does once
 * loaded, in a child with no_new_privs: actions, errnos, every operator,
 * conditions ANDed, two conditions on one argument split into rules as
 * runc does. Profiles are written with ' for ". */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "check.h"
#include "linux/seccomp_filter.h"
#include "spec/fields.h"
#include "spec/spec_json.h"

#define CONFIG "{'ociVersion': '1.3.0', 'root': {'path': 'rootfs'}, 'linux': {'seccomp': %s}}"

/* The errno the test rules return, unlike anything the probes return. */
#define REFUSED 201

/* what marks an x32 system call number */
#define X32_BIT 0x40000000u

/* ---- helpers --------------------------------------------------------------------------- */

static char warnings[8192];

static void keep_warning(enum arca_log_level level, const char *msg)
{
	size_t len = strlen(warnings);
	if (level == ARCA_LOG_WARN)
		snprintf(warnings + len, sizeof(warnings) - len, "%s\n", msg);
}

static struct spec *parse(const char *profile, char **error)
{
	char text[8192];
	snprintf(text, sizeof(text), CONFIG, profile);
	for (char *p = text; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct spec *spec = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	if (spec_parse(text, strlen(text), "config.json", &spec, &err) < 0)
		*error = strdup(err->msg);
	return spec;
}

/* The program for a profile, or NULL with *error set (loader or build). */
static struct seccomp_program *build_or_error(const char *profile, char **error)
{
	warnings[0] = '\0';
	*error = NULL;
	_cleanup_spec_ struct spec *spec = parse(profile, error);
	if (!spec)
		return NULL;
	struct seccomp_program *p = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	if (seccomp_program_build(spec->linux_->seccomp, &p, &err) < 0)
		*error = strdup(err->msg);
	return p;
}

static struct seccomp_program *build(const char *profile)
{
	_cleanup_free_ char *error = NULL;
	struct seccomp_program *p = build_or_error(profile, &error);
	if (!p)
		fprintf(stderr, "unexpected error: %s\n", error);
	CHECK(p != NULL);
	return p;
}

#define CHECK_REFUSED(profile, expected)                                                           \
	do {                                                                                       \
		char *error_ = NULL;                                                               \
		struct seccomp_program *p_ = build_or_error(profile, &error_);                     \
		CHECK(p_ == NULL);                                                                 \
		CHECK_STREQ(error_, expected);                                                     \
		seccomp_program_free(p_);                                                          \
		free(error_);                                                                      \
	} while (0)

struct probe {
	long nr, a0, a1;
};

static volatile sig_atomic_t trapped;

/* Not declared noreturn: ASan runs its stack unpoisoning (sigaltstack,
 * mmap) before every call to a noreturn function, and a default-deny
 * profile refuses those. exit_group does not return. */
static void raw_exit(int code)
{
	for (;;)
		syscall(SYS_exit_group, code);
}

static void on_sigsys(int sig)
{
	(void)sig;
	trapped = 1;
}

/* What the probes give under the filter, in a child: results[i] is 0 when
 * the call succeeded, its errno, or -1 when SIGSYS was caught (TRAP). The
 * return value is the child's wait status. */
static int run_probes(const struct seccomp_program *p, const struct probe *probes, size_t n,
                      int *results)
{
	for (size_t i = 0; i < n; i++)
		results[i] = -2; /* no answer: the child died before */
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		signal(SIGSYS, on_sigsys);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    seccomp_program_load(p, NULL, NULL) < 0)
			_exit(100);
		/* from here only raw system calls: ASan's write and _exit do more */
		for (size_t i = 0; i < n; i++) {
			trapped = 0;
			long r = syscall(probes[i].nr, probes[i].a0, probes[i].a1);
			int e = trapped ? -1 : r < 0 ? errno : 0;
			if (syscall(SYS_write, pipefd[1], &e, sizeof(e)) != sizeof(e))
				raw_exit(101);
		}
		raw_exit(0);
	}
	close(pipefd[1]);
	for (size_t i = 0; i < n; i++)
		if (read(pipefd[0], &results[i], sizeof(int)) != sizeof(int))
			break;
	close(pipefd[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

/* Bit v/5-1 for each of getpgid(5), getpgid(10), getpgid(15) that the
 * profile refuses with REFUSED. */
static unsigned int refused_getpgid(const char *profile)
{
	_cleanup_(seccomp_program_freep) struct seccomp_program *p = build(profile);
	if (!p)
		return ~0u;
	const struct probe probes[] = {
	    {SYS_getpgid, 5, 0}, {SYS_getpgid, 10, 0}, {SYS_getpgid, 15, 0}};
	int results[3];
	int status = run_probes(p, probes, 3, results);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	unsigned int mask = 0;
	for (unsigned int i = 0; i < 3; i++)
		if (results[i] == REFUSED)
			mask |= 1u << i;
	return mask;
}

/* A rule refusing getpgid with REFUSED when its first argument matches. */
static unsigned int refused_by_op(const char *op, const char *values)
{
	char profile[512];
	snprintf(profile, sizeof(profile),
	         "{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['getpgid'], "
	         "'action': 'SCMP_ACT_ERRNO', 'errnoRet': %d, 'args': [{'index': 0, 'op': '%s', "
	         "%s}]}]}",
	         REFUSED, op, values);
	return refused_getpgid(profile);
}

/* The program compares the architecture or the syscall number with k. */
static bool compares(const struct seccomp_program *p, uint32_t k)
{
	for (unsigned int i = 0; i < p->len; i++)
		if (BPF_CLASS(p->insns[i].code) == BPF_JMP && BPF_OP(p->insns[i].code) == BPF_JEQ &&
		    p->insns[i].k == k)
			return true;
	return false;
}

/* ---- the loader's rules (SECC-03, SECC-06, SECC-07, SECC-10) ------------------------------ */

static void test_config_rules(void)
{
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_KILL', 'defaultErrnoRet': 1}",
	              "config.json: linux.seccomp.defaultErrnoRet: SCMP_ACT_KILL returns no errno "
	              "(only SCMP_ACT_ERRNO and SCMP_ACT_TRACE do)");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ERRNO', 'syscalls': [{'names': ['getpid'], "
	              "'action': 'SCMP_ACT_ALLOW'}, {'names': ['mkdir'], 'action': "
	              "'SCMP_ACT_LOG', 'errnoRet': 5}]}",
	              "config.json: linux.seccomp.syscalls[1].errnoRet: SCMP_ACT_LOG returns no "
	              "errno (only SCMP_ACT_ERRNO and SCMP_ACT_TRACE do)");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ERRNO', 'defaultErrnoRet': 4095}",
	              "config.json: linux.seccomp.defaultErrnoRet: 4095 is out of range for "
	              "SCMP_ACT_ERRNO (at most 4094)");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['mkdir'], "
	              "'action': 'SCMP_ACT_TRACE', 'errnoRet': 65536}]}",
	              "config.json: linux.seccomp.syscalls[0].errnoRet: 65536 is out of range for "
	              "SCMP_ACT_TRACE (at most 65535)");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': [], 'action': "
	              "'SCMP_ACT_KILL'}]}",
	              "config.json: linux.seccomp.syscalls[0].names: must not be empty");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['kill'], "
	              "'action': 'SCMP_ACT_KILL', 'args': [{'index': 1, 'value': 9, 'op': "
	              "'SCMP_CMP_EQ'}, {'index': 6, 'value': 1, 'op': 'SCMP_CMP_EQ'}]}]}",
	              "config.json: linux.seccomp.syscalls[0].args[1].index: 6 is out of range (a "
	              "system call has 6 arguments, 0 to 5)");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ALLOW', 'listenerMetadata': 'x'}",
	              "config.json: linux.seccomp.listenerMetadata: set without listenerPath");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['kill'], "
	              "'action': 'SCMP_ACT_ALLOW', 'args': [{'index': 0, 'value': 1, 'op': "
	              "'SCMP_CMP_SAME'}]}]}",
	              "config.json: linux.seccomp.syscalls[0].args[0].op: unknown value "
	              "\"SCMP_CMP_SAME\"");
	/* errnoRet and defaultErrnoRet where they belong */
	seccomp_program_free(build("{'defaultAction': 'SCMP_ACT_TRACE', 'defaultErrnoRet': 7, "
	                           "'syscalls': [{'names': ['getpid'], 'action': "
	                           "'SCMP_ACT_ERRNO', 'errnoRet': 4094}]}"));
}

/* ---- what arca refuses about SCMP_ACT_NOTIFY -------------------------------------------- */

static void test_notify_rules(void)
{
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_NOTIFY', 'listenerPath': '/run/agent.sock'}",
	              "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action "
	              "(the listener fd is sent with sendmsg under the filter)");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['getpid'], "
	              "'action': 'SCMP_ACT_KILL'}, {'names': ['mkdir'], 'action': "
	              "'SCMP_ACT_NOTIFY'}]}",
	              "linux.seccomp.syscalls[1].action: SCMP_ACT_NOTIFY needs "
	              "linux.seccomp.listenerPath (the agent that gets the listener fd)");
	CHECK_REFUSED("{'defaultAction': 'SCMP_ACT_ALLOW', 'listenerPath': '/run/agent.sock', "
	              "'syscalls': [{'names': ['mkdir', 'sendmsg'], 'action': "
	              "'SCMP_ACT_NOTIFY'}]}",
	              "linux.seccomp.syscalls[0].names[1]: SCMP_ACT_NOTIFY cannot be used for "
	              "sendmsg (the listener fd is sent with it under the filter)");

	_cleanup_(seccomp_program_freep) struct seccomp_program *p =
	    build("{'defaultAction': 'SCMP_ACT_ALLOW', 'listenerPath': '/run/agent.sock', "
	          "'flags': ['SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV', "
	          "'SECCOMP_FILTER_FLAG_TSYNC'], 'syscalls': [{'names': ['mkdir'], 'action': "
	          "'SCMP_ACT_NOTIFY'}]}");
	CHECK(p && p->notify);
	CHECK(p && p->flags ==
	               (SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV |
	                SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_TSYNC_ESRCH));
	/* a rule that notifies only syscalls libseccomp does not know adds nothing */
	_cleanup_(seccomp_program_freep) struct seccomp_program *none =
	    build("{'defaultAction': 'SCMP_ACT_ALLOW', 'listenerPath': '/run/agent.sock', "
	          "'syscalls': [{'names': ['arca_no_such_syscall'], 'action': "
	          "'SCMP_ACT_NOTIFY'}]}");
	CHECK(none && !none->notify && none->flags == 0);
	/* listenerPath without a rule that notifies is ignored */
	_cleanup_(seccomp_program_freep) struct seccomp_program *ignored =
	    build("{'defaultAction': 'SCMP_ACT_ALLOW', 'listenerPath': '/run/agent.sock', "
	          "'listenerMetadata': 'm'}");
	CHECK(ignored && !ignored->notify);
}

/* ---- architectures (SECC-04) -------------------------------------------------------------- */

/* The program for a profile that refuses mkdir on the architectures listed. */
static struct seccomp_program *mkdir_on(const char *archs)
{
	char profile[256];
	snprintf(profile, sizeof(profile),
	         "{'defaultAction': 'SCMP_ACT_ALLOW', 'architectures': [%s], 'syscalls': "
	         "[{'names': ['mkdir'], 'action': 'SCMP_ACT_ERRNO'}]}",
	         archs);
	return build(profile);
}

static void test_architectures(void)
{
	_cleanup_(seccomp_program_freep) struct seccomp_program *native = mkdir_on("");
	for (int arch = 0; native && spec_seccomp_arch_name(arch); arch++) {
		const char *name = spec_seccomp_arch_name(arch);
		char lower[32], quoted[64];
		size_t i = 0;
		for (const char *s = name + strlen("SCMP_ARCH_"); *s && i < sizeof(lower) - 1; s++)
			lower[i++] = (char)tolower((unsigned char)*s);
		lower[i] = '\0';
		snprintf(quoted, sizeof(quoted), "'%s'", name);
		_cleanup_(seccomp_program_freep) struct seccomp_program *p = mkdir_on(quoted);
		uint32_t token = seccomp_arch_resolve_name(lower);
		if (!p)
			continue;
		CHECK(compares(p, seccomp_arch_native())); /* native stays, as libseccomp does */
		if (!token) {
			CHECK_CONTAINS(warnings,
			               "linux.seccomp.architectures: unknown to libseccomp ");
			CHECK_CONTAINS(warnings, name);
		} else if (!(token & __AUDIT_ARCH_LE)) {
			CHECK_CONTAINS(warnings,
			               "has another byte order than this machine, skipped");
			CHECK(p->len == native->len);
		} else if (token == SCMP_ARCH_X32) { /* x86_64 calls with the x32 bit set */
			CHECK_STREQ(warnings, "");
			CHECK(compares(p, X32_BIT | SYS_mkdir) &&
			      !compares(native, X32_BIT | SYS_mkdir));
		} else {
			CHECK_STREQ(warnings, "");
			CHECK(compares(p, token));
		}
	}
	/* the suite's style: native and compat in one list, native listed too */
	_cleanup_(seccomp_program_freep) struct seccomp_program *p =
	    mkdir_on("'SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'");
	CHECK(p && compares(p, SCMP_ARCH_X86) && compares(p, SCMP_ARCH_X86_64));
	CHECK_STREQ(warnings, "");
}

/* ---- unknown syscalls (SECC-11), rules like the default ------------------------------------ */

static void test_unknown_syscalls(void)
{
	unsigned int refused = refused_getpgid(
	    "{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['arca_no_such_syscall', "
	    "'getpgid', 'arca_no_such_syscall'], 'action': 'SCMP_ACT_ERRNO', 'errnoRet': 201}, "
	    "{'names': ['arca_other_syscall'], 'action': 'SCMP_ACT_KILL'}]}");
	CHECK(refused == 7);
	CHECK_CONTAINS(warnings, "linux.seccomp.syscalls: unknown to libseccomp ");
	CHECK_CONTAINS(warnings, ", skipped: \"arca_no_such_syscall\", \"arca_other_syscall\"\n");
	/* names of other architectures are known to libseccomp: no warning */
	seccomp_program_free(build("{'defaultAction': 'SCMP_ACT_ALLOW', 'architectures': "
	                           "['SCMP_ARCH_X86'], 'syscalls': [{'names': ['socketcall', "
	                           "'_llseek'], 'action': 'SCMP_ACT_ERRNO'}]}"));
	CHECK_STREQ(warnings, "");
}

static void test_rule_like_default_skipped(void)
{
	/* libseccomp refuses such a rule; it changes nothing, so it is skipped */
	_cleanup_(seccomp_program_freep) struct seccomp_program *p =
	    build("{'defaultAction': 'SCMP_ACT_ERRNO', 'syscalls': [{'names': ['write', "
	          "'exit_group'], 'action': 'SCMP_ACT_ALLOW'}, {'names': ['getpgid'], 'action': "
	          "'SCMP_ACT_ERRNO', 'errnoRet': 1}, {'names': ['getppid'], 'action': "
	          "'SCMP_ACT_ERRNO', 'errnoRet': 5}]}");
	if (!p)
		return;
	const struct probe probes[] = {
	    {SYS_getpgid, 0, 0}, {SYS_getppid, 0, 0}, {SYS_getpid, 0, 0}};
	int results[3];
	int status = run_probes(p, probes, 3, results);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(results[0] == EPERM && results[1] == 5 && results[2] == EPERM);
}

/* ---- actions and errnos (SECC-02, SECC-03, SECC-06) ------------------------------------- */

static void test_default_errno_ret(void)
{
	_cleanup_(seccomp_program_freep) struct seccomp_program *p =
	    build("{'defaultAction': 'SCMP_ACT_ERRNO', 'defaultErrnoRet': 202, 'syscalls': "
	          "[{'names': ['write', 'exit_group'], 'action': 'SCMP_ACT_ALLOW'}, {'names': "
	          "['getppid'], 'action': 'SCMP_ACT_ERRNO'}]}");
	if (!p)
		return;
	const struct probe probes[] = {{SYS_getpgid, 0, 0}, {SYS_getppid, 0, 0}};
	int results[2];
	int status = run_probes(p, probes, 2, results);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(results[0] == 202);   /* defaultErrnoRet */
	CHECK(results[1] == EPERM); /* errnoRet's default */
}

/* The status of a child whose getppid meets action. */
static int status_of_action(const char *action, int *result)
{
	char profile[256];
	snprintf(profile, sizeof(profile),
	         "{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['getppid'], "
	         "'action': '%s'}]}",
	         action);
	_cleanup_(seccomp_program_freep) struct seccomp_program *p = build(profile);
	if (!p)
		return -1;
	const struct probe probe = {SYS_getppid, 0, 0};
	return run_probes(p, &probe, 1, result);
}

static void test_actions(void)
{
	int result = -3;
	int status = status_of_action("SCMP_ACT_KILL", &result);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS);
	status = status_of_action("SCMP_ACT_KILL_THREAD", &result);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS);
	status = status_of_action("SCMP_ACT_KILL_PROCESS", &result);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS);
	status = status_of_action("SCMP_ACT_TRAP", &result);
	CHECK(WIFEXITED(status) && result == -1); /* SIGSYS, caught */
	status = status_of_action("SCMP_ACT_TRACE", &result);
	CHECK(WIFEXITED(status) && result == ENOSYS); /* no tracer */
	status = status_of_action("SCMP_ACT_LOG", &result);
	CHECK(WIFEXITED(status) && result == 0);
	status = status_of_action("SCMP_ACT_ERRNO", &result);
	CHECK(WIFEXITED(status) && result == EPERM);
}

/* ---- argument conditions (SECC-07) ------------------------------------------------------- */

static void test_operators(void)
{
	/* bits: getpgid(5), getpgid(10), getpgid(15) */
	CHECK(refused_by_op("SCMP_CMP_NE", "'value': 10") == 5);
	CHECK(refused_by_op("SCMP_CMP_LT", "'value': 10") == 1);
	CHECK(refused_by_op("SCMP_CMP_LE", "'value': 10") == 3);
	CHECK(refused_by_op("SCMP_CMP_EQ", "'value': 10") == 2);
	CHECK(refused_by_op("SCMP_CMP_GE", "'value': 10") == 6);
	CHECK(refused_by_op("SCMP_CMP_GT", "'value': 10") == 4);
	/* MASKED_EQ: value is the mask, valueTwo the datum: (arg & 12) == 8; the
	 * other way round, libseccomp compares with the datum under the mask:
	 * (arg & 8) == (12 & 8) */
	CHECK(refused_by_op("SCMP_CMP_MASKED_EQ", "'value': 12, 'valueTwo': 8") == 2);
	CHECK(refused_by_op("SCMP_CMP_MASKED_EQ", "'value': 8, 'valueTwo': 12") == 6);
	/* 64-bit values */
	CHECK(refused_by_op("SCMP_CMP_GT", "'value': 18446744073709551615") == 0);
	CHECK(refused_by_op("SCMP_CMP_LT", "'value': 4294967296") == 7);
}

static void test_conditions_and(void)
{
	/* getpriority(0, 7) only: both conditions must hold */
	_cleanup_(seccomp_program_freep) struct seccomp_program *p =
	    build("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['getpriority'], "
	          "'action': 'SCMP_ACT_ERRNO', 'errnoRet': 201, 'args': [{'index': 0, 'value': 0, "
	          "'op': 'SCMP_CMP_EQ'}, {'index': 1, 'value': 7, 'op': 'SCMP_CMP_EQ'}]}]}");
	if (!p)
		return;
	const struct probe probes[] = {{SYS_getpriority, PRIO_PROCESS, 7},
	                               {SYS_getpriority, PRIO_PROCESS, 0},
	                               {SYS_getpriority, PRIO_PGRP, 7}};
	int results[3];
	int status = run_probes(p, probes, 3, results);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(results[0] == REFUSED && results[1] != REFUSED && results[2] != REFUSED);
}

static void test_same_argument_twice(void)
{
	/* runc's behaviour: one rule per condition, so they match one OR the other */
	CHECK(refused_getpgid("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': "
	                      "['getpgid'], 'action': 'SCMP_ACT_ERRNO', 'errnoRet': 201, 'args': "
	                      "[{'index': 0, 'value': 5, 'op': 'SCMP_CMP_EQ'}, {'index': 0, "
	                      "'value': 15, 'op': 'SCMP_CMP_EQ'}]}]}") == 5);
}

/* ---- flags (SECC-05) ---------------------------------------------------------------------- */

static void test_flags(void)
{
	_cleanup_(seccomp_program_freep) struct seccomp_program *p =
	    build("{'defaultAction': 'SCMP_ACT_ALLOW', 'flags': ['SECCOMP_FILTER_FLAG_LOG', "
	          "'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_TSYNC'], 'syscalls': "
	          "[{'names': ['getppid'], 'action': 'SCMP_ACT_ERRNO'}]}");
	CHECK(p && p->flags == (SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW |
	                        SECCOMP_FILTER_FLAG_TSYNC));
	CHECK_STREQ(warnings, "");
	if (p) {
		int result = 0;
		const struct probe probe = {SYS_getppid, 0, 0};
		int status = run_probes(p, &probe, 1, &result);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0 && result == EPERM);
	}
	_cleanup_(seccomp_program_freep) struct seccomp_program *q =
	    build("{'defaultAction': 'SCMP_ACT_ALLOW', 'flags': "
	          "['SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV']}");
	CHECK(q && q->flags == 0);
	CHECK_STREQ(warnings, "linux.seccomp.flags[0]: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV has "
	                      "no effect without SCMP_ACT_NOTIFY, ignored\n");
}

/* ---- where the init loads it (SECC-01) --------------------------------------------------- */

static void test_needs_privilege(void)
{
	char *admin[] = {(char *)"cap_sys_admin"}, *kill_[] = {(char *)"CAP_KILL"};
	struct spec_capabilities with = {.effective = {admin, 1}},
	                         without = {.effective = {kill_, 1}};
	struct spec_process root = {.user = {.uid = 0}}, user = {.user = {.uid = 1000}};
	CHECK(!seccomp_needs_privilege(&root)); /* root keeps its capabilities */
	CHECK(seccomp_needs_privilege(&user));
	user.no_new_privileges = true;
	CHECK(!seccomp_needs_privilege(&user));
	root.capabilities = &without;
	CHECK(seccomp_needs_privilege(&root));
	root.capabilities = &with;
	CHECK(!seccomp_needs_privilege(&root));
}

int main(void)
{
	arca_log_set_handler(keep_warning, ARCA_LOG_WARN);
	RUN(test_config_rules);
	RUN(test_notify_rules);
	RUN(test_architectures);
	RUN(test_unknown_syscalls);
	RUN(test_rule_like_default_skipped);
	RUN(test_default_errno_ret);
	RUN(test_actions);
	RUN(test_operators);
	RUN(test_conditions_and);
	RUN(test_same_argument_twice);
	RUN(test_flags);
	RUN(test_needs_privilege);
	return check_exit();
}
