#include "process/init.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "linux/console.h"
#include "linux/devices.h"
#include "linux/keyring.h"
#include "linux/mounts.h"
#include "linux/rootfs.h"
#include "linux/safepath.h"
#include "linux/user.h"
#include "linux/uts.h"
#include "process/execpath.h"
#include "process/sync.h"

struct init_state {
	const struct init_args *a;
	int procfd;        /* the runtime's /proc, kept across pivot_root */
	int console_slave; /* -1 without a terminal */
	bool in_user_ns;
	bool setgroups_allowed;
	char *exec_path;
	char **argv;
	char **envp;
};

/* Warnings of the init travel to the runtime, which logs them. */
static int warn_fd = -1;

static void forward_warning(enum arca_log_level level, const char *msg)
{
	if (level <= ARCA_LOG_WARN)
		sync_send(warn_fd, SYNC_WARN, 0, msg);
}

static int join_namespaces(const struct init_args *a, struct arca_error **err)
{
	/* user first: the other namespaces may belong to it; mount last,
	 * since it changes what paths mean */
	static const int order[] = {SPEC_NS_USER,   SPEC_NS_IPC,  SPEC_NS_UTS,  SPEC_NS_NETWORK,
	                            SPEC_NS_CGROUP, SPEC_NS_TIME, SPEC_NS_MOUNT};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		int r = ns_join(a->ns, order[i], err);
		if (r < 0)
			return r;
	}
	return 0;
}

static int enter_late_user_ns(const struct init_args *a, struct arca_error **err)
{
	if (unshare(CLONE_NEWUSER) < 0)
		return arca_fail(err, errno, "make the user namespace");
	int r = sync_send(a->sync_fd, SYNC_MAPS, 0, NULL);
	if (r < 0)
		return arca_fail(err, -r, "ask for the id maps");
	return sync_expect(a->sync_fd, SYNC_MAPS_DONE, err);
}

/* With a pid namespace made by unshare, the init proper is a child: this
 * process leaves and the child tells the runtime who it is. */
static int fork_into_pid_ns(const struct init_args *a, struct arca_error **err)
{
	pid_t pid = fork();
	if (pid < 0)
		return arca_fail(err, errno, "fork into the pid namespace");
	if (pid > 0)
		_exit(0);
	int r = sync_send_pid(a->sync_fd);
	return r < 0 ? arca_fail(err, -r, "report the init's pid") : 0;
}

static int open_proc(struct init_state *st, struct arca_error **err)
{
	st->procfd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (st->procfd < 0)
		return arca_fail(err, errno, "open /proc");
	return 0;
}

