/* Reading and writing cgroup control files: one open, one read or write,
 * one close; errors name the file. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

static int open_file(int dir_fd, const char *dir, const char *name, int flags)
{
	if (dir_fd >= 0)
		return openat(dir_fd, name, flags | O_CLOEXEC);
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(path, flags | O_CLOEXEC);
}

int cgroup_read_file(int dir_fd, const char *dir, const char *name, char *buf, size_t size,
                     struct arca_error **err)
{
	_cleanup_close_ int fd = open_file(dir_fd, dir, name, O_RDONLY);
	if (fd < 0)
		return arca_fail(err, errno, "open %s/%s", dir, name);
	ssize_t n = read(fd, buf, size - 1);
	if (n < 0)
		return arca_fail(err, errno, "read %s/%s", dir, name);
	buf[n] = '\0';
	return (int)n;
}

int cgroup_read_all(const char *dir, const char *name, char **out, struct arca_error **err)
{
	_cleanup_close_ int fd = open_file(-1, dir, name, O_RDONLY);
	if (fd < 0)
		return arca_fail(err, errno, "open %s/%s", dir, name);
	size_t cap = (size_t)16 * 1024, len = 0;
	_cleanup_free_ char *buf = malloc(cap);
	if (!buf)
		return arca_fail(err, ENOMEM, "read %s/%s", dir, name);
	for (;;) {
		if (len + 1 == cap) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger)
				return arca_fail(err, ENOMEM, "read %s/%s", dir, name);
			buf = bigger;
			cap *= 2;
		}
		ssize_t n = read(fd, buf + len, cap - len - 1);
		if (n < 0)
			return arca_fail(err, errno, "read %s/%s", dir, name);
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*out = TAKE_PTR(buf);
	return (int)len;
}

int cgroup_write_file(int dir_fd, const char *dir, const char *name, const char *value,
                      struct arca_error **err)
{
	_cleanup_close_ int fd = open_file(dir_fd, dir, name, O_WRONLY);
	if (fd < 0)
		return arca_fail(err, errno, "open %s/%s", dir, name);
	if (write(fd, value, strlen(value)) < 0)
		return arca_fail(err, errno, "write \"%s\" to %s/%s", value, dir, name);
	return 0;
}

bool cgroup_list_has(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, word, n))
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}
