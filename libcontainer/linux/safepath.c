#include "linux/safepath.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/resolve.h"

#define IN_ROOT   (RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)
#define ONLY_HERE (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)

/* Dangling symlinks followed while making a path, like the kernel's 40. */
#define SAFEPATH_MAX_LINKS 40

static int open_how(int dirfd, const char *path, int flags, unsigned long long resolve)
{
	struct open_how how = {
	    .flags = (unsigned long long)(flags | O_CLOEXEC),
	    .resolve = resolve,
	};
	int fd;
	do {
		fd = arca_openat2(dirfd, path, &how);
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

/* Opens what is at `name` in parent without following it (*st: what it
 * is). A symlink there: -ELOOP, and *link holds its O_PATH fd, through
 * which the caller reads it, never by name again, so that a swap in between
 * cannot change what it sees. */
static int open_here(int parent, const char *name, struct stat *st, int *link)
{
	int fd = open_how(parent, name, O_PATH | O_NOFOLLOW, ONLY_HERE);
	if (fd >= 0 && fstat(fd, st) < 0) {
		int r = -errno;
		close(fd);
		return r;
	}
	if (fd < 0 || !S_ISLNK(st->st_mode))
		return fd;
	*link = fd;
	return -ELOOP;
}

/* Makes the directory `name` in parent (tolerating a racing creator) and
 * opens it; a symlink there: as open_here. */
static int mkdir_here(int parent, const char *name, mode_t mode, int *link)
{
	if (mkdirat(parent, name, mode) < 0 && errno != EEXIST)
		return -errno;
	struct stat st;
	int fd = open_here(parent, name, &st, link);
	if (fd < 0 || S_ISDIR(st.st_mode))
		return fd;
	close(fd);
	return -ENOTDIR;
}

/* A dangling symlink met where something has to be made: what it points
 * to is made instead, so the walk goes on at "<target>/<rest>", resolved in
 * the root like any other path (a relative target from the link's own
 * directory, `dir`). link: the symlink's O_PATH fd. A new path (malloc'd),
 * or NULL with errno set. */
static char *through_link(int link, const char *dir, size_t dir_len, const char *rest)
{
	char target[PATH_MAX];
	ssize_t n = readlinkat(link, "", target, sizeof(target) - 1);
	if (n < 0)
		return NULL;
	target[n] = '\0';
	char *out = NULL;
	const char *sep = rest[0] ? "/" : "";
	int r = target[0] == '/'
	            ? asprintf(&out, "%s%s%s", target, sep, rest)
	            : asprintf(&out, "%.*s/%s%s%s", (int)dir_len, dir, target, sep, rest);
	return r < 0 ? NULL : out;
}

static int mkdir_all(int rootfd, const char *path, mode_t mode, int hops);

/* The component rel[start..start+n) is the symlink `link` (closed here). */
static int mkdir_through_link(int rootfd, int link, const char *rel, size_t start, size_t n,
                              mode_t mode, int hops)
{
	_cleanup_close_ int fd = link;
	if (hops >= SAFEPATH_MAX_LINKS)
		return -ELOOP;
	_cleanup_free_ char *next = through_link(fd, rel, start, rel + start + n);
	if (!next)
		return -errno;
	return mkdir_all(rootfd, next, mode, hops + 1);
}

/* Up to the deepest existing ancestor every prefix is resolved inside the
 * root; from there on each component is new and made in its parent's fd. */
static int mkdir_all(int rootfd, const char *path, mode_t mode, int hops)
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
	bool creating = false;
	for (size_t start = 0; start < len;) {
		size_t n = strcspn(rel + start, "/");
		if (n == 0) {
			start++;
			continue;
		}
		if (n > NAME_MAX)
			return -ENAMETOOLONG;
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
			int link = -1;
			child = mkdir_here(cur, buf, mode, &link);
			if (link >= 0)
				return mkdir_through_link(rootfd, link, rel, start, n, mode, hops);
		}
		if (child < 0)
			return child;
		close(cur);
		cur = child;
		start += n;
	}
	return TAKE_FD(cur);
}

int safe_mkdir_all(int rootfd, const char *path, mode_t mode)
{
	return mkdir_all(rootfd, path, mode, 0);
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

static int mkfile(int rootfd, const char *path, mode_t mode, int hops)
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
	_cleanup_close_ int link = -1;
	struct stat st;
	fd = open_here(parent, base, &st, &link);
	if (link < 0)
		return fd;
	/* a dangling symlink: make the file it points to */
	if (hops >= SAFEPATH_MAX_LINKS)
		return -ELOOP;
	size_t dir_len = (size_t)(base - copy);
	_cleanup_free_ char *next = through_link(link, copy, dir_len ? dir_len - 1 : 0, "");
	if (!next)
		return -errno;
	return mkfile(rootfd, next, mode, hops + 1);
}

int safe_mkfile(int rootfd, const char *path, mode_t mode)
{
	return mkfile(rootfd, path, mode, 0);
}
