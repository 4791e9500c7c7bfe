#include "linux/cgroup_mount.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/resolve.h"

struct cgroup_job {
	const char *source;
	bool own_ns;
	unsigned int attr; /* MOUNT_ATTR_* of every mount inside */
	const char *where;
};

static int fresh_fs(const struct cgroup_job *job, const char *type, const char *controllers)
{
	_cleanup_close_ int fs = fsopen(type, FSOPEN_CLOEXEC);
	if (fs < 0)
		return -errno;
	if (job->source && fsconfig(fs, FSCONFIG_SET_STRING, "source", job->source, 0) < 0)
		return -errno;
	_cleanup_free_ char *list = strdup(controllers);
	if (!list)
		return -ENOMEM;
	char *save = NULL;
	for (char *c = strtok_r(list, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
		int r = strncmp(c, "name=", 5) == 0
		            ? fsconfig(fs, FSCONFIG_SET_STRING, "name", c + 5, 0)
		            : fsconfig(fs, FSCONFIG_SET_FLAG, c, NULL, 0);
		if (r < 0)
			return -errno;
	}
	if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return -errno;
	int m = fsmount(fs, FSMOUNT_CLOEXEC, job->attr);
	return m < 0 ? -errno : m;
}

static int bind_of(const struct cgroup_job *job, const char *dir)
{
	int tree = open_tree(AT_FDCWD, dir, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (tree < 0)
		return -errno;
	struct mount_attr a = {.attr_set = job->attr};
	if (job->attr && mount_setattr(tree, "", AT_EMPTY_PATH, &a, sizeof(a)) < 0) {
		int e = errno;
		close(tree);
		return -e;
	}
	return tree;
}

static int attach(int mfd, int dest_fd)
{
	if (move_mount(mfd, "", dest_fd, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}

static int hierarchy_mount(const struct cgroup_job *job, const struct cgroup_view *v)
{
	if (!job->own_ns)
		return bind_of(job, v->dir);
	if (v->unified)
		return fresh_fs(job, "cgroup2", "");
	return fresh_fs(job, "cgroup", v->controllers);
}

/* "cpu" and "cpuacct" lead to "cpu,cpuacct", as on the host. */
static int link_controllers(int tmpfs, const char *name)
{
	if (!strchr(name, ','))
		return 0;
	_cleanup_free_ char *list = strdup(name);
	if (!list)
		return -ENOMEM;
	char *save = NULL;
	for (char *c = strtok_r(list, ",", &save); c; c = strtok_r(NULL, ",", &save))
		if (symlinkat(name, tmpfs, c) < 0 && errno != EEXIST)
			return -errno;
	return 0;
}

static int mount_view(const struct cgroup_job *job, int tmpfs, const struct cgroup_view *v,
                      struct arca_error **err)
{
	if (mkdirat(tmpfs, v->name, 0755) < 0 && errno != EEXIST)
		return arca_fail(err, errno, "%s: make %s", job->where, v->name);
	struct open_how how = {.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
	                       .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS};
	_cleanup_close_ int sub = arca_openat2(tmpfs, v->name, &how);
	if (sub < 0)
		return arca_fail(err, errno, "%s: open %s", job->where, v->name);
	_cleanup_close_ int m = hierarchy_mount(job, v);
	int r = m < 0 ? m : attach(m, sub);
	if (r == 0)
		r = link_controllers(tmpfs, v->name);
	if (r < 0)
		return arca_fail(err, -r, "%s: mount the %s cgroup hierarchy", job->where, v->name);
	return 0;
}

static int mount_v2(const struct cgroup_job *job, int dest_fd, const struct cgroup_view *v,
                    struct arca_error **err)
{
	_cleanup_close_ int m = hierarchy_mount(job, v);
	int r = m < 0 ? m : attach(m, dest_fd);
	return r < 0 ? arca_fail(err, -r, "%s: mount cgroup2", job->where) : 0;
}

/* The tmpfs of a v1 layout; read-only only once it is filled. */
static int mount_tmpfs(const struct cgroup_job *job, int dest_fd, int *tmpfs,
                       struct arca_error **err)
{
	_cleanup_close_ int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	if (fs < 0 ||
	    (job->source && fsconfig(fs, FSCONFIG_SET_STRING, "source", job->source, 0) < 0) ||
	    fsconfig(fs, FSCONFIG_SET_STRING, "mode", "755", 0) < 0 ||
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return arca_fail(err, errno, "%s: make the tmpfs for the cgroup hierarchies",
		                 job->where);
	_cleanup_close_ int m = fsmount(fs, FSMOUNT_CLOEXEC, job->attr & ~MOUNT_ATTR_RDONLY);
	if (m < 0 || attach(m, dest_fd) < 0)
		return arca_fail(err, errno, "%s: mount the tmpfs for the cgroup hierarchies",
		                 job->where);
	*tmpfs = openat(m, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*tmpfs < 0)
		return arca_fail(err, errno, "%s: open the cgroup tmpfs", job->where);
	return 0;
}

static int seal(const struct cgroup_job *job, int tmpfs, struct arca_error **err)
{
	if (!(job->attr & MOUNT_ATTR_RDONLY))
		return 0;
	struct mount_attr a = {.attr_set = MOUNT_ATTR_RDONLY};
	if (mount_setattr(tmpfs, "", AT_EMPTY_PATH, &a, sizeof(a)) < 0)
		return arca_fail(err, errno, "%s: make the cgroup tmpfs read-only", job->where);
	return 0;
}

int cgroup_mount(int dest_fd, const struct mount_options *opts, const char *source,
                 const struct cgroup *cg, bool own_ns, const char *where, struct arca_error **err)
{
	struct cgroup_job job = {.source = source,
	                         .own_ns = own_ns,
	                         .attr = (unsigned int)opts->attr_set,
	                         .where = where};
	struct cgroup_view v;
	if (!cgroup_view_at(cg, 0, &v))
		return arca_fail_msg(err, ENOENT, "%s: the host has no cgroup hierarchy", where);
	if (v.name[0] == '\0')
		return mount_v2(&job, dest_fd, &v, err);
	_cleanup_close_ int tmpfs = -1;
	int r = mount_tmpfs(&job, dest_fd, &tmpfs, err);
	for (size_t i = 0; r == 0 && cgroup_view_at(cg, i, &v); i++)
		r = mount_view(&job, tmpfs, &v, err);
	return r == 0 ? seal(&job, tmpfs, err) : r;
}
