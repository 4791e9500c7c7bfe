#include "container/start.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "process/fifo.h"
#include "spec/spec_json.h"

/* OP-13: a config without `process` creates fine but has nothing to
 * start; the snapshot says so, and the container stays created. */
static int check_process(const struct container *c, struct arca_error **err)
{
	_cleanup_spec_ struct spec *spec = NULL;
	int r = spec_load_bundle(c->dir->path, &spec, err);
	if (r < 0)
		return r;
	if (!spec->process)
		return arca_fail_msg(err, EINVAL, "config.json has no process: nothing to start");
	return 0;
}

int start_container(struct container *c, struct arca_error **err)
{
	int r = lifecycle_check(OP_START, c->dir->id, c->status, err);
	if (r == 0)
		r = check_process(c, err);
	if (r < 0)
		return r;
	_cleanup_close_ int pidfd = container_init_pidfd(c->rec, err);
	if (pidfd == -ESRCH)
		return arca_fail_msg(err, ESRCH, "the container init has exited");
	if (pidfd < 0)
		return pidfd;
	return fifo_release(c->dir->fd, pidfd, err);
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
