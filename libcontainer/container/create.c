/* `create` as an explicit sequence of steps. Each step that leaves something
 * behind has an undo; when a step fails, the undos of the steps before it
 * run in reverse, so a failed create leaves no state directory, cgroup,
 * mount or process (LIFE-11). */
#include "container/create.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "arca/log.h"
#include "cgroups/cgroups.h"
#include "cgroups/resources.h"
#include "container/hook_state.h"
#include "linux/console.h"
#include "linux/idmap.h"
#include "linux/lsm.h"
#include "linux/oom_score.h"
#include "linux/procfs.h"
#include "linux/rootfs.h"
#include "linux/seccomp_filter.h"
#include "linux/seccomp_listener.h"
#include "linux/sysctl.h"
#include "process/spawn.h"
#include "process/sync.h"
#include "spec/spec_json.h"
#include "util/io.h"
#include "util/path.h"

/* How long a failed create waits for its init to die. */
#define CREATE_UNDO_WAIT_MS 5000

struct create_step {
	int (*run)(struct create_job *job, struct arca_error **err);
	void (*undo)(struct create_job *job);
};

static int check_id(struct create_job *job, struct arca_error **err)
{
	return arca_id_validate(job->opts->id, err);
}

/* A rootfs that is the host's / (a link to it, say) would have the
 * container's mounts made over the host's /proc, /dev and /sys, in the
 * host's mount namespace when the config has none: refused. */
static int check_not_host_root(const char *rootfs, const struct stat *st, struct arca_error **err)
{
	struct stat host;
	if (stat("/", &host) < 0)
		return arca_fail(err, errno, "stat /");
	if (st->st_dev == host.st_dev && st->st_ino == host.st_ino)
		return arca_fail_msg(err, EINVAL, "root.path: %s is the host's root directory",
		                     rootfs);
	return 0;
}

static int load_bundle(struct create_job *job, struct arca_error **err)
{
	int r = path_absolute(job->opts->bundle, &job->bundle, err);
	if (r == 0)
		r = spec_load_bundle(job->bundle, &job->spec, err);
	if (r < 0)
		return r;
	job->rootfs = path_resolve_from(job->bundle, job->spec->root->path);
	if (!job->rootfs)
		return arca_fail(err, ENOMEM, "root.path");
	struct stat st;
	if (stat(job->rootfs, &st) < 0)
		return arca_fail(err, errno, "root.path: %s", job->rootfs);
	if (!S_ISDIR(st.st_mode))
		return arca_fail_msg(err, ENOTDIR, "root.path: %s is not a directory", job->rootfs);
	return check_not_host_root(job->rootfs, &st, err);
}

/* What the config asks for that this runtime cannot do (yet), refused
 * before anything is made. */
static int check_supported(struct create_job *job, struct arca_error **err)
{
	const struct spec_process *p = job->spec->process;
	bool terminal = p && p->terminal;
	if (terminal && !job->opts->console_socket && !job->proxy_terminal)
		return arca_fail_msg(err, EINVAL,
		                     "process.terminal is true: --console-socket is required");
	if (!terminal && job->opts->console_socket)
		return arca_fail_msg(err, EINVAL,
		                     "--console-socket needs process.terminal to be true");
	if (lsm_labels_set(job->spec)) {
		struct lsm_host host;
		lsm_detect(&host);
		return lsm_check(job->spec, &host, err);
	}
	return 0;
}

/* SECC-01: the filter is built before anything is made, so a profile arca
 * cannot honour fails here; with SCMP_ACT_NOTIFY the agent is reached now
 * too. The init only loads the finished program. */
static int prepare_seccomp(struct create_job *job, struct arca_error **err)
{
	const struct spec_linux *lx = job->spec->linux_;
	if (!lx || !lx->seccomp)
		return 0;
	int r = seccomp_program_build_cached(lx->seccomp, job->opts->root, &job->seccomp, err);
	if (r < 0 || !job->seccomp->notify)
		return r;
	job->seccomp_listener = seccomp_listener_connect(lx->seccomp, err);
	return job->seccomp_listener < 0 ? job->seccomp_listener : 0;
}

static int make_state_dir(struct create_job *job, struct arca_error **err)
{
	int r = state_root_open(job->opts->root, &job->root_fd, err);
	if (r == 0)
		r = state_dir_create(job->opts->root, job->root_fd, job->opts->id, &job->dir, err);
	return r;
}

