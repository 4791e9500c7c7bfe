#include "spec/features.h"

#include <stddef.h>
#include <string.h>

static const struct spec_field *find_row(const struct spec_object *object, const char *name,
                                         size_t len)
{
	for (size_t i = 0; i < object->count; i++) {
		const struct spec_field *row = &object->fields[i];
		if (strlen(row->name) == len && memcmp(row->name, name, len) == 0)
			return row;
	}
	return NULL;
}

/* The object a row's value holds (an array's or map's element's), or NULL. */
static const struct spec_object *value_object(const struct spec_field *row)
{
	const struct spec_field *value = row->elem ? row->elem : row;
	if (value->type == SPEC_OBJECT || value->type == SPEC_EMBED)
		return value->object;
	return NULL;
}

const struct spec_field *spec_field_at(const char *path, bool *implemented)
{
	const struct spec_object *object = &spec_table_config;
	*implemented = true;
	for (const char *p = path;; p++) {
		size_t len = strcspn(p, ".");
		const struct spec_field *row = object ? find_row(object, p, len) : NULL;
		if (!row)
			return NULL;
		*implemented = *implemented && !(row->flags & SPEC_UNIMPLEMENTED);
		p += len;
		if (*p == '\0')
			return row;
		object = value_object(row);
	}
}

const struct spec_enum *spec_field_enum(const struct spec_field *field)
{
	const struct spec_field *value = field->elem ? field->elem : field;
	return value->type == SPEC_ENUM ? value->values : NULL;
}
