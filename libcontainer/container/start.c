#include "container/start.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "container/delete.h"
#include "container/hook_state.h"
#include "process/fifo.h"
#include "spec/spec_json.h"

/* OP-13: a config without `process` creates fine but has nothing to
 * start; the snapshot says so, and the container stays created. */
static int check_process(const struct container *c, struct spec **spec, struct arca_error **err)
{
	int r = spec_load_bundle(c->dir->path, spec, err);
	if (r < 0)
		return r;
	if (!(*spec)->process)
		return arca_fail_msg(err, EINVAL, "config.json has no process: nothing to start");
	return 0;
}

/* LIFE-05, LIFE-07: a failed startContainer or poststart hook stops and
 * destroys the container and runs poststop, as `delete --force` does;
 * the hook's error is start's. */
static int stop_after_hook(struct container *c, int r)
{
	struct arca_error *ignored = NULL;
	delete_container(c, true, &ignored);
	arca_error_free(ignored);
	return r;
}

/* The init writes a failed startContainer hook's error to the fifo, as it
 * does an execve failure; the message names the hook first. */
static bool start_hook_failed(const struct spec *spec, const struct arca_error *e)
{
	static const char prefix[] = "hooks.startContainer[";
	return hooks_of(spec, HOOK_START_CONTAINER) && e && e->msg &&
	       strncmp(e->msg, prefix, sizeof(prefix) - 1) == 0;
}

/* Releases the init; then the poststart hooks (HOOK-08), status running. */
static int release(struct container *c, const struct spec *spec, int pidfd, struct arca_error **err)
{
	struct arca_error *fifo_err = NULL;
	int r = fifo_release(c->dir->fd, pidfd, &fifo_err);
	bool hook = r < 0 && start_hook_failed(spec, fifo_err);
	if (err && !*err)
		*err = fifo_err;
	else
		arca_error_free(fifo_err);
	if (r < 0)
		return hook ? stop_after_hook(c, r) : r;
	r = hook_state_run(spec, HOOK_POSTSTART, c->rec, ARCA_STATUS_RUNNING, c->rec->init_pid,
	                   err);
	return r < 0 ? stop_after_hook(c, r) : 0;
}

int start_container(struct container *c, struct arca_error **err)
{
	_cleanup_spec_ struct spec *spec = NULL;
	int r = lifecycle_check(OP_START, c->dir->id, c->status, err);
	if (r == 0)
		r = check_process(c, &spec, err);
	if (r < 0)
		return r;
	_cleanup_close_ int pidfd = container_init_pidfd(c->rec, err);
	if (pidfd == -ESRCH)
		return arca_fail_msg(err, ESRCH, "the container init has exited");
	if (pidfd < 0)
		return pidfd;
	return release(c, spec, pidfd, err);
}

int arca_container_start(const char *root, const char *id, struct arca_error **err)
{
	struct container c;
	int r = container_open(root, id, true, &c, err);
	if (r == 0) {
		r = start_container(&c, err);
		container_close(&c);
	}
	return r < 0 ? arca_wrap(err, r, "start container \"%s\"", id) : 0;
}
