#include "linux/safepath.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/syscalls.h"

#define IN_ROOT   (RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)
#define ONLY_HERE (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)

static int open_how(int dirfd, const char *path, int flags, unsigned long long resolve)
{
	struct open_how how = {
	    .flags = (unsigned long long)(flags | O_CLOEXEC),
	    .resolve = resolve,
	};
	int fd;
	do {
		fd = sys_openat2(dirfd, path, &how);
	} while (fd < 0 && (errno == EAGAIN || errno == EINTR));
	return fd < 0 ? -errno : fd;
}

/* openat2 refuses an empty path: the root itself is ".". */
static const char *relative(const char *path)
{
	while (*path == '/')
		path++;
	return *path ? path : ".";
}

int safe_open(int rootfd, const char *path, int flags)
{
	return open_how(rootfd, relative(path), flags, IN_ROOT);
}

/* Makes the directory `name` in parent (tolerating a racing creator) and
 * opens it without following a symlink. */
static int mkdir_here(int parent, const char *name, mode_t mode)
{
	if (mkdirat(parent, name, mode) < 0 && errno != EEXIST)
		return -errno;
	return open_how(parent, name, O_PATH | O_DIRECTORY, ONLY_HERE);
}

int safe_mkdir_all(int rootfd, const char *path, mode_t mode)
{
	const char *rel = relative(path);
	int fd = open_how(rootfd, rel, O_PATH | O_DIRECTORY, IN_ROOT);
	if (fd != -ENOENT)
		return fd;
	size_t len = strlen(rel);
	_cleanup_free_ char *buf = malloc(len + 1);
	if (!buf)
		return -ENOMEM;
	_cleanup_close_ int cur = open_how(rootfd, ".", O_PATH | O_DIRECTORY, IN_ROOT);
	if (cur < 0)
		return cur;
	/* Up to the deepest existing ancestor every prefix is resolved inside
	 * the root; from there on each component is new and made in its
	 * parent's fd. */
	bool creating = false;
	for (size_t start = 0; start < len;) {
		size_t n = strcspn(rel + start, "/");
		if (n == 0) {
			start++;
			continue;
		}
		int child = -ENOENT;
		if (!creating) {
			memcpy(buf, rel, start + n);
			buf[start + n] = '\0';
			child = open_how(rootfd, buf, O_PATH | O_DIRECTORY, IN_ROOT);
			creating = child == -ENOENT;
		}
		if (creating) {
			memcpy(buf, rel + start, n);
			buf[n] = '\0';
			child = mkdir_here(cur, buf, mode);
		}
		if (child < 0)
			return child;
		close(cur);
		cur = child;
		start += n;
	}
	return TAKE_FD(cur);
}

int safe_open_parent(int rootfd, char *path, const char **base)
{
	char *slash = strrchr(path, '/');
	if (!slash) {
		*base = path;
		return open_how(rootfd, ".", O_PATH | O_DIRECTORY, IN_ROOT);
	}
	*slash = '\0';
	int fd = safe_mkdir_all(rootfd, path, 0755);
	*slash = '/';
	*base = slash + 1;
	return fd;
}

int safe_mkfile(int rootfd, const char *path, mode_t mode)
{
	int fd = safe_open(rootfd, path, O_PATH);
	if (fd != -ENOENT)
		return fd;
	_cleanup_free_ char *copy = strdup(relative(path));
	if (!copy)
		return -ENOMEM;
	const char *base;
	_cleanup_close_ int parent = safe_open_parent(rootfd, copy, &base);
	if (parent < 0)
		return parent;
	int made = openat(parent, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (made < 0 && errno != EEXIST)
		return -errno;
	if (made >= 0)
		close(made);
	return open_how(parent, base, O_PATH, ONLY_HERE);
}
