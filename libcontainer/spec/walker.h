/* The one generic loader: yajl's events, driven through the field tables of
 * fields.h, fill the typed structs of arca/spec.h. */
#ifndef ARCA_SPEC_WALKER_H
#define ARCA_SPEC_WALKER_H

#include <stddef.h>

#include "arca/error.h"
#include "spec/fields.h"

/* Objects and arrays nest at most this deep, unknown subtrees included. */
#define SPEC_MAX_DEPTH 64

/* The largest document accepted, in bytes. */
#define SPEC_MAX_SIZE (16u << 20)

/* Walker flags. */
enum {
	/* Accept members flagged SPEC_UNIMPLEMENTED (tests, round trips). */
	SPEC_WALK_ALL = 1u << 0,
};

/* Parses the JSON text (len bytes) into the zeroed struct at base, which
 * root (an SPEC_EMBED row) describes. Every message starts with name:
 * "config.json:3:14: <syntax error>" or "config.json: <path>: <problem>".
 * On failure the struct may be partly filled; spec_object_free releases it. */
int spec_walk(const char *json, size_t len, const char *name, const struct spec_field *root,
              void *base, unsigned flags, struct arca_error **err);

#endif
