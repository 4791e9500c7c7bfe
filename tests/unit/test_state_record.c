/* state.json: the round trip of every field, the atomic write, and clear
 * errors for a corrupt file (LIFE-13: state persists between commands). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "check.h"
#include "state/store.h"

static char base[] = "/tmp/arca-test-record-XXXXXX";
static int root_fd = -1;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static struct state_dir *make_dir(const char *id)
{
	_cleanup_error_ struct arca_error *err = NULL;
	struct state_dir *dir = NULL;

	CHECK(state_dir_create(base, root_fd, id, &dir, &err) == 0);
	if (!dir)
		abort();
	return dir;
}

static void write_file(const struct state_dir *dir, const char *name, const char *text)
{
	int fd = openat(dir->fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	CHECK(fd >= 0);
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

static int count_entries(int dir_fd)
{
	DIR *dir = fdopendir(openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	struct dirent *entry;
	int count = 0;

	while (dir && (entry = readdir(dir)))
		count += strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
	if (dir)
		closedir(dir);
	return count;
}

static struct arca_kv annotations[] = {
    {.key = "org.example/zeta", .value = "last <&> \"quoted\""},
    {.key = "alpha", .value = "caf\xc3\xa9"},
};

static struct container_record sample = {
    .id = "rec",
    .bundle = "/var/lib/bundles/rec",
    .rootfs = "/var/lib/bundles/rec/rootfs",
    .created = "2025-01-02T03:04:05.123456789Z",
    .owner_uid = 1000,
    .creating = true,
    .init_pid = 4242,
    .init_start_time = 18446744073709551615ULL, /* the full u64 range survives */
    .annotations = {.items = annotations, .len = 2},
    .cgroup = "{ \"path\": \"/sys/fs/cgroup/arca/rec\", \"version\": 2 }",
};

static void test_round_trip_every_field(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_state_dir_ struct state_dir *dir = make_dir("rec");
	_cleanup_record_ struct container_record *rec = NULL;

	CHECK(state_record_write(dir, &sample, &err) == 0);
	CHECK(state_record_read(dir, &rec, &err) == 0);
	CHECK(err == NULL);
	if (!rec)
		return;
	CHECK_STREQ(rec->id, sample.id);
	CHECK_STREQ(rec->bundle, sample.bundle);
	CHECK_STREQ(rec->rootfs, sample.rootfs);
	CHECK_STREQ(rec->created, sample.created);
	CHECK(rec->owner_uid == 1000);
	CHECK(rec->creating);
	CHECK(rec->init_pid == 4242);
	CHECK(rec->init_start_time == sample.init_start_time);
	CHECK(rec->annotations.len == 2);
	if (rec->annotations.len == 2) { /* the document's order is kept */
		CHECK_STREQ(rec->annotations.items[0].key, "org.example/zeta");
		CHECK_STREQ(rec->annotations.items[0].value, "last <&> \"quoted\"");
		CHECK_STREQ(rec->annotations.items[1].key, "alpha");
		CHECK_STREQ(rec->annotations.items[1].value, "caf\xc3\xa9");
	}
	CHECK_STREQ(rec->cgroup, "{\"path\":\"/sys/fs/cgroup/arca/rec\",\"version\":2}");
}

/* The cgroup record is stored as a JSON object, not as a string. */
static void test_cgroup_stored_as_object(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_state_dir_ struct state_dir *dir = make_dir("nested");
	char text[4096] = {0};

	CHECK(state_record_write(dir, &sample, &err) == 0);
	int fd = openat(dir->fd, STATE_FILE, O_RDONLY | O_CLOEXEC);
	CHECK(read(fd, text, sizeof(text) - 1) > 0);
	close(fd);
	CHECK_CONTAINS(text, "\"cgroup\": {");
	CHECK_CONTAINS(text, "\"version\": 1,");
	CHECK_CONTAINS(text, "\"bundle\": \"/var/lib/bundles/rec\""); /* '/' not escaped */
}

static void test_minimal_record_and_rewrite(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_state_dir_ struct state_dir *dir = make_dir("minimal");
	_cleanup_record_ struct container_record *rec = NULL;
	struct container_record minimal = {
	    .id = "minimal", .bundle = "/b", .rootfs = "/b/rootfs", .created = "t"};

	CHECK(state_record_write(dir, &sample, &err) == 0);
	CHECK(state_record_write(dir, &minimal, &err) == 0); /* replaces the old one */
	CHECK(state_record_read(dir, &rec, &err) == 0);
	if (!rec)
		return;
	CHECK_STREQ(rec->id, "minimal");
	CHECK(!rec->creating);
	CHECK(rec->init_pid == 0);
	CHECK(rec->owner_uid == 0);
	CHECK(rec->annotations.len == 0 && rec->annotations.items == NULL);
	CHECK(rec->cgroup == NULL);
}

