#include "arca/protect.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "arca/cleanup.h"

#define FULL_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

extern char **environ;

static bool cannot_be_written(int exe)
{
	int seals = fcntl(exe, F_GET_SEALS);
	if (seals >= 0)
		return (seals & FULL_SEALS) == FULL_SEALS;
	struct statvfs vfs;
	return fstatvfs(exe, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

static int copy_all(int from, int to, off_t size)
{
	off_t offset = 0;
	while (offset < size) {
		ssize_t n = sendfile(to, from, &offset, (size_t)(size - offset));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
	}
	return 0;
}

/* A sealed memfd holding the binary: no write, no resize, no unsealing. */
static int sealed_copy(int exe, struct arca_error **err)
{
	struct stat st;
	if (fstat(exe, &st) < 0)
		return arca_fail(err, errno, "protect the arca binary: stat /proc/self/exe");
	int copy = memfd_create("arca", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (copy < 0)
		return arca_fail(err, errno, "protect the arca binary: memfd_create");
	int r = copy_all(exe, copy, st.st_size);
	if (r == 0 && fcntl(copy, F_ADD_SEALS, FULL_SEALS) < 0)
		r = -errno;
	if (r < 0) {
		close(copy);
		return arca_fail(err, -r, "protect the arca binary: copy it into a sealed memfd");
	}
	return copy;
}

int arca_protect_binary(char *const argv[], struct arca_error **err)
{
	_cleanup_close_ int exe = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (exe < 0)
		return arca_fail(err, errno, "protect the arca binary: open /proc/self/exe");
	if (cannot_be_written(exe))
		return 0;
	_cleanup_close_ int copy = sealed_copy(exe, err);
	if (copy < 0)
		return copy;
	execveat(copy, "", argv, environ, AT_EMPTY_PATH);
	return arca_fail(err, errno, "protect the arca binary: execute the sealed copy");
}
