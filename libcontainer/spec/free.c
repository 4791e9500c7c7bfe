/* Releasing the structs through the same tables that filled them. */
#include <stdlib.h>
#include <string.h>

#include "arca/spec.h"
#include "spec/fields.h"
#include "spec/spec_json.h"

static void free_value(const struct spec_field *field, char *p);

static void free_elements(const struct spec_field *field, char *p)
{
	struct spec_vec vec;
	memcpy(&vec, p, sizeof(vec));
	for (size_t i = 0; i < vec.len; i++) {
		char *elem = (char *)vec.items + i * field->size;
		if (field->type == SPEC_MAP) {
			char *key;
			memcpy(&key, elem, sizeof(key));
			free(key);
		}
		free_value(field->elem, elem + field->elem->offset);
	}
	free(vec.items);
}

static void free_value(const struct spec_field *field, char *p)
{
	void *owned;
	switch (field->type) {
	case SPEC_STRING:
		memcpy(&owned, p, sizeof(owned));
		free(owned);
		break;
	case SPEC_OBJECT:
		memcpy(&owned, p, sizeof(owned));
		if (owned)
			spec_object_free(field->object, owned);
		free(owned);
		break;
	case SPEC_EMBED:
		spec_object_free(field->object, p);
		break;
	case SPEC_ARRAY:
	case SPEC_MAP:
		free_elements(field, p);
		break;
	default:
		break;
	}
}

void spec_object_free(const struct spec_object *object, void *base)
{
	for (size_t i = 0; i < object->count; i++)
		free_value(&object->fields[i], (char *)base + object->fields[i].offset);
}

void spec_free(struct spec *spec)
{
	if (!spec)
		return;
	spec_object_free(&spec_table_config, spec);
	free(spec);
}

void spec_process_free(struct spec_process *process)
{
	if (!process)
		return;
	spec_object_free(&spec_table_process, process);
	free(process);
}
