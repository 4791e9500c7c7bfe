/* The loader's entry points beyond arca/spec.h: writing a spec back as JSON
 * (the config snapshot in the state directory) and loading a bare process
 * object (`arca exec --process FILE`). */
#ifndef ARCA_SPEC_JSON_H
#define ARCA_SPEC_JSON_H

#include <stddef.h>

#include "arca/error.h"
#include "arca/spec.h"

/* Serializes the spec (json-c, pretty-printed with two spaces, members in
 * the spec's order, absent members left out) into a NUL-terminated *out. */
int spec_to_json(const struct spec *spec, char **out, struct arca_error **err);

/* Parses and validates a process object; messages start with name. */
int spec_parse_process(const char *json, size_t len, const char *name, struct spec_process **out,
                       struct arca_error **err);

/* Reads the process object in the file at path and parses it. */
int spec_load_process(const char *path, struct spec_process **out, struct arca_error **err);

void spec_process_free(struct spec_process *process);

static inline void spec_process_freep(struct spec_process **process)
{
	spec_process_free(*process);
}

#define _cleanup_spec_process_ __attribute__((cleanup(spec_process_freep)))

/* spec_parse_flags flags. */
enum {
	/* Accept the members arca does not implement yet instead of refusing
	 * them when set (for tests that load a document setting every field). */
	SPEC_PARSE_ALL = 1u << 0,
};

/* spec_parse with flags. */
int spec_parse_flags(const char *json, size_t len, const char *name, unsigned flags,
                     struct spec **out, struct arca_error **err);

#endif
