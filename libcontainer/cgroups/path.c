/* Where a container's cgroup goes (CG-01..05): pure string work. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

static int check_id(const char *id, struct arca_error **err)
{
	if (!id || !*id)
		return arca_fail_msg(err, EINVAL, "container id: empty, cannot name a cgroup");
	if (strchr(id, '/'))
		return arca_fail_msg(err, EINVAL,
		                     "container id \"%s\": contains '/', cannot name a cgroup", id);
	return 0;
}

/* Appends the components of value to buf at *len, one '/' before each. */
static int append_components(char *buf, size_t *len, const char *value, const char *field,
                             struct arca_error **err)
{
	const char *p = value;
	while (*p) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return arca_fail_msg(err, EINVAL, "%s: \"%s\": \"..\" is not allowed",
			                     field, value);
		if (!(n == 1 && p[0] == '.')) {
			buf[(*len)++] = '/';
			memcpy(buf + *len, p, n);
			*len += n;
		}
		p += n;
	}
	buf[*len] = '\0';
	return 0;
}

int cgroup_resolve_path(const char *cgroups_path, const char *id, char **out,
                        struct arca_error **err)
{
	bool given = cgroups_path && *cgroups_path;
	const char *field = given ? "linux.cgroupsPath" : "container id";
	const char *value = given ? cgroups_path : id;
	if (!given) {
		int r = check_id(id, err);
		if (r < 0)
			return r;
	}
	const char *parent = value[0] == '/' ? "" : "/" CGROUP_DEFAULT_PARENT;
	size_t base = strlen(parent);
	_cleanup_free_ char *path = malloc(base + strlen(value) + 2);
	if (!path)
		return arca_fail(err, ENOMEM, "%s: resolve cgroup path", field);
	memcpy(path, parent, base + 1);
	size_t len = base;
	int r = append_components(path, &len, value, field, err);
	if (r < 0)
		return r;
	if (len == base)
		return arca_fail_msg(err, EINVAL, "%s: \"%s\": names no cgroup below %s", field,
		                     value, base ? parent : "the root");
	*out = TAKE_PTR(path);
	return 0;
}
