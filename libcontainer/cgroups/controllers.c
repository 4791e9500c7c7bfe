/* cgroup2: a controller works in a cgroup only when every ancestor lists it
 * in cgroup.subtree_control. Each ancestor of the container's directory, the
 * root included, gets every controller it has available. One that cannot be
 * enabled (an ancestor holding processes, a threaded subtree) is skipped:
 * placement matters more than limits here, and a limit that needs it fails
 * later with its own message. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "cgroups/internal.h"

/* The controller list of one cgroup2 directory is short: about a dozen names. */
#define CONTROLLERS_MAX 1024

/* "cpu io memory\n" -> "+cpu +io +memory"; false when the list is empty. */
static bool enable_request(const char *available, char *req, size_t size)
{
	size_t len = 0;
	req[0] = '\0';
	for (const char *p = available; *p;) {
		p += strspn(p, " \n");
		size_t n = strcspn(p, " \n");
		if (n == 0)
			break;
		if (len + n + 3 > size)
			break;
		len +=
		    (size_t)snprintf(req + len, size - len, "%s+%.*s", len ? " " : "", (int)n, p);
		p += n;
	}
	return len > 0;
}

/* Enables what the combined write could not, one controller at a time. */
static void enable_each(const char *level, const char *req)
{
	char one[CONTROLLERS_MAX];
	for (const char *p = req; *p;) {
		p += strspn(p, " ");
		size_t n = strcspn(p, " ");
		snprintf(one, sizeof(one), "%.*s", (int)n, p);
		_cleanup_error_ struct arca_error *ignored = NULL;
		if (cgroup_write_file(-1, level, "cgroup.subtree_control", one, &ignored) < 0)
			arca_debug("cgroup: %s: %s", level, ignored->msg);
		p += n;
	}
}

/* Enables the controllers in level; available then holds what its children get. */
static int enable_in(const char *level, char *available, struct arca_error **err)
{
	char req[CONTROLLERS_MAX];
	if (!enable_request(available, req, sizeof(req)))
		return 0;
	_cleanup_error_ struct arca_error *failed = NULL;
	if (cgroup_write_file(-1, level, "cgroup.subtree_control", req, &failed) >= 0)
		return 0;
	enable_each(level, req);
	int r =
	    cgroup_read_file(-1, level, "cgroup.subtree_control", available, CONTROLLERS_MAX, err);
	return r < 0 ? r : 0;
}

int cgroup_enable_controllers(const struct cgroup_hierarchy *h, struct arca_error **err)
{
	char available[CONTROLLERS_MAX];
	int r =
	    cgroup_read_file(-1, h->mount, "cgroup.controllers", available, sizeof(available), err);
	if (r < 0)
		return r;
	_cleanup_free_ char *level = strdup(h->dir);
	if (!level)
		return arca_fail(err, ENOMEM, "enable controllers for %s", h->dir);
	size_t end = strlen(h->mount);
	while (level[end] == '/') {
		level[end] = '\0';
		r = enable_in(level, available, err);
		if (r < 0)
			return r;
		level[end] = '/';
		end += 1 + strcspn(level + end + 1, "/");
	}
	return 0;
}
