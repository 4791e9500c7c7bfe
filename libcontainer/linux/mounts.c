#include "linux/mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/cgroup_mount.h"
#include "linux/copy_tree.h"
#include "linux/mount_options.h"
#include "linux/safepath.h"
#include "util/path.h"

struct mount_job {
	const struct mount_context *ctx;
	const struct spec_mount *spec;
	struct mount_options opts;
	char *dest; /* cleaned, absolute, inside the container */
	char where[32];
};

/* The kernel explains fsconfig failures in the fs context's log. */
static void append_fs_log(int fsfd, char *buf, size_t size)
{
	ssize_t n = read(fsfd, buf, size - 1);
	if (n <= 2) {
		buf[0] = '\0';
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	memmove(buf, buf + 2, strlen(buf + 2) + 1); /* drop the "e " level prefix */
}

static int fs_fail(struct arca_error **err, int fsfd, int code, const char *what,
                   const struct mount_job *job)
{
	char log[256];
	const char *type = job->spec->type ? job->spec->type : "the filesystem";
	append_fs_log(fsfd, log, sizeof(log));
	if (log[0])
		return arca_fail(err, code, "%s: mount %s on %s: %s (%s)", job->where, type,
		                 job->dest, what, log);
	return arca_fail(err, code, "%s: mount %s on %s: %s", job->where, type, job->dest, what);
}

/* The filesystem parameters: "key=value" as a string, "flag" as a flag. */
static int set_params(int fsfd, const struct mount_job *job, struct arca_error **err)
{
	for (size_t i = 0; i < job->opts.n_fs_params; i++) {
		const char *param = job->opts.fs_params[i];
		const char *eq = strchr(param, '=');
		int r;
		if (eq) {
			_cleanup_free_ char *key = strndup(param, (size_t)(eq - param));
			if (!key)
				return arca_fail(err, ENOMEM, "%s", job->where);
			r = fsconfig(fsfd, FSCONFIG_SET_STRING, key, eq + 1, 0);
		} else {
			r = fsconfig(fsfd, FSCONFIG_SET_FLAG, param, NULL, 0);
		}
		if (r < 0) {
			char what[300];
			snprintf(what, sizeof(what), "option \"%s\"", param);
			return fs_fail(err, fsfd, errno, what, job);
		}
	}
	return 0;
}

static int configure_fs(int fsfd, const struct mount_job *job, struct arca_error **err)
{
	const char *source = job->spec->source;
	if (source && fsconfig(fsfd, FSCONFIG_SET_STRING, "source", source, 0) < 0)
		return fs_fail(err, fsfd, errno, "set source", job);
	int r = set_params(fsfd, job, err);
	if (r < 0)
		return r;
	const char *label = job->ctx->mount_label;
	if (label && label[0] && fsconfig(fsfd, FSCONFIG_SET_STRING, "context", label, 0) < 0)
		return fs_fail(err, fsfd, errno, "linux.mountLabel", job);
	if (fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return fs_fail(err, fsfd, errno, "create", job);
	return 0;
}

/* remount with filesystem parameters: the superblock is reconfigured, as
 * mount(8) -o remount,size=... does. */
static int reconfigure_fs(int fd, const struct mount_job *job, struct arca_error **err)
{
	if (job->opts.n_fs_params == 0)
		return 0;
	_cleanup_close_ int fsfd = fspick(fd, "", FSPICK_EMPTY_PATH | FSPICK_CLOEXEC);
	if (fsfd < 0)
		return arca_fail(err, errno, "%s: remount %s", job->where, job->dest);
	int r = set_params(fsfd, job, err);
	if (r == 0 && fsconfig(fsfd, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0) < 0)
		return fs_fail(err, fsfd, errno, "reconfigure", job);
	return r;
}

/* A new filesystem instance: fsopen, its parameters, fsmount. */
static int make_fs_mount(const struct mount_job *job, struct arca_error **err)
{
	if (!job->spec->type)
		return arca_fail_msg(
		    err, EINVAL, "%s.type: required for a mount that is not a bind", job->where);
	_cleanup_close_ int fsfd = fsopen(job->spec->type, FSOPEN_CLOEXEC);
	if (fsfd < 0) {
		if (errno == ENODEV)
			return arca_fail_msg(err, ENODEV, "%s.type: unknown filesystem type \"%s\"",
			                     job->where, job->spec->type);
		return arca_fail(err, errno, "%s: open filesystem %s", job->where, job->spec->type);
	}
	int r = configure_fs(fsfd, job, err);
	if (r < 0)
		return r;
	int mfd = fsmount(fsfd, FSMOUNT_CLOEXEC, (unsigned int)job->opts.attr_set);
	if (mfd < 0)
		return fs_fail(err, fsfd, errno, "make the mount", job);
	return mfd;
}

/* A bind: a clone of the source tree with the options' attributes. */
static int make_bind_mount(const struct mount_job *job, const char *source, struct arca_error **err)
{
	unsigned int flags = OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC;
	if (job->opts.recursive_bind)
		flags |= AT_RECURSIVE;
	int tree = open_tree(AT_FDCWD, source, flags);
	if (tree < 0)
		return arca_fail(err, errno, "%s: bind mount source %s", job->where, source);
	if (job->opts.attr_set || job->opts.attr_clr) {
		struct mount_attr attr = {.attr_set = job->opts.attr_set,
		                          .attr_clr = job->opts.attr_clr};
		if (mount_setattr(tree, "", AT_EMPTY_PATH, &attr, sizeof(attr)) < 0) {
			int e = errno;
			close(tree);
			return arca_fail(err, e, "%s: set the options of the bind of %s",
			                 job->where, source);
		}
	}
	return tree;
}

/* The destination: a directory, or a file when a file is bind-mounted. */
static int open_destination(const struct mount_job *job, bool as_file, struct arca_error **err)
{
	int fd = as_file ? safe_mkfile(job->ctx->rootfd, job->dest, 0644)
	                 : safe_mkdir_all(job->ctx->rootfd, job->dest, 0755);
	if (fd < 0)
		return arca_fail(err, -fd, "%s: make the mount point %s", job->where, job->dest);
	return fd;
}

static int set_propagation(int mfd, const struct mount_job *job, struct arca_error **err)
{
	for (size_t i = 0; i < job->opts.n_propagation; i++) {
		struct mount_attr attr = {.propagation = job->opts.propagation[i].type};
		unsigned int flags = AT_EMPTY_PATH;
		if (job->opts.propagation[i].recursive)
			flags |= AT_RECURSIVE;
		if (mount_setattr(mfd, "", flags, &attr, sizeof(attr)) < 0)
			return arca_fail(err, errno, "%s: set the propagation of %s", job->where,
			                 job->dest);
	}
	if (job->opts.rec_attr_set || job->opts.rec_attr_clr) {
		struct mount_attr attr = {.attr_set = job->opts.rec_attr_set,
		                          .attr_clr = job->opts.rec_attr_clr};
		if (mount_setattr(mfd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof(attr)) < 0)
			return arca_fail(err, errno, "%s: set the recursive options of %s",
			                 job->where, job->dest);
	}
	return 0;
}

/* "remount": new attributes for the mount already at the destination. */
static int remount(const struct mount_job *job, struct arca_error **err)
{
	_cleanup_close_ int fd = safe_open(job->ctx->rootfd, job->dest, O_PATH);
	if (fd < 0)
		return arca_fail(err, -fd, "%s: remount %s", job->where, job->dest);
	struct mount_attr attr = {.attr_set = job->opts.attr_set, .attr_clr = job->opts.attr_clr};
	if (mount_setattr(fd, "", AT_EMPTY_PATH, &attr, sizeof(attr)) < 0)
		return arca_fail(err, errno, "%s: remount %s", job->where, job->dest);
	int r = reconfigure_fs(fd, job, err);
	return r < 0 ? r : set_propagation(fd, job, err);
}

static int attach(int mfd, const struct mount_job *job, bool as_file, struct arca_error **err)
{
	_cleanup_close_ int dest = open_destination(job, as_file, err);
	if (dest < 0)
		return dest;
	if (move_mount(mfd, "", dest, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return arca_fail(err, errno, "%s: mount on %s", job->where, job->dest);
	return set_propagation(mfd, job, err);
}

static int bind_source(const struct mount_job *job, char **out, bool *is_file,
                       struct arca_error **err)
{
	if (!job->spec->source || !job->spec->source[0])
		return arca_fail_msg(err, EINVAL, "%s.source: required for a bind mount",
		                     job->where);
	*out = path_resolve_from(job->ctx->bundle, job->spec->source);
	if (!*out)
		return arca_fail(err, ENOMEM, "%s", job->where);
	struct stat st;
	if (stat(*out, &st) < 0)
		return arca_fail(err, errno, "%s.source: %s", job->where, *out);
	*is_file = !S_ISDIR(st.st_mode);
	return 0;
}

/* type "cgroup": the container's cgroups, see cgroup_mount.h */
static int mount_cgroups(const struct mount_job *job, struct arca_error **err)
{
	_cleanup_close_ int dest = open_destination(job, false, err);
	if (dest < 0)
		return dest;
	return cgroup_mount(dest, &job->opts, job->spec->source, job->ctx->cgroup,
	                    job->ctx->cgroup_ns, job->where, err);
}

/* tmpcopyup (MNT-08): what was at the destination, copied into the tmpfs
 * now mounted over it, the directory's own mode and owner included. */
static int copy_up(int below, int mfd, const struct mount_job *job, struct arca_error **err)
{
	_cleanup_close_ int top = openat(mfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;
	if (top < 0 || fstat(below, &st) < 0 || fchown(top, st.st_uid, st.st_gid) < 0 ||
	    fchmod(top, st.st_mode & 07777) < 0)
		return arca_fail(err, errno, "%s: tmpcopyup onto %s", job->where, job->dest);
	int r = copy_tree(below, top, job->dest, err);
	return r < 0 ? arca_wrap(err, r, "%s: tmpcopyup", job->where) : 0;
}

static int mount_fs(struct mount_job *job, struct arca_error **err)
{
	if (job->opts.copy_up && (!job->spec->type || strcmp(job->spec->type, "tmpfs") != 0))
		return arca_fail_msg(err, EINVAL, "%s.options: tmpcopyup needs a tmpfs",
		                     job->where);
	_cleanup_close_ int below = -1;
	if (job->opts.copy_up) {
		below = safe_open(job->ctx->rootfd, job->dest, O_RDONLY | O_DIRECTORY);
		if (below < 0 && below != -ENOENT)
			return arca_fail(err, -below, "%s: open %s", job->where, job->dest);
	}
	_cleanup_close_ int mfd = make_fs_mount(job, err);
	if (mfd < 0)
		return mfd;
	int r = attach(mfd, job, false, err);
	if (r == 0 && below >= 0)
		r = copy_up(below, mfd, job, err);
	return r;
}

static int mount_one(struct mount_job *job, struct arca_error **err)
{
	if (job->opts.remount)
		return remount(job, err);
	if (!job->opts.bind && job->spec->type && strcmp(job->spec->type, "cgroup") == 0)
		return mount_cgroups(job, err);
	if (!job->opts.bind)
		return mount_fs(job, err);
	bool as_file = false;
	_cleanup_free_ char *source = NULL;
	int r = bind_source(job, &source, &as_file, err);
	if (r < 0)
		return r;
	_cleanup_close_ int mfd = make_bind_mount(job, source, err);
	if (mfd < 0)
		return mfd;
	return attach(mfd, job, as_file, err);
}

/* CVE-2019-16884, CVE-2023-28642: an image whose /proc or /sys is a
 * symlink (to a directory it controls, or to "/") or not a directory at all
 * is refused, before anything is mounted on or below it. */
static int check_kernel_fs_dir(const struct mount_job *job, struct arca_error **err)
{
	const char *dest = job->dest;
	const char *names[] = {"proc", "sys"};
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(names[i]);
		if (strncmp(dest + 1, names[i], n) != 0 || (dest[n + 1] && dest[n + 1] != '/'))
			continue;
		struct stat st;
		if (fstatat(job->ctx->rootfd, names[i], &st, AT_SYMLINK_NOFOLLOW) < 0)
			return errno == ENOENT
			           ? 0
			           : arca_fail(err, errno, "%s: /%s", job->where, names[i]);
		if (!S_ISDIR(st.st_mode))
			return arca_fail_msg(
			    err, ENOTDIR, "%s: the rootfs's /%s is %s, not a directory", job->where,
			    names[i], S_ISLNK(st.st_mode) ? "a symlink" : "a file");
	}
	return 0;
}

static int prepare_job(struct mount_job *job, size_t index, struct arca_error **err)
{
	snprintf(job->where, sizeof(job->where), "mounts[%zu]", index);
	_cleanup_free_ char *rooted = NULL;
	if (asprintf(&rooted, "/%s", job->spec->destination) < 0)
		return arca_fail(err, ENOMEM, "%s", job->where);
	job->dest = path_clean(rooted);
	if (!job->dest)
		return arca_fail(err, ENOMEM, "%s", job->where);
	if (strcmp(job->dest, "/") == 0)
		return arca_fail_msg(err, EINVAL, "%s.destination: cannot mount over the root",
		                     job->where);
	int r = check_kernel_fs_dir(job, err);
	if (r < 0)
		return r;
	char where[48];
	snprintf(where, sizeof(where), "%s.options", job->where);
	return mount_options_parse(&job->spec->options, where, &job->opts, err);
}

int mounts_apply(const struct mount_context *ctx, const struct spec_mounts *mounts,
                 struct arca_error **err)
{
	for (size_t i = 0; i < mounts->len; i++) {
		struct mount_job job = {.ctx = ctx, .spec = &mounts->items[i]};
		int r = prepare_job(&job, i, err);
		if (r == 0)
			r = mount_one(&job, err);
		mount_options_release(&job.opts);
		free(job.dest);
		if (r < 0)
			return r;
	}
	return 0;
}
