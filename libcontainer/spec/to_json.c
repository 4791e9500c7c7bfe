/* Writing the structs back as JSON through the same tables (json-c): the
 * config snapshot the runtime keeps, and `arca spec`. */
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "arca/spec.h"
#include "spec/fields.h"
#include "spec/spec_json.h"

static struct json_object *value_to_json(const struct spec_field *field, const char *p);

static void *load_ptr(const char *p)
{
	void *ptr;
	memcpy(&ptr, p, sizeof(ptr));
	return ptr;
}

/* Whether a row is written: absent strings, objects, optional scalars and
 * empty arrays are not; a plain bool or number is unless it is an optional
 * member at its zero default. */
static bool has_value(const struct spec_field *field, const char *p)
{
	struct spec_vec vec;
	union spec_int n;
	bool b;

	switch (field->type) {
	case SPEC_STRING:
	case SPEC_OBJECT:
		return load_ptr(p) != NULL;
	case SPEC_EMBED:
		return true;
	case SPEC_ARRAY:
	case SPEC_MAP:
		memcpy(&vec, p, sizeof(vec));
		return vec.len > 0;
	case SPEC_BOOL:
		if (!spec_load_bool(field, p, &b))
			return false;
		return b || (field->flags & (SPEC_REQUIRED | SPEC_OPTIONAL));
	default:
		if (!spec_load_int(field, p, &n))
			return false;
		return n.u != 0 || (field->flags & (SPEC_REQUIRED | SPEC_OPTIONAL));
	}
}

static struct json_object *object_to_json(const struct spec_object *object, const char *base)
{
	struct json_object *json = json_object_new_object();
	for (size_t i = 0; json && i < object->count; i++) {
		const struct spec_field *field = &object->fields[i];
		const char *p = base + field->offset;
		if (!has_value(field, p))
			continue;
		struct json_object *value = value_to_json(field, p);
		if (!value || json_object_object_add_ex(json, field->name, value,
		                                        JSON_C_OBJECT_ADD_KEY_IS_NEW |
		                                            JSON_C_OBJECT_KEY_IS_CONSTANT) < 0) {
			json_object_put(value);
			json_object_put(json);
			json = NULL;
		}
	}
	return json;
}

static struct json_object *array_to_json(const struct spec_field *field, const char *p)
{
	struct spec_vec vec;
	memcpy(&vec, p, sizeof(vec));
	struct json_object *json = json_object_new_array_ext((int)vec.len);
	for (size_t i = 0; json && i < vec.len; i++) {
		const char *elem = (const char *)vec.items + i * field->size;
		struct json_object *value = value_to_json(field->elem, elem + field->elem->offset);
		if (!value || json_object_array_add(json, value) < 0) {
			json_object_put(value);
			json_object_put(json);
			json = NULL;
		}
	}
	return json;
}

static struct json_object *map_to_json(const struct spec_field *field, const char *p)
{
	struct spec_vec vec;
	memcpy(&vec, p, sizeof(vec));
	struct json_object *json = json_object_new_object();
	for (size_t i = 0; json && i < vec.len; i++) {
		const char *elem = (const char *)vec.items + i * field->size;
		const char *key = load_ptr(elem);
		struct json_object *value = value_to_json(field->elem, elem + field->elem->offset);
		if (!value ||
		    json_object_object_add_ex(json, key, value, JSON_C_OBJECT_ADD_KEY_IS_NEW) < 0) {
			json_object_put(value);
			json_object_put(json);
			json = NULL;
		}
	}
	return json;
}

static struct json_object *scalar_to_json(const struct spec_field *field, const char *p)
{
	union spec_int n;
	bool b;

	switch (field->type) {
	case SPEC_STRING:
		return json_object_new_string(load_ptr(p));
	case SPEC_BOOL:
		spec_load_bool(field, p, &b);
		return json_object_new_boolean(b);
	case SPEC_ENUM:
		spec_load_int(field, p, &n);
		return json_object_new_string(field->values->names[n.i]);
	case SPEC_I32:
	case SPEC_I64:
		spec_load_int(field, p, &n);
		return json_object_new_int64(n.i);
	default:
		spec_load_int(field, p, &n);
		return json_object_new_uint64(n.u);
	}
}

static struct json_object *value_to_json(const struct spec_field *field, const char *p)
{
	switch (field->type) {
	case SPEC_OBJECT:
		return object_to_json(field->object, load_ptr(p));
	case SPEC_EMBED:
		return object_to_json(field->object, p);
	case SPEC_ARRAY:
		return array_to_json(field, p);
	case SPEC_MAP:
		return map_to_json(field, p);
	default:
		return scalar_to_json(field, p);
	}
}

int spec_to_json(const struct spec *spec, char **out, struct arca_error **err)
{
	struct json_object *json = object_to_json(&spec_table_config, (const char *)spec);
	if (!json)
		return arca_fail(err, ENOMEM, "serialize config");
	const char *text =
	    json_object_to_json_string_ext(json, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	                                             JSON_C_TO_STRING_NOSLASHESCAPE);
	char *copy = text ? strdup(text) : NULL;
	json_object_put(json);
	if (!copy)
		return arca_fail(err, ENOMEM, "serialize config");
	*out = copy;
	return 0;
}
