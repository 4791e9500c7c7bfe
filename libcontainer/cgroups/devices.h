/* linux.resources.devices as runc's device emulator sees them: rules are
 * applied in order to a default (allow or deny everything) plus exceptions
 * of the other verdict; a type "a" rule resets everything (as the v1 kernel
 * does), a deny inside an allowed wildcard exception is refused (v1 would
 * ignore it). runc's default devices are appended after the config's rules
 * (CGDEV-01, CGDEV-02). The result drives both devices.allow/deny (v1) and
 * the eBPF program (v2). */
#ifndef ARCA_CGROUPS_DEVICES_H
#define ARCA_CGROUPS_DEVICES_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arca/error.h"
#include "arca/spec.h"

#define DEV_WILDCARD (-1)
/* Access bits, as the kernel's BPF_DEVCG_ACC_*. */
#define DEV_ACC_MKNOD 1u
#define DEV_ACC_READ  2u
#define DEV_ACC_WRITE 4u
#define DEV_ACC_ALL   7u

struct dev_rule {
	char type;     /* 'b' or 'c' */
	int64_t major; /* DEV_WILDCARD or 0..INT32_MAX */
	int64_t minor;
	unsigned access; /* DEV_ACC_* */
};

struct dev_rules {
	bool default_allow;
	struct dev_rule *items; /* the exceptions, sorted by type, major, minor */
	size_t len;
};

/* Runs the config's rules, then runc's default devices, through the emulator. */
int dev_rules_build(const struct spec_device_cgroups *spec, struct dev_rules *out,
                    struct arca_error **err);

void dev_rules_clear(struct dev_rules *rules);

static inline void dev_rules_clearp(struct dev_rules *rules)
{
	dev_rules_clear(rules);
}

/* "c 1:3 rwm", "b *:* m": the v1 devices.allow/deny syntax. */
void dev_rule_format(char type, int64_t major, int64_t minor, unsigned access, char *buf,
                     size_t size);

/* The BPF_PROG_TYPE_CGROUP_DEVICE program for rules; *out is malloc'd. */
int dev_bpf_program(const struct dev_rules *rules, struct bpf_insn **out, size_t *len,
                    struct arca_error **err);

int dev_apply_v1(const char *dir, const struct dev_rules *rules, struct arca_error **err);
int dev_apply_bpf(int cgroup_fd, const struct dev_rules *rules, struct arca_error **err);

#endif
