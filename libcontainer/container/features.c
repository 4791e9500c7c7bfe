/* The features document (FEAT-01..18). Every list is read from what the
 * runtime itself uses, so the document cannot claim more than create
 * accepts: the loader's tables (spec/features.h), the mount option parser,
 * libcap's names and the seccomp filter builder. "[]" means "none"; a member
 * is never left out for "unknown" (FEAT-04). */
#include <ctype.h>
#include <errno.h>
#include <json-c/json.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>

#include "arca/cleanup.h"
#include "arca/features.h"
#include "arca/spec.h"
#include "linux/mount_options.h"
#include "linux/seccomp_filter.h"
#include "spec/features.h"
#include "util/json.h"

/* Capability numbers are below 64 (struct cap_sets keeps them in a uint64_t). */
#define MAX_CAPS      64
#define CAP_NAME_SIZE 32

/* Go prints an empty list as [], json-c's pretty layout as "[\n]". */
static int print_empty_array(json_object *obj, struct printbuf *pb, int level, int flags)
{
	return printbuf_strappend(pb, "[]") < 0 ? -1 : 0;
}

/* Adds list under key unless r says that filling it failed; obj owns list
 * from then on, or it is gone. */
static int put_list(json_object *obj, const char *key, json_object *list, int r)
{
	if (r < 0) {
		json_object_put(list);
		return r;
	}
	if (list && json_object_array_length(list) == 0)
		json_object_set_serializer(list, print_empty_array, NULL, NULL);
	return json_put(obj, key, list);
}

static int add_string(json_object *list, const char *s)
{
	json_object *value = json_object_new_string(s);
	if (!value || json_object_array_add(list, value) < 0) {
		json_object_put(value);
		return -ENOMEM;
	}
	return 0;
}

static int put_bool(json_object *obj, const char *key, bool value)
{
	return json_put(obj, key, json_object_new_boolean(value));
}

/* Adds an object under key, filled by fill. */
static int put_object(json_object *parent, const char *key, int (*fill)(json_object *obj))
{
	_cleanup_json_ json_object *obj = json_object_new_object();
	if (!obj)
		return -ENOMEM;
	int r = fill(obj);
	return r ?: json_put(parent, key, TAKE_PTR(obj));
}

/* The row at path; a path the tables lack is a bug of this file (the unit
 * test builds the whole document). */
static int field_at(const char *path, const struct spec_field **row, bool *implemented)
{
	*row = spec_field_at(path, implemented);
	return *row ? 0 : -ENOENT;
}

static int put_implemented(json_object *obj, const char *key, const char *path)
{
	const struct spec_field *row;
	bool implemented;
	int r = field_at(path, &row, &implemented);
	return r ?: put_bool(obj, key, implemented);
}

/* The enum strings the loader accepts at path: none when it refuses the
 * member. */
static int put_enum(json_object *obj, const char *key, const char *path)
{
	const struct spec_field *row;
	bool implemented;
	int r = field_at(path, &row, &implemented);
	const struct spec_enum *values = r == 0 ? spec_field_enum(row) : NULL;
	if (!values)
		return -ENOENT;
	json_object *list = json_object_new_array();
	r = list ? 0 : -ENOMEM;
	for (size_t i = 0; r == 0 && implemented && i < values->count; i++)
		r = add_string(list, values->names[i]);
	return put_list(obj, key, list, r);
}

/* The members of the object at path that the loader accepts when set. */
static int put_members(json_object *obj, const char *key, const char *path)
{
	const struct spec_field *row;
	bool implemented;
	int r = field_at(path, &row, &implemented);
	if (r < 0 || !row->object)
		return -ENOENT;
	json_object *list = json_object_new_array();
	r = list ? 0 : -ENOMEM;
	for (size_t i = 0; r == 0 && implemented && i < row->object->count; i++)
		if (!(row->object->fields[i].flags & SPEC_UNIMPLEMENTED))
			r = add_string(list, row->object->fields[i].name);
	return put_list(obj, key, list, r);
}

/* The options the parser takes: its table less what it refuses as not
 * supported yet. Filesystem parameters (size=, mode=, ...) are not in it. */
static bool mount_option_accepted(const char *name)
{
	char *item = (char *)name; /* the parser only reads it */
	const struct arca_strv options = {.items = &item, .len = 1};
	struct mount_options parsed;
	if (mount_options_parse(&options, "features", &parsed, NULL) < 0)
		return false;
	mount_options_release(&parsed);
	return true;
}

