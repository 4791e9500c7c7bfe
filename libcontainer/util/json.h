/* Building json-c objects. */
#ifndef ARCA_UTIL_JSON_H
#define ARCA_UTIL_JSON_H

#include <json-c/json.h>

/* Adds value under key; obj owns it from then on, also on failure. value
 * may be NULL (its constructor ran out of memory): -ENOMEM. */
int json_put(json_object *obj, const char *key, json_object *value);

#endif
