/* Starting the exec'd process (runtime side): everything the child needs is
 * opened here, from the pidfd-verified init, before the clone; the child is
 * placed in every cgroup hierarchy before it does anything (GO), and the
 * launch ends when it has exec'd (READY, then EOF on the sync socket) or
 * reported why not (ERROR). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "cgroups/cgroups.h"
#include "container/exec.h"
#include "container/lifecycle.h"
#include "linux/console.h"
#include "linux/namespaces.h"
#include "linux/oom_score.h"
#include "linux/procfs.h"
#include "linux/seccomp_filter.h"
#include "linux/seccomp_listener.h"
#include "process/exec_child.h"
#include "process/spawn.h"
#include "process/sync.h"

void exec_job_init(struct exec_job *job, const struct arca_exec_opts *opts,
                   const struct container_record *rec, const struct spec_process *process)
{
	*job = (struct exec_job){
	    .opts = opts,
	    .rec = rec,
	    .process = process,
	    .state_fds = {-1, -1},
	    .procfd = -1,
	    .init_pidfd = -1,
	    .root_fd = -1,
	    .seccomp_listener = -1,
	    .console_fd = -1,
	    .console_peer = -1,
	    .sync = {-1, -1},
	    .pidfd = -1,
	};
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void exec_job_free(struct exec_job *job)
{
	int *fds[] = {&job->procfd,           &job->init_pidfd, &job->root_fd,
	              &job->seccomp_listener, &job->console_fd, &job->console_peer,
	              &job->sync[0],          &job->sync[1],    &job->pidfd};
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		close_fd(fds[i]);
	cgroup_free(job->cgroup);
	job->cgroup = NULL;
	seccomp_program_free(job->seccomp);
	job->seccomp = NULL;
}

static int init_gone(struct arca_error **err)
{
	return arca_fail_msg(err, ESRCH, "the container init has exited");
}

/* Which namespaces to join and the root to take, read through /proc/PID
 * of the init: the pidfd pins the process, and it still answering after
 * the reads shows that the pid was not reused in between. */
