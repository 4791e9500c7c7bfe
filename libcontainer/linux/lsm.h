/* process.apparmorProfile, process.selinuxLabel and linux.mountLabel
 * (AA-01, SEL-01, SEL-02).
 *
 * On a host where the LSM is enabled the labels are applied: the exec
 * labels written to the init's /proc/self/attr right before execve (the
 * kernel applies them at execve), the mount label as the context= of every
 * new filesystem. On a host where it is not, a config that asks for one
 * fails create, as runc fails it: runc errors for an AppArmor profile when
 * the write to attr/exec is refused, and for an SELinux label "specified in
 * config, but selinux is disabled or not supported". A label that cannot be
 * applied is never dropped silently. */
#ifndef ARCA_LINUX_LSM_H
#define ARCA_LINUX_LSM_H

#include <stdbool.h>

#include "arca/error.h"
#include "arca/spec.h"

struct lsm_host {
	bool apparmor; /* /sys/module/apparmor/parameters/enabled is Y (runc's test) */
	bool selinux;  /* selinuxfs is mounted at /sys/fs/selinux */
};

void lsm_detect(struct lsm_host *out);

/* Whether the config asks for any label (nothing to detect otherwise). */
bool lsm_labels_set(const struct spec *spec);

/* In the runtime, before anything is made: refuses labels the host cannot
 * apply. */
int lsm_check(const struct spec *spec, const struct lsm_host *host, struct arca_error **err);

/* In the init (or exec), last before execve: the exec labels, written
 * through procfd, a verified /proc. Nothing to do without labels. */
int lsm_set_exec_labels(int procfd, const struct spec_process *process, struct arca_error **err);

#endif
