/* The checks that run once the structs are filled: versions, paths,
 * namespaces, id mappings, cgroupsPath. Documents use ' for ". */
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/spec.h"
#include "check.h"
#include "spec/spec_json.h"

#define ROOT    "'root': {'path': 'rootfs'}"
#define BASE    "'ociVersion': '1.3.0', " ROOT
#define PROCESS "'cwd': '/', 'args': ['sh'], 'user': {'uid': 0, 'gid': 0}"
#define USERNS                                                                                     \
	"'namespaces': [{'type': 'user'}], 'uidMappings': [{'containerID': 0, 'hostID': 1000, "    \
	"'size': 1}], 'gidMappings': [{'containerID': 0, 'hostID': 1000, 'size': 1}]"

static char *error_of(const char *text, const char *name, unsigned flags)
{
	_cleanup_free_ char *json = strdup(text);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct spec *spec = NULL;
	struct arca_error *err = NULL;
	int r = spec_parse_flags(json, strlen(json), name, flags, &spec, &err);
	spec_free(spec);
	char *msg = r < 0 ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

#define CHECK_ERROR_FLAGS(text, flags, expected)                                                   \
	do {                                                                                       \
		char *msg_ = error_of(text, "config.json", flags);                                 \
		CHECK_STREQ(msg_, expected);                                                       \
		free(msg_);                                                                        \
	} while (0)
#define CHECK_ERROR(text, expected) CHECK_ERROR_FLAGS(text, 0, expected)
#define CHECK_LOADS_FLAGS(text, flags)                                                             \
	do {                                                                                       \
		char *msg_ = error_of(text, "config.json", flags);                                 \
		CHECK_STREQ(msg_ ? msg_ : "(loaded)", "(loaded)");                                 \
		free(msg_);                                                                        \
	} while (0)
#define CHECK_LOADS(text) CHECK_LOADS_FLAGS(text, 0)

static void test_bnd04_05_oci_version(void)
{
	CHECK_LOADS("{'ociVersion': '1.0.0', " ROOT "}");
	CHECK_LOADS("{'ociVersion': '1.0.2-dev', " ROOT "}");
	CHECK_LOADS("{'ociVersion': '1.3.0', " ROOT "}");
	CHECK_LOADS("{'ociVersion': '1.3.7-rc.1+build.5', " ROOT "}");
	CHECK_LOADS("{'ociVersion': '1.1.0+20240101', " ROOT "}");
	CHECK_ERROR("{'ociVersion': '2.0.0', " ROOT "}",
	            "config.json: ociVersion: \"2.0.0\" is not supported (arca implements 1.0.0 to "
	            "1.3.x)");
	CHECK_ERROR("{'ociVersion': '1.4.0', " ROOT "}",
	            "config.json: ociVersion: \"1.4.0\" is not supported (arca implements 1.0.0 to "
	            "1.3.x)");
	CHECK_ERROR("{'ociVersion': '0.6.0', " ROOT "}",
	            "config.json: ociVersion: \"0.6.0\" is not supported (arca implements 1.0.0 to "
	            "1.3.x)");
	CHECK_ERROR("{'ociVersion': 'invalid', " ROOT "}",
	            "config.json: ociVersion: \"invalid\" is not a SemVer version");
	const char *bad[] = {"1.0",       "1",      "",       "v1.0.0",   "01.0.0",
	                     "1.00.0",    "1.0.0-", "1.0.0+", "1.0.0-01", "1.0.0-a..b",
	                     "1.0.0-a_b", "1.0.0 ", "1.0.0.0"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char doc[128], expected[128];
		snprintf(doc, sizeof(doc), "{'ociVersion': '%s', " ROOT "}", bad[i]);
		snprintf(expected, sizeof(expected),
		         "config.json: ociVersion: \"%s\" is not a SemVer version", bad[i]);
		CHECK_ERROR(doc, expected);
	}
	CHECK_ERROR("{'ociVersion': 1, " ROOT "}",
	            "config.json: ociVersion: expected a string, got an integer");
}

static void test_root01_root_path(void)
{
	CHECK_ERROR("{'ociVersion': '1.3.0', 'root': {'path': ''}}",
	            "config.json: root.path: must not be empty");
	CHECK_LOADS("{'ociVersion': '1.3.0', 'root': {'path': '.'}}");
}

static void test_mnt02_mount_destination(void)
{
	CHECK_ERROR("{" BASE ", 'mounts': [{'destination': '/a'}, {'destination': ''}]}",
	            "config.json: mounts[1].destination: must not be empty");
	/* deprecated, taken relative to "/" */
	CHECK_LOADS("{" BASE ", 'mounts': [{'destination': 'tmp', 'type': 'tmpfs'}]}");
}

static void test_bnd09_process_optional(void)
{
	CHECK_LOADS("{" BASE "}");
}

static void test_proc03_cwd_absolute(void)
{
	CHECK_ERROR("{" BASE ", 'process': {'cwd': 'tmp', 'args': ['sh'], 'user': {'uid': 0, "
	            "'gid': 0}}}",
	            "config.json: process.cwd: must be an absolute path, got \"tmp\"");
	CHECK_ERROR("{" BASE ", 'process': {'cwd': '', 'args': ['sh'], 'user': {'uid': 0, "
	            "'gid': 0}}}",
	            "config.json: process.cwd: must be an absolute path, got \"\"");
}

static void test_proc05_args_not_empty(void)
{
	CHECK_ERROR("{" BASE ", 'process': {'cwd': '/', 'args': [], 'user': {'uid': 0, 'gid': 0}}}",
	            "config.json: process.args: must not be empty");
}

static void test_proc04_env_entries(void)
{
	CHECK_ERROR("{" BASE ", 'process': {" PROCESS ", 'env': ['A=1', 'FOO']}}",
	            "config.json: process.env[1]: expected KEY=value, got \"FOO\"");
	CHECK_ERROR("{" BASE ", 'process': {" PROCESS ", 'env': ['=x']}}",
	            "config.json: process.env[0]: expected KEY=value, got \"=x\"");
	CHECK_LOADS("{" BASE ", 'process': {" PROCESS ", 'env': ['A=', 'B==', 'C=a=b']}}");
}

static void test_bnd08_annotation_keys(void)
{
	CHECK_ERROR("{" BASE ", 'annotations': {'a': 'x', '': 'y'}}",
	            "config.json: annotations: a key must not be empty");
	CHECK_LOADS("{" BASE ", 'annotations': {'org.opencontainers.unknown': '', 'x': ''}}");
}

static void test_ns07_duplicate_namespace(void)
{
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'pid'}, {'type': 'mount'}, "
	            "{'type': 'pid', 'path': '/proc/1/ns/pid'}]}}",
	            "config.json: linux.namespaces: duplicate namespace type \"pid\"");
}

