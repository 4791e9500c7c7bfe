/* The bundle loader's JSON layer: syntax, types, integers, enums, required
 * and duplicate members, unimplemented fields, limits, unknown members. The
 * documents are written with ' for " to keep them readable. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/spec.h"
#include "check.h"
#include "spec/spec_json.h"

#define BASE    "'ociVersion': '1.3.0', 'root': {'path': 'rootfs'}"
#define PROCESS "'cwd': '/', 'args': ['sh'], 'user': {'uid': 0, 'gid': 0}"

static char *json_of(const char *text)
{
	char *json = strdup(text);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	return json;
}

/* The error message of loading the document, or NULL when it loads. */
static char *error_of_len(const char *json, size_t len, unsigned flags)
{
	struct spec *spec = NULL;
	struct arca_error *err = NULL;
	int r = spec_parse_flags(json, len, "config.json", flags, &spec, &err);
	CHECK((r < 0) == (spec == NULL));
	spec_free(spec);
	char *msg = r < 0 ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

static char *error_of(const char *text, unsigned flags)
{
	_cleanup_free_ char *json = json_of(text);
	return error_of_len(json, strlen(json), flags);
}

static struct spec *load(const char *text, unsigned flags)
{
	_cleanup_free_ char *json = json_of(text);
	struct spec *spec = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	if (spec_parse_flags(json, strlen(json), "config.json", flags, &spec, &err) < 0)
		fprintf(stderr, "unexpected error: %s\n", err->msg);
	return spec;
}

#define CHECK_ERROR_FLAGS(text, flags, expected)                                                   \
	do {                                                                                       \
		char *msg_ = error_of(text, flags);                                                \
		CHECK_STREQ(msg_, expected);                                                       \
		free(msg_);                                                                        \
	} while (0)
#define CHECK_ERROR(text, expected) CHECK_ERROR_FLAGS(text, 0, expected)
#define CHECK_LOADS_FLAGS(text, flags)                                                             \
	do {                                                                                       \
		char *msg_ = error_of(text, flags);                                                \
		CHECK_STREQ(msg_ ? msg_ : "(loaded)", "(loaded)");                                 \
		free(msg_);                                                                        \
	} while (0)
#define CHECK_LOADS(text) CHECK_LOADS_FLAGS(text, 0)

/* ---- syntax (BND-07) ----------------------------------------------------- */

static void test_syntax_error_line_col(void)
{
	CHECK_ERROR("{'ociVersion': '1.0.0',\n 'root': x}",
	            "config.json:2:10: lexical error: invalid char in json text.");
	CHECK_ERROR("{'ociVersion': '1.0.0',,}",
	            "config.json:1:24: parse error: invalid object key (must be a string)");
	CHECK_ERROR("{'a' 1}", "config.json:1:6: parse error: object key and value must be "
	                       "separated by a colon (':')");
	CHECK_ERROR("{'a': tru}", "config.json:1:9: lexical error: invalid string in json text.");
	CHECK_ERROR("{'a': 01}",
	            "config.json:1:8: parse error: after key and value, inside map, I expect ',' "
	            "or '}'");
}

static void test_syntax_truncated_document(void)
{
	CHECK_ERROR("{'ociVersion': '1.0.0',\n 'root': {",
	            "config.json:2:10: parse error: premature EOF");
	CHECK_ERROR("{'ociVersion': '1.0", "config.json:1:19: parse error: premature EOF");
	CHECK_ERROR("", "config.json:1:1: parse error: premature EOF");
	CHECK_ERROR("  ", "config.json:1:2: parse error: premature EOF");
}

static void test_syntax_trailing_garbage(void)
{
	CHECK_ERROR("{" BASE "} x", "config.json:1:53: parse error: trailing garbage");
	CHECK_ERROR("{" BASE "}{}", "config.json:1:52: parse error: trailing garbage");
	CHECK_LOADS("{" BASE "}\n\n  ");
}

static void test_bnd03_invalid_utf8(void)
{
	CHECK_ERROR("{'hostname': '\xff'}",
	            "config.json:1:15: lexical error: invalid bytes in UTF8 string.");
	CHECK_ERROR("{'hostname': 'a\xc3'}",
	            "config.json:1:17: lexical error: invalid bytes in UTF8 string.");
	CHECK_LOADS("{" BASE ", 'hostname': '\xc3\xa9t\xc3\xa9', 'linux': {'namespaces': "
	            "[{'type': 'uts'}]}}");
}

static void test_comments_rejected(void)
{
	char *msg = error_of("{" BASE " /* no */}", 0);
	CHECK_CONTAINS(msg, "config.json:1:");
	free(msg);
}

/* ---- types ------------------------------------------------------------------ */

static void test_type_expected_string(void)
{
	CHECK_ERROR("{" BASE ", 'hostname': 5}",
	            "config.json: hostname: expected a string, got an integer");
	CHECK_ERROR("{" BASE ", 'hostname': 5.5}",
	            "config.json: hostname: expected a string, got a number");
	CHECK_ERROR("{" BASE ", 'hostname': true}",
	            "config.json: hostname: expected a string, got a boolean");
	CHECK_ERROR("{" BASE ", 'hostname': {}}",
	            "config.json: hostname: expected a string, got an object");
	CHECK_ERROR("{" BASE ", 'hostname': []}",
	            "config.json: hostname: expected a string, got an array");
	CHECK_ERROR("{" BASE ", 'mounts': [{'destination': '/a'}, {'destination': '/b'}, "
	            "{'destination': '/c', 'options': [1]}]}",
	            "config.json: mounts[2].options[0]: expected a string, got an integer");
	CHECK_ERROR("{" BASE ", 'mounts': [{'destination': '/a', 'options': ['ro', null]}]}",
	            "config.json: mounts[0].options[1]: expected a string, got null");
}

static void test_type_expected_integer(void)
{
	CHECK_ERROR("{" BASE ", 'linux': {'resources': {'memory': {'limit': '1'}}}}",
	            "config.json: linux.resources.memory.limit: expected an integer, got a string");
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': true, 'gid': 0}}}",
	            "config.json: process.user.uid: expected an integer, got a boolean");
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': [], 'gid': 0}}}",
	            "config.json: process.user.uid: expected an integer, got an array");
	CHECK_ERROR(
	    "{" BASE ", 'process': {'user': {'uid': 0, 'gid': 0, "
	    "'additionalGids': [1, '2']}}}",
	    "config.json: process.user.additionalGids[1]: expected an integer, got a string");
}

