/* The container's init: the process cloned by `create`, which builds the
 * container around itself, reports READY, waits on exec.fifo for `start`
 * and execs process.args. Everything it needs is prepared by the runtime
 * before the clone; errors go back over the sync socket, never to a stream. */
#ifndef ARCA_PROCESS_INIT_H
#define ARCA_PROCESS_INIT_H

#include <stdbool.h>

#include "arca/spec.h"
#include "linux/namespaces.h"

struct cgroup;
struct seccomp_program;

struct init_args {
	const struct spec *spec;
	const char *id;
	const char *rootfs; /* absolute */
	const char *bundle; /* absolute */
	const struct ns_plan *ns;
	const struct cgroup *cgroup;
	const struct seccomp_program *seccomp; /* built by the runtime, or NULL */
	/* Namespaces created by unshare in the init rather than by clone:
	 * the late ones are needed when a user namespace is joined, or when a
	 * new one must own namespaces joined by path (see spawn.c). */
	bool late_user_ns;
	int late_flags;    /* CLONE_NEW* to unshare after joining */
	int sync_fd;       /* the init's end of the sync socket */
	int fifo_fd;       /* O_PATH fd of exec.fifo */
	int console_fd;    /* connected --console-socket, or -1 */
	int parent_fds[7]; /* the runtime's own fds, closed first (-1 = none) */
	bool no_pivot;
	bool no_new_keyring;
	unsigned int listen_fds;   /* socket activation: fds 3.. passed with LISTEN_FDS */
	unsigned int preserve_fds; /* then these, after the listen fds */
};

_Noreturn void init_run(const struct init_args *args);

#endif
