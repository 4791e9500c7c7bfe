#include "linux/rootfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/mount_id.h"
#include "linux/syscalls.h"

int rootfs_prepare(const char *rootfs, int *rootfd, struct arca_error **err)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0)
		return arca_fail(err, errno, "make / a recursive slave");
	if (mount(rootfs, rootfs, NULL, MS_BIND | MS_REC, NULL) < 0)
		return arca_fail(err, errno, "bind the rootfs %s onto itself", rootfs);
	*rootfd = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (*rootfd < 0)
		return arca_fail(err, errno, "open the rootfs %s", rootfs);
	return 0;
}

int rootfs_prepare_anchor(const char *rootfs, int *rootfd, uint64_t *anchor,
                          struct arca_error **err)
{
	if (mount(rootfs, rootfs, NULL, MS_BIND | MS_REC, NULL) < 0)
		return arca_fail(err, errno, "bind the rootfs %s onto itself", rootfs);
	*rootfd = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	int r = *rootfd < 0 ? -errno : mount_id_of(*rootfd, "", anchor);
	if (r == 0 && mount(NULL, rootfs, NULL, MS_PRIVATE | MS_REC, NULL) < 0)
		r = -errno;
	if (r < 0) {
		(void)umount2(rootfs, MNT_DETACH); /* best effort: the error is r's */
		return arca_fail(err, -r, "anchor the rootfs %s", rootfs);
	}
	return 0;
}

int rootfs_detach_anchor(const char *rootfs, uint64_t anchor, struct arca_error **err)
{
	uint64_t now = 0;
	if (mount_id_of(AT_FDCWD, rootfs, &now) < 0 || now != anchor)
		return 0;
	if (umount2(rootfs, MNT_DETACH) < 0)
		return arca_fail(err, errno, "detach the container's mounts at %s", rootfs);
	return 0;
}

int rootfs_chroot(int rootfd, struct arca_error **err)
{
	if (fchdir(rootfd) < 0 || chroot(".") < 0 || chdir("/") < 0)
		return arca_fail(err, errno, "chroot into the rootfs");
	return 0;
}

/* pivot_root(".", ".") stacks the old root on top of the new one at "/";
 * detaching it leaves the new root alone, with no directory for the old one
 * needed inside the rootfs. Both steps act on the old root, entered through
 * an fd of it: the new root's propagation must stay as the mounts made it.
 * The old root is made a slave first so the detach does not propagate to
 * the host. */
static int pivot(int rootfd, struct arca_error **err)
{
	_cleanup_close_ int old_root = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (old_root < 0)
		return arca_fail(err, errno, "open the old root");
	if (fchdir(rootfd) < 0)
		return arca_fail(err, errno, "enter the rootfs");
	if (sys_pivot_root(".", ".") < 0)
		return arca_fail(err, errno, "pivot_root into the rootfs");
	if (fchdir(old_root) < 0)
		return arca_fail(err, errno, "enter the old root");
	if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		return arca_fail(err, errno, "make the old root a slave");
	if (umount2(".", MNT_DETACH) < 0)
		return arca_fail(err, errno, "detach the old root");
	return 0;
}

static int move_and_chroot(int rootfd, struct arca_error **err)
{
	if (fchdir(rootfd) < 0)
		return arca_fail(err, errno, "enter the rootfs");
	if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
		return arca_fail(err, errno, "move the rootfs onto / (--no-pivot)");
	if (chroot(".") < 0)
		return arca_fail(err, errno, "chroot into the rootfs (--no-pivot)");
	return 0;
}

int rootfs_enter(int rootfd, bool no_pivot, struct arca_error **err)
{
	int r = no_pivot ? move_and_chroot(rootfd, err) : pivot(rootfd, err);
	if (r < 0)
		return r;
	if (chdir("/") < 0)
		return arca_fail(err, errno, "chdir to the new root");
	return 0;
}

int rootfs_make_readonly(struct arca_error **err)
{
	struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY};
	if (mount_setattr(AT_FDCWD, "/", 0, &attr, sizeof(attr)) < 0)
		return arca_fail(err, errno, "make the root read-only (root.readonly)");
	return 0;
}