static int open_init(struct exec_job *job, struct arca_error **err)
{
	if ((job->procfd = procfs_open(err)) < 0)
		return job->procfd;
	job->init_pidfd = container_init_pidfd(job->rec, err);
	if (job->init_pidfd == -ESRCH)
		return init_gone(err);
	if (job->init_pidfd < 0)
		return job->init_pidfd;
	pid_t pid = job->rec->init_pid;
	int r = ns_differing(job->procfd, pid, &job->ns_flags, err);
	if (r < 0)
		return r;
	char path[32];
	snprintf(path, sizeof(path), "%d/root", (int)pid);
	job->root_fd = openat(job->procfd, path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (job->root_fd < 0)
		return arca_fail(err, errno, "open the root of the container init");
	if (pidfd_send_signal(job->init_pidfd, 0, NULL, 0) < 0)
		return init_gone(err);
	return 0;
}

/* The terminal's master goes to --console-socket or, when arca proxies the
 * terminal itself, to a socketpair it keeps the other end of. */
static int open_console(struct exec_job *job, struct arca_error **err)
{
	if (!job->process->terminal)
		return 0;
	if (job->opts->console_socket) {
		job->console_fd = console_socket_connect(job->opts->console_socket, err);
		return job->console_fd < 0 ? job->console_fd : 0;
	}
	int pair[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
		return arca_fail(err, errno, "make the console socket");
	job->console_peer = pair[0];
	job->console_fd = pair[1];
	return 0;
}

/* The container's filter, built before the clone (SECC-01); with
 * SCMP_ACT_NOTIFY the agent is reached now too. */
static int prepare_seccomp(struct exec_job *job, struct arca_error **err)
{
	if (!job->seccomp_spec)
		return 0;
	int r =
	    seccomp_program_build_cached(job->seccomp_spec, job->opts->root, &job->seccomp, err);
	if (r < 0 || !job->seccomp->notify)
		return r;
	job->seccomp_listener = seccomp_listener_connect(job->seccomp_spec, err);
	return job->seccomp_listener < 0 ? job->seccomp_listener : 0;
}

static int open_inputs(struct exec_job *job, struct arca_error **err)
{
	int r = prepare_seccomp(job, err);
	if (r == 0)
		r = open_init(job, err);
	if (r == 0 && job->rec->cgroup)
		r = cgroup_from_json(job->rec->cgroup, &job->cgroup, err);
	if (r == 0)
		r = open_console(job, err);
	return r < 0 ? r : sync_pair(job->sync, err);
}

static _Noreturn void run_child(const struct exec_job *job, int saved_pid_ns)
{
	if (saved_pid_ns >= 0)
		close(saved_pid_ns);
	struct exec_child_args args = {
	    .id = job->rec->id,
	    .process = job->process,
	    .seccomp = job->seccomp,
	    .sync_fd = job->sync[1],
	    .procfd = job->procfd,
	    .init_pidfd = job->init_pidfd,
	    .ns_flags = job->ns_flags & ~CLONE_NEWPID,
	    .root_fd = job->root_fd,
	    .console_fd = job->console_fd,
	    .preserve_fds = job->opts->preserve_fds,
	    .parent_fds = {job->sync[0], job->console_peer, job->state_fds[0], job->state_fds[1],
	                   job->cgroup ? cgroup_clone_fd(job->cgroup) : -1, job->seccomp_listener},
	};
	exec_child_run(&args);
}

/* Into the init's pid namespace by the runtime's pid_for_children, for
 * this one clone; not dumpable from birth (the flag is copied with the
 * memory), so no container process can reach the child's fds before it
 * says so itself. */
static int clone_into_container(struct exec_job *job, struct arca_error **err)
{
	int saved = -1;
	if (job->ns_flags & CLONE_NEWPID) {
		int r = ns_pid_for_children(job->procfd, job->init_pidfd, &saved, err);
		if (r < 0)
			return r;
	}
	int dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
		int e = errno;
		if (saved >= 0)
			(void)ns_restore_pid_for_children(saved); /* the error below matters more */
		return arca_fail(err, e, "stop being dumpable for the clone");
	}
	int cgroup_fd = job->cgroup ? cgroup_clone_fd(job->cgroup) : -1;
	long pid = spawn_clone(0, cgroup_fd, &job->pidfd);
	job->in_cgroup2 = cgroup_fd >= 0;
	if (pid < 0 && job->in_cgroup2 && errno != ENOMEM && errno != EAGAIN) {
		/* a cgroup2 directory that takes no process now: attached below */
		job->in_cgroup2 = false;
		pid = spawn_clone(0, -1, &job->pidfd);
	}
	if (pid == 0)
		run_child(job, saved);
	int saved_errno = errno;
	/* best effort: only the runtime's own core dumps depend on it */
	(void)prctl(PR_SET_DUMPABLE, dumpable, 0, 0, 0);
	int back = saved >= 0 ? ns_restore_pid_for_children(saved) : 0;
	if (pid < 0)
		return arca_fail(err, saved_errno, "clone the process");
	job->pid = (pid_t)pid;
	close_fd(&job->sync[1]);
	close_fd(&job->console_fd);
	return back < 0 ? arca_fail(err, -back, "return to the runtime's pid namespace") : 0;
}

static int place_child(struct exec_job *job, struct arca_error **err)
{
	int r = job->cgroup ? cgroup_attach(job->cgroup, job->pid, job->in_cgroup2, err) : 0;
	if (r == 0)
		r = oom_score_apply(job->procfd, job->pid, &job->process->oom_score_adj, err);
	if (r < 0)
		return r;
	r = sync_send(job->sync[0], SYNC_GO, 0, NULL);
	return r < 0 ? arca_fail(err, -r, "start the process") : 0;
}

/* EOF before READY: the child died; its status says how (left to reap). */
static int child_died(const struct exec_job *job, struct arca_error **err)
{
	siginfo_t info = {0};
	if (waitid(P_PID, (id_t)job->pid, &info, WEXITED | WNOWAIT) < 0)
		return arca_fail(err, errno, "the process went away");
	if (info.si_code == CLD_EXITED)
		return arca_fail_msg(err, EIO, "the process exited with status %d before exec",
		                     info.si_status);
	return arca_fail_msg(err, EIO, "the process was killed by signal %d (%s) before exec",
	                     info.si_status, strsignal(info.si_status));
}

/* SECC-08, SECC-09: the child loaded its filter; its listener fd goes to
 * the agent with the container's state and the process's pid, once. */
static int hand_over_listener(struct exec_job *job, int notify_fd, struct arca_error **err)
{
	_cleanup_close_ int fd = notify_fd;
	_cleanup_close_ int sock = TAKE_FD(job->seccomp_listener);
	if (fd < 0 || sock < 0)
		return arca_fail_msg(err, EPROTO, "the process sent no seccomp listener fd");
	struct seccomp_listener_state state = {
	    .id = job->rec->id,
	    .status = arca_status_name(job->status),
	    .pid = job->pid,
	    .bundle = job->rec->bundle,
	    .annotations = &job->rec->annotations,
	};
	return seccomp_listener_send(sock, job->seccomp_spec, &state, fd, err);
}

/* One message: 1 for READY, 0 to go on, <0 on error (passed_fd is taken). */
static int handle_message(struct exec_job *job, const struct sync_msg *msg, int passed_fd,
                          struct arca_error **err)
{
	if (msg->type == SYNC_SECCOMP)
		return hand_over_listener(job, passed_fd, err);
	if (passed_fd >= 0)
		close(passed_fd);
	switch (msg->type) {
	case SYNC_WARN:
		arca_warn("%s", msg->text);
		return 0;
	case SYNC_READY:
		return 1;
	case SYNC_ERROR:
		return arca_fail_msg(err, msg->code, "%s", msg->text);
	default:
		return arca_fail_msg(err, EPROTO, "the process sent message %u", msg->type);
	}
}

static int wait_exec(struct exec_job *job, struct arca_error **err)
{
	bool ready = false;
	for (;;) {
		struct sync_msg msg;
		int passed_fd = -1;
		int r = sync_recv(job->sync[0], &msg, &passed_fd);
		if (r == 1)
			return ready ? 0 : child_died(job, err);
		if (r < 0)
			return arca_fail(err, -r, "read from the process");
		if ((r = handle_message(job, &msg, passed_fd, err)) < 0)
			return r;
		ready = ready || r == 1;
	}
}

static void kill_child(struct exec_job *job)
{
	pidfd_send_signal(job->pidfd, SIGKILL, NULL, 0);
	waitpid(job->pid, NULL, 0);
	close_fd(&job->pidfd);
	job->pid = 0;
}

int exec_launch(struct exec_job *job, struct arca_error **err)
{
	int r = open_inputs(job, err);
	if (r == 0)
		r = clone_into_container(job, err);
	if (r == 0)
		r = place_child(job, err);
	if (r == 0)
		r = wait_exec(job, err);
	if (r < 0 && job->pid > 0)
		kill_child(job);
	return r;
}
