/* The state root and the per-container directory under it.
 *
 * <root>/<id>/ holds state.json (written atomically: temp file + rename),
 * config.json (the snapshot of the bundle's config, LIFE-03) and exec.fifo
 * (the create/start barrier, present while the container is created).
 * Every command that changes a container holds an exclusive flock on the
 * directory for as long as it works on it. */
#ifndef ARCA_STATE_STORE_H
#define ARCA_STATE_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "arca/error.h"
#include "arca/spec.h"
#include "arca/state.h"

#define STATE_FILE        "state.json"
#define STATE_CONFIG_FILE "config.json"
#define STATE_FIFO_FILE   "exec.fifo"

/* What create records about a container, i.e. the content of state.json. */
struct container_record {
	char *id;
	char *bundle;  /* absolute, as given (not resolved further: STATE-06) */
	char *rootfs;  /* absolute */
	char *created; /* RFC 3339 UTC with nanoseconds */
	uid_t owner_uid;
	bool creating;            /* true until create has finished */
	pid_t init_pid;           /* host pid of the container init, 0 if none yet */
	uint64_t init_start_time; /* field 22 of /proc/PID/stat of init_pid */
	struct arca_map annotations;
	char *cgroup; /* the cgroups driver's own record (a JSON object text), or NULL */
	/* Without a mount namespace of its own, the container's mounts live in
	 * the runtime's, below a bind of the rootfs onto itself: that mount's
	 * id (statx STATX_MNT_ID), for delete to detach; 0 otherwise. */
	uint64_t rootfs_anchor;
};

void container_record_free(struct container_record *rec);

static inline void container_record_freep(struct container_record **rec)
{
	container_record_free(*rec);
}

#define _cleanup_record_ __attribute__((cleanup(container_record_freep)))

struct state_dir {
	int fd; /* the container directory, O_DIRECTORY, holds the flock */
	char *id;
	char *path; /* <root>/<id> */
};

void state_dir_close(struct state_dir *dir);

static inline void state_dir_closep(struct state_dir **dir)
{
	state_dir_close(*dir);
}

#define _cleanup_state_dir_ __attribute__((cleanup(state_dir_closep)))

/* Opens the state root, creating it (mode 0700, parents 0711) if needed. */
int state_root_open(const char *root, int *root_fd, struct arca_error **err);

/* Creates <root>/<id>, already locked exclusively when it becomes visible
 * (made under a temporary name, then renamed with RENAME_NOREPLACE). Of two
 * concurrent creates of one ID exactly one succeeds; the other fails with
 * -EEXIST, "container <id> already exists", and leaves nothing behind. */
int state_dir_create(const char *root, int root_fd, const char *id, struct state_dir **out,
                     struct arca_error **err);

enum state_lock {
	STATE_UNLOCKED, /* readers: state.json is replaced atomically */
	STATE_LOCK_SHARED,
	STATE_LOCK_EXCLUSIVE, /* every command that changes the container */
};

/* Opens <root>/<id>, taking the flock as asked (waiting for it). An unknown
 * ID fails with -ENOENT and "container <id> does not exist". */
int state_dir_open(const char *root, int root_fd, const char *id, enum state_lock lock,
                   struct state_dir **out, struct arca_error **err);

/* True when another open file holds the directory's lock (a create still
 * working, or another command changing the container). */
bool state_dir_busy(const struct state_dir *dir);

/* Removes the directory and every file in it, then closes and frees dir,
 * also when it fails (pass TAKE_PTR of a _cleanup_state_dir_ variable). */
int state_dir_remove(int root_fd, struct state_dir *dir, struct arca_error **err);

/* Writes state.json atomically. */
int state_record_write(const struct state_dir *dir, const struct container_record *rec,
                       struct arca_error **err);

/* Reads state.json. -ENOENT (with err set) when create has not written it yet. */
int state_record_read(const struct state_dir *dir, struct container_record **out,
                      struct arca_error **err);

/* The container's status, derived now rather than stored (LIFE-08):
 *  - creating: rec->creating is set (create has not finished, or died: a
 *    command holding the exclusive lock that reads this knows it is stale);
 *  - stopped: the init is gone, a zombie, or its pid now belongs to another
 *    process (start time differs);
 *  - paused: the init lives and the container's cgroup is frozen;
 *  - created: the init lives and exec.fifo is still there;
 *  - running: otherwise.
 * *pid gets the live init's pid, or 0. */
int state_derive_status(const struct state_dir *dir, const struct container_record *rec,
                        enum arca_status *status, pid_t *pid, struct arca_error **err);

/* The public view of a record with its derived status. */
int state_public(const struct container_record *rec, enum arca_status status, pid_t pid,
                 struct arca_state **out, struct arca_error **err);

/* Reads the start time (field 22) and state letter (field 3) of a process.
 * -ESRCH when it does not exist. */
int proc_stat_read(pid_t pid, uint64_t *start_time, char *state);

/* The current time as RFC 3339 with nanoseconds, UTC ("...T03:04:05.123456789Z"). */
int rfc3339_now(char **out, struct arca_error **err);

#endif
