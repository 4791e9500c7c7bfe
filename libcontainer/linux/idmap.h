/* uid_map and gid_map of a new user namespace (UMAP-01), written by the
 * runtime for the init it spawned. */
#ifndef ARCA_LINUX_IDMAP_H
#define ARCA_LINUX_IDMAP_H

#include <sys/types.h>

#include "arca/error.h"
#include "arca/spec.h"

/* procfd: a verified /proc (linux/procfs.h). */
int idmap_write(int procfd, pid_t pid, const struct spec_linux *linux_, struct arca_error **err);

#endif
