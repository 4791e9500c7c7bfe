/* Paths inside the container's root, resolved without ever leaving it.
 *
 * Every lookup goes through openat2(2) with RESOLVE_IN_ROOT: an absolute
 * symlink or a ".." inside the rootfs resolves as if the rootfs were "/",
 * and magic links (/proc/PID/fd/N and friends) are refused. Directories and
 * files that have to be made are made relative to an fd of their parent and
 * opened there without following a symlink; a symlink found there (a
 * dangling one, or one swapped in) is read through the fd of the symlink
 * that was opened and its target resolved in the root like any other path:
 * a swap in between cannot redirect them, nor fail them by the name's
 * changing type. The functions return an O_PATH fd (or -errno); callers add
 * the path to their error message. */
#ifndef ARCA_LINUX_SAFEPATH_H
#define ARCA_LINUX_SAFEPATH_H

#include <sys/types.h>

/* Opens path (absolute or relative, both taken from rootfd) with flags. */
int safe_open(int rootfd, const char *path, int flags);

/* Opens directory path, making it and its missing parents (mode). */
int safe_mkdir_all(int rootfd, const char *path, mode_t mode);

/* Opens path, making an empty regular file there (mode) and the missing
 * parent directories (0755) if nothing exists at path. */
int safe_mkfile(int rootfd, const char *path, mode_t mode);

/* Opens the parent directory of path (made if missing) and sets *base to
 * path's last component inside path's storage. path must not be "/". */
int safe_open_parent(int rootfd, char *path, const char **base);

#endif
