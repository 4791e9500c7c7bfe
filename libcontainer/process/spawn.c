#include "process/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/syscalls.h"

/* Namespaces a clone can make directly. */
static const int clonable[] = {SPEC_NS_MOUNT, SPEC_NS_PID, SPEC_NS_NETWORK,
                               SPEC_NS_UTS,   SPEC_NS_IPC, SPEC_NS_USER};

static bool joins_other_than_pid(const struct ns_plan *ns)
{
	for (int t = 0; t < SPEC_NS_COUNT; t++)
		if (t != SPEC_NS_PID && ns->join_fd[t] >= 0)
			return true;
	return false;
}

int spawn_plan(const struct ns_plan *ns, struct init_args *args)
{
	int flags = 0;
	for (size_t i = 0; i < sizeof(clonable) / sizeof(clonable[0]); i++)
		if (ns_is_new(ns, clonable[i]))
			flags |= ns_clone_flag(clonable[i]);
	bool late = ns->join_fd[SPEC_NS_USER] >= 0 ||
	            (ns_is_new(ns, SPEC_NS_USER) && joins_other_than_pid(ns));
	args->late_user_ns = late && ns_is_new(ns, SPEC_NS_USER);
	args->late_flags = late ? flags & ~CLONE_NEWUSER : 0;
	return late ? 0 : flags;
}

long spawn_clone(int flags, int cgroup_fd, int *pidfd)
{
	struct clone_args ca = {
	    .flags = (uint64_t)flags | CLONE_PIDFD,
	    .pidfd = (uint64_t)(uintptr_t)pidfd,
	    .exit_signal = SIGCHLD,
	};
	if (cgroup_fd >= 0) {
		ca.flags |= CLONE_INTO_CGROUP;
		ca.cgroup = (uint64_t)cgroup_fd;
	}
	return sys_clone3(&ca);
}

/* pid_for_children of the runtime is pointed at a joined pid namespace for
 * the clone only, then back: hooks and helpers stay in the runtime's own. */
static int enter_pid_ns(const struct ns_plan *ns, int *saved, struct arca_error **err)
{
	*saved = -1;
	if (ns->join_fd[SPEC_NS_PID] < 0)
		return 0;
	*saved = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	if (*saved < 0)
		return arca_fail(err, errno, "open the runtime's pid namespace");
	if (setns(ns->join_fd[SPEC_NS_PID], CLONE_NEWPID) < 0)
		return arca_fail(err, errno, "join the pid namespace");
	return 0;
}

/* A failure would leave every later child of the runtime (hooks) in the
 * container's pid namespace. */
static int leave_pid_ns(int saved)
{
	if (saved < 0)
		return 0;
	int r = setns(saved, CLONE_NEWPID) < 0 ? -errno : 0;
	close(saved);
	return r;
}

int spawn_init(const struct init_args *args, int clone_flags, int cgroup_fd, struct spawned *out,
               struct arca_error **err)
{
	int saved_pid_ns;
	int r = enter_pid_ns(args->ns, &saved_pid_ns, err);
	if (r < 0) {
		leave_pid_ns(saved_pid_ns);
		return r;
	}
	int pidfd = -1;
	long pid = spawn_clone(clone_flags, cgroup_fd, &pidfd);
	bool in_cgroup2 = cgroup_fd >= 0;
	if (pid < 0 && in_cgroup2 && errno != ENOMEM && errno != EAGAIN) {
		/* e.g. a cgroup2 directory that does not accept processes yet:
		 * the runtime attaches the init itself */
		in_cgroup2 = false;
		pid = spawn_clone(clone_flags, -1, &pidfd);
	}
	if (pid == 0) {
		if (saved_pid_ns >= 0)
			close(saved_pid_ns);
		init_run(args);
	}
	int saved_errno = errno;
	r = leave_pid_ns(saved_pid_ns);
	if (pid < 0)
		return arca_fail(err, saved_errno, "clone the container init");
	if (r < 0) {
		pidfd_send_signal(pidfd, SIGKILL, NULL, 0);
		waitpid((pid_t)pid, NULL, 0);
		close(pidfd);
		return arca_fail(err, -r, "return to the runtime's pid namespace");
	}
	*out = (struct spawned){.pid = (pid_t)pid,
	                        .pidfd = pidfd,
	                        .in_cgroup2 = in_cgroup2,
	                        .clone_flags = clone_flags};
	return 0;
}