static void remove_state_dir(struct create_job *job)
{
	state_dir_remove(job->root_fd, job->dir, NULL);
	job->dir = NULL;
}

/* The config snapshot (LIFE-03) and the create/start barrier. */
static int fill_state_dir(struct create_job *job, struct arca_error **err)
{
	_cleanup_free_ char *json = NULL;
	int r = spec_to_json(job->spec, &json, err);
	if (r == 0)
		r = write_file_at(job->dir->fd, STATE_CONFIG_FILE, json, strlen(json), 0600, err);
	if (r < 0)
		return r;
	/* Writable by everyone, like runc's: the init reopens it after it
	 * took the container user's ids, and a writer alone cannot start
	 * anything. Only the owner (the runtime) can read it. */
	if (mkfifoat(job->dir->fd, STATE_FIFO_FILE, 0622) < 0 ||
	    fchmodat(job->dir->fd, STATE_FIFO_FILE, 0622, 0) < 0)
		return arca_fail(err, errno, "make %s", STATE_FIFO_FILE);
	job->fifo_fd = openat(job->dir->fd, STATE_FIFO_FILE, O_PATH | O_CLOEXEC);
	if (job->fifo_fd < 0)
		return arca_fail(err, errno, "open %s", STATE_FIFO_FILE);
	return 0;
}

static int make_cgroup(struct create_job *job, struct arca_error **err)
{
	const struct spec_linux *lx = job->spec->linux_;
	return cgroup_create(lx ? lx->cgroups_path : NULL, job->opts->id, &job->cgroup, err);
}

/* linux.resources, before the init exists: it starts limited (CG-06). */
static int apply_resources(struct create_job *job, struct arca_error **err)
{
	const struct spec_linux *lx = job->spec->linux_;
	return cgroup_apply_resources(job->cgroup, lx ? lx->resources : NULL, err);
}

static void destroy_cgroup(struct create_job *job)
{
	cgroup_destroy(job->cgroup, NULL);
}

static int open_inputs(struct create_job *job, struct arca_error **err)
{
	job->procfd = procfs_open(err);
	if (job->procfd < 0)
		return job->procfd;
	const struct spec_linux *lx = job->spec->linux_;
	int r = ns_plan_open(lx, &job->ns, err);
	if (r == 0 && lx)
		r = sysctl_validate(&lx->sysctl, &job->ns, err);
	if (r < 0)
		return r;
	if (job->opts->console_socket) {
		job->console_fd = console_socket_connect(job->opts->console_socket, err);
		if (job->console_fd < 0)
			return job->console_fd;
	} else if (job->proxy_terminal && job->spec->process && job->spec->process->terminal) {
		int pair[2];
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
			return arca_fail(err, errno, "make the console socket");
		job->console_peer = pair[0];
		job->console_fd = pair[1];
	}
	return sync_pair(job->sync, err);
}

static int spawn(struct create_job *job, struct arca_error **err)
{
	struct init_args args = {
	    .spec = job->spec,
	    .id = job->opts->id,
	    .rootfs = job->rootfs,
	    .bundle = job->bundle,
	    .ns = &job->ns,
	    .cgroup = job->cgroup,
	    .seccomp = job->seccomp,
	    .sync_fd = job->sync[1],
	    .fifo_fd = job->fifo_fd,
	    .console_fd = job->console_fd,
	    .parent_fds = {job->sync[0], job->dir->fd, job->root_fd, job->console_peer,
	                   cgroup_clone_fd(job->cgroup), job->procfd, job->seccomp_listener},
	    .no_pivot = job->opts->no_pivot,
	    .no_new_keyring = job->opts->no_new_keyring,
	    .listen_fds = job->opts->listen_fds,
	    .preserve_fds = job->opts->preserve_fds,
	};
	int flags = spawn_plan(&job->ns, &args);
	int r = spawn_init(&args, flags, cgroup_clone_fd(job->cgroup), &job->init, err);
	if (r < 0)
		return r;
	close(job->sync[1]);
	job->sync[1] = -1;
	job->pid = job->init.pid;
	job->pidfd = TAKE_FD(job->init.pidfd);
	return 0;
}

