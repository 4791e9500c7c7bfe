#include "container/lifecycle.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "cgroups/cgroups.h"
#include "linux/rootfs.h"

/* Which statuses each operation accepts. A plain delete takes a created
 * container too (it is killed first): runc and crun do so and containerd's
 * shim depends on it, where the spec's OP-18 asks for an error. A paused
 * container takes kill (a SIGKILL thaws it, as runc does), delete --force
 * (killed and thawed), resume, and exec only with --ignore-paused. pause
 * needs running (runc 1.1 also freezes a created container). */
static const bool allowed[][ARCA_STATUS_STOPPED + 1] = {
    [OP_START] = {[ARCA_STATUS_CREATED] = true},
    [OP_EXEC] = {[ARCA_STATUS_CREATED] = true, [ARCA_STATUS_RUNNING] = true},
    [OP_EXEC_IGNORE_PAUSED] =
        {[ARCA_STATUS_CREATED] = true, [ARCA_STATUS_RUNNING] = true, [ARCA_STATUS_PAUSED] = true},
    [OP_KILL] =
        {[ARCA_STATUS_CREATED] = true, [ARCA_STATUS_RUNNING] = true, [ARCA_STATUS_PAUSED] = true},
    [OP_PAUSE] = {[ARCA_STATUS_RUNNING] = true},
    [OP_RESUME] = {[ARCA_STATUS_PAUSED] = true},
    [OP_DELETE] =
        {[ARCA_STATUS_CREATING] = true, [ARCA_STATUS_CREATED] = true, [ARCA_STATUS_STOPPED] = true},
    [OP_DELETE_FORCE] = {[ARCA_STATUS_CREATING] = true,
                         [ARCA_STATUS_CREATED] = true,
                         [ARCA_STATUS_RUNNING] = true,
                         [ARCA_STATUS_PAUSED] = true,
                         [ARCA_STATUS_STOPPED] = true},
};

int lifecycle_check(enum lifecycle_op op, const char *id, enum arca_status status,
                    struct arca_error **err)
{
	if (allowed[op][status])
		return 0;
	const char *now = arca_status_name(status);
	switch (op) {
	case OP_START:
		return arca_fail_msg(
		    err, EBUSY, "cannot start container \"%s\": it is %s, not created", id, now);
	case OP_EXEC:
	case OP_EXEC_IGNORE_PAUSED:
		if (status == ARCA_STATUS_PAUSED)
			return arca_fail_msg(err, EBUSY,
			                     "cannot exec in container \"%s\": it is paused (use "
			                     "--ignore-paused to override)",
			                     id);
		return arca_fail_msg(
		    err, EBUSY, "cannot exec in container \"%s\": it is %s, not created or running",
		    id, now);
	case OP_KILL:
		return arca_fail_msg(err, ESRCH,
		                     "cannot kill container \"%s\": container not running (%s)", id,
		                     now);
	case OP_PAUSE:
		return arca_fail_msg(err, EBUSY,
		                     "cannot pause container \"%s\": container not running (%s)",
		                     id, now);
	case OP_RESUME:
		return arca_fail_msg(err, EBUSY,
		                     "cannot resume container \"%s\": container not paused (%s)",
		                     id, now);
	case OP_DELETE:
	case OP_DELETE_FORCE:
		break;
	}
	return arca_fail_msg(
	    err, EBUSY, "cannot delete container \"%s\": it is %s (stop it first, or use --force)",
	    id, now);
}

