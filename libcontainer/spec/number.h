/* Exact integers from the raw text of a JSON number (yajl's yajl_number
 * callback): no fractions, no exponents, no rounding through a double. */
#ifndef ARCA_SPEC_NUMBER_H
#define ARCA_SPEC_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

#include "spec/fields.h"

enum spec_int_status {
	SPEC_INT_OK,
	SPEC_INT_NOT_INTEGER, /* a fraction or an exponent: "1.5", "1e3" */
	SPEC_INT_RANGE,       /* an integer outside the C type's range */
};

/* Parses the number text (valid JSON number syntax, not NUL-terminated) for
 * a row of the given integer type (SPEC_U16 ... SPEC_U64). */
enum spec_int_status spec_int_parse(enum spec_type type, const char *text, size_t len,
                                    union spec_int *out);

/* True when the JSON number text is an integer (no fraction or exponent). */
bool spec_number_is_integer(const char *text, size_t len);

/* "an unsigned 32-bit integer", ... for range errors. */
const char *spec_int_type_name(enum spec_type type);

#endif
