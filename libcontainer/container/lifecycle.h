/* The lifecycle state machine: which operation may act on a container in
 * which status (OP-11, OP-15, OP-18), and the pieces every operation shares:
 * opening a container with its lock, signalling and waiting for its init. */
#ifndef ARCA_CONTAINER_LIFECYCLE_H
#define ARCA_CONTAINER_LIFECYCLE_H

#include <stdbool.h>
#include <sys/types.h>

#include "arca/error.h"
#include "arca/state.h"
#include "state/store.h"

enum lifecycle_op {
	OP_START,
	OP_EXEC,
	OP_EXEC_IGNORE_PAUSED,
	OP_KILL,
	OP_PAUSE,
	OP_RESUME,
	OP_DELETE,
	OP_DELETE_FORCE,
};

/* 0 when op may act on a container in status, else an error naming both,
 * worded as containerd matches it ("container not running"). */
int lifecycle_check(enum lifecycle_op op, const char *id, enum arca_status status,
                    struct arca_error **err);

/* A container opened for an operation: its directory (locked), its record
 * and its status as derived now. */
struct container {
	int root_fd;
	struct state_dir *dir;
	struct container_record *rec; /* NULL when create died before writing it */
	enum arca_status status;
	pid_t pid; /* the live init, or 0 */
};

/* Commands that change the container take the lock (exclusive); readers
 * (state, list) take none and see a create still working as creating. */
int container_open(const char *root, const char *id, bool exclusive, struct container *c,
                   struct arca_error **err);

void container_close(struct container *c);

/* A pidfd of the init, checked to be the very process create recorded
 * (its start time), so a reused pid is never signalled. -ESRCH when gone. */
int container_init_pidfd(const struct container_record *rec, struct arca_error **err);

/* Sends sig to the init through a pidfd. */
int container_signal_init(const struct container_record *rec, int sig, struct arca_error **err);

/* Sends sig to every process of the container's cgroup. */
int container_signal_all(const struct container_record *rec, int sig, struct arca_error **err);

/* Waits up to timeout_ms for the process behind pidfd to exit. */
int container_wait_exit(int pidfd, int timeout_ms, struct arca_error **err);

/* Thaws the container's cgroup (pause.c): after a SIGKILL to a paused
 * container, which v1's freezer holds back until thawed (runc does so). */
int container_thaw(const struct container_record *rec, struct arca_error **err);

/* Removes what create made: the cgroup and the state directory. */
int container_destroy(struct container *c, struct arca_error **err);

#endif
