/* glibc's struct statx has no stx_mnt_id yet: the kernel's is used, with
 * the raw system call, in a file that includes nothing else that defines
 * statx. */
#include "linux/mount_id.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int mount_id_of(int dirfd, const char *path, uint64_t *id)
{
	struct statx st;
	int flags = path[0] ? 0 : AT_EMPTY_PATH;
	if (syscall(SYS_statx, dirfd, path, flags, STATX_MNT_ID, &st) < 0)
		return -errno;
	if (!(st.stx_mask & STATX_MNT_ID))
		return -EOPNOTSUPP;
	*id = st.stx_mnt_id;
	return 0;
}
