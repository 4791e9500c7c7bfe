/* The openat2 fallback (linux/resolve.h) against the kernel's openat2 on a
 * tree of tricky symlinks: for every path, resolve mode and flag set the two
 * must open the same file or fail with the same errno. Then both, and the
 * safepath functions over them, under a racer that swaps a directory with a
 * symlink to another directory of the tree (CVE-2021-30465's attack): every
 * state the name can have resolves to a directory, so no call may fail. */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "linux/resolve.h"
#include "linux/safepath.h"
#include "linux/syscalls.h"

static char root[] = "/tmp/arca-test-resolve-XXXXXX";

static void make_tree(void)
{
	CHECK(mkdtemp(root) != NULL);
	int fd = open(root, O_DIRECTORY | O_RDONLY);
	CHECK(mkdirat(fd, "a", 0755) == 0 && mkdirat(fd, "a/b", 0755) == 0);
	CHECK(close(openat(fd, "a/b/f", O_CREAT | O_WRONLY, 0644)) == 0);
	CHECK(close(openat(fd, "file", O_CREAT | O_WRONLY, 0644)) == 0);
	const char *links[][2] = {
	    {"/a/b", "abs"},       {"a/b", "rel"},           {"../../../a", "up"},
	    {"loop2", "loop1"},    {"loop1", "loop2"},       {"/nope", "dangling"},
	    {"a/../a/b", "dd"},    {"/../../a/b/f", "absf"}, {"rel/f", "chain"},
	    {"a/b/f", "lastlink"}, {"/tgt", "race/a.link"},
	};
	CHECK(mkdirat(fd, "race", 0755) == 0 && mkdirat(fd, "race/a", 0755) == 0);
	CHECK(mkdirat(fd, "race/a/x", 0755) == 0);
	CHECK(mkdirat(fd, "tgt", 0755) == 0 && mkdirat(fd, "tgt/x", 0755) == 0);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		CHECK(symlinkat(links[i][0], fd, links[i][1]) == 0);
	close(fd);
}

static void remove_tree(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	CHECK(system(cmd) == 0);
}

/* "ok <dev>:<ino>" or "errno <n>" */
static void describe(int fd, char *buf, size_t size)
{
	struct stat st;
	if (fd < 0)
		snprintf(buf, size, "errno %d", errno);
	else if (fstat(fd, &st) == 0)
		snprintf(buf, size, "ok %lu:%lu", (unsigned long)st.st_dev,
		         (unsigned long)st.st_ino);
	else
		snprintf(buf, size, "fstat failed");
	if (fd >= 0)
		close(fd);
}

static void compare(int dirfd, const char *path, unsigned long long resolve, int flags)
{
	struct open_how how = {.flags = (unsigned long long)(flags | O_CLOEXEC),
	                       .resolve = resolve};
	char kernel[64], fallback[64];
	describe(sys_openat2(dirfd, path, &how), kernel, sizeof(kernel));
	describe(arca_openat2_walk(dirfd, path, &how), fallback, sizeof(fallback));
	check_count++;
	if (strcmp(kernel, fallback) != 0) {
		check_failures++;
		fprintf(stderr, "path %s resolve %#llx flags %#x: kernel %s, fallback %s\n", path,
		        resolve, flags, kernel, fallback);
	}
}

static void test_fallback_matches_openat2(void)
{
	static const char *paths[] = {
	    "a/b/f",     "abs/f",         "rel/f",  "up/b/f",   "loop1",     "dangling",
	    "file/x",    "a/../../a/b/f", "/abs/f", ".",        "..",        "a/b/../../rel/f",
	    "dd/f",      "absf",          "chain",  "lastlink", "a//b///f",  "a/./b/./f",
	    "nope",      "a/b/f/",        "rel/",   "rel//",    "dangling/", "abs/",
	    "lastlink/", "loop1/",        "a/b/..", "a/b/../",  "file/",     "a/b/f/.",
	};
	static const unsigned long long modes[] = {
	    RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	    RESOLVE_BENEATH,
	    RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	static const int flags[] = {
	    O_PATH,
	    O_PATH | O_NOFOLLOW,
	    O_RDONLY,
	    O_RDONLY | O_NOFOLLOW,
	    O_PATH | O_DIRECTORY,
	    O_PATH | O_NOFOLLOW | O_DIRECTORY,
	    O_RDONLY | O_DIRECTORY,
	};
	int dirfd = open(root, O_PATH | O_DIRECTORY);
	for (size_t p = 0; p < sizeof(paths) / sizeof(paths[0]); p++)
		for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++)
			for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
				compare(dirfd, paths[p], modes[m], flags[f]);
	close(dirfd);
}

