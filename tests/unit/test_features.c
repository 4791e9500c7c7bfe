/* The features document against the code it describes: every value it lists
 * is accepted by the loader (or the mount option parser, or libcap), and
 * what it says is not supported is refused. */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>

#include "arca/cleanup.h"
#include "arca/features.h"
#include "arca/spec.h"
#include "check.h"
#include "linux/mount_options.h"
#include "spec/features.h"

#define BASE "\"root\": {\"path\": \"rootfs\"}"

static json_object *features(void)
{
	_cleanup_free_ char *text = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	if (arca_features_json(&text, &err) < 0) {
		fprintf(stderr, "features: %s\n", err->msg);
		return NULL;
	}
	return json_tokener_parse(text);
}

static json_object *member(json_object *obj, const char *path)
{
	_cleanup_free_ char *copy = strdup(path);
	char *save = NULL;
	for (char *key = strtok_r(copy, ".", &save); obj && key; key = strtok_r(NULL, ".", &save))
		if (!json_object_object_get_ex(obj, key, &obj))
			obj = NULL;
	return obj;
}

/* NULL when the config template with value for its "%s" loads, else the
 * loader's message. */
static char *load_error(const char *template, const char *value)
{
	char json[1024];
	const char *hole = strstr(template, "%s");
	snprintf(json, sizeof(json), "%.*s%s%s", (int)(hole - template), template, value, hole + 2);
	struct spec *spec = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	int r = spec_parse(json, strlen(json), "config.json", &spec, &err);
	spec_free(spec);
	return r < 0 ? strdup(err->msg) : NULL;
}

#define CHECK_LOADS(fmt, value)                                                                    \
	do {                                                                                       \
		char *msg_ = load_error(fmt, value);                                               \
		CHECK_STREQ(msg_ ? msg_ : "(loaded)", "(loaded)");                                 \
		free(msg_);                                                                        \
	} while (0)

#define CHECK_REFUSED(fmt, value, expected)                                                        \
	do {                                                                                       \
		char *msg_ = load_error(fmt, value);                                               \
		CHECK_CONTAINS(msg_, expected);                                                    \
		free(msg_);                                                                        \
	} while (0)

/* Each string of the list at path loads in the config fmt. */
static void check_list_loads(json_object *doc, const char *path, const char *fmt)
{
	json_object *list = member(doc, path);
	CHECK(json_object_is_type(list, json_type_array));
	CHECK(json_object_array_length(list) > 0);
	for (size_t i = 0; i < json_object_array_length(list); i++)
		CHECK_LOADS(fmt, json_object_get_string(json_object_array_get_idx(list, i)));
}

static bool listed(json_object *list, const char *value)
{
	for (size_t i = 0; i < json_object_array_length(list); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(list, i)), value) == 0)
			return true;
	return false;
}

/* FEAT-03: both bounds load through the real loader; the next minor does not. */
static void test_versions(void)
{
	json_object *doc = features();
	const char *fmt = "{\"ociVersion\": \"%s\", " BASE "}";
	CHECK_STREQ(json_object_get_string(member(doc, "ociVersionMin")), ARCA_OCI_VERSION_MIN);
	CHECK_STREQ(json_object_get_string(member(doc, "ociVersionMax")), ARCA_OCI_VERSION);
	CHECK_LOADS(fmt, json_object_get_string(member(doc, "ociVersionMin")));
	CHECK_LOADS(fmt, json_object_get_string(member(doc, "ociVersionMax")));
	CHECK_REFUSED(fmt, "1.4.0", "is not supported");
	json_object_put(doc);
}

