/* Which cgroup hierarchies are visible at /sys/fs/cgroup, from the mount
 * table. Only the lines for /sys/fs/cgroup and its direct children matter.
 * A mount at /sys/fs/cgroup hides everything mounted below the one it
 * covers (a private pure-v1 view is built that way), so a child counts only
 * when it hangs off the topmost root mount, possibly through mounts stacked
 * on the same mount point, and is itself not covered. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

#define MOUNTINFO "/proc/self/mountinfo"

struct mount_line {
	long id;
	long parent;
	const char *device; /* "major:minor": one per hierarchy */
	const char *point;  /* unescaped */
	const char *fstype;
	const char *options; /* the superblock options */
};

struct mount_lines {
	struct mount_line *items;
	size_t len;
	size_t cap;
};

/* Options of a v1 mount that are not controllers (release_agent= aside). */
static const char non_controllers[] =
    "rw,ro,none,all,noprefix,clone_children,xattr,cpuset_v2_mode,favordynmods,nofavordynmods";

/* Undoes the kernel's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *out = s;
	for (const char *in = s; *in; out++) {
		if (in[0] == '\\' && in[1] >= '0' && in[1] <= '3' && in[2] >= '0' && in[2] <= '7' &&
		    in[3] >= '0' && in[3] <= '7') {
			*out = (char)((in[1] - '0') * 64 + (in[2] - '0') * 8 + (in[3] - '0'));
			in += 4;
		} else {
			*out = *in++;
		}
	}
	*out = '\0';
}

/* True for /sys/fs/cgroup itself and for its direct children. */
static bool is_cgroup_point(const char *point)
{
	size_t n = strlen(CGROUP_MOUNT);
	if (strncmp(point, CGROUP_MOUNT, n) != 0)
		return false;
	if (point[n] == '\0')
		return true;
	return point[n] == '/' && point[n + 1] && !strchr(point + n + 1, '/');
}

/* Splits one line (modified in place) into m; false when it is malformed. */
static bool split_line(char *line, struct mount_line *m)
{
	char *fields[6];
	char *save = NULL;
	char *tok = strtok_r(line, " ", &save);
	for (int i = 0; i < 6; i++, tok = strtok_r(NULL, " ", &save)) {
		if (!tok)
			return false;
		fields[i] = tok;
	}
	while (tok && strcmp(tok, "-") != 0)
		tok = strtok_r(NULL, " ", &save);
	const char *fstype = strtok_r(NULL, " ", &save);
	const char *source = strtok_r(NULL, " ", &save);
	const char *options = strtok_r(NULL, " ", &save);
	if (!tok || !fstype || !source || !options)
		return false;
	unescape(fields[4]);
	*m = (struct mount_line){
	    .id = strtol(fields[0], NULL, 10),
	    .parent = strtol(fields[1], NULL, 10),
	    .device = fields[2],
	    .point = fields[4],
	    .fstype = fstype,
	    .options = options,
	};
	return true;
}

static int push_line(struct mount_lines *lines, const struct mount_line *m, struct arca_error **err)
{
	if (lines->len == lines->cap) {
		size_t cap = lines->cap ? lines->cap * 2 : 16;
		struct mount_line *items = realloc(lines->items, cap * sizeof(*items));
		if (!items)
			return arca_fail(err, ENOMEM, "parse %s", MOUNTINFO);
		lines->items = items;
		lines->cap = cap;
	}
	lines->items[lines->len++] = *m;
	return 0;
}

/* Collects the lines whose mount point is /sys/fs/cgroup or a child of it. */
static int collect_lines(char *text, struct mount_lines *lines, struct arca_error **err)
{
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strstr(line, " " CGROUP_MOUNT))
			continue;
		struct mount_line m;
		if (!split_line(line, &m) || !is_cgroup_point(m.point))
			continue;
		int r = push_line(lines, &m, err);
		if (r < 0)
			return r;
	}
	return 0;
}

/* True when another mount sits on top of line i at the same point. */
static bool is_covered(const struct mount_lines *lines, size_t i)
{
	for (size_t j = 0; j < lines->len; j++)
		if (lines->items[j].parent == lines->items[i].id &&
		    !strcmp(lines->items[j].point, lines->items[i].point))
			return true;
	return false;
}

/* The mount at the same point that line i was mounted on, or -1. */
static ssize_t stacked_on(const struct mount_lines *lines, size_t i)
{
	for (size_t j = 0; j < lines->len; j++)
		if (lines->items[j].id == lines->items[i].parent &&
		    !strcmp(lines->items[j].point, lines->items[i].point))
			return (ssize_t)j;
	return -1;
}

/* True when line i reaches the root mount root_id (or, without a root mount,
 * sits directly on whatever holds /sys/fs/cgroup) through its stack. */
static bool is_anchored(const struct mount_lines *lines, size_t i, long root_id)
{
	for (size_t steps = 0; steps <= lines->len; steps++) {
		if (lines->items[i].parent == root_id)
			return true;
		ssize_t below = stacked_on(lines, i);
		if (below < 0)
			return root_id < 0;
		i = (size_t)below;
	}
	return false;
}

/* The uncovered mount at /sys/fs/cgroup itself, or -1 when there is none. */
static ssize_t find_root(const struct mount_lines *lines)
{
	ssize_t root = -1;
	for (size_t i = 0; i < lines->len; i++)
		if (!strcmp(lines->items[i].point, CGROUP_MOUNT) && !is_covered(lines, i))
			root = (ssize_t)i;
	return root;
}

