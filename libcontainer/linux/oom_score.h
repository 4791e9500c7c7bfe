/* process.oomScoreAdj (OOM-01, OOM-02). */
#ifndef ARCA_LINUX_OOM_SCORE_H
#define ARCA_LINUX_OOM_SCORE_H

#include <sys/types.h>

#include "arca/error.h"
#include "arca/spec.h"

/* Writes the value to /proc/PID/oom_score_adj through procfd (a verified
 * /proc); an absent value leaves the inherited one alone. The runtime does
 * it for the init: the init itself is not dumpable, so its /proc entries
 * belong to the host's root. */
int oom_score_apply(int procfd, pid_t pid, const struct arca_opt_i32 *adj, struct arca_error **err);

#endif
