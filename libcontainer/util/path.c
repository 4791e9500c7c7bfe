#include "util/path.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"

/* Drops the last component of the cleaned prefix out[0..*len). Returns false
 * when there is none to drop (the prefix is empty, "/" or ends in ".."). */
static bool pop_component(char *out, size_t *len, bool absolute)
{
	size_t start = absolute ? 1 : 0;
	if (*len <= start)
		return absolute; /* "/.." is "/" */
	char *slash = memrchr(out + start, '/', *len - start);
	size_t last = slash ? (size_t)(slash - out) + 1 : start;
	if (strncmp(out + last, "..", *len - last) == 0 && *len - last == 2)
		return false;
	*len = slash ? (size_t)(slash - out) : start;
	return true;
}

static void push_component(char *out, size_t *len, bool absolute, const char *comp, size_t n)
{
	if (*len > (absolute ? 1u : 0u))
		out[(*len)++] = '/';
	memcpy(out + *len, comp, n);
	*len += n;
}

char *path_clean(const char *path)
{
	bool absolute = path[0] == '/';
	char *out = malloc(strlen(path) + 2);
	if (!out)
		return NULL;
	size_t len = 0;
	if (absolute)
		out[len++] = '/';
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (!pop_component(out, &len, absolute))
				push_component(out, &len, absolute, p, n);
		} else {
			push_component(out, &len, absolute, p, n);
		}
		p += n;
	}
	if (len == 0)
		out[len++] = '.';
	out[len] = '\0';
	return out;
}

char *path_resolve_from(const char *base, const char *rel)
{
	if (rel[0] == '/')
		return path_clean(rel);
	_cleanup_free_ char *joined = NULL;
	if (asprintf(&joined, "%s/%s", base, rel) < 0)
		return NULL;
	return path_clean(joined);
}

int path_absolute(const char *path, char **out, struct arca_error **err)
{
	if (path[0] == '/') {
		*out = path_clean(path);
		return *out ? 0 : arca_fail(err, ENOMEM, "clean path %s", path);
	}
	_cleanup_free_ char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return arca_fail(err, errno, "get the current directory");
	*out = path_resolve_from(cwd, path);
	return *out ? 0 : arca_fail(err, ENOMEM, "resolve path %s", path);
}
