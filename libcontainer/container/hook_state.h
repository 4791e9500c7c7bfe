/* The container side of hooks: the state JSON they read on stdin (the text
 * `arca state` prints, with the status of the hook's lifecycle step), in a
 * sealed memfd, and running a list of the config with it. */
#ifndef ARCA_CONTAINER_HOOK_STATE_H
#define ARCA_CONTAINER_HOOK_STATE_H

#include <sys/types.h>

#include "arca/error.h"
#include "arca/spec.h"
#include "arca/state.h"
#include "process/hooks.h"
#include "state/store.h"

/* A sealed memfd holding the state of rec with status and pid. Returns the
 * fd (close-on-exec) or -errno. */
int hook_state_open(const struct container_record *rec, enum arca_status status, pid_t pid,
                    struct arca_error **err);

/* Runs spec's hooks of kind (if any) with that state on stdin; the first
 * failure is the error. */
int hook_state_run(const struct spec *spec, enum hook_kind kind, const struct container_record *rec,
                   enum arca_status status, pid_t pid, struct arca_error **err);

/* The poststop hooks (status stopped, pid 0, as `arca state` shows a
 * stopped container): every one runs, failures are warnings (LIFE-10). */
void hook_state_run_poststop(const struct spec *spec, const struct container_record *rec);

#endif
