/* A stack of frames follows yajl's events: one frame per open object or
 * array. A frame knows the row it fills, where its storage is, and which
 * member or element comes next; values land at base + row offset. Members
 * without a row (unknown, BND-06) are skipped, their subtrees included, but
 * still checked for depth and duplicate names. */
#include "spec/walker.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "arca/cleanup.h"
#include "spec/keyset.h"
#include "spec/number.h"
#include "spec/text.h"

enum frame_kind {
	FRAME_OBJECT, /* a struct described by a table */
	FRAME_ARRAY,  /* a { items, len } of row->elem values */
	FRAME_MAP,    /* a { items, len } of keyed elements */
	FRAME_SKIP,   /* an unknown subtree */
};

struct frame {
	enum frame_kind kind;
	bool is_array;                   /* FRAME_SKIP: over an array */
	const struct spec_field *field;  /* the row whose value this frame is */
	char *base;                      /* FRAME_OBJECT: the struct; else the { items, len } */
	char *elem;                      /* FRAME_MAP: the current element */
	size_t cap;                      /* FRAME_ARRAY, FRAME_MAP: elements allocated */
	uint64_t seen;                   /* FRAME_OBJECT: rows given */
	uint64_t present;                /* FRAME_OBJECT: rows given something other than null */
	const struct spec_field *member; /* FRAME_OBJECT: the current member's row, or NULL */
	uint64_t member_bit;
	const char *key;    /* the current member's name (objects, maps) */
	size_t count;       /* members or elements so far */
	struct keyset keys; /* names without a row, map keys */
};

struct walker {
	yajl_handle handle;
	const char *json;
	size_t len;
	const char *name;
	unsigned flags;
	const struct spec_field *root;
	char *root_base;
	struct frame frames[SPEC_MAX_DEPTH];
	size_t depth;
	struct arca_error **err;
	int error;
};

/* Where the next value goes: row NULL means it is ignored. */
struct target {
	const struct spec_field *field;
	char *p;
};

/* ---- messages ------------------------------------------------------------- */

/* Map keys in paths are cut after this many bytes. */
#define KEY_SHOWN 128

/* A key a terminal would not show as it is goes into a path quoted. */
static bool has_control(const char *key)
{
	for (const unsigned char *c = (const unsigned char *)key; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return true;
	return false;
}

static void write_component(FILE *f, const struct frame *fr, bool first)
{
	if (fr->kind == FRAME_ARRAY || (fr->kind == FRAME_SKIP && fr->is_array)) {
		fprintf(f, "[%zu]", fr->count - 1);
		return;
	}
	size_t len = strlen(fr->key);
	const char *dot = first ? "" : ".";
	if (has_control(fr->key)) {
		char quoted[SPEC_QUOTE_SIZE];
		fprintf(f, "%s%s", dot, spec_quote(quoted, fr->key, len));
		return;
	}
	size_t shown = spec_cut_length(fr->key, len, KEY_SHOWN);
	fprintf(f, "%s%.*s%s", dot, (int)shown, fr->key, shown < len ? "..." : "");
}

/* The path of the current member of frames[depth - 1], plus ".extra". */
static char *path_of(const struct walker *w, size_t depth, const char *extra)
{
	char *path = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&path, &size);
	if (!f)
		return NULL;
	for (size_t i = 0; i < depth; i++)
		write_component(f, &w->frames[i], i == 0);
	if (extra)
		fprintf(f, "%s%s", depth ? "." : "", extra);
	int failed = ferror(f);
	if (fclose(f) != 0 || failed) {
		free(path);
		return NULL;
	}
	return path;
}

static int out_of_memory(struct walker *w)
{
	w->error = arca_fail(w->err, ENOMEM, "%s", w->name);
	return 0;
}

/* Fails with "<name>: <path>: <message>" for the path of depth frames and
 * extra; returns 0, which makes yajl stop. */
