/* Reading state.json back into a record, checking every member's type; a
 * corrupt file is an error naming the file and the member. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "state/internal.h"
#include "state/store.h"

/* A record is a few hundred bytes plus the config's annotations, which
 * config.json may fill up to its limit of 16 MiB (SPEC_MAX_SIZE); written
 * out again they can grow to twice that (json-c escapes each '/'). Anything
 * larger is not a record. */
#define RECORD_MAX_SIZE (33 << 20)

static int read_text(int fd, char **out, size_t *out_len)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (st.st_size > RECORD_MAX_SIZE)
		return -EFBIG;
	size_t size = (size_t)st.st_size + 1, len = 0;
	_cleanup_free_ char *buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n = read(fd, buf + len, size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		len += (size_t)n;
		if (len == size)
			return -EFBIG; /* grew while we read: not a finished record */
	}
	buf[len] = '\0';
	*out = TAKE_PTR(buf);
	*out_len = len;
	return 0;
}

static int parse_text(const char *text, size_t len, const char *path, json_object **out,
                      struct arca_error **err)
{
	struct json_tokener *tok = json_tokener_new();
	if (!tok)
		return arca_fail(err, ENOMEM, "%s", path);
	json_object *obj = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);

	if (!obj && jerr == json_tokener_continue)
		return arca_fail_msg(err, EINVAL, "%s: invalid JSON: unexpected end of file", path);
	if (!obj)
		return arca_fail_msg(err, EINVAL, "%s: invalid JSON: %s", path,
		                     json_tokener_error_desc(jerr));
	while (end < len && strchr(" \t\r\n", text[end]) && text[end] != '\0')
		end++;
	if (end < len) {
		json_object_put(obj);
		return arca_fail_msg(err, EINVAL, "%s: invalid JSON: data after the object", path);
	}
	*out = obj;
	return 0;
}

static const char *type_name(json_type type)
{
	switch (type) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
		return "a number with a fraction";
	case json_type_int:
		return "an integer";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "an unknown type";
}

/* The member key of obj, which must have the given type. -ENOENT (and no
 * error) when it is absent and optional. */
static int member(json_object *obj, const char *key, json_type type, bool required,
                  const char *path, json_object **out, struct arca_error **err)
{
	if (!json_object_object_get_ex(obj, key, out)) {
		if (!required)
			return -ENOENT;
		return arca_fail_msg(err, EINVAL, "%s: %s: missing", path, key);
	}
	json_type actual = json_object_get_type(*out);
	if (actual != type)
		return arca_fail_msg(err, EINVAL, "%s: %s: expected %s, got %s", path, key,
		                     type_name(type), type_name(actual));
	return 0;
}

static int get_string(json_object *obj, const char *key, const char *path, char **out,
                      struct arca_error **err)
{
	json_object *value;

	int r = member(obj, key, json_type_string, true, path, &value, err);
	if (r < 0)
		return r;
	*out = strdup(json_object_get_string(value));
	if (!*out)
		return arca_fail(err, ENOMEM, "%s", path);
	return 0;
}

static int get_uint(json_object *obj, const char *key, uint64_t max, const char *path,
                    uint64_t *out, struct arca_error **err)
{
	json_object *value;

	int r = member(obj, key, json_type_int, true, path, &value, err);
	if (r < 0)
		return r;
	if (json_object_get_int64(value) < 0 || json_object_get_uint64(value) > max)
		return arca_fail_msg(err, EINVAL, "%s: %s: %s is out of range", path, key,
		                     json_object_get_string(value));
	*out = json_object_get_uint64(value);
	return 0;
}

/* An optional unsigned member: 0 when absent. */
static int get_uint_optional(json_object *obj, const char *key, const char *path, uint64_t *out,
                             struct arca_error **err)
{
	json_object *value;
	*out = 0;
	if (!json_object_object_get_ex(obj, key, &value))
		return 0;
	return get_uint(obj, key, UINT64_MAX, path, out, err);
}

static int get_bool(json_object *obj, const char *key, const char *path, bool *out,
                    struct arca_error **err)
{
	json_object *value;

	int r = member(obj, key, json_type_boolean, true, path, &value, err);
	if (r < 0)
		return r;
	*out = json_object_get_boolean(value);
	return 0;
}

static int get_annotations(json_object *obj, const char *path, struct arca_map *out,
                           struct arca_error **err)
{
	json_object *map;

