/* v1 devices cgroup: runc's transition from a new cgroup (which inherits
 * its parent's list and may be an allow-all list, whose deny entries
 * devices.list cannot show) to the rules: always first the disruptive
 * "a *:* rwm" to devices.deny (or devices.allow for an allow-all default),
 * then each exception, sorted, to the other file. */
#include "cgroups/devices.h"
#include "cgroups/resources.h"

#define FIELD "linux.resources.devices"

int dev_apply_v1(const char *dir, const struct dev_rules *rules, struct arca_error **err)
{
	const char *reset = rules->default_allow ? "devices.allow" : "devices.deny";
	const char *other = rules->default_allow ? "devices.deny" : "devices.allow";
	int r = res_write(dir, reset, "a *:* rwm", FIELD, err);
	for (size_t i = 0; r >= 0 && i < rules->len; i++) {
		const struct dev_rule *d = &rules->items[i];
		char line[64];
		dev_rule_format(d->type, d->major, d->minor, d->access, line, sizeof(line));
		r = res_write(dir, other, line, FIELD, err);
	}
	return r;
}
