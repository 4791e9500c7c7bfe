/* LIFE-08: the status is derived from the recorded init and the live
 * system; /proc/PID/stat is parsed robustly. */
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "check.h"
#include "state/store.h"

#define NO_SUCH_PID (1 << 30) /* above any pid_max */

static char base[] = "/tmp/arca-test-status-XXXXXX";
static struct state_dir *dir;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

/* A child that names itself, says so through the pipe, and sleeps. */
static pid_t spawn_sleeper(const char *name)
{
	int ready[2];
	char byte;

	if (pipe(ready) < 0)
		abort();
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		if (name && prctl(PR_SET_NAME, name) < 0)
			abort();
		close(ready[1]);
		for (;;)
			pause();
	}
	close(ready[1]);
	CHECK(read(ready[0], &byte, 1) == 0);
	close(ready[0]);
	return pid;
}

static void kill_and_reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A record whose init is pid, with its true start time. */
static struct container_record record_for(pid_t pid)
{
	struct container_record rec = {.id = "st", .init_pid = pid};
	char state;
	if (pid > 0)
		CHECK(proc_stat_read(pid, &rec.init_start_time, &state) == 0);
	return rec;
}

static void check_status(const struct container_record *rec, enum arca_status expected,
                         pid_t expected_pid)
{
	_cleanup_error_ struct arca_error *err = NULL;
	enum arca_status status = ARCA_STATUS_PAUSED;
	pid_t pid = -1;

	CHECK(state_derive_status(dir, rec, &status, &pid, &err) == 0);
	CHECK(err == NULL);
	CHECK_STREQ(arca_status_name(status), arca_status_name(expected));
	CHECK(pid == expected_pid);
}

static void test_life08_creating_flag(void)
{
	struct container_record rec = record_for(0);
	rec.creating = true;
	check_status(&rec, ARCA_STATUS_CREATING, 0);

	pid_t child = spawn_sleeper(NULL);
	rec = record_for(child);
	rec.creating = true;
	check_status(&rec, ARCA_STATUS_CREATING, child);
	kill_and_reap(child);
}

static void test_life08_created_running_stopped(void)
{
	pid_t child = spawn_sleeper(NULL);
	struct container_record rec = record_for(child);

	CHECK(mkfifoat(dir->fd, STATE_FIFO_FILE, 0600) == 0);
	check_status(&rec, ARCA_STATUS_CREATED, child);
	CHECK(unlinkat(dir->fd, STATE_FIFO_FILE, 0) == 0);
	check_status(&rec, ARCA_STATUS_RUNNING, child);
	kill_and_reap(child);
	check_status(&rec, ARCA_STATUS_STOPPED, 0);
}

/* Killed but not reaped: the init is a zombie, which counts as exited. */
static void test_life08_zombie_is_stopped(void)
{
	pid_t child = spawn_sleeper(NULL);
	struct container_record rec = record_for(child);
	siginfo_t info;

	kill(child, SIGKILL);
	CHECK(waitid(P_PID, (id_t)child, &info, WEXITED | WNOWAIT) == 0);
	uint64_t start_time;
	char state = '?';
	CHECK(proc_stat_read(child, &start_time, &state) == 0);
	CHECK(state == 'Z');
	CHECK(mkfifoat(dir->fd, STATE_FIFO_FILE, 0600) == 0); /* not created either */
	check_status(&rec, ARCA_STATUS_STOPPED, 0);
	CHECK(unlinkat(dir->fd, STATE_FIFO_FILE, 0) == 0);
	waitpid(child, NULL, 0);
}

/* The pid lives, but started at another time: it was reused. */
static void test_life08_pid_reuse_guard(void)
{
	pid_t child = spawn_sleeper(NULL);
	struct container_record rec = record_for(child);

	rec.init_start_time += 1;
	check_status(&rec, ARCA_STATUS_STOPPED, 0);
	rec.init_start_time = 0;
	check_status(&rec, ARCA_STATUS_STOPPED, 0);
	kill_and_reap(child);
}

static void test_life08_no_pid_is_stopped(void)
{
	struct container_record rec = record_for(0);
	check_status(&rec, ARCA_STATUS_STOPPED, 0);
	rec.init_pid = NO_SUCH_PID;
	check_status(&rec, ARCA_STATUS_STOPPED, 0);
}

static void test_proc_stat_comm_with_spaces_and_parens(void)
{
	const char *names[] = {"a) b", ") ) (", "x)\n1 2 3"};
	uint64_t plain_start, start;
	char state;

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		pid_t child = spawn_sleeper(NULL);
		CHECK(proc_stat_read(child, &plain_start, &state) == 0);
		kill_and_reap(child);

		child = spawn_sleeper(names[i]);
		state = '?';
		CHECK(proc_stat_read(child, &start, &state) == 0);
		CHECK(state == 'S' || state == 'R');
		/* Forked right after the other: the same or a slightly later tick.
		 * A parse that split inside the comm would read another field. */
		CHECK(start >= plain_start && start - plain_start < 100);
		kill_and_reap(child);
	}
}

static void test_proc_stat_self_and_missing(void)
{
	uint64_t start = 0;
	char state = '?';

	CHECK(proc_stat_read(getpid(), &start, &state) == 0);
	CHECK(state == 'R');
	CHECK(start > 0);
	CHECK(proc_stat_read(NO_SUCH_PID, &start, &state) == -ESRCH);
	CHECK(proc_stat_read(0, &start, &state) == -ESRCH);
	CHECK(proc_stat_read(-1, &start, &state) == -ESRCH);
}

int main(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	int root_fd = -1;

	alarm(60);
	if (!mkdtemp(base) || state_root_open(base, &root_fd, &err) < 0 ||
	    state_dir_create(base, root_fd, "st", &dir, &err) < 0) {
		fprintf(stderr, "set up the state root: %s\n", err ? err->msg : strerror(errno));
		return 1;
	}
	RUN(test_life08_creating_flag);
	RUN(test_life08_created_running_stopped);
	RUN(test_life08_zombie_is_stopped);
	RUN(test_life08_pid_reuse_guard);
	RUN(test_life08_no_pid_is_stopped);
	RUN(test_proc_stat_comm_with_spaces_and_parens);
	RUN(test_proc_stat_self_and_missing);
	state_dir_close(dir);
	close(root_fd);
	nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return check_exit();
}
