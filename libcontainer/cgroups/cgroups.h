/* The container's cgroup, behind one interface for the three host layouts:
 *  - v1: a hierarchy per controller under /sys/fs/cgroup/<name>;
 *  - v2: the unified hierarchy at /sys/fs/cgroup;
 *  - hybrid: v1 controllers plus a cgroup2 tree at /sys/fs/cgroup/unified
 *    (this project's CI host: only hugetlb there). Both sides are used.
 *
 * Path (CG-01..05): an absolute cgroupsPath is taken from the root of each
 * hierarchy; a relative one, and the default ("arca/<id>"), are placed under
 * /arca so that one value always lands at one place (CG-03). */
#ifndef ARCA_CGROUPS_H
#define ARCA_CGROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "arca/error.h"

#define CGROUP_MOUNT          "/sys/fs/cgroup"
#define CGROUP_DEFAULT_PARENT "arca"

enum cgroup_layout {
	CGROUP_LAYOUT_V1,
	CGROUP_LAYOUT_V2,
	CGROUP_LAYOUT_HYBRID,
};

/* Finds the layout from what is mounted at /sys/fs/cgroup. */
int cgroup_detect_layout(enum cgroup_layout *out, struct arca_error **err);

struct cgroup; /* opaque */

void cgroup_free(struct cgroup *cg);

static inline void cgroup_freep(struct cgroup **cg)
{
	cgroup_free(*cg);
}

#define _cleanup_cgroup_ __attribute__((cleanup(cgroup_freep)))

/* Makes the container's cgroup: resolves cgroups_path (NULL: the default for
 * id), creates each missing directory in every hierarchy (v1 cpuset: copies
 * cpuset.cpus and cpuset.mems from the parent into each new level), and
 * remembers which directories it made. On failure it removes what it made. */
int cgroup_create(const char *cgroups_path, const char *id, struct cgroup **out,
                  struct arca_error **err);

/* An O_DIRECTORY fd of the cgroup2 directory (v2, or hybrid's unified tree)
 * for clone3(CLONE_INTO_CGROUP), or -1 when there is none. Owned by cg. */
int cgroup_clone_fd(const struct cgroup *cg);

/* Puts pid into the cgroup in every hierarchy; with into_by_clone the
 * cgroup2 directory is skipped because clone3 already placed the process. */
int cgroup_attach(const struct cgroup *cg, pid_t pid, bool into_by_clone, struct arca_error **err);

/* The record kept in state.json (a JSON object text) and back. */
int cgroup_to_json(const struct cgroup *cg, char **out, struct arca_error **err);
int cgroup_from_json(const char *json, struct cgroup **out, struct arca_error **err);

/* The pids in the container's cgroup (from the hierarchy that holds them
 * all: cgroup2 on v2, else a v1 controller hierarchy). *out is malloc'd. */
int cgroup_pids(const struct cgroup *cg, pid_t **out, size_t *len, struct arca_error **err);

/* True when the kernel's OOM killer has killed a process of this cgroup
 * (memory.events oom_kill on v2, memory.oom_control oom_kill on v1). */
bool cgroup_oom_killed(const struct cgroup *cg);

/* Removes every directory cgroup_create made, deepest first, waiting a
 * bounded time for exiting processes to leave; never one it did not make.
 * An intermediate directory still used by another container is kept. */
int cgroup_destroy(const struct cgroup *cg, struct arca_error **err);

/* One hierarchy as the container's cgroup mount shows it. */
struct cgroup_view {
	const char *name;        /* its directory under /sys/fs/cgroup: "memory",
	                          * "cpu,cpuacct", "unified"; "" for a v2 host */
	const char *controllers; /* v1: "cpu,cpuacct", "name=systemd"; cgroup2: "" */
	bool unified;            /* a cgroup2 hierarchy */
	const char *dir;         /* the container's cgroup directory on the host */
};

/* The index-th hierarchy of cg; false past the last. */
bool cgroup_view_at(const struct cgroup *cg, size_t index, struct cgroup_view *out);

/* The resolved path inside each hierarchy ("/arca/foo"), for messages. */
const char *cgroup_path(const struct cgroup *cg);

#endif
