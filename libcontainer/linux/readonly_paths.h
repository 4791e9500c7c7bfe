/* linux.readonlyPaths (ROP-01, ROP-02): what the container may read but not
 * change.
 *
 * Each path that exists becomes a recursive bind of itself, made read-only
 * (MOUNT_ATTR_RDONLY with AT_RECURSIVE) before it is attached: the mounts
 * under it are read-only too, and every other flag the mounts have is kept
 * (in a user namespace some are locked and could not be cleared anyway).
 * Paths resolve inside the root (safe_open, RESOLVE_IN_ROOT); one that does
 * not exist is skipped, as runc and crun do; a relative path is an error. */
#ifndef ARCA_LINUX_READONLY_PATHS_H
#define ARCA_LINUX_READONLY_PATHS_H

#include "arca/error.h"
#include "arca/spec.h"

/* After every mount and pivot_root (rootfd: an O_PATH fd of the new "/"),
 * before masks_apply (runc's order). */
int readonly_paths_apply(int rootfd, const struct arca_strv *paths, struct arca_error **err);

#endif
