/* runc's device emulator (libcontainer/cgroups/devices): the config's rules,
 * then runc's default allowed devices, reduced to a default verdict and a
 * set of exceptions with the other verdict. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "cgroups/devices.h"

struct dev_input {
	bool allow;
	char type; /* 'a', 'b', 'c' */
	int64_t major, minor;
	unsigned access;
};

/* runc's specconv.AllowedDevices, appended after the config's rules. */
static const struct dev_input defaults[] = {
    {true, 'c', DEV_WILDCARD, DEV_WILDCARD, DEV_ACC_MKNOD},
    {true, 'b', DEV_WILDCARD, DEV_WILDCARD, DEV_ACC_MKNOD},
    {true, 'c', 1, 3, DEV_ACC_ALL},              /* /dev/null */
    {true, 'c', 1, 8, DEV_ACC_ALL},              /* /dev/random */
    {true, 'c', 1, 7, DEV_ACC_ALL},              /* /dev/full */
    {true, 'c', 5, 0, DEV_ACC_ALL},              /* /dev/tty */
    {true, 'c', 1, 5, DEV_ACC_ALL},              /* /dev/zero */
    {true, 'c', 1, 9, DEV_ACC_ALL},              /* /dev/urandom */
    {true, 'c', 5, 1, DEV_ACC_ALL},              /* /dev/console */
    {true, 'c', 136, DEV_WILDCARD, DEV_ACC_ALL}, /* /dev/pts/N */
    {true, 'c', 5, 2, DEV_ACC_ALL},              /* /dev/ptmx */
    {true, 'c', 10, 200, DEV_ACC_ALL},           /* /dev/net/tun */
};

static struct dev_rule *find(struct dev_rules *e, char type, int64_t major, int64_t minor)
{
	for (size_t i = 0; i < e->len; i++)
		if (e->items[i].type == type && e->items[i].major == major &&
		    e->items[i].minor == minor)
			return &e->items[i];
	return NULL;
}

static int add_exception(struct dev_rules *e, const struct dev_input *in)
{
	struct dev_rule *old = find(e, in->type, in->major, in->minor);
	if (old) {
		old->access |= in->access;
		return 0;
	}
	struct dev_rule *items = realloc(e->items, (e->len + 1) * sizeof(*items));
	if (!items)
		return -ENOMEM;
	e->items = items;
	items[e->len++] = (struct dev_rule){in->type, in->major, in->minor, in->access};
	return 0;
}

/* A wildcard exception that covers part of in with shared access: v1 would
 * silently keep it, so runc refuses ("cannot punch hole"). */
static const struct dev_rule *partial_overlap(struct dev_rules *e, const struct dev_input *in)
{
	const int64_t metas[3][2] = {
	    {DEV_WILDCARD, in->minor}, {in->major, DEV_WILDCARD}, {DEV_WILDCARD, DEV_WILDCARD}};
	for (size_t i = 0; i < 3; i++) {
		if (metas[i][0] == in->major && metas[i][1] == in->minor)
			continue;
		const struct dev_rule *w = find(e, in->type, metas[i][0], metas[i][1]);
		if (w && (w->access & in->access))
			return w;
	}
	return NULL;
}

static int rm_exception(struct dev_rules *e, const struct dev_input *in, char *why, size_t size)
{
	const struct dev_rule *w = partial_overlap(e, in);
	if (w) {
		char rule[64], wild[64];
		dev_rule_format(in->type, in->major, in->minor, in->access, rule, sizeof(rule));
		dev_rule_format(w->type, w->major, w->minor, w->access, wild, sizeof(wild));
		snprintf(why, size, "rule \"%s\" cannot punch a hole in the wildcard rule \"%s\"",
		         rule, wild);
		return -EINVAL;
	}
	struct dev_rule *old = find(e, in->type, in->major, in->minor);
	if (old) {
		old->access &= ~in->access;
		if (!old->access)
			*old = e->items[--e->len];
	}
	return 0;
}

