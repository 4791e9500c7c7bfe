/* Running the config's hooks (config.md §POSIX-platform Hooks, HOOK-01..03,
 * HOOK-10): each hook of a list in array order, one at a time, as a child of
 * the calling process (the runtime, or the container's init for
 * createContainer and startContainer).
 *
 * A hook gets exactly its argv (args, or [path] without args), exactly its
 * env (empty without env), the container state JSON on stdin (a sealed
 * memfd, read from offset 0), its stdout and stderr on one pipe that the
 * caller drains (the start is kept for the error message), and no other fd.
 * It fails on a non-zero exit, death by a signal, a failed execve, or when
 * it outlives its timeout (then it is SIGKILLed and reaped). */
#ifndef ARCA_PROCESS_HOOKS_H
#define ARCA_PROCESS_HOOKS_H

#include <stdbool.h>

#include "arca/error.h"
#include "arca/spec.h"

enum hook_kind {
	HOOK_PRESTART,
	HOOK_CREATE_RUNTIME,
	HOOK_CREATE_CONTAINER,
	HOOK_START_CONTAINER,
	HOOK_POSTSTART,
	HOOK_POSTSTOP,
};

/* The JSON name of a list: "prestart", "createRuntime", ... */
const char *hook_kind_name(enum hook_kind kind);

/* The list of that kind in spec, or NULL when it is absent or empty. */
const struct spec_hook_list *hooks_of(const struct spec *spec, enum hook_kind kind);

/* Runs the hooks of list (NULL: none) in order with state_fd as their stdin
 * and stops at the first that fails: its error names it
 * ("hooks.prestart[0]: /bin/x exited with status 1: output: ..."). */
int hooks_run(const struct spec_hook_list *list, enum hook_kind kind, int state_fd,
              struct arca_error **err);

/* Runs every hook of list; a failure is a warning only, and the next hook
 * still runs (poststop, LIFE-10). */
void hooks_run_warn(const struct spec_hook_list *list, enum hook_kind kind, int state_fd);

/* A sealed memfd holding text (F_SEAL_WRITE | GROW | SHRINK | SEAL): what the
 * hooks read on stdin. Returns the fd (close-on-exec) or -errno. */
int hooks_state_memfd(const char *text, struct arca_error **err);

#endif
