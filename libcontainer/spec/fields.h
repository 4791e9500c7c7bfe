/* The field tables that describe config.json: one table per spec object,
 * each row naming a JSON member, how it is stored in the C struct of
 * include/arca/spec.h and whether arca implements it yet. One walker fills
 * the structs from these rows (walker.c); the same rows free them (free.c)
 * and write them back as JSON (to_json.c). The tables are read-only data:
 * anything that needs to list what the loader understands (the features
 * command) iterates them from spec_table_config or spec_table_process. */
#ifndef ARCA_SPEC_FIELDS_H
#define ARCA_SPEC_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum spec_type {
	SPEC_STRING, /* char *, NULL when absent */
	SPEC_BOOL,   /* bool */
	SPEC_U16,    /* uint16_t */
	SPEC_U32,    /* uint32_t */
	SPEC_I32,    /* int32_t */
	SPEC_I64,    /* int64_t */
	SPEC_U64,    /* uint64_t */
	SPEC_ENUM,   /* int: the index of the string in the field's spec_enum */
	SPEC_OBJECT, /* a pointer to a struct, NULL when absent */
	SPEC_EMBED,  /* a struct held in place */
	SPEC_ARRAY,  /* { items, len } of elements described by .elem */
	SPEC_MAP,    /* { items, len } of elements whose first member is the key (char *) */
};

/* Field flags. */
enum {
	SPEC_REQUIRED = 1u << 0, /* absent or null is an error */
	/* Parsed and type-checked, but refused when set to anything other than
	 * null, false, "", [] or {} (arca cannot honour it yet). */
	SPEC_UNIMPLEMENTED = 1u << 1,
	/* The scalar is held in an arca_opt_* wrapper ({ bool set; T value; });
	 * for SPEC_ENUM the wrapper is arca_opt_i32. */
	SPEC_OPTIONAL = 1u << 2,
};

struct spec_enum {
	const char *const *names;   /* the schema's strings, in the C enum's order */
	const char *const *aliases; /* NULL, or other accepted spellings: aliases[i] means i */
	size_t count;
};

struct spec_object;

struct spec_field {
	const char *name; /* the JSON member name */
	enum spec_type type;
	unsigned flags;
	size_t offset; /* into the C struct (into the element for an element row) */
	size_t size;   /* SPEC_ARRAY, SPEC_MAP: the size of one element */
	const struct spec_object *object; /* SPEC_OBJECT, SPEC_EMBED */
	const struct spec_field *elem;    /* SPEC_ARRAY, SPEC_MAP: one element's value */
	const struct spec_enum *values;   /* SPEC_ENUM */
};

struct spec_object {
	size_t size; /* of the C struct */
	const struct spec_field *fields;
	size_t count;
};

/* Every SPEC_ARRAY and SPEC_MAP member has this layout (items first). */
struct spec_vec {
	void *items;
	size_t len;
};

/* The whole document (struct spec) and a bare process object
 * (struct spec_process, as `exec --process` reads it). */
extern const struct spec_object spec_table_config;
extern const struct spec_object spec_table_process;

/* The same tables seen as the value of a document's root. */
extern const struct spec_field spec_root_config;
extern const struct spec_field spec_root_process;

/* Frees what the struct at base (described by object) owns, not base. */
void spec_object_free(const struct spec_object *object, void *base);

/* The schema's name of an enum spec_rlimit_type value ("RLIMIT_NOFILE"). */
const char *spec_rlimit_type_name(int type);

/* The schema's names of the linux.seccomp enums ("SCMP_ACT_ERRNO",
 * "SCMP_ARCH_X86_64", "SECCOMP_FILTER_FLAG_LOG"); NULL out of range. */
const char *spec_seccomp_action_name(int action);
const char *spec_seccomp_arch_name(int arch);
const char *spec_seccomp_flag_name(int flag);

/* An integer value: .u for the unsigned types, .i for the signed ones and
 * for SPEC_ENUM (the index of the name). */
union spec_int {
	int64_t i;
	uint64_t u;
};

/* Store or load the value of an integer, enum or bool row at p (the row's
 * storage: base + offset); for an SPEC_OPTIONAL row storing sets `set`, and
 * loading returns false when it is not set. */
void spec_store_int(const struct spec_field *field, char *p, union spec_int value);
bool spec_load_int(const struct spec_field *field, const char *p, union spec_int *value);
void spec_store_bool(const struct spec_field *field, char *p, bool value);
bool spec_load_bool(const struct spec_field *field, const char *p, bool *value);

#endif