static void test_ns02_namespace_path_absolute(void)
{
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'pid'}, {'type': 'network', "
	            "'path': 'proc/1/ns/net'}]}}",
	            "config.json: linux.namespaces[1].path: must be an absolute path, got "
	            "\"proc/1/ns/net\"");
	CHECK_LOADS("{" BASE ", 'linux': {'namespaces': [{'type': 'network', 'path': "
	            "'/proc/1/ns/net'}]}}");
}

static char *mappings_doc(int n)
{
	size_t cap = 256 + (size_t)n * 64;
	char *doc = malloc(cap);
	size_t len = (size_t)snprintf(doc, cap,
	                              "{" BASE ", 'linux': {'namespaces': [{'type': "
	                              "'user'}], 'gidMappings': [{'containerID': 0, "
	                              "'hostID': 0, 'size': 1}], 'uidMappings': [");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(doc + len, cap - len,
		                        "%s{'containerID': %d, 'hostID': %d, 'size': 1}",
		                        i ? ", " : "", i, 1000 + i);
	snprintf(doc + len, cap - len, "]}}");
	return doc;
}

static void test_umap03_mapping_count(void)
{
	_cleanup_free_ char *ok = mappings_doc(340);
	CHECK_LOADS(ok);
	_cleanup_free_ char *too_many = mappings_doc(341);
	CHECK_ERROR(
	    too_many,
	    "config.json: linux.uidMappings: 341 entries, more than the kernel's limit of 340");
}

static void test_umap01_mapping_rules(void)
{
	CHECK_LOADS("{" BASE ", 'linux': {" USERNS "}}");
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'user'}], 'gidMappings': "
	            "[{'containerID': 0, 'hostID': 0, 'size': 0}], 'uidMappings': "
	            "[{'containerID': 0, 'hostID': 0, 'size': 1}]}}",
	            "config.json: linux.gidMappings[0].size: must be greater than 0");
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'user'}], 'gidMappings': "
	            "[{'containerID': 0, 'hostID': 0, 'size': 1}]}}",
	            "config.json: linux.uidMappings: required with a new user namespace");
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'user'}], 'uidMappings': "
	            "[{'containerID': 0, 'hostID': 0, 'size': 1}]}}",
	            "config.json: linux.gidMappings: required with a new user namespace");
	CHECK_ERROR("{" BASE ", 'linux': {'uidMappings': [{'containerID': 0, 'hostID': 0, "
	            "'size': 1}]}}",
	            "config.json: linux.uidMappings: set without a new user namespace");
	/* joining a user namespace: its mappings are already set */
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'user', 'path': "
	            "'/proc/1/ns/user'}], 'gidMappings': [{'containerID': 0, 'hostID': 0, "
	            "'size': 1}]}}",
	            "config.json: linux.gidMappings: set without a new user namespace");
	CHECK_LOADS("{" BASE ", 'linux': {'namespaces': [{'type': 'user', 'path': "
	            "'/proc/1/ns/user'}]}}");
}

