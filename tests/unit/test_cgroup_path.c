/* cgroupsPath resolution (CG-01..05): pure, no /sys access. */
#include <errno.h>
#include <stdlib.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"
#include "check.h"

static void check_resolves(const char *value, const char *id, const char *expected)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *path = NULL;
	int r = cgroup_resolve_path(value, id, &path, &err);
	CHECK(r == 0);
	CHECK_STREQ(path, expected);
	if (err)
		fprintf(stderr, "  unexpected error: %s\n", err->msg);
}

static void check_refused(const char *value, const char *id, const char *message)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *path = NULL;
	int r = cgroup_resolve_path(value, id, &path, &err);
	CHECK(r == -EINVAL);
	CHECK(path == NULL);
	CHECK(err != NULL);
	if (err)
		CHECK_CONTAINS(err->msg, message);
}

/* CG-01: an absolute path is taken from the root of each hierarchy. */
static void test_cg01_absolute(void)
{
	check_resolves("/cgrouptest", "c1", "/cgrouptest");
	check_resolves("/a/b/c", "c1", "/a/b/c");
}

/* CG-02, CG-03: a relative path goes below /arca, whoever asks. */
static void test_cg02_relative(void)
{
	check_resolves("testdir/cgrouptest/container", "c1", "/arca/testdir/cgrouptest/container");
	check_resolves("x", "other", "/arca/x");
}

/* CG-05: without cgroupsPath the default is /arca/<id>. */
static void test_cg05_default(void)
{
	check_resolves(NULL, "foo", "/arca/foo");
	check_resolves("", "bar-1.2", "/arca/bar-1.2");
}

static void test_slashes_collapse(void)
{
	check_resolves("/a//b///c/", "c1", "/a/b/c");
	check_resolves("//a", "c1", "/a");
	check_resolves("a/b/", "c1", "/arca/a/b");
	check_resolves("a/./b/.", "c1", "/arca/a/b");
	check_resolves("/a/b.c/..d/...", "c1", "/a/b.c/..d/...");
}

/* CG-04: values that cannot name a cgroup are errors. */
static void test_cg04_refused(void)
{
	check_refused("/a/../b", "c1", "linux.cgroupsPath: \"/a/../b\": \"..\" is not allowed");
	check_refused("..", "c1", "\"..\" is not allowed");
	check_refused("a/..", "c1", "\"..\" is not allowed");
	check_refused("/", "c1", "linux.cgroupsPath: \"/\": names no cgroup below the root");
	check_refused("//./", "c1", "names no cgroup below the root");
	check_refused(".", "c1", "names no cgroup below /arca");
	check_refused(NULL, "..", "container id");
	check_refused(NULL, "a/b", "container id \"a/b\": contains '/'");
	check_refused(NULL, "", "container id: empty");
}

int main(void)
{
	RUN(test_cg01_absolute);
	RUN(test_cg02_relative);
	RUN(test_cg05_default);
	RUN(test_slashes_collapse);
	RUN(test_cg04_refused);
	return check_exit();
}
