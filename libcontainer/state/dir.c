/* A container's directory under the state root: made already locked,
 * opened under its lock, closed. (Removal: dir_remove.c.) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "state/internal.h"
#include "state/store.h"

/* Search permission for others: a container process that no longer runs as
 * the owner can still reach exec.fifo through an fd of this directory; the
 * listing stays private. runc uses the same mode. */
#define STATE_DIR_MODE 0711

#define TEMP_NAME_ATTEMPTS 64

#define DIR_OPEN_FLAGS (O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)

void state_dir_close(struct state_dir *dir)
{
	if (!dir)
		return;
	if (dir->fd >= 0)
		close(dir->fd);
	free(dir->id);
	free(dir->path);
	free(dir);
}

static int state_dir_new(const char *root, const char *id, int fd, struct state_dir **out)
{
	struct state_dir *dir = calloc(1, sizeof(*dir));
	if (!dir)
		return -ENOMEM;
	dir->fd = -1;
	size_t root_len = strlen(root);
	while (root_len > 1 && root[root_len - 1] == '/')
		root_len--;
	dir->id = strdup(id);
	if (!dir->id || asprintf(&dir->path, "%.*s/%s", (int)root_len, root, id) < 0) {
		dir->path = NULL;
		state_dir_close(dir);
		return -ENOMEM;
	}
	dir->fd = fd;
	*out = dir;
	return 0;
}

static int flock_retry(int fd, int operation)
{
	int r;
	do {
		r = flock(fd, operation);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : 0;
}

/* Makes <root>/.new-XXXXXX and writes its name into name. */
static int make_temp_dir(int root_fd, char *name, size_t size)
{
	for (int attempt = 0; attempt < TEMP_NAME_ATTEMPTS; attempt++) {
		int r = state_random_name(name, size, STATE_TMP_DIR_PREFIX);
		if (r < 0)
			return r;
		if (mkdirat(root_fd, name, STATE_DIR_MODE) == 0)
			return 0;
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

/* Locks the fresh temporary directory, then gives it the ID's name, unless
 * that name exists. Returns the locked directory's fd. */
static int lock_and_publish(int root_fd, const char *temp, const char *root, const char *id,
                            struct arca_error **err)
{
	_cleanup_close_ int fd = openat(root_fd, temp, DIR_OPEN_FLAGS);
	if (fd < 0)
		return arca_fail(err, errno, "open %s/%s", root, temp);
	if (fchmod(fd, STATE_DIR_MODE) < 0)
		return arca_fail(err, errno, "chmod %s/%s", root, temp);
	int r = flock_retry(fd, LOCK_EX);
	if (r < 0)
		return arca_fail(err, -r, "lock %s/%s", root, temp);
	if (renameat2(root_fd, temp, root_fd, id, RENAME_NOREPLACE) < 0) {
		if (errno == EEXIST)
			return arca_fail_msg(err, EEXIST, "container \"%s\" already exists", id);
		return arca_fail(err, errno, "rename %s/%s to %s", root, temp, id);
	}
	return TAKE_FD(fd);
}

int state_dir_create(const char *root, int root_fd, const char *id, struct state_dir **out,
                     struct arca_error **err)
{
	char temp[STATE_TMP_NAME_MAX];

	int r = arca_id_validate(id, err);
	if (r < 0)
		return r;
	r = make_temp_dir(root_fd, temp, sizeof(temp));
	if (r < 0)
		return arca_fail(err, -r, "create a directory in %s", root);

	_cleanup_close_ int fd = lock_and_publish(root_fd, temp, root, id, err);
	if (fd < 0) {
		unlinkat(root_fd, temp, AT_REMOVEDIR);
		return fd;
	}
	r = state_dir_new(root, id, fd, out);
	if (r < 0) {
		unlinkat(root_fd, id, AT_REMOVEDIR);
		return arca_fail(err, -r, "create container \"%s\"", id);
	}
	TAKE_FD(fd);
	return 0;
}

bool state_dir_busy(const struct state_dir *dir)
{
	_cleanup_close_ int probe = openat(dir->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (probe < 0)
		return false;
	return flock(probe, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
}

static int fail_not_exist(const char *id, struct arca_error **err)
{
	return arca_fail_msg(err, ENOENT, "container \"%s\" does not exist", id);
}

/* After waiting for the lock: is fd still the directory the ID names? A
 * delete may have removed it meanwhile, and a create made a new one. */
static int still_named(int root_fd, const char *id, int fd, bool *same)
{
	struct stat held, named;

	if (fstat(fd, &held) < 0)
		return -errno;
	if (fstatat(root_fd, id, &named, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	*same = held.st_dev == named.st_dev && held.st_ino == named.st_ino;
	return 0;
}

/* One attempt: the locked fd, or -EAGAIN when the directory was replaced
 * while we waited for its lock. */
static int open_locked(const char *root, int root_fd, const char *id, enum state_lock lock,
                       struct arca_error **err)
{
	bool same = false;

	_cleanup_close_ int fd = openat(root_fd, id, DIR_OPEN_FLAGS);
	if (fd < 0 && errno == ENOENT)
		return fail_not_exist(id, err);
	if (fd < 0)
		return arca_fail(err, errno, "open %s/%s", root, id);
	if (lock == STATE_UNLOCKED)
		return TAKE_FD(fd);
	int r = flock_retry(fd, lock == STATE_LOCK_EXCLUSIVE ? LOCK_EX : LOCK_SH);
	if (r < 0)
		return arca_fail(err, -r, "lock %s/%s", root, id);
	r = still_named(root_fd, id, fd, &same);
	if (r == -ENOENT)
		return fail_not_exist(id, err);
	if (r < 0)
		return arca_fail(err, -r, "stat %s/%s", root, id);
	if (!same)
		return -EAGAIN;
	return TAKE_FD(fd);
}

int state_dir_open(const char *root, int root_fd, const char *id, enum state_lock lock,
                   struct state_dir **out, struct arca_error **err)
{
	int r = arca_id_validate(id, err);
	if (r < 0)
		return r;

	int fd;
	do {
		fd = open_locked(root, root_fd, id, lock, err);
	} while (fd == -EAGAIN);
	if (fd < 0)
		return fd;
	r = state_dir_new(root, id, fd, out);
	if (r < 0) {
		close(fd);
		return arca_fail(err, -r, "open container \"%s\"", id);
	}
	return 0;
}
