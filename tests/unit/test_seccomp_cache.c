/* The seccomp cache (linux/seccomp_cache.c): a hit gives the bytes a build
 * gives, and the build's warnings; an entry that does not verify (tampered,
 * truncated, a symlink, open to others) is rebuilt, never loaded; the
 * directory is 0700 and the entries 0600, owned by the caller. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "check.h"
#include "linux/seccomp_cache.h"
#include "linux/seccomp_filter.h"
#include "spec/spec_json.h"

#define CONFIG                                                                                     \
	"{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"rootfs\"}, \"linux\": {\"seccomp\": "  \
	"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86_64\", "       \
	"\"SCMP_ARCH_X86\"], \"syscalls\": [{\"names\": [\"read\", \"write\", \"exit_group\", "    \
	"\"arca_no_such_syscall\"], \"action\": \"SCMP_ACT_ALLOW\"}, {\"names\": "                 \
	"[\"personality\"], "                                                                      \
	"\"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 8, \"op\": "         \
	"\"SCMP_CMP_EQ\"}]}]}}}"

static char warnings[8192];
static char root[] = "/tmp/arca-test-seccomp-cache.XXXXXX";
static char cache[sizeof(root) + sizeof(SECCOMP_CACHE_DIR) + 1];

static void keep_warning(enum arca_log_level level, const char *msg)
{
	size_t len = strlen(warnings);
	if (level == ARCA_LOG_WARN)
		snprintf(warnings + len, sizeof(warnings) - len, "%s\n", msg);
}

static struct spec *profile(const char *text)
{
	struct spec *spec = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	CHECK(spec_parse(text, strlen(text), "config.json", &spec, &err) == 0);
	return spec;
}

/* The program for CONFIG (through the cache unless cache_root is NULL). */
static struct seccomp_program *build(const char *cache_root)
{
	_cleanup_spec_ struct spec *spec = profile(CONFIG);
	struct seccomp_program *p = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	warnings[0] = '\0';
	if (spec)
		CHECK(seccomp_program_build_cached(spec->linux_->seccomp, cache_root, &p, &err) ==
		      0);
	return p;
}

static bool same(const struct seccomp_program *a, const struct seccomp_program *b)
{
	return a && b && a->len == b->len && a->flags == b->flags && a->notify == b->notify &&
	       memcmp(a->insns, b->insns, a->len * sizeof(a->insns[0])) == 0;
}

/* The path of the one entry in the cache ("" when there is none). */
static void entry_path(char *out, size_t size)
{
	out[0] = '\0';
	DIR *d = opendir(cache);
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			snprintf(out, size, "%s/%s", cache, e->d_name);
	if (d)
		closedir(d);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 ? st.st_mode : 0;
}

/* What a build with a cache gives when the entry was damaged by damage. */
static void check_rebuilt(const struct seccomp_program *ref, void (*damage)(const char *))
{
	char path[512];
	entry_path(path, sizeof(path));
	damage(path);
	_cleanup_seccomp_program_ struct seccomp_program *p = build(root);
	CHECK(same(p, ref));
	CHECK_CONTAINS(warnings, "\"arca_no_such_syscall\"");
	CHECK((mode_of(path) & 07777) == 0600 && S_ISREG(mode_of(path)));
	_cleanup_seccomp_program_ struct seccomp_program *again = build(root);
	CHECK(same(again, ref));
}

static void flip_insn(const char *path)
{
	int fd = open(path, O_RDWR);
	uint8_t byte = 0;
	off_t at = (off_t)sizeof(uint64_t) * 7 + 8; /* inside the instructions */
	CHECK(fd >= 0 && pread(fd, &byte, 1, at) == 1);
	byte ^= 0x01;
	CHECK(pwrite(fd, &byte, 1, at) == 1);
	close(fd);
}

static void truncate_entry(const char *path)
{
	struct stat st;
	CHECK(stat(path, &st) == 0 && truncate(path, st.st_size - 5) == 0);
}

static void empty_entry(const char *path)
{
	CHECK(truncate(path, 0) == 0);
}

