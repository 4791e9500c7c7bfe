/* linux.maskedPaths (MASK-01, MASK-02): what the container must not read.
 *
 * A directory gets an empty read-only tmpfs on top, anything else (file,
 * device, FIFO, socket) the host's /dev/null: reads find nothing, writes to
 * a masked file vanish (/dev/null's own behaviour, as with runc and crun),
 * nothing can be made in a masked directory. One tmpfs serves every masked
 * directory and one /dev/null every masked file, as in runc: the first use
 * attaches the prepared mount, later ones are clones of it (a detached mount
 * cannot be cloned before Linux 6.15).
 *
 * Paths resolve inside the root (safe_open, RESOLVE_IN_ROOT); a path that
 * does not exist is skipped (as runc and crun do), one already masked by an
 * earlier entry too; a relative path is an error. */
#ifndef ARCA_LINUX_MASKED_PATHS_H
#define ARCA_LINUX_MASKED_PATHS_H

#include "arca/error.h"
#include "arca/spec.h"

struct mask_sources {
	int devnull;   /* a detached bind of the host's /dev/null, checked to be 1:3 */
	int empty_dir; /* a detached empty tmpfs: ro, nosuid, nodev, noexec */
};

/* Before pivot_root, while the host's /dev is visible; only when there are
 * masked paths. On failure *out holds no fd. */
int masks_prepare(struct mask_sources *out, struct arca_error **err);

/* After every mount and pivot_root (rootfd: an O_PATH fd of the new "/"),
 * after readonly_paths_apply (runc's order), once per prepared sources. */
int masks_apply(int rootfd, const struct arca_strv *paths, const struct mask_sources *src,
                struct arca_error **err);

/* Closes the fds; a source never used is unmounted with it. */
void masks_release(struct mask_sources *src);

#endif
