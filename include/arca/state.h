/* What `arca state` and `arca list` report about a container: the spec's
 * state object (runtime.md §State) plus the fields runc's callers read. */
#ifndef ARCA_STATE_H
#define ARCA_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "arca/error.h"
#include "arca/spec.h"

enum arca_status {
	ARCA_STATUS_CREATING,
	ARCA_STATUS_CREATED,
	ARCA_STATUS_RUNNING,
	ARCA_STATUS_PAUSED,
	ARCA_STATUS_STOPPED,
};

/* "creating", "created", "running", "paused", "stopped". */
const char *arca_status_name(enum arca_status status);

struct arca_state {
	char *oci_version;
	char *id;
	enum arca_status status;
	pid_t pid; /* the init's host pid while created/running/paused; 0 otherwise */
	char *bundle;
	char *rootfs;
	char *created; /* RFC 3339, UTC, nanoseconds */
	uid_t owner_uid;
	struct arca_map annotations;
};

void arca_state_free(struct arca_state *state);

static inline void arca_state_freep(struct arca_state **state)
{
	arca_state_free(*state);
}

#define _cleanup_state_ __attribute__((cleanup(arca_state_freep)))

struct arca_state_list {
	struct arca_state **items;
	size_t len;
};

void arca_state_list_free(struct arca_state_list *list);

/* The JSON text `arca state` prints: ociVersion, id, status, pid, bundle,
 * rootfs, created, owner and annotations (omitted when empty), two-space
 * indented as runc prints it. */
int arca_state_to_json(const struct arca_state *state, char **out, struct arca_error **err);

/* The JSON array `arca list --format json` prints (one compact line). */
int arca_state_list_to_json(const struct arca_state_list *list, char **out,
                            struct arca_error **err);

#endif
