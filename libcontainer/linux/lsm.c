#include "linux/lsm.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "util/io.h"

static bool apparmor_enabled(void)
{
	struct stat st;
	if (stat("/sys/kernel/security/apparmor", &st) < 0)
		return false;
	char c = 0;
	_cleanup_close_ int fd =
	    open("/sys/module/apparmor/parameters/enabled", O_RDONLY | O_CLOEXEC);
	return fd >= 0 && read(fd, &c, 1) == 1 && c == 'Y';
}

static bool selinux_enabled(void)
{
	struct statfs fs;
	return statfs("/sys/fs/selinux", &fs) == 0 && fs.f_type == SELINUX_MAGIC;
}

void lsm_detect(struct lsm_host *out)
{
	out->apparmor = apparmor_enabled();
	out->selinux = selinux_enabled();
}

static bool set(const char *label)
{
	return label && label[0];
}

bool lsm_labels_set(const struct spec *spec)
{
	const struct spec_process *p = spec->process;
	return (p && (set(p->apparmor_profile) || set(p->selinux_label))) ||
	       (spec->linux_ && set(spec->linux_->mount_label));
}

int lsm_check(const struct spec *spec, const struct lsm_host *host, struct arca_error **err)
{
	const struct spec_process *p = spec->process;
	if (p && set(p->apparmor_profile) && !host->apparmor)
		return arca_fail_msg(
		    err, ENOTSUP,
		    "process.apparmorProfile \"%s\": AppArmor is not enabled on this "
		    "host",
		    p->apparmor_profile);
	if (p && set(p->selinux_label) && !host->selinux)
		return arca_fail_msg(
		    err, ENOTSUP,
		    "process.selinuxLabel: selinux is disabled or not supported on this "
		    "host");
	if (spec->linux_ && set(spec->linux_->mount_label) && !host->selinux)
		return arca_fail_msg(
		    err, ENOTSUP,
		    "linux.mountLabel: selinux is disabled or not supported on this host");
	return 0;
}

static int write_attr(int procfd, const char *attr, const char *value, const char *field,
                      struct arca_error **err)
{
	_cleanup_close_ int fd = openat(procfd, attr, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "%s: open /proc/%s", field, attr);
	int r = write_all(fd, value, strlen(value));
	return r < 0 ? arca_fail(err, -r, "%s: write /proc/%s", field, attr) : 0;
}

int lsm_set_exec_labels(int procfd, const struct spec_process *p, struct arca_error **err)
{
	if (set(p->apparmor_profile)) {
		/* the stacking-aware file first, as runc does */
		const char *attr = faccessat(procfd, "thread-self/attr/apparmor/exec", F_OK, 0) == 0
		                       ? "thread-self/attr/apparmor/exec"
		                       : "thread-self/attr/exec";
		char value[4096];
		snprintf(value, sizeof(value), "exec %s", p->apparmor_profile);
		int r = write_attr(procfd, attr, value, "process.apparmorProfile", err);
		if (r < 0)
			return r;
	}
	if (set(p->selinux_label))
		return write_attr(procfd, "thread-self/attr/exec", p->selinux_label,
		                  "process.selinuxLabel", err);
	return 0;
}
