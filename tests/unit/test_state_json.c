/* The JSON `arca state` and `arca list --format json` print (STATE-01,
 * STATE-07, STATE-08). The expected files under data/state are runc's own
 * output for the same containers, with only ociVersion changed and the
 * newline that ends runc's list output dropped (src/ prints it). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "check.h"
#include "state/store.h"

static char *read_data(const char *name)
{
	char path[256], *text = calloc(1, 8192);
	snprintf(path, sizeof(path), "data/state/%s", name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !text || read(fd, text, 8191) < 0) {
		fprintf(stderr, "read %s: %s\n", path, strerror(errno));
		abort();
	}
	close(fd);
	return text;
}

static struct arca_kv runc_annotations[] = {
    {.key = "zeta", .value = "1"},
    {.key = "alpha", .value = "a<b>&c/d \"q\""},
    {.key = "mid", .value = "\xc3\xa9\xe2\x80\xa8\t"},
};

static struct arca_state stopped = {
    .oci_version = ARCA_OCI_VERSION,
    .id = "statetest1",
    .status = ARCA_STATUS_STOPPED,
    .pid = 0,
    .bundle = "/tmp/statebundle",
    .rootfs = "/tmp/statebundle/rootfs",
    .created = "2026-12-01T19:20:50.715655541Z",
    .owner_uid = 0,
};

static struct arca_state created = {
    .oci_version = ARCA_OCI_VERSION,
    .id = "statetest2",
    .status = ARCA_STATUS_CREATED,
    .pid = 4458,
    .bundle = "/tmp/statebundle",
    .rootfs = "/tmp/statebundle/rootfs",
    .created = "2026-12-01T19:21:10.270354538Z",
    .owner_uid = 0,
    .annotations = {.items = runc_annotations, .len = 3},
};

static void check_state_json(const struct arca_state *state, const char *expected_file)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *json = NULL, *expected = read_data(expected_file);

	CHECK(arca_state_to_json(state, &json, &err) == 0);
	CHECK_STREQ(json, expected);
}

/* No annotations: the key is omitted; stopped: pid 0. */
static void test_state01_stopped_without_annotations(void)
{
	check_state_json(&stopped, "stopped.json");
}

/* STATE-07: annotations sorted by key and escaped as runc escapes them. */
static void test_state07_annotations_present(void)
{
	check_state_json(&created, "created-annotations.json");
}

static void test_list_json_matches_runc(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *json = NULL, *expected = read_data("list.json");
	struct arca_state *items[] = {&stopped, &created};
	struct arca_state_list list = {.items = items, .len = 2};

	CHECK(arca_state_list_to_json(&list, &json, &err) == 0);
	CHECK_STREQ(json, expected);
}

static void test_list_json_empty_is_null(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *json = NULL, *expected = read_data("list-empty.json");
	struct arca_state_list list = {0};

	CHECK(arca_state_list_to_json(&list, &json, &err) == 0);
	CHECK_STREQ(json, expected);
}

/* An owner /etc/passwd does not know is printed as runc prints it. */
static void test_list_owner_without_name(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *json = NULL;
	struct arca_state nameless = stopped;
	struct arca_state *items[] = {&nameless};
	struct arca_state_list list = {.items = items, .len = 1};

	nameless.owner_uid = 3999999;
	CHECK(arca_state_list_to_json(&list, &json, &err) == 0);
	CHECK_CONTAINS(json, "\"owner\":\"#3999999\"}]");
}

/* Go's encoding/json: control bytes as \u00XX, DEL and valid UTF-8 as they
 * are, each byte of an invalid sequence as U+FFFD, U+2028/9 escaped. */
