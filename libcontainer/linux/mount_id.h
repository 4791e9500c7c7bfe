/* Which mount a path is on, by the kernel's mount id (statx STATX_MNT_ID,
 * the first field of /proc/self/mountinfo). */
#ifndef ARCA_LINUX_MOUNT_ID_H
#define ARCA_LINUX_MOUNT_ID_H

#include <stdint.h>

/* The id of the mount dirfd/path is on (symlinks followed, as mount(2)
 * follows them), or of dirfd itself with path ""; -errno on failure. */
int mount_id_of(int dirfd, const char *path, uint64_t *id);

#endif
