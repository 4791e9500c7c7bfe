/* The JSON that `arca state` and `arca list --format json` print, laid out
 * as runc prints it: same keys, same order, same escaping. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "state/internal.h"
#include "state/store.h"
#include "util/json.h"

/* runc's `state` indents by two spaces, its `list` prints one compact
 * line. The text here ends without a newline: the caller prints it. */
#define STATE_JSON_FLAGS                                                                           \
	(JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)
#define LIST_JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

static json_object *new_go_string_or_empty(const char *value)
{
	return state_json_go_string(value ? value : "");
}

/* runc's field order; owner is "" from `state` and the user's name from
 * `list`. */
static int state_object(const struct arca_state *state, const char *owner, json_object **out)
{
	_cleanup_json_ json_object *obj = json_object_new_object();
	if (!obj)
		return -ENOMEM;
	int r = json_put(obj, "ociVersion", new_go_string_or_empty(state->oci_version));
	r = r ?: json_put(obj, "id", new_go_string_or_empty(state->id));
	r = r ?: json_put(obj, "pid", json_object_new_int(state->pid));
	r = r ?: json_put(obj, "status", state_json_go_string(arca_status_name(state->status)));
	r = r ?: json_put(obj, "bundle", new_go_string_or_empty(state->bundle));
	r = r ?: json_put(obj, "rootfs", new_go_string_or_empty(state->rootfs));
	r = r ?: json_put(obj, "created", new_go_string_or_empty(state->created));
	if (r == 0 && state->annotations.len > 0)
		r = json_put(obj, "annotations", state_json_go_map(&state->annotations));
	r = r ?: json_put(obj, "owner", state_json_go_string(owner));
	if (r < 0)
		return r;
	*out = TAKE_PTR(obj);
	return 0;
}

static int to_text(json_object *obj, int flags, char **out)
{
	const char *text = json_object_to_json_string_ext(obj, flags);
	*out = text ? strdup(text) : NULL;
	return *out ? 0 : -ENOMEM;
}

int arca_state_to_json(const struct arca_state *state, char **out, struct arca_error **err)
{
	_cleanup_json_ json_object *obj = NULL;

	int r = state_object(state, "", &obj);
	r = r ?: to_text(obj, STATE_JSON_FLAGS, out);
	if (r < 0)
		return arca_fail(err, -r, "state of container \"%s\"", state->id);
	return 0;
}

static int list_entry(const struct arca_state *state, json_object *array)
{
	_cleanup_free_ char *owner = NULL;
	json_object *obj = NULL;

	int r = state_owner_name(state->owner_uid, &owner);
	r = r ?: state_object(state, owner, &obj);
	if (r < 0)
		return r;
	if (json_object_array_add(array, obj) < 0) {
		json_object_put(obj);
		return -ENOMEM;
	}
	return 0;
}

int arca_state_list_to_json(const struct arca_state_list *list, char **out, struct arca_error **err)
{
	if (list->len == 0) {
		*out = strdup("null"); /* runc: a nil slice */
		return *out ? 0 : arca_fail(err, ENOMEM, "list containers");
	}
	_cleanup_json_ json_object *array = json_object_new_array_ext((int)list->len);
	if (!array)
		return arca_fail(err, ENOMEM, "list containers");
	int r = 0;
	for (size_t i = 0; r == 0 && i < list->len; i++)
		r = list_entry(list->items[i], array);
	r = r ?: to_text(array, LIST_JSON_FLAGS, out);
	if (r < 0)
		return arca_fail(err, -r, "list containers");
	return 0;
}
