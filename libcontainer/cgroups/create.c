/* Making the container's cgroup in every hierarchy (CG-05, CG-06). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

/* How often a directory is tried while a concurrent delete keeps removing
 * its parent (the shared /arca). */
#define MKDIR_ATTEMPTS 5

static int record_created(struct cgroup *cg, const char *dir, struct arca_error **err)
{
	char **created = realloc(cg->created, (cg->n_created + 1) * sizeof(*created));
	if (!created)
		return arca_fail(err, ENOMEM, "record %s", dir);
	cg->created = created;
	created[cg->n_created] = strdup(dir);
	if (!created[cg->n_created])
		return arca_fail(err, ENOMEM, "record %s", dir);
	cg->n_created++;
	return 0;
}

/* Makes dir and, when it is missing, its parents down from the mount. */
static int make_dir(struct cgroup *cg, const char *dir, size_t mount_len, struct arca_error **err)
{
	for (int attempt = 0; attempt < MKDIR_ATTEMPTS; attempt++) {
		/* dir is never NULL: the analyzer goes on past a failed cgroup_set_dirs, as
		 * it cannot see that arca_fail returns < 0.
		 * NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
		if (mkdir(dir, 0755) == 0)
			return record_created(cg, dir, err);
		if (errno == EEXIST)
			return 0;
		if (errno != ENOENT || strlen(dir) <= mount_len)
			return arca_fail(err, errno, "mkdir %s", dir);
		_cleanup_free_ char *parent = strndup(dir, (size_t)(strrchr(dir, '/') - dir));
		if (!parent)
			return arca_fail(err, ENOMEM, "mkdir %s", dir);
		int r = make_dir(cg, parent, mount_len, err);
		if (r < 0)
			return r;
	}
	return arca_fail(err, ENOENT, "mkdir %s: its parent was removed %d times meanwhile", dir,
	                 MKDIR_ATTEMPTS);
}

int cgroup_make_dirs(struct cgroup *cg, const struct cgroup_hierarchy *h, struct arca_error **err)
{
	return make_dir(cg, h->dir, strlen(h->mount), err);
}

int cgroup_set_dirs(struct cgroup *cg, struct arca_error **err)
{
	for (size_t i = 0; i < cg->n_hierarchies; i++) {
		struct cgroup_hierarchy *h = &cg->hierarchies[i];
		if (asprintf(&h->dir, "%s%s", h->mount, cg->path) < 0) {
			h->dir = NULL;
			return arca_fail(err, ENOMEM, "cgroup %s", cg->path);
		}
	}
	return 0;
}

static int open_unified(struct cgroup *cg, const struct cgroup_hierarchy *h,
                        struct arca_error **err)
{
	cg->unified_fd = open(h->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg->unified_fd < 0)
		return arca_fail(err, errno, "open %s", h->dir);
	return 0;
}

static int prepare_hierarchy(struct cgroup *cg, const struct cgroup_hierarchy *h,
                             struct arca_error **err)
{
	int r = cgroup_make_dirs(cg, h, err);
	if (r < 0)
		return r;
	if (h->unified) {
		r = cgroup_enable_controllers(h, err);
		return r < 0 ? r : open_unified(cg, h, err);
	}
	if (cgroup_list_has(h->controllers, "cpuset"))
		return cgroup_cpuset_prepare(cg, h, err);
	return 0;
}

static int make_all(struct cgroup *cg, struct arca_error **err)
{
	struct cgroup_mounts mounts;
	int r = cgroup_read_mounts(&mounts, err);
	if (r < 0)
		return r;
	cg->layout = mounts.layout;
	cg->hierarchies = mounts.items;
	cg->n_hierarchies = mounts.len;
	r = cgroup_set_dirs(cg, err);
	for (size_t i = 0; r >= 0 && i < cg->n_hierarchies; i++)
		r = prepare_hierarchy(cg, &cg->hierarchies[i], err);
	return r;
}

int cgroup_create(const char *cgroups_path, const char *id, struct cgroup **out,
                  struct arca_error **err)
{
	_cleanup_cgroup_ struct cgroup *cg = calloc(1, sizeof(*cg));
	if (!cg)
		return arca_fail(err, ENOMEM, "create cgroup");
	cg->unified_fd = -1;
	int r = cgroup_resolve_path(cgroups_path, id, &cg->path, err);
	if (r < 0)
		return r;
	r = make_all(cg, err);
	if (r < 0) {
		cgroup_remove_created(cg, false, NULL);
		return arca_wrap(err, r, "create cgroup %s", cg->path);
	}
	*out = TAKE_PTR(cg);
	return 0;
}
