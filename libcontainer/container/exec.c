/* `arca exec`: a new process in a created or running container, in every
 * namespace of its init and in its cgroup, with the process's own user,
 * capabilities, rlimits and environment. Like runc, the process is not
 * recorded in the state: `kill --all` and `delete --force` find it in the
 * cgroup. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/pidfd.h>
#include <sys/wait.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "container/exec.h"
#include "container/foreground.h"
#include "container/lifecycle.h"
#include "linux/lsm.h"
#include "spec/spec_json.h"
#include "util/io.h"

static int check_terminal(const struct arca_exec_opts *o, const struct spec_process *p,
                          struct arca_error **err)
{
	if (p->terminal && o->detach && !o->console_socket)
		return arca_fail_msg(err, EINVAL,
		                     "a terminal with --detach needs --console-socket");
	if (!p->terminal && o->console_socket)
		return arca_fail_msg(
		    err, EINVAL, "--console-socket needs a terminal (--tty, or process.terminal)");
	return 0;
}

/* Labels the host cannot apply are refused, as create refuses them. */
static int check_labels(struct spec_process *p, struct arca_error **err)
{
	struct spec labels = {.process = p};
	if (!lsm_labels_set(&labels))
		return 0;
	struct lsm_host host;
	lsm_detect(&host);
	return lsm_check(&labels, &host, err);
}

static int write_pid_file(const char *path, pid_t pid, struct arca_error **err)
{
	char text[16];
	int len = snprintf(text, sizeof(text), "%d", (int)pid);
	return write_file_atomic(path, text, (size_t)len, 0644, err);
}

/* While the container is locked: it cannot be deleted under the launch. */
static int launch(const struct container *c, struct spec_process **process, struct exec_job *job,
                  struct arca_error **err)
{
	const struct arca_exec_opts *o = job->opts;
	int r = lifecycle_check(o->ignore_paused ? OP_EXEC_IGNORE_PAUSED : OP_EXEC, o->id,
	                        c->status, err);
	_cleanup_spec_ struct spec *config = NULL;
	if (r == 0)
		r = spec_load_bundle(c->dir->path, &config, err);
	if (r == 0)
		r = exec_process_build(o, config, process, err);
	if (r == 0)
		r = check_terminal(o, *process, err);
	if (r == 0)
		r = check_labels(*process, err);
	if (r < 0)
		return r;
	exec_job_init(job, o, c->rec, *process);
	job->seccomp_spec = config && config->linux_ ? config->linux_->seccomp : NULL;
	job->status = c->status;
	job->state_fds[0] = c->dir->fd;
	job->state_fds[1] = c->root_fd;
	r = exec_launch(job, err);
	if (r == 0 && o->pid_file && (r = write_pid_file(o->pid_file, job->pid, err)) < 0) {
		pidfd_send_signal(job->pidfd, SIGKILL, NULL, 0);
		waitpid(job->pid, NULL, 0);
	}
	return r;
}

static int exec_in(const struct arca_exec_opts *opts, const sigset_t *signals, int *exit_status,
                   struct arca_error **err)
{
	struct container c;
	int r = container_open(opts->root, opts->id, true, &c, err);
	if (r < 0)
		return r;
	_cleanup_spec_process_ struct spec_process *process = NULL;
	struct exec_job job;
	exec_job_init(&job, opts, NULL, NULL);
	r = launch(&c, &process, &job, err);
	container_close(&c);
	job.rec = NULL;
	int status = 0;
	if (r == 0 && !opts->detach && (r = exec_wait(&job, signals, &status, err)) < 0) {
		pidfd_send_signal(job.pidfd, SIGKILL, NULL, 0);
		waitpid(job.pid, NULL, 0);
	}
	if (r == 0)
		*exit_status = foreground_exit_code(status);
	exec_job_free(&job);
	return r;
}

int arca_container_exec(const struct arca_exec_opts *opts, int *exit_status,
                        struct arca_error **err)
{
	*exit_status = 0;
	/* in the foreground every signal is forwarded, also one that arrives
	 * while the process is being set up */
	sigset_t signals, old;
	if (!opts->detach)
		foreground_block_signals(&signals, &old);
	int r = exec_in(opts, &signals, exit_status, err);
	if (!opts->detach)
		sigprocmask(SIG_SETMASK, &old, NULL);
	return r < 0 ? arca_wrap(err, r, "exec in container \"%s\"", opts->id) : 0;
}
