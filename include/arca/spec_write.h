/* `arca spec`: a default config.json written into a bundle directory. */
#ifndef ARCA_SPEC_WRITE_H
#define ARCA_SPEC_WRITE_H

#include <stdbool.h>

#include "arca/error.h"

/* Writes spec_default_json(rootless, getuid(), getgid()) to
 * <bundle>/config.json. Never overwrites: an existing config.json (or any
 * entry of that name, a symlink included) fails with EEXIST. A write that
 * fails half-way removes the file again. */
int arca_spec_write_default(const char *bundle, bool rootless, struct arca_error **err);

#endif