static int put_mount_options(json_object *obj)
{
	json_object *list = json_object_new_array();
	int r = list ? 0 : -ENOMEM;
	const char *name;
	for (size_t i = 0; r == 0 && (name = mount_option_name(i)); i++)
		if (mount_option_accepted(name))
			r = add_string(list, name);
	return put_list(obj, "mountOptions", list, r);
}

/* libcap's name of cap in upper case ("CAP_CHOWN"), as capabilities.c
 * resolves names with libcap; false past the last name libcap knows (it
 * then gives a number). */
static bool cap_name(int cap, char out[static CAP_NAME_SIZE])
{
	char *name = cap_to_name(cap);
	size_t len = name ? strlen(name) : 0;
	bool known = len < CAP_NAME_SIZE && strncmp(name ? name : "", "cap_", 4) == 0;
	for (size_t i = 0; known && i <= len; i++)
		out[i] = (char)toupper((unsigned char)name[i]);
	cap_free(name);
	return known;
}

static int put_capabilities(json_object *obj)
{
	json_object *list = json_object_new_array();
	int r = list ? 0 : -ENOMEM;
	char name[CAP_NAME_SIZE];
	for (int cap = 0; r == 0 && cap < MAX_CAPS && cap_name(cap, name); cap++)
		r = add_string(list, name);
	return put_list(obj, "capabilities", list, r);
}

/* Whether the filter builder takes flag in a profile with a listener, the
 * most it asks of the kernel for a flag (WAIT_KILLABLE_RECV only means
 * something there; TSYNC then needs TSYNC_ESRCH): it checks the flags
 * against this kernel, so this is the one host-dependent answer. */
static bool seccomp_flag_supported(int flag)
{
	char syscall_name[] = "getpid", listener[] = "/";
	char *names[] = {syscall_name};
	int flags[] = {flag};
	struct spec_syscall rule = {
	    .names = {.items = names, .len = 1},
	    .action = SPEC_SCMP_ACT_NOTIFY,
	};
	const struct spec_seccomp profile = {
	    .default_action = SPEC_SCMP_ACT_ALLOW,
	    .flags = {.items = flags, .len = 1},
	    .listener_path = listener,
	    .syscalls = {.items = &rule, .len = 1},
	};
	_cleanup_seccomp_program_ struct seccomp_program *program = NULL;
	return seccomp_program_build(&profile, &program, NULL) == 0;
}

static int put_supported_flags(json_object *obj)
{
	const struct spec_field *row;
	bool implemented;
	int r = field_at("linux.seccomp.flags", &row, &implemented);
	const struct spec_enum *known = r == 0 ? spec_field_enum(row) : NULL;
	if (!known)
		return -ENOENT;
	json_object *list = json_object_new_array();
	r = list ? 0 : -ENOMEM;
	for (size_t i = 0; r == 0 && implemented && i < known->count; i++)
		if (seccomp_flag_supported((int)i))
			r = add_string(list, known->names[i]);
	return put_list(obj, "supportedFlags", list, r);
}

/* The cgroups driver handles v1, v2 and hybrid hosts; there is no systemd
 * manager (--systemd-cgroup is refused). */
static int fill_cgroup(json_object *obj)
{
	int r = put_bool(obj, "v1", true);
	r = r ?: put_bool(obj, "v2", true);
	r = r ?: put_bool(obj, "systemd", false);
	r = r ?: put_bool(obj, "systemdUser", false);
	return r ?: put_implemented(obj, "rdma", "linux.resources.rdma");
}

static int fill_seccomp(json_object *obj)
{
	int r = put_implemented(obj, "enabled", "linux.seccomp");
	r = r ?: put_enum(obj, "actions", "linux.seccomp.syscalls.action");
	r = r ?: put_enum(obj, "operators", "linux.seccomp.syscalls.args.op");
	r = r ?: put_enum(obj, "archs", "linux.seccomp.architectures");
	r = r ?: put_enum(obj, "knownFlags", "linux.seccomp.flags");
	return r ?: put_supported_flags(obj);
}

static int fill_apparmor(json_object *obj)
{
	return put_implemented(obj, "enabled", "process.apparmorProfile");
}

static int fill_selinux(json_object *obj)
{
	return put_implemented(obj, "enabled", "process.selinuxLabel");
}

