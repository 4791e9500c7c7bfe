/* `run`: create + start in one process. In the foreground, arca stays the
 * init's parent: it forwards every signal it receives to the init, reaps,
 * and exits with the container's status; the container is then deleted
 * unless --keep. */
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
#include "container/create.h"
#include "container/delete.h"
#include "container/start.h"

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

/* Reaps every child that has exited; sets *status when one was the init. */
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

static void forward(int sigfd, int pidfd)
{
	struct signalfd_siginfo si;
	while (read(sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		if (si.ssi_signo != SIGCHLD)
			pidfd_send_signal(pidfd, (int)si.ssi_signo, NULL, 0);
}

static int wait_container(pid_t pid, int pidfd, const sigset_t *signals, int *status,
                          struct arca_error **err)
{
	_cleanup_close_ int sigfd = signalfd(-1, signals, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0)
		return arca_fail(err, errno, "signalfd");
	struct pollfd p[2] = {{.fd = sigfd, .events = POLLIN}, {.fd = pidfd, .events = POLLIN}};
	while (!reap(pid, status)) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			return arca_fail(err, errno, "wait for the container");
		if (p[0].revents)
			forward(sigfd, pidfd);
	}
	return 0;
}

static void block_all_signals(sigset_t *signals, sigset_t *old)
{
	sigfillset(signals);
	sigdelset(signals, SIGKILL);
	sigdelset(signals, SIGSTOP);
	sigprocmask(SIG_BLOCK, signals, old);
}

static int run_foreground(const struct arca_run_opts *opts, struct create_job *job,
                          int *exit_status, struct arca_error **err)
{
	sigset_t signals, old;
	block_all_signals(&signals, &old);
	int r = start_created(opts, err);
	int status = 0;
	if (r == 0)
		r = wait_container(job->pid, job->pidfd, &signals, &status, err);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (r < 0)
		return r;
	*exit_status = exit_code(status);
	if (opts->keep)
		return 0;
	return arca_container_delete(opts->create.root, opts->create.id, true, err);
}

int arca_container_run(const struct arca_run_opts *opts, int *exit_status, struct arca_error **err)
{
	*exit_status = 0;
	/* a late pid namespace makes the init a grandchild: adopt it */
	if (!opts->detach && prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		return arca_fail(err, errno, "become a subreaper");
	struct create_job job;
	create_job_init(&job, &opts->create);
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
