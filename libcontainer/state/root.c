/* The state root: the directory that holds one directory per container. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "arca/cleanup.h"
#include "state/store.h"

#define ROOT_PARENT_MODE 0711 /* others may pass through, not list */
#define ROOT_MODE        0700

/* Makes one directory below parent_fd (unless it exists) and opens it. The
 * mode is set explicitly so that the umask does not narrow it. */
static int make_component(int parent_fd, const char *name, mode_t mode, const char *path,
                          struct arca_error **err)
{
	bool made = mkdirat(parent_fd, name, mode) == 0;
	if (!made && errno != EEXIST)
		return arca_fail(err, errno, "create state root: mkdir %s", path);

	int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "open state root: %s", path);
	if (made && fchmod(fd, mode) < 0) {
		int saved = errno;
		close(fd);
		return arca_fail(err, saved, "create state root: chmod %s", path);
	}
	return fd;
}

int state_root_open(const char *root, int *root_fd, struct arca_error **err)
{
	if (!root || root[0] == '\0')
		return arca_fail_msg(err, EINVAL, "state root: the path is empty");

	_cleanup_free_ char *path = strdup(root);
	if (!path)
		return arca_fail(err, ENOMEM, "state root %s", root);
	_cleanup_close_ int fd =
	    open(path[0] == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "open state root %s", root);

	char *name = path;
	while (*name) {
		char *end = name + strcspn(name, "/");
		if (end == name) {
			name++;
			continue;
		}
		bool last = end[strspn(end, "/")] == '\0';
		char saved = *end;
		*end = '\0';
		int child =
		    make_component(fd, name, last ? ROOT_MODE : ROOT_PARENT_MODE, path, err);
		*end = saved;
		if (child < 0)
			return child;
		close(fd);
		fd = child;
		name = end;
	}
	*root_fd = TAKE_FD(fd);
	return 0;
}