static void test_type_expected_boolean(void)
{
	CHECK_ERROR("{'ociVersion': '1.3.0', 'root': {'path': 'r', 'readonly': 'yes'}}",
	            "config.json: root.readonly: expected a boolean, got a string");
	CHECK_ERROR("{'ociVersion': '1.3.0', 'root': {'path': 'r', 'readonly': 1}}",
	            "config.json: root.readonly: expected a boolean, got an integer");
}

static void test_type_expected_object_or_array(void)
{
	CHECK_ERROR("[]", "config.json: expected an object, got an array");
	CHECK_ERROR("\"x\"", "config.json: expected an object, got a string");
	CHECK_ERROR("null", "config.json: expected an object, got null");
	CHECK_ERROR("7", "config.json: expected an object, got an integer");
	CHECK_ERROR("{'ociVersion': '1.3.0', 'root': []}",
	            "config.json: root: expected an object, got an array");
	CHECK_ERROR("{" BASE ", 'mounts': {}}",
	            "config.json: mounts: expected an array, got an object");
	CHECK_ERROR("{" BASE ", 'mounts': ['x']}",
	            "config.json: mounts[0]: expected an object, got a string");
	CHECK_ERROR("{" BASE ", 'annotations': []}",
	            "config.json: annotations: expected an object, got an array");
	CHECK_ERROR("{" BASE ", 'annotations': {'com.example.x': {}}}",
	            "config.json: annotations.com.example.x: expected a string, got an object");
	CHECK_ERROR("{" BASE ", 'annotations': {'a': null}}",
	            "config.json: annotations.a: expected a string, got null");
	CHECK_ERROR("{" BASE ", 'linux': {'resources': {'rdma': {'mlx': []}}}}",
	            "config.json: linux.resources.rdma.mlx: expected an object, got an array");
}

/* ---- integers ------------------------------------------------------------------- */

