/* linux.resources.network (CGNET-01), as runc's fs driver sets it:
 * classID to net_cls.classid (0 is unset, as in runc), each priorities
 * entry as "<name> <priority>" to net_prio.ifpriomap. cgroup v2 has no such
 * controllers; runc's fs2 driver drops the values silently, arca refuses
 * them (OP-09: a property that cannot be applied is an error). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "cgroups/internal.h"
#include "cgroups/resources.h"

static int find_v1(const struct cgroup *cg, const char *controller, const char *field,
                   struct res_dir *d, struct arca_error **err)
{
	if (cg->layout == CGROUP_LAYOUT_V2)
		return arca_fail_msg(err, EOPNOTSUPP, "%s: cgroup v2 has no %s controller", field,
		                     controller);
	return res_find(cg, controller, field, d, err);
}

static int apply_class_id(const struct cgroup *cg, uint32_t class_id, struct arca_error **err)
{
	const char *field = "linux.resources.network.classID";
	struct res_dir d = {0};
	int r = find_v1(cg, "net_cls", field, &d, err);
	if (r < 0)
		return r;
	return res_write_u64(d.dir, "net_cls.classid", class_id, field, err);
}

static int apply_priorities(const struct cgroup *cg, const struct spec_interface_priorities *p,
                            struct arca_error **err)
{
	struct res_dir d = {0};
	int r = find_v1(cg, "net_prio", "linux.resources.network.priorities", &d, err);
	for (size_t i = 0; r >= 0 && i < p->len; i++) {
		char field[64], line[512];
		snprintf(field, sizeof(field), "linux.resources.network.priorities[%zu]", i);
		if (snprintf(line, sizeof(line), "%s %" PRIu32, p->items[i].name,
		             p->items[i].priority) >= (int)sizeof(line))
			return arca_fail_msg(err, ENAMETOOLONG, "%s.name: too long", field);
		r = res_write(d.dir, "net_prio.ifpriomap", line, field, err);
	}
	return r;
}

int res_apply_network(const struct cgroup *cg, const struct spec_network *net,
                      struct arca_error **err)
{
	int r = 0;
	if (net->class_id.set && net->class_id.value != 0)
		r = apply_class_id(cg, net->class_id.value, err);
	if (r >= 0 && net->priorities.len)
		r = apply_priorities(cg, &net->priorities, err);
	return r;
}
