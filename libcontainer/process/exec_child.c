#include "process/exec_child.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "linux/console.h"
#include "linux/keyring.h"
#include "linux/seccomp_filter.h"
#include "linux/user.h"
#include "process/finalize.h"
#include "process/seccomp_point.h"
#include "process/sync.h"

/* Warnings travel to the runtime, which logs them. */
static int warn_fd = -1;

static void forward_warning(enum arca_log_level level, const char *msg)
{
	if (level <= ARCA_LOG_WARN)
		sync_send(warn_fd, SYNC_WARN, 0, msg);
}

/* The init's namespaces, all at once; then its root, which is the mount
 * namespace's root only after pivot_root (not with --no-pivot, nor without
 * a mount namespace of the container's own). */
static int enter_container(const struct exec_child_args *a, struct arca_error **err)
{
	if (a->ns_flags && setns(a->init_pidfd, a->ns_flags) < 0)
		return arca_fail(err, errno, "join the namespaces of the container init");
	int r = (a->ns_flags & CLONE_NEWUSER) ? user_become_ns_root(err) : 0;
	if (r < 0)
		return r;
	if (fchdir(a->root_fd) < 0 || chroot(".") < 0)
		return arca_fail(err, errno, "enter the root of the container init");
	close(a->root_fd);
	return 0;
}

/* process.terminal: a pty of the container's devpts, after the chroot. */
static int open_terminal(const struct exec_child_args *a, struct arca_error **err)
{
	_cleanup_close_ int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return arca_fail(err, errno, "open the container's root");
	int slave = console_open_pty(root, a->console_fd, a->process->console_size, err);
	close(a->console_fd);
	return slave;
}

static int setup(const struct exec_child_args *a, enum seccomp_point seccomp,
                 struct finalized *program, struct arca_error **err)
{
	int r = sync_expect(a->sync_fd, SYNC_GO, err);
	if (r == 0)
		r = enter_container(a, err);
	if (r < 0)
		return r;
	keyring_join_new(a->id);
	_cleanup_close_ int slave = -1;
	if (a->process->terminal && (slave = open_terminal(a, err)) < 0)
		return slave;
	if (seccomp == SECCOMP_BEFORE_FINALIZE &&
	    (r = seccomp_load_and_report(a->seccomp, a->sync_fd, err)) < 0)
		return r;
	struct finalize_args fa = {.process = a->process,
	                           .procfd = a->procfd,
	                           .console_slave = slave,
	                           .setgroups_allowed = !process_setgroups_denied(a->procfd),
	                           .preserve_fds = a->preserve_fds};
	return process_finalize(&fa, program, err);
}

static _Noreturn void report_and_exit(int sync_fd, const struct arca_error *err, int status)
{
	sync_send(sync_fd, SYNC_ERROR, err ? err->code : EIO, err ? err->msg : "exec failed");
	_exit(status);
}

_Noreturn void exec_child_run(const struct exec_child_args *a)
{
	/* Inherited from the runtime for the clone; said again: until execve
	 * this process holds the runtime's fds, in the container's pid
	 * namespace, where no container process may ptrace it or reach them
	 * through /proc/PID/fd. execve makes the program dumpable again. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		_exit(1);
	for (size_t i = 0; i < EXEC_CHILD_PARENT_FDS; i++)
		if (a->parent_fds[i] >= 0)
			close(a->parent_fds[i]);
	warn_fd = a->sync_fd;
	arca_log_set_handler(forward_warning, ARCA_LOG_WARN);
	enum seccomp_point seccomp = seccomp_point_of(a->seccomp, a->process);
	struct finalized program = {0};
	struct arca_error *err = NULL;
	if (setup(a, seccomp, &program, &err) < 0 ||
	    (seccomp == SECCOMP_BEFORE_READY &&
	     seccomp_load_and_report(a->seccomp, a->sync_fd, &err) < 0))
		report_and_exit(a->sync_fd, err, 1);
	close(a->init_pidfd);
	close(a->procfd);
	if (sync_send(a->sync_fd, SYNC_READY, 0, NULL) < 0)
		_exit(1);
	if (seccomp == SECCOMP_BEFORE_EXEC && seccomp_program_load(a->seccomp, NULL, &err) < 0)
		report_and_exit(a->sync_fd, err, 1);
	/* the sync socket closes on exec: that EOF tells the runtime */
	execve(program.exec_path, program.argv, program.envp);
	arca_fail(&err, errno, "exec %s", program.exec_path);
	report_and_exit(a->sync_fd, err, 127);
}