static void test_strings_escaped_like_go(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *json = NULL;
	struct arca_kv odd[] = {
	    {.key = "ctl", .value = "\x01\b\f\x1f\x7f"},
	    {.key = "invalid", .value = "\xed\xa0\x80|\xc0\x80|\xe2\x82"},
	    {.key = "k<&>", .value = "\xe2\x80\xa9\xf0\x9f\x98\x80\\"},
	};
	struct arca_state state = stopped;

	state.annotations = (struct arca_map){.items = odd, .len = 3};
	CHECK(arca_state_to_json(&state, &json, &err) == 0);
	CHECK_CONTAINS(json, "  \"annotations\": {\n"
	                     "    \"ctl\": \"\\u0001\\u0008\\u000c\\u001f\x7f\",\n"
	                     "    \"invalid\": \"\\ufffd\\ufffd\\ufffd|\\ufffd\\ufffd|"
	                     "\\ufffd\\ufffd\",\n"
	                     "    \"k\\u003c\\u0026\\u003e\": \"\\u2029\xf0\x9f\x98\x80\\\\\"\n"
	                     "  },\n");
}

/* The public view of a record carries the spec's version and the derived
 * status and pid, not the recorded ones. */
static void test_state_public_from_record(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_state_ struct arca_state *state = NULL;
	struct container_record rec = {
	    .id = "pub",
	    .bundle = "/b",
	    .rootfs = "/b/rootfs",
	    .created = "2025-01-02T03:04:05.123456789Z",
	    .owner_uid = 1000,
	    .init_pid = 77,
	    .annotations = {.items = runc_annotations, .len = 3},
	};

	CHECK(state_public(&rec, ARCA_STATUS_STOPPED, 0, &state, &err) == 0);
	if (!state)
		return;
	CHECK_STREQ(state->oci_version, ARCA_OCI_VERSION);
	CHECK_STREQ(state->id, "pub");
	CHECK(state->status == ARCA_STATUS_STOPPED);
	CHECK(state->pid == 0);
	CHECK_STREQ(state->bundle, "/b");
	CHECK_STREQ(state->rootfs, "/b/rootfs");
	CHECK_STREQ(state->created, rec.created);
	CHECK(state->owner_uid == 1000);
	CHECK(state->annotations.len == 3);
	CHECK(state->annotations.items != runc_annotations);
	CHECK_STREQ(state->annotations.items[2].value, runc_annotations[2].value);
}

static void test_status_names(void)
{
	CHECK_STREQ(arca_status_name(ARCA_STATUS_CREATING), "creating");
	CHECK_STREQ(arca_status_name(ARCA_STATUS_CREATED), "created");
	CHECK_STREQ(arca_status_name(ARCA_STATUS_RUNNING), "running");
	CHECK_STREQ(arca_status_name(ARCA_STATUS_PAUSED), "paused");
	CHECK_STREQ(arca_status_name(ARCA_STATUS_STOPPED), "stopped");
}

/* "2025-01-02T03:04:05.123456789Z": UTC, nine fraction digits. */
static void test_rfc3339_now(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *now = NULL;

	CHECK(rfc3339_now(&now, &err) == 0);
	CHECK(now && strlen(now) == strlen("2025-01-02T03:04:05.123456789Z"));
	if (!now || strlen(now) != 30)
		return;
	for (size_t i = 0; i < 30; i++) {
		char c = now[i];
		switch (i) {
		case 4:
		case 7:
			CHECK(c == '-');
			break;
		case 10:
			CHECK(c == 'T');
			break;
		case 13:
		case 16:
			CHECK(c == ':');
			break;
		case 19:
			CHECK(c == '.');
			break;
		case 29:
			CHECK(c == 'Z');
			break;
		default:
			CHECK(c >= '0' && c <= '9');
		}
	}
}

int main(void)
{
	RUN(test_state01_stopped_without_annotations);
	RUN(test_state07_annotations_present);
	RUN(test_list_json_matches_runc);
	RUN(test_list_json_empty_is_null);
	RUN(test_list_owner_without_name);
	RUN(test_strings_escaped_like_go);
	RUN(test_state_public_from_record);
	RUN(test_status_names);
	RUN(test_rfc3339_now);
	return check_exit();
}
