/* Building json-c objects. */
#ifndef ARCA_UTIL_JSON_H
#define ARCA_UTIL_JSON_H

#include <json-c/json.h>

#include "arca/cleanup.h"

static inline void json_putp(json_object **obj)
{
	json_object_put(*obj);
}

/* A json_object reference released when it goes out of scope. */
#define _cleanup_json_ _cleanup_(json_putp)

/* Adds value under key; obj owns it from then on, also on failure. value
 * may be NULL (its constructor ran out of memory): -ENOMEM. */
int json_put(json_object *obj, const char *key, json_object *value);

#endif
