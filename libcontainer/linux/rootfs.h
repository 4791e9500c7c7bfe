/* The container's root: a private view of the rootfs that becomes "/". */
#ifndef ARCA_LINUX_ROOTFS_H
#define ARCA_LINUX_ROOTFS_H

#include <stdbool.h>
#include <stdint.h>

#include "arca/error.h"

/* In the new mount namespace: makes every mount a slave of the host's, so
 * nothing made for the container propagates back (PROP-06), binds the
 * rootfs onto itself so it is a mount of its own, and returns an O_PATH fd
 * of it. */
int rootfs_prepare(const char *rootfs, int *rootfd, struct arca_error **err);

/* Without a mount namespace of the container's own (NS-06: the runtime's is
 * shared), the container's mounts have to live in the runtime's namespace:
 * they are made below a bind of the rootfs onto itself, the anchor, made
 * private so nothing below it propagates, and detached as a whole by
 * delete. *anchor gets its mount id. */
int rootfs_prepare_anchor(const char *rootfs, int *rootfd, uint64_t *anchor,
                          struct arca_error **err);

/* Detaches the anchor at rootfs, if the mount there is still the one with
 * that id (never a mount that someone else put there). */
int rootfs_detach_anchor(const char *rootfs, uint64_t anchor, struct arca_error **err);

/* Into the anchored rootfs: a chroot, the only way without a namespace. */
int rootfs_chroot(int rootfd, struct arca_error **err);

/* Makes rootfd the root: pivot_root, the old root detached (or, with
 * no_pivot, MS_MOVE + chroot); the cwd ends up at the new "/". */
int rootfs_enter(int rootfd, bool no_pivot, struct arca_error **err);

/* root.readonly (ROOT-05): the root mount becomes read-only, its other
 * flags (locked ones in a user namespace) untouched. */
int rootfs_make_readonly(struct arca_error **err);

#endif