static int fill_intel_rdt(json_object *obj)
{
	int r = put_implemented(obj, "enabled", "linux.intelRdt");
	r = r ?: put_implemented(obj, "schemata", "linux.intelRdt.schemata");
	return r ?: put_implemented(obj, "monitoring", "linux.intelRdt.enableMonitoring");
}

static int fill_memory_policy(json_object *obj)
{
	int r = put_enum(obj, "modes", "linux.memoryPolicy.mode");
	return r ?: put_enum(obj, "flags", "linux.memoryPolicy.flags");
}

static int fill_idmap(json_object *obj)
{
	return put_implemented(obj, "enabled", "mounts.uidMappings");
}

static int fill_mount_extensions(json_object *obj)
{
	return put_object(obj, "idmap", fill_idmap);
}

static int fill_net_devices(json_object *obj)
{
	return put_implemented(obj, "enabled", "linux.netDevices");
}

/* In the order of the spec's Go type, as runc prints it. */
static int fill_linux(json_object *obj)
{
	int r = put_enum(obj, "namespaces", "linux.namespaces.type");
	r = r ?: put_capabilities(obj);
	r = r ?: put_object(obj, "cgroup", fill_cgroup);
	r = r ?: put_object(obj, "seccomp", fill_seccomp);
	r = r ?: put_object(obj, "apparmor", fill_apparmor);
	r = r ?: put_object(obj, "selinux", fill_selinux);
	r = r ?: put_object(obj, "intelRdt", fill_intel_rdt);
	r = r ?: put_object(obj, "memoryPolicy", fill_memory_policy);
	r = r ?: put_object(obj, "mountExtensions", fill_mount_extensions);
	return r ?: put_object(obj, "netDevices", fill_net_devices);
}

/* arca's own keys, and libseccomp's (the key runc and crun use for it);
 * sorted, as Go prints a map. */
static int fill_annotations(json_object *obj)
{
	int r = json_put(obj, "io.github.arca.commit", json_object_new_string(ARCA_COMMIT));
	r = r ?: json_put(obj, "io.github.arca.version", json_object_new_string(ARCA_VERSION));
	const struct scmp_version *v = seccomp_version();
	if (r < 0 || !v)
		return r;
	char version[48];
	snprintf(version, sizeof(version), "%u.%u.%u", v->major, v->minor, v->micro);
	return json_put(obj, "io.github.seccomp.libseccomp.version",
	                json_object_new_string(version));
}

/* No config annotation changes what arca does. */
static int put_unsafe_annotations(json_object *obj)
{
	return put_list(obj, "potentiallyUnsafeConfigAnnotations", json_object_new_array(), 0);
}

static int fill_document(json_object *obj)
{
	int r = json_put(obj, "ociVersionMin", json_object_new_string(ARCA_OCI_VERSION_MIN));
	r = r ?: json_put(obj, "ociVersionMax", json_object_new_string(ARCA_OCI_VERSION));
	r = r ?: put_members(obj, "hooks", "hooks");
	r = r ?: put_mount_options(obj);
	r = r ?: put_object(obj, "linux", fill_linux);
	r = r ?: put_object(obj, "annotations", fill_annotations);
	return r ?: put_unsafe_annotations(obj);
}

/* json-c indents by one tab per level or by two spaces; runc (Go's
 * encoder) by four spaces. A tab in json-c's text is always indentation
 * (in a string it is written as \t), so each becomes four spaces. */
static char *four_space_indent(const char *text)
{
	size_t tabs = 0, len = strlen(text);
	for (const char *p = text; *p; p++)
		tabs += *p == '\t';
	char *out = malloc(len + 3 * tabs + 2);
	if (!out)
		return NULL;
	char *q = out;
	for (const char *p = text; *p; p++) {
		if (*p == '\t') {
			memcpy(q, "    ", 4);
			q += 4;
		} else {
			*q++ = *p;
		}
	}
	memcpy(q, "\n", 2);
	return out;
}

int arca_features_json(char **out, struct arca_error **err)
{
	_cleanup_json_ json_object *doc = json_object_new_object();
	int r = doc ? fill_document(doc) : -ENOMEM;
	if (r < 0)
		return arca_fail(err, -r, "features");
	const char *text = json_object_to_json_string_ext(
	    doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_PRETTY_TAB | JSON_C_TO_STRING_SPACED |
	             JSON_C_TO_STRING_NOSLASHESCAPE);
	*out = text ? four_space_indent(text) : NULL;
	if (!*out)
		return arca_fail(err, ENOMEM, "features");
	return 0;
}