static bool setgroups_denied(int procfd)
{
	char buf[8] = {0};
	_cleanup_close_ int fd = openat(procfd, "self/setgroups", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		return false;
	return strncmp(buf, "deny", 4) == 0;
}

static int setup_namespaces(struct init_state *st, struct arca_error **err)
{
	const struct init_args *a = st->a;
	int r = sync_expect(a->sync_fd, SYNC_GO, err);
	if (r == 0)
		r = join_namespaces(a, err);
	if (r == 0 && a->late_user_ns)
		r = enter_late_user_ns(a, err);
	if (r == 0 && a->late_flags && unshare(a->late_flags) < 0)
		r = arca_fail(err, errno, "make the namespaces");
	if (r < 0)
		return r;
	st->in_user_ns = a->ns->listed[SPEC_NS_USER];
	if (ns_is_new(a->ns, SPEC_NS_USER) && (r = user_become_ns_root(err)) < 0)
		return r;
	/* after the runtime placed us in the cgroup, so its root is ours */
	if (ns_is_new(a->ns, SPEC_NS_CGROUP) && unshare(CLONE_NEWCGROUP) < 0)
		return arca_fail(err, errno, "make the cgroup namespace");
	if ((r = open_proc(st, err)) < 0)
		return r;
	st->setgroups_allowed = !st->in_user_ns || !setgroups_denied(st->procfd);
	const struct spec_linux *lx = a->spec->linux_;
	if (ns_is_new(a->ns, SPEC_NS_TIME) &&
	    (r = ns_enter_new_time(st->procfd, lx ? lx->time_offsets : NULL, err)) < 0)
		return r;
	if (a->late_flags & CLONE_NEWPID)
		return fork_into_pid_ns(a, err);
	return 0;
}

static int setup_rootfs(struct init_state *st, struct arca_error **err)
{
	const struct init_args *a = st->a;
	_cleanup_close_ int rootfd = -1;
	int r = rootfs_prepare(a->rootfs, &rootfd, err);
	if (r < 0)
		return r;
	struct mount_context ctx = {.rootfd = rootfd,
	                            .bundle = a->bundle,
	                            .cgroup = a->cgroup,
	                            .cgroup_ns = a->ns->listed[SPEC_NS_CGROUP]};
	if ((r = mounts_apply(&ctx, &a->spec->mounts, err)) < 0)
		return r;
	if ((r = devices_create_defaults(rootfd, st->in_user_ns, err)) < 0)
		return r;
	if ((r = devices_create_symlinks(rootfd, err)) < 0)
		return r;
	if (a->spec->process && a->spec->process->terminal) {
		st->console_slave =
		    console_setup(rootfd, a->console_fd, a->spec->process->console_size, err);
		if (st->console_slave < 0)
			return st->console_slave;
	}
	if ((r = rootfs_enter(rootfd, a->no_pivot, err)) < 0)
		return r;
	if (a->spec->root->readonly)
		return rootfs_make_readonly(err);
	return 0;
}

/* cwd (PROC-03): made if missing, like runc, and entered by fd; the result
 * must be inside the new root. */
static int enter_cwd(const char *cwd, struct arca_error **err)
{
	_cleanup_close_ int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return arca_fail(err, errno, "open the new root");
	_cleanup_close_ int dir = safe_mkdir_all(root, cwd, 0755);
	if (dir < 0)
		return arca_fail(err, -dir, "process.cwd: %s", cwd);
	if (fchdir(dir) < 0)
		return arca_fail(err, errno, "process.cwd: chdir to %s", cwd);
	_cleanup_free_ char *now = getcwd(NULL, 0);
	if (!now || now[0] != '/')
		return arca_fail_msg(err, EPERM, "process.cwd: %s is outside the container", cwd);
	return 0;
}

static char **strv_terminated(const struct arca_strv *v)
{
	char **out = calloc(v->len + 1, sizeof(char *));
	if (out)
		memcpy(out, v->items, v->len * sizeof(char *));
	return out;
}

/* Only 0, 1, 2 and the preserved fds reach the program (PROC-11): every
 * other fd is marked close-on-exec, the preserved ones are cleared of it. */
static int limit_fds(unsigned int preserve, struct arca_error **err)
{
	if (close_range(3 + preserve, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		return arca_fail(err, errno, "mark fds close-on-exec");
	for (unsigned int fd = 3; fd < 3 + preserve; fd++)
		if (fcntl((int)fd, F_SETFD, 0) < 0)
			return arca_fail(err, errno, "--preserve-fds: fd %u", fd);
	return 0;
}

static int setup_process(struct init_state *st, struct arca_error **err)
{
	const struct spec_process *p = st->a->spec->process;
	int r = enter_cwd(p->cwd, err);
	if (r == 0)
		r = execpath_find(p->args.items[0], &p->env, &st->exec_path, err);
	if (r == 0)
		r = user_switch(&p->user, st->setgroups_allowed, err);
	if (r < 0)
		return r;
	if (p->user.umask.set)
		umask(p->user.umask.value);
	st->argv = strv_terminated(&p->args);
	st->envp = strv_terminated(&p->env);
	if (!st->argv || !st->envp)
		return arca_fail(err, ENOMEM, "process.args");
	if ((r = limit_fds(st->a->preserve_fds, err)) < 0)
		return r;
	if (st->console_slave >= 0 && (r = console_make_stdio(st->console_slave, err)) < 0)
		return r;
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	return 0;
}

static int setup(struct init_state *st, struct arca_error **err)
{
	int r = setup_namespaces(st, err);
	if (r == 0)
		r = setup_rootfs(st, err);
	if (r == 0)
		r = uts_apply(st->a->spec, err);
	if (r < 0)
		return r;
	if (!st->a->no_new_keyring)
		keyring_join_new(st->a->id);
	if (st->a->spec->process)
		return setup_process(st, err);
	return 0;
}

/* Blocks until `start` opens exec.fifo for reading, then says so with one
 * byte. The fifo is reopened through /proc/self/fd because the init cannot
 * reach the state directory by path any more. Returns the fd, still open:
 * it closes on exec, which is how `start` learns that exec happened. */
static int wait_for_start(const struct init_state *st)
{
	char path[32];
	snprintf(path, sizeof(path), "self/fd/%d", st->a->fifo_fd);
	int fd;
	do {
		fd = openat(st->procfd, path, O_WRONLY | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0 || write(fd, "0", 1) != 1)
		_exit(126);
	return fd;
}

static _Noreturn void run_program(struct init_state *st, int fifo)
{
	close(st->procfd);
	close(st->a->fifo_fd);
	execve(st->exec_path, st->argv, st->envp);
	dprintf(fifo, "exec %s: %s", st->exec_path, strerror(errno));
	_exit(127);
}

static _Noreturn void report_and_exit(const struct init_args *a, const struct arca_error *err)
{
	sync_send(a->sync_fd, SYNC_ERROR, err ? err->code : EIO,
	          err ? err->msg : "container init failed");
	_exit(1);
}

_Noreturn void init_run(const struct init_args *a)
{
	for (size_t i = 0; i < sizeof(a->parent_fds) / sizeof(a->parent_fds[0]); i++)
		if (a->parent_fds[i] >= 0)
			close(a->parent_fds[i]);
	warn_fd = a->sync_fd;
	arca_log_set_handler(forward_warning, ARCA_LOG_WARN);
	struct init_state st = {.a = a, .procfd = -1, .console_slave = -1};
	struct arca_error *err = NULL;
	if (setup(&st, &err) < 0)
		report_and_exit(a, err);
	if (a->console_fd >= 0)
		close(a->console_fd);
	if (sync_send(a->sync_fd, SYNC_READY, 0, NULL) < 0)
		_exit(1);
	arca_log_set_handler(NULL, ARCA_LOG_ERROR);
	close(a->sync_fd);
	int fifo = wait_for_start(&st);
	if (!a->spec->process) {
		dprintf(fifo, "process: not set in config.json");
		_exit(127);
	}
	run_program(&st, fifo);
}