__attribute__((format(printf, 4, 5))) static int fail(struct walker *w, size_t depth,
                                                      const char *extra, const char *fmt, ...)
{
	_cleanup_free_ char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	int r = vasprintf(&msg, fmt, ap);
	va_end(ap);
	_cleanup_free_ char *path = path_of(w, depth, extra);
	if (r < 0 || !path)
		return out_of_memory(w);
	w->error =
	    arca_fail_msg(w->err, EINVAL, "%s: %s%s%s", w->name, path, *path ? ": " : "", msg);
	return 0;
}

/* line:col of the byte before offset (the one yajl stopped at), 1-based. */
static int fail_at(struct walker *w, size_t offset, const char *msg)
{
	size_t at = offset > 0 ? offset - 1 : 0;
	size_t line = 1, line_start = 0;
	for (size_t i = 0; i < at && i < w->len; i++)
		if (w->json[i] == '\n') {
			line++;
			line_start = i + 1;
		}
	w->error = arca_fail_msg(w->err, EINVAL, "%s:%zu:%zu: %s", w->name, line,
	                         at - line_start + 1, msg);
	return 0;
}

static const char *expected(enum spec_type type)
{
	switch (type) {
	case SPEC_STRING:
	case SPEC_ENUM:
		return "a string";
	case SPEC_BOOL:
		return "a boolean";
	case SPEC_OBJECT:
	case SPEC_EMBED:
	case SPEC_MAP:
		return "an object";
	case SPEC_ARRAY:
		return "an array";
	default:
		return "an integer";
	}
}

static int type_error(struct walker *w, const struct spec_field *field, const char *got)
{
	return fail(w, w->depth, NULL, "expected %s, got %s", expected(field->type), got);
}

/* ---- frames ------------------------------------------------------------------ */

static struct frame *top(struct walker *w)
{
	return w->depth ? &w->frames[w->depth - 1] : NULL;
}

static int push(struct walker *w, enum frame_kind kind, const struct spec_field *field, char *base)
{
	if (w->depth == SPEC_MAX_DEPTH) {
		char msg[64];
		snprintf(msg, sizeof(msg), "nesting deeper than %d levels", SPEC_MAX_DEPTH);
		return fail_at(w, yajl_get_bytes_consumed(w->handle), msg);
	}
	w->frames[w->depth++] = (struct frame){.kind = kind, .field = field, .base = base};
	return 1;
}

static void pop(struct walker *w)
{
	keyset_clear(&top(w)->keys);
	w->depth--;
}

/* Appends a zeroed element to the { items, len } of an array or map frame. */
static char *append(struct frame *fr)
{
	struct spec_vec vec;
	size_t size = fr->field->size;
	memcpy(&vec, fr->base, sizeof(vec));
	if (vec.len == fr->cap) {
		size_t cap = fr->cap ? fr->cap * 2 : 4;
		void *items = reallocarray(vec.items, cap, size);
		if (!items)
			return NULL;
		vec.items = items;
		fr->cap = cap;
	}
	char *elem = (char *)vec.items + vec.len * size;
	memset(elem, 0, size);
	vec.len++;
	memcpy(fr->base, &vec, sizeof(vec));
	return elem;
}

static int target_of(struct walker *w, struct target *t)
{
	struct frame *fr = top(w);
	*t = (struct target){0};
	if (!fr) {
		*t = (struct target){.field = w->root, .p = w->root_base};
		return 1;
	}
	switch (fr->kind) {
	case FRAME_OBJECT:
		if (fr->member)
			*t = (struct target){.field = fr->member,
			                     .p = fr->base + fr->member->offset};
		return 1;
	case FRAME_ARRAY: {
		char *elem = append(fr);
		if (!elem)
			return out_of_memory(w);
		fr->count++;
		*t = (struct target){.field = fr->field->elem, .p = elem + fr->field->elem->offset};
		return 1;
	}
	case FRAME_MAP:
		*t = (struct target){.field = fr->field->elem,
		                     .p = fr->elem + fr->field->elem->offset};
		return 1;
	default:
		if (fr->is_array)
			fr->count++;
		return 1;
	}
}

