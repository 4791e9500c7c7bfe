#include "container/foreground.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/pidfd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"

enum {
	POLL_SIGNALS,
	POLL_PROCESS,
	POLL_STDIN,
	POLL_MASTER,
	POLL_COUNT
};

void foreground_block_signals(sigset_t *signals, sigset_t *old)
{
	sigfillset(signals);
	sigdelset(signals, SIGKILL);
	sigdelset(signals, SIGSTOP);
	sigprocmask(SIG_BLOCK, signals, old);
}

int foreground_exit_code(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

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

/* Reaps every child that has exited: 1 once one of them was pid, 0 while
 * pid runs. */
static int reap(pid_t pid, int *status, struct arca_error **err)
{
	int done = 0;
	for (;;) {
		int st;
		pid_t got = waitpid(-1, &st, WNOHANG | __WALL);
		if (got == 0 || (got < 0 && errno == EINTR))
			return done;
		if (got < 0)
			return done ? done : arca_fail(err, errno, "wait for process %d", (int)pid);
		if (got == pid) {
			*status = st;
			done = 1;
		}
	}
}

int foreground_wait(pid_t pid, int pidfd, const sigset_t *signals, struct tty_proxy *tty,
                    int *status, struct arca_error **err)
{
	_cleanup_close_ int sigfd = signalfd(-1, signals, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0)
		return arca_fail(err, errno, "signalfd");
	struct pollfd p[POLL_COUNT] = {
	    [POLL_SIGNALS] = {.fd = sigfd, .events = POLLIN},
	    [POLL_PROCESS] = {.fd = pidfd, .events = POLLIN},
	    [POLL_STDIN] = {.fd = tty->master >= 0 ? STDIN_FILENO : -1, .events = POLLIN},
	    [POLL_MASTER] = {.fd = tty->master, .events = POLLIN},
	};
	int r;
	while ((r = reap(pid, status, err)) == 0) {
		if (!tty->input_open)
			p[POLL_STDIN].fd = -1;
		if (poll(p, POLL_COUNT, -1) < 0 && errno != EINTR)
			return arca_fail(err, errno, "wait for process %d", (int)pid);
		if (p[POLL_SIGNALS].revents)
			forward_signals(sigfd, pidfd, tty);
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
