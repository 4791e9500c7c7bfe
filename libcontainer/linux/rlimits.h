/* process.rlimits (RLIM-01..03): set in the init before it drops privileges. */
#ifndef ARCA_LINUX_RLIMITS_H
#define ARCA_LINUX_RLIMITS_H

#include "arca/error.h"
#include "arca/spec.h"

/* A limit the host cannot grant (a hard limit above the current one
 * without CAP_SYS_RESOURCE) is an error naming the rlimit. */
int rlimits_apply(const struct spec_rlimits *rlimits, struct arca_error **err);

#endif
