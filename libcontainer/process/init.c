#include "process/init.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "linux/config_devices.h"
#include "linux/console.h"
#include "linux/devices.h"
#include "linux/keyring.h"
#include "linux/masked_paths.h"
#include "linux/mounts.h"
#include "linux/procfs.h"
#include "linux/readonly_paths.h"
#include "linux/rootfs.h"
#include "linux/seccomp_filter.h"
#include "linux/sysctl.h"
#include "linux/user.h"
#include "linux/uts.h"
#include "process/finalize.h"
#include "process/hooks.h"
#include "process/seccomp_point.h"
#include "process/sync.h"

struct init_state {
	const struct init_args *a;
	enum seccomp_point seccomp;
	int procfd;        /* the runtime's /proc, kept across pivot_root */
	int console_slave; /* -1 without a terminal */
	bool in_user_ns;
	bool setgroups_allowed;
	int hook_state; /* the state memfd for the init's own hooks, or -1 */
	struct finalized program;
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
	ns_plan_close_fds(a->ns);
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
	int r = sync_send_pidfd(a->sync_fd);
	return r < 0 ? arca_fail(err, -r, "report the init's pid") : 0;
}

/* The runtime writes the offsets: the init, not dumpable, cannot write
 * its own /proc entries from inside a user namespace. */
static int enter_time_ns(const struct init_state *st, struct arca_error **err)
{
	const struct spec_linux *lx = st->a->spec->linux_;
	int r = ns_unshare_time(err);
	if (r == 0 && lx && lx->time_offsets) {
		if ((r = sync_send(st->a->sync_fd, SYNC_TIMENS, 0, NULL)) < 0)
			return arca_fail(err, -r, "ask for the time offsets");
		r = sync_expect(st->a->sync_fd, SYNC_TIMENS_DONE, err);
	}
	return r < 0 ? r : ns_enter_unshared_time(st->procfd, err);
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
	/* new or joined: what the init makes belongs to the container's root */
	st->in_user_ns = a->ns->listed[SPEC_NS_USER];
	if (st->in_user_ns && (r = user_become_ns_root(err)) < 0)
		return r;
	/* after the runtime placed us in the cgroup, so its root is ours */
	if (ns_is_new(a->ns, SPEC_NS_CGROUP) && unshare(CLONE_NEWCGROUP) < 0)
		return arca_fail(err, errno, "make the cgroup namespace");
	if ((st->procfd = procfs_open(err)) < 0)
		return st->procfd;
	st->setgroups_allowed = !st->in_user_ns || !process_setgroups_denied(st->procfd);
	if (ns_is_new(a->ns, SPEC_NS_TIME) && (r = enter_time_ns(st, err)) < 0)
		return r;
	if (a->late_flags & CLONE_NEWPID)
		return fork_into_pid_ns(a, err);
	return 0;
}

/* Before pivot_root: the rootfs is built from the config, seen from the
 * runtime's mount namespace (bind sources, host device nodes). */
static int build_rootfs(struct init_state *st, int rootfd, struct mask_sources *masks,
                        struct arca_error **err)
{
	const struct init_args *a = st->a;
	const struct spec_linux *lx = a->spec->linux_;
	struct mount_context ctx = {.rootfd = rootfd,
	                            .bundle = a->bundle,
	                            .cgroup = a->cgroup,
	                            .cgroup_ns = a->ns->listed[SPEC_NS_CGROUP],
	                            .mount_label = lx ? lx->mount_label : NULL};
	int r = mounts_apply(&ctx, &a->spec->mounts, err);
	if (r == 0)
		r = devices_create_defaults(rootfd, st->in_user_ns, err);
	if (r == 0 && lx)
		r = devices_create_configured(rootfd, &lx->devices, st->in_user_ns, err);
	if (r == 0)
		r = devices_create_symlinks(rootfd, err);
	if (r == 0 && lx && lx->masked_paths.len > 0)
		r = masks_prepare(masks, err);
	if (r < 0)
		return r;
	if (a->spec->process && a->spec->process->terminal) {
		st->console_slave =
		    console_setup(rootfd, a->console_fd, a->spec->process->console_size, err);
		if (st->console_slave < 0)
			return st->console_slave;
	}
	return 0;
}

