#include "linux/namespaces.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
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