static void test_integer_out_of_range_each_type(void)
{
	/* uint16 */
	CHECK_ERROR("{" BASE ", 'linux': {'resources': {'blockIO': {'weight': 65536}}}}",
	            "config.json: linux.resources.blockIO.weight: expected an unsigned 16-bit "
	            "integer, got 65536");
	CHECK_ERROR("{" BASE ", 'linux': {'resources': {'blockIO': {'weight': -1}}}}",
	            "config.json: linux.resources.blockIO.weight: expected an unsigned 16-bit "
	            "integer, got -1");
	/* uint32 */
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': -1, 'gid': 0}}}",
	            "config.json: process.user.uid: expected an unsigned 32-bit integer, got -1");
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': 0, 'gid': 4294967296}}}",
	            "config.json: process.user.gid: expected an unsigned 32-bit integer, got "
	            "4294967296");
	/* int32 */
	CHECK_ERROR("{" BASE ", 'process': {'oomScoreAdj': 2147483648}}",
	            "config.json: process.oomScoreAdj: expected a 32-bit integer, got 2147483648");
	CHECK_ERROR("{" BASE ", 'process': {'oomScoreAdj': -2147483649}}",
	            "config.json: process.oomScoreAdj: expected a 32-bit integer, got -2147483649");
	/* int64 */
	CHECK_ERROR("{" BASE
	            ", 'linux': {'resources': {'memory': {'limit': 9223372036854775808}}}}",
	            "config.json: linux.resources.memory.limit: expected a 64-bit integer, got "
	            "9223372036854775808");
	CHECK_ERROR("{" BASE
	            ", 'linux': {'resources': {'memory': {'swap': -9223372036854775809}}}}",
	            "config.json: linux.resources.memory.swap: expected a 64-bit integer, got "
	            "-9223372036854775809");
	/* uint64 */
	CHECK_ERROR("{" BASE ", 'process': {'rlimits': [{'type': 'RLIMIT_CORE', "
	            "'soft': 18446744073709551616, 'hard': 0}]}}",
	            "config.json: process.rlimits[0].soft: expected an unsigned 64-bit integer, "
	            "got 18446744073709551616");
	CHECK_ERROR("{" BASE ", 'process': {'rlimits': [{'type': 'RLIMIT_CORE', 'soft': 0, "
	            "'hard': -1}]}}",
	            "config.json: process.rlimits[0].hard: expected an unsigned 64-bit integer, "
	            "got -1");
	/* a very long number is cut in the message */
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': "
	            "123456789012345678901234567890123456789012345678901234567890, 'gid': 0}}}",
	            "config.json: process.user.uid: expected an unsigned 32-bit integer, got "
	            "1234567890123456789012345678901234567890...");
}

static void test_integer_bounds_accepted(void)
{
	struct spec *spec = load("{" BASE ", 'process': {" PROCESS ", 'oomScoreAdj': -2147483648},"
	                         " 'linux': {'resources': {'memory': {'limit': "
	                         "-9223372036854775808, 'swap': 9223372036854775807, "
	                         "'swappiness': 18446744073709551615}, 'blockIO': "
	                         "{'weight': 65535, 'leafWeight': 0}}}}",
	                         SPEC_PARSE_ALL);
	CHECK(spec != NULL);
	if (!spec)
		return;
	CHECK(spec->process->oom_score_adj.set && spec->process->oom_score_adj.value == INT32_MIN);
	const struct spec_memory *memory = spec->linux_->resources->memory;
	CHECK(memory->limit.set && memory->limit.value == INT64_MIN);
	CHECK(memory->swap.set && memory->swap.value == INT64_MAX);
	CHECK(memory->swappiness.set && memory->swappiness.value == UINT64_MAX);
	CHECK(!memory->reservation.set);
	CHECK(spec->linux_->resources->block_io->weight.value == 65535);
	CHECK(spec->linux_->resources->block_io->leaf_weight.set);
	spec_free(spec);
}

static void test_integer_fraction_rejected(void)
{
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': 1.5, 'gid': 0}}}",
	            "config.json: process.user.uid: expected an integer, got 1.5");
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': 1.0, 'gid': 0}}}",
	            "config.json: process.user.uid: expected an integer, got 1.0");
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': 1e3, 'gid': 0}}}",
	            "config.json: process.user.uid: expected an integer, got 1e3");
	CHECK_ERROR("{" BASE ", 'process': {'user': {'uid': 0, 'gid': -2E1}}}",
	            "config.json: process.user.gid: expected an integer, got -2E1");
}

/* ---- enums (NS-01, RLIM-01, DEV) -------------------------------------------------- */

