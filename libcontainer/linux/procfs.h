/* The procfs the runtime and the init write through: opened once and
 * checked to be the root of a real procfs, so that a /proc swapped for
 * something else (a bind mount, a symlink, a FUSE file system) is refused
 * before anything is written to it. */
#ifndef ARCA_LINUX_PROCFS_H
#define ARCA_LINUX_PROCFS_H

#include "arca/error.h"

/* An O_PATH|O_DIRECTORY fd of /proc, verified. */
int procfs_open(struct arca_error **err);

#endif
