/* Writing state.json: the record as a json-c object, written to a
 * temporary file in the container directory and renamed over state.json,
 * so a reader sees the old record or the new one, never a part. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "state/internal.h"
#include "state/store.h"
#include "util/json.h"

#define RECORD_FILE_MODE 0600

static int put_annotations(json_object *obj, const struct arca_map *annotations)
{
	json_object *map = json_object_new_object();
	int r = json_put(obj, RECORD_KEY_ANNOTATIONS, map);
	for (size_t i = 0; r == 0 && i < annotations->len; i++)
		r = json_put(map, annotations->items[i].key,
		             json_object_new_string(annotations->items[i].value));
	return r;
}

/* The cgroups driver hands its record over as JSON text; it is stored as
 * an object, not as a string holding JSON. */
static int put_cgroup(json_object *obj, const char *text, struct arca_error **err)
{
	enum json_tokener_error jerr;

	if (!text)
		return 0;
	json_object *cgroup = json_tokener_parse_verbose(text, &jerr);
	if (!cgroup)
		return arca_fail_msg(err, EINVAL, "state record: cgroup: invalid JSON: %s",
		                     json_tokener_error_desc(jerr));
	if (!json_object_is_type(cgroup, json_type_object)) {
		json_object_put(cgroup);
		return arca_fail_msg(err, EINVAL, "state record: cgroup: expected a JSON object");
	}
	if (json_put(obj, RECORD_KEY_CGROUP, cgroup) < 0)
		return arca_fail(err, ENOMEM, "state record");
	return 0;
}

static int check_required(const struct container_record *rec, struct arca_error **err)
{
	const char *missing = !rec->id        ? RECORD_KEY_ID
	                      : !rec->bundle  ? RECORD_KEY_BUNDLE
	                      : !rec->rootfs  ? RECORD_KEY_ROOTFS
	                      : !rec->created ? RECORD_KEY_CREATED
	                                      : NULL;
	if (missing)
		return arca_fail_msg(err, EINVAL, "state record: %s is missing", missing);
	return 0;
}

static int record_to_json(const struct container_record *rec, json_object **out,
                          struct arca_error **err)
{
	int r = check_required(rec, err);
	if (r < 0)
		return r;

	_cleanup_json_ json_object *obj = json_object_new_object();
	if (!obj)
		return arca_fail(err, ENOMEM, "state record");
	r = json_put(obj, RECORD_KEY_VERSION, json_object_new_int(RECORD_VERSION));
	r = r ?: json_put(obj, RECORD_KEY_ID, json_object_new_string(rec->id));
	r = r ?: json_put(obj, RECORD_KEY_BUNDLE, json_object_new_string(rec->bundle));
	r = r ?: json_put(obj, RECORD_KEY_ROOTFS, json_object_new_string(rec->rootfs));
	r = r ?: json_put(obj, RECORD_KEY_CREATED, json_object_new_string(rec->created));
	r = r ?: json_put(obj, RECORD_KEY_OWNER, json_object_new_int64(rec->owner_uid));
	r = r ?: json_put(obj, RECORD_KEY_CREATING, json_object_new_boolean(rec->creating));
	r = r ?: json_put(obj, RECORD_KEY_INIT_PID, json_object_new_int(rec->init_pid));
	r = r ?: json_put(obj, RECORD_KEY_INIT_START, json_object_new_uint64(rec->init_start_time));
	if (rec->rootfs_anchor)
		r = r
		        ?: json_put(obj, RECORD_KEY_ANCHOR,
		                    json_object_new_uint64(rec->rootfs_anchor));
	r = r ?: put_annotations(obj, &rec->annotations);
	if (r < 0)
		return arca_fail(err, ENOMEM, "state record");
	r = put_cgroup(obj, rec->cgroup, err);
	if (r < 0)
		return r;
	*out = TAKE_PTR(obj);
	return 0;
}

static int write_all(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

/* No fsync: the state root lives on tmpfs (/run), which does not survive a
 * reboot anyway, and rename alone is atomic for concurrent readers. */
static int write_temp_file(const struct state_dir *dir, const char *temp, const char *text)
{
	int fd = openat(dir->fd, temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	                RECORD_FILE_MODE);
	if (fd < 0)
		return -errno;
	int r = write_all(fd, text, strlen(text));
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r < 0)
		unlinkat(dir->fd, temp, 0);
	return r;
}

static int replace_state_file(const struct state_dir *dir, const char *text,
                              struct arca_error **err)
{
	char temp[STATE_TMP_NAME_MAX];

	int r = state_random_name(temp, sizeof(temp), STATE_TMP_FILE_PREFIX);
	if (r < 0)
		return arca_fail(err, -r, "write %s/%s", dir->path, STATE_FILE);
	r = write_temp_file(dir, temp, text);
	if (r < 0)
		return arca_fail(err, -r, "write %s/%s", dir->path, temp);
	if (renameat(dir->fd, temp, dir->fd, STATE_FILE) < 0) {
		r = arca_fail(err, errno, "rename %s/%s to %s", dir->path, temp, STATE_FILE);
		unlinkat(dir->fd, temp, 0);
		return r;
	}
	return 0;
}

int state_record_write(const struct state_dir *dir, const struct container_record *rec,
                       struct arca_error **err)
{
	_cleanup_json_ json_object *obj = NULL;

	int r = record_to_json(rec, &obj, err);
	if (r < 0)
		return arca_wrap(err, r, "write %s/%s", dir->path, STATE_FILE);
	const char *text =
	    json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	                                            JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text)
		return arca_fail(err, ENOMEM, "write %s/%s", dir->path, STATE_FILE);
	return replace_state_file(dir, text, err);
}
