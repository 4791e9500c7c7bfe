#include "spec/validate.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "spec/fields.h"
#include "spec/semver.h"
#include "spec/text.h"

/* The kernel takes at most this many lines in uid_map / gid_map (UMAP-03). */
#define MAX_ID_MAPPINGS 340

/* The kernel's __NEW_UTS_LEN: sethostname(2) and setdomainname(2) refuse more. */
#define UTS_NAME_MAX 64

#define fail(err, ...) arca_fail_msg(err, EINVAL, __VA_ARGS__)

static const char *quote(char buf[static SPEC_QUOTE_SIZE], const char *s)
{
	return spec_quote(buf, s, strlen(s));
}

/* BND-04, BND-05: a SemVer string, major and minor within what arca implements. */
static int check_version(const char *version, struct arca_error **err)
{
	char q[SPEC_QUOTE_SIZE];
	struct semver v, max;
	if (!semver_parse(version, &v))
		return fail(err, "ociVersion: %s is not a SemVer version", quote(q, version));
	semver_parse(ARCA_OCI_VERSION, &max);
	if (v.major != max.major || v.minor > max.minor)
		return fail(err,
		            "ociVersion: %s is not supported (arca implements %s to %ju.%ju.x)",
		            quote(q, version), ARCA_OCI_VERSION_MIN, (uintmax_t)max.major,
		            (uintmax_t)max.minor);
	return 0;
}

/* PROC-04: environ entries are KEY=value with a non-empty KEY. */
static int check_env(const struct arca_strv *env, const char *prefix, struct arca_error **err)
{
	for (size_t i = 0; i < env->len; i++) {
		const char *eq = strchr(env->items[i], '=');
		if (!eq || eq == env->items[i]) {
			char q[SPEC_QUOTE_SIZE];
			return fail(err, "%senv[%zu]: expected KEY=value, got %s", prefix, i,
			            quote(q, env->items[i]));
		}
	}
	return 0;
}

/* RLIM-03: one entry per resource. */
static int check_rlimits(const struct spec_rlimits *rlimits, const char *prefix,
                         struct arca_error **err)
{
	bool seen[SPEC_RLIMIT_STACK + 1] = {false};
	for (size_t i = 0; i < rlimits->len; i++) {
		int type = rlimits->items[i].type;
		if (seen[type])
			return fail(err, "%srlimits[%zu]: duplicate rlimit type \"%s\"", prefix, i,
			            spec_rlimit_type_name(type));
		seen[type] = true;
	}
	return 0;
}

/* (uid_t)-1 and (gid_t)-1 are not ids: setresuid(2) and setresgid(2) read
 * them as "leave unchanged", so the process would keep the runtime's root. */
#define NO_ID UINT32_MAX

static int check_user(const struct spec_user *user, const char *prefix, struct arca_error **err)
{
	if (user->uid == NO_ID)
		return fail(err, "%suser.uid: %" PRIu32 " is (uid_t)-1, which is not a user id",
		            prefix, user->uid);
	if (user->gid == NO_ID)
		return fail(err, "%suser.gid: %" PRIu32 " is (gid_t)-1, which is not a group id",
		            prefix, user->gid);
	for (size_t i = 0; i < user->additional_gids.len; i++)
		if (user->additional_gids.items[i] == NO_ID)
			return fail(err,
			            "%suser.additionalGids[%zu]: %" PRIu32
			            " is (gid_t)-1, which is not a group id",
			            prefix, i, NO_ID);
	return 0;
}

int spec_validate_process(const struct spec_process *process, const char *prefix,
                          struct arca_error **err)
{
	char q[SPEC_QUOTE_SIZE];
	if (process->cwd[0] != '/')
		return fail(err, "%scwd: must be an absolute path, got %s", prefix,
		            quote(q, process->cwd));
	if (strlen(process->cwd) >= PATH_MAX)
		return fail(err, "%scwd: longer than PATH_MAX (%d bytes): %s", prefix, PATH_MAX,
		            quote(q, process->cwd));
	if (process->args.len == 0)
		return fail(err, "%sargs: must not be empty", prefix);
	int r = check_user(&process->user, prefix, err);
	if (r >= 0)
		r = check_env(&process->env, prefix, err);
	if (r < 0)
		return r;
	return check_rlimits(&process->rlimits, prefix, err);
}

static int check_mounts(const struct spec_mounts *mounts, struct arca_error **err)
{
	for (size_t i = 0; i < mounts->len; i++)
		if (mounts->items[i].destination[0] == '\0')
			return fail(err, "mounts[%zu].destination: must not be empty", i);
	return 0;
}

/* BND-08 */
static int check_annotations(const struct arca_map *annotations, struct arca_error **err)
{
	for (size_t i = 0; i < annotations->len; i++)
		if (annotations->items[i].key[0] == '\0')
			return fail(err, "annotations: a key must not be empty");
	return 0;
}