/* Undo of spawn: everything in the container's cgroup dies (the init, and
 * in a late pid namespace the process that forked it), and is waited for. */
static void kill_init(struct create_job *job)
{
	_cleanup_free_ pid_t *pids = NULL;
	size_t n = 0;
	if (cgroup_pids(job->cgroup, &pids, &n, NULL) == 0)
		for (size_t i = 0; i < n; i++)
			kill(pids[i], SIGKILL);
	pidfd_send_signal(job->pidfd, SIGKILL, NULL, 0);
	struct pollfd exited = {.fd = job->pidfd, .events = POLLIN};
	poll(&exited, 1, CREATE_UNDO_WAIT_MS);
	waitpid(job->init.pid, NULL, 0);
	if (job->pid != job->init.pid)
		waitpid(job->pid, NULL, WNOHANG); /* our child only when run is a subreaper */
	if (job->rec.rootfs_anchor)
		rootfs_detach_anchor(job->rootfs, job->rec.rootfs_anchor, NULL);
}

static int write_record(struct create_job *job, bool creating, struct arca_error **err)
{
	job->rec.creating = creating;
	job->rec.init_pid = job->pid;
	int r = proc_stat_read(job->pid, &job->rec.init_start_time, &(char){0});
	if (r < 0)
		return arca_fail(err, -r, "read the start time of the init (pid %d)", job->pid);
	return state_record_write(job->dir, &job->rec, err);
}

static int fill_record(struct create_job *job, struct arca_error **err)
{
	struct container_record *rec = &job->rec;
	rec->id = strdup(job->opts->id);
	rec->bundle = strdup(job->bundle);
	rec->rootfs = strdup(job->rootfs);
	rec->owner_uid = geteuid();
	rec->annotations = job->spec->annotations; /* borrowed, see create_job_free */
	if (!rec->id || !rec->bundle || !rec->rootfs)
		return arca_fail(err, ENOMEM, "record the container");
	int r = rfc3339_now(&rec->created, err);
	if (r == 0)
		r = cgroup_to_json(job->cgroup, &rec->cgroup, err);
	return r;
}

/* The cgroup on the v1 side, the id maps of a new user namespace, a first
 * record (so a crash from here on leaves a container that delete can
 * remove), then GO. */
static int place_init(struct create_job *job, struct arca_error **err)
{
	int r = cgroup_attach(job->cgroup, job->init.pid, job->init.in_cgroup2, err);
	if (r == 0 && (job->init.clone_flags & CLONE_NEWUSER))
		r = idmap_write(job->procfd, job->init.pid, job->spec->linux_, err);
	if (r == 0)
		r = fill_record(job, err);
	if (r == 0)
		r = write_record(job, true, err);
	if (r < 0)
		return r;
	r = sync_send(job->sync[0], SYNC_GO, 0, NULL);
	return r < 0 ? arca_fail(err, -r, "start the container init") : 0;
}

static int init_died(struct create_job *job, struct arca_error **err)
{
	if (job->pid != job->init.pid) /* not our child: no status to read */
		return arca_fail_msg(
		    err, EIO, "the container init (pid %d) exited before it was ready", job->pid);
	int status = 0;
	if (waitpid(job->init.pid, &status, 0) < 0)
		return arca_fail(err, errno, "the container init went away");
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		if (sig == SIGKILL && cgroup_oom_killed(job->cgroup))
			return arca_fail_msg(err, ENOMEM,
			                     "the container init was killed by the OOM killer");
		return arca_fail_msg(err, EIO, "the container init was killed by signal %d (%s)",
		                     sig, strsignal(sig));
	}
	return arca_fail_msg(err, EIO,
	                     "the container init exited with status %d before it was ready",
	                     WEXITSTATUS(status));
}

/* The pid a pidfd stands for, as the runtime's pid namespace numbers it. */
static pid_t pidfd_pid(int procfd, int pidfd)
{
	char path[32], buf[512];
	snprintf(path, sizeof(path), "self/fdinfo/%d", pidfd);
	_cleanup_close_ int fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	const char *line = strstr(buf, "\nPid:");
	return line ? (pid_t)strtol(line + 5, NULL, 10) : -1;
}

/* A late pid namespace: the process clone made forked the init and left;
 * the init sent a pidfd of itself, which the record now follows. */
