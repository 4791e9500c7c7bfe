/* The process `arca exec` starts in a container (the child side).
 *
 * The runtime clones it straight into the container's cgroup2 directory and,
 * through its own pid_for_children, into the init's pid namespace, so the
 * clone is the program's process itself: no second fork. It is not dumpable
 * from its first instruction (it holds the runtime's fds). It joins the
 * init's other namespaces in one atomic setns on the init's pidfd (the kernel
 * enters the user namespace first), takes the init's root, and does what the
 * init does last (process/finalize.c) before execve. The container's seccomp
 * filter is loaded where the init loads it: right before execve; before
 * READY when it notifies (the listener fd goes to the runtime at once);
 * before process_finalize when the process would lack the privilege
 * seccomp(2) needs (linux/seccomp_filter.h).
 *
 * Over the sync socket (process/sync.h):
 *   runtime -> child   GO      v1 cgroups and oom_score_adj are in place
 *   child -> runtime   SECCOMP the listener fd of a notifying filter, for the agent
 *   child -> runtime   WARN    a warning for the runtime's log
 *   child -> runtime   ERROR   errno + message: setup or execve failed
 *   child -> runtime   READY   about to execve; EOF after it means it did */
#ifndef ARCA_PROCESS_EXEC_CHILD_H
#define ARCA_PROCESS_EXEC_CHILD_H

#include <stdbool.h>

#include "arca/spec.h"

#define EXEC_CHILD_PARENT_FDS 6

struct seccomp_program;

struct exec_child_args {
	const char *id; /* names the session keyring */
	const struct spec_process *process;
	const struct seccomp_program *seccomp; /* the container's filter, or NULL */
	int sync_fd;
	int procfd; /* the runtime's verified /proc */
	int init_pidfd;
	int ns_flags;   /* CLONE_NEW* to join: where the init differs, without CLONE_NEWPID */
	int root_fd;    /* O_PATH fd of the init's root (/proc/PID/root) */
	int console_fd; /* where the pty master goes (process.terminal), or -1 */
	unsigned int preserve_fds;
	int parent_fds[EXEC_CHILD_PARENT_FDS]; /* the runtime's own, closed first (-1: none) */
};

_Noreturn void exec_child_run(const struct exec_child_args *args);

#endif
