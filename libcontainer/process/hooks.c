#include "process/hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "util/io.h"

/* How much of a failed hook's output its error message quotes. */
#define HOOK_OUTPUT_MAX 256
/* Without a pidfd (a seccomp profile refusing pidfd_open), the exit is
 * polled for at this interval. */
#define HOOK_POLL_MS 10
/* Timeouts beyond this many seconds are no timeout (no overflow in ms). */
#define HOOK_TIMEOUT_MAX_S 1000000000LL
/* Reads per wake-up, so a hook that writes without pause cannot keep the
 * runtime from checking its timeout. */
#define HOOK_DRAIN_READS 16

struct hook_child {
	pid_t pid;
	int pidfd; /* -1 when pidfd_open was refused */
	int out;   /* read end of the hook's stdout + stderr, non-blocking */
};

struct hook_output {
	char text[HOOK_OUTPUT_MAX + 1];
	size_t len;
	bool cut; /* more came than was kept */
};

static const char *const kind_names[] = {
    [HOOK_PRESTART] = "prestart",
    [HOOK_CREATE_RUNTIME] = "createRuntime",
    [HOOK_CREATE_CONTAINER] = "createContainer",
    [HOOK_START_CONTAINER] = "startContainer",
    [HOOK_POSTSTART] = "poststart",
    [HOOK_POSTSTOP] = "poststop",
};

const char *hook_kind_name(enum hook_kind kind)
{
	return kind_names[kind];
}

const struct spec_hook_list *hooks_of(const struct spec *spec, enum hook_kind kind)
{
	const struct spec_hooks *h = spec ? spec->hooks : NULL;
	if (!h)
		return NULL;
	const struct spec_hook_list *lists[] = {
	    [HOOK_PRESTART] = &h->prestart,
	    [HOOK_CREATE_RUNTIME] = &h->create_runtime,
	    [HOOK_CREATE_CONTAINER] = &h->create_container,
	    [HOOK_START_CONTAINER] = &h->start_container,
	    [HOOK_POSTSTART] = &h->poststart,
	    [HOOK_POSTSTOP] = &h->poststop,
	};
	return lists[kind]->len > 0 ? lists[kind] : NULL;
}

/* A NULL-terminated copy of v's pointers; [first] when v is empty and
 * first is given (argv without args is [path], as runc runs it). */
static char **terminated(const struct arca_strv *v, const char *first)
{
	size_t n = v->len ? v->len : (first ? 1 : 0);
	char **out = calloc(n + 1, sizeof(char *));
	if (!out)
		return NULL;
	if (v->len)
		memcpy((void *)out, (void *)v->items, v->len * sizeof(char *));
	else if (first)
		out[0] = (char *)first;
	return out;
}

/* The caller's blocked signals and ignored dispositions would survive
 * execve: the hook starts with the defaults. */
