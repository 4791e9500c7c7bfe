/* linux.namespaces (NS-01..07): which namespaces the init creates and which
 * it joins, with every path opened and checked before anything is cloned. */
#ifndef ARCA_LINUX_NAMESPACES_H
#define ARCA_LINUX_NAMESPACES_H

#include <stdbool.h>
#include <sys/types.h>

#include "arca/error.h"
#include "arca/spec.h"

struct ns_plan {
	bool listed[SPEC_NS_COUNT]; /* the type appears in linux.namespaces */
	int join_fd[SPEC_NS_COUNT]; /* an fd of the namespace to join, or -1 */
};

/* The CLONE_NEW* flag of a namespace type. */
int ns_clone_flag(int type);

static inline bool ns_is_new(const struct ns_plan *plan, int type)
{
	return plan->listed[type] && plan->join_fd[type] < 0;
}

/* Opens every path and checks that it is a namespace of the declared type
 * (NS-02, NS-04). */
int ns_plan_open(const struct spec_linux *linux_, struct ns_plan *plan, struct arca_error **err);

void ns_plan_close(struct ns_plan *plan);

/* Closes the fds of the paths, in a process that is done joining. */
void ns_plan_close_fds(const struct ns_plan *plan);

/* Joins the namespace of `type` if the plan has a path for it. */
int ns_join(const struct ns_plan *plan, int type, struct arca_error **err);

/* exec: the CLONE_NEW* flags of the namespaces in which process pid (seen
 * through procfd, a verified /proc) is not where the caller is. */
int ns_differing(int procfd, pid_t pid, int *flags, struct arca_error **err);

/* Points the caller's pid_for_children at the pid namespace of fd (a
 * namespace fd, or a pidfd: that process's), for the next clone; *saved
 * gets an fd of the caller's own, which ns_restore_pid_for_children goes
 * back to and closes. */
int ns_pid_for_children(int procfd, int fd, int *saved, struct arca_error **err);
int ns_restore_pid_for_children(int saved);

/* A new time namespace in two steps, so that timeOffsets are written before
 * anything runs in it (TIME-01): the init unshares it (it becomes the
 * namespace of its future children), the runtime writes the offsets to
 * /proc/PID/timens_offsets, then the init enters it itself. */
int ns_unshare_time(struct arca_error **err);
int ns_write_time_offsets(int procfd, pid_t pid, const struct spec_time_offsets *offsets,
                          struct arca_error **err);
int ns_enter_unshared_time(int procfd, struct arca_error **err);

#endif
