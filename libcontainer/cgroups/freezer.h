/* The freezer of a container's cgroup: v1's freezer controller where the
 * host has one (v1, and hybrid hosts, where it is a v1 controller), else
 * cgroup2's cgroup.freeze. A frozen cgroup is a paused container. */
#ifndef ARCA_CGROUPS_FREEZER_H
#define ARCA_CGROUPS_FREEZER_H

#include <stdbool.h>

#include "arca/error.h"
#include "cgroups/cgroups.h"

/* Freezes (frozen) or thaws the cgroup and waits until the kernel reports
 * it done: v1 freezer.state reading back FROZEN (FREEZING is retried, as
 * runc does) or THAWED; v2 cgroup.events "frozen 1" or "frozen 0". A freeze
 * that does not complete is undone and fails. */
int cgroup_freeze(const struct cgroup *cg, bool frozen, struct arca_error **err);

/* Whether the cgroup is frozen: v1 freezer.state FROZEN, v2 cgroup.freeze
 * 1 (as runc judges paused). A missing directory or freezer is not frozen. */
int cgroup_is_frozen(const struct cgroup *cg, bool *frozen, struct arca_error **err);

#endif
