/* `arca features`: the runtime-spec features document (features.md,
 * features-linux.md) of what this build of arca implements. */
#ifndef ARCA_FEATURES_H
#define ARCA_FEATURES_H

#include "arca/error.h"

/* The document as JSON text laid out as runc prints it (four-space indent,
 * ending with a newline). The lists come from the loader's tables and the
 * option, capability and seccomp tables the runtime uses; supportedFlags is
 * the one entry that depends on the host: the seccomp flags this kernel
 * takes. */
int arca_features_json(char **out, struct arca_error **err);

#endif