/* RESOLVE_NO_MAGICLINKS: /proc/self/fd/N is refused by both. */
static void test_magic_links_refused(void)
{
	int procself = open("/proc/self", O_PATH | O_DIRECTORY);
	char path[32];
	snprintf(path, sizeof(path), "fd/%d", procself);
	compare(procself, path, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS, O_PATH);
	compare(procself, path, RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS, O_PATH);
	close(procself);
}

/* A child exchanging race/a (a directory) and race/a.link (-> /tgt) until
 * it is killed. */
static pid_t start_racer(int dirfd)
{
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid != 0)
		return pid;
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		_exit(1);
	for (;;)
		if (renameat2(dirfd, "race/a", dirfd, "race/a.link", RENAME_EXCHANGE) < 0)
			_exit(1);
}

static void stop_racer(pid_t pid)
{
	int status = 0;
	CHECK(kill(pid, SIGKILL) == 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status));
}

#define RACE_ROUNDS 4000

/* How many of the fallback's opens of race/a (both of whose states are a
 * directory in the root) fail under the racer. */
static int walk_failures(int dirfd, const char *path, int flags)
{
	struct open_how how = {.flags = (unsigned long long)(flags | O_CLOEXEC),
	                       .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
	int failures = 0;
	for (int i = 0; i < RACE_ROUNDS; i++) {
		int fd = arca_openat2_walk(dirfd, path, &how);
		if (fd < 0 && failures++ == 0)
			fprintf(stderr, "  %s flags %#x: %s\n", path, flags, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	return failures;
}

static void test_fallback_under_race(void)
{
	int dirfd = open(root, O_PATH | O_DIRECTORY);
	pid_t racer = start_racer(dirfd);
	CHECK(walk_failures(dirfd, "race/a", O_PATH | O_DIRECTORY) == 0);
	CHECK(walk_failures(dirfd, "race/a", O_RDONLY) == 0);
	CHECK(walk_failures(dirfd, "race/a/", O_PATH) == 0);
	CHECK(walk_failures(dirfd, "race/a/x", O_RDONLY | O_DIRECTORY) == 0);
	stop_racer(racer);
	close(dirfd);
}

/* How many of safe_mkdir_all's and safe_mkfile's calls below race/a fail
 * under the racer (each on a new name, so each has something to make). */
static int safepath_failures(int dirfd, const char *tag)
{
	int failures = 0;
	for (int i = 0; i < RACE_ROUNDS / 4; i++) {
		char path[64];
		snprintf(path, sizeof(path), "/race/a/%s-%d%s", tag, i, i % 2 ? "/sub" : "");
		int fd =
		    i % 4 == 3 ? safe_mkfile(dirfd, path, 0644) : safe_mkdir_all(dirfd, path, 0755);
		if (fd < 0 && failures++ == 0)
			fprintf(stderr, "  %s: %s\n", path, strerror(-fd));
		if (fd >= 0)
			close(fd);
	}
	return failures;
}

/* openat2 refused with ENOSYS in this process from now on (as
 * tests/tools/no_openat2.c does): arca_openat2 takes the fallback. */
static int refuse_openat2(void)
{
#if defined(__x86_64__)
	const unsigned int arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
	const unsigned int arch = AUDIT_ARCH_AARCH64;
#else
	const unsigned int arch = 0;
#endif
	struct sock_filter filter[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 0, 3),
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = sizeof(filter) / sizeof(filter[0]), .filter = filter};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}

/* In a child whose openat2 fails with ENOSYS: the fallback's failures. */
static int safepath_failures_fallback(int dirfd)
{
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (refuse_openat2() < 0 || syscall(SYS_openat2, -1, "", NULL, 0) >= 0 ||
		    errno != ENOSYS)
			_exit(255);
		_exit(safepath_failures(dirfd, "fb") > 0);
	}
	int status = -1;
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) != 255);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_safepath_under_race(void)
{
	int dirfd = open(root, O_PATH | O_DIRECTORY);
	pid_t racer = start_racer(dirfd);
	CHECK(safepath_failures(dirfd, "k") == 0);
	CHECK(safepath_failures_fallback(dirfd) == 0);
	stop_racer(racer);
	close(dirfd);
}

int main(void)
{
	make_tree();
	RUN(test_fallback_matches_openat2);
	RUN(test_magic_links_refused);
	RUN(test_fallback_under_race);
	RUN(test_safepath_under_race);
	remove_tree();
	return check_exit();
}
