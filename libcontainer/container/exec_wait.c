/* A foreground `exec`: arca stays the process's parent until it exits,
 * forwards the signals it receives to it, and copies the terminal when it
 * holds the pty master itself. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/pidfd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "container/exec.h"
#include "container/tty_proxy.h"
#include "linux/console.h"

enum {
	POLL_SIGNALS,
	POLL_PROCESS,
	POLL_STDIN,
	POLL_MASTER,
	POLL_COUNT
};

static void forward_signals(int sigfd, int pidfd, const struct tty_proxy *tty)
{
	struct signalfd_siginfo si;
	while (read(sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		int sig = (int)si.ssi_signo;
		if (sig == SIGCHLD)
			continue;
		if (sig == SIGWINCH && tty->master >= 0)
			tty_proxy_resize(tty);
		else
			pidfd_send_signal(pidfd, sig, NULL, 0);
	}
}

/* 1 once the process was reaped, 0 while it runs. */
static int reaped(const struct exec_job *job, int *status, struct arca_error **err)
{
	pid_t pid = waitpid(job->pid, status, WNOHANG);
	if (pid < 0 && errno != EINTR)
		return arca_fail(err, errno, "wait for the process");
	return pid == job->pid;
}

static int wait_loop(const struct exec_job *job, const sigset_t *signals, struct tty_proxy *tty,
                     int *status, struct arca_error **err)
{
	_cleanup_close_ int sigfd = signalfd(-1, signals, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0)
		return arca_fail(err, errno, "signalfd");
	struct pollfd p[POLL_COUNT] = {
	    [POLL_SIGNALS] = {.fd = sigfd, .events = POLLIN},
	    [POLL_PROCESS] = {.fd = job->pidfd, .events = POLLIN},
	    [POLL_STDIN] = {.fd = tty->master >= 0 ? STDIN_FILENO : -1, .events = POLLIN},
	    [POLL_MASTER] = {.fd = tty->master, .events = POLLIN},
	};
	int r;
	while ((r = reaped(job, status, err)) == 0) {
		if (!tty->input_open)
			p[POLL_STDIN].fd = -1;
		if (poll(p, POLL_COUNT, -1) < 0 && errno != EINTR)
			return arca_fail(err, errno, "wait for the process");
		if (p[POLL_SIGNALS].revents)
			forward_signals(sigfd, job->pidfd, tty);
		if (p[POLL_STDIN].revents)
			tty_proxy_input(tty);
		if (p[POLL_MASTER].revents & POLLIN)
			tty_proxy_output(tty);
		else if (p[POLL_MASTER].revents)
			p[POLL_MASTER].fd = -1; /* every slave closed: nothing more to copy */
	}
	if (r > 0 && tty->master >= 0)
		tty_proxy_drain(tty);
	return r < 0 ? r : 0;
}

int exec_wait(const struct exec_job *job, const sigset_t *signals, int *status,
              struct arca_error **err)
{
	struct tty_proxy tty = {.master = -1};
	int r = 0;
	if (job->console_peer >= 0) {
		int master = console_receive(job->console_peer, err);
		if (master < 0)
			return master;
		r = tty_proxy_begin(&tty, master, err); /* which owns master from now on */
	}
	if (r == 0)
		r = wait_loop(job, signals, &tty, status, err);
	tty_proxy_end(&tty);
	return r;
}
