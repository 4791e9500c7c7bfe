#include "cgroups/freezer.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "cgroups/internal.h"

#define FREEZE_ATTEMPTS  1000 /* of 1 ms each */
#define FREEZE_KICK_FROM 50   /* after these, thaw and freeze again now and then */

static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = 0, .tv_nsec = ms * 1000000L};
	nanosleep(&ts, NULL);
}

/* The first line of dir/name, without its newline. */
static int read_word(const char *dir, const char *name, char *buf, size_t size,
                     struct arca_error **err)
{
	int n = cgroup_read_file(-1, dir, name, buf, size, err);
	if (n < 0)
		return n;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* runc's way: FREEZING may last while a task sits in vfork or a
 * signal-uninterruptible sleep; writing FROZEN again (and now and then
 * THAWED first) lets the kernel try again. */
static int v1_freeze(const char *dir, struct arca_error **err)
{
	char state[32];
	for (int i = 0; i < FREEZE_ATTEMPTS; i++) {
		if (i >= FREEZE_KICK_FROM && i % 25 == 0) {
			int r = cgroup_write_file(-1, dir, "freezer.state", "THAWED", err);
			if (r < 0)
				return r;
		}
		int r = cgroup_write_file(-1, dir, "freezer.state", "FROZEN", err);
		if (r == 0)
			r = read_word(dir, "freezer.state", state, sizeof(state), err);
		if (r < 0)
			return r;
		if (strcmp(state, "FROZEN") == 0)
			return 0;
		sleep_ms(1);
	}
	struct arca_error *undo = NULL;
	cgroup_write_file(-1, dir, "freezer.state", "THAWED", &undo);
	arca_error_free(undo);
	return arca_fail_msg(err, EBUSY, "%s/freezer.state: still %s after %d attempts", dir, state,
	                     FREEZE_ATTEMPTS);
}

static int v1_thaw(const char *dir, struct arca_error **err)
{
	char state[32];
	for (int i = 0; i < FREEZE_ATTEMPTS; i++) {
		int r = cgroup_write_file(-1, dir, "freezer.state", "THAWED", err);
		if (r == 0)
			r = read_word(dir, "freezer.state", state, sizeof(state), err);
		if (r < 0)
			return r;
		if (strcmp(state, "THAWED") == 0)
			return 0;
		sleep_ms(1);
	}
	return arca_fail_msg(err, EBUSY, "%s/freezer.state: still %s after %d attempts", dir, state,
	                     FREEZE_ATTEMPTS);
}

/* cgroup.events holds "frozen 0|1" among its lines. */
static int v2_wait(const char *dir, bool frozen, struct arca_error **err)
{
	const char *want = frozen ? "frozen 1" : "frozen 0";
	char events[512];
	for (int i = 0; i < FREEZE_ATTEMPTS; i++) {
		int r = cgroup_read_file(-1, dir, "cgroup.events", events, sizeof(events), err);
		if (r < 0)
			return r;
		for (const char *line = events; line; line = strchr(line, '\n')) {
			line += *line == '\n';
			if (strncmp(line, want, strlen(want)) == 0)
				return 0;
		}
		sleep_ms(1);
	}
	return arca_fail_msg(err, EBUSY, "%s/cgroup.events: no \"%s\" after %d ms", dir, want,
	                     FREEZE_ATTEMPTS);
}

static int v2_freeze(const char *dir, bool frozen, struct arca_error **err)
{
	int r = cgroup_write_file(-1, dir, "cgroup.freeze", frozen ? "1" : "0", err);
	if (r == 0)
		r = v2_wait(dir, frozen, err);
	if (r < 0 && frozen) {
		struct arca_error *undo = NULL;
		cgroup_write_file(-1, dir, "cgroup.freeze", "0", &undo);
		arca_error_free(undo);
	}
	return r;
}

int cgroup_freeze(const struct cgroup *cg, bool frozen, struct arca_error **err)
{
	const struct cgroup_hierarchy *h = cgroup_find_controller(cg, "freezer");
	if (h && h->dir)
		return frozen ? v1_freeze(h->dir, err) : v1_thaw(h->dir, err);
	h = cgroup_find_unified(cg);
	if (!h || !h->dir)
		return arca_fail_msg(err, ENOTSUP, "cgroup %s: no freezer (neither v1 nor cgroup2)",
		                     cg->path);
	return v2_freeze(h->dir, frozen, err);
}

static int frozen_word(const char *dir, const char *name, const char *word, bool *frozen,
                       struct arca_error **err)
{
	char buf[32];
	struct arca_error *read_err = NULL;
	int r = read_word(dir, name, buf, sizeof(buf), &read_err);
	if (r == -ENOENT) {
		arca_error_free(read_err);
		return 0;
	}
	if (r < 0) {
		if (err && !*err)
			*err = read_err;
		else
			arca_error_free(read_err);
		return r;
	}
	*frozen = strcmp(buf, word) == 0;
	return 0;
}

int cgroup_is_frozen(const struct cgroup *cg, bool *frozen, struct arca_error **err)
{
	*frozen = false;
	const struct cgroup_hierarchy *h = cgroup_find_controller(cg, "freezer");
	if (h && h->dir)
		return frozen_word(h->dir, "freezer.state", "FROZEN", frozen, err);
	h = cgroup_find_unified(cg);
	if (!h || !h->dir)
		return 0;
	return frozen_word(h->dir, "cgroup.freeze", "1", frozen, err);
}