/* Temp file + rename: only state.json is left, readable by the owner only. */
static void test_atomic_write_leaves_no_temp_file(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_state_dir_ struct state_dir *dir = make_dir("atomic");
	struct stat st;

	for (int i = 0; i < 3; i++)
		CHECK(state_record_write(dir, &sample, &err) == 0);
	CHECK(count_entries(dir->fd) == 1);
	CHECK(fstatat(dir->fd, STATE_FILE, &st, 0) == 0);
	CHECK((st.st_mode & 0777) == 0600);
}

static void test_write_rejects_bad_input(void)
{
	_cleanup_error_ struct arca_error *err = NULL, *missing_err = NULL;
	_cleanup_state_dir_ struct state_dir *dir = make_dir("badinput");
	struct container_record bad_cgroup = sample;
	struct container_record no_bundle = sample;

	bad_cgroup.cgroup = "[1, 2]";
	CHECK(state_record_write(dir, &bad_cgroup, &err) == -EINVAL);
	CHECK_CONTAINS(err ? err->msg : NULL, "cgroup: expected a JSON object");
	no_bundle.bundle = NULL;
	CHECK(state_record_write(dir, &no_bundle, &missing_err) == -EINVAL);
	CHECK_CONTAINS(missing_err ? missing_err->msg : NULL, "bundle is missing");
	CHECK(count_entries(dir->fd) == 0);
}

static void test_read_before_write_is_enoent(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_state_dir_ struct state_dir *dir = make_dir("early");
	struct container_record *rec = NULL;

	CHECK(state_record_read(dir, &rec, &err) == -ENOENT);
	CHECK(rec == NULL);
	CHECK_CONTAINS(err ? err->msg : NULL, "early/state.json");
}

/* Each corrupt file fails with a message naming the file and the problem. */
static void check_corrupt(const char *text, const char *message)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_state_dir_ struct state_dir *dir = make_dir("corrupt");
	_cleanup_free_ char *expected = NULL;
	struct container_record *rec = NULL;

	write_file(dir, STATE_FILE, text);
	CHECK(state_record_read(dir, &rec, &err) == -EINVAL);
	CHECK(rec == NULL);
	CHECK(asprintf(&expected, "%s/state.json: %s", dir->path, message) > 0);
	CHECK_STREQ(err ? err->msg : NULL, expected);
	_cleanup_error_ struct arca_error *remove_err = NULL;
	CHECK(state_dir_remove(root_fd, TAKE_PTR(dir), &remove_err) == 0);
}

#define VALID_HEAD "{\"version\": 1, \"id\": \"c\", \"bundle\": \"/b\", \"rootfs\": \"/r\", "
#define VALID_TAIL "\"owner\": 0, \"creating\": false, \"initPid\": 1, \"initStartTime\": 2"

static void test_corrupt_files_are_clear_errors(void)
{
	check_corrupt("", "invalid JSON: unexpected end of file");
	check_corrupt("{\"version\": 1, \"id\": ", "invalid JSON: unexpected end of file");
	check_corrupt("{\"version\": 1,, }", "invalid JSON: quoted object property name expected");
	check_corrupt("{} {}", "invalid JSON: data after the object");
	check_corrupt("[]", "expected an object, got an array");
	check_corrupt("{}", "version: missing");
	check_corrupt("{\"version\": 2}", "version: 2 is not supported (expected 1)");
	check_corrupt("{\"version\": \"1\"}", "version: expected an integer, got a string");
	check_corrupt("{\"version\": 1, \"id\": 5}", "id: expected a string, got an integer");
	check_corrupt(VALID_HEAD "\"created\": \"t\"}", "owner: missing");
	check_corrupt(VALID_HEAD "\"created\": null, " VALID_TAIL "}",
	              "created: expected a string, got null");
	check_corrupt(VALID_HEAD "\"created\": \"t\", \"owner\": -1}", "owner: -1 is out of range");
	check_corrupt(VALID_HEAD "\"created\": \"t\", \"owner\": 0, \"creating\": 1}",
	              "creating: expected a boolean, got an integer");
	check_corrupt(VALID_HEAD "\"created\": \"t\", \"owner\": 0, \"creating\": false, "
	                         "\"initPid\": 4294967296}",
	              "initPid: 4294967296 is out of range");
	check_corrupt(VALID_HEAD "\"created\": \"t\", " VALID_TAIL ", \"annotations\": {\"k\": 1}}",
	              "annotations.k: expected a string, got an integer");
	check_corrupt(VALID_HEAD "\"created\": \"t\", " VALID_TAIL ", \"cgroup\": \"text\"}",
	              "cgroup: expected an object, got a string");
}

int main(void)
{
	_cleanup_error_ struct arca_error *err = NULL;

	alarm(60);
	if (!mkdtemp(base) || state_root_open(base, &root_fd, &err) < 0) {
		perror("set up the state root");
		return 1;
	}
	RUN(test_round_trip_every_field);
	RUN(test_cgroup_stored_as_object);
	RUN(test_minimal_record_and_rewrite);
	RUN(test_atomic_write_leaves_no_temp_file);
	RUN(test_write_rejects_bad_input);
	RUN(test_read_before_write_is_enoent);
	RUN(test_corrupt_files_are_clear_errors);
	close(root_fd);
	nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return check_exit();
}
