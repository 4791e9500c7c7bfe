/* The hierarchies as a container's cgroup mount presents them. */
#include <string.h>

#include "cgroups/internal.h"

bool cgroup_view_at(const struct cgroup *cg, size_t index, struct cgroup_view *out)
{
	if (index >= cg->n_hierarchies)
		return false;
	const struct cgroup_hierarchy *h = &cg->hierarchies[index];
	const char *name = h->mount + strlen(CGROUP_MOUNT);
	*out = (struct cgroup_view){
	    .name = *name == '/' ? name + 1 : name,
	    .controllers = h->controllers,
	    .unified = h->unified,
	    .dir = h->dir,
	};
	return true;
}
