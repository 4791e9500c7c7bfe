/* Moving a process into the container's cgroup (CG-06), and listing the
 * processes in it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

int cgroup_attach(const struct cgroup *cg, pid_t pid, bool into_by_clone, struct arca_error **err)
{
	char value[24];
	snprintf(value, sizeof(value), "%d", (int)pid);
	for (size_t i = 0; i < cg->n_hierarchies; i++) {
		const struct cgroup_hierarchy *h = &cg->hierarchies[i];
		if (h->unified && into_by_clone)
			continue;
		int dir_fd = h->unified ? cg->unified_fd : -1;
		int r = cgroup_write_file(dir_fd, h->dir, "cgroup.procs", value, err);
		if (r < 0)
			return arca_wrap(err, r, "attach pid %d", (int)pid);
	}
	return 0;
}

/* The hierarchy that holds every process of the container. */
static const struct cgroup_hierarchy *pids_hierarchy(const struct cgroup *cg)
{
	if (cg->layout == CGROUP_LAYOUT_V2)
		return cgroup_find_unified(cg);
	const struct cgroup_hierarchy *h = cgroup_find_controller(cg, "pids");
	if (!h)
		h = cgroup_find_controller(cg, "freezer");
	for (size_t i = 0; !h && i < cg->n_hierarchies; i++)
		if (!cg->hierarchies[i].unified)
			h = &cg->hierarchies[i];
	return h ? h : cgroup_find_unified(cg);
}

static int compare_pids(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

/* Sorted, without the duplicates v1's cgroup.procs may show. */
static size_t sort_unique(pid_t *pids, size_t len)
{
	qsort(pids, len, sizeof(*pids), compare_pids);
	size_t out = 0;
	for (size_t i = 0; i < len; i++)
		if (out == 0 || pids[out - 1] != pids[i])
			pids[out++] = pids[i];
	return out;
}

static int parse_pids(const char *text, const char *file, pid_t **out, size_t *len,
                      struct arca_error **err)
{
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	_cleanup_free_ pid_t *pids = malloc(cap * sizeof(*pids));
	if (!pids)
		return arca_fail(err, ENOMEM, "read %s", file);
	size_t n = 0;
	for (const char *p = text; *p;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p || v <= 0 || (*end && *end != '\n'))
			return arca_fail_msg(err, EINVAL, "%s: unexpected content", file);
		pids[n++] = (pid_t)v;
		p = *end ? end + 1 : end;
	}
	*len = sort_unique(pids, n);
	*out = TAKE_PTR(pids);
	return 0;
}

int cgroup_pids(const struct cgroup *cg, pid_t **out, size_t *len, struct arca_error **err)
{
	const struct cgroup_hierarchy *h = pids_hierarchy(cg);
	if (!h)
		return arca_fail_msg(err, ENOENT, "cgroup %s: no hierarchy", cg->path);
	_cleanup_free_ char *text = NULL;
	int r = cgroup_read_all(h->dir, "cgroup.procs", &text, err);
	if (r < 0)
		return r;
	_cleanup_free_ char *file = NULL;
	if (asprintf(&file, "%s/cgroup.procs", h->dir) < 0)
		return arca_fail(err, ENOMEM, "read %s/cgroup.procs", h->dir);
	return parse_pids(text, file, out, len, err);
}
