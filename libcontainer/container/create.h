/* The create job, shared by `create` and `run`. */
#ifndef ARCA_CONTAINER_CREATE_H
#define ARCA_CONTAINER_CREATE_H

#include <stdbool.h>
#include <sys/types.h>

#include "arca/container.h"
#include "arca/spec.h"
#include "linux/namespaces.h"
#include "process/spawn.h"
#include "state/store.h"

struct cgroup;
struct seccomp_program;

struct create_job {
	const struct arca_create_opts *opts;
	char *bundle; /* absolute */
	char *rootfs; /* absolute */
	struct spec *spec;
	struct seccomp_program *seccomp; /* built from linux.seccomp, or NULL */
	int seccomp_listener; /* connected to its listenerPath (SCMP_ACT_NOTIFY), or -1 */
	int root_fd;
	struct state_dir *dir;
	int fifo_fd;
	struct cgroup *cgroup;
	struct ns_plan ns;
	int procfd; /* the runtime's verified /proc */
	int console_fd;
	bool proxy_terminal; /* `run` keeps the pty master itself (no --console-socket) */
	int console_peer;    /* then: the runtime's end of the console socketpair */
	int sync[2];
	struct spawned init; /* what clone made: the init, or its forking parent */
	pid_t pid;           /* the container's init */
	int pidfd;           /* a pidfd of it */
	bool hooks_started;  /* prestart began: a failed create runs poststop */
	struct container_record rec;
};

void create_job_init(struct create_job *job, const struct arca_create_opts *opts);

/* Runs every step; on failure undoes what the done steps made. */
int create_job_run(struct create_job *job, struct arca_error **err);

void create_job_free(struct create_job *job);

#endif