static int set_root_propagation(const struct arca_opt_i32 *propagation, struct arca_error **err)
{
	static const unsigned long flags[] = {
	    [SPEC_PROPAGATION_PRIVATE] = MS_PRIVATE,
	    [SPEC_PROPAGATION_SHARED] = MS_SHARED,
	    [SPEC_PROPAGATION_SLAVE] = MS_SLAVE,
	    [SPEC_PROPAGATION_UNBINDABLE] = MS_UNBINDABLE,
	};
	if (!propagation->set)
		return 0;
	if (mount(NULL, "/", NULL, MS_REC | flags[propagation->value], NULL) < 0)
		return arca_fail(err, errno, "linux.rootfsPropagation: set the root's propagation");
	return 0;
}

/* After pivot_root, in the container's own view: rootfsPropagation (it
 * must not apply before pivot_root, which refuses a shared root), the
 * read-only and masked paths, and last the read-only root (ROOT-05). */
static int restrict_rootfs(const struct init_state *st, const struct mask_sources *masks,
                           struct arca_error **err)
{
	const struct spec_linux *lx = st->a->spec->linux_;
	_cleanup_close_ int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return arca_fail(err, errno, "open the new root");
	int r = 0;
	if (lx && (r = set_root_propagation(&lx->rootfs_propagation, err)) == 0 &&
	    (r = readonly_paths_apply(root, &lx->readonly_paths, err)) == 0)
		r = masks_apply(root, &lx->masked_paths, masks, err);
	if (r == 0 && st->a->spec->root->readonly)
		r = rootfs_make_readonly(err);
	return r;
}

/* Without a mount namespace the runtime must learn the anchor at once, so
 * that it can remove it whatever happens next. */
static int anchor_rootfs(const struct init_state *st, int *rootfd, struct arca_error **err)
{
	uint64_t anchor = 0;
	int r = rootfs_prepare_anchor(st->a->rootfs, rootfd, &anchor, err);
	if (r < 0)
		return r;
	char text[32];
	snprintf(text, sizeof(text), "%llu", (unsigned long long)anchor);
	r = sync_send(st->a->sync_fd, SYNC_ANCHOR, 0, text);
	return r < 0 ? arca_fail(err, -r, "report the rootfs anchor") : 0;
}

/* HOOK-04..06: the rootfs is built and pivot_root is still to come: the
 * runtime runs prestart and createRuntime, then the init createContainer,
 * in the container's namespaces, paths as the runtime sees them. Only a
 * config with such hooks (or startContainer ones, which need the state
 * memfd too) pays for the round trip. */
static int run_create_hooks(struct init_state *st, struct arca_error **err)
{
	const struct spec *spec = st->a->spec;
	if (!hooks_of(spec, HOOK_PRESTART) && !hooks_of(spec, HOOK_CREATE_RUNTIME) &&
	    !hooks_of(spec, HOOK_CREATE_CONTAINER) && !hooks_of(spec, HOOK_START_CONTAINER))
		return 0;
	int r = sync_send(st->a->sync_fd, SYNC_HOOKS, 0, NULL);
	if (r < 0)
		return arca_fail(err, -r, "ask the runtime to run the hooks");
	r = sync_expect_fd(st->a->sync_fd, SYNC_HOOKS_DONE, &st->hook_state, err);
	if (r < 0)
		return r;
	return hooks_run(hooks_of(spec, HOOK_CREATE_CONTAINER), HOOK_CREATE_CONTAINER,
	                 st->hook_state, err);
}

static int setup_rootfs(struct init_state *st, struct arca_error **err)
{
	bool own_ns = st->a->ns->listed[SPEC_NS_MOUNT];
	_cleanup_close_ int rootfd = -1;
	struct mask_sources masks = {.devnull = -1, .empty_dir = -1};
	int r =
	    own_ns ? rootfs_prepare(st->a->rootfs, &rootfd, err) : anchor_rootfs(st, &rootfd, err);
	if (r == 0)
		r = build_rootfs(st, rootfd, &masks, err);
	if (r == 0)
		r = run_create_hooks(st, err);
	if (r == 0)
		r = own_ns ? rootfs_enter(rootfd, st->a->no_pivot, err)
		           : rootfs_chroot(rootfd, err);
	if (r == 0)
		r = restrict_rootfs(st, &masks, err);
	masks_release(&masks);
	return r;
}

