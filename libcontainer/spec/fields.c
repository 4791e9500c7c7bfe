/* Reading and writing one scalar row's storage, plain or in an arca_opt_*
 * wrapper. memcpy keeps it free of aliasing and alignment assumptions. */
#include "spec/fields.h"

#include <string.h>

#include "arca/spec.h"

/* Where the value sits: past the `set` flag of an arca_opt_* wrapper. */
static size_t value_offset(const struct spec_field *field)
{
	if (!(field->flags & SPEC_OPTIONAL))
		return 0;
	switch (field->type) {
	case SPEC_BOOL:
		return offsetof(struct arca_opt_bool, value);
	case SPEC_U16:
		return offsetof(struct arca_opt_u16, value);
	case SPEC_U32:
		return offsetof(struct arca_opt_u32, value);
	case SPEC_I64:
		return offsetof(struct arca_opt_i64, value);
	case SPEC_U64:
		return offsetof(struct arca_opt_u64, value);
	default: /* SPEC_I32 and SPEC_ENUM use arca_opt_i32 */
		return offsetof(struct arca_opt_i32, value);
	}
}

static void mark_set(const struct spec_field *field, char *p)
{
	if (field->flags & SPEC_OPTIONAL) {
		bool set = true;
		memcpy(p, &set, sizeof(set));
	}
}

static bool is_set(const struct spec_field *field, const char *p)
{
	bool set = true;
	if (field->flags & SPEC_OPTIONAL)
		memcpy(&set, p, sizeof(set));
	return set;
}

void spec_store_int(const struct spec_field *field, char *p, union spec_int value)
{
	char *v = p + value_offset(field);
	uint16_t u16 = (uint16_t)value.u;
	uint32_t u32 = (uint32_t)value.u;
	int32_t i32 = (int32_t)value.i;
	int e = (int)value.i;

	switch (field->type) {
	case SPEC_U16:
		memcpy(v, &u16, sizeof(u16));
		break;
	case SPEC_U32:
		memcpy(v, &u32, sizeof(u32));
		break;
	case SPEC_I32:
		memcpy(v, &i32, sizeof(i32));
		break;
	case SPEC_I64:
		memcpy(v, &value.i, sizeof(value.i));
		break;
	case SPEC_U64:
		memcpy(v, &value.u, sizeof(value.u));
		break;
	default: /* SPEC_ENUM: an int, or the int32_t of an arca_opt_i32 */
		if (field->flags & SPEC_OPTIONAL)
			memcpy(v, &i32, sizeof(i32));
		else
			memcpy(v, &e, sizeof(e));
		break;
	}
	mark_set(field, p);
}

bool spec_load_int(const struct spec_field *field, const char *p, union spec_int *value)
{
	const char *v = p + value_offset(field);
	uint16_t u16;
	uint32_t u32;
	int32_t i32;
	int e;

	switch (field->type) {
	case SPEC_U16:
		memcpy(&u16, v, sizeof(u16));
		value->u = u16;
		break;
	case SPEC_U32:
		memcpy(&u32, v, sizeof(u32));
		value->u = u32;
		break;
	case SPEC_I32:
		memcpy(&i32, v, sizeof(i32));
		value->i = i32;
		break;
	case SPEC_I64:
		memcpy(&value->i, v, sizeof(value->i));
		break;
	case SPEC_U64:
		memcpy(&value->u, v, sizeof(value->u));
		break;
	default:
		if (field->flags & SPEC_OPTIONAL) {
			memcpy(&i32, v, sizeof(i32));
			value->i = i32;
		} else {
			memcpy(&e, v, sizeof(e));
			value->i = e;
		}
		break;
	}
	return is_set(field, p);
}

void spec_store_bool(const struct spec_field *field, char *p, bool value)
{
	memcpy(p + value_offset(field), &value, sizeof(value));
	mark_set(field, p);
}

bool spec_load_bool(const struct spec_field *field, const char *p, bool *value)
{
	memcpy(value, p + value_offset(field), sizeof(*value));
	return is_set(field, p);
}