static int adopt_real_init(struct create_job *job, int pidfd, struct arca_error **err)
{
	pid_t pid = pidfd_pid(job->procfd, pidfd);
	if (pid <= 0) {
		close(pidfd);
		return arca_fail_msg(err, EPROTO, "the container init sent no usable pidfd");
	}
	close(job->pidfd);
	job->pidfd = pidfd;
	job->pid = pid;
	waitpid(job->init.pid, NULL, 0);
	return write_record(job, true, err);
}

/* SECC-08, SECC-09: the init loaded its filter; its listener fd goes to the
 * agent with the state (status "creating", as runc and crun send it), and
 * the connection is closed, used once. */
static int hand_over_listener(struct create_job *job, int notify_fd, struct arca_error **err)
{
	_cleanup_close_ int fd = notify_fd;
	_cleanup_close_ int sock = TAKE_FD(job->seccomp_listener);
	if (fd < 0 || sock < 0)
		return arca_fail_msg(err, EPROTO, "the container init sent no seccomp listener fd");
	struct seccomp_listener_state state = {
	    .id = job->opts->id,
	    .status = arca_status_name(ARCA_STATUS_CREATING),
	    .pid = job->pid,
	    .bundle = job->bundle,
	    .annotations = &job->spec->annotations,
	};
	return seccomp_listener_send(sock, job->spec->linux_->seccomp, &state, fd, err);
}

/* HOOK-04, HOOK-05: the init built the rootfs and waits before pivot_root:
 * prestart, then createRuntime, in the runtime's namespaces. Status
 * "created", as crun sends it and runtime-tools expects (HOOK-03). The
 * sealed state then goes to the init for createContainer and startContainer. */
static int run_runtime_hooks(struct create_job *job, struct arca_error **err)
{
	job->hooks_started = true;
	_cleanup_close_ int fd = hook_state_open(&job->rec, ARCA_STATUS_CREATED, job->pid, err);
	if (fd < 0)
		return arca_wrap(err, fd, "hooks");
	int r = hooks_run(hooks_of(job->spec, HOOK_PRESTART), HOOK_PRESTART, fd, err);
	if (r == 0)
		r = hooks_run(hooks_of(job->spec, HOOK_CREATE_RUNTIME), HOOK_CREATE_RUNTIME, fd,
		              err);
	if (r < 0)
		return r;
	r = sync_send_fd(job->sync[0], SYNC_HOOKS_DONE, fd);
	return r < 0 ? arca_fail(err, -r, "answer the container init") : 0;
}

static int answer(struct create_job *job, enum sync_type type, struct arca_error **err)
{
	int r = sync_send(job->sync[0], type, 0, NULL);
	return r < 0 ? arca_fail(err, -r, "answer the container init") : 0;
}

/* One message from the init: 1 when it is ready, 0 to go on, <0 on error. */
static int handle_message(struct create_job *job, const struct sync_msg *msg, int passed_fd,
                          struct arca_error **err)
{
	int r;
	switch (msg->type) {
	case SYNC_WARN:
		arca_warn("%s", msg->text);
		return 0;
	case SYNC_ANCHOR:
		job->rec.rootfs_anchor = strtoull(msg->text, NULL, 10);
		return 0;
	case SYNC_MAPS:
		r = idmap_write(job->procfd, job->init.pid, job->spec->linux_, err);
		return r < 0 ? r : answer(job, SYNC_MAPS_DONE, err);
	case SYNC_TIMENS:
		r = ns_write_time_offsets(job->procfd, job->init.pid,
		                          job->spec->linux_->time_offsets, err);
		return r < 0 ? r : answer(job, SYNC_TIMENS_DONE, err);
	case SYNC_SECCOMP:
		return hand_over_listener(job, passed_fd, err);
	case SYNC_HOOKS:
		return run_runtime_hooks(job, err);
	case SYNC_PID:
		if (passed_fd < 0)
			return arca_fail_msg(err, EPROTO, "the container init sent no pidfd");
		return adopt_real_init(job, passed_fd, err);
	case SYNC_ERROR:
		return arca_fail_msg(err, msg->code, "%s", msg->text);
	case SYNC_READY:
		return 1;
	default:
		return arca_fail_msg(err, EPROTO, "the container init sent message %u", msg->type);
	}
}

