#include "linux/readonly_paths.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "linux/safepath.h"

#define WHERE "linux.readonlyPaths"

static int check_absolute(const struct arca_strv *paths, struct arca_error **err)
{
	for (size_t i = 0; i < paths->len; i++)
		if (paths->items[i][0] != '/')
			return arca_fail_msg(err, EINVAL,
			                     WHERE "[%zu]: must be an absolute path, got \"%s\"", i,
			                     paths->items[i]);
	return 0;
}

/* A read-only recursive clone of what is at target, put on top of it. */
static int bind_readonly(int target)
{
	_cleanup_close_ int tree = open_tree(
	    target, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE | AT_EMPTY_PATH);
	if (tree < 0)
		return -errno;
	struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY};
	if (mount_setattr(tree, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof(attr)) < 0)
		return -errno;
	if (move_mount(tree, "", target, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}

static int make_readonly(int rootfd, const char *path, size_t index, struct arca_error **err)
{
	_cleanup_close_ int target = safe_open(rootfd, path, O_PATH);
	if (target == -ENOENT) {
		arca_debug(WHERE "[%zu]: %s does not exist, skipped", index, path);
		return 0;
	}
	if (target < 0)
		return arca_fail(err, -target, WHERE "[%zu]: open %s", index, path);
	int r = bind_readonly(target);
	if (r < 0)
		return arca_fail(err, -r, WHERE "[%zu]: make %s read-only", index, path);
	return 0;
}

int readonly_paths_apply(int rootfd, const struct arca_strv *paths, struct arca_error **err)
{
	int r = check_absolute(paths, err);
	for (size_t i = 0; r == 0 && i < paths->len; i++)
		r = make_readonly(rootfd, paths->items[i], i, err);
	return r;
}
