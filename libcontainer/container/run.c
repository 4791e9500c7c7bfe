/* `run`: create + start in one process. In the foreground, arca stays the
 * init's parent: it forwards every signal it receives to the init, reaps,
 * and exits with the container's status; the container is then deleted
 * unless --keep. With process.terminal and no --console-socket, arca holds
 * the pty itself and copies between it and its own stdio. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "arca/log.h"
#include "container/create.h"
#include "container/delete.h"
#include "container/start.h"
#include "container/tty_proxy.h"
#include "linux/console.h"

static int start_created(const struct arca_run_opts *opts, struct arca_error **err)
{
	struct container c;
	int r = container_open(opts->create.root, opts->create.id, true, &c, err);
	if (r < 0)
		return r;
	r = start_container(&c, err);
	if (r < 0) {
		struct arca_error *ignored = NULL;
		delete_container(&c, true, &ignored);
		arca_error_free(ignored);
	}
	container_close(&c);
	return r;
}

static int exit_code(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Reaps every child that has exited; true once one was the init. */
static bool reap(pid_t init, int *status)
{
	bool init_done = false;
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st, WNOHANG | __WALL);
		if (pid <= 0)
			return init_done;
		if (pid == init) {
			*status = st;
			init_done = true;
		}
	}
}

static void handle_signals(int sigfd, int pidfd, const struct tty_proxy *tty)
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

enum {
	POLL_SIGNALS,
	POLL_INIT,
	POLL_STDIN,
	POLL_MASTER,
	POLL_COUNT
};

static int wait_container(const struct create_job *job, const sigset_t *signals,
                          struct tty_proxy *tty, int *status, struct arca_error **err)
{
	_cleanup_close_ int sigfd = signalfd(-1, signals, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0)
		return arca_fail(err, errno, "signalfd");
	struct pollfd p[POLL_COUNT] = {
	    [POLL_SIGNALS] = {.fd = sigfd, .events = POLLIN},
	    [POLL_INIT] = {.fd = job->pidfd, .events = POLLIN},
	    [POLL_STDIN] = {.fd = tty->master >= 0 ? STDIN_FILENO : -1, .events = POLLIN},
	    [POLL_MASTER] = {.fd = tty->master, .events = POLLIN},
	};
	while (!reap(job->pid, status)) {
		if (!tty->input_open)
			p[POLL_STDIN].fd = -1;
		if (poll(p, POLL_COUNT, -1) < 0 && errno != EINTR)
			return arca_fail(err, errno, "wait for the container");
		if (p[POLL_SIGNALS].revents)
			handle_signals(sigfd, job->pidfd, tty);
		if (p[POLL_STDIN].revents)
			tty_proxy_input(tty);
		if (p[POLL_MASTER].revents & POLLIN)
			tty_proxy_output(tty);
		else if (p[POLL_MASTER].revents)
			p[POLL_MASTER].fd = -1; /* every slave closed: nothing more to copy */
	}
	if (tty->master >= 0)
		tty_proxy_drain(tty);
	return 0;
}

static void block_all_signals(sigset_t *signals, sigset_t *old)
{
	sigfillset(signals);
	sigdelset(signals, SIGKILL);
	sigdelset(signals, SIGSTOP);
	sigprocmask(SIG_BLOCK, signals, old);
}

/* The pty master, when `run` proxies the terminal; -1 otherwise. */
static int take_terminal(const struct create_job *job, struct arca_error **err)
{
	if (job->console_peer < 0)
		return -1;
	return console_receive(job->console_peer, err);
}

static int proxy_terminal(const struct create_job *job, struct tty_proxy *tty,
                          struct arca_error **err)
{
	int master = take_terminal(job, err);
	if (master < 0)
		return job->console_peer >= 0 ? master : 0;
	int r = tty_proxy_begin(tty, master, err);
	if (r < 0)
		close(master);
	return r;
}

/* Created, started, waited for; whatever fails on the way, the container
 * does not outlive `run` unless --keep asked for it after a clean exit. */
static int run_foreground(const struct arca_run_opts *opts, const struct create_job *job,
                          int *exit_status, struct arca_error **err)
{
	struct tty_proxy tty = {.master = -1};
	sigset_t signals, old;
	block_all_signals(&signals, &old);
	int status = 0;
	int r = proxy_terminal(job, &tty, err);
	if (r == 0)
		r = start_created(opts, err);
	if (r == 0)
		r = wait_container(job, &signals, &tty, &status, err);
	sigprocmask(SIG_SETMASK, &old, NULL);
	tty_proxy_end(&tty);
	if (r == 0)
		*exit_status = exit_code(status);
	if (r == 0 && opts->keep)
		return 0;
	struct arca_error *delete_err = NULL;
	int d = arca_container_delete(opts->create.root, opts->create.id, true, &delete_err);
	if (r == 0 && d < 0) {
		arca_warn("%s", delete_err->msg); /* the exit status is the container's */
	}
	arca_error_free(delete_err);
	return r;
}

int arca_container_run(const struct arca_run_opts *opts, int *exit_status, struct arca_error **err)
{
	*exit_status = 0;
	/* a late pid namespace makes the init a grandchild: adopt it */
	if (!opts->detach && prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		return arca_fail(err, errno, "become a subreaper");
	struct create_job job;
	create_job_init(&job, &opts->create);
	job.proxy_terminal = !opts->detach && !opts->create.console_socket;
	int r = create_job_run(&job, err);
	/* start takes the container's lock itself */
	state_dir_close(job.dir);
	job.dir = NULL;
	if (r == 0 && opts->detach)
		r = start_created(opts, err);
	else if (r == 0)
		r = run_foreground(opts, &job, exit_status, err);
	create_job_free(&job);
	return r < 0 ? arca_wrap(err, r, "run container \"%s\"", opts->create.id) : 0;
}
