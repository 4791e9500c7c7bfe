/* linux.devices (DEV-01..07) on a scratch root directory: the checks of
 * every entry, FIFOs (any user), device nodes and host binds (root; binds in
 * a child with a mount namespace of its own). */
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
#include "linux/config_devices.h"

#define NUM(v)                                                                                     \
	{                                                                                          \
		.set = true, .value = (v)                                                          \
	}

static char root[64];

static struct spec_device node(int type, const char *path, int64_t major, int64_t minor)
{
	return (struct spec_device){
	    .type = type, .path = (char *)path, .major = NUM(major), .minor = NUM(minor)};
}

static struct spec_device fifo(const char *path, uint32_t mode)
{
	return (struct spec_device){.type = SPEC_DEVICE_FIFO,
	                            .path = (char *)path,
	                            .file_mode = NUM(mode),
	                            .uid = NUM(getuid()),
	                            .gid = NUM(getgid())};
}

/* The message for these entries (NULL when they were made). */
static char *create(struct spec_device *items, size_t n, bool in_user_ns)
{
	_cleanup_close_ int rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	CHECK(rootfd >= 0);
	struct spec_devices devices = {.items = items, .len = n};
	struct arca_error *err = NULL;
	int r = devices_create_configured(rootfd, &devices, in_user_ns, &err);
	CHECK((r < 0) == (err != NULL));
	char *msg = r < 0 && err ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

#define CHECK_CREATED(items, n, userns)                                                            \
	do {                                                                                       \
		char *msg_ = create(items, n, userns);                                             \
		CHECK_STREQ(msg_ ? msg_ : "(created)", "(created)");                               \
		free(msg_);                                                                        \
	} while (0)

#define CHECK_REFUSED(items, n, expected)                                                          \
	do {                                                                                       \
		char *msg_ = create(items, n, false);                                              \
		CHECK_STREQ(msg_, expected);                                                       \
		free(msg_);                                                                        \
	} while (0)

static bool stat_in_root(const char *path, struct stat *st)
{
	char full[256];
	snprintf(full, sizeof(full), "%s%s", root, path);
	return lstat(full, st) == 0;
}

static void check_absent(const char *path)
{
	struct stat st;
	CHECK(!stat_in_root(path, &st));
}

/* DEV-03, DEV-04, DEV-05, DEV-07: entries are checked before anything is
 * made, and each message names its entry. */
static void test_dev04_entries_checked(void)
{
	struct spec_device d[2];
	d[0] = node(SPEC_DEVICE_CHAR, "dev/x", 1, 3);
	CHECK_REFUSED(d, 1, "linux.devices[0].path: must be an absolute path, got \"dev/x\"");
	d[0] = node(SPEC_DEVICE_CHAR, "/..", 1, 3);
	CHECK_REFUSED(d, 1, "linux.devices[0].path: must not be \"/\"");
	d[0] = (struct spec_device){
	    .type = SPEC_DEVICE_CHAR, .path = (char *)"/dev/x", .minor = NUM(3)};
	CHECK_REFUSED(d, 1, "linux.devices[0].major: required for type c");
	d[0] = (struct spec_device){
	    .type = SPEC_DEVICE_BLOCK, .path = (char *)"/dev/x", .major = NUM(7)};
	CHECK_REFUSED(d, 1, "linux.devices[0].minor: required for type b");
	d[0] = (struct spec_device){.type = SPEC_DEVICE_UNBUFFERED, .path = (char *)"/dev/x"};
	CHECK_REFUSED(d, 1, "linux.devices[0].major: required for type u");
	d[0] = node(SPEC_DEVICE_CHAR, "/dev/x", 4096, 0);
	CHECK_REFUSED(d, 1, "linux.devices[0].major: 4096 is out of range (0 to 4095)");
	d[0] = node(SPEC_DEVICE_CHAR, "/dev/x", 1, -1);
	CHECK_REFUSED(d, 1, "linux.devices[0].minor: -1 is out of range (0 to 1048575)");
	d[0] = fifo("/dev/x", 0200000);
	CHECK_REFUSED(d, 1,
	              "linux.devices[0].fileMode: 65536 is not a file mode (at most 07777 and the "
	              "file type bits)");
	d[0] = fifo("/dev/a", 0600);
	d[1] = fifo("/dev/../dev/a/", 0600);
	CHECK_REFUSED(d, 2, "linux.devices[1].path: /dev/a is also linux.devices[0]");
	check_absent("/dev/a");
	check_absent("/dev");
}

/* DEV-01, DEV-02, DEV-05: a FIFO anywhere, parents made, the exact mode
 * whatever the umask; made again it is left alone. */
static void test_dev05_fifo_mode(void)
{
	mode_t old = umask(077);
	struct spec_device d[] = {fifo("/a/b/fifo", 0664), fifo("/dev/fifo", 0)};
	d[1].file_mode.set = false;
	CHECK_CREATED(d, 2, false);
	struct stat st;
	CHECK(stat_in_root("/a/b/fifo", &st) && S_ISFIFO(st.st_mode));
	CHECK((st.st_mode & 07777) == 0664);
	CHECK(stat_in_root("/dev/fifo", &st) && (st.st_mode & 07777) == 0666);
	CHECK_CREATED(d, 2, true);
	umask(old);
}

/* DEV-03: something else at the path is an error naming the entry. */
static void test_dev03_existing_path(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/dev/file", root);
	_cleanup_close_ int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	CHECK(fd >= 0);
	struct spec_device d[] = {fifo("/dev/fifo", 0666), fifo("/dev/file", 0666)};
	CHECK_REFUSED(d, 2, "linux.devices[1]: /dev/file exists and is not a FIFO");
	d[0] = node(SPEC_DEVICE_CHAR, "/dev/fifo", 1, 3);
	CHECK_REFUSED(d, 1, "linux.devices[0]: /dev/fifo exists and is not c 1:3");
}

static void check_node(const char *path, mode_t type, unsigned int major, unsigned int minor,
                       mode_t mode, uid_t uid, gid_t gid)
{
	struct stat st;
	CHECK(stat_in_root(path, &st));
	CHECK((st.st_mode & S_IFMT) == type);
	CHECK(st.st_rdev == makedev(major, minor));
	CHECK((st.st_mode & 07777) == mode);
	CHECK(st.st_uid == uid && st.st_gid == gid);
}

/* DEV-01..06 (root): c, b and u nodes with numbers, mode and owner; the
 * setgid bit survives the chown; an existing equal node is fine; /dev/ptmx
 * is left to the devpts symlink. */
static void test_dev06_nodes(void)
{
	if (geteuid() != 0) {
		printf("SKIP: test_dev06_nodes needs root\n");
		return;
	}
	struct spec_device d[] = {
	    node(SPEC_DEVICE_CHAR, "/dev/mynull", 1, 3),
	    node(SPEC_DEVICE_BLOCK, "/dev/loopx", 7, 200),
	    node(SPEC_DEVICE_UNBUFFERED, "/opt/devs/zero", 1, 5),
	    node(SPEC_DEVICE_CHAR, "/dev/ptmx", 5, 2),
	};
	d[0].file_mode = (struct arca_opt_u32)NUM(0600);
	d[0].uid = (struct arca_opt_u32)NUM(1000);
	d[0].gid = (struct arca_opt_u32)NUM(1001);
	d[1].file_mode = (struct arca_opt_u32)NUM(02660);
	d[1].gid = (struct arca_opt_u32)NUM(6);
	CHECK_CREATED(d, 4, false);
	check_node("/dev/mynull", S_IFCHR, 1, 3, 0600, 1000, 1001);
	check_node("/dev/loopx", S_IFBLK, 7, 200, 02660, 0, 6);
	check_node("/opt/devs/zero", S_IFCHR, 1, 5, 0666, 0, 0);
	check_absent("/dev/ptmx");
	CHECK_CREATED(d, 4, false);
	d[0] = node(SPEC_DEVICE_CHAR, "/dev/mynull", 1, 5);
	CHECK_REFUSED(d, 1, "linux.devices[0]: /dev/mynull exists and is not c 1:5");
}

/* DEV-01 in a user namespace: the host's node is bound; it must be the
 * device asked for; FIFOs are still made. Run twice: the second time the
 * empty mount point the first left is bound again. */
static int binds(void)
{
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return 77;
	struct spec_device d[] = {node(SPEC_DEVICE_CHAR, "/dev/null", 1, 3),
	                          fifo("/dev/userns-fifo", 0640)};
	CHECK_CREATED(d, 2, true);
	check_node("/dev/null", S_IFCHR, 1, 3, 0666, 0, 0);
	struct stat st;
	CHECK(stat_in_root("/dev/userns-fifo", &st) && S_ISFIFO(st.st_mode));
	d[0] = node(SPEC_DEVICE_CHAR, "/dev/zero", 1, 3);
	char *msg = create(d, 1, true);
	CHECK_STREQ(msg, "linux.devices[0]: the host's /dev/zero is not c 1:3");
	free(msg);
	check_absent("/dev/zero");
	return 0;
}

static void test_dev01_userns_bind(void)
{
	if (geteuid() != 0) {
		printf("SKIP: test_dev01_userns_bind needs root\n");
		return;
	}
	for (int run = 0; run < 2; run++) {
		fflush(stdout);
		fflush(stderr);
		pid_t pid = fork();
		CHECK(pid >= 0);
		if (pid == 0) {
			int r = binds();
			_exit(r == 77 ? 77 : r || check_failures ? 1 : 0);
		}
		int status = 0;
		CHECK(waitpid(pid, &status, 0) == pid);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
			printf("SKIP: test_dev01_userns_bind: no mount namespace\n");
			return;
		}
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		struct stat st;
		CHECK(stat_in_root("/dev/null", &st) && S_ISREG(st.st_mode) && st.st_size == 0);
	}
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

int main(void)
{
	snprintf(root, sizeof(root), "/tmp/arca-test-devices.XXXXXX");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_dev04_entries_checked);
	RUN(test_dev05_fifo_mode);
	RUN(test_dev03_existing_path);
	RUN(test_dev06_nodes);
	RUN(test_dev01_userns_bind);
	nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return check_exit();
}