static void test_proc09_10_hostname_needs_uts(void)
{
	CHECK_ERROR("{" BASE ", 'hostname': 'h'}",
	            "config.json: hostname: set without a uts namespace in linux.namespaces");
	CHECK_ERROR("{" BASE ", 'domainname': 'd', 'linux': {'namespaces': [{'type': 'pid'}]}}",
	            "config.json: domainname: set without a uts namespace in linux.namespaces");
	CHECK_LOADS("{" BASE ", 'hostname': ''}");
	CHECK_LOADS("{" BASE ", 'hostname': 'h', 'domainname': 'd', 'linux': {'namespaces': "
	            "[{'type': 'uts'}]}}");
	/* like runc: a joined uts namespace is the container's own too */
	CHECK_LOADS("{" BASE ", 'hostname': 'h', 'linux': {'namespaces': [{'type': 'uts', "
	            "'path': '/proc/1/ns/uts'}]}}");
}

/* PROC-09, PROC-10: sethostname(2) takes at most 64 bytes; a longer name
 * is refused at load, naming the field, not at the syscall. */
static void test_hostname_length(void)
{
	const char *uts = "'linux': {'namespaces': [{'type': 'uts'}]}";
	char doc[512];
	snprintf(doc, sizeof(doc), "{" BASE ", 'hostname': '%064d', %s}", 0, uts);
	CHECK_LOADS(doc);
	snprintf(doc, sizeof(doc), "{" BASE ", 'hostname': '%065d', %s}", 0, uts);
	CHECK_ERROR(doc, "config.json: hostname: longer than the kernel's limit of 64 bytes (65 "
	                 "bytes)");
	snprintf(doc, sizeof(doc), "{" BASE ", 'domainname': '%070d', %s}", 0, uts);
	CHECK_ERROR(doc, "config.json: domainname: longer than the kernel's limit of 64 bytes (70 "
	                 "bytes)");
}

/* PROC-06: (uid_t)-1 would make setresuid(2) keep the runtime's root. */
static void test_proc06_no_minus_one_ids(void)
{
	CHECK_ERROR(
	    "{" BASE ", 'process': {'cwd': '/', 'args': ['sh'], 'user': {'uid': "
	    "4294967295, 'gid': 0}}}",
	    "config.json: process.user.uid: 4294967295 is (uid_t)-1, which is not a user id");
	CHECK_ERROR(
	    "{" BASE ", 'process': {'cwd': '/', 'args': ['sh'], 'user': {'uid': 0, "
	    "'gid': 4294967295}}}",
	    "config.json: process.user.gid: 4294967295 is (gid_t)-1, which is not a group id");
	CHECK_ERROR("{" BASE ", 'process': {'cwd': '/', 'args': ['sh'], 'user': {'uid': 0, "
	            "'gid': 0, 'additionalGids': [1, 4294967295]}}}",
	            "config.json: process.user.additionalGids[1]: 4294967295 is (gid_t)-1, which "
	            "is not a group id");
	CHECK_LOADS("{" BASE ", 'process': {'cwd': '/', 'args': ['sh'], 'user': {'uid': "
	            "4294967294, 'gid': 4294967294}}}");
}

/* Paths the kernel cannot take are refused at load, the message cut. */
static void test_paths_beyond_path_max(void)
{
	static char doc[8192];
	snprintf(doc, sizeof(doc),
	         "{" BASE ", 'process': {'cwd': '/%04200d', 'args': ['sh'], "
	         "'user': {'uid': 0, 'gid': 0}}}",
	         0);
	CHECK_ERROR(doc, "config.json: process.cwd: longer than PATH_MAX (4096 bytes): "
	                 "\"/000000000000000000000000000000000000000000000000000000000000000...\"");
	snprintf(doc, sizeof(doc),
	         "{" BASE ", 'linux': {'namespaces': [{'type': 'network', "
	         "'path': '/%04200d'}]}}",
	         0);
	CHECK_ERROR(
	    doc, "config.json: linux.namespaces[0].path: longer than PATH_MAX (4096 "
	         "bytes): \"/000000000000000000000000000000000000000000000000000000000000000...\"");
}

