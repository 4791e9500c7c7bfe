#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "container/lifecycle.h"

static int describe(const struct container *c, struct arca_state **out, struct arca_error **err)
{
	if (!c->rec)
		return arca_fail_msg(err, ENOENT, "container \"%s\" is still being created",
		                     c->dir->id);
	return state_public(c->rec, c->status, c->pid, out, err);
}

int arca_container_state(const char *root, const char *id, struct arca_state **out,
                         struct arca_error **err)
{
	struct container c;
	int r = container_open(root, id, false, &c, err);
	if (r == 0) {
		r = describe(&c, out, err);
		container_close(&c);
	}
	return r;
}

static int by_id(const void *a, const void *b)
{
	const struct arca_state *const *x = a, *const *y = b;
	return strcmp((*x)->id, (*y)->id);
}

static int append(struct arca_state_list *list, size_t *capacity, struct arca_state *s)
{
	if (list->len == *capacity) {
		size_t grown = *capacity ? *capacity * 2 : 16;
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): the items are pointers */
		struct arca_state **items = realloc(list->items, grown * sizeof(*items));
		if (!items)
			return -ENOMEM;
		list->items = items;
		*capacity = grown;
	}
	list->items[list->len++] = s;
	return 0;
}

/* One entry of the root: a container, or nothing when it went away or a
 * create has not written its first record yet. */
static int list_one(const char *root, const char *id, struct arca_state_list *list,
                    size_t *capacity, struct arca_error **err)
{
	struct container c;
	struct arca_error *open_err = NULL;
	int r = container_open(root, id, false, &c, &open_err);
	arca_error_free(open_err);
	if (r < 0)
		return 0;
	struct arca_state *s = NULL;
	if (c.rec)
		r = state_public(c.rec, c.status, c.pid, &s, err);
	container_close(&c);
	if (r < 0 || !s)
		return r;
	if (append(list, capacity, s) < 0) {
		arca_state_free(s);
		return arca_fail(err, ENOMEM, "list containers");
	}
	return 0;
}

int arca_container_list(const char *root, struct arca_state_list *out, struct arca_error **err)
{
	*out = (struct arca_state_list){0};
	_cleanup_close_ int root_fd = -1;
	int r = state_root_open(root, &root_fd, err);
	if (r < 0)
		return r;
	DIR *d = fdopendir(root_fd);
	if (!d)
		return arca_fail(err, errno, "read %s", root);
	root_fd = -1; /* closedir closes it */
	size_t capacity = 0;
	struct dirent *e;
	while (r == 0 && (e = readdir(d)))
		if (e->d_name[0] != '.' && (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN))
			r = list_one(root, e->d_name, out, &capacity, err);
	closedir(d);
	if (r < 0) {
		arca_state_list_free(out);
		return r;
	}
	if (out->len)
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): the items are pointers */
		qsort(out->items, out->len, sizeof(out->items[0]), by_id);
	return 0;
}
