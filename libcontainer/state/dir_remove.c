/* Removing a container's directory while holding its lock. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "state/store.h"

static int remove_entries(const struct state_dir *dir, DIR *stream, struct arca_error **err)
{
	struct dirent *entry;

	for (errno = 0; (entry = readdir(stream)); errno = 0) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(stream), entry->d_name, 0) < 0 && errno != ENOENT)
			return arca_fail(err, errno, "remove %s/%s", dir->path, entry->d_name);
	}
	if (errno)
		return arca_fail(err, errno, "list %s", dir->path);
	return 0;
}

/* The files inside; read through a second fd so that closing the stream
 * leaves dir->fd, which holds the lock, open. */
static int remove_files(const struct state_dir *dir, struct arca_error **err)
{
	int fd = openat(dir->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "open %s", dir->path);
	DIR *stream = fdopendir(fd);
	if (!stream) {
		int saved = errno;
		close(fd);
		return arca_fail(err, saved, "open %s", dir->path);
	}
	int r = remove_entries(dir, stream, err);
	closedir(stream);
	return r;
}

int state_dir_remove(int root_fd, struct state_dir *dir, struct arca_error **err)
{
	_cleanup_state_dir_ struct state_dir *owned = dir;

	int r = remove_files(owned, err);
	if (r < 0)
		return r;
	if (unlinkat(root_fd, owned->id, AT_REMOVEDIR) < 0)
		return arca_fail(err, errno, "remove %s", owned->path);
	return 0;
}