static void test_time01_offsets_need_time_namespace(void)
{
	CHECK_ERROR("{" BASE ", 'linux': {'timeOffsets': {'boottime': {'secs': 1}}}}",
	            "config.json: linux.timeOffsets: set without a new time namespace");
	CHECK_ERROR("{" BASE ", 'linux': {'namespaces': [{'type': 'time', 'path': "
	            "'/proc/1/ns/time'}], 'timeOffsets': {'monotonic': {}}}}",
	            "config.json: linux.timeOffsets: set without a new time namespace");
	CHECK_LOADS("{" BASE ", 'linux': {'namespaces': [{'type': 'time'}], 'timeOffsets': "
	            "{'monotonic': {'secs': -5, 'nanosecs': 10}}}}");
	CHECK_LOADS("{" BASE ", 'linux': {'timeOffsets': {}}}");
}

static void test_cgroups_path_confined(void)
{
	const char *bad[] = {"..", "../x", "/a/../b", "a/..", "/a//..//b"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char doc[128];
		snprintf(doc, sizeof(doc), "{" BASE ", 'linux': {'cgroupsPath': '%s'}}", bad[i]);
		CHECK_ERROR(doc,
		            "config.json: linux.cgroupsPath: must not contain a \"..\" component");
	}
	CHECK_ERROR("{" BASE ", 'linux': {'cgroupsPath': '/a\\nb'}}",
	            "config.json: linux.cgroupsPath: must not contain a newline");
	CHECK_LOADS("{" BASE ", 'linux': {'cgroupsPath': '/a..b/..c/d..'}}");
	CHECK_LOADS("{" BASE ", 'linux': {'cgroupsPath': 'system.slice:arca:abc'}}");
}

static void test_rlim03_duplicate_rlimit(void)
{
	CHECK_ERROR_FLAGS("{" BASE ", 'process': {" PROCESS ", 'rlimits': [{'type': "
	                  "'RLIMIT_NOFILE', 'soft': 1, 'hard': 1}, {'type': 'RLIMIT_CORE', "
	                  "'soft': 1, 'hard': 1}, {'type': 'RLIMIT_NOFILE', 'soft': 2, "
	                  "'hard': 2}]}}",
	                  SPEC_PARSE_ALL,
	                  "config.json: process.rlimits[2]: duplicate rlimit type "
	                  "\"RLIMIT_NOFILE\"");
}

static void test_secc_syscall_names_not_empty(void)
{
	CHECK_ERROR_FLAGS("{" BASE ", 'linux': {'seccomp': {'defaultAction': 'SCMP_ACT_ALLOW', "
	                  "'syscalls': [{'names': ['read'], 'action': 'SCMP_ACT_LOG'}, "
	                  "{'names': [], 'action': 'SCMP_ACT_LOG'}]}}}",
	                  SPEC_PARSE_ALL,
	                  "config.json: linux.seccomp.syscalls[1].names: must not be empty");
}

static void test_message_prefixed_with_name(void)
{
	char *msg = error_of("{'ociVersion': '1.3.0', 'root': {'path': ''}}", "bundle/x.json", 0);
	CHECK_STREQ(msg, "bundle/x.json: root.path: must not be empty");
	free(msg);
	msg = error_of("{'ociVersion': 1}", "bundle/x.json", 0);
	CHECK_STREQ(msg, "bundle/x.json: ociVersion: expected a string, got an integer");
	free(msg);
}

int main(void)
{
	RUN(test_bnd04_05_oci_version);
	RUN(test_root01_root_path);
	RUN(test_mnt02_mount_destination);
	RUN(test_bnd09_process_optional);
	RUN(test_proc03_cwd_absolute);
	RUN(test_proc05_args_not_empty);
	RUN(test_proc04_env_entries);
	RUN(test_bnd08_annotation_keys);
	RUN(test_ns07_duplicate_namespace);
	RUN(test_ns02_namespace_path_absolute);
	RUN(test_umap03_mapping_count);
	RUN(test_umap01_mapping_rules);
	RUN(test_proc09_10_hostname_needs_uts);
	RUN(test_hostname_length);
	RUN(test_proc06_no_minus_one_ids);
	RUN(test_paths_beyond_path_max);
	RUN(test_time01_offsets_need_time_namespace);
	RUN(test_cgroups_path_confined);
	RUN(test_rlim03_duplicate_rlimit);
	RUN(test_secc_syscall_names_not_empty);
	RUN(test_message_prefixed_with_name);
	return check_exit();
}
