/* The cgroup's record in state.json: what a later process (delete, kill,
 * exec) needs to find the cgroup and to remove exactly what create made.
 *
 * {"path": "/arca/foo", "layout": "hybrid",
 *  "hierarchies": [{"mount": "/sys/fs/cgroup/cpu", "controllers": "cpu", "unified": false}, ...],
 *  "created": ["/sys/fs/cgroup/cpu/arca/foo", ...]} */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"
#include "util/json.h"

#define RECORD "cgroup record"

/* Adds val under key; false (and val released) when either is missing. */
static bool add(json_object *obj, const char *key, json_object *val)
{
	if (!val)
		return false;
	if (json_object_object_add(obj, key, val) < 0) {
		json_object_put(val);
		return false;
	}
	return true;
}

static bool push(json_object *array, json_object *val)
{
	if (!val)
		return false;
	if (json_object_array_add(array, val) < 0) {
		json_object_put(val);
		return false;
	}
	return true;
}

static json_object *hierarchy_to_json(const struct cgroup_hierarchy *h)
{
	_cleanup_json_ json_object *obj = json_object_new_object();
	if (!obj || !add(obj, "mount", json_object_new_string(h->mount)) ||
	    !add(obj, "controllers", json_object_new_string(h->controllers)) ||
	    !add(obj, "unified", json_object_new_boolean(h->unified)))
		return NULL;
	return TAKE_PTR(obj);
}

static json_object *record_to_json(const struct cgroup *cg)
{
	_cleanup_json_ json_object *obj = json_object_new_object();
	if (!obj || !add(obj, "path", json_object_new_string(cg->path)) ||
	    !add(obj, "layout", json_object_new_string(cgroup_layout_name(cg->layout))))
		return NULL;
	json_object *hierarchies = json_object_new_array();
	if (!add(obj, "hierarchies", hierarchies))
		return NULL;
	for (size_t i = 0; i < cg->n_hierarchies; i++)
		if (!push(hierarchies, hierarchy_to_json(&cg->hierarchies[i])))
			return NULL;
	json_object *created = json_object_new_array();
	if (!add(obj, "created", created))
		return NULL;
	for (size_t i = 0; i < cg->n_created; i++)
		if (!push(created, json_object_new_string(cg->created[i])))
			return NULL;
	return TAKE_PTR(obj);
}

