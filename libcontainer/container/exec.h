/* `arca exec`, runtime side (container/exec*.c): the process to run, the
 * launch of the child that becomes it (process/exec_child.h), and the
 * foreground wait. */
#ifndef ARCA_CONTAINER_EXEC_H
#define ARCA_CONTAINER_EXEC_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "arca/container.h"
#include "arca/spec.h"
#include "state/store.h"

struct cgroup;
struct seccomp_program;

struct exec_job {
	const struct arca_exec_opts *opts;
	const struct container_record *rec;
	const struct spec_process *process;
	const struct spec_seccomp *seccomp_spec; /* the container's linux.seccomp, or NULL */
	enum arca_status status;                 /* the container's, for the seccomp agent */
	int state_fds[2]; /* the container's locked directory and the state root */
	int procfd;       /* the runtime's verified /proc */
	int init_pidfd;
	int ns_flags; /* CLONE_NEW* where the init's namespaces are not the runtime's */
	int root_fd;  /* the init's root */
	struct cgroup *cgroup;
	struct seccomp_program *seccomp; /* built from seccomp_spec */
	int seccomp_listener; /* connected to its listenerPath (SCMP_ACT_NOTIFY), or -1 */
	int console_fd;       /* the child's end: --console-socket, or the proxy pair's */
	int console_peer;     /* the runtime's end of the proxy pair (foreground, no socket) */
	int sync[2];
	pid_t pid; /* the exec'd process */
	int pidfd;
	bool in_cgroup2; /* CLONE_INTO_CGROUP placed it */
};

/* The process: read from opts->process_file, or the config's with the
 * options applied as runc applies them (the config is taken apart). */
int exec_process_build(const struct arca_exec_opts *opts, struct spec *config,
                       struct spec_process **out, struct arca_error **err);

void exec_job_init(struct exec_job *job, const struct arca_exec_opts *opts,
                   const struct container_record *rec, const struct spec_process *process);

/* Starts the process and returns once it has exec'd its program; on
 * failure the error is the child's own, and nothing of it is left. */
int exec_launch(struct exec_job *job, struct arca_error **err);

/* Closes what the launch opened; the process is not touched. */
void exec_job_free(struct exec_job *job);

/* The foreground: proxies the terminal when arca holds it, forwards the
 * signals of the blocked set to the process, and returns its wait status. */
int exec_wait(const struct exec_job *job, const sigset_t *signals, int *status,
              struct arca_error **err);

#endif
