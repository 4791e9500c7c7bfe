#include "linux/masked_paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "linux/safepath.h"

#define WHERE "linux.maskedPaths"

/* One of the two sources while masks_apply runs. */
struct mask_source {
	int fd;
	struct stat st; /* a path with this inode is masked already */
	bool attached;  /* fd is a mount in the container now: clone it */
};

void masks_release(struct mask_sources *src)
{
	if (src->devnull >= 0)
		close(src->devnull);
	if (src->empty_dir >= 0)
		close(src->empty_dir);
	src->devnull = -1;
	src->empty_dir = -1;
}

/* The host's /dev/null, only if it really is the null device. */
static int prepare_devnull(struct arca_error **err)
{
	_cleanup_close_ int fd = open("/dev/null", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		return arca_fail(err, errno, WHERE ": open the host's /dev/null");
	if (!S_ISCHR(st.st_mode) || st.st_rdev != makedev(1, 3))
		return arca_fail_msg(err, EINVAL,
		                     WHERE ": the host's /dev/null is not the char device 1:3");
	int tree = open_tree(fd, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH);
	if (tree < 0)
		return arca_fail(err, errno, WHERE ": bind the host's /dev/null");
	return tree;
}

/* The smallest tmpfs there is (runc's sizes; some distribution kernels
 * refuse fewer than 2 inodes), read-only from the start. */
static int prepare_empty_dir(struct arca_error **err)
{
	_cleanup_close_ int fsfd = fsopen("tmpfs", FSOPEN_CLOEXEC);
	if (fsfd < 0)
		return arca_fail(err, errno, WHERE ": open a tmpfs");
	if (fsconfig(fsfd, FSCONFIG_SET_STRING, "nr_blocks", "1", 0) < 0 ||
	    fsconfig(fsfd, FSCONFIG_SET_STRING, "nr_inodes", "2", 0) < 0 ||
	    fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return arca_fail(err, errno, WHERE ": make the empty tmpfs");
	int mfd =
	    fsmount(fsfd, FSMOUNT_CLOEXEC,
	            MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	if (mfd < 0)
		return arca_fail(err, errno, WHERE ": mount the empty tmpfs");
	return mfd;
}

int masks_prepare(struct mask_sources *out, struct arca_error **err)
{
	_cleanup_(masks_release) struct mask_sources src = {.devnull = -1, .empty_dir = -1};
	*out = src;
	src.devnull = prepare_devnull(err);
	if (src.devnull < 0)
		return src.devnull;
	src.empty_dir = prepare_empty_dir(err);
	if (src.empty_dir < 0)
		return src.empty_dir;
	*out = src;
	src.devnull = -1;
	src.empty_dir = -1;
	return 0;
}

static int check_absolute(const struct arca_strv *paths, struct arca_error **err)
{
	for (size_t i = 0; i < paths->len; i++)
		if (paths->items[i][0] != '/')
			return arca_fail_msg(err, EINVAL,
			                     WHERE "[%zu]: must be an absolute path, got \"%s\"", i,
			                     paths->items[i]);
	return 0;
}

/* The source itself the first time, a clone of it (attached by then) after. */
static int attach_source(struct mask_source *src, int target)
{
	_cleanup_close_ int clone = -1;
	if (src->attached) {
		clone = open_tree(src->fd, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH);
		if (clone < 0)
			return -errno;
	}
	if (move_mount(src->attached ? clone : src->fd, "", target, "",
	               MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	src->attached = true;
	return 0;
}

static int mask_one(int rootfd, const char *path, size_t index, struct mask_source *dir,
                    struct mask_source *file, struct arca_error **err)
{
	_cleanup_close_ int target = safe_open(rootfd, path, O_PATH);
	if (target == -ENOENT) {
		arca_debug(WHERE "[%zu]: %s does not exist, skipped", index, path);
		return 0;
	}
	struct stat st;
	if (target < 0)
		return arca_fail(err, -target, WHERE "[%zu]: open %s", index, path);
	if (fstat(target, &st) < 0)
		return arca_fail(err, errno, WHERE "[%zu]: %s", index, path);
	struct mask_source *src = S_ISDIR(st.st_mode) ? dir : file;
	if (st.st_dev == src->st.st_dev && st.st_ino == src->st.st_ino) {
		arca_debug(WHERE "[%zu]: %s is masked already", index, path);
		return 0;
	}
	int r = attach_source(src, target);
	if (r < 0)
		return arca_fail(err, -r, WHERE "[%zu]: mask %s", index, path);
	return 0;
}

int masks_apply(int rootfd, const struct arca_strv *paths, const struct mask_sources *src,
                struct arca_error **err)
{
	int r = check_absolute(paths, err);
	if (r < 0 || paths->len == 0)
		return r;
	struct mask_source dir = {.fd = src->empty_dir}, file = {.fd = src->devnull};
	if (fstat(dir.fd, &dir.st) < 0 || fstat(file.fd, &file.st) < 0)
		return arca_fail(err, errno, WHERE ": the prepared mounts");
	for (size_t i = 0; r == 0 && i < paths->len; i++)
		r = mask_one(rootfd, paths->items[i], i, &dir, &file, err);
	return r;
}
