#include "linux/procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

/* The root directory of every procfs instance has this inode number. */
#define PROC_ROOT_INO 1

int procfs_open(struct arca_error **err)
{
	int fd = open("/proc", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "open /proc");
	struct statfs fs;
	struct stat st;
	if (fstatfs(fd, &fs) < 0 || fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return arca_fail(err, e, "inspect /proc");
	}
	if (fs.f_type != PROC_SUPER_MAGIC || st.st_ino != PROC_ROOT_INO) {
		close(fd);
		return arca_fail_msg(err, EXDEV, "/proc is not the root of a procfs");
	}
	return fd;
}
