/* `arca pause` and `arca resume`: the freezer of the container's cgroup.
 * The status paused is derived from it (state/status.c). */
#include <errno.h>

#include "arca/container.h"
#include "cgroups/cgroups.h"
#include "cgroups/freezer.h"
#include "container/lifecycle.h"

static int freeze_record(const struct container_record *rec, bool frozen, struct arca_error **err)
{
	if (!rec || !rec->cgroup)
		return arca_fail_msg(err, ENOENT, "the container has no cgroup record");
	_cleanup_cgroup_ struct cgroup *cg = NULL;
	int r = cgroup_from_json(rec->cgroup, &cg, err);
	if (r == 0)
		r = cgroup_freeze(cg, frozen, err);
	return r;
}

int container_thaw(const struct container_record *rec, struct arca_error **err)
{
	return freeze_record(rec, false, err);
}

static int set_paused(const char *root, const char *id, bool paused, struct arca_error **err)
{
	struct container c;
	int r = container_open(root, id, true, &c, err);
	if (r == 0) {
		r = lifecycle_check(paused ? OP_PAUSE : OP_RESUME, id, c.status, err);
		if (r == 0)
			r = freeze_record(c.rec, paused, err);
		container_close(&c);
	}
	return r < 0 ? arca_wrap(err, r, "%s container \"%s\"", paused ? "pause" : "resume", id)
	             : 0;
}

int arca_container_pause(const char *root, const char *id, struct arca_error **err)
{
	return set_paused(root, id, true, err);
}

int arca_container_resume(const char *root, const char *id, struct arca_error **err)
{
	return set_paused(root, id, false, err);
}