/* A member of a table object that is null is simply absent. */
static bool is_member(struct walker *w)
{
	return w->depth && top(w)->kind == FRAME_OBJECT;
}

static void mark_present(struct walker *w)
{
	if (is_member(w))
		top(w)->present |= top(w)->member_bit;
}

/* Called when a member's value is complete: a row arca does not implement
 * may only hold null, false, "", [] or {} (non_default false). */
static int value_done(struct walker *w, const struct spec_field *field, bool non_default)
{
	if (!non_default || !(field->flags & SPEC_UNIMPLEMENTED) || (w->flags & SPEC_WALK_ALL))
		return 1;
	_cleanup_free_ char *path = path_of(w, w->depth, NULL);
	if (!path)
		return out_of_memory(w);
	w->error = arca_fail_msg(w->err, EOPNOTSUPP, "%s: %s is not supported yet", w->name, path);
	return 0;
}

/* ---- scalars ------------------------------------------------------------------ */

static int on_null(void *ctx)
{
	struct walker *w = ctx;
	struct target t;
	if (!target_of(w, &t))
		return 0;
	if (!t.field || is_member(w))
		return 1;
	return type_error(w, t.field, "null");
}

static int on_boolean(void *ctx, int value)
{
	struct walker *w = ctx;
	struct target t;
	if (!target_of(w, &t))
		return 0;
	if (!t.field)
		return 1;
	if (t.field->type != SPEC_BOOL)
		return type_error(w, t.field, "a boolean");
	spec_store_bool(t.field, t.p, value);
	mark_present(w);
	return value_done(w, t.field, value);
}

static bool is_int(enum spec_type type)
{
	return type == SPEC_U16 || type == SPEC_U32 || type == SPEC_I32 || type == SPEC_I64 ||
	       type == SPEC_U64;
}

/* At most this much of a number is quoted in messages. */
#define NUMBER_SHOWN 40

static int on_number(void *ctx, const char *text, size_t len)
{
	struct walker *w = ctx;
	struct target t;
	if (!target_of(w, &t))
		return 0;
	if (!t.field)
		return 1;
	bool integer = spec_number_is_integer(text, len);
	if (!is_int(t.field->type))
		return type_error(w, t.field, integer ? "an integer" : "a number");

	int shown = len > NUMBER_SHOWN ? NUMBER_SHOWN : (int)len;
	const char *more = len > NUMBER_SHOWN ? "..." : "";
	union spec_int value;
	switch (spec_int_parse(t.field->type, text, len, &value)) {
	case SPEC_INT_NOT_INTEGER:
		return fail(w, w->depth, NULL, "expected an integer, got %.*s%s", shown, text,
		            more);
	case SPEC_INT_RANGE:
		return fail(w, w->depth, NULL, "expected %s, got %.*s%s",
		            spec_int_type_name(t.field->type), shown, text, more);
	default:
		break;
	}
	spec_store_int(t.field, t.p, value);
	mark_present(w);
	return value_done(w, t.field, true);
}

static int enum_index(const struct spec_enum *values, const char *s, size_t len)
{
	for (size_t i = 0; i < values->count; i++) {
		const char *alias = values->aliases ? values->aliases[i] : NULL;
		if ((strlen(values->names[i]) == len && memcmp(values->names[i], s, len) == 0) ||
		    (alias && strlen(alias) == len && memcmp(alias, s, len) == 0))
			return (int)i;
	}
	return -1;
}

static int store_enum(struct walker *w, const struct target *t, const char *s, size_t len)
{
	int index = enum_index(t->field->values, s, len);
	if (index < 0) {
		char quoted[SPEC_QUOTE_SIZE];
		return fail(w, w->depth, NULL, "unknown value %s", spec_quote(quoted, s, len));
	}
	spec_store_int(t->field, t->p, (union spec_int){.i = index});
	mark_present(w);
	return value_done(w, t->field, true);
}

