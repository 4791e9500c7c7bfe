#include "process/env.h"

#include <errno.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"

struct entry {
	const char *text;
	size_t key_len; /* up to the '=' */
	size_t index;   /* position in the input */
};

static int by_key_then_index(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(x->text, y->text, n);
	if (c == 0 && x->key_len != y->key_len)
		c = x->key_len < y->key_len ? -1 : 1;
	if (c == 0)
		c = x->index < y->index ? -1 : 1;
	return c;
}

/* keep[i] is false for every entry whose key comes again later. Sorting
 * keeps this O(n log n) for a hostile config with many entries. */
static int mark_last_of_each_key(const char *const *texts, size_t n, bool *keep)
{
	_cleanup_free_ struct entry *e = calloc(n ? n : 1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(texts[i], '=');
		e[i] = (struct entry){texts[i], eq ? (size_t)(eq - texts[i]) : strlen(texts[i]), i};
	}
	qsort(e, n, sizeof(*e), by_key_then_index);
	for (size_t i = 0; i < n; i++) {
		bool later = i + 1 < n && e[i + 1].key_len == e[i].key_len &&
		             memcmp(e[i + 1].text, e[i].text, e[i].key_len) == 0;
		keep[e[i].index] = !later;
	}
	return 0;
}

char *env_passwd_home(FILE *passwd, uid_t uid)
{
	if (!passwd)
		return NULL;
	struct passwd pw, *found = NULL;
	char buf[4096];
	rewind(passwd);
	while (fgetpwent_r(passwd, &pw, buf, sizeof(buf), &found) == 0)
		if (found->pw_uid == uid)
			return strdup(found->pw_dir);
	return NULL;
}

static bool is_home(const char *text, bool *empty)
{
	if (strncmp(text, "HOME=", 5) != 0)
		return false;
	*empty = text[5] == '\0';
	return true;
}

static int gather(const struct arca_strv *env, const struct arca_strv *extra, const char ***all,
                  size_t *n)
{
	size_t extra_len = extra ? extra->len : 0;
	*n = env->len + extra_len;
	*all = calloc(*n + 1, sizeof(**all));
	if (!*all)
		return -ENOMEM;
	for (size_t i = 0; i < env->len; i++)
		(*all)[i] = env->items[i];
	for (size_t i = 0; i < extra_len; i++)
		(*all)[env->len + i] = extra->items[i];
	return 0;
}

int env_prepare(const struct arca_strv *env, const struct arca_strv *extra, uid_t uid, FILE *passwd,
                char ***out, struct arca_error **err)
{
	_cleanup_free_ const char **all = NULL;
	size_t n = 0;
	if (gather(env, extra, &all, &n) < 0)
		return arca_fail(err, ENOMEM, "process.env");
	_cleanup_free_ bool *keep = calloc(n ? n : 1, sizeof(*keep));
	_cleanup_strv_ char **envp = calloc(n + 2, sizeof(*envp));
	if (!keep || !envp || mark_last_of_each_key(all, n, keep) < 0)
		return arca_fail(err, ENOMEM, "process.env");
	size_t len = 0;
	bool has_home = false;
	for (size_t i = 0; i < n; i++) {
		bool empty = false;
		if (!keep[i] || (is_home(all[i], &empty) && empty))
			continue; /* an empty HOME is replaced, as runc does */
		has_home |= is_home(all[i], &empty);
		if (!(envp[len++] = strdup(all[i])))
			return arca_fail(err, ENOMEM, "process.env");
	}
	if (!has_home) {
		_cleanup_free_ char *home = env_passwd_home(passwd, uid);
		if (asprintf(&envp[len], "HOME=%s", home ? home : "/") < 0) {
			envp[len] = NULL;
			return arca_fail(err, ENOMEM, "process.env");
		}
	}
	*out = TAKE_PTR(envp);
	return 0;
}
