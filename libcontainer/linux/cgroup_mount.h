/* A mounts[] entry of type "cgroup": the container's own cgroups at the
 * destination (usually /sys/fs/cgroup), laid out like the host's.
 *  - v2 host: one cgroup2 mount;
 *  - v1 or hybrid host: a tmpfs holding one directory per hierarchy, named
 *    as on the host, with a symlink per controller of a combined hierarchy
 *    ("cpu" -> "cpu,cpuacct").
 * In a new cgroup namespace each hierarchy is a fresh cgroup mount, whose
 * root is the container's cgroup; otherwise it is a bind of the container's
 * directory on the host. "ro" and the other attributes apply to every mount. */
#ifndef ARCA_LINUX_CGROUP_MOUNT_H
#define ARCA_LINUX_CGROUP_MOUNT_H

#include <stdbool.h>

#include "arca/error.h"
#include "cgroups/cgroups.h"
#include "linux/mount_options.h"

int cgroup_mount(int dest_fd, const struct mount_options *opts, const char *source,
                 const struct cgroup *cg, bool own_ns, const char *where, struct arca_error **err);

#endif