static void test_enum_unknown_value(void)
{
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'pid'}, {'type': 'net'}, "
	            "{'type': 'foo'}]}}",
	            "config.json: linux.namespaces[1].type: unknown value \"net\"");
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 5}]}}",
	            "config.json: linux.namespaces[0].type: expected a string, got an integer");
	CHECK_ERROR("{" BASE ", 'process': {'rlimits': [{'type': 'RLIMIT_FOO', 'soft': 1, "
	            "'hard': 1}]}}",
	            "config.json: process.rlimits[0].type: unknown value \"RLIMIT_FOO\"");
	CHECK_ERROR("{" BASE ", 'process': {'rlimits': [{'type': 'rlimit_nofile', 'soft': 1, "
	            "'hard': 1}]}}",
	            "config.json: process.rlimits[0].type: unknown value \"rlimit_nofile\"");
	CHECK_ERROR("{" BASE ", 'linux': {'devices': [{'type': 'x', 'path': '/dev/x'}]}}",
	            "config.json: linux.devices[0].type: unknown value \"x\"");
	CHECK_ERROR("{" BASE ", 'linux': {'devices': [{'type': 'cb', 'path': '/dev/x'}]}}",
	            "config.json: linux.devices[0].type: unknown value \"cb\"");
	CHECK_ERROR("{" BASE ", 'linux': {'rootfsPropagation': 'rprivatex'}}",
	            "config.json: linux.rootfsPropagation: unknown value \"rprivatex\"");
	CHECK_ERROR("{" BASE ", 'linux': {'seccomp': {'defaultAction': 'SCMP_ACT_NOPE'}}}",
	            "config.json: linux.seccomp.defaultAction: unknown value \"SCMP_ACT_NOPE\"");
	/* the value is quoted with escapes and cut */
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'a\\nb\\\"'}]}}",
	            "config.json: linux.namespaces[0].type: unknown value \"a\\u000ab\\\"\"");
	char *msg =
	    error_of("{" BASE ", 'linux': {'namespaces': [{'type': "
	             "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	             "xxxxxxxxxxxxxxxxxxxxxxx'}]}}",
	             0);
	CHECK_CONTAINS(msg, "xxxxxxxx...\"");
	CHECK(msg && strlen(msg) < 160);
	free(msg);
}

static void test_enum_values_stored(void)
{
	struct spec *spec = load("{" BASE ", 'process': {" PROCESS ", 'rlimits': [{'type': "
	                         "'RLIMIT_NOFILE', 'soft': 1, 'hard': 2}, {'type': 'RLIMIT_AS', "
	                         "'soft': 3, 'hard': 4}]}, 'linux': {'namespaces': [{'type': "
	                         "'time'}, {'type': 'mount'}], 'devices': [{'type': 'p', 'path': "
	                         "'/dev/p'}, {'type': 'u', 'path': '/dev/u'}], "
	                         "'rootfsPropagation': 'rshared'}}",
	                         SPEC_PARSE_ALL);
	CHECK(spec != NULL);
	if (!spec)
		return;
	CHECK(spec->process->rlimits.len == 2);
	CHECK(spec->process->rlimits.items[0].type == SPEC_RLIMIT_NOFILE);
	CHECK(spec->process->rlimits.items[1].type == SPEC_RLIMIT_AS);
	CHECK(spec->process->rlimits.items[1].hard == 4);
	CHECK(spec->linux_->namespaces.items[0].type == SPEC_NS_TIME);
	CHECK(spec->linux_->namespaces.items[1].type == SPEC_NS_MOUNT);
	CHECK(spec->linux_->devices.items[0].type == SPEC_DEVICE_FIFO);
	CHECK(spec->linux_->devices.items[1].type == SPEC_DEVICE_UNBUFFERED);
	/* runc's recursive spelling is stored as the plain value (PROP) */
	CHECK(spec->linux_->rootfs_propagation.set);
	CHECK(spec->linux_->rootfs_propagation.value == SPEC_PROPAGATION_SHARED);
	spec_free(spec);
}

/* ---- required members ------------------------------------------------------------- */

static void test_required_top_level(void)
{
	/* BND-04 */
	CHECK_ERROR("{'root': {'path': 'rootfs'}}", "config.json: ociVersion: required");
	CHECK_ERROR("{'ociVersion': null, 'root': {'path': 'rootfs'}}",
	            "config.json: ociVersion: required");
	/* ROOT-01 */
	CHECK_ERROR("{'ociVersion': '1.3.0'}", "config.json: root: required");
	CHECK_ERROR("{}", "config.json: ociVersion: required");
}

