#include "linux/capabilities.h"

#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "arca/log.h"

/* cap_to_name's string is libcap's to free. */
static int fail_for(struct arca_error **err, int code, const char *what, int cap)
{
	char *name = cap_to_name(cap);
	int r = arca_fail(err, code, "%s %s", what, name ? name : "?");
	cap_free(name);
	return r;
}

/* The capability a config name stands for, or -1 with a warning: a name
 * libcap does not know (only CAP_* names: libcap would take "41" too), one
 * this kernel lacks, or one the runtime does not hold itself (not in its
 * bounding set, so it cannot be granted) are skipped, as CAP-02 asks. */
static int resolve_name(const char *name, const char *which, int last)
{
	cap_value_t cap;
	if (strncasecmp(name, "CAP_", 4) != 0 || cap_from_name(name, &cap) < 0) {
		arca_warn("process.capabilities.%s: unknown capability \"%s\", skipped", which,
		          name);
		return -1;
	}
	if (cap > last) {
		arca_warn("process.capabilities.%s: %s is not supported by this kernel, skipped",
		          which, name);
		return -1;
	}
	if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 1) {
		arca_warn(
		    "process.capabilities.%s: %s cannot be granted (arca itself does not have "
		    "it), skipped",
		    which, name);
		return -1;
	}
	return cap;
}

static void resolve_list(const struct arca_strv *names, const char *which, int last, uint64_t *set)
{
	*set = 0;
	for (size_t i = 0; i < names->len; i++) {
		int cap = resolve_name(names->items[i], which, last);
		if (cap >= 0)
			*set |= UINT64_C(1) << cap;
	}
}

int caps_resolve(const struct spec_capabilities *caps, struct cap_sets *out,
                 struct arca_error **err)
{
	int last = (int)cap_max_bits() - 1;
	if (last < 0 || last > 63)
		return arca_fail_msg(err, EINVAL, "the kernel reports %d capabilities", last + 1);
	resolve_list(&caps->bounding, "bounding", last, &out->bounding);
	resolve_list(&caps->effective, "effective", last, &out->effective);
	resolve_list(&caps->inheritable, "inheritable", last, &out->inheritable);
	resolve_list(&caps->permitted, "permitted", last, &out->permitted);
	resolve_list(&caps->ambient, "ambient", last, &out->ambient);
	return 0;
}

int caps_limit_bounding(const struct cap_sets *sets, struct arca_error **err)
{
	int last = (int)cap_max_bits() - 1;
	for (int cap = 0; cap <= last; cap++) {
		if (sets->bounding & (UINT64_C(1) << cap))
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return fail_for(err, errno, "process.capabilities.bounding: drop", cap);
	}
	return 0;
}

int caps_keep_across_setuid(bool keep, struct arca_error **err)
{
	if (prctl(PR_SET_KEEPCAPS, keep ? 1 : 0, 0, 0, 0) < 0)
		return arca_fail(err, errno, "prctl(PR_SET_KEEPCAPS)");
	return 0;
}

static int fill(cap_t state, cap_flag_t flag, uint64_t set)
{
	for (int cap = 0; cap < 64; cap++) {
		if (!(set & (UINT64_C(1) << cap)))
			continue;
		cap_value_t value = cap;
		if (cap_set_flag(state, flag, 1, &value, CAP_SET) < 0)
			return -errno;
	}
	return 0;
}

/* An ambient capability needs to be permitted and inheritable too; one that
 * is not cannot be granted, which the spec makes a warning (CAP-02), as
 * runc does. */
static int set_ambient(uint64_t ambient, struct arca_error **err)
{
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		return arca_fail(err, errno, "process.capabilities.ambient: clear");
	for (int cap = 0; cap < 64; cap++) {
		if (!(ambient & (UINT64_C(1) << cap)) ||
		    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) == 0)
			continue;
		char *name = cap_to_name(cap);
		arca_warn(
		    "process.capabilities.ambient: %s cannot be raised (an ambient capability "
		    "must be permitted and inheritable too): skipped",
		    name ? name : "?");
		cap_free(name);
	}
	return 0;
}

int caps_set(const struct cap_sets *sets, struct arca_error **err)
{
	cap_t state = cap_init();
	if (!state)
		return arca_fail(err, errno, "process.capabilities");
	int r = fill(state, CAP_EFFECTIVE, sets->effective);
	if (r == 0)
		r = fill(state, CAP_PERMITTED, sets->permitted);
	if (r == 0)
		r = fill(state, CAP_INHERITABLE, sets->inheritable);
	if (r == 0 && cap_set_proc(state) < 0)
		r = -errno;
	cap_free(state);
	if (r < 0)
		return arca_fail(
		    err, -r,
		    "process.capabilities: set the effective, permitted and inheritable "
		    "sets (effective must be within permitted)");
	return set_ambient(sets->ambient, err);
}
