/* The openat2 fallback (linux/resolve.h) against the kernel's openat2 on a
 * tree of tricky symlinks: for every path, resolve mode and flag set the two
 * must open the same file or fail with the same errno. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"
#include "linux/resolve.h"
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
	    {"a/b/f", "lastlink"},
	};
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
	    "a/b/f",    "abs/f",           "rel/f",         "up/b/f", "loop1",
	    "dangling", "file/x",          "a/../../a/b/f", "/abs/f", ".",
	    "..",       "a/b/../../rel/f", "dd/f",          "absf",   "chain",
	    "lastlink", "a//b///f",        "a/./b/./f",     "nope",   "a/b/f/",
	};
	static const unsigned long long modes[] = {
	    RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	    RESOLVE_BENEATH,
	    RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	static const int flags[] = {O_PATH, O_PATH | O_NOFOLLOW, O_RDONLY};
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

int main(void)
{
	make_tree();
	RUN(test_fallback_matches_openat2);
	RUN(test_magic_links_refused);
	remove_tree();
	return check_exit();
}
