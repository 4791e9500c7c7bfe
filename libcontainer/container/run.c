/* `run`: create + start in one process. In the foreground, arca stays the
 * init's parent: it forwards every signal it receives to the init, reaps,
 * and exits with the container's status; the container is then deleted
 * unless --keep. With process.terminal and no --console-socket, arca holds
 * the pty itself and copies between it and its own stdio. */
#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "arca/log.h"
#include "container/create.h"
#include "container/delete.h"
#include "container/foreground.h"
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
	if (r < 0 && c.dir) { /* a failed hook destroyed it already */
		struct arca_error *ignored = NULL;
		delete_container(&c, true, &ignored);
		arca_error_free(ignored);
	}
	container_close(&c);
	return r;
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
	foreground_block_signals(&signals, &old);
	int status = 0;
	int r = proxy_terminal(job, &tty, err);
	if (r == 0)
		r = start_created(opts, err);
	if (r == 0)
		r = foreground_wait(job->pid, job->pidfd, &signals, &tty, &status, err);
	sigprocmask(SIG_SETMASK, &old, NULL);
	tty_proxy_end(&tty);
	if (r == 0)
		*exit_status = foreground_exit_code(status);
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