static int on_string(void *ctx, const unsigned char *value, size_t len)
{
	struct walker *w = ctx;
	const char *s = (const char *)value;
	struct target t;
	if (!target_of(w, &t))
		return 0;
	if (!t.field)
		return 1;
	if (t.field->type == SPEC_ENUM)
		return store_enum(w, &t, s, len);
	if (t.field->type != SPEC_STRING)
		return type_error(w, t.field, "a string");
	if (memchr(s, '\0', len))
		return fail(w, w->depth, NULL, "must not contain a NUL character");
	char *copy = strndup(s, len);
	if (!copy)
		return out_of_memory(w);
	memcpy(t.p, &copy, sizeof(copy));
	mark_present(w);
	return value_done(w, t.field, len > 0);
}

/* ---- objects and arrays ---------------------------------------------------------- */

static int on_start_map(void *ctx)
{
	struct walker *w = ctx;
	struct target t;
	if (!target_of(w, &t))
		return 0;
	if (!t.field)
		return push(w, FRAME_SKIP, NULL, NULL);

	switch (t.field->type) {
	case SPEC_OBJECT: {
		char *object = calloc(1, t.field->object->size);
		if (!object)
			return out_of_memory(w);
		memcpy(t.p, &object, sizeof(object));
		mark_present(w);
		return push(w, FRAME_OBJECT, t.field, object);
	}
	case SPEC_EMBED:
		mark_present(w);
		return push(w, FRAME_OBJECT, t.field, t.p);
	case SPEC_MAP:
		mark_present(w);
		return push(w, FRAME_MAP, t.field, t.p);
	default:
		return type_error(w, t.field, "an object");
	}
}

static int duplicate(struct walker *w, const char *key, size_t len)
{
	char quoted[SPEC_QUOTE_SIZE];
	return fail(w, w->depth - 1, NULL, "duplicate member %s", spec_quote(quoted, key, len));
}

static int row_index(const struct spec_object *object, const char *key, size_t len)
{
	for (size_t i = 0; i < object->count; i++) {
		const char *name = object->fields[i].name;
		if (strlen(name) == len && memcmp(name, key, len) == 0)
			return (int)i;
	}
	return -1;
}

static int object_key(struct walker *w, struct frame *fr, const char *key, size_t len)
{
	int index = row_index(fr->field->object, key, len);
	if (index < 0) {
		int r = keyset_add(&fr->keys, key, len, &fr->key);
		if (r < 0)
			return out_of_memory(w);
		fr->member = NULL;
		return r ? 1 : duplicate(w, key, len);
	}
	uint64_t bit = UINT64_C(1) << index;
	if (fr->seen & bit)
		return duplicate(w, key, len);
	fr->seen |= bit;
	fr->member = &fr->field->object->fields[index];
	fr->member_bit = bit;
	fr->key = fr->member->name;
	return 1;
}

/* A map member starts a new element whose first member is the key. */
static int map_key(struct walker *w, struct frame *fr, const char *key, size_t len)
{
	if (memchr(key, '\0', len))
		return fail(w, w->depth - 1, NULL, "a key must not contain a NUL character");
	int r = keyset_add(&fr->keys, key, len, NULL);
	if (r < 0)
		return out_of_memory(w);
	if (r == 0)
		return duplicate(w, key, len);
	char *copy = strndup(key, len);
	fr->elem = copy ? append(fr) : NULL;
	if (!fr->elem) {
		free(copy);
		return out_of_memory(w);
	}
	memcpy(fr->elem, &copy, sizeof(copy));
	fr->key = copy;
	return 1;
}

