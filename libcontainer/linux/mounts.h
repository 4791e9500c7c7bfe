/* The config's mounts (MNT-01..10), made inside the new mount namespace
 * before pivot_root, in array order, each onto a destination resolved inside
 * the rootfs and through file descriptors only (the new mount API). */
#ifndef ARCA_LINUX_MOUNTS_H
#define ARCA_LINUX_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "arca/error.h"
#include "arca/spec.h"

struct cgroup;

struct mount_context {
	int rootfd;                  /* O_PATH fd of the rootfs (the bind of it) */
	const char *bundle;          /* absolute: relative bind sources start here */
	const struct cgroup *cgroup; /* for mounts of type "cgroup" */
	bool cgroup_ns;              /* the container has a cgroup namespace of its own */
	const char *mount_label;     /* linux.mountLabel: context= of every new filesystem */
};

int mounts_apply(const struct mount_context *ctx, const struct spec_mounts *mounts,
                 struct arca_error **err);

#endif