static void open_to_others(const char *path)
{
	CHECK(chmod(path, 0644) == 0);
}

/* The entry moved to .other (not listed) and a symlink to it in its place:
 * O_NOFOLLOW, so it is rebuilt. */
static void symlink_entry(const char *path)
{
	char other[600];
	snprintf(other, sizeof(other), "%s/.other", cache);
	CHECK(rename(path, other) == 0 && symlink(other, path) == 0);
}

static void test_hit_is_the_build(void)
{
	_cleanup_seccomp_program_ struct seccomp_program *ref = build(NULL);
	char expected[sizeof(warnings)];
	snprintf(expected, sizeof(expected), "%s", warnings);
	CHECK_CONTAINS(expected, "skipped: \"arca_no_such_syscall\"");
	_cleanup_seccomp_program_ struct seccomp_program *miss = build(root);
	CHECK(same(miss, ref));
	CHECK_STREQ(warnings, expected);
	char path[512];
	entry_path(path, sizeof(path));
	CHECK(path[0] != '\0');
	_cleanup_seccomp_program_ struct seccomp_program *hit = build(root);
	CHECK(same(hit, ref));
	CHECK_STREQ(warnings, expected); /* the warnings come back on a hit */
}

static void test_permissions(void)
{
	struct stat st;
	CHECK(stat(cache, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0700);
	CHECK(st.st_uid == geteuid());
	char path[512];
	entry_path(path, sizeof(path));
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600 && st.st_uid == geteuid());
}

static void test_damaged_entries(void)
{
	_cleanup_seccomp_program_ struct seccomp_program *ref = build(NULL);
	check_rebuilt(ref, flip_insn);
	check_rebuilt(ref, truncate_entry);
	check_rebuilt(ref, empty_entry);
	check_rebuilt(ref, open_to_others);
	check_rebuilt(ref, symlink_entry);
}

/* A hit really is read from the entry: one with the right key and checksum
 * but other notes prints those. */
static void test_hit_reads_the_entry(void)
{
	_cleanup_spec_ struct spec *spec = profile(CONFIG);
	_cleanup_seccomp_program_ struct seccomp_program *ref = build(NULL);
	if (!spec || !ref)
		return;
	int dir_fd = seccomp_cache_open(root);
	CHECK(dir_fd >= 0);
	uint8_t key[SHA256_DIGEST_SIZE];
	/* the build id is private to seccomp_filter.c: take the key from the
	 * entry's name instead */
	char path[512];
	entry_path(path, sizeof(path));
	const char *name = strrchr(path, '/') + 1;
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
		CHECK(sscanf(name + 2 * i, "%2hhx", &key[i]) == 1);
	seccomp_cache_put(dir_fd, key, ref, "arca test marker\n");
	close(dir_fd);
	_cleanup_seccomp_program_ struct seccomp_program *hit = build(root);
	CHECK(same(hit, ref));
	CHECK_STREQ(warnings, "arca test marker\n");
}

/* A cache directory open to others is not used: nothing is written there. */
static void test_open_directory_unused(void)
{
	char path[512];
	entry_path(path, sizeof(path));
	CHECK(unlink(path) == 0 && chmod(cache, 0755) == 0);
	_cleanup_seccomp_program_ struct seccomp_program *ref = build(NULL);
	_cleanup_seccomp_program_ struct seccomp_program *p = build(root);
	CHECK(same(p, ref));
	entry_path(path, sizeof(path));
	CHECK(path[0] == '\0');
}

static void remove_root(void)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

int main(void)
{
	arca_log_set_handler(keep_warning, ARCA_LOG_WARN);
	if (!mkdtemp(root))
		return 1;
	snprintf(cache, sizeof(cache), "%s/%s", root, SECCOMP_CACHE_DIR);
	RUN(test_hit_is_the_build);
	RUN(test_permissions);
	RUN(test_damaged_entries);
	RUN(test_hit_reads_the_entry);
	RUN(test_open_directory_unused);
	remove_root();
	return check_exit();
}