static const struct spec_namespace *find_namespace(const struct spec_linux *linux_, int type)
{
	for (size_t i = 0; linux_ && i < linux_->namespaces.len; i++)
		if (linux_->namespaces.items[i].type == type)
			return &linux_->namespaces.items[i];
	return NULL;
}

/* The container gets a namespace of its own of this type (no path to join). */
static bool has_new_namespace(const struct spec_linux *linux_, int type)
{
	const struct spec_namespace *ns = find_namespace(linux_, type);
	return ns && !ns->path;
}

/* NS-01, NS-02, NS-07 */
static int check_namespaces(const struct spec_namespaces *namespaces, struct arca_error **err)
{
	bool seen[SPEC_NS_COUNT] = {false};
	for (size_t i = 0; i < namespaces->len; i++) {
		const struct spec_namespace *ns = &namespaces->items[i];
		if (seen[ns->type])
			return fail(err, "linux.namespaces: duplicate namespace type \"%s\"",
			            spec_ns_type_name(ns->type));
		seen[ns->type] = true;
		if (ns->path && ns->path[0] != '/') {
			char q[SPEC_QUOTE_SIZE];
			return fail(err,
			            "linux.namespaces[%zu].path: must be an absolute path, got %s",
			            i, quote(q, ns->path));
		}
		if (ns->path && strlen(ns->path) >= PATH_MAX) {
			char q[SPEC_QUOTE_SIZE];
			return fail(
			    err, "linux.namespaces[%zu].path: longer than PATH_MAX (%d bytes): %s",
			    i, PATH_MAX, quote(q, ns->path));
		}
	}
	return 0;
}

/* UMAP-01, UMAP-03 */
static int check_mappings(const struct spec_id_mappings *mappings, const char *name,
                          bool new_userns, struct arca_error **err)
{
	if (mappings->len > MAX_ID_MAPPINGS)
		return fail(err, "linux.%s: %zu entries, more than the kernel's limit of %d", name,
		            mappings->len, MAX_ID_MAPPINGS);
	for (size_t i = 0; i < mappings->len; i++)
		if (mappings->items[i].size == 0)
			return fail(err, "linux.%s[%zu].size: must be greater than 0", name, i);
	if (new_userns && mappings->len == 0)
		return fail(err, "linux.%s: required with a new user namespace", name);
	if (!new_userns && mappings->len > 0)
		return fail(err, "linux.%s: set without a new user namespace", name);
	return 0;
}

/* The path stays below the cgroup mount: no ".." component, no newline
 * (a NUL byte never gets this far: the walker refuses it). */
static int check_cgroups_path(const char *path, struct arca_error **err)
{
	if (strchr(path, '\n'))
		return fail(err, "linux.cgroupsPath: must not contain a newline");
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return fail(err, "linux.cgroupsPath: must not contain a \"..\" component");
		p += len;
		p += strspn(p, "/");
	}
	return 0;
}

/* An errno below the kernel's MAX_ERRNO (4095), as libseccomp takes them;
 * the action's data is 16 bits (the value a tracer reads with TRACE). */
#define SECCOMP_ERRNO_MAX 4094
#define SECCOMP_TRACE_MAX 65535
#define SECCOMP_ARGS      6

/* SECC-03, SECC-06: only SCMP_ACT_ERRNO and SCMP_ACT_TRACE return a value. */
static int check_errno_ret(int action, const struct arca_opt_u32 *ret, const char *field,
                           struct arca_error **err)
{
	if (!ret->set)
		return 0;
	const char *name = spec_seccomp_action_name(action);
	if (action != SPEC_SCMP_ACT_ERRNO && action != SPEC_SCMP_ACT_TRACE)
		return fail(err,
		            "linux.seccomp.%s: %s returns no errno (only SCMP_ACT_ERRNO and "
		            "SCMP_ACT_TRACE do)",
		            field, name);
	uint32_t max = action == SPEC_SCMP_ACT_ERRNO ? SECCOMP_ERRNO_MAX : SECCOMP_TRACE_MAX;
	if (ret->value > max)
		return fail(err,
		            "linux.seccomp.%s: %" PRIu32 " is out of range for %s (at most %" PRIu32
		            ")",
		            field, ret->value, name, max);
	return 0;
}

/* SECC-06, SECC-07: every rule names a syscall; an argument index is 0 to 5. */
static int check_syscall(const struct spec_syscall *sc, size_t i, struct arca_error **err)
{
	char field[48];
	if (sc->names.len == 0)
		return fail(err, "linux.seccomp.syscalls[%zu].names: must not be empty", i);
	snprintf(field, sizeof(field), "syscalls[%zu].errnoRet", i);
	int r = check_errno_ret(sc->action, &sc->errno_ret, field, err);
	for (size_t j = 0; r == 0 && j < sc->args.len; j++)
		if (sc->args.items[j].index >= SECCOMP_ARGS)
			r = fail(err,
			         "linux.seccomp.syscalls[%zu].args[%zu].index: %" PRIu32
			         " is out of range (a system call has %d arguments, 0 to %d)",
			         i, j, sc->args.items[j].index, SECCOMP_ARGS, SECCOMP_ARGS - 1);
	return r;
}