	int r = member(obj, RECORD_KEY_ANNOTATIONS, json_type_object, false, path, &map, err);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	size_t count = (size_t)json_object_object_length(map);
	if (count == 0)
		return 0;
	out->items = calloc(count, sizeof(*out->items));
	if (!out->items)
		return arca_fail(err, ENOMEM, "%s", path);
	json_object_object_foreach(map, key, value)
	{
		if (!json_object_is_type(value, json_type_string))
			return arca_fail_msg(err, EINVAL, "%s: %s.%s: expected a string, got %s",
			                     path, RECORD_KEY_ANNOTATIONS, key,
			                     type_name(json_object_get_type(value)));
		struct arca_kv *kv = &out->items[out->len++];
		kv->key = strdup(key);
		kv->value = strdup(json_object_get_string(value));
		if (!kv->key || !kv->value)
			return arca_fail(err, ENOMEM, "%s", path);
	}
	return 0;
}

/* Given back as the compact JSON text the cgroups driver wrote. */
static int get_cgroup(json_object *obj, const char *path, char **out, struct arca_error **err)
{
	json_object *cgroup;

	int r = member(obj, RECORD_KEY_CGROUP, json_type_object, false, path, &cgroup, err);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	const char *text = json_object_to_json_string_ext(
	    cgroup, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	*out = text ? strdup(text) : NULL;
	if (!*out)
		return arca_fail(err, ENOMEM, "%s", path);
	return 0;
}

static int check_version(json_object *obj, const char *path, struct arca_error **err)
{
	uint64_t version = 0;

	int r = get_uint(obj, RECORD_KEY_VERSION, UINT64_MAX, path, &version, err);
	if (r < 0)
		return r;
	if (version != RECORD_VERSION)
		return arca_fail_msg(err, EINVAL, "%s: %s: %llu is not supported (expected %d)",
		                     path, RECORD_KEY_VERSION, (unsigned long long)version,
		                     RECORD_VERSION);
	return 0;
}

static int record_from_json(json_object *obj, const char *path, struct container_record *rec,
                            struct arca_error **err)
{
	uint64_t owner = 0, pid = 0;

	if (!json_object_is_type(obj, json_type_object))
		return arca_fail_msg(err, EINVAL, "%s: expected an object, got %s", path,
		                     type_name(json_object_get_type(obj)));
	int r = check_version(obj, path, err);
	r = r ?: get_string(obj, RECORD_KEY_ID, path, &rec->id, err);
	r = r ?: get_string(obj, RECORD_KEY_BUNDLE, path, &rec->bundle, err);
	r = r ?: get_string(obj, RECORD_KEY_ROOTFS, path, &rec->rootfs, err);
	r = r ?: get_string(obj, RECORD_KEY_CREATED, path, &rec->created, err);
	r = r ?: get_uint(obj, RECORD_KEY_OWNER, (uid_t)-2, path, &owner, err);
	r = r ?: get_bool(obj, RECORD_KEY_CREATING, path, &rec->creating, err);
	r = r ?: get_uint(obj, RECORD_KEY_INIT_PID, INT_MAX, path, &pid, err);
	r = r ?: get_uint(obj, RECORD_KEY_INIT_START, UINT64_MAX, path, &rec->init_start_time, err);
	r = r ?: get_annotations(obj, path, &rec->annotations, err);
	r = r ?: get_cgroup(obj, path, &rec->cgroup, err);
	r = r ?: get_uint_optional(obj, RECORD_KEY_ANCHOR, path, &rec->rootfs_anchor, err);
	if (r < 0)
		return r;
	rec->owner_uid = (uid_t)owner;
	rec->init_pid = (pid_t)pid;
	return 0;
}

int state_record_read(const struct state_dir *dir, struct container_record **out,
                      struct arca_error **err)
{
	_cleanup_free_ char *path = NULL, *text = NULL;
	_cleanup_json_ json_object *obj = NULL;
	size_t len = 0;

	if (asprintf(&path, "%s/%s", dir->path, STATE_FILE) < 0) {
		path = NULL;
		return arca_fail(err, ENOMEM, "read %s/%s", dir->path, STATE_FILE);
	}
	_cleanup_close_ int fd = openat(dir->fd, STATE_FILE, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return arca_fail(err, errno, "read %s", path);
	int r = read_text(fd, &text, &len);
	if (r < 0)
		return arca_fail(err, -r, "read %s", path);
	r = parse_text(text, len, path, &obj, err);
	if (r < 0)
		return r;

	_cleanup_record_ struct container_record *rec = calloc(1, sizeof(*rec));
	if (!rec)
		return arca_fail(err, ENOMEM, "read %s", path);
	r = record_from_json(obj, path, rec, err);
	if (r < 0)
		return r;
	*out = TAKE_PTR(rec);
	return 0;
}