static int setup(struct init_state *st, struct arca_error **err)
{
	const struct spec_linux *lx = st->a->spec->linux_;
	int r = setup_namespaces(st, err);
	/* in the container's namespaces, still privileged (SYSCTL-01) */
	if (r == 0 && lx)
		r = sysctl_apply(st->procfd, &lx->sysctl, err);
	if (r == 0)
		r = setup_rootfs(st, err);
	if (r == 0)
		r = uts_apply(st->a->spec, err);
	if (r < 0)
		return r;
	if (!st->a->no_new_keyring)
		keyring_join_new(st->a->id);
	if (!st->a->spec->process)
		return 0;
	if (st->seccomp == SECCOMP_BEFORE_FINALIZE &&
	    (r = seccomp_load_and_report(st->a->seccomp, st->a->sync_fd, err)) < 0)
		return r;
	struct finalize_args fa = {.process = st->a->spec->process,
	                           .procfd = st->procfd,
	                           .console_slave = st->console_slave,
	                           .setgroups_allowed = st->setgroups_allowed,
	                           .listen_fds = st->a->listen_fds,
	                           .preserve_fds = st->a->preserve_fds};
	return process_finalize(&fa, &st->program, err);
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
	if (st->hook_state >= 0)
		close(st->hook_state);
	struct arca_error *err = NULL;
	if (st->seccomp == SECCOMP_BEFORE_EXEC &&
	    seccomp_program_load(st->a->seccomp, NULL, &err) < 0) {
		dprintf(fifo, "%s", err->msg);
		_exit(127);
	}
	execve(st->program.exec_path, st->program.argv, st->program.envp);
	dprintf(fifo, "exec %s: %s", st->program.exec_path, strerror(errno));
	_exit(127);
}

/* HOOK-07: start released the init; in the container's root, as the
 * program's user, before a filter loaded at SECCOMP_BEFORE_EXEC. A failure
 * reaches `start` the way an execve failure does: text on the fifo. */
static void run_start_hooks(const struct init_state *st, int fifo)
{
	struct arca_error *err = NULL;
	if (hooks_run(hooks_of(st->a->spec, HOOK_START_CONTAINER), HOOK_START_CONTAINER,
	              st->hook_state, &err) < 0) {
		dprintf(fifo, "%s", err ? err->msg : "hooks.startContainer failed");
		_exit(127);
	}
}

static _Noreturn void report_and_exit(const struct init_args *a, const struct arca_error *err)
{
	sync_send(a->sync_fd, SYNC_ERROR, err ? err->code : EIO,
	          err ? err->msg : "container init failed");
	_exit(1);
}

_Noreturn void init_run(const struct init_args *a)
{
	/* Until execve the init holds the runtime's fds (/proc, the fifo): no
	 * process that shares its namespaces may ptrace it or open them
	 * through /proc/PID/fd. execve makes the program dumpable again. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		_exit(1);
	for (size_t i = 0; i < sizeof(a->parent_fds) / sizeof(a->parent_fds[0]); i++)
		if (a->parent_fds[i] >= 0)
			close(a->parent_fds[i]);
	warn_fd = a->sync_fd;
	arca_log_set_handler(forward_warning, ARCA_LOG_WARN);
	struct init_state st = {.a = a,
	                        .seccomp = seccomp_point_of(a->seccomp, a->spec->process),
	                        .procfd = -1,
	                        .console_slave = -1,
	                        .hook_state = -1};
	struct arca_error *err = NULL;
	if (setup(&st, &err) < 0 || (st.seccomp == SECCOMP_BEFORE_READY &&
	                             seccomp_load_and_report(a->seccomp, a->sync_fd, &err) < 0))
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
	run_start_hooks(&st, fifo);
	run_program(&st, fifo);
}
