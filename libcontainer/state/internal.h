/* Helpers shared by the files of the state module; nothing outside
 * libcontainer/state includes this. */
#ifndef ARCA_STATE_INTERNAL_H
#define ARCA_STATE_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>

#include <json-c/json.h>

#include "arca/error.h"
#include "arca/spec.h"
#include "state/store.h"
#include "util/json.h"

/* Temporary entries in the state root and in a container directory start
 * with this; a valid ID never starts with '.', so they never look like a
 * container. */
#define STATE_TMP_DIR_PREFIX  ".new-"
#define STATE_TMP_FILE_PREFIX STATE_FILE ".tmp-"

/* state.json: the format's version and its keys. */
#define RECORD_VERSION         1
#define RECORD_KEY_VERSION     "version"
#define RECORD_KEY_ID          "id"
#define RECORD_KEY_BUNDLE      "bundle"
#define RECORD_KEY_ROOTFS      "rootfs"
#define RECORD_KEY_CREATED     "created"
#define RECORD_KEY_OWNER       "owner"
#define RECORD_KEY_CREATING    "creating"
#define RECORD_KEY_INIT_PID    "initPid"
#define RECORD_KEY_INIT_START  "initStartTime"
#define RECORD_KEY_ANNOTATIONS "annotations"
#define RECORD_KEY_CGROUP      "cgroup"
#define RECORD_KEY_ANCHOR      "rootfsAnchor"

/* Room for a prefix above and the random suffix state_random_name adds. */
#define STATE_TMP_NAME_MAX 32

/* Writes "<prefix>XXXXXX" into buf, the X being random letters and digits. */
int state_random_name(char *buf, size_t size, const char *prefix);

/* A deep copy of src into *dst (which is overwritten). */
int state_map_copy(struct arca_map *dst, const struct arca_map *src);

/* Frees the keys, the values and the array, and empties the map. */
void state_map_free(struct arca_map *map);

/* The name /etc/passwd gives uid, or "#<uid>" when it has none: what runc's
 * `list` prints as the owner. */
int state_owner_name(uid_t uid, char **out);

/* A json-c string whose serialized form escapes exactly as Go's
 * encoding/json does (<, >, & and U+2028/U+2029 as \u escapes, invalid
 * UTF-8 as U+FFFD, '/' left alone), so what we print matches runc byte for
 * byte. NULL when out of memory. */
json_object *state_json_go_string(const char *value);

/* An object that serializes map (which must outlive it) as Go prints a
 * map[string]string: keys sorted bytewise, keys and values escaped as
 * above. NULL when out of memory. */
json_object *state_json_go_map(const struct arca_map *map);

#endif