int container_open(const char *root, const char *id, bool exclusive, struct container *c,
                   struct arca_error **err)
{
	*c = (struct container){.root_fd = -1};
	int r = arca_id_validate(id, err);
	if (r < 0)
		return r;
	r = state_root_open(root, &c->root_fd, err);
	if (r == 0)
		r = state_dir_open(root, c->root_fd, id,
		                   exclusive ? STATE_LOCK_EXCLUSIVE : STATE_UNLOCKED, &c->dir, err);
	if (r < 0) {
		container_close(c);
		return r;
	}
	struct arca_error *read_err = NULL;
	r = state_record_read(c->dir, &c->rec, &read_err);
	if (r == -ENOENT) {
		/* the directory of a create that died before its first record */
		arca_error_free(read_err);
		c->status = ARCA_STATUS_CREATING;
		return 0;
	}
	/* a record still saying creating that nobody holds the lock for is
	 * from a create that died: judge it by its init like any other */
	if (r == 0 && c->rec->creating && (exclusive || !state_dir_busy(c->dir)))
		c->rec->creating = false;
	if (r == 0)
		r = state_derive_status(c->dir, c->rec, &c->status, &c->pid, &read_err);
	if (r < 0) {
		if (err && !*err)
			*err = read_err;
		else
			arca_error_free(read_err);
		container_close(c);
	}
	return r;
}

void container_close(struct container *c)
{
	container_record_free(c->rec);
	c->rec = NULL;
	state_dir_close(c->dir);
	c->dir = NULL;
	if (c->root_fd >= 0)
		close(c->root_fd);
	c->root_fd = -1;
}

int container_init_pidfd(const struct container_record *rec, struct arca_error **err)
{
	if (!rec || rec->init_pid <= 0)
		return -ESRCH;
	int fd = pidfd_open(rec->init_pid, 0);
	if (fd < 0)
		return errno == ESRCH ? -ESRCH
		                      : arca_fail(err, errno, "pidfd_open %d", rec->init_pid);
	/* the pidfd pins the pid: if it still has the recorded start time,
	 * the pidfd is the container's init */
	uint64_t start_time;
	char state;
	if (proc_stat_read(rec->init_pid, &start_time, &state) < 0 ||
	    start_time != rec->init_start_time || state == 'Z' || state == 'X') {
		close(fd);
		return -ESRCH;
	}
	return fd;
}

int container_signal_init(const struct container_record *rec, int sig, struct arca_error **err)
{
	_cleanup_close_ int fd = container_init_pidfd(rec, err);
	if (fd == -ESRCH)
		return arca_fail_msg(err, ESRCH, "container not running: the init has exited");
	if (fd < 0)
		return fd;
	if (pidfd_send_signal(fd, sig, NULL, 0) < 0)
		return arca_fail(err, errno, "signal the container init (pid %d)", rec->init_pid);
	return 0;
}

static void signal_pid(pid_t pid, int sig)
{
	int fd = pidfd_open(pid, 0);
	if (fd < 0)
		return;
	pidfd_send_signal(fd, sig, NULL, 0);
	close(fd);
}

int container_signal_all(const struct container_record *rec, int sig, struct arca_error **err)
{
	if (!rec->cgroup)
		return container_signal_init(rec, sig, err);
	_cleanup_cgroup_ struct cgroup *cg = NULL;
	int r = cgroup_from_json(rec->cgroup, &cg, err);
	if (r < 0)
		return r;
	_cleanup_free_ pid_t *pids = NULL;
	size_t n = 0;
	r = cgroup_pids(cg, &pids, &n, err);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++)
		signal_pid(pids[i], sig);
	return 0;
}

int container_wait_exit(int pidfd, int timeout_ms, struct arca_error **err)
{
	struct pollfd p = {.fd = pidfd, .events = POLLIN};
	int r;
	do {
		r = poll(&p, 1, timeout_ms);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return arca_fail(err, errno, "wait for the container init");
	if (r == 0)
		return arca_fail_msg(err, ETIMEDOUT, "the container init did not exit within %d ms",
		                     timeout_ms);
	return 0;
}

int container_destroy(struct container *c, struct arca_error **err)
{
	if (c->rec && c->rec->rootfs_anchor) {
		int r = rootfs_detach_anchor(c->rec->rootfs, c->rec->rootfs_anchor, err);
		if (r < 0)
			return r;
	}
	if (c->rec && c->rec->cgroup) {
		_cleanup_cgroup_ struct cgroup *cg = NULL;
		int r = cgroup_from_json(c->rec->cgroup, &cg, err);
		if (r == 0)
			r = cgroup_destroy(cg, err);
		if (r < 0)
			return r;
	}
	int r = state_dir_remove(c->root_fd, c->dir, err);
	c->dir = NULL;
	return r;
}
