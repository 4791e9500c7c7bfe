/* linux.maskedPaths and linux.readonlyPaths (MASK-01, MASK-02, ROP-01,
 * ROP-02) on a scratch root directory, in a child with a mount namespace of
 * its own (root only); relative paths are refused before anything is done. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "check.h"
#include "linux/masked_paths.h"
#include "linux/readonly_paths.h"

static char root[64];

static const char *in_root(const char *path)
{
	static char full[256];
	snprintf(full, sizeof(full), "%s%s", root, path);
	return full;
}

static void make_file(const char *path, const char *content)
{
	_cleanup_close_ int fd = open(in_root(path), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, content, strlen(content)) == (ssize_t)strlen(content));
}

/* What path reads as (at most 63 bytes), "(error)" when it cannot. */
static const char *contents(const char *path)
{
	static char buf[64];
	_cleanup_close_ int fd = open(in_root(path), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		return "(error)";
	buf[n] = '\0';
	return buf;
}

/* errno of creating a file at path, 0 when that worked. */
static int create_errno(const char *path)
{
	int fd = open(in_root(path), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int entries(const char *path)
{
	DIR *d = opendir(in_root(path));
	if (!d)
		return -1;
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* How many mounts have path as their mount point. */
static int mounts_at(const char *path)
{
	_cleanup_fclose_ FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096], point[4096];
	int n = 0;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %*s %*s %*s %4095s", point) == 1 && strcmp(point, path) == 0)
			n++;
	return n;
}

static char *apply(int rootfd, const struct arca_strv *masked, const struct arca_strv *ro)
{
	struct arca_error *err = NULL;
	int r = readonly_paths_apply(rootfd, ro, &err);
	if (r == 0) {
		struct mask_sources src;
		r = masks_prepare(&src, &err);
		if (r == 0)
			r = masks_apply(rootfd, masked, &src, &err);
		if (r == 0)
			masks_release(&src);
	}
	CHECK((r < 0) == (err != NULL));
	char *msg = r < 0 && err ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

static void setup_tree(void)
{
	static const char *const dirs[] = {"/dir", "/dir/sub", "/dir2", "/ro", "/ro/sub", "/proc"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		CHECK(mkdir(in_root(dirs[i]), 0755) == 0);
	make_file("/secret", "s3cret");
	make_file("/dir/inner", "inner");
	make_file("/ro/f", "ro-file");
	CHECK(mkfifo(in_root("/fifo"), 0644) == 0);
	CHECK(mknod(in_root("/zero"), S_IFCHR | 0644, makedev(1, 5)) == 0);
	CHECK(symlink("/etc/passwd", in_root("/escape")) == 0);
}

/* MASK-01: files, FIFOs and devices read empty and keep what they hid,
 * directories list empty and take no files; missing and repeated entries
 * are skipped, a symlink resolves inside the root. ROP-01: read-only paths still read, refuse
 * writes, mounts under them included; missing ones are skipped. */
static int mask_and_protect(void)
{
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return 77;
	CHECK(mount("tmpfs", in_root("/ro/sub"), "tmpfs", 0, NULL) == 0);
	_cleanup_close_ int rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	char *masked[] = {"/secret", "/dir",    "/missing/x", "/fifo",  "/zero",
	                  "/dir2",   "/secret", "/dir",       "/escape"};
	char *ro[] = {"/ro", "/nothing/here"};
	struct arca_strv mv = {masked, 9}, rv = {ro, 2};
	char *msg = apply(rootfd, &mv, &rv);
	CHECK(msg == NULL);
	free(msg);

	CHECK_STREQ(contents("/secret"), "");
	make_file("/secret", "overwritten"); /* vanishes into /dev/null */
	CHECK_STREQ(contents("/fifo"), "");
	CHECK_STREQ(contents("/zero"), "");
	CHECK(entries("/dir") == 0 && entries("/dir2") == 0);
	CHECK(create_errno("/dir/new") == EROFS);
	CHECK(create_errno("/dir2/new") == EROFS);
	CHECK(mounts_at(in_root("/secret")) == 1);
	CHECK(mounts_at(in_root("/dir")) == 1);
	/* an absolute symlink resolves inside the root: nothing there */
	CHECK(mounts_at("/etc/passwd") == 0);

	CHECK_STREQ(contents("/ro/f"), "ro-file");
	CHECK(create_errno("/ro/new") == EROFS);
	CHECK(create_errno("/ro/sub/new") == EROFS);
	return 0;
}

static void test_mask01_rop01_apply(void)
{
	if (geteuid() != 0) {
		printf("SKIP: test_mask01_rop01_apply needs root\n");
		return;
	}
	setup_tree();
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int r = mask_and_protect();
		_exit(r == 77 ? 77 : r || check_failures ? 1 : 0);
	}
	int status = 0;
	CHECK(waitpid(pid, &status, 0) == pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		printf("SKIP: test_mask01_rop01_apply: no mount namespace\n");
	else
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STREQ(contents("/secret"), "s3cret");
	CHECK(entries("/dir") == 2);
}

/* MASK-02, ROP-02: a relative entry is an error naming it, found before
 * any path is touched. */
static void test_mask02_rop02_relative(void)
{
	char *paths[] = {"/proc/kcore", "proc/keys"};
	struct arca_strv v = {paths, 2};
	struct mask_sources src = {.devnull = -1, .empty_dir = -1};
	struct arca_error *err = NULL;
	CHECK(masks_apply(-1, &v, &src, &err) == -EINVAL);
	CHECK_STREQ(err ? err->msg : NULL,
	            "linux.maskedPaths[1]: must be an absolute path, got \"proc/keys\"");
	arca_error_free(err);
	err = NULL;
	CHECK(readonly_paths_apply(-1, &v, &err) == -EINVAL);
	CHECK_STREQ(err ? err->msg : NULL,
	            "linux.readonlyPaths[1]: must be an absolute path, got \"proc/keys\"");
	arca_error_free(err);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

int main(void)
{
	snprintf(root, sizeof(root), "/tmp/arca-test-masks.XXXXXX");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_mask02_rop02_relative);
	RUN(test_mask01_rop01_apply);
	nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return check_exit();
}
