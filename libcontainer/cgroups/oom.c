/* Whether the kernel's OOM killer struck inside the container's cgroup. */
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

/* The value of the "oom_kill N" line of a flat keyed file. */
static long oom_kill_count(const char *text)
{
	static const char key[] = "oom_kill ";
	for (const char *line = text; line; line = strchr(line, '\n')) {
		line += *line == '\n';
		if (!strncmp(line, key, sizeof(key) - 1))
			return strtol(line + sizeof(key) - 1, NULL, 10);
	}
	return 0;
}

bool cgroup_oom_killed(const struct cgroup *cg)
{
	const struct cgroup_hierarchy *h = cgroup_find_controller(cg, "memory");
	const char *file = "memory.oom_control";
	if (!h) {
		h = cgroup_find_unified(cg);
		file = "memory.events";
	}
	if (!h)
		return false;
	char text[512];
	_cleanup_error_ struct arca_error *ignored = NULL;
	if (cgroup_read_file(-1, h->dir, file, text, sizeof(text), &ignored) < 0)
		return false;
	return oom_kill_count(text) > 0;
}
