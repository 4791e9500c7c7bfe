#include "linux/resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/syscalls.h"

#define MAX_LINKS 40

int arca_openat2(int dirfd, const char *path, const struct open_how *how)
{
	int fd = sys_openat2(dirfd, path, (struct open_how *)how);
	if (fd < 0 && errno == ENOSYS)
		return arca_openat2_walk(dirfd, path, how);
	return fd;
}

struct walk {
	const struct open_how *how;
	struct stat root;
	int cur;    /* the directory reached so far (O_PATH) */
	char *rest; /* what is left to walk (malloc'd) */
	int links;
};

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static bool at_root(const struct walk *w)
{
	struct stat st;
	return fstat(w->cur, &st) == 0 && same_file(&st, &w->root);
}

static int step_up(struct walk *w)
{
	if (at_root(w))
		return (w->how->resolve & RESOLVE_IN_ROOT) ? 0 : -EXDEV;
	int up = openat(w->cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (up < 0)
		return -errno;
	close(w->cur);
	w->cur = up;
	return 0;
}

/* Continues the walk at the link's target: "<target>/<rest>". */
static int follow(struct walk *w, int link, const char *after, int dirfd)
{
	const unsigned long long resolve = w->how->resolve;
	if (resolve & RESOLVE_NO_SYMLINKS)
		return -ELOOP;
	struct statfs fs;
	if ((resolve & RESOLVE_NO_MAGICLINKS) && fstatfs(w->cur, &fs) == 0 &&
	    fs.f_type == PROC_SUPER_MAGIC)
		return -ELOOP;
	if (++w->links > MAX_LINKS)
		return -ELOOP;
	char target[PATH_MAX];
	ssize_t n = readlinkat(link, "", target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	if (target[0] == '/') {
		if (!(resolve & RESOLVE_IN_ROOT))
			return -EXDEV;
		int root = openat(dirfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (root < 0)
			return -errno;
		close(w->cur);
		w->cur = root;
	}
	char *next = NULL;
	if (asprintf(&next, "%s%s%s", target, *after ? "/" : "", after) < 0)
		return -ENOMEM;
	free(w->rest);
	w->rest = next;
	return 0;
}

/* One component; 1 when it was the last and *out holds the result. A last
 * component written with a trailing slash must be a directory. */
static int step(struct walk *w, const char *name, const char *after, bool slash, int dirfd,
                int *out)
{
	bool last = *after == '\0';
	if (strcmp(name, "..") == 0) {
		int r = step_up(w);
		if (r < 0 || !last)
			return r;
		name = ".";
	}
	if (strcmp(name, ".") == 0 && !last)
		return 0;
	int fd = openat(w->cur, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	struct stat st;
	int r = fstat(fd, &st) < 0 ? -errno : 0;
	if (r == 0 && S_ISLNK(st.st_mode) && !(last && (w->how->flags & O_NOFOLLOW))) {
		_cleanup_free_ char *rest = strdup(slash && last ? "." : after);
		r = rest ? follow(w, fd, rest, dirfd) : -ENOMEM;
		close(fd);
		return r;
	}
	if (r == 0 && last) {
		close(fd);
		int flags = (int)w->how->flags | O_NOFOLLOW | O_CLOEXEC | (slash ? O_DIRECTORY : 0);
		*out = openat(w->cur, name, flags, (mode_t)w->how->mode);
		return *out < 0 ? -errno : 1;
	}
	if (r == 0 && !S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	if (r < 0) {
		close(fd);
		return r;
	}
	close(w->cur);
	w->cur = fd;
	return 0;
}

static int walk_all(struct walk *w, int dirfd)
{
	for (;;) {
		char *p = w->rest;
		while (*p == '/')
			p++;
		if (!*p)
			p = ".";
		size_t n = strcspn(p, "/");
		char name[NAME_MAX + 1];
		if (n > NAME_MAX)
			return -ENAMETOOLONG;
		memcpy(name, p, n);
		name[n] = '\0';
		const char *after = p + n;
		bool slash = *after == '/';
		while (*after == '/')
			after++;
		/* step may replace w->rest: keep what follows in a copy */
		_cleanup_free_ char *tail = strdup(after);
		if (!tail)
			return -ENOMEM;
		free(w->rest);
		w->rest = strdup(tail);
		if (!w->rest)
			return -ENOMEM;
		int out = -1;
		int r = step(w, name, tail, slash, dirfd, &out);
		if (r < 0)
			return r;
		if (r == 1)
			return out;
	}
}

int arca_openat2_walk(int dirfd, const char *path, const struct open_how *how)
{
	struct walk w = {.how = how, .cur = -1};
	if ((how->resolve & RESOLVE_IN_ROOT) && path[0] == '/')
		path++;
	else if (path[0] == '/' && (how->resolve & RESOLVE_BENEATH)) {
		errno = EXDEV;
		return -1;
	}
	w.cur = openat(dirfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	w.rest = strdup(path);
	int r = w.cur < 0 ? -errno : !w.rest ? -ENOMEM : fstat(w.cur, &w.root) < 0 ? -errno : 0;
	if (r == 0)
		r = walk_all(&w, dirfd);
	if (w.cur >= 0)
		close(w.cur);
	free(w.rest);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}
