#include <errno.h>
#include <signal.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "container/delete.h"

#define DELETE_KILL_TIMEOUT_MS 10000

/* Everything still running in the container gets SIGKILL, and the init is
 * waited for, so that the cgroup can go. A stopped container may still have
 * processes: without a pid namespace of its own, the init's children
 * outlive it. */
static int stop_everything(const struct container *c, struct arca_error **err)
{
	if (!c->rec)
		return 0;
	_cleanup_close_ int pidfd = container_init_pidfd(c->rec, err);
	if (pidfd == -ESRCH)
		pidfd = -1;
	else if (pidfd < 0)
		return pidfd;
	if (c->rec->cgroup) {
		int r = container_signal_all(c->rec, SIGKILL, err);
		if (r < 0)
			return r;
	}
	if (pidfd < 0)
		return 0;
	if (pidfd_send_signal(pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
		return arca_fail(err, errno, "kill the container init");
	return container_wait_exit(pidfd, DELETE_KILL_TIMEOUT_MS, err);
}

int delete_container(struct container *c, bool force, struct arca_error **err)
{
	int r = lifecycle_check(force ? OP_DELETE_FORCE : OP_DELETE, c->dir->id, c->status, err);
	if (r == 0)
		r = stop_everything(c, err);
	if (r == 0)
		r = container_destroy(c, err);
	return r;
}

int arca_container_delete(const char *root, const char *id, bool force, struct arca_error **err)
{
	struct container c;
	struct arca_error *open_err = NULL;
	int r = container_open(root, id, true, &c, &open_err);
	if (r == -ENOENT && force) {
		arca_error_free(open_err);
		return 0;
	}
	if (r < 0) {
		if (err && !*err)
			*err = open_err;
		else
			arca_error_free(open_err);
		return arca_wrap(err, r, "delete container \"%s\"", id);
	}
	r = delete_container(&c, force, err);
	container_close(&c);
	return r < 0 ? arca_wrap(err, r, "delete container \"%s\"", id) : 0;
}