static int on_map_key(void *ctx, const unsigned char *value, size_t len)
{
	struct walker *w = ctx;
	const char *key = (const char *)value;
	struct frame *fr = top(w);
	fr->count++;
	switch (fr->kind) {
	case FRAME_OBJECT:
		return object_key(w, fr, key, len);
	case FRAME_MAP:
		return map_key(w, fr, key, len);
	default: {
		int r = keyset_add(&fr->keys, key, len, &fr->key);
		if (r < 0)
			return out_of_memory(w);
		return r ? 1 : duplicate(w, key, len);
	}
	}
}

static int check_required(struct walker *w, const struct frame *fr)
{
	const struct spec_object *object = fr->field->object;
	for (size_t i = 0; i < object->count; i++)
		if ((object->fields[i].flags & SPEC_REQUIRED) &&
		    !(fr->present & (UINT64_C(1) << i)))
			return fail(w, w->depth - 1, object->fields[i].name, "required");
	return 1;
}

/* Pops the frame of a finished object or array and completes its value. */
static int end_container(struct walker *w)
{
	struct frame *fr = top(w);
	if (fr->kind == FRAME_OBJECT && !check_required(w, fr))
		return 0;
	enum frame_kind kind = fr->kind;
	const struct spec_field *field = fr->field;
	bool non_empty = fr->count > 0;
	pop(w);
	return kind == FRAME_SKIP ? 1 : value_done(w, field, non_empty);
}

static int on_end_map(void *ctx)
{
	return end_container(ctx);
}

static int on_start_array(void *ctx)
{
	struct walker *w = ctx;
	struct target t;
	if (!target_of(w, &t))
		return 0;
	if (!t.field) {
		if (!push(w, FRAME_SKIP, NULL, NULL))
			return 0;
		top(w)->is_array = true;
		return 1;
	}
	if (t.field->type != SPEC_ARRAY)
		return type_error(w, t.field, "an array");
	mark_present(w);
	return push(w, FRAME_ARRAY, t.field, t.p);
}

static int on_end_array(void *ctx)
{
	return end_container(ctx);
}

static const yajl_callbacks callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_boolean,
    .yajl_number = on_number,
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_map_key,
    .yajl_end_map = on_end_map,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end_array,
};

/* ---- the walk -------------------------------------------------------------------- */

static int syntax_error(struct walker *w, size_t offset)
{
	unsigned char *text = yajl_get_error(w->handle, 0, NULL, 0);
	if (!text) {
		out_of_memory(w);
		return w->error;
	}
	size_t len = strlen((char *)text);
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	/* yajl's offset is just past the offending byte, except after a map
	 * value, where it rewinds to the start of the offending token. */
	bool rewound = strstr((char *)text, "after key and value") != NULL;
	fail_at(w, rewound ? offset + 1 : offset, (char *)text);
	yajl_free_error(w->handle, text);
	return w->error;
}

static int run(struct walker *w)
{
	yajl_status status = yajl_parse(w->handle, (const unsigned char *)w->json, w->len);
	size_t offset = yajl_get_bytes_consumed(w->handle);
	if (status == yajl_status_ok) {
		status = yajl_complete_parse(w->handle);
		offset = w->len; /* what is missing is missing at the end */
	}
	if (status == yajl_status_client_canceled)
		return w->error;
	if (status != yajl_status_ok)
		return syntax_error(w, offset);
	return 0;
}

int spec_walk(const char *json, size_t len, const char *name, const struct spec_field *root,
              void *base, unsigned flags, struct arca_error **err)
{
	if (len > SPEC_MAX_SIZE)
		return arca_fail_msg(err, EFBIG, "%s: larger than %u MiB", name,
		                     SPEC_MAX_SIZE >> 20);
	struct walker w = {
	    .json = json,
	    .len = len,
	    .name = name,
	    .flags = flags,
	    .root = root,
	    .root_base = base,
	    .err = err,
	};
	w.handle = yajl_alloc(&callbacks, NULL, &w);
	if (!w.handle)
		return arca_fail(err, ENOMEM, "%s", name);
	int r = run(&w);
	while (w.depth)
		pop(&w);
	yajl_free(w.handle);
	return r;
}