/* FEAT-07, FEAT-10: every listed value loads; an unlisted one is refused. */
static void test_enums_load(void)
{
	json_object *doc = features();
	/* joined by path: a new user namespace would need mappings */
	const char *ns = "{\"ociVersion\": \"1.3.0\", " BASE ", \"linux\": {\"namespaces\": "
	                 "[{\"type\": \"%s\", \"path\": \"/proc/1/ns/x\"}]}}";
#define SECCOMP(x) "{\"ociVersion\": \"1.3.0\", " BASE ", \"linux\": {\"seccomp\": " x "}}"
	const char *action = SECCOMP(
	    "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"getpid\"], "
	    "\"action\": \"%s\"}]}");
	const char *op = SECCOMP("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": "
	                         "[{\"names\": [\"getpid\"], \"action\": \"SCMP_ACT_ERRNO\", "
	                         "\"args\": [{\"index\": 0, \"value\": 1, \"op\": \"%s\"}]}]}");
	const char *arch = SECCOMP("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": "
	                           "[\"%s\"]}");
	const char *flag = SECCOMP("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"%s\"]}");
	check_list_loads(doc, "linux.namespaces", ns);
	check_list_loads(doc, "linux.seccomp.actions", action);
	check_list_loads(doc, "linux.seccomp.operators", op);
	check_list_loads(doc, "linux.seccomp.archs", arch);
	check_list_loads(doc, "linux.seccomp.knownFlags", flag);
	check_list_loads(doc, "linux.seccomp.supportedFlags", flag);
	CHECK_REFUSED(ns, "nosuch", "linux.namespaces[0].type");
	CHECK_REFUSED(action, "SCMP_ACT_NOSUCH", "action");
	CHECK_REFUSED(flag, "SECCOMP_FILTER_FLAG_NOSUCH", "flags[0]");
	json_object *known = member(doc, "linux.seccomp.knownFlags");
	json_object *supported = member(doc, "linux.seccomp.supportedFlags");
	for (size_t i = 0; i < json_object_array_length(supported); i++)
		CHECK(
		    listed(known, json_object_get_string(json_object_array_get_idx(supported, i))));
	json_object_put(doc);
}

/* FEAT-05, FEAT-04: a hook is listed exactly when a config with it loads. */
static void test_hooks(void)
{
	static const char *const names[] = {"prestart",       "createRuntime", "createContainer",
	                                    "startContainer", "poststart",     "poststop"};
	json_object *doc = features();
	json_object *hooks = member(doc, "hooks");
	CHECK(json_object_is_type(hooks, json_type_array));
	const char *fmt = "{\"ociVersion\": \"1.3.0\", " BASE
	                  ", \"hooks\": {\"%s\": [{\"path\": \"/bin/true\"}]}}";
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (listed(hooks, names[i]))
			CHECK_LOADS(fmt, names[i]);
		else
			CHECK_REFUSED(fmt, names[i], "is not supported yet");
	}
	json_object_put(doc);
}

/* FEAT-12..15, FEAT-09's rdma: what the document says is supported loads,
 * what it says is not is refused as not supported yet. */
static void test_mechanisms(void)
{
	static const struct {
		const char *feature;
		const char *config;
	} cases[] = {
	    {"linux.intelRdt.enabled", "\"linux\": {\"intelRdt\": {\"closID\": \"x\"}}"},
	    {"linux.intelRdt.schemata", "\"linux\": {\"intelRdt\": {\"schemata\": [\"L3:0=f\"]}}"},
	    {"linux.intelRdt.monitoring",
	     "\"linux\": {\"intelRdt\": {\"enableMonitoring\": true}}"},
	    {"linux.netDevices.enabled", "\"linux\": {\"netDevices\": {\"eth9\": {}}}"},
	    {"linux.cgroup.rdma",
	     "\"linux\": {\"resources\": {\"rdma\": {\"mlx5_1\": {\"hcaHandles\": 3}}}}"},
	    {"linux.mountExtensions.idmap.enabled",
	     "\"mounts\": [{\"destination\": \"/m\", \"uidMappings\": [{\"containerID\": 0, "
	     "\"hostID\": 1, \"size\": 1}]}]"},
	    {"linux.memoryPolicy.modes",
	     "\"linux\": {\"memoryPolicy\": {\"mode\": \"MPOL_BIND\"}}"},
	};
	json_object *doc = features();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_object *value = member(doc, cases[i].feature);
		bool supported = json_object_is_type(value, json_type_array)
		                     ? json_object_array_length(value) > 0
		                     : json_object_get_boolean(value);
		CHECK(value != NULL);
		const char *fmt = "{\"ociVersion\": \"1.3.0\", " BASE ", %s}";
		if (supported)
			CHECK_LOADS(fmt, cases[i].config);
		else
			CHECK_REFUSED(fmt, cases[i].config, "is not supported yet");
	}
	json_object_put(doc);
}

