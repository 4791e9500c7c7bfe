#include "linux/idmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "util/io.h"

/* The kernel takes a map in exactly one write(2). */
static int write_map(int procfd, pid_t pid, const char *file, const char *field,
                     const struct spec_id_mappings *maps, struct arca_error **err)
{
	/* three u32s, two spaces and a newline per line */
	_cleanup_free_ char *buf = malloc(maps->len * 33 + 1);
	if (!buf)
		return arca_fail(err, ENOMEM, "%s", field);
	size_t len = 0;
	for (size_t i = 0; i < maps->len; i++)
		len += (size_t)sprintf(buf + len, "%u %u %u\n", maps->items[i].container_id,
		                       maps->items[i].host_id, maps->items[i].size);
	char path[64];
	snprintf(path, sizeof(path), "%d/%s", (int)pid, file);
	_cleanup_close_ int fd = openat(procfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "%s: open /proc/%s", field, path);
	ssize_t n = write(fd, buf, len);
	if (n < 0)
		return arca_fail(err, errno, "%s: write /proc/%s", field, path);
	if ((size_t)n != len)
		return arca_fail_msg(err, EIO, "%s: short write to /proc/%s", field, path);
	return 0;
}

int idmap_write(int procfd, pid_t pid, const struct spec_linux *linux_, struct arca_error **err)
{
	int r = write_map(procfd, pid, "uid_map", "linux.uidMappings", &linux_->uid_mappings, err);
	if (r < 0)
		return r;
	return write_map(procfd, pid, "gid_map", "linux.gidMappings", &linux_->gid_mappings, err);
}
