/* Where a container process (the init, exec's child) loads its seccomp
 * filter (SECC-01, linux/seccomp_filter.h): right before execve, after the
 * exec.fifo wait, so that nothing arca does runs filtered; before READY
 * when a rule notifies, because create and exec hand the listener fd to the
 * agent before they return (READY and the fifo wait then run filtered);
 * before the user and capabilities are set when the program would lack the
 * privilege seccomp(2) needs (no no_new_privs, no CAP_SYS_ADMIN), as runc
 * does: those steps then run filtered too. */
#ifndef ARCA_PROCESS_SECCOMP_POINT_H
#define ARCA_PROCESS_SECCOMP_POINT_H

#include "arca/error.h"
#include "arca/spec.h"
#include "linux/seccomp_filter.h"

enum seccomp_point {
	SECCOMP_NONE,
	SECCOMP_BEFORE_FINALIZE,
	SECCOMP_BEFORE_READY,
	SECCOMP_BEFORE_EXEC,
};

/* The point for program (NULL: no filter) and the process it filters
 * (NULL: none). */
enum seccomp_point seccomp_point_of(const struct seccomp_program *program,
                                    const struct spec_process *process);

/* Loads program; a listener fd goes to the runtime over sync_fd at once
 * (SYNC_SECCOMP): sendmsg is the first system call after the load. */
int seccomp_load_and_report(const struct seccomp_program *program, int sync_fd,
                            struct arca_error **err);

#endif