static void reset_signals(void)
{
	struct sigaction dfl = {.sa_handler = SIG_DFL};
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* In the child: stdin the state, stdout and stderr the pipe, nothing else. */
static _Noreturn void exec_hook(const char *path, char **argv, char **envp, int state_fd,
                                int out_fd)
{
	reset_signals();
	/* above 2 first, so that no dup2 below overwrites the other */
	int in = fcntl(state_fd, F_DUPFD, 3);
	int out = fcntl(out_fd, F_DUPFD, 3);
	if (in < 0 || out < 0 || dup2(in, 0) < 0 || lseek(0, 0, SEEK_SET) < 0 || dup2(out, 1) < 0 ||
	    dup2(out, 2) < 0)
		_exit(126);
	close_range(3, ~0U, 0);
	execve(path, argv, envp);
	dprintf(2, "exec %s: %s", path, strerror(errno));
	_exit(127);
}

static int spawn_hook(const struct spec_hook *hook, int state_fd, struct hook_child *c,
                      struct arca_error **err)
{
	_cleanup_free_ char **argv = terminated(&hook->args, hook->path);
	_cleanup_free_ char **envp = terminated(&hook->env, NULL);
	if (!argv || !envp)
		return arca_fail(err, ENOMEM, "%s", hook->path);
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return arca_fail(err, errno, "%s: make the output pipe", hook->path);
	_cleanup_close_ int writer = pipefd[1];
	c->out = pipefd[0];
	c->pid = fork();
	if (c->pid < 0)
		return arca_fail(err, errno, "%s: fork", hook->path);
	if (c->pid == 0)
		exec_hook(hook->path, argv, envp, state_fd, writer);
	c->pidfd = pidfd_open(c->pid, 0);
	if (fcntl(c->out, F_SETFL, O_NONBLOCK) < 0)
		return arca_fail(err, errno, "%s: output pipe", hook->path);
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long deadline_of(const struct spec_hook *hook)
{
	if (!hook->timeout.set || hook->timeout.value <= 0 ||
	    hook->timeout.value > HOOK_TIMEOUT_MAX_S)
		return -1;
	return now_ms() + (long long)hook->timeout.value * 1000;
}

/* Keeps the start of what the pipe holds, drops the rest. True at EOF. */
static bool drain(int fd, struct hook_output *out)
{
	char buf[4096];
	for (int i = 0; i < HOOK_DRAIN_READS; i++) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 || errno != EAGAIN;
		size_t take = HOOK_OUTPUT_MAX - out->len;
		if ((size_t)n < take)
			take = (size_t)n;
		memcpy(out->text + out->len, buf, take);
		out->len += take;
		out->cut = out->cut || take < (size_t)n;
	}
	return false;
}

static int reap(pid_t pid, int *status)
{
	pid_t w;
	do {
		w = waitpid(pid, status, 0);
	} while (w < 0 && errno == EINTR);
	return w < 0 ? -errno : 0;
}

/* Until the hook exits (0) or outlives its deadline (1: SIGKILLed and
 * reaped); its output drained on the way. */
static int wait_hook(const struct hook_child *c, long long deadline, struct hook_output *out,
                     int *status)
{
	struct pollfd p[2] = {{.fd = c->pidfd, .events = POLLIN}, {.fd = c->out, .events = POLLIN}};
	for (;;) {
		pid_t w = waitpid(c->pid, status, WNOHANG);
		if (w < 0 && errno != EINTR)
			return -errno;
		if (w == c->pid) {
			drain(c->out, out);
			return 0;
		}
		long long left = deadline < 0 ? -1 : deadline - now_ms();
		if (deadline >= 0 && left <= 0) {
			kill(c->pid, SIGKILL); /* not reaped yet: the pid is still the hook's */
			int r = reap(c->pid, status);
			drain(c->out, out);
			return r < 0 ? r : 1;
		}
		if (c->pidfd < 0 && (left < 0 || left > HOOK_POLL_MS))
			left = HOOK_POLL_MS;
		poll(p, 2, left > INT_MAX ? INT_MAX : (int)left);
		if (p[1].revents && drain(c->out, out))
			p[1].fd = -1;
	}
}

/* One line: control characters become spaces, trailing blanks go. */
static void clean_output(struct hook_output *out)
{
	for (size_t i = 0; i < out->len; i++)
		if ((unsigned char)out->text[i] < 0x20 || out->text[i] == 0x7f)
			out->text[i] = ' ';
	while (out->len > 0 && out->text[out->len - 1] == ' ')
		out->len--;
	out->text[out->len] = '\0';
}

static int hook_failed(const struct spec_hook *hook, int status, bool timed_out,
                       struct hook_output *out, struct arca_error **err)
{
	char what[96];
	int code = EIO;
	if (timed_out) {
		snprintf(what, sizeof(what), "timed out after %lld s",
		         (long long)hook->timeout.value);
		code = ETIMEDOUT;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		return 0;
	} else if (WIFEXITED(status)) {
		snprintf(what, sizeof(what), "exited with status %d", WEXITSTATUS(status));
	} else {
		int sig = WTERMSIG(status);
		snprintf(what, sizeof(what), "was killed by signal %d (%s)", sig, strsignal(sig));
	}
	clean_output(out);
	if (out->len == 0)
		return arca_fail_msg(err, code, "%s %s", hook->path, what);
	return arca_fail_msg(err, code, "%s %s: output: %s%s", hook->path, what, out->text,
	                     out->cut ? "..." : "");
}

static int run_hook(const struct spec_hook *hook, int state_fd, struct arca_error **err)
{
	struct hook_child c = {.pid = -1, .pidfd = -1, .out = -1};
	int r = spawn_hook(hook, state_fd, &c, err);
	_cleanup_close_ int out = c.out;
	_cleanup_close_ int pidfd = c.pidfd;
	if (r < 0)
		return r;
	struct hook_output output = {.len = 0};
	int status = 0;
	r = wait_hook(&c, deadline_of(hook), &output, &status);
	if (r < 0)
		return arca_fail(err, -r, "wait for %s", hook->path);
	return hook_failed(hook, status, r == 1, &output, err);
}

int hooks_run(const struct spec_hook_list *list, enum hook_kind kind, int state_fd,
              struct arca_error **err)
{
	for (size_t i = 0; list && i < list->len; i++) {
		int r = run_hook(&list->items[i], state_fd, err);
		if (r < 0)
			return arca_wrap(err, r, "hooks.%s[%zu]", hook_kind_name(kind), i);
	}
	return 0;
}

void hooks_run_warn(const struct spec_hook_list *list, enum hook_kind kind, int state_fd)
{
	for (size_t i = 0; list && i < list->len; i++) {
		struct arca_error *err = NULL;
		if (run_hook(&list->items[i], state_fd, &err) < 0)
			arca_warn("hooks.%s[%zu]: %s", hook_kind_name(kind), i,
			          err ? err->msg : "failed");
		arca_error_free(err);
	}
}

int hooks_state_memfd(const char *text, struct arca_error **err)
{
	_cleanup_close_ int fd = memfd_create("arca-hook-state", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return arca_fail(err, errno, "hooks: make the state memfd");
	int r = write_all(fd, text, strlen(text));
	if (r < 0)
		return arca_fail(err, -r, "hooks: write the state memfd");
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) < 0)
		return arca_fail(err, errno, "hooks: seal the state memfd");
	return TAKE_FD(fd);
}
