/* linux.seccomp (SECC-01..11): the filter is built once, in the runtime,
 * before anything of the container exists, and loaded by the process it
 * confines as late as that process can.
 *
 * Building (libseccomp) turns the profile into a finished BPF program: the
 * actions, architectures and argument conditions are translated, a syscall
 * name or architecture this libseccomp does not know is skipped with one
 * warning naming them all (SECC-11), a rule whose action is the default
 * action is skipped, and the requested flags are checked against the kernel.
 * A profile arca cannot honour fails here, so create fails before it made
 * anything. Loading is a single seccomp(2) call with the program's flags
 * (libseccomp 2.5.4 has no attribute for SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
 * so the program is exported and loaded by arca itself).
 *
 * The contract for a process that is about to exec (the init, `exec`):
 *  - build in the runtime with seccomp_program_build, before the clone; the
 *    child inherits the program in its copy of the memory;
 *  - in the child, call seccomp_program_load as the last step before execve.
 *    Everything after it runs filtered, so nothing but execve should follow.
 *    Two exceptions move it earlier:
 *     - seccomp_needs_privilege(process): without no_new_privs, seccomp(2)
 *       needs CAP_SYS_ADMIN, which the program may not keep; load it before
 *       the user and capabilities are set (before process_finalize);
 *     - program->notify: the listener fd must reach the runtime, which hands
 *       it to the agent (seccomp_listener.h). Send it at once, with sendmsg
 *       as the first system call after the load (a profile may not notify
 *       sendmsg: the build refuses it, or the process would wait for an
 *       agent that never gets the fd).
 *  - seccomp_program_free in the runtime when done. */
#ifndef ARCA_LINUX_SECCOMP_FILTER_H
#define ARCA_LINUX_SECCOMP_FILTER_H

#include <linux/filter.h>
#include <stdbool.h>

#include "arca/error.h"
#include "arca/spec.h"

struct seccomp_program {
	struct sock_filter *insns;
	unsigned short len; /* instructions, at most BPF_MAXINSNS */
	unsigned int flags; /* SECCOMP_FILTER_FLAG_*, NEW_LISTENER when notify */
	bool notify;        /* a rule uses SCMP_ACT_NOTIFY */
};

/* Builds the program for a profile that passed spec_validate. Warnings
 * (unknown names, dropped flags) go through arca_warn. */
int seccomp_program_build(const struct spec_seccomp *seccomp, struct seccomp_program **out,
                          struct arca_error **err);

/* The same, through the cache under cache_root (a state root; see
 * seccomp_cache.h): the same program, flags and warnings, without the
 * libseccomp build when a verified entry exists. NULL: no cache. */
int seccomp_program_build_cached(const struct spec_seccomp *seccomp, const char *cache_root,
                                 struct seccomp_program **out, struct arca_error **err);

void seccomp_program_free(struct seccomp_program *program);

static inline void seccomp_program_freep(struct seccomp_program **program)
{
	seccomp_program_free(*program);
}

#define _cleanup_seccomp_program_ __attribute__((cleanup(seccomp_program_freep)))

/* Loads the program into the calling thread. With program->notify,
 * *listener_fd gets the listener (close-on-exec), and no system call runs
 * between the load and the return; otherwise listener_fd may be NULL. */
int seccomp_program_load(const struct seccomp_program *program, int *listener_fd,
                         struct arca_error **err);

/* True when process runs without no_new_privs and without CAP_SYS_ADMIN in
 * its effective set: seccomp(2) refuses a filter once that is so, and the
 * program must be loaded before the capabilities are set. */
bool seccomp_needs_privilege(const struct spec_process *process);

#endif
