/* Running hooks (process/hooks.c) with real processes, and their validation
 * at load: HOOK-01 (argv, env, timeout, absolute path), HOOK-02 (order, the
 * first failure stops a list), HOOK-03 (the state on stdin, sealed), HOOK-10
 * (exit status, signal, exec failure, timeout) and LIFE-10 (warnings). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "check.h"
#include "process/hooks.h"
#include "spec/spec_json.h"

static char dir[] = "/tmp/arca-test-hooks.XXXXXX";

static struct spec_hook sh_hook(const char *script, char **argv_storage, size_t argc)
{
	argv_storage[0] = (char *)"sh";
	argv_storage[1] = (char *)"-c";
	argv_storage[2] = (char *)script;
	return (struct spec_hook){.path = (char *)"/bin/sh",
	                          .args = {.items = argv_storage, .len = argc}};
}

/* Runs one hook with state text on stdin; the error message or NULL. */
static char *run_one(const struct spec_hook *hook, const char *state, int *code)
{
	struct spec_hook_list list = {.items = (struct spec_hook *)hook, .len = 1};
	struct arca_error *err = NULL;
	int fd = hooks_state_memfd(state, &err);
	CHECK(fd >= 0);
	int r = hooks_run(&list, HOOK_POSTSTART, fd, &err);
	close(fd);
	if (code)
		*code = r;
	char *msg = r < 0 && err ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

static char *read_text(const char *name)
{
	char path[128], buf[8192];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return strdup(buf);
}

/* HOOK-03: the state is sealed: the hook (or anyone) cannot change it. */
static void test_state_memfd_sealed(void)
{
	struct arca_error *err = NULL;
	_cleanup_close_ int fd = hooks_state_memfd("{\"id\": \"x\"}", &err);
	CHECK(fd >= 0);
	CHECK(write(fd, "y", 1) < 0 && errno == EPERM);
	CHECK(ftruncate(fd, 0) < 0 && errno == EPERM);
	CHECK(fcntl(fd, F_GET_SEALS) == (F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL));
	CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
	arca_error_free(err);
}

/* HOOK-02, HOOK-03: every hook of a list reads the whole state, in order. */
static void test_state_on_stdin_in_order(void)
{
	char *a1[3], *a2[3];
	char s1[128], s2[128];
	snprintf(s1, sizeof(s1), "cat > %s/one; echo one >> %s/order", dir, dir);
	snprintf(s2, sizeof(s2), "cat > %s/two; echo two >> %s/order", dir, dir);
	struct spec_hook hooks[2] = {sh_hook(s1, a1, 3), sh_hook(s2, a2, 3)};
	struct spec_hook_list list = {.items = hooks, .len = 2};
	struct arca_error *err = NULL;
	_cleanup_close_ int fd = hooks_state_memfd("{\"status\": \"created\"}", &err);
	CHECK(hooks_run(&list, HOOK_PRESTART, fd, &err) == 0);
	_cleanup_free_ char *one = read_text("one");
	_cleanup_free_ char *two = read_text("two");
	_cleanup_free_ char *order = read_text("order");
	CHECK_STREQ(one, "{\"status\": \"created\"}");
	CHECK_STREQ(two, "{\"status\": \"created\"}");
	CHECK_STREQ(order, "one\ntwo\n");
	arca_error_free(err);
}

/* HOOK-01: argv exactly args (args[0] is $0), env the whole environment. */
static void test_argv_env_exact(void)
{
	char script[160];
	/* the shell's own environment as execve gave it (dash adds PWD to its children's) */
	snprintf(script, sizeof(script),
	         "echo \"$0|$1|$#\" > %s/argv; tr '\\0' '\\n' < /proc/$$/environ > %s/env", dir,
	         dir);
	char *argv[5] = {NULL, NULL, NULL, (char *)"zero", (char *)"one"};
	char *env[] = {(char *)"A=1", (char *)"B=two words"};
	struct spec_hook hook = sh_hook(script, argv, 5);
	hook.env = (struct arca_strv){.items = env, .len = 2};
	_cleanup_free_ char *msg = run_one(&hook, "{}", NULL);
	CHECK(msg == NULL);
	_cleanup_free_ char *args = read_text("argv");
	_cleanup_free_ char *environ_text = read_text("env");
	CHECK_STREQ(args, "zero|one|1\n");
	CHECK_STREQ(environ_text, "A=1\nB=two words\n");
}

/* HOOK-01: without args argv is [path]: sh then reads its script from
 * stdin, the state. */
static void test_no_args(void)
{
	struct spec_hook hook = {.path = (char *)"/bin/sh"};
	int r = 0;
	_cleanup_free_ char *msg = run_one(&hook, "echo from-stdin >&2; exit 7", &r);
	CHECK(r == -EIO);
	CHECK_STREQ(msg, "hooks.poststart[0]: /bin/sh exited with status 7: output: from-stdin");
}

/* HOOK-10: the message names the hook and quotes its output on one line. */
static void test_failure_message(void)
{
	char *argv[3];
	struct spec_hook hook =
	    sh_hook("printf 'out\\n'; printf 'err\\tx\\033[1m\\n' >&2; exit 3", argv, 3);
	_cleanup_free_ char *msg = run_one(&hook, "{}", NULL);
	CHECK_STREQ(msg, "hooks.poststart[0]: /bin/sh exited with status 3: output: out err x [1m");
	struct spec_hook loud = sh_hook("yes | head -c 100000; exit 1", argv, 3);
	_cleanup_free_ char *cut = run_one(&loud, "{}", NULL);
	CHECK(cut && strlen(cut) < 400 && strcmp(cut + strlen(cut) - 3, "...") == 0);
	struct spec_hook quiet = sh_hook("exit 2", argv, 3);
	_cleanup_free_ char *bare = run_one(&quiet, "{}", NULL);
	CHECK_STREQ(bare, "hooks.poststart[0]: /bin/sh exited with status 2");
}

static void test_signal_and_exec_failure(void)
{
	char *argv[3];
	struct spec_hook hook = sh_hook("kill -TERM $$", argv, 3);
	_cleanup_free_ char *msg = run_one(&hook, "{}", NULL);
	CHECK_STREQ(msg, "hooks.poststart[0]: /bin/sh was killed by signal 15 (Terminated)");
	struct spec_hook missing = {.path = (char *)"/nonexistent/hook"};
	_cleanup_free_ char *exec_msg = run_one(&missing, "{}", NULL);
	CHECK_STREQ(exec_msg, "hooks.poststart[0]: /nonexistent/hook exited with status 127: "
	                      "output: exec /nonexistent/hook: No such file or directory");
}

/* HOOK-01: a hook outliving its timeout is killed, and fails. */
static void test_timeout(void)
{
	char *argv[3];
	struct spec_hook hook = sh_hook("echo started; exec sleep 10", argv, 3);
	hook.timeout = (struct arca_opt_i64){.set = true, .value = 1};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int r = 0;
	_cleanup_free_ char *msg = run_one(&hook, "{}", &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(r == -ETIMEDOUT);
	CHECK_STREQ(msg, "hooks.poststart[0]: /bin/sh timed out after 1 s: output: started");
	CHECK(t1.tv_sec - t0.tv_sec < 3);
}

/* Only stdin, stdout and stderr reach a hook. */
static void test_no_fd_leaks(void)
{
	int leak = open("/dev/null", O_RDONLY); /* no O_CLOEXEC on purpose */
	char script[64], *argv[3];
	snprintf(script, sizeof(script), "[ -e /proc/self/fd/%d ] && exit 9; exit 0", leak);
	struct spec_hook hook = sh_hook(script, argv, 3);
	_cleanup_free_ char *msg = run_one(&hook, "{}", NULL);
	CHECK(msg == NULL);
	close(leak);
}

static int warnings;
static char last_warning[512];

static void count_warning(enum arca_log_level level, const char *msg)
{
	if (level == ARCA_LOG_WARN) {
		warnings++;
		snprintf(last_warning, sizeof(last_warning), "%s", msg);
	}
}

/* HOOK-02: the first failure stops a list; LIFE-10: poststop's does not. */
static void test_stop_or_warn(void)
{
	char *a1[3], *a2[3], marker[96];
	snprintf(marker, sizeof(marker), "touch %s/after", dir);
	struct spec_hook hooks[2] = {sh_hook("exit 1", a1, 3), sh_hook(marker, a2, 3)};
	struct spec_hook_list list = {.items = hooks, .len = 2};
	struct arca_error *err = NULL;
	_cleanup_close_ int fd = hooks_state_memfd("{}", &err);
	CHECK(hooks_run(&list, HOOK_PRESTART, fd, &err) < 0);
	_cleanup_free_ char *after = read_text("after");
	CHECK(after == NULL);
	arca_log_set_handler(count_warning, ARCA_LOG_WARN);
	hooks_run_warn(&list, HOOK_POSTSTOP, fd);
	arca_log_set_handler(NULL, ARCA_LOG_ERROR);
	_cleanup_free_ char *after2 = read_text("after");
	CHECK(after2 != NULL);
	CHECK(warnings == 1);
	CHECK_STREQ(last_warning, "hooks.poststop[0]: /bin/sh exited with status 1");
	arca_error_free(err);
}

static char *load_error(const char *hooks)
{
	char json[512];
	snprintf(json, sizeof(json),
	         "{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"rootfs\"}, \"hooks\": %s}",
	         hooks);
	struct spec *spec = NULL;
	struct arca_error *err = NULL;
	int r = spec_parse_flags(json, strlen(json), "config.json", 0, &spec, &err);
	spec_free(spec);
	char *msg = r < 0 ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

/* HOOK-01 at load: absolute paths, timeouts above zero, each named. */
static void test_validation(void)
{
	_cleanup_free_ char *ok = load_error(
	    "{\"prestart\": [{\"path\": \"/bin/true\", \"timeout\": 1}], \"poststop\": []}");
	CHECK(ok == NULL);
	_cleanup_free_ char *rel = load_error(
	    "{\"createRuntime\": [{\"path\": \"/bin/true\"}, {\"path\": \"bin/true\"}]}");
	CHECK_CONTAINS(rel, "hooks.createRuntime[1].path: \"bin/true\" is not an absolute path");
	_cleanup_free_ char *zero =
	    load_error("{\"poststart\": [{\"path\": \"/bin/true\", \"timeout\": 0}]}");
	CHECK_CONTAINS(zero, "hooks.poststart[0].timeout: must be greater than zero, got 0");
	_cleanup_free_ char *neg =
	    load_error("{\"startContainer\": [{\"path\": \"/x\", \"timeout\": -5}]}");
	CHECK_CONTAINS(neg, "hooks.startContainer[0].timeout: must be greater than zero, got -5");
	_cleanup_free_ char *empty = load_error("{\"poststop\": [{\"path\": \"\"}]}");
	CHECK_CONTAINS(empty, "hooks.poststop[0].path");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_state_memfd_sealed);
	RUN(test_state_on_stdin_in_order);
	RUN(test_argv_env_exact);
	RUN(test_no_args);
	RUN(test_failure_message);
	RUN(test_signal_and_exec_failure);
	RUN(test_timeout);
	RUN(test_no_fd_leaks);
	RUN(test_stop_or_warn);
	RUN(test_validation);
	char cmd[96];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		perror(cmd);
	return check_exit();
}