static void test_required_nested(void)
{
	CHECK_ERROR("{'ociVersion': '1.3.0', 'root': {}}", "config.json: root.path: required");
	CHECK_ERROR("{'ociVersion': '1.3.0', 'root': {'path': null}}",
	            "config.json: root.path: required");
	/* PROC-03 */
	CHECK_ERROR("{" BASE ", 'process': {'args': ['sh'], 'user': {'uid': 0, 'gid': 0}}}",
	            "config.json: process.cwd: required");
	/* PROC-05 */
	CHECK_ERROR("{" BASE ", 'process': {'cwd': '/', 'user': {'uid': 0, 'gid': 0}}}",
	            "config.json: process.args: required");
	/* PROC-06 */
	CHECK_ERROR("{" BASE ", 'process': {'cwd': '/', 'args': ['sh']}}",
	            "config.json: process.user: required");
	CHECK_ERROR("{" BASE ", 'process': {'cwd': '/', 'args': ['sh'], 'user': {'uid': 0}}}",
	            "config.json: process.user.gid: required");
	/* PROC-02 */
	CHECK_ERROR("{" BASE ", 'process': {" PROCESS ", 'consoleSize': {'height': 1}}}",
	            "config.json: process.consoleSize.width: required");
	CHECK_ERROR("{" BASE ", 'mounts': [{'destination': '/a'}, {'type': 'tmpfs'}]}",
	            "config.json: mounts[1].destination: required");
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'path': '/proc/1/ns/pid'}]}}",
	            "config.json: linux.namespaces[0].type: required");
	CHECK_ERROR("{" BASE ", 'linux': {'uidMappings': [{'containerID': 0, 'hostID': 0}]}}",
	            "config.json: linux.uidMappings[0].size: required");
	CHECK_ERROR("{" BASE ", 'linux': {'resources': {'devices': [{'access': 'rwm'}]}}}",
	            "config.json: linux.resources.devices[0].allow: required");
}

/* ---- duplicates (BND-03) --------------------------------------------------------------- */

static void test_bnd03_duplicate_member(void)
{
	CHECK_ERROR("{" BASE ", 'process': {'env': [], 'cwd': '/', 'env': ['A=1']}}",
	            "config.json: process: duplicate member \"env\"");
	CHECK_ERROR("{" BASE ", 'ociVersion': '1.3.0'}",
	            "config.json: duplicate member \"ociVersion\"");
	CHECK_ERROR("{" BASE ", 'hostname': null, 'hostname': 'x'}",
	            "config.json: duplicate member \"hostname\"");
	CHECK_ERROR("{" BASE ", 'mounts': [{'destination': '/a'}, {'destination': '/b', "
	            "'destination': '/c'}]}",
	            "config.json: mounts[1]: duplicate member \"destination\"");
	/* unknown members too, at any depth */
	CHECK_ERROR("{" BASE ", 'x-vendor': 1, 'x-vendor': 2}",
	            "config.json: duplicate member \"x-vendor\"");
	CHECK_ERROR("{" BASE ", 'windows': {'a': [{'b': 1, 'b': 2}]}}",
	            "config.json: windows.a[0]: duplicate member \"b\"");
}

static void test_bnd03_duplicate_map_key(void)
{
	CHECK_ERROR("{" BASE ", 'annotations': {'a': '1', 'b': '2', 'a': '3'}}",
	            "config.json: annotations: duplicate member \"a\"");
	CHECK_ERROR("{" BASE ", 'linux': {'sysctl': {'net.x': '1', 'net.x': '1'}}}",
	            "config.json: linux.sysctl: duplicate member \"net.x\"");
	CHECK_ERROR("{" BASE ", 'linux': {'netDevices': {'eth0': {}, 'eth0': {}}}}",
	            "config.json: linux.netDevices: duplicate member \"eth0\"");
	/* keys differing only after a NUL are different keys, but may not be stored */
	CHECK_ERROR("{" BASE ", 'annotations': {'a\\u0000b': '1'}}",
	            "config.json: annotations: a key must not contain a NUL character");
}

static void test_bnd03_large_map(void)
{
	enum {
		N = 100000
	};
	size_t cap = 64 + (size_t)N * 32;
	_cleanup_free_ char *json = malloc(cap);
	size_t len = (size_t)snprintf(json, cap,
	                              "{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": "
	                              "\"r\"}, \"annotations\": {");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(json + len, cap - len, "%s\"k%d\": \"v%d\"", i ? ", " : "",
		                        i, i);
	size_t open_len = len;
	len += (size_t)snprintf(json + len, cap - len, "}}");

	_cleanup_error_ struct arca_error *err = NULL;
	struct spec *spec = NULL;
	CHECK(spec_parse(json, len, "config.json", &spec, &err) == 0);
	CHECK(spec && spec->annotations.len == N);
	if (spec) {
		/* document order is kept */
		CHECK_STREQ(spec->annotations.items[0].key, "k0");
		CHECK_STREQ(spec->annotations.items[N - 1].value, "v99999");
	}
	spec_free(spec);

	len = open_len + (size_t)snprintf(json + open_len, cap - open_len, ", \"k7\": \"x\"}}");
	char *msg = error_of_len(json, len, 0);
	CHECK_STREQ(msg, "config.json: annotations: duplicate member \"k7\"");
	free(msg);
}

/* ---- unimplemented members --------------------------------------------------------------- */

