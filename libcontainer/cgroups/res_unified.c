/* linux.resources.unified (CGUNI-01..03): each value is written verbatim,
 * in one write, to the file its key names in the container's cgroup2
 * directory, after every other member (as runc's fs2 driver does, so a
 * key overrides what a member set). A key must be a file name
 * "<controller>.<name>" (no '/', not "." or ".."); a file the kernel does
 * not have fails naming the key (the file is never created). The key's
 * controller must be enabled for the container ("cgroup." files are the
 * core's). On cgroup v1 a non-empty map is an error, as in runc; on a
 * hybrid host arca accepts the keys of controllers the cgroup2 tree holds
 * (runc refuses any key there) and refuses those of v1 controllers. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cgroups/internal.h"
#include "cgroups/resources.h"

static int check_name(const char *key, const char *field, char *controller, size_t size,
                      struct arca_error **err)
{
	const char *dot = strchr(key, '.');
	if (!*key || strchr(key, '/') || !strcmp(key, ".") || !strcmp(key, ".."))
		return arca_fail_msg(err, EINVAL, "%s: the key must be a file name", field);
	if (!dot || dot == key || !dot[1])
		return arca_fail_msg(err, EINVAL, "%s: the key must be CONTROLLER.PARAMETER",
		                     field);
	if ((size_t)(dot - key) >= size)
		return arca_fail_msg(err, EINVAL, "%s: no such cgroup controller", field);
	memcpy(controller, key, (size_t)(dot - key));
	controller[dot - key] = '\0';
	return 0;
}

static int check_controller(const struct cgroup *cg, const char *controller, const char *field,
                            struct arca_error **err)
{
	if (!strcmp(controller, "cgroup"))
		return 0;
	if (cgroup_find_controller(cg, controller))
		return arca_fail_msg(err, EOPNOTSUPP,
		                     "%s: the %s controller is on cgroup v1 on this host, "
		                     "unified sets cgroup v2 files only",
		                     field, controller);
	struct res_dir d = {0};
	return res_find(cg, controller, field, &d, err);
}

static int apply_key(const struct cgroup *cg, const char *dir, const struct arca_kv *kv,
                     struct arca_error **err)
{
	char field[160], controller[64];
	snprintf(field, sizeof(field), "linux.resources.unified.%s", kv->key);
	int r = check_name(kv->key, field, controller, sizeof(controller), err);
	if (r >= 0)
		r = check_controller(cg, controller, field, err);
	if (r >= 0)
		r = res_write(dir, kv->key, kv->value, field, err);
	return r;
}

int res_apply_unified(const struct cgroup *cg, const struct arca_map *unified,
                      struct arca_error **err)
{
	if (!unified->len)
		return 0;
	const struct cgroup_hierarchy *h = cgroup_find_unified(cg);
	if (!h || !h->dir)
		return arca_fail_msg(err, EOPNOTSUPP,
		                     "linux.resources.unified: invalid configuration: cannot use "
		                     "unified on cgroup v1");
	int r = 0;
	for (size_t i = 0; r >= 0 && i < unified->len; i++)
		r = apply_key(cg, h->dir, &unified->items[i], err);
	return r;
}
