/* What the cgroup driver's files share: the record of one container cgroup,
 * the hierarchies found in the mount table, and small file helpers. */
#ifndef ARCA_CGROUPS_INTERNAL_H
#define ARCA_CGROUPS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "arca/error.h"
#include "cgroups/cgroups.h"

/* One mounted hierarchy, and the container's directory in it. */
struct cgroup_hierarchy {
	char *mount;       /* its mount point, e.g. /sys/fs/cgroup/memory */
	char *controllers; /* v1: the mount's controllers and name= ("cpu,cpuacct"); cgroup2: "" */
	bool unified;      /* a cgroup2 hierarchy */
	char *dir;         /* mount + the container's path; NULL until resolved */
};

struct cgroup_mounts {
	enum cgroup_layout layout;
	struct cgroup_hierarchy *items;
	size_t len;
};

struct cgroup {
	enum cgroup_layout layout;
	char *path; /* resolved, "/arca/foo" */
	struct cgroup_hierarchy *hierarchies;
	size_t n_hierarchies;
	char **created; /* absolute directories this driver made, in the order made */
	size_t n_created;
	int unified_fd; /* the cgroup2 directory (O_DIRECTORY), or -1 */
};

/* The cgroupsPath value as a clean absolute path inside every hierarchy:
 * absolute stays where it is, relative and the default (NULL or "": id)
 * go below /arca; "//" and trailing slashes collapse, "." is dropped; ".."
 * and a path that names the root itself are refused (CG-01..05). */
int cgroup_resolve_path(const char *cgroups_path, const char *id, char **out,
                        struct arca_error **err);

/* The cgroup hierarchies visible at /sys/fs/cgroup according to a
 * /proc/self/mountinfo text: mounts hidden under a later mount are skipped,
 * and a hierarchy mounted twice is listed once. */
int cgroup_parse_mountinfo(const char *text, struct cgroup_mounts *out, struct arca_error **err);

/* Reads /proc/self/mountinfo and parses it as above. */
int cgroup_read_mounts(struct cgroup_mounts *out, struct arca_error **err);

void cgroup_mounts_clear(struct cgroup_mounts *mounts);
void cgroup_hierarchy_clear(struct cgroup_hierarchy *h);

/* True when the comma-separated list holds the word. */
bool cgroup_list_has(const char *list, const char *word);

/* The hierarchy whose controllers include the given one, or NULL. */
const struct cgroup_hierarchy *cgroup_find_controller(const struct cgroup *cg,
                                                      const char *controller);

/* The cgroup2 hierarchy of cg, or NULL. */
const struct cgroup_hierarchy *cgroup_find_unified(const struct cgroup *cg);

const char *cgroup_layout_name(enum cgroup_layout layout);
int cgroup_layout_from_name(const char *name, enum cgroup_layout *out);

/* Reads a small cgroup file (dir/name, dir_fd-relative when dir_fd >= 0)
 * into buf, NUL-terminated; returns the length. */
int cgroup_read_file(int dir_fd, const char *dir, const char *name, char *buf, size_t size,
                     struct arca_error **err);

/* Reads a cgroup file of any size into a malloc'd, NUL-terminated buffer. */
int cgroup_read_all(const char *dir, const char *name, char **out, struct arca_error **err);

/* Writes value to dir/name (dir_fd-relative when dir_fd >= 0) in one write. */
int cgroup_write_file(int dir_fd, const char *dir, const char *name, const char *value,
                      struct arca_error **err);

/* Sets each hierarchy's dir: its mount followed by cg->path. */
int cgroup_set_dirs(struct cgroup *cg, struct arca_error **err);

/* Makes the missing directories of h->dir, recording each it made in cg. */
int cgroup_make_dirs(struct cgroup *cg, const struct cgroup_hierarchy *h, struct arca_error **err);

/* v1 cpuset: gives h->dir (and any empty ancestor) its parent's cpus/mems. */
int cgroup_cpuset_prepare(const struct cgroup *cg, const struct cgroup_hierarchy *h,
                          struct arca_error **err);

/* cgroup2: enables the available controllers in each ancestor of h->dir. */
int cgroup_enable_controllers(const struct cgroup_hierarchy *h, struct arca_error **err);

/* Removes the recorded directories, deepest first; wait says whether a busy
 * container directory is waited for. */
int cgroup_remove_created(const struct cgroup *cg, bool wait, struct arca_error **err);

#endif
