/* openat2(2) with a userspace fallback.
 *
 * Where the kernel or a seccomp profile around arca (an older container
 * engine's default profile answers ENOSYS) does not allow openat2, the same
 * resolution is done one component at a time: each directory is held as an
 * O_PATH fd opened with O_NOFOLLOW, a symlink is read and its target walked
 * the same way (an absolute one from the root for RESOLVE_IN_ROOT; refused
 * with RESOLVE_NO_SYMLINKS, and for RESOLVE_BENEATH when it leaves), ".." at
 * the root stays there (RESOLVE_IN_ROOT) or fails (RESOLVE_BENEATH), links
 * inside procfs are refused under RESOLVE_NO_MAGICLINKS, and the last
 * component is opened directly with the caller's flags and O_NOFOLLOW so a
 * swap cannot redirect it; only when that meets a symlink is the symlink
 * itself opened (O_PATH) and read through its fd. If a rename put something
 * else there in between, the open is tried again, each try counted against
 * the 40 links (a racer cannot hold the walk). What
 * the fallback cannot do as the kernel does is notice a directory renamed
 * out of the root while it walks; it is a fallback, used only on ENOSYS. */
#ifndef ARCA_LINUX_RESOLVE_H
#define ARCA_LINUX_RESOLVE_H

#include <linux/openat2.h>

/* Like openat2(2): an fd, or -1 with errno set. */
int arca_openat2(int dirfd, const char *path, const struct open_how *how);

/* The fallback alone (for tests). */
int arca_openat2_walk(int dirfd, const char *path, const struct open_how *how);

#endif
