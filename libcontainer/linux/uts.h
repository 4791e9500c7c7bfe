/* hostname and domainname (PROC-09, PROC-10) in the container's UTS namespace. */
#ifndef ARCA_LINUX_UTS_H
#define ARCA_LINUX_UTS_H

#include "arca/error.h"
#include "arca/spec.h"

int uts_apply(const struct spec *spec, struct arca_error **err);

#endif
