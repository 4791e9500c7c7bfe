#include <errno.h>
#include <signal.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "arca/log.h"
#include "container/delete.h"
#include "container/hook_state.h"
#include "spec/spec_json.h"

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
		if (r == 0 && c->status == ARCA_STATUS_PAUSED)
			r = container_thaw(c->rec, err); /* the kills land once thawed */
		if (r < 0)
			return r;
	}
	if (pidfd < 0)
		return 0;
	if (pidfd_send_signal(pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
		return arca_fail(err, errno, "kill the container init");
	return container_wait_exit(pidfd, DELETE_KILL_TIMEOUT_MS, err);
}

/* The config snapshot, read for its poststop hooks before the directory
 * goes; NULL without one (a create that died before writing it). */
static struct spec *load_snapshot(const struct container *c)
{
	struct spec *spec = NULL;
	struct arca_error *err = NULL;
	if (spec_load_bundle(c->dir->path, &spec, &err) < 0) {
		if (err && err->code != ENOENT)
			arca_warn("hooks.poststop: %s", err->msg);
		spec = NULL;
	}
	arca_error_free(err);
	return spec;
}

/* HOOK-09: poststop after the container is destroyed, before delete
 * returns; a failing hook is a warning (LIFE-10). */
int delete_container(struct container *c, bool force, struct arca_error **err)
{
	int r = lifecycle_check(force ? OP_DELETE_FORCE : OP_DELETE, c->dir->id, c->status, err);
	_cleanup_spec_ struct spec *spec = r == 0 && c->rec ? load_snapshot(c) : NULL;
	if (r == 0)
		r = stop_everything(c, err);
	if (r == 0)
		r = container_destroy(c, err);
	if (r == 0 && c->rec)
		hook_state_run_poststop(spec, c->rec);
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
