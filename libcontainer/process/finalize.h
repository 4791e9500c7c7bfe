/* The last steps before the container's program runs, shared by the init
 * (create) and by exec: cwd, environment, rlimits, the user and the
 * capabilities, the executable looked up as that user, umask, the fds the
 * program may keep, the terminal as stdio, no_new_privs, an empty signal
 * mask. In the order the spec suggests (SEL-03); what is left afterwards is
 * loading seccomp and execve. */
#ifndef ARCA_PROCESS_FINALIZE_H
#define ARCA_PROCESS_FINALIZE_H

#include <stdbool.h>

#include "arca/error.h"
#include "arca/spec.h"

struct finalize_args {
	const struct spec_process *process;
	int procfd;                /* a verified /proc, for the LSM exec labels */
	int console_slave;         /* -1 without a terminal */
	bool setgroups_allowed;    /* false when a user namespace denies setgroups */
	unsigned int listen_fds;   /* socket activation: fds 3.. with LISTEN_FDS */
	unsigned int preserve_fds; /* then these */
};

/* What execve gets; argv points into the spec, exec_path and envp are owned. */
struct finalized {
	char *exec_path;
	char **argv;
	char **envp;
};

void finalized_release(struct finalized *f);

int process_finalize(const struct finalize_args *a, struct finalized *out, struct arca_error **err);

/* Whether a user namespace the caller is in denies setgroups (procfd: a
 * verified /proc). */
bool process_setgroups_denied(int procfd);

#endif
