#include "linux/copy_tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "util/io.h"

static int copy_dir(int from, int to, const char *where, int depth, struct arca_error **err);

static int copy_file(int from, int to, const char *name, const struct stat *st)
{
	_cleanup_close_ int in = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -errno;
	_cleanup_close_ int out = openat(
	    to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, st->st_mode & 07777);
	if (out < 0)
		return -errno;
	char buf[65536];
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		int r = write_all(out, buf, (size_t)n);
		if (r < 0)
			return r;
	}
	return n < 0 ? -errno : 0;
}

static int copy_link(int from, int to, const char *name)
{
	char target[PATH_MAX];
	ssize_t n = readlinkat(from, name, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	return symlinkat(target, to, name) < 0 ? -errno : 0;
}

/* Owner, mode (not for links, whose mode means nothing) and times. */
static int copy_attrs(int to, const char *name, const struct stat *st)
{
	if (fchownat(to, name, st->st_uid, st->st_gid, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (!S_ISLNK(st->st_mode) && fchmodat(to, name, st->st_mode & 07777, 0) < 0)
		return -errno;
	struct timespec times[2] = {st->st_atim, st->st_mtim};
	return utimensat(to, name, times, AT_SYMLINK_NOFOLLOW) < 0 ? -errno : 0;
}

static int copy_entry(int from, int to, const char *name, const char *where, int depth,
                      struct arca_error **err)
{
	struct stat st;
	if (fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return arca_fail(err, errno, "%s/%s", where, name);
	int r;
	if (S_ISDIR(st.st_mode)) {
		if (mkdirat(to, name, 0700) < 0)
			return arca_fail(err, errno, "%s/%s", where, name);
		_cleanup_close_ int sub_from =
		    openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		_cleanup_close_ int sub_to =
		    openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub_from < 0 || sub_to < 0)
			return arca_fail(err, errno, "%s/%s", where, name);
		char sub_where[PATH_MAX];
		snprintf(sub_where, sizeof(sub_where), "%s/%s", where, name);
		r = copy_dir(sub_from, sub_to, sub_where, depth + 1, err);
		if (r < 0)
			return r;
	} else if (S_ISREG(st.st_mode)) {
		r = copy_file(from, to, name, &st);
	} else if (S_ISLNK(st.st_mode)) {
		r = copy_link(from, to, name);
	} else {
		r = mknodat(to, name, st.st_mode, st.st_rdev) < 0 ? -errno : 0;
	}
	if (r == 0)
		r = copy_attrs(to, name, &st);
	return r < 0 ? arca_fail(err, -r, "%s/%s", where, name) : 0;
}

static int copy_dir(int from, int to, const char *where, int depth, struct arca_error **err)
{
	if (depth > COPY_TREE_MAX_DEPTH)
		return arca_fail_msg(err, ELOOP, "%s: deeper than %d directories", where,
		                     COPY_TREE_MAX_DEPTH);
	int dup_fd = fcntl(from, F_DUPFD_CLOEXEC, 3);
	DIR *d = dup_fd < 0 ? NULL : fdopendir(dup_fd);
	if (!d) {
		int e = errno;
		if (dup_fd >= 0)
			close(dup_fd);
		return arca_fail(err, e, "read %s", where);
	}
	int r = 0;
	struct dirent *e;
	while (r == 0 && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			r = copy_entry(from, to, e->d_name, where, depth, err);
	closedir(d);
	return r;
}

int copy_tree(int from, int to, const char *where, struct arca_error **err)
{
	return copy_dir(from, to, where, 0, err);
}
