/* linux.devices (DEV-01..07): the nodes the config asks for, at any path
 * inside the container.
 *
 * Every entry is checked before anything is made: an absolute path, listed
 * once; major and minor for every type but p, within the kernel's range
 * (12 and 20 bits); fileMode of permission bits only (file type bits are
 * ignored, as runc does). fileMode defaults to 0666, uid and gid to 0
 * (runc's defaults). /dev/ptmx is skipped, as runc does: it is the symlink
 * to the container's devpts (devices.h).
 *
 * A node is made with mknodat in its parent's fd (parents made as needed),
 * checked to be what was asked, then owned (fchownat, ids as the container
 * sees them) and given the exact mode (chmod after the owner, so neither the
 * umask nor a cleared setgid bit interferes). Where mknod is not allowed (a
 * user namespace, or EPERM) a c/b/u entry is a bind mount of the host's node
 * at the same path onto an empty file; the host's node must be the device
 * asked for, and keeps its own mode and owner. A FIFO is always made.
 *
 * Something already at the path is fine when it is the same device (type
 * and numbers) and is then left as it is, as runc and crun do: it may be a
 * bind of a host node, whose mode must not change. Where a bind is made, an
 * empty regular file is its mount point (an earlier container on the same
 * rootfs leaves one behind). Anything else there is an error naming the
 * entry (DEV-03). */
#ifndef ARCA_LINUX_CONFIG_DEVICES_H
#define ARCA_LINUX_CONFIG_DEVICES_H

#include <stdbool.h>

#include "arca/error.h"
#include "arca/spec.h"

/* Before pivot_root (host nodes are bound from the host's paths), after the
 * config's mounts and the default devices; rootfd is the rootfs. */
int devices_create_configured(int rootfd, const struct spec_devices *devices, bool in_user_ns,
                              struct arca_error **err);

#endif
