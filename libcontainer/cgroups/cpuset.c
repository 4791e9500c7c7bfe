/* v1 cpuset: a new cpuset starts with empty cpus and mems, and a process
 * cannot join it (ENOSPC) until both are set. Each empty level gets its
 * parent's values, top-down; a level this driver made also gets
 * cgroup.clone_children so that the kernel fills the next container's
 * directory below it at mkdir. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

/* Long enough for the cpu list of any machine we run on. */
#define CPUSET_VALUE_MAX 8192

static bool is_blank(const char *s)
{
	return s[strspn(s, " \n")] == '\0';
}

/* Leaves dir's file non-empty and its value in buf (of CPUSET_VALUE_MAX). */
static int inherit(size_t mount_len, const char *dir, const char *file, char *buf,
                   struct arca_error **err)
{
	int r = cgroup_read_file(-1, dir, file, buf, CPUSET_VALUE_MAX, err);
	if (r < 0)
		return r;
	if (!is_blank(buf))
		return 0;
	if (strlen(dir) <= mount_len)
		return arca_fail_msg(err, ENOSPC, "%s/%s: empty at the hierarchy root", dir, file);
	_cleanup_free_ char *parent = strndup(dir, (size_t)(strrchr(dir, '/') - dir));
	if (!parent)
		return arca_fail(err, ENOMEM, "fill %s/%s", dir, file);
	r = inherit(mount_len, parent, file, buf, err);
	if (r < 0)
		return r;
	return cgroup_write_file(-1, dir, file, buf, err);
}

/* True for a directory made in h other than the container's own. */
static bool is_made_ancestor(const struct cgroup_hierarchy *h, const char *dir)
{
	size_t n = strlen(h->mount);
	return !strncmp(dir, h->mount, n) && dir[n] == '/' && strcmp(dir, h->dir) != 0;
}

int cgroup_cpuset_prepare(const struct cgroup *cg, const struct cgroup_hierarchy *h,
                          struct arca_error **err)
{
	for (size_t i = 0; i < cg->n_created; i++) {
		if (!is_made_ancestor(h, cg->created[i]))
			continue;
		int r = cgroup_write_file(-1, cg->created[i], "cgroup.clone_children", "1", err);
		if (r < 0)
			return r;
	}
	_cleanup_free_ char *buf = malloc(CPUSET_VALUE_MAX);
	if (!buf)
		return arca_fail(err, ENOMEM, "fill %s", h->dir);
	size_t mount_len = strlen(h->mount);
	int r = inherit(mount_len, h->dir, "cpuset.cpus", buf, err);
	return r < 0 ? r : inherit(mount_len, h->dir, "cpuset.mems", buf, err);
}
