/* linux.resources.pids: pids.max on v1 and v2 (CGPID-01): a negative limit
 * is "max"; 0 is a genuine limit and is written as 0. */
#include "cgroups/resources.h"

#define FIELD "linux.resources.pids.limit"

int res_apply_pids(const struct cgroup *cg, const struct spec_pids *pids, struct arca_error **err)
{
	if (!pids->limit.set)
		return 0;
	struct res_dir d;
	int r = res_find(cg, "pids", FIELD, &d, err);
	if (r < 0)
		return r;
	if (pids->limit.value < 0)
		return res_write(d.dir, "pids.max", "max", FIELD, err);
	return res_write_i64(d.dir, "pids.max", pids->limit.value, FIELD, err);
}
