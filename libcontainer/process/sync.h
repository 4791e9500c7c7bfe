/* The sync socket between the runtime (parent) and the container's init.
 *
 * One SOCK_SEQPACKET socketpair carries typed messages both ways, so each
 * message arrives whole or not at all, and EOF means the other side is gone:
 *
 *   parent -> init   GO          cgroup and id maps are in place: set up
 *   init -> parent   MAPS        (late user namespace) write my id maps now
 *   parent -> init   MAPS_DONE
 *   init -> parent   TIMENS      I unshared a time namespace: write its offsets
 *   parent -> init   TIMENS_DONE
 *   init -> parent   PID         I am the init: a pidfd of me travels as SCM_RIGHTS
 *   init -> parent   ANCHOR id   (no mount namespace) the rootfs anchor's mount id
 *   init -> parent   SECCOMP     my seccomp listener fd travels as SCM_RIGHTS: hand it
 *                                to the agent (sent right after the filter is loaded)
 *   init -> parent   WARN text   a warning for the runtime's log
 *   init -> parent   ERROR code text   setup failed: errno and the whole message
 *   init -> parent   HOOKS       (config has create-time or startContainer hooks) the
 *                                rootfs is built, before pivot_root: run prestart and
 *                                createRuntime now
 *   parent -> init   HOOKS_DONE  they succeeded; the sealed state memfd for the init's
 *                                own hooks travels as SCM_RIGHTS
 *   init -> parent   READY       set up; waiting on exec.fifo for start */
#ifndef ARCA_PROCESS_SYNC_H
#define ARCA_PROCESS_SYNC_H

#include <stdint.h>
#include <sys/types.h>

#include "arca/error.h"

enum sync_type {
	SYNC_GO = 1,
	SYNC_MAPS,
	SYNC_MAPS_DONE,
	SYNC_TIMENS,
	SYNC_TIMENS_DONE,
	SYNC_PID,
	SYNC_ANCHOR,
	SYNC_SECCOMP,
	SYNC_WARN,
	SYNC_ERROR,
	SYNC_READY,
	SYNC_HOOKS,
	SYNC_HOOKS_DONE,
};

#define SYNC_TEXT_MAX 4000

struct sync_msg {
	uint32_t type;
	int32_t code;
	char text[SYNC_TEXT_MAX];
};

/* A socketpair: pair[0] the runtime's end, pair[1] the init's. */
int sync_pair(int pair[2], struct arca_error **err);

/* Sends a message; text may be NULL. Returns 0 or -errno. */
int sync_send(int fd, enum sync_type type, int code, const char *text);

/* Sends a message with passed_fd attached (SCM_RIGHTS). Its only system
 * call is one sendmsg. Returns 0 or -errno. */
int sync_send_fd(int fd, enum sync_type type, int passed_fd);

/* Sends SYNC_PID with a pidfd of the sender attached: unlike a pid, it
 * cannot come to name another process. */
int sync_send_pidfd(int fd);

/* Receives one message: 0, 1 at EOF, or -errno. *passed_fd (if not NULL)
 * gets an fd that came with it (SCM_RIGHTS, close-on-exec), or -1. */
int sync_recv(int fd, struct sync_msg *msg, int *passed_fd);

/* Waits for a message of `type` (init side: the parent's GO / MAPS_DONE). */
int sync_expect(int fd, enum sync_type type, struct arca_error **err);

/* Like sync_expect, for a message that must carry an fd: *passed_fd gets it. */
int sync_expect_fd(int fd, enum sync_type type, int *passed_fd, struct arca_error **err);

#endif