static int check_seccomp(const struct spec_seccomp *seccomp, struct arca_error **err)
{
	if (!seccomp)
		return 0;
	int r = check_errno_ret(seccomp->default_action, &seccomp->default_errno_ret,
	                        "defaultErrnoRet", err);
	bool listener = seccomp->listener_path && seccomp->listener_path[0];
	if (r == 0 && seccomp->listener_metadata && !listener) /* SECC-10 */
		r = fail(err, "linux.seccomp.listenerMetadata: set without listenerPath");
	for (size_t i = 0; r == 0 && i < seccomp->syscalls.len; i++)
		r = check_syscall(&seccomp->syscalls.items[i], i, err);
	return r;
}

static int check_linux(const struct spec_linux *linux_, struct arca_error **err)
{
	bool new_userns = has_new_namespace(linux_, SPEC_NS_USER);
	int r = check_mappings(&linux_->uid_mappings, "uidMappings", new_userns, err);
	if (r >= 0)
		r = check_mappings(&linux_->gid_mappings, "gidMappings", new_userns, err);
	if (r >= 0 && linux_->cgroups_path)
		r = check_cgroups_path(linux_->cgroups_path, err);
	if (r >= 0)
		r = check_seccomp(linux_->seccomp, err);
	const struct spec_time_offsets *offsets = linux_->time_offsets;
	if (r >= 0 && offsets && (offsets->boottime || offsets->monotonic) &&
	    !has_new_namespace(linux_, SPEC_NS_TIME)) /* TIME-01 */
		r = fail(err, "linux.timeOffsets: set without a new time namespace");
	return r;
}

/* HOOK-01: an absolute path; a timeout, when given, above zero. */
static int check_hook(const struct spec_hook *hook, const char *kind, size_t i,
                      struct arca_error **err)
{
	if (hook->path[0] != '/') {
		char q[SPEC_QUOTE_SIZE];
		return fail(err, "hooks.%s[%zu].path: %s is not an absolute path", kind, i,
		            quote(q, hook->path));
	}
	if (hook->timeout.set && hook->timeout.value <= 0)
		return fail(err, "hooks.%s[%zu].timeout: must be greater than zero, got %" PRId64,
		            kind, i, hook->timeout.value);
	return 0;
}

static int check_hooks(const struct spec_hooks *hooks, struct arca_error **err)
{
	const struct {
		const char *name;
		const struct spec_hook_list *list;
	} lists[] = {
	    {"prestart", &hooks->prestart},
	    {"createRuntime", &hooks->create_runtime},
	    {"createContainer", &hooks->create_container},
	    {"startContainer", &hooks->start_container},
	    {"poststart", &hooks->poststart},
	    {"poststop", &hooks->poststop},
	};
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (size_t i = 0; i < lists[l].list->len; i++) {
			int r = check_hook(&lists[l].list->items[i], lists[l].name, i, err);
			if (r < 0)
				return r;
		}
	return 0;
}

/* PROC-09, PROC-10: like runc, a hostname needs a uts namespace of the
 * container's own (new or joined), never the host's. */
static int check_uts(const struct spec *spec, struct arca_error **err)
{
	if (spec->hostname && strlen(spec->hostname) > UTS_NAME_MAX)
		return fail(err, "hostname: longer than the kernel's limit of %d bytes (%zu bytes)",
		            UTS_NAME_MAX, strlen(spec->hostname));
	if (spec->domainname && strlen(spec->domainname) > UTS_NAME_MAX)
		return fail(err,
		            "domainname: longer than the kernel's limit of %d bytes (%zu bytes)",
		            UTS_NAME_MAX, strlen(spec->domainname));
	bool uts = find_namespace(spec->linux_, SPEC_NS_UTS) != NULL;
	if (spec->hostname && spec->hostname[0] && !uts)
		return fail(err, "hostname: set without a uts namespace in linux.namespaces");
	if (spec->domainname && spec->domainname[0] && !uts)
		return fail(err, "domainname: set without a uts namespace in linux.namespaces");
	return 0;
}

int spec_validate(const struct spec *spec, struct arca_error **err)
{
	int r = check_version(spec->oci_version, err);
	if (r >= 0 && spec->process)
		r = spec_validate_process(spec->process, "process.", err);
	if (r >= 0 && spec->root->path[0] == '\0') /* ROOT-01 */
		r = fail(err, "root.path: must not be empty");
	if (r >= 0)
		r = check_uts(spec, err);
	if (r >= 0)
		r = check_mounts(&spec->mounts, err);
	if (r >= 0)
		r = check_annotations(&spec->annotations, err);
	if (r >= 0 && spec->linux_)
		r = check_namespaces(&spec->linux_->namespaces, err);
	if (r >= 0 && spec->linux_)
		r = check_linux(spec->linux_, err);
	if (r >= 0 && spec->hooks)
		r = check_hooks(spec->hooks, err);
	return r;
}