int cgroup_to_json(const struct cgroup *cg, char **out, struct arca_error **err)
{
	_cleanup_json_ json_object *obj = record_to_json(cg);
	const char *text = obj ? json_object_to_json_string_ext(
	                             obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
	                       : NULL;
	*out = text ? strdup(text) : NULL;
	if (!*out)
		return arca_fail(err, ENOMEM, "%s of %s", RECORD, cg->path);
	return 0;
}

static int get_member(json_object *obj, const char *where, const char *key, json_type type,
                      json_object **out, struct arca_error **err)
{
	if (!json_object_object_get_ex(obj, key, out))
		return arca_fail_msg(err, EINVAL, "%s: %s%s: missing", RECORD, where, key);
	if (!json_object_is_type(*out, type))
		return arca_fail_msg(err, EINVAL, "%s: %s%s: expected %s, got %s", RECORD, where,
		                     key, json_type_to_name(type),
		                     json_type_to_name(json_object_get_type(*out)));
	return 0;
}

static int get_string(json_object *obj, const char *where, const char *key, char **out,
                      struct arca_error **err)
{
	json_object *val;
	int r = get_member(obj, where, key, json_type_string, &val, err);
	if (r < 0)
		return r;
	*out = strdup(json_object_get_string(val));
	return *out ? 0 : arca_fail(err, ENOMEM, "%s: %s%s", RECORD, where, key);
}

static bool has_dotdot(const char *path)
{
	for (const char *p = strstr(path, "/.."); p; p = strstr(p + 1, "/.."))
		if (p[3] == '/' || p[3] == '\0')
			return true;
	return false;
}

static bool is_below(const char *path, const char *dir)
{
	/* dir is never NULL: the analyzer loses track of n_hierarchies (0 in a
	 * calloc'd cgroup) and walks into an empty hierarchies array.
	 * NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
	size_t n = strlen(dir);
	return !strncmp(path, dir, n) && path[n] == '/' && path[n + 1];
}

/* A hierarchy must be mounted at /sys/fs/cgroup or below it. */
static bool is_cgroup_mount(const char *mount)
{
	return !has_dotdot(mount) &&
	       (!strcmp(mount, CGROUP_MOUNT) || is_below(mount, CGROUP_MOUNT));
}

/* A recorded directory must lie strictly inside one of the hierarchies. */
static bool is_inside_hierarchy(const struct cgroup *cg, const char *dir)
{
	if (has_dotdot(dir))
		return false;
	for (size_t i = 0; i < cg->n_hierarchies; i++)
		if (is_below(dir, cg->hierarchies[i].mount))
			return true;
	return false;
}

static int hierarchy_from_json(json_object *obj, struct cgroup_hierarchy *h,
                               struct arca_error **err)
{
	if (!json_object_is_type(obj, json_type_object))
		return arca_fail_msg(err, EINVAL, "%s: hierarchies: expected objects", RECORD);
	json_object *unified;
	int r = get_member(obj, "hierarchies[].", "unified", json_type_boolean, &unified, err);
	if (r >= 0)
		r = get_string(obj, "hierarchies[].", "mount", &h->mount, err);
	if (r >= 0)
		r = get_string(obj, "hierarchies[].", "controllers", &h->controllers, err);
	if (r >= 0 && !is_cgroup_mount(h->mount))
		r = arca_fail_msg(err, EINVAL, "%s: hierarchies[].mount: \"%s\" is not below %s",
		                  RECORD, h->mount, CGROUP_MOUNT);
	h->unified = r >= 0 && json_object_get_boolean(unified);
	return r;
}

static int hierarchies_from_json(json_object *obj, struct cgroup *cg, struct arca_error **err)
{
	json_object *array;
	int r = get_member(obj, "", "hierarchies", json_type_array, &array, err);
	if (r < 0)
		return r;
	size_t len = json_object_array_length(array);
	cg->hierarchies = calloc(len ? len : 1, sizeof(*cg->hierarchies));
	if (!cg->hierarchies)
		return arca_fail(err, ENOMEM, "%s: hierarchies", RECORD);
	for (; cg->n_hierarchies < len; cg->n_hierarchies++) {
		json_object *item = json_object_array_get_idx(array, cg->n_hierarchies);
		r = hierarchy_from_json(item, &cg->hierarchies[cg->n_hierarchies], err);
		if (r < 0) {
			cg->n_hierarchies++;
			return r;
		}
	}
	return 0;
}

static int created_from_json(json_object *obj, struct cgroup *cg, struct arca_error **err)
{
	json_object *array;
	int r = get_member(obj, "", "created", json_type_array, &array, err);
	if (r < 0)
		return r;
	size_t len = json_object_array_length(array);
	cg->created = calloc(len ? len : 1, sizeof(*cg->created));
	if (!cg->created)
		return arca_fail(err, ENOMEM, "%s: created", RECORD);
	for (; cg->n_created < len; cg->n_created++) {
		json_object *item = json_object_array_get_idx(array, cg->n_created);
		const char *dir = json_object_get_string(item);
		if (!json_object_is_type(item, json_type_string) || !is_inside_hierarchy(cg, dir))
			return arca_fail_msg(
			    err, EINVAL, "%s: created: \"%s\" is not a directory in a hierarchy",
			    RECORD, dir ? dir : "");
		cg->created[cg->n_created] = strdup(dir);
		if (!cg->created[cg->n_created])
			return arca_fail(err, ENOMEM, "%s: created", RECORD);
	}
	return 0;
}

static int fill_from_json(json_object *obj, struct cgroup *cg, struct arca_error **err)
{
	_cleanup_free_ char *layout = NULL;
	int r = get_string(obj, "", "path", &cg->path, err);
	if (r >= 0 && (cg->path[0] != '/' || has_dotdot(cg->path)))
		r = arca_fail_msg(err, EINVAL, "%s: path: \"%s\" is not a clean absolute path",
		                  RECORD, cg->path);
	if (r >= 0)
		r = get_string(obj, "", "layout", &layout, err);
	if (r >= 0 && cgroup_layout_from_name(layout, &cg->layout) < 0)
		r = arca_fail_msg(err, EINVAL, "%s: layout: unknown value \"%s\"", RECORD, layout);
	if (r >= 0)
		r = hierarchies_from_json(obj, cg, err);
	if (r >= 0)
		r = created_from_json(obj, cg, err);
	return r < 0 ? r : cgroup_set_dirs(cg, err);
}

int cgroup_from_json(const char *json, struct cgroup **out, struct arca_error **err)
{
	enum json_tokener_error jerr;
	_cleanup_json_ json_object *obj = json_tokener_parse_verbose(json, &jerr);
	if (!obj)
		return arca_fail_msg(err, EINVAL, "%s: %s", RECORD, json_tokener_error_desc(jerr));
	if (!json_object_is_type(obj, json_type_object))
		return arca_fail_msg(err, EINVAL, "%s: expected an object", RECORD);
	_cleanup_cgroup_ struct cgroup *cg = calloc(1, sizeof(*cg));
	if (!cg)
		return arca_fail(err, ENOMEM, "%s", RECORD);
	cg->unified_fd = -1;
	int r = fill_from_json(obj, cg, err);
	if (r < 0)
		return r;
	const struct cgroup_hierarchy *unified = cgroup_find_unified(cg);
	if (unified)
		cg->unified_fd = open(unified->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	*out = TAKE_PTR(cg);
	return 0;
}