static bool is_controller(const char *option)
{
	return strncmp(option, "release_agent=", 14) != 0 &&
	       !cgroup_list_has(non_controllers, option);
}

/* The controllers (and name=) among a v1 mount's options, comma-separated. */
static char *controllers_of(const char *options)
{
	_cleanup_free_ char *copy = strdup(options);
	char *out = malloc(strlen(options) + 1);
	if (!copy || !out) {
		free(out);
		return NULL;
	}
	size_t len = 0;
	char *save = NULL;
	for (char *opt = strtok_r(copy, ",", &save); opt; opt = strtok_r(NULL, ",", &save)) {
		if (!is_controller(opt))
			continue;
		len += (size_t)sprintf(out + len, "%s%s", len ? "," : "", opt);
	}
	out[len] = '\0';
	return out;
}

static bool device_listed(const struct mount_lines *lines, const bool *taken, size_t i)
{
	for (size_t j = 0; j < lines->len; j++)
		if (taken[j] && !strcmp(lines->items[j].device, lines->items[i].device))
			return true;
	return false;
}

static int add_hierarchy(struct cgroup_mounts *out, const struct mount_line *m,
                         struct arca_error **err)
{
	bool unified = !strcmp(m->fstype, "cgroup2");
	struct cgroup_hierarchy h = {
	    .mount = strdup(m->point),
	    .controllers = unified ? strdup("") : controllers_of(m->options),
	    .unified = unified,
	};
	struct cgroup_hierarchy *items = realloc(out->items, (out->len + 1) * sizeof(*items));
	if (!h.mount || !h.controllers || !items) {
		cgroup_hierarchy_clear(&h);
		if (items)
			out->items = items;
		return arca_fail(err, ENOMEM, "parse %s", MOUNTINFO);
	}
	out->items = items;
	out->items[out->len++] = h;
	return 0;
}

/* A usable child of the root: a v1 hierarchy, or cgroup2 at .../unified. */
static bool is_hierarchy_child(const struct mount_line *m)
{
	if (!strcmp(m->fstype, "cgroup"))
		return true;
	return !strcmp(m->fstype, "cgroup2") && !strcmp(m->point, CGROUP_MOUNT "/unified");
}

static int add_children(const struct mount_lines *lines, long root_id, struct cgroup_mounts *out,
                        struct arca_error **err)
{
	_cleanup_free_ bool *taken = calloc(lines->len ? lines->len : 1, sizeof(*taken));
	if (!taken)
		return arca_fail(err, ENOMEM, "parse %s", MOUNTINFO);
	for (size_t i = 0; i < lines->len; i++) {
		const struct mount_line *m = &lines->items[i];
		if (!strcmp(m->point, CGROUP_MOUNT) || !is_hierarchy_child(m) ||
		    is_covered(lines, i) || !is_anchored(lines, i, root_id) ||
		    device_listed(lines, taken, i))
			continue;
		int r = add_hierarchy(out, m, err);
		if (r < 0)
			return r;
		taken[i] = true;
		if (out->items[out->len - 1].unified)
			out->layout = CGROUP_LAYOUT_HYBRID;
	}
	return 0;
}

static int pick_hierarchies(const struct mount_lines *lines, struct cgroup_mounts *out,
                            struct arca_error **err)
{
	ssize_t root = find_root(lines);
	const struct mount_line *top = root >= 0 ? &lines->items[root] : NULL;
	if (top && (!strcmp(top->fstype, "cgroup2") || !strcmp(top->fstype, "cgroup"))) {
		out->layout = strcmp(top->fstype, "cgroup2") ? CGROUP_LAYOUT_V1 : CGROUP_LAYOUT_V2;
		return add_hierarchy(out, top, err);
	}
	out->layout = CGROUP_LAYOUT_V1;
	return add_children(lines, top ? top->id : -1, out, err);
}

int cgroup_parse_mountinfo(const char *text, struct cgroup_mounts *out, struct arca_error **err)
{
	*out = (struct cgroup_mounts){0};
	_cleanup_free_ char *copy = strdup(text);
	if (!copy)
		return arca_fail(err, ENOMEM, "parse %s", MOUNTINFO);
	struct mount_lines lines = {0};
	int r = collect_lines(copy, &lines, err);
	if (r >= 0)
		r = pick_hierarchies(&lines, out, err);
	free(lines.items);
	if (r >= 0 && out->len == 0)
		r = arca_fail_msg(err, ENOENT, "%s: no cgroup hierarchy is mounted at %s",
		                  MOUNTINFO, CGROUP_MOUNT);
	if (r < 0)
		cgroup_mounts_clear(out);
	return r;
}

int cgroup_read_mounts(struct cgroup_mounts *out, struct arca_error **err)
{
	_cleanup_free_ char *text = NULL;
	int r = cgroup_read_all("/proc/self", "mountinfo", &text, err);
	if (r < 0)
		return r;
	return cgroup_parse_mountinfo(text, out, err);
}

void cgroup_hierarchy_clear(struct cgroup_hierarchy *h)
{
	free(h->mount);
	free(h->controllers);
	free(h->dir);
	*h = (struct cgroup_hierarchy){0};
}

void cgroup_mounts_clear(struct cgroup_mounts *mounts)
{
	for (size_t i = 0; i < mounts->len; i++)
		cgroup_hierarchy_clear(&mounts->items[i]);
	free(mounts->items);
	*mounts = (struct cgroup_mounts){0};
}