static int wait_ready(struct create_job *job, struct arca_error **err)
{
	for (;;) {
		struct sync_msg msg;
		int passed_fd = -1;
		int r = sync_recv(job->sync[0], &msg, &passed_fd);
		if (r == 1)
			return init_died(job, err);
		if (r < 0)
			return arca_fail(err, -r, "read from the container init");
		if (passed_fd >= 0 && msg.type != SYNC_PID && msg.type != SYNC_SECCOMP)
			close(passed_fd);
		r = handle_message(job, &msg, passed_fd, err);
		if (r != 0)
			return r < 0 ? r : 0;
	}
}

static int finish(struct create_job *job, struct arca_error **err)
{
	const struct spec_process *p = job->spec->process;
	int r = p ? oom_score_apply(job->procfd, job->pid, &p->oom_score_adj, err) : 0;
	if (r == 0)
		r = write_record(job, false, err);
	if (r < 0 || !job->opts->pid_file)
		return r;
	char pid[16];
	int len = snprintf(pid, sizeof(pid), "%d", job->pid);
	return write_file_atomic(job->opts->pid_file, pid, (size_t)len, 0644, err);
}

static const struct create_step steps[] = {
    {check_id, NULL},
    {load_bundle, NULL},
    {check_supported, NULL},
    {prepare_seccomp, NULL},
    {make_state_dir, remove_state_dir},
    {fill_state_dir, NULL},
    {make_cgroup, destroy_cgroup},
    {apply_resources, NULL},
    {open_inputs, NULL},
    {spawn, kill_init},
    {place_init, NULL},
    {wait_ready, NULL},
    {finish, NULL},
};

void create_job_init(struct create_job *job, const struct arca_create_opts *opts)
{
	*job = (struct create_job){
	    .opts = opts,
	    .root_fd = -1,
	    .fifo_fd = -1,
	    .procfd = -1,
	    .console_fd = -1,
	    .console_peer = -1,
	    .seccomp_listener = -1,
	    .sync = {-1, -1},
	    .init = {.pidfd = -1},
	    .pidfd = -1,
	};
	for (int t = 0; t < SPEC_NS_COUNT; t++)
		job->ns.join_fd[t] = -1;
}

int create_job_run(struct create_job *job, struct arca_error **err)
{
	size_t done = 0;
	int r = 0;
	for (; done < sizeof(steps) / sizeof(steps[0]); done++) {
		r = steps[done].run(job, err);
		if (r < 0)
			break;
	}
	if (r < 0)
		while (done-- > 0)
			if (steps[done].undo)
				steps[done].undo(job);
	/* LIFE-04: the container existed once its hooks began: poststop */
	if (r < 0 && job->hooks_started)
		hook_state_run_poststop(job->spec, &job->rec);
	return r < 0 ? arca_wrap(err, r, "create container \"%s\"", job->opts->id) : 0;
}

void create_job_free(struct create_job *job)
{
	job->rec.annotations = (struct arca_map){0};
	free(job->rec.id);
	free(job->rec.bundle);
	free(job->rec.rootfs);
	free(job->rec.created);
	free(job->rec.cgroup);
	for (int i = 0; i < 2; i++)
		if (job->sync[i] >= 0)
			close(job->sync[i]);
	if (job->fifo_fd >= 0)
		close(job->fifo_fd);
	if (job->console_fd >= 0)
		close(job->console_fd);
	if (job->procfd >= 0)
		close(job->procfd);
	if (job->console_peer >= 0)
		close(job->console_peer);
	if (job->seccomp_listener >= 0)
		close(job->seccomp_listener);
	seccomp_program_free(job->seccomp);
	if (job->init.pidfd >= 0)
		close(job->init.pidfd);
	if (job->pidfd >= 0)
		close(job->pidfd);
	ns_plan_close(&job->ns);
	cgroup_free(job->cgroup);
	state_dir_close(job->dir);
	if (job->root_fd >= 0)
		close(job->root_fd);
	spec_free(job->spec);
	free(job->bundle);
	free(job->rootfs);
}

int arca_container_create(const struct arca_create_opts *opts, struct arca_error **err)
{
	struct create_job job;
	create_job_init(&job, opts);
	int r = create_job_run(&job, err);
	create_job_free(&job);
	return r;
}