static void test_unimplemented_set_rejected(void)
{
	CHECK_ERROR("{" BASE ", 'linux': {'intelRdt': {'closID': 'x'}}}",
	            "config.json: linux.intelRdt is not supported yet");
	CHECK_ERROR("{" BASE ", 'process': {" PROCESS ", 'scheduler': {'policy': 'SCHED_RR'}}}",
	            "config.json: process.scheduler is not supported yet");
	CHECK_ERROR("{" BASE ", 'process': {" PROCESS
	            ", 'ioPriority': {'class': 'IOPRIO_CLASS_BE', "
	            "'priority': 4}}}",
	            "config.json: process.ioPriority is not supported yet");
	CHECK_ERROR("{" BASE ", 'process': {" PROCESS ", 'execCPUAffinity': {'initial': '0'}}}",
	            "config.json: process.execCPUAffinity is not supported yet");
	CHECK_ERROR("{" BASE ", 'linux': {'memoryPolicy': {'mode': 'MPOL_DEFAULT'}}}",
	            "config.json: linux.memoryPolicy is not supported yet");
	CHECK_ERROR("{" BASE ", 'linux': {'personality': {'domain': 'LINUX'}}}",
	            "config.json: linux.personality is not supported yet");
	CHECK_ERROR("{" BASE ", 'linux': {'intelRdt': {'l3CacheSchema': 'L3:0=f'}}}",
	            "config.json: linux.intelRdt is not supported yet");
	CHECK_ERROR("{" BASE ", 'linux': {'netDevices': {'eth0': {'name': 'eth1'}}}}",
	            "config.json: linux.netDevices is not supported yet");
	CHECK_ERROR("{" BASE ", 'mounts': [{'destination': '/a', 'uidMappings': [{'containerID': "
	            "0, 'hostID': 0, 'size': 1}]}]}",
	            "config.json: mounts[0].uidMappings is not supported yet");
}

static void test_unimplemented_default_accepted(void)
{
	CHECK_LOADS(
	    "{" BASE ", 'process': {" PROCESS ", 'noNewPrivileges': false, "
	    "'apparmorProfile': '', 'capabilities': {}, 'rlimits': [], 'oomScoreAdj': null, "
	    "'scheduler': null}, 'hooks': {'prestart': [], 'poststop': null}, "
	    "'linux': {'maskedPaths': [], 'readonlyPaths': [], 'sysctl': {}, 'resources': "
	    "{'memory': {}, 'devices': [], 'unified': {}}, 'seccomp': null, "
	    "'rootfsPropagation': null, 'mountLabel': ''}}");
}

static void test_unimplemented_first_wins_type_errors_first(void)
{
	/* document order */
	CHECK_ERROR("{" BASE ", 'linux': {'personality': {'domain': 'LINUX'}, 'intelRdt': "
	            "{'closID': 'x'}}}",
	            "config.json: linux.personality is not supported yet");
	/* a wrong type inside is a type error */
	CHECK_ERROR("{" BASE ", 'linux': {'resources': {'memory': {'limit': 1, 'swap': 'x'}}}}",
	            "config.json: linux.resources.memory.swap: expected an integer, got a string");
	CHECK_ERROR("{" BASE ", 'process': {'noNewPrivileges': 1}}",
	            "config.json: process.noNewPrivileges: expected a boolean, got an integer");
	CHECK_ERROR("{" BASE ", 'linux': {'personality': {'flags': []}}}",
	            "config.json: linux.personality.domain: required");
	/* SPEC_PARSE_ALL accepts them */
	CHECK_LOADS_FLAGS("{" BASE ", 'linux': {'readonlyPaths': ['/a'], 'maskedPaths': ['/b']}}",
	                  SPEC_PARSE_ALL);
}

/* ---- limits ------------------------------------------------------------------------------- */

static char *nested_arrays(int levels)
{
	size_t cap = (size_t)levels * 2 + 128;
	char *json = malloc(cap);
	size_t len = (size_t)snprintf(json, cap,
	                              "{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": "
	                              "\"r\"}, \"x\": ");
	for (int i = 0; i < levels; i++)
		json[len++] = '[';
	for (int i = 0; i < levels; i++)
		json[len++] = ']';
	snprintf(json + len, cap - len, "}");
	return json;
}

static void test_nesting_depth_limited(void)
{
	/* the document is one level, so 63 arrays make 64 */
	_cleanup_free_ char *ok = nested_arrays(63);
	char *msg = error_of_len(ok, strlen(ok), 0);
	CHECK(msg == NULL);
	free(msg);

	_cleanup_free_ char *deep = nested_arrays(64);
	msg = error_of_len(deep, strlen(deep), 0);
	CHECK_STREQ(msg, "config.json:1:116: nesting deeper than 64 levels");
	free(msg);

	_cleanup_free_ char *hostile = nested_arrays(1000000);
	msg = error_of_len(hostile, strlen(hostile), 0);
	CHECK_CONTAINS(msg, "nesting deeper than 64 levels");
	free(msg);
}

