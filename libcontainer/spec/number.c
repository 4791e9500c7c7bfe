#include "spec/number.h"

#include <stdint.h>
#include <string.h>

bool spec_number_is_integer(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] == '.' || text[i] == 'e' || text[i] == 'E')
			return false;
	return true;
}

/* The largest magnitude a value of the type may have: for a signed type,
 * negative values may reach one more. */
static uint64_t max_of(enum spec_type type)
{
	switch (type) {
	case SPEC_U16:
		return UINT16_MAX;
	case SPEC_U32:
		return UINT32_MAX;
	case SPEC_I32:
		return INT32_MAX;
	case SPEC_I64:
		return INT64_MAX;
	default:
		return UINT64_MAX;
	}
}

static bool is_signed(enum spec_type type)
{
	return type == SPEC_I32 || type == SPEC_I64;
}

enum spec_int_status spec_int_parse(enum spec_type type, const char *text, size_t len,
                                    union spec_int *out)
{
	if (!spec_number_is_integer(text, len))
		return SPEC_INT_NOT_INTEGER;

	bool negative = len > 0 && text[0] == '-';
	uint64_t magnitude = 0;
	for (size_t i = negative ? 1 : 0; i < len; i++) {
		unsigned digit = (unsigned)(text[i] - '0');
		if (digit > 9)
			return SPEC_INT_NOT_INTEGER;
		if (magnitude > (UINT64_MAX - digit) / 10)
			return SPEC_INT_RANGE;
		magnitude = magnitude * 10 + digit;
	}

	uint64_t max = max_of(type);
	if (!negative) {
		if (magnitude > max)
			return SPEC_INT_RANGE;
		if (is_signed(type))
			out->i = (int64_t)magnitude;
		else
			out->u = magnitude;
		return SPEC_INT_OK;
	}
	if (magnitude == 0) { /* "-0" */
		out->u = 0;
		return SPEC_INT_OK;
	}
	if (!is_signed(type) || magnitude > max + 1)
		return SPEC_INT_RANGE;
	/* -(max + 1) does not fit the positive side: subtract from -1 instead. */
	out->i = -(int64_t)(magnitude - 1) - 1;
	return SPEC_INT_OK;
}

const char *spec_int_type_name(enum spec_type type)
{
	switch (type) {
	case SPEC_U16:
		return "an unsigned 16-bit integer";
	case SPEC_U32:
		return "an unsigned 32-bit integer";
	case SPEC_I32:
		return "a 32-bit integer";
	case SPEC_I64:
		return "a 64-bit integer";
	default:
		return "an unsigned 64-bit integer";
	}
}
