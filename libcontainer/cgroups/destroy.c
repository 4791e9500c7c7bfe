/* Removing what cgroup_create made (OP-19) and nothing else (OP-20).
 *
 * Directories go deepest first. The container's own directory may stay busy
 * for a moment while its killed processes exit: it is retried with short
 * sleeps for about a second in all. Sub-cgroups the container made inside
 * it go with it. A shared parent (/arca) that another container still uses
 * is busy too, and is kept without error. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

#define BUSY_WAIT_MS  1000
#define BUSY_SLEEP_MS 100

static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Removes the cgroups below dir_fd, depth first; failures show up when the
 * caller retries the directory itself. */
static void remove_children(int dir_fd)
{
	DIR *d = fdopendir(dir_fd);
	if (!d) {
		close(dir_fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		int child = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (child >= 0)
			remove_children(child);
		unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

static bool is_gone(const char *dir)
{
	return rmdir(dir) == 0 || errno == ENOENT;
}

/* The container's directory: wait for it to empty while *budget_ms (shared
 * by all hierarchies) lasts. */
static int remove_leaf(const char *dir, long *budget_ms, struct arca_error **err)
{
	if (is_gone(dir))
		return 0;
	if (errno != EBUSY)
		return arca_fail(err, errno, "remove cgroup %s", dir);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0)
		remove_children(fd);
	long pause = 1;
	while (!is_gone(dir)) {
		if (errno != EBUSY)
			return arca_fail(err, errno, "remove cgroup %s", dir);
		if (*budget_ms <= 0)
			return arca_fail(err, EBUSY,
			                 "remove cgroup %s: processes still in it after %d ms", dir,
			                 BUSY_WAIT_MS);
		pause = pause < *budget_ms ? pause : *budget_ms;
		sleep_ms(pause);
		*budget_ms -= pause;
		pause = pause * 2 < BUSY_SLEEP_MS ? pause * 2 : BUSY_SLEEP_MS;
	}
	return 0;
}

/* A parent directory this driver made: kept while others still use it. */
static int remove_parent(const char *dir, struct arca_error **err)
{
	if (is_gone(dir) || errno == EBUSY || errno == ENOTEMPTY || errno == EEXIST)
		return 0;
	return arca_fail(err, errno, "remove cgroup %s", dir);
}

static bool is_leaf(const struct cgroup *cg, const char *dir)
{
	for (size_t i = 0; i < cg->n_hierarchies; i++)
		if (cg->hierarchies[i].dir && !strcmp(cg->hierarchies[i].dir, dir))
			return true;
	return false;
}

int cgroup_remove_created(const struct cgroup *cg, bool wait, struct arca_error **err)
{
	int ret = 0;
	long budget_ms = wait ? BUSY_WAIT_MS : 0;
	for (size_t i = cg->n_created; i-- > 0;) {
		const char *dir = cg->created[i];
		int r =
		    is_leaf(cg, dir) ? remove_leaf(dir, &budget_ms, err) : remove_parent(dir, err);
		if (r < 0 && ret == 0)
			ret = r;
	}
	return ret;
}

int cgroup_destroy(const struct cgroup *cg, struct arca_error **err)
{
	return cgroup_remove_created(cg, true, err);
}
