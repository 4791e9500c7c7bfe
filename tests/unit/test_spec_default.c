/* spec_default_json: what `arca spec` writes, with and without --rootless,
 * loads as it is (only implemented members). */
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/spec.h"
#include "check.h"

static struct spec *load_default(bool rootless, uid_t uid, gid_t gid, char **text)
{
	_cleanup_error_ struct arca_error *err = NULL;
	struct spec *spec = NULL;
	CHECK(spec_default_json(rootless, uid, gid, text, &err) == 0);
	if (!*text)
		return NULL;
	if (spec_parse(*text, strlen(*text), "config.json", &spec, &err) < 0)
		fprintf(stderr, "default does not load: %s\n", err->msg);
	return spec;
}

static const struct spec_mount *mount_at(const struct spec *spec, const char *destination)
{
	for (size_t i = 0; i < spec->mounts.len; i++)
		if (strcmp(spec->mounts.items[i].destination, destination) == 0)
			return &spec->mounts.items[i];
	return NULL;
}

static bool has_option(const struct spec_mount *m, const char *option)
{
	for (size_t i = 0; m && i < m->options.len; i++)
		if (strcmp(m->options.items[i], option) == 0)
			return true;
	return false;
}

static void test_default_loads(void)
{
	_cleanup_free_ char *text = NULL;
	_cleanup_spec_ struct spec *spec = load_default(false, 0, 0, &text);
	CHECK(spec != NULL);
	if (!spec)
		return;
	/* two-space pretty print, runc's member order */
	CHECK(strncmp(text,
	              "{\n  \"ociVersion\": \"1.3.0\",\n  \"process\": {\n    \"terminal\": true,",
	              60) == 0);
	CHECK_STREQ(spec->oci_version, ARCA_OCI_VERSION);
	CHECK(spec->process->terminal);
	CHECK(spec->process->user.uid == 0 && spec->process->user.gid == 0);
	CHECK(spec->process->args.len == 1);
	CHECK_STREQ(spec->process->args.items[0], "sh");
	CHECK(spec->process->env.len == 2);
	CHECK_STREQ(spec->process->env.items[1], "TERM=xterm");
	CHECK_STREQ(spec->process->cwd, "/");
	CHECK_STREQ(spec->root->path, "rootfs");
	CHECK(spec->root->readonly);
	CHECK_STREQ(spec->hostname, "arca");
	CHECK(spec->mounts.len == 7);
	CHECK_STREQ(spec->mounts.items[0].destination, "/proc");
	CHECK(has_option(mount_at(spec, "/dev/pts"), "gid=5"));
	CHECK_STREQ(mount_at(spec, "/sys")->type, "sysfs");
	CHECK(has_option(mount_at(spec, "/sys/fs/cgroup"), "ro"));
	const int expected[] = {SPEC_NS_PID, SPEC_NS_NETWORK, SPEC_NS_IPC,
	                        SPEC_NS_UTS, SPEC_NS_MOUNT,   SPEC_NS_CGROUP};
	CHECK(spec->linux_->namespaces.len == 6);
	for (size_t i = 0; i < 6 && i < spec->linux_->namespaces.len; i++)
		CHECK(spec->linux_->namespaces.items[i].type == expected[i]);
	CHECK(spec->linux_->uid_mappings.len == 0);
	/* runc's hardening defaults */
	CHECK(spec->process->no_new_privileges);
	CHECK(spec->process->capabilities && spec->process->capabilities->bounding.len == 3 &&
	      spec->process->capabilities->ambient.len == 0);
	CHECK(spec->process->rlimits.len == 1 &&
	      spec->process->rlimits.items[0].type == SPEC_RLIMIT_NOFILE);
	CHECK(spec->linux_->masked_paths.len == 10 && spec->linux_->readonly_paths.len == 5);
	/* nothing arca does not implement (runc also denies every device) */
	CHECK(strstr(text, "seccomp") == NULL && strstr(text, "resources") == NULL);
	CHECK(spec->linux_->resources == NULL);
}

static void test_default_rootless(void)
{
	_cleanup_free_ char *text = NULL;
	_cleanup_spec_ struct spec *spec = load_default(true, 1000, 1001, &text);
	CHECK(spec != NULL);
	if (!spec)
		return;
	const struct spec_linux *l = spec->linux_;
	const int expected[] = {SPEC_NS_PID,   SPEC_NS_IPC,    SPEC_NS_UTS,
	                        SPEC_NS_MOUNT, SPEC_NS_CGROUP, SPEC_NS_USER};
	CHECK(l->namespaces.len == 6);
	for (size_t i = 0; i < 6 && i < l->namespaces.len; i++)
		CHECK(l->namespaces.items[i].type == expected[i]);
	CHECK(l->uid_mappings.len == 1 && l->gid_mappings.len == 1);
	CHECK(l->uid_mappings.items[0].container_id == 0);
	CHECK(l->uid_mappings.items[0].host_id == 1000 && l->uid_mappings.items[0].size == 1);
	CHECK(l->gid_mappings.items[0].host_id == 1001 && l->gid_mappings.items[0].size == 1);
	const struct spec_mount *sys = mount_at(spec, "/sys");
	CHECK_STREQ(sys->type, "none");
	CHECK_STREQ(sys->source, "/sys");
	CHECK(has_option(sys, "rbind") && has_option(sys, "ro"));
	CHECK(!has_option(mount_at(spec, "/dev/pts"), "gid=5"));
	CHECK(has_option(mount_at(spec, "/dev/pts"), "mode=0620"));
}

static void test_ns_type_names(void)
{
	const char *names[] = {"mount", "pid", "network", "uts", "ipc", "user", "cgroup", "time"};
	for (int i = 0; i < SPEC_NS_COUNT; i++)
		CHECK_STREQ(spec_ns_type_name(i), names[i]);
	CHECK(spec_ns_type_name(SPEC_NS_COUNT) == NULL);
	CHECK(spec_ns_type_name(-1) == NULL);
}

int main(void)
{
	RUN(test_default_loads);
	RUN(test_default_rootless);
	RUN(test_ns_type_names);
	return check_exit();
}