/* FEAT-06: the parser takes each listed option; idmap, which it refuses,
 * is not listed. */
static void test_mount_options(void)
{
	json_object *doc = features();
	json_object *list = member(doc, "mountOptions");
	CHECK(json_object_array_length(list) > 0);
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		char *name = strdup(json_object_get_string(json_object_array_get_idx(list, i)));
		struct arca_strv options = {.items = &name, .len = 1};
		struct mount_options parsed;
		CHECK(mount_options_parse(&options, "test", &parsed, NULL) == 0);
		mount_options_release(&parsed);
		free(name);
	}
	CHECK(!listed(list, "idmap"));
	CHECK(!listed(list, "size=1m"));
	CHECK(listed(list, "rro"));
	json_object_put(doc);
}

/* FEAT-08: libcap resolves every listed name to its place in the list. */
static void test_capabilities(void)
{
	json_object *doc = features();
	json_object *list = member(doc, "linux.capabilities");
	CHECK(json_object_array_length(list) > 40); /* CAP_CHOWN .. CAP_CHECKPOINT_RESTORE */
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		cap_value_t cap = -1;
		const char *name = json_object_get_string(json_object_array_get_idx(list, i));
		CHECK(cap_from_name(name, &cap) == 0 && cap == (cap_value_t)i);
	}
	CHECK_STREQ(json_object_get_string(json_object_array_get_idx(list, 0)), "CAP_CHOWN");
	json_object_put(doc);
}

/* FEAT-04, FEAT-16, FEAT-17: layout and the members that are not lists of
 * config values. */
static void test_layout(void)
{
	_cleanup_free_ char *text = NULL;
	CHECK(arca_features_json(&text, NULL) == 0);
	size_t len = strlen(text);
	CHECK(len > 2 && text[len - 1] == '\n' && text[len - 2] == '}');
	CHECK(strchr(text, '\t') == NULL);
	CHECK_CONTAINS(text, "{\n    \"ociVersionMin\": \"1.0.0\",\n");
	CHECK_CONTAINS(text, "\"hooks\": [\n        \"prestart\",\n");
	CHECK_CONTAINS(text, "\"potentiallyUnsafeConfigAnnotations\": []\n}\n");
	json_object *doc = features();
	json_object *annotations = member(doc, "annotations");
	static const char *const keys[] = {"io.github.arca.commit", "io.github.arca.version",
	                                   "io.github.seccomp.libseccomp.version"};
	CHECK(json_object_object_length(annotations) == 3);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_object *value = NULL;
		CHECK(json_object_object_get_ex(annotations, keys[i], &value));
		CHECK(json_object_is_type(value, json_type_string) &&
		      json_object_get_string_len(value) > 0);
	}
	CHECK(json_object_array_length(member(doc, "potentiallyUnsafeConfigAnnotations")) == 0);
	json_object_put(doc);
}

static void test_field_at(void)
{
	bool implemented;
	CHECK(spec_field_at("linux.seccomp.syscalls.args.op", &implemented) != NULL && implemented);
	CHECK(spec_field_enum(spec_field_at("linux.seccomp.flags", &implemented))->count == 4);
	CHECK(spec_field_at("linux.intelRdt.closID", &implemented) != NULL && !implemented);
	CHECK(spec_field_at("hooks.prestart.path", &implemented) != NULL && implemented);
	CHECK(spec_field_at("linux.nosuch", &implemented) == NULL);
	CHECK(spec_field_at("ociVersion.x", &implemented) == NULL);
	CHECK(spec_field_at("linu", &implemented) == NULL);
	CHECK(spec_field_at("", &implemented) == NULL);
	CHECK(spec_field_enum(spec_field_at("mounts.options", &implemented)) == NULL);
}

int main(void)
{
	RUN(test_versions);
	RUN(test_enums_load);
	RUN(test_hooks);
	RUN(test_mechanisms);
	RUN(test_mount_options);
	RUN(test_capabilities);
	RUN(test_layout);
	RUN(test_field_at);
	return check_exit();
}
