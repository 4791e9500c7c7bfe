/* linux.resources.devices: v1 devices.allow/deny where the host has a v1
 * devices hierarchy, else the eBPF program on the cgroup2 directory. Like
 * runc: in a user namespace v1 rules cannot be written and are skipped, and
 * a v2 program that cannot be loaded there is skipped too; outside one, a
 * failed load is an error unless every rule is an allow of rwm. */
#include <errno.h>
#include <string.h>

#include "arca/log.h"
#include "cgroups/devices.h"
#include "cgroups/internal.h"
#include "cgroups/resources.h"

static bool all_allow_rwm(const struct spec_device_cgroups *spec)
{
	for (size_t i = 0; i < spec->len; i++) {
		const char *a = spec->items[i].access ? spec->items[i].access : "";
		if (!spec->items[i].allow || strlen(a) != 3 || !strchr(a, 'r') || !strchr(a, 'w') ||
		    !strchr(a, 'm'))
			return false;
	}
	return true;
}

static int apply_v2(const struct cgroup *cg, const struct spec_device_cgroups *spec,
                    const struct dev_rules *rules, struct arca_error **err)
{
	struct arca_error *failed = NULL;
	int r = dev_apply_bpf(cgroup_clone_fd(cg), rules, &failed);
	if (r >= 0)
		return 0;
	if (res_in_userns() || all_allow_rwm(spec)) {
		arca_debug("cgroup: device rules skipped: %s", failed->msg);
		arca_error_free(failed);
		return 0;
	}
	*err = failed;
	return r;
}

int res_apply_devices(const struct cgroup *cg, const struct spec_device_cgroups *spec,
                      struct arca_error **err)
{
	if (!spec->len)
		return 0; /* CG-08: no rules, the inherited ones stay */
	struct dev_rules rules __attribute__((cleanup(dev_rules_clearp)));
	int r = dev_rules_build(spec, &rules, err);
	if (r < 0)
		return r;
	const struct cgroup_hierarchy *h = cgroup_find_controller(cg, "devices");
	if (h) {
		if (res_in_userns()) {
			arca_debug("cgroup: in a user namespace, v1 device rules are skipped");
			return 0;
		}
		return dev_apply_v1(h->dir, &rules, err);
	}
	if (cgroup_clone_fd(cg) >= 0)
		return apply_v2(cg, spec, &rules, err);
	return arca_fail_msg(err, ENOENT,
	                     "linux.resources.devices: the host has no devices "
	                     "cgroup controller and no cgroup2 hierarchy");
}
