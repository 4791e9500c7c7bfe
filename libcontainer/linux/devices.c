#include "linux/devices.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/safepath.h"

struct default_device {
	const char *name;
	unsigned int major, minor;
};

static const struct default_device default_devices[] = {
    {"null", 1, 3},   {"zero", 1, 5},    {"full", 1, 7},
    {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
};

static int bind_host_node(int devfd, const char *name, struct arca_error **err)
{
	char host[32];
	snprintf(host, sizeof(host), "/dev/%s", name);
	int made = openat(devfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (made < 0)
		return errno == EEXIST ? 0 : arca_fail(err, errno, "create %s", host);
	close(made);
	_cleanup_close_ int target = openat(devfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (target < 0)
		return arca_fail(err, errno, "open %s", host);
	_cleanup_close_ int tree = open_tree(AT_FDCWD, host, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (tree < 0)
		return arca_fail(err, errno, "bind host %s", host);
	if (move_mount(tree, "", target, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return arca_fail(err, errno, "bind host %s", host);
	return 0;
}

static int make_node(int devfd, const struct default_device *dev, struct arca_error **err)
{
	if (mknodat(devfd, dev->name, S_IFCHR | 0666, makedev(dev->major, dev->minor)) < 0)
		return errno == EEXIST ? 0 : arca_fail(err, errno, "mknod /dev/%s", dev->name);
	/* mknod applied the umask */
	if (fchmodat(devfd, dev->name, 0666, 0) < 0)
		return arca_fail(err, errno, "chmod /dev/%s", dev->name);
	return 0;
}

int devices_create_defaults(int rootfd, bool in_user_ns, struct arca_error **err)
{
	_cleanup_close_ int devfd = safe_mkdir_all(rootfd, "/dev", 0755);
	if (devfd < 0)
		return arca_fail(err, -devfd, "open /dev in the rootfs");
	_cleanup_close_ int dirfd = openat(devfd, ".", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (dirfd < 0)
		return arca_fail(err, errno, "open /dev in the rootfs");
	for (size_t i = 0; i < sizeof(default_devices) / sizeof(default_devices[0]); i++) {
		const struct default_device *dev = &default_devices[i];
		int r =
		    in_user_ns ? bind_host_node(dirfd, dev->name, err) : make_node(dirfd, dev, err);
		if (r < 0)
			return r;
	}
	return 0;
}

int devices_create_symlinks(int rootfd, struct arca_error **err)
{
	static const char *const links[][2] = {
	    {"fd", "/proc/self/fd"},       {"stdin", "/proc/self/fd/0"},
	    {"stdout", "/proc/self/fd/1"}, {"stderr", "/proc/self/fd/2"},
	    {"ptmx", "pts/ptmx"},
	};
	_cleanup_close_ int devfd = safe_open(rootfd, "/dev", O_DIRECTORY | O_RDONLY);
	if (devfd < 0)
		return arca_fail(err, -devfd, "open /dev in the rootfs");
	/* A ptmx node from the image would bypass the container's devpts. */
	if (unlinkat(devfd, "ptmx", 0) < 0 && errno != ENOENT)
		return arca_fail(err, errno, "remove /dev/ptmx");
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		if (symlinkat(links[i][1], devfd, links[i][0]) < 0 && errno != EEXIST)
			return arca_fail(err, errno, "symlink /dev/%s", links[i][0]);
	return 0;
}
