/* The devices every container has (DEV-09) and the /dev symlinks (DEV-10). */
#ifndef ARCA_LINUX_DEVICES_H
#define ARCA_LINUX_DEVICES_H

#include <stdbool.h>

#include "arca/error.h"

/* Makes /dev/null, zero, full, random, urandom and tty inside the root:
 * mknod, or, in a user namespace where mknod is not allowed, a bind mount of
 * the host's node. An entry already present is left as it is. */
int devices_create_defaults(int rootfd, bool in_user_ns, struct arca_error **err);

/* /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr and /dev/ptmx -> pts/ptmx. */
int devices_create_symlinks(int rootfd, struct arca_error **err);

#endif