static void test_document_size_limited(void)
{
	size_t len = (16u << 20) + 1;
	_cleanup_free_ char *json = malloc(len);
	memset(json, ' ', len);
	/* NOLINTNEXTLINE(bugprone-not-null-terminated-result): counted, not terminated */
	memcpy(json, "{}", 2);
	char *msg = error_of_len(json, len, 0);
	CHECK_STREQ(msg, "config.json: larger than 16 MiB");
	free(msg);
}

/* ---- unknown and platform members (BND-06, BND-10) ----------------------------------------------
 */

static void test_bnd06_unknown_members_ignored(void)
{
	struct spec *spec = load(
	    "{'x-top': {'a': [1, 2.5, -3e7, true, false, null, 's', {'b': {}}, []]}, " BASE
	    ", 'process': {'cwd': '/', 'args': ['sh'], 'x-p': [[[]]], 'commandLine': 'cmd.exe', "
	    "'user': {'uid': 1, 'gid': 2, 'username': 'ContainerAdministrator'}}, "
	    "'mounts': [{'destination': '/a', 'x-m': {'y': 1}}], "
	    "'windows': {'layerFolders': ['C:\\\\x'], 'hyperv': {}}, 'solaris': {'anet': []}, "
	    "'vm': {'hypervisor': {'path': '/h'}}, 'zos': {}, 'freebsd': {'jail': {}}, "
	    "'linux': {'x-l': null, 'namespaces': [{'type': 'pid', 'x-n': 'y'}]}, "
	    "'org.opencontainers.future': 42}",
	    0);
	CHECK(spec != NULL);
	if (!spec)
		return;
	CHECK(spec->process->user.uid == 1 && spec->process->user.gid == 2);
	CHECK(spec->process->user.username == NULL);
	CHECK(spec->process->command_line == NULL);
	CHECK(spec->mounts.len == 1);
	CHECK(spec->linux_->namespaces.len == 1 &&
	      spec->linux_->namespaces.items[0].type == SPEC_NS_PID);
	spec_free(spec);
}

static void test_null_means_absent(void)
{
	struct spec *spec = load("{" BASE ", 'process': null, 'hostname': null, 'mounts': null, "
	                         "'annotations': null, 'linux': {'cgroupsPath': null}}",
	                         0);
	CHECK(spec != NULL);
	if (!spec)
		return;
	CHECK(spec->process == NULL);
	CHECK(spec->hostname == NULL);
	CHECK(spec->mounts.len == 0 && spec->mounts.items == NULL);
	CHECK(spec->annotations.len == 0);
	CHECK(spec->linux_ != NULL && spec->linux_->cgroups_path == NULL);
	spec_free(spec);
}

static void test_long_key_cut_in_path(void)
{
	char doc[512], expected[512];
	char key[201];
	memset(key, 'k', 200);
	key[200] = '\0';
	snprintf(doc, sizeof(doc), "{" BASE ", 'annotations': {'%s': 1}}", key);
	snprintf(expected, sizeof(expected),
	         "config.json: annotations.%.128s...: expected a string, got an integer", key);
	CHECK_ERROR(doc, expected);
}

/* BND-03: a key holding control characters is quoted in the path, so that
 * the one-line message cannot move a terminal's cursor (found by fuzzing). */
static void test_control_key_quoted_in_path(void)
{
	CHECK_ERROR("{" BASE ", 'annotations': {'a\\nb': 1}}",
	            "config.json: annotations.\"a\\u000ab\": expected a string, got an integer");
	CHECK_ERROR("{" BASE ", 'x\\u001b[2J': {'a': 0, 'a': 0}}",
	            "config.json: \"x\\u001b[2J\": duplicate member \"a\"");
}

static void test_nul_in_string_rejected(void)
{
	CHECK_ERROR("{" BASE ", 'mounts': [{'destination': '/a\\u0000b'}]}",
	            "config.json: mounts[0].destination: must not contain a NUL character");
	CHECK_ERROR("{" BASE ", 'linux': {'cgroupsPath': 'a\\u0000/../b'}}",
	            "config.json: linux.cgroupsPath: must not contain a NUL character");
}

