/* The cgroup driver against the real hierarchies of whatever host runs it:
 * hybrid here, pure v1 under /work/shared/v1only, v2 in the qemu VM. Root
 * only; prints SKIP otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"
#include "check.h"

static struct cgroup_mounts mounts;
static char prefix[32]; /* "/arcatest-<pid>": unique to this run */

static bool dir_exists(const char *mount, const char *path)
{
	char dir[4096];
	struct stat st;
	snprintf(dir, sizeof(dir), "%s%s", mount, path);
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static int count_dirs(const char *path)
{
	int n = 0;
	for (size_t i = 0; i < mounts.len; i++)
		n += dir_exists(mounts.items[i].mount, path);
	return n;
}

static void mkdir_everywhere(const char *path)
{
	char dir[4096];
	for (size_t i = 0; i < mounts.len; i++) {
		snprintf(dir, sizeof(dir), "%s%s", mounts.items[i].mount, path);
		CHECK(mkdir(dir, 0755) == 0);
	}
}

static void rmdir_everywhere(const char *path)
{
	char dir[4096];
	for (size_t i = 0; i < mounts.len; i++) {
		snprintf(dir, sizeof(dir), "%s%s", mounts.items[i].mount, path);
		rmdir(dir);
	}
}

static pid_t spawn_sleeper(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK(pid > 0);
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* The path of pid in the hierarchy with these controllers ("" for cgroup2). */
static bool find_cgroup_line(pid_t pid, const char *controllers, char *path, size_t size)
{
	char file[64], line[4096];
	snprintf(file, sizeof(file), "/proc/%d/cgroup", (int)pid);
	_cleanup_fclose_ FILE *f = fopen(file, "re");
	while (f && fgets(line, sizeof(line), f)) {
		char *first = strchr(line, ':');
		char *second = first ? strchr(first + 1, ':') : NULL;
		if (!second)
			continue;
		*second = '\0';
		if (strcmp(first + 1, controllers) != 0)
			continue;
		snprintf(path, size, "%s", second + 1);
		path[strcspn(path, "\n")] = '\0';
		return true;
	}
	return false;
}

/* CG-06: pid shows up at path in every hierarchy. */
static void check_placed(pid_t pid, const char *path)
{
	for (size_t i = 0; i < mounts.len; i++) {
		char got[4096] = "";
		CHECK(find_cgroup_line(pid, mounts.items[i].controllers, got, sizeof(got)));
		CHECK_STREQ(got, path);
	}
}

static bool pids_contain(const struct cgroup *cg, pid_t pid)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ pid_t *pids = NULL;
	size_t len = 0;
	CHECK(cgroup_pids(cg, &pids, &len, &err) == 0);
	for (size_t i = 0; i < len; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

static struct cgroup *create_ok(const char *path, const char *id)
{
	_cleanup_error_ struct arca_error *err = NULL;
	struct cgroup *cg = NULL;
	CHECK(cgroup_create(path, id, &cg, &err) == 0);
	if (err)
		fprintf(stderr, "  create %s: %s\n", path ? path : id, err->msg);
	return cg;
}

static void destroy_ok(const struct cgroup *cg)
{
	_cleanup_error_ struct arca_error *err = NULL;
	CHECK(cgroup_destroy(cg, &err) == 0);
	if (err)
		fprintf(stderr, "  destroy: %s\n", err->msg);
}

static void check_layout(void)
{
	enum cgroup_layout layout;
	CHECK(cgroup_detect_layout(&layout, NULL) == 0);
	CHECK(layout == mounts.layout);
	printf("# layout %s, %zu hierarchies\n", cgroup_layout_name(layout), mounts.len);
}

static void read_value(const char *dir, const char *file, char *buf, size_t size)
{
	buf[0] = '\0';
	CHECK(cgroup_read_file(-1, dir, file, buf, size, NULL) >= 0);
}

/* cgroup2: every controller of the root reaches the leaf (its ancestors hold
 * no processes); v1 cpuset: the leaf has the root's cpus and mems. */
static void check_same_as_root(const struct cgroup_hierarchy *h, const char *file)
{
	char root[1024], leaf[1024];
	read_value(h->mount, file, root, sizeof(root));
	read_value(h->dir, file, leaf, sizeof(leaf));
	CHECK_STREQ(leaf, root);
}

static void check_controllers(const struct cgroup *cg)
{
	for (size_t i = 0; i < cg->n_hierarchies; i++) {
		const struct cgroup_hierarchy *h = &cg->hierarchies[i];
		if (h->unified) {
			check_same_as_root(h, "cgroup.controllers");
		} else if (cgroup_list_has(h->controllers, "cpuset")) {
			check_same_as_root(h, "cpuset.cpus");
			check_same_as_root(h, "cpuset.mems");
		}
	}
}

/* to_json/from_json, as delete in a new process would see it. */
static struct cgroup *round_trip(const struct cgroup *cg)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *json = NULL, *again = NULL;
	struct cgroup *copy = NULL;
	CHECK(cgroup_to_json(cg, &json, &err) == 0);
	CHECK(cgroup_from_json(json, &copy, &err) == 0);
	if (!copy)
		return NULL;
	CHECK(cgroup_to_json(copy, &again, &err) == 0);
	CHECK_STREQ(again, json);
	CHECK_STREQ(cgroup_path(copy), cgroup_path(cg));
	CHECK((cgroup_clone_fd(copy) >= 0) == (cgroup_clone_fd(cg) >= 0));
	return copy;
}

/* CG-01, CG-06, OP-19: create below a parent that exists, attach, list,
 * destroy from the record; the parent stays. */
static void test_cg01_create_attach_destroy(void)
{
	char parent[128], path[160];
	snprintf(parent, sizeof(parent), "%s-a", prefix);
	snprintf(path, sizeof(path), "%s/ctr", parent);
	mkdir_everywhere(parent);
	_cleanup_cgroup_ struct cgroup *cg = create_ok(path, "a");
	if (!cg) {
		rmdir_everywhere(parent);
		return;
	}
	CHECK_STREQ(cgroup_path(cg), path);
	CHECK(count_dirs(path) == (int)mounts.len);
	CHECK(cg->n_created == mounts.len);
	CHECK((cgroup_clone_fd(cg) >= 0) == (mounts.layout != CGROUP_LAYOUT_V1));
	CHECK(!cgroup_oom_killed(cg));
	check_controllers(cg);
	pid_t child = spawn_sleeper();
	_cleanup_error_ struct arca_error *err = NULL;
	CHECK(cgroup_attach(cg, child, false, &err) == 0);
	if (err)
		fprintf(stderr, "  attach: %s\n", err->msg);
	check_placed(child, path);
	CHECK(pids_contain(cg, child));
	_cleanup_cgroup_ struct cgroup *copy = round_trip(cg);
	reap(child);
	if (copy)
		destroy_ok(copy);
	CHECK(count_dirs(path) == 0);
	CHECK(count_dirs(parent) == (int)mounts.len);
	rmdir_everywhere(parent);
}

/* CG-05, CG-03: the default lands at /arca/<id>; deeper levels made by the
 * driver get cpuset values level by level (CGCPU-04) and all go away. */
static void test_cg05_default_and_deep_path(void)
{
	char id[96], deep[160];
	snprintf(id, sizeof(id), "%s-b", prefix + 1);
	snprintf(deep, sizeof(deep), "%s-b/x/y/z", prefix);
	_cleanup_cgroup_ struct cgroup *def = create_ok(NULL, id);
	_cleanup_cgroup_ struct cgroup *cg = create_ok(deep, "b");
	if (!def || !cg)
		return;
	char expected[160];
	snprintf(expected, sizeof(expected), "/arca/%s", id);
	CHECK_STREQ(cgroup_path(def), expected);
	CHECK(count_dirs(expected) == (int)mounts.len);
	CHECK(cg->n_created == 4 * mounts.len);
	check_controllers(cg);
	pid_t child = spawn_sleeper();
	CHECK(cgroup_attach(cg, child, false, NULL) == 0);
	check_placed(child, deep);
	reap(child);
	destroy_ok(cg);
	destroy_ok(def);
	CHECK(count_dirs(expected) == 0);
	snprintf(deep, sizeof(deep), "%s-b", prefix);
	CHECK(count_dirs(deep) == 0);
}

/* OP-20: a leaf that existed before create is joined, never removed. */
static void test_op20_existing_leaf_kept(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s-c", prefix);
	mkdir_everywhere(path);
	_cleanup_cgroup_ struct cgroup *cg = create_ok(path, "c");
	if (cg) {
		CHECK(cg->n_created == 0);
		pid_t child = spawn_sleeper();
		CHECK(cgroup_attach(cg, child, false, NULL) == 0);
		check_placed(child, path);
		reap(child);
		destroy_ok(cg);
	}
	CHECK(count_dirs(path) == (int)mounts.len);
	rmdir_everywhere(path);
}

/* OP-19: sub-cgroups the container made inside its own go with it. */
static void test_op19_nested_removed(void)
{
	char path[128], nested[160];
	snprintf(path, sizeof(path), "%s-n", prefix);
	_cleanup_cgroup_ struct cgroup *cg = create_ok(path, "n");
	if (!cg)
		return;
	snprintf(nested, sizeof(nested), "%s/sub", path);
	mkdir_everywhere(nested);
	snprintf(nested, sizeof(nested), "%s/sub/deeper", path);
	mkdir_everywhere(nested);
	destroy_ok(cg);
	CHECK(count_dirs(path) == 0);
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* OP-19: a live process keeps the cgroup; destroy waits about a second,
 * then says so, and succeeds once the process is gone. */
static void test_op19_busy_destroy_fails(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s-d", prefix);
	_cleanup_cgroup_ struct cgroup *cg = create_ok(path, "d");
	if (!cg)
		return;
	pid_t child = spawn_sleeper();
	CHECK(cgroup_attach(cg, child, false, NULL) == 0);
	_cleanup_error_ struct arca_error *err = NULL;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	CHECK(cgroup_destroy(cg, &err) == -EBUSY);
	long ms = elapsed_ms(&start);
	CHECK(ms >= 900 && ms < 5000);
	if (err) {
		CHECK_CONTAINS(err->msg, "remove cgroup /sys/fs/cgroup");
		CHECK_CONTAINS(err->msg, "processes still in it after");
	}
	reap(child);
	destroy_ok(cg);
	CHECK(count_dirs(path) == 0);
}

/* A failure half way removes what was made: the leaf name is an existing
 * control file, so the cgroup2 or cpuset step fails after the mkdirs. */
static void test_failed_create_undone(void)
{
	char parent[128], path[160];
	snprintf(parent, sizeof(parent), "%s-e", prefix);
	snprintf(path, sizeof(path), "%s/cgroup.procs", parent);
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_cgroup_ struct cgroup *cg = NULL;
	CHECK(cgroup_create(path, "e", &cg, &err) < 0);
	CHECK(cg == NULL);
	if (err)
		CHECK_CONTAINS(err->msg, "create cgroup ");
	CHECK(count_dirs(parent) == 0);
}

/* clone3(CLONE_INTO_CGROUP) with the driver's fd, then the v1 side. */
static void test_clone_into_cgroup(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s-f", prefix);
	_cleanup_cgroup_ struct cgroup *cg = create_ok(path, "f");
	if (!cg || cgroup_clone_fd(cg) < 0)
		goto out;
	struct clone_args args = {
	    .flags = CLONE_INTO_CGROUP,
	    .exit_signal = SIGCHLD,
	    .cgroup = (uint64_t)cgroup_clone_fd(cg),
	};
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK(pid > 0);
	if (pid <= 0)
		goto out;
	CHECK(cgroup_attach(cg, (pid_t)pid, true, NULL) == 0);
	check_placed((pid_t)pid, path);
	reap((pid_t)pid);
out:
	if (cg)
		destroy_ok(cg);
}

/* Caps memory at 16 MiB the way a later resources step would. */
static bool limit_memory(const struct cgroup *cg)
{
	const struct cgroup_hierarchy *h = cgroup_find_controller(cg, "memory");
	if (h)
		return cgroup_write_file(-1, h->dir, "memory.limit_in_bytes", "16777216", NULL) ==
		       0;
	h = cgroup_find_unified(cg);
	if (!h)
		return false;
	cgroup_write_file(-1, h->dir, "memory.swap.max", "0", NULL);
	return cgroup_write_file(-1, h->dir, "memory.max", "16777216", NULL) == 0;
}

static void touch_memory(void)
{
	for (;;) {
		char *p = malloc(1 << 20);
		if (p)
			memset(p, 1, 1 << 20);
	}
}

/* cgroup_oom_killed reads memory.oom_control (v1) or memory.events (v2). */
static void test_oom_killed(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s-h", prefix);
	_cleanup_cgroup_ struct cgroup *cg = create_ok(path, "h");
	if (!cg)
		return;
	if (!limit_memory(cg)) {
		printf("# no memory controller: oom check skipped\n");
		destroy_ok(cg);
		return;
	}
	int ready[2];
	CHECK(pipe(ready) == 0);
	pid_t child = fork();
	if (child == 0) {
		char go;
		close(ready[1]);
		if (read(ready[0], &go, 1) == 1)
			touch_memory();
		_exit(0);
	}
	close(ready[0]);
	CHECK(!cgroup_oom_killed(cg));
	CHECK(cgroup_attach(cg, child, false, NULL) == 0);
	CHECK(write(ready[1], "g", 1) == 1);
	close(ready[1]);
	int status = 0;
	CHECK(waitpid(child, &status, 0) == child);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK(cgroup_oom_killed(cg));
	destroy_ok(cg);
}

/* Several creators and destroyers share a parent that comes and goes. */
static int race_loop(int worker)
{
	char path[160];
	for (int round = 0; round < 15; round++) {
		snprintf(path, sizeof(path), "%s-g/w%d", prefix, worker);
		struct arca_error *err = NULL;
		struct cgroup *cg = NULL;
		int r = cgroup_create(path, "g", &cg, &err);
		if (r >= 0)
			r = cgroup_destroy(cg, &err);
		cgroup_free(cg);
		if (r < 0) {
			fprintf(stderr, "  worker %d: %s\n", worker, err ? err->msg : "?");
			arca_error_free(err);
			return 1;
		}
	}
	return 0;
}

static void test_concurrent_shared_parent(void)
{
	pid_t workers[4];
	for (int i = 0; i < 4; i++) {
		workers[i] = fork();
		if (workers[i] == 0)
			_exit(race_loop(i));
	}
	for (int i = 0; i < 4; i++) {
		int status = -1;
		CHECK(waitpid(workers[i], &status, 0) == workers[i]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	char parent[128];
	snprintf(parent, sizeof(parent), "%s-g", prefix);
	rmdir_everywhere(parent);
}

int main(void)
{
	if (geteuid() != 0) {
		printf("SKIP: needs root to create cgroups\n");
		return 0;
	}
	snprintf(prefix, sizeof(prefix), "/arcatest-%d", (int)getpid());
	struct arca_error *err = NULL;
	if (cgroup_read_mounts(&mounts, &err) < 0) {
		printf("SKIP: %s\n", err->msg);
		arca_error_free(err);
		return 0;
	}
	RUN(check_layout);
	RUN(test_cg01_create_attach_destroy);
	RUN(test_cg05_default_and_deep_path);
	RUN(test_op20_existing_leaf_kept);
	RUN(test_op19_nested_removed);
	RUN(test_op19_busy_destroy_fails);
	RUN(test_failed_create_undone);
	RUN(test_clone_into_cgroup);
	RUN(test_oom_killed);
	RUN(test_concurrent_shared_parent);
	cgroup_mounts_clear(&mounts);
	return check_exit();
}
