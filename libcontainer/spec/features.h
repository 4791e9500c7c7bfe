/* What the loader understands, asked by JSON path: the `features` document
 * is derived from these answers, so it says what the tables say (FEAT-02). */
#ifndef ARCA_SPEC_FEATURES_H
#define ARCA_SPEC_FEATURES_H

#include <stdbool.h>

#include "spec/fields.h"

/* The row of config.json at a dotted path of member names, stepping into
 * objects and into the elements of arrays and maps ("linux.seccomp.syscalls.
 * action", "mounts.options"); NULL when there is no such member. *implemented
 * is false when the row or a member on the way to it is SPEC_UNIMPLEMENTED
 * (the loader refuses it when set). */
const struct spec_field *spec_field_at(const char *path, bool *implemented);

/* The strings of an enum row, or of the elements of an array of enums;
 * NULL for any other row. */
const struct spec_enum *spec_field_enum(const struct spec_field *field);

#endif
