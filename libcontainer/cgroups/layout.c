/* The host's cgroup layout, from the filesystem types at /sys/fs/cgroup. */
#include <errno.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/vfs.h>

#include "cgroups/internal.h"

#define UNIFIED_MOUNT CGROUP_MOUNT "/unified"

static const char *const layout_names[] = {
    [CGROUP_LAYOUT_V1] = "v1",
    [CGROUP_LAYOUT_V2] = "v2",
    [CGROUP_LAYOUT_HYBRID] = "hybrid",
};

int cgroup_detect_layout(enum cgroup_layout *out, struct arca_error **err)
{
	struct statfs fs;
	if (statfs(CGROUP_MOUNT, &fs) < 0)
		return arca_fail(err, errno, "statfs %s", CGROUP_MOUNT);
	if (fs.f_type == CGROUP2_SUPER_MAGIC) {
		*out = CGROUP_LAYOUT_V2;
		return 0;
	}
	if (fs.f_type != TMPFS_MAGIC)
		return arca_fail_msg(
		    err, ENOTSUP, "%s: neither cgroup2 nor a tmpfs of v1 hierarchies (type 0x%lx)",
		    CGROUP_MOUNT, (unsigned long)fs.f_type);
	bool hybrid = statfs(UNIFIED_MOUNT, &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC;
	*out = hybrid ? CGROUP_LAYOUT_HYBRID : CGROUP_LAYOUT_V1;
	return 0;
}

const char *cgroup_layout_name(enum cgroup_layout layout)
{
	return layout_names[layout];
}

int cgroup_layout_from_name(const char *name, enum cgroup_layout *out)
{
	for (size_t i = 0; i < sizeof(layout_names) / sizeof(layout_names[0]); i++) {
		if (!strcmp(name, layout_names[i])) {
			*out = (enum cgroup_layout)i;
			return 0;
		}
	}
	return -EINVAL;
}
