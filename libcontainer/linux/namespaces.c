#include "linux/namespaces.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "util/io.h"

int ns_clone_flag(int type)
{
	static const int flags[SPEC_NS_COUNT] = {
	    [SPEC_NS_MOUNT] = CLONE_NEWNS,      [SPEC_NS_PID] = CLONE_NEWPID,
	    [SPEC_NS_NETWORK] = CLONE_NEWNET,   [SPEC_NS_UTS] = CLONE_NEWUTS,
	    [SPEC_NS_IPC] = CLONE_NEWIPC,       [SPEC_NS_USER] = CLONE_NEWUSER,
	    [SPEC_NS_CGROUP] = CLONE_NEWCGROUP, [SPEC_NS_TIME] = CLONE_NEWTIME,
	};
	return flags[type];
}

static int open_ns_path(const struct spec_namespace *ns, size_t index, struct arca_error **err)
{
	const char *type = spec_ns_type_name(ns->type);
	int fd = open(ns->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "linux.namespaces[%zu]: open %s namespace %s", index,
		                 type, ns->path);
	int actual = ioctl(fd, NS_GET_NSTYPE);
	if (actual < 0) {
		int e = errno;
		close(fd);
		if (e == ENOTTY || e == EINVAL)
			return arca_fail_msg(err, EINVAL,
			                     "linux.namespaces[%zu]: %s is not a namespace", index,
			                     ns->path);
		return arca_fail(err, e, "linux.namespaces[%zu]: %s", index, ns->path);
	}
	if (actual != ns_clone_flag(ns->type)) {
		close(fd);
		return arca_fail_msg(err, EINVAL, "linux.namespaces[%zu]: %s is not a %s namespace",
		                     index, ns->path, type);
	}
	return fd;
}

int ns_plan_open(const struct spec_linux *linux_, struct ns_plan *plan, struct arca_error **err)
{
	*plan = (struct ns_plan){0};
	for (int t = 0; t < SPEC_NS_COUNT; t++)
		plan->join_fd[t] = -1;
	if (!linux_)
		return 0;
	for (size_t i = 0; i < linux_->namespaces.len; i++) {
		const struct spec_namespace *ns = &linux_->namespaces.items[i];
		plan->listed[ns->type] = true;
		if (!ns->path)
			continue;
		int fd = open_ns_path(ns, i, err);
		if (fd < 0) {
			ns_plan_close(plan);
			return fd;
		}
		plan->join_fd[ns->type] = fd;
	}
	return 0;
}

void ns_plan_close(struct ns_plan *plan)
{
	for (int t = 0; t < SPEC_NS_COUNT; t++) {
		if (plan->join_fd[t] >= 0)
			close(plan->join_fd[t]);
		plan->join_fd[t] = -1;
	}
}

void ns_plan_close_fds(const struct ns_plan *plan)
{
	for (int t = 0; t < SPEC_NS_COUNT; t++)
		if (plan->join_fd[t] >= 0)
			close(plan->join_fd[t]);
}

int ns_join(const struct ns_plan *plan, int type, struct arca_error **err)
{
	if (plan->join_fd[type] < 0)
		return 0;
	if (setns(plan->join_fd[type], ns_clone_flag(type)) < 0)
		return arca_fail(err, errno, "join the %s namespace", spec_ns_type_name(type));
	return 0;
}

/* The names under /proc/PID/ns/. */
static const char *const proc_ns_names[SPEC_NS_COUNT] = {
    [SPEC_NS_MOUNT] = "mnt",     [SPEC_NS_PID] = "pid",   [SPEC_NS_NETWORK] = "net",
    [SPEC_NS_UTS] = "uts",       [SPEC_NS_IPC] = "ipc",   [SPEC_NS_USER] = "user",
    [SPEC_NS_CGROUP] = "cgroup", [SPEC_NS_TIME] = "time",
};

/* Whether /proc/<a>/ns/<name> and /proc/<b>/ns/<name> are one namespace;
 * -errno when either cannot be read (-ENOENT: the kernel has no such type). */
static int ns_same(int procfd, const char *a, const char *b, const char *name)
{
	char path_a[64], path_b[64];
	struct stat st_a, st_b;
	snprintf(path_a, sizeof(path_a), "%s/ns/%s", a, name);
	snprintf(path_b, sizeof(path_b), "%s/ns/%s", b, name);
	if (fstatat(procfd, path_a, &st_a, 0) < 0 || fstatat(procfd, path_b, &st_b, 0) < 0)
		return -errno;
	return st_a.st_dev == st_b.st_dev && st_a.st_ino == st_b.st_ino;
}

int ns_differing(int procfd, pid_t pid, int *flags, struct arca_error **err)
{
	char other[16];
	snprintf(other, sizeof(other), "%d", (int)pid);
	*flags = 0;
	for (int t = 0; t < SPEC_NS_COUNT; t++) {
		int same = ns_same(procfd, "self", other, proc_ns_names[t]);
		if (same == -ENOENT && t == SPEC_NS_TIME)
			continue; /* a kernel without time namespaces */
		if (same < 0)
			return arca_fail(err, -same, "read the %s namespace of pid %d",
			                 spec_ns_type_name(t), (int)pid);
		if (!same)
			*flags |= ns_clone_flag(t);
	}
	return 0;
}

int ns_pid_for_children(int procfd, int fd, int *saved, struct arca_error **err)
{
	*saved = openat(procfd, "self/ns/pid", O_RDONLY | O_CLOEXEC);
	if (*saved < 0)
		return arca_fail(err, errno, "open the runtime's pid namespace");
	if (setns(fd, CLONE_NEWPID) < 0) {
		int e = errno;
		close(*saved);
		*saved = -1;
		return arca_fail(err, e, "enter the pid namespace");
	}
	return 0;
}

int ns_restore_pid_for_children(int saved)
{
	int r = setns(saved, CLONE_NEWPID) < 0 ? -errno : 0;
	close(saved);
	return r;
}

int ns_write_time_offsets(int procfd, pid_t pid, const struct spec_time_offsets *offsets,
                          struct arca_error **err)
{
	char buf[128];
	int len = 0;
	const struct spec_time_offset *clocks[2] = {offsets->monotonic, offsets->boottime};
	const char *names[2] = {"monotonic", "boottime"};
	for (int i = 0; i < 2; i++)
		if (clocks[i])
			len +=
			    snprintf(buf + len, sizeof(buf) - (size_t)len, "%s %lld %u\n", names[i],
			             (long long)clocks[i]->secs.value, clocks[i]->nanosecs.value);
	char path[32];
	snprintf(path, sizeof(path), "%d/timens_offsets", (int)pid);
	_cleanup_close_ int fd = openat(procfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "linux.timeOffsets: open /proc/%s", path);
	int r = write_all(fd, buf, (size_t)len);
	if (r < 0)
		return arca_fail(err, -r, "linux.timeOffsets: write /proc/%s", path);
	return 0;
}

int ns_unshare_time(struct arca_error **err)
{
	if (unshare(CLONE_NEWTIME) < 0)
		return arca_fail(err, errno, "make a time namespace");
	return 0;
}

int ns_enter_unshared_time(int procfd, struct arca_error **err)
{
	_cleanup_close_ int fd = openat(procfd, "self/ns/time_for_children", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "open the new time namespace");
	if (setns(fd, CLONE_NEWTIME) < 0)
		return arca_fail(err, errno, "enter the new time namespace");
	return 0;
}
