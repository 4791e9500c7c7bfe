/* Finding the cgroup hierarchies in a mount table (pure, from text). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cgroups/internal.h"
#include "check.h"

/* This project's CI host: v1 controllers plus cgroup2 at unified. */
static const char hybrid[] =
    "23 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
    "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
    "60 1 0:50 / /tmp rw - tmpfs tmpfs rw\n";

/* /work/shared/v1only: a new tmpfs on /sys/fs/cgroup hides the host's
 * mounts (still listed) and gets bind mounts of the v1 hierarchies only. */
static const char v1only[] =
    "50 49 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "51 50 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "54 50 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "70 50 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
    "87 50 0:40 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw\n"
    "88 87 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "91 87 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n";

static const char v2[] = "22 1 0:21 / /sys rw - sysfs sysfs rw\n"
                         "25 22 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime "
                         "shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";

/* Combined controllers (symlinks cpu and cpuacct are not mounts), one
 * hierarchy bind-mounted twice, systemd's options, a mount below a
 * hierarchy and a mount point with a space in it. */
static const char combined[] =
    "24 22 0:20 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755\n"
    "25 24 0:21 / /sys/fs/cgroup/systemd rw shared:9 - cgroup cgroup "
    "rw,xattr,release_agent=/lib/systemd/systemd-cgroups-agent,name=systemd\n"
    "28 24 0:24 / /sys/fs/cgroup/cpu,cpuacct rw shared:13 - cgroup cgroup rw,cpu,cpuacct\n"
    "29 24 0:25 / /sys/fs/cgroup/net_cls,net_prio rw - cgroup cgroup rw,net_cls,net_prio\n"
    "30 24 0:24 / /sys/fs/cgroup/cpu-again rw - cgroup cgroup rw,cpu,cpuacct\n"
    "31 28 0:40 / /sys/fs/cgroup/cpu,cpuacct/sub rw - tmpfs tmpfs rw\n"
    "32 24 0:26 / /sys/fs/cgroup/my\\040pids rw - cgroup cgroup rw,pids,clone_children\n"
    "33 1 0:24 / /run/elsewhere/cpu rw - cgroup cgroup rw,cpu,cpuacct\n";

/* A second memory mount stacked on the first: only the top one is seen. */
static const char stacked[] =
    "31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
    "36 35 0:33 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,name=hidden-by-nothing\n";

static void test_hybrid(void)
{
	struct cgroup_mounts m;
	CHECK(cgroup_parse_mountinfo(hybrid, &m, NULL) == 0);
	CHECK(m.layout == CGROUP_LAYOUT_HYBRID);
	CHECK(m.len == 6);
	if (m.len == 6) {
		CHECK_STREQ(m.items[0].mount, "/sys/fs/cgroup/cpu");
		CHECK_STREQ(m.items[0].controllers, "cpu");
		CHECK(!m.items[0].unified);
		CHECK_STREQ(m.items[4].controllers, "name=systemd");
		CHECK_STREQ(m.items[5].mount, "/sys/fs/cgroup/unified");
		CHECK_STREQ(m.items[5].controllers, "");
		CHECK(m.items[5].unified);
	}
	cgroup_mounts_clear(&m);
}

static void test_v1only_hides_covered_mounts(void)
{
	struct cgroup_mounts m;
	CHECK(cgroup_parse_mountinfo(v1only, &m, NULL) == 0);
	CHECK(m.layout == CGROUP_LAYOUT_V1);
	CHECK(m.len == 2);
	if (m.len == 2) {
		CHECK_STREQ(m.items[0].mount, "/sys/fs/cgroup/cpu");
		CHECK_STREQ(m.items[1].mount, "/sys/fs/cgroup/memory");
	}
	cgroup_mounts_clear(&m);
}

static void test_v2(void)
{
	struct cgroup_mounts m;
	CHECK(cgroup_parse_mountinfo(v2, &m, NULL) == 0);
	CHECK(m.layout == CGROUP_LAYOUT_V2);
	CHECK(m.len == 1);
	if (m.len == 1) {
		CHECK_STREQ(m.items[0].mount, "/sys/fs/cgroup");
		CHECK(m.items[0].unified);
	}
	cgroup_mounts_clear(&m);
}

static void test_combined_each_hierarchy_once(void)
{
	struct cgroup_mounts m;
	CHECK(cgroup_parse_mountinfo(combined, &m, NULL) == 0);
	CHECK(m.layout == CGROUP_LAYOUT_V1);
	CHECK(m.len == 4);
	if (m.len == 4) {
		CHECK_STREQ(m.items[0].controllers, "name=systemd");
		CHECK_STREQ(m.items[1].mount, "/sys/fs/cgroup/cpu,cpuacct");
		CHECK_STREQ(m.items[1].controllers, "cpu,cpuacct");
		CHECK(cgroup_list_has(m.items[1].controllers, "cpuacct"));
		CHECK(!cgroup_list_has(m.items[1].controllers, "cpuac"));
		CHECK_STREQ(m.items[2].controllers, "net_cls,net_prio");
		CHECK_STREQ(m.items[3].mount, "/sys/fs/cgroup/my pids");
		CHECK_STREQ(m.items[3].controllers, "pids");
	}
	cgroup_mounts_clear(&m);
}

static void test_stacked_top_wins(void)
{
	struct cgroup_mounts m;
	CHECK(cgroup_parse_mountinfo(stacked, &m, NULL) == 0);
	CHECK(m.len == 1);
	if (m.len == 1)
		CHECK_STREQ(m.items[0].controllers, "name=hidden-by-nothing");
	cgroup_mounts_clear(&m);
}

static void test_nothing_mounted(void)
{
	struct cgroup_mounts m;
	struct arca_error *err = NULL;
	CHECK(cgroup_parse_mountinfo("1 0 0:1 / / rw - ext4 /dev/sda rw\n", &m, &err) == -ENOENT);
	CHECK(m.len == 0 && m.items == NULL);
	if (err)
		CHECK_CONTAINS(err->msg, "no cgroup hierarchy is mounted at /sys/fs/cgroup");
	arca_error_free(err);
}

static void test_malformed_lines_skipped(void)
{
	struct cgroup_mounts m;
	const char text[] = "garbage /sys/fs/cgroup\n"
	                    "31 23 0:28 / /sys/fs/cgroup/cpu rw no-separator cgroup rw,cpu\n"
	                    "32 23 0:29 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids";
	CHECK(cgroup_parse_mountinfo(text, &m, NULL) == 0);
	CHECK(m.len == 1);
	if (m.len == 1)
		CHECK_STREQ(m.items[0].controllers, "pids");
	cgroup_mounts_clear(&m);
}

int main(void)
{
	RUN(test_hybrid);
	RUN(test_v1only_hides_covered_mounts);
	RUN(test_v2);
	RUN(test_combined_each_hierarchy_once);
	RUN(test_stacked_top_wins);
	RUN(test_nothing_mounted);
	RUN(test_malformed_lines_skipped);
	return check_exit();
}