static void test_values_stored(void)
{
	struct spec *spec =
	    load("{" BASE ", 'process': {'terminal': true, 'consoleSize': {'height': 24, "
	         "'width': 80}, 'user': {'uid': 7, 'gid': 8, 'umask': 18, 'additionalGids': "
	         "[1, 2]}, 'args': ['/bin/echo', 'a \\\"b\\\" \\u00e9'], 'env': ['A=1'], "
	         "'cwd': '/tmp'}, 'hostname': 'h', 'mounts': [{'destination': '/proc', 'type': "
	         "'proc', 'source': 'proc', 'options': ['nosuid', 'noexec']}], 'annotations': "
	         "{'z': '1', 'a': ''}, 'linux': {'namespaces': [{'type': 'uts'}, {'type': "
	         "'network', 'path': '/run/netns/x'}], 'cgroupsPath': 'a/b'}}",
	         0);
	CHECK(spec != NULL);
	if (!spec)
		return;
	const struct spec_process *p = spec->process;
	CHECK(p->terminal);
	CHECK(p->console_size && p->console_size->height == 24 && p->console_size->width == 80);
	CHECK(p->user.umask.set && p->user.umask.value == 18);
	CHECK(p->user.additional_gids.len == 2 && p->user.additional_gids.items[1] == 2);
	CHECK(p->args.len == 2);
	CHECK_STREQ(p->args.items[1], "a \"b\" \xc3\xa9");
	CHECK_STREQ(p->cwd, "/tmp");
	CHECK(!spec->root->readonly);
	CHECK_STREQ(spec->mounts.items[0].options.items[1], "noexec");
	CHECK(spec->annotations.len == 2);
	CHECK_STREQ(spec->annotations.items[0].key, "z");
	CHECK_STREQ(spec->annotations.items[1].value, "");
	CHECK_STREQ(spec->linux_->namespaces.items[1].path, "/run/netns/x");
	CHECK(spec->linux_->namespaces.items[0].path == NULL);
	CHECK_STREQ(spec->linux_->cgroups_path, "a/b");
	spec_free(spec);
}

/* ---- bundles (BND-01) ---------------------------------------------------------------------- */

static void test_bnd01_load_bundle(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_spec_ struct spec *spec = NULL;
	CHECK(spec_load_bundle("data/spec/bundle", &spec, &err) == 0);
	CHECK(spec && spec->process && spec->process->args.len == 1);
	CHECK(spec && strcmp(spec->root->path, "rootfs") == 0);
}

static void test_bnd01_bundle_errors(void)
{
	struct arca_error *err = NULL;
	struct spec *spec = NULL;
	CHECK(spec_load_bundle("data/spec/no-such-bundle", &spec, &err) == -ENOENT);
	CHECK(spec == NULL);
	CHECK_STREQ(err ? err->msg : NULL,
	            "open data/spec/no-such-bundle/config.json: No such file or directory");
	arca_error_free(err);

	err = NULL;
	CHECK(spec_load_bundle("data/spec/bad-bundle", &spec, &err) == -EINVAL);
	CHECK_STREQ(err ? err->msg : NULL, "config.json: process.cwd: must be an absolute path, "
	                                   "got \"relative\"");
	arca_error_free(err);
}

int main(void)
{
	RUN(test_syntax_error_line_col);
	RUN(test_syntax_truncated_document);
	RUN(test_syntax_trailing_garbage);
	RUN(test_bnd03_invalid_utf8);
	RUN(test_comments_rejected);
	RUN(test_type_expected_string);
	RUN(test_type_expected_integer);
	RUN(test_type_expected_boolean);
	RUN(test_type_expected_object_or_array);
	RUN(test_integer_out_of_range_each_type);
	RUN(test_integer_bounds_accepted);
	RUN(test_integer_fraction_rejected);
	RUN(test_enum_unknown_value);
	RUN(test_enum_values_stored);
	RUN(test_required_top_level);
	RUN(test_required_nested);
	RUN(test_bnd03_duplicate_member);
	RUN(test_bnd03_duplicate_map_key);
	RUN(test_bnd03_large_map);
	RUN(test_unimplemented_set_rejected);
	RUN(test_unimplemented_default_accepted);
	RUN(test_unimplemented_first_wins_type_errors_first);
	RUN(test_nesting_depth_limited);
	RUN(test_document_size_limited);
	RUN(test_bnd06_unknown_members_ignored);
	RUN(test_null_means_absent);
	RUN(test_long_key_cut_in_path);
	RUN(test_control_key_quoted_in_path);
	RUN(test_nul_in_string_rejected);
	RUN(test_values_stored);
	RUN(test_bnd01_load_bundle);
	RUN(test_bnd01_bundle_errors);
	return check_exit();
}
