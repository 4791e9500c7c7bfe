/* The seccomp agent's hand-off (SECC-08, SECC-09, SECC-10): when a rule uses
 * SCMP_ACT_NOTIFY, the runtime connects to linux.seccomp.listenerPath
 * (AF_UNIX, SOCK_STREAM) before anything of the container exists, so a bad
 * path fails early; once the process has loaded its filter and sent the
 * listener fd back, the runtime sends the agent one container process state
 * (JSON: ociVersion, fds ["seccompFd"], pid, metadata, state) with the fd as
 * SCM_RIGHTS, and closes the connection. */
#ifndef ARCA_LINUX_SECCOMP_LISTENER_H
#define ARCA_LINUX_SECCOMP_LISTENER_H

#include <sys/types.h>

#include "arca/error.h"
#include "arca/spec.h"

/* What the state object inside the message says. */
struct seccomp_listener_state {
	const char *id;
	const char *status; /* "creating" from create, as runc and crun send it */
	pid_t pid;          /* the runtime's view */
	const char *bundle; /* absolute */
	const struct arca_map *annotations;
};

/* Connects to seccomp->listener_path; returns the socket (close-on-exec). */
int seccomp_listener_connect(const struct spec_seccomp *seccomp, struct arca_error **err);

/* Sends the one message with notify_fd attached, over sock from
 * seccomp_listener_connect. The caller closes sock (and its notify_fd)
 * afterwards, whatever the result. */
int seccomp_listener_send(int sock, const struct spec_seccomp *seccomp,
                          const struct seccomp_listener_state *state, int notify_fd,
                          struct arca_error **err);

#endif
