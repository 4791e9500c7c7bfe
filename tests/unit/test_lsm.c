/* The LSM decision logic (AA-01, SEL-01, SEL-02): labels are applied on a
 * host with the LSM and refused, naming the field, on a host without it,
 * as runc refuses them; no label costs nothing and is never an error. */
#include "check.h"
#include "linux/lsm.h"

static struct spec_process process;
static struct spec_linux linux_;
static struct spec spec = {.process = &process, .linux_ = &linux_};

static char *check_with(bool apparmor, bool selinux)
{
	static char msg[512];
	struct lsm_host host = {.apparmor = apparmor, .selinux = selinux};
	struct arca_error *err = NULL;
	int r = lsm_check(&spec, &host, &err);
	snprintf(msg, sizeof(msg), "%s", r < 0 && err ? err->msg : "ok");
	arca_error_free(err);
	return msg;
}

static void reset(void)
{
	process = (struct spec_process){0};
	linux_ = (struct spec_linux){0};
}

static void test_no_labels_always_fine(void)
{
	reset();
	CHECK_STREQ(check_with(false, false), "ok");
	process.apparmor_profile = "";
	CHECK_STREQ(check_with(false, false), "ok");
}

static void test_aa01_apparmor_profile(void)
{
	reset();
	process.apparmor_profile = "acme_secure_profile";
	CHECK_STREQ(check_with(true, false), "ok");
	CHECK_STREQ(check_with(false, true), "process.apparmorProfile \"acme_secure_profile\": "
	                                     "AppArmor is not enabled on this host");
}

static void test_sel01_selinux_label(void)
{
	reset();
	process.selinux_label = "system_u:system_r:container_t:s0";
	CHECK_STREQ(check_with(false, true), "ok");
	CHECK_CONTAINS(check_with(true, false), "process.selinuxLabel: selinux is disabled");
}

static void test_sel02_mount_label(void)
{
	reset();
	linux_.mount_label = "system_u:object_r:container_file_t:s0";
	CHECK_STREQ(check_with(false, true), "ok");
	CHECK_CONTAINS(check_with(true, false), "linux.mountLabel: selinux is disabled");
}

static void test_no_process(void)
{
	reset();
	spec.process = NULL;
	CHECK_STREQ(check_with(false, false), "ok");
	spec.process = &process;
}

int main(void)
{
	RUN(test_no_labels_always_fine);
	RUN(test_aa01_apparmor_profile);
	RUN(test_sel01_selinux_label);
	RUN(test_sel02_mount_label);
	RUN(test_no_process);
	return check_exit();
}
