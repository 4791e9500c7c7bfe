/* The container cgroup record: lookups and release. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroups/internal.h"

void cgroup_free(struct cgroup *cg)
{
	if (!cg)
		return;
	if (cg->unified_fd >= 0)
		close(cg->unified_fd);
	for (size_t i = 0; i < cg->n_hierarchies; i++)
		cgroup_hierarchy_clear(&cg->hierarchies[i]);
	free(cg->hierarchies);
	for (size_t i = 0; i < cg->n_created; i++)
		free(cg->created[i]);
	free(cg->created);
	free(cg->path);
	free(cg);
}

const char *cgroup_path(const struct cgroup *cg)
{
	return cg->path;
}

int cgroup_clone_fd(const struct cgroup *cg)
{
	return cg->unified_fd;
}

const struct cgroup_hierarchy *cgroup_find_controller(const struct cgroup *cg,
                                                      const char *controller)
{
	for (size_t i = 0; i < cg->n_hierarchies; i++)
		if (!cg->hierarchies[i].unified &&
		    cgroup_list_has(cg->hierarchies[i].controllers, controller))
			return &cg->hierarchies[i];
	return NULL;
}

const struct cgroup_hierarchy *cgroup_find_unified(const struct cgroup *cg)
{
	for (size_t i = 0; i < cg->n_hierarchies; i++)
		if (cg->hierarchies[i].unified)
			return &cg->hierarchies[i];
	return NULL;
}
