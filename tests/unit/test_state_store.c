/* The state root and container directories: modes, locking, the unique
 * create under concurrency (STATE-02, OP-06), open and remove (LIFE-13). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "check.h"
#include "state/store.h"

#define RACERS 16

static char base[] = "/tmp/arca-test-state-XXXXXX";

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *path_in_base(const char *name)
{
	char *path;
	if (asprintf(&path, "%s/%s", base, name) < 0)
		abort();
	return path;
}

static int count_entries(int dir_fd)
{
	int fd = openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = fdopendir(fd);
	struct dirent *entry;
	int count = 0;

	if (!dir)
		return -1;
	while ((entry = readdir(dir)))
		count += strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
	closedir(dir);
	return count;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_mode & 07777 : (mode_t)-1;
}

/* A fresh root under base for one test. */
static int open_root(const char *name, char **root_out)
{
	_cleanup_error_ struct arca_error *err = NULL;
	int root_fd = -1;

	*root_out = path_in_base(name);
	CHECK(state_root_open(*root_out, &root_fd, &err) == 0);
	return root_fd;
}

/* Tries to take the lock from a child, through a new open file description.
 * Returns 0 when it got it, 1 when it would block. */
static int child_try_lock(const char *path, int operation)
{
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(path, O_RDONLY | O_DIRECTORY);
		if (fd < 0)
			_exit(2);
		if (flock(fd, operation | LOCK_NB) == 0)
			_exit(0);
		_exit(errno == EWOULDBLOCK ? 1 : 3);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_root_created_with_modes(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *root = path_in_base("r1/parent/root");
	_cleanup_free_ char *r1 = path_in_base("r1");
	_cleanup_free_ char *parent = path_in_base("r1/parent");
	int root_fd = -1;

	mode_t old_umask = umask(077); /* the modes must not depend on it */
	CHECK(state_root_open(root, &root_fd, &err) == 0);
	umask(old_umask);
	CHECK(root_fd >= 0);
	CHECK(mode_of(r1) == 0711);
	CHECK(mode_of(parent) == 0711);
	CHECK(mode_of(root) == 0700);
	CHECK(fcntl(root_fd, F_GETFD) & FD_CLOEXEC);
	close(root_fd);

	/* An existing root opens as it is. */
	CHECK(chmod(root, 0750) == 0);
	CHECK(state_root_open(root, &root_fd, &err) == 0);
	CHECK(mode_of(root) == 0750);
	close(root_fd);
}

static void test_root_errors_name_the_path(void)
{
	_cleanup_error_ struct arca_error *err = NULL, *empty_err = NULL;
	_cleanup_free_ char *file = path_in_base("plainfile");
	_cleanup_free_ char *below = path_in_base("plainfile/root");
	int root_fd = -1;

	close(open(file, O_WRONLY | O_CREAT, 0600));
	CHECK(state_root_open(below, &root_fd, &err) == -ENOTDIR);
	CHECK(err && strstr(err->msg, file) && strstr(err->msg, "Not a directory"));
	CHECK(state_root_open("", &root_fd, &empty_err) == -EINVAL);
	CHECK(empty_err != NULL);
}

static void test_create_is_visible_and_locked(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("create", &root);
	_cleanup_state_dir_ struct state_dir *dir = NULL;

	CHECK(state_dir_create(root, root_fd, "c1", &dir, &err) == 0);
	if (!dir)
		return;
	_cleanup_free_ char *path = path_in_base("create/c1");
	CHECK_STREQ(dir->path, path);
	CHECK_STREQ(dir->id, "c1");
	CHECK(mode_of(path) == 0711);
	CHECK(fcntl(dir->fd, F_GETFD) & FD_CLOEXEC);
	CHECK(child_try_lock(path, LOCK_EX) == 1);
	CHECK(child_try_lock(path, LOCK_SH) == 1);
	CHECK(count_entries(root_fd) == 1);

	state_dir_close(TAKE_PTR(dir));
	CHECK(child_try_lock(path, LOCK_EX) == 0);
}

/* STATE-02 / OP-06: the second create of one ID fails and leaves the first
 * untouched. */
static void test_create_twice_fails(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("twice", &root);
	_cleanup_state_dir_ struct state_dir *first = NULL, *second = NULL;

	CHECK(state_dir_create(root, root_fd, "dup", &first, &err) == 0);
	close(openat(first->fd, "marker", O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
	CHECK(state_dir_create(root, root_fd, "dup", &second, &err) == -EEXIST);
	CHECK(second == NULL);
	CHECK(err && err->code == EEXIST);
	CHECK_STREQ(err ? err->msg : NULL, "container \"dup\" already exists");
	CHECK(count_entries(root_fd) == 1);
	CHECK(faccessat(first->fd, "marker", F_OK, 0) == 0);
}

static void test_create_rejects_invalid_id(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("invalid", &root);
	struct state_dir *dir = NULL;

	CHECK(state_dir_create(root, root_fd, "../escape", &dir, &err) == -EINVAL);
	CHECK_CONTAINS(err ? err->msg : NULL, "invalid container ID \"../escape\"");
	CHECK(count_entries(root_fd) == 0);
}

/* One racer: waits for the start signal, creates, reports how it went. */
static void race_create(const char *root, int root_fd, int start_fd)
{
	_cleanup_error_ struct arca_error *err = NULL;
	struct state_dir *dir = NULL;
	char byte;

	if (read(start_fd, &byte, 1) != 0)
		_exit(3);
	int r = state_dir_create(root, root_fd, "contested", &dir, &err);
	if (r == 0) {
		state_dir_close(dir);
		_exit(0);
	}
	bool exists =
	    r == -EEXIST && err && !strcmp(err->msg, "container \"contested\" already exists");
	_exit(exists ? 1 : 2);
}

/* STATE-02: of concurrent creates of one ID exactly one wins and no
 * temporary directory stays behind. */
static void test_concurrent_create_one_winner(void)
{
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("race", &root);
	int start[2], winners = 0, losers = 0;
	pid_t pids[RACERS];

	CHECK(pipe2(start, O_CLOEXEC) == 0);
	for (int i = 0; i < RACERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(start[1]);
			race_create(root, root_fd, start[0]);
		}
	}
	close(start[0]);
	close(start[1]); /* every racer's read returns now */
	for (int i = 0; i < RACERS; i++) {
		int status;
		CHECK(waitpid(pids[i], &status, 0) == pids[i]);
		CHECK(WIFEXITED(status));
		winners += WIFEXITED(status) && WEXITSTATUS(status) == 0;
		losers += WIFEXITED(status) && WEXITSTATUS(status) == 1;
	}
	CHECK(winners == 1);
	CHECK(losers == RACERS - 1);
	CHECK(count_entries(root_fd) == 1);
	CHECK(faccessat(root_fd, "contested", F_OK, 0) == 0);
}

static void test_open_unknown_does_not_exist(void)
{
	_cleanup_error_ struct arca_error *err = NULL, *invalid_err = NULL;
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("unknown", &root);
	struct state_dir *dir = NULL;

	CHECK(state_dir_open(root, root_fd, "nope", STATE_LOCK_EXCLUSIVE, &dir, &err) == -ENOENT);
	CHECK(dir == NULL);
	CHECK(err && err->code == ENOENT);
	CHECK_CONTAINS(err ? err->msg : NULL, "container \"nope\" does not exist");
	CHECK(state_dir_open(root, root_fd, "..", STATE_LOCK_SHARED, &dir, &invalid_err) ==
	      -EINVAL);
}

/* Shared opens coexist (state, list); an exclusive one excludes both. */
static void test_open_lock_modes(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("modes", &root);
	_cleanup_free_ char *path = path_in_base("modes/c");
	struct state_dir *dir = NULL;

	CHECK(state_dir_create(root, root_fd, "c", &dir, &err) == 0);
	state_dir_close(TAKE_PTR(dir));

	CHECK(state_dir_open(root, root_fd, "c", STATE_LOCK_SHARED, &dir, &err) == 0);
	CHECK(child_try_lock(path, LOCK_SH) == 0);
	CHECK(child_try_lock(path, LOCK_EX) == 1);
	state_dir_close(TAKE_PTR(dir));

	CHECK(state_dir_open(root, root_fd, "c", STATE_LOCK_EXCLUSIVE, &dir, &err) == 0);
	CHECK(child_try_lock(path, LOCK_SH) == 1);
	state_dir_close(TAKE_PTR(dir));
}

/* A child waits on the lock of a directory that is removed (and, with
 * recreate, made again) meanwhile; it must end up on the current one. */
static int open_while_replaced(const char *root, int root_fd, bool recreate)
{
	_cleanup_error_ struct arca_error *err = NULL;
	struct state_dir *dir = NULL;
	int ready[2];

	CHECK(state_dir_create(root, root_fd, "moving", &dir, &err) == 0);
	CHECK(pipe2(ready, O_CLOEXEC) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		struct state_dir *opened = NULL;
		/* flock belongs to the open file description: a child that kept
		 * the parent's fd would hold the lock itself. */
		close(dir->fd);
		close(ready[0]);
		close(ready[1]); /* tell the parent we are about to wait */
		if (state_dir_open(root, root_fd, "moving", STATE_LOCK_EXCLUSIVE, &opened, NULL) <
		    0)
			_exit(1);
		_exit(faccessat(opened->fd, "marker", F_OK, 0) == 0 ? 0 : 2);
	}
	char byte;
	close(ready[1]);
	CHECK(read(ready[0], &byte, 1) == 0);
	close(ready[0]);
	usleep(100 * 1000); /* let the child block in flock */
	if (recreate) {
		/* Replace it while still holding its lock, so the child can only
		 * wake up to a name that points elsewhere. */
		struct state_dir *fresh = NULL;
		CHECK(renameat(root_fd, "moving", root_fd, "moved-away") == 0);
		CHECK(state_dir_create(root, root_fd, "moving", &fresh, &err) == 0);
		close(openat(fresh->fd, "marker", O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
		state_dir_close(fresh);
		state_dir_close(TAKE_PTR(dir));
		CHECK(unlinkat(root_fd, "moved-away", AT_REMOVEDIR) == 0);
	} else {
		CHECK(state_dir_remove(root_fd, TAKE_PTR(dir), &err) == 0);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_open_follows_remove_and_recreate(void)
{
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("moving", &root);

	CHECK(open_while_replaced(root, root_fd, false) == 1);
	CHECK(open_while_replaced(root, root_fd, true) == 0);
}

static void test_remove_leaves_nothing(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("remove", &root);
	struct state_dir *dir = NULL;

	CHECK(state_dir_create(root, root_fd, "gone", &dir, &err) == 0);
	if (!dir)
		return;
	const char *files[] = {STATE_FILE, STATE_CONFIG_FILE, "pidfile"};
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
		close(openat(dir->fd, files[i], O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
	CHECK(mkfifoat(dir->fd, STATE_FIFO_FILE, 0600) == 0);
	CHECK(count_entries(dir->fd) == 4);

	CHECK(state_dir_remove(root_fd, TAKE_PTR(dir), &err) == 0);
	CHECK(err == NULL);
	CHECK(count_entries(root_fd) == 0);
}

static void test_remove_fails_on_subdirectory(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *root = NULL;
	_cleanup_close_ int root_fd = open_root("remove-sub", &root);
	struct state_dir *dir = NULL;

	CHECK(state_dir_create(root, root_fd, "c", &dir, &err) == 0);
	CHECK(mkdirat(dir->fd, "sub", 0700) == 0);
	CHECK(state_dir_remove(root_fd, TAKE_PTR(dir), &err) < 0);
	CHECK_CONTAINS(err ? err->msg : NULL, "remove-sub/c/sub");
}

int main(void)
{
	alarm(60); /* a lock bug must fail the test, not hang it */
	if (!mkdtemp(base)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_root_created_with_modes);
	RUN(test_root_errors_name_the_path);
	RUN(test_create_is_visible_and_locked);
	RUN(test_create_twice_fails);
	RUN(test_create_rejects_invalid_id);
	RUN(test_concurrent_create_one_winner);
	RUN(test_open_unknown_does_not_exist);
	RUN(test_open_lock_modes);
	RUN(test_open_follows_remove_and_recreate);
	RUN(test_remove_leaves_nothing);
	RUN(test_remove_fails_on_subdirectory);
	remove_tree(base);
	return check_exit();
}
