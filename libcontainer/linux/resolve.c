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

/* What step and the last component's helpers answer: go on with w->rest,
 * done (*out holds the fd), or open the last component again. */
enum {
	WALK_ON = 0,
	WALK_DONE = 1,
	WALK_AGAIN = 2
};

/* O_NOFOLLOW of the caller applies to the last component, unless it is
 * written with a trailing slash: the kernel follows that one anyway. */
static bool keep_link(const struct walk *w, bool slash)
{
	return (w->how->flags & O_NOFOLLOW) && !slash;
}

/* The last component opened with O_NOFOLLOW: the result, unless it is a
 * symlink to follow (only O_PATH opens one), read through this very fd. */
static int last_opened(struct walk *w, int fd, bool slash, int dirfd, int *out)
{
	struct stat st;
	if (!(w->how->flags & O_PATH) || keep_link(w, slash)) {
		*out = fd;
		return WALK_DONE;
	}
	int r = fstat(fd, &st) < 0 ? -errno : 0;
	if (r == 0 && !S_ISLNK(st.st_mode)) {
		*out = fd;
		return WALK_DONE;
	}
	if (r == 0)
		r = follow(w, fd, "", dirfd);
	close(fd);
	return r;
}

/* The last component's open failed with err. ELOOP (a symlink the flags
 * cannot open) and ENOTDIR (O_DIRECTORY on a symlink) may be a symlink to
 * follow: what is there is opened itself (O_PATH) and read through that fd,
 * never by name again. A rename may have put something else there since
 * the open: no symlink any more, the open is tried again, each try counted
 * against the link budget so that a racer cannot keep the walk here. */
static int last_failed(struct walk *w, const char *name, int err, bool slash, int dirfd)
{
	if ((err != -ELOOP && err != -ENOTDIR) || keep_link(w, slash))
		return err;
	int fd = openat(w->cur, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	struct stat st;
	int r = fstat(fd, &st) < 0 ? -errno : 0;
	if (r == 0 && S_ISLNK(st.st_mode))
		r = follow(w, fd, slash ? "." : "", dirfd);
	else if (r == 0 && (err == -ELOOP || S_ISDIR(st.st_mode)))
		r = ++w->links > MAX_LINKS ? -ELOOP : WALK_AGAIN;
	else if (r == 0)
		r = err;
	close(fd);
	return r;
}

/* The last component: opened directly with the caller's flags and
 * O_NOFOLLOW, so that no swap can redirect it (a trailing slash: it must be
 * a directory). */
static int last_component(struct walk *w, const char *name, bool slash, int dirfd, int *out)
{
	int flags = (int)w->how->flags | O_NOFOLLOW | O_CLOEXEC | (slash ? O_DIRECTORY : 0);
	int r;
	do {
		int fd = openat(w->cur, name, flags, (mode_t)w->how->mode);
		r = fd >= 0 ? last_opened(w, fd, slash, dirfd, out)
		            : last_failed(w, name, -errno, slash, dirfd);
	} while (r == WALK_AGAIN);
	return r;
}

/* One component: WALK_ON, or WALK_DONE when it was the last and *out holds
 * the result. A directory on the way is held as the O_PATH fd that was
 * examined, a symlink read through it. */
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
	if (last)
		return last_component(w, name, slash, dirfd, out);
	if (strcmp(name, ".") == 0)
		return WALK_ON;
	int fd = openat(w->cur, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	struct stat st;
	int r = fstat(fd, &st) < 0 ? -errno : 0;
	if (r == 0 && S_ISLNK(st.st_mode))
		r = follow(w, fd, after, dirfd);
	else if (r == 0 && !S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	else if (r == 0) {
		close(w->cur);
		w->cur = fd;
		return WALK_ON;
	}
	close(fd);
	return r;
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
		if (r == WALK_DONE)
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
