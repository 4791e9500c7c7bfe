/* `arca ps`: the pids of the container's cgroup, as the host sees them. */
#include <errno.h>
#include <stdlib.h>

#include "arca/container.h"
#include "cgroups/cgroups.h"
#include "container/lifecycle.h"

static int record_pids(const struct container_record *rec, pid_t **out, size_t *len,
                       struct arca_error **err)
{
	if (!rec || !rec->cgroup)
		return 0;
	_cleanup_cgroup_ struct cgroup *cg = NULL;
	int r = cgroup_from_json(rec->cgroup, &cg, err);
	if (r < 0)
		return r;
	struct arca_error *read_err = NULL;
	r = cgroup_pids(cg, out, len, &read_err);
	if (r == -ENOENT) { /* the cgroup is gone: no process */
		arca_error_free(read_err);
		return 0;
	}
	if (r < 0) {
		if (err && !*err)
			*err = read_err;
		else
			arca_error_free(read_err);
	}
	return r;
}

int arca_container_pids(const char *root, const char *id, pid_t **out, size_t *len,
                        struct arca_error **err)
{
	*out = NULL;
	*len = 0;
	struct container c;
	int r = container_open(root, id, false, &c, err);
	if (r == 0) {
		r = record_pids(c.rec, out, len, err);
		container_close(&c);
	}
	if (r < 0) {
		free(*out);
		*out = NULL;
		*len = 0;
	}
	return r < 0 ? arca_wrap(err, r, "list the processes of container \"%s\"", id) : 0;
}
