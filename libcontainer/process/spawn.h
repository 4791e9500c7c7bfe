/* Cloning the container's init (runtime side).
 *
 * The common case is one clone3() that creates every new namespace at once,
 * places the child into its cgroup2 directory (CLONE_INTO_CGROUP) and hands
 * back a pidfd. Two cases need the init to make namespaces itself instead:
 * joining a user namespace by path, and a new user namespace that must own
 * namespaces joined by path (which must be joined while still privileged in
 * the runtime's user namespace). The init then unshares them after the
 * joins; a new pid namespace made that way needs one more fork, after which
 * the real init reports its pid over the sync socket.
 *
 * A cgroup namespace and a time namespace are always made by the init
 * itself: the first after it was placed in its cgroup (so that cgroup is its
 * root), the second so the offsets can be written before anything runs in it. */
#ifndef ARCA_PROCESS_SPAWN_H
#define ARCA_PROCESS_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

#include "arca/error.h"
#include "process/init.h"

struct spawned {
	pid_t pid;
	int pidfd;
	bool in_cgroup2; /* CLONE_INTO_CGROUP placed it */
	int clone_flags; /* the namespaces clone made */
};

/* Decides which namespaces clone makes and which the init unshares, filling
 * args->late_user_ns and args->late_flags; returns the clone flags. */
int spawn_plan(const struct ns_plan *ns, struct init_args *args);

/* clone3 with the namespace flags, a pidfd in *pidfd and, when cgroup_fd
 * >= 0, CLONE_INTO_CGROUP into that cgroup2 directory: the child's pid, 0
 * in the child, -1 with errno. */
long spawn_clone(int flags, int cgroup_fd, int *pidfd);

/* Clones the init (which runs init_run and never returns here). */
int spawn_init(const struct init_args *args, int clone_flags, int cgroup_fd, struct spawned *out,
               struct arca_error **err);

#endif