static int apply_one(struct dev_rules *e, const struct dev_input *in, char *why, size_t size)
{
	if (in->type == 'a') { /* the kernel resets on any "a" rule */
		free(e->items);
		*e = (struct dev_rules){.default_allow = in->allow};
		return 0;
	}
	if (!in->access)
		return 0;
	if (in->allow == e->default_allow)
		return rm_exception(e, in, why, size);
	return add_exception(e, in);
}

static int parse_access(const char *s, unsigned *out)
{
	*out = 0;
	for (const char *p = s ? s : ""; *p; p++) {
		const char *at = strchr("mrw", *p);
		if (!at)
			return -EINVAL;
		*out |= 1u << (at - "mrw");
	}
	return 0;
}

static int64_t number_of(const struct arca_opt_i64 *v)
{
	return v->set && v->value >= 0 ? v->value : DEV_WILDCARD;
}

static int parse_rule(const struct spec_device_cgroup *d, size_t i, struct dev_input *out,
                      struct arca_error **err)
{
	const char *type = d->type && *d->type ? d->type : "a";
	if (strlen(type) != 1 || !strchr("abc", type[0]))
		return arca_fail_msg(err, EINVAL,
		                     "linux.resources.devices[%zu].type: \"%s\" is not a, b or c",
		                     i, type);
	*out = (struct dev_input){d->allow, type[0], number_of(&d->major), number_of(&d->minor), 0};
	if (parse_access(d->access, &out->access) < 0)
		return arca_fail_msg(
		    err, EINVAL,
		    "linux.resources.devices[%zu].access: \"%s\" is not a combination "
		    "of r, w and m",
		    i, d->access);
	if (out->major > INT32_MAX || out->minor > INT32_MAX)
		return arca_fail_msg(err, EINVAL,
		                     "linux.resources.devices[%zu]: major or minor "
		                     "out of range",
		                     i);
	return 0;
}

static int cmp_rule(const void *pa, const void *pb)
{
	const struct dev_rule *a = pa, *b = pb;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	return (a->minor > b->minor) - (a->minor < b->minor);
}

static int build_into(const struct spec_device_cgroups *spec, struct dev_rules *out,
                      struct arca_error **err)
{
	char why[256] = ""; /* two formatted rules (63 bytes each) and the text */
	for (size_t i = 0; i < spec->len + sizeof(defaults) / sizeof(defaults[0]); i++) {
		struct dev_input in = {0};
		if (i >= spec->len)
			in = defaults[i - spec->len];
		else if (parse_rule(&spec->items[i], i, &in, err) < 0)
			return -EINVAL;
		int r = apply_one(out, &in, why, sizeof(why));
		if (r == -ENOMEM)
			return arca_fail(err, ENOMEM, "linux.resources.devices");
		if (r < 0)
			return arca_fail_msg(err, EINVAL, "linux.resources.devices[%zu]: %s", i,
			                     why);
	}
	return 0;
}

int dev_rules_build(const struct spec_device_cgroups *spec, struct dev_rules *out,
                    struct arca_error **err)
{
	*out = (struct dev_rules){.default_allow = false};
	int r = build_into(spec, out, err);
	if (r < 0) {
		dev_rules_clear(out);
		return r;
	}
	if (out->len)
		qsort(out->items, out->len, sizeof(*out->items), cmp_rule);
	return 0;
}

void dev_rules_clear(struct dev_rules *rules)
{
	free(rules->items);
	*rules = (struct dev_rules){0};
}

static void format_number(int64_t n, char *buf, size_t size)
{
	if (n == DEV_WILDCARD)
		snprintf(buf, size, "*");
	else
		snprintf(buf, size, "%lld", (long long)n);
}

void dev_rule_format(char type, int64_t major, int64_t minor, unsigned access, char *buf,
                     size_t size)
{
	char ma[24], mi[24], acc[4];
	size_t n = 0;
	format_number(major, ma, sizeof(ma));
	format_number(minor, mi, sizeof(mi));
	if (access & DEV_ACC_READ)
		acc[n++] = 'r';
	if (access & DEV_ACC_WRITE)
		acc[n++] = 'w';
	if (access & DEV_ACC_MKNOD)
		acc[n++] = 'm';
	acc[n] = '\0';
	snprintf(buf, size, "%c %s:%s %s", type, ma, mi, acc);
}
