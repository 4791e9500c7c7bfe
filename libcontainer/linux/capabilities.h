/* process.capabilities (CAP-01, CAP-02) through libcap.
 *
 * Names are resolved once: a name libcap does not know, or a capability
 * this kernel lacks, is skipped with a warning naming it, as the spec asks.
 * Then, in the init: the bounding set is reduced while still privileged,
 * the capabilities are kept across the switch to the container's user, and
 * the effective, permitted, inheritable and ambient sets are set exactly
 * (ambient last: it needs permitted and inheritable). */
#ifndef ARCA_LINUX_CAPABILITIES_H
#define ARCA_LINUX_CAPABILITIES_H

#include <stdbool.h>
#include <stdint.h>

#include "arca/error.h"
#include "arca/spec.h"

struct cap_sets {
	uint64_t bounding, effective, inheritable, permitted, ambient; /* bit n: capability n */
};

/* Resolves the names; warns for each one skipped. */
int caps_resolve(const struct spec_capabilities *caps, struct cap_sets *out,
                 struct arca_error **err);

/* Drops every capability not in sets->bounding from the bounding set. */
int caps_limit_bounding(const struct cap_sets *sets, struct arca_error **err);

/* PR_SET_KEEPCAPS, around the user switch. */
int caps_keep_across_setuid(bool keep, struct arca_error **err);

/* Sets the effective, permitted and inheritable sets, then the ambient one. */
int caps_set(const struct cap_sets *sets, struct arca_error **err);

#endif
