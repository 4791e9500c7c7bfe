/* The cgroup record kept in state.json: round trip and refusal of records
 * that would make delete touch anything but cgroup directories (OP-19,
 * OP-20). Pure: the directories named do not exist. */
#include <errno.h>
#include <stdlib.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"
#include "check.h"

#define HIER_V1 "{\"mount\":\"/sys/fs/cgroup/pids\",\"controllers\":\"pids\",\"unified\":false}"
#define HIER_V2 "{\"mount\":\"/sys/fs/cgroup/unified-none\",\"controllers\":\"\",\"unified\":true}"

static const char valid[] =
    "{\"path\":\"/arca/rec\",\"layout\":\"hybrid\",\"hierarchies\":[" HIER_V1 "," HIER_V2 "],"
    "\"created\":[\"/sys/fs/cgroup/pids/arca/rec\",\"/sys/fs/cgroup/unified-none/arca/rec\"]}";

static void test_round_trip(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_cgroup_ struct cgroup *cg = NULL;
	_cleanup_free_ char *json = NULL;
	CHECK(cgroup_from_json(valid, &cg, &err) == 0);
	if (!cg)
		return;
	CHECK_STREQ(cgroup_path(cg), "/arca/rec");
	CHECK(cg->layout == CGROUP_LAYOUT_HYBRID);
	CHECK(cg->n_hierarchies == 2 && cg->n_created == 2);
	CHECK_STREQ(cg->hierarchies[0].dir, "/sys/fs/cgroup/pids/arca/rec");
	CHECK(cg->hierarchies[1].unified);
	CHECK(cgroup_clone_fd(cg) == -1);
	CHECK(cgroup_to_json(cg, &json, &err) == 0);
	CHECK_STREQ(json, valid);
}

/* Directories that are already gone are fine for destroy. */
static void test_destroy_gone_is_fine(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_cgroup_ struct cgroup *cg = NULL;
	CHECK(cgroup_from_json(valid, &cg, &err) == 0);
	if (cg)
		CHECK(cgroup_destroy(cg, &err) == 0);
}

static void check_refused(const char *json, const char *message)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_cgroup_ struct cgroup *cg = NULL;
	CHECK(cgroup_from_json(json, &cg, &err) == -EINVAL);
	CHECK(cg == NULL);
	CHECK(err != NULL);
	if (err)
		CHECK_CONTAINS(err->msg, message);
}

static void test_refused(void)
{
	check_refused("{", "cgroup record: ");
	check_refused("[]", "cgroup record: expected an object");
	check_refused("{\"layout\":\"v1\"}", "cgroup record: path: missing");
	check_refused("{\"path\":1}", "cgroup record: path: expected string, got int");
	check_refused("{\"path\":\"a/b\"}", "path: \"a/b\" is not a clean absolute path");
	check_refused("{\"path\":\"/a/..\"}", "path: \"/a/..\" is not a clean absolute path");
	check_refused("{\"path\":\"/a\",\"layout\":\"v3\"}", "layout: unknown value \"v3\"");
	check_refused("{\"path\":\"/a\",\"layout\":\"v1\",\"hierarchies\":{}}",
	              "hierarchies: expected array, got object");
	check_refused("{\"path\":\"/a\",\"layout\":\"v1\",\"hierarchies\":[{\"mount\":\"/x\"}]}",
	              "hierarchies[].unified: missing");
	check_refused("{\"path\":\"/a\",\"layout\":\"v1\",\"hierarchies\":[{\"mount\":\"/etc\","
	              "\"controllers\":\"\",\"unified\":false}],\"created\":[]}",
	              "hierarchies[].mount: \"/etc\" is not below /sys/fs/cgroup");
	check_refused("{\"path\":\"/a\",\"layout\":\"v1\",\"hierarchies\":[" HIER_V1 "]}",
	              "created: missing");
	check_refused("{\"path\":\"/a\",\"layout\":\"v1\",\"hierarchies\":[" HIER_V1 "],"
	              "\"created\":[\"/sys/fs/cgroup/pids/../../../etc\"]}",
	              "created: \"/sys/fs/cgroup/pids/../../../etc\" is not a directory in a "
	              "hierarchy");
	check_refused("{\"path\":\"/a\",\"layout\":\"v1\",\"hierarchies\":[" HIER_V1 "],"
	              "\"created\":[\"/sys/fs/cgroup/pids\"]}",
	              "is not a directory in a hierarchy");
	check_refused("{\"path\":\"/a\",\"layout\":\"v1\",\"hierarchies\":[" HIER_V1 "],"
	              "\"created\":[\"/sys/fs/cgroup/memory/a\"]}",
	              "is not a directory in a hierarchy");
	check_refused("{\"path\":\"/a\",\"layout\":\"v1\",\"hierarchies\":[" HIER_V1 "],"
	              "\"created\":[7]}",
	              "created: \"7\" is not a directory");
}

int main(void)
{
	RUN(test_round_trip);
	RUN(test_destroy_gone_is_fine);
	RUN(test_refused);
	return check_exit();
}
