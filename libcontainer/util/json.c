#include "util/json.h"

#include <errno.h>

int json_put(json_object *obj, const char *key, json_object *value)
{
	if (!value)
		return -ENOMEM;
	if (json_object_object_add(obj, key, value) < 0) {
		json_object_put(value);
		return -ENOMEM;
	}
	return 0;
}
