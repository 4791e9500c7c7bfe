/* The checks a filled spec has to pass beyond its JSON types (checklist
 * section 1 and the rules that make a config impossible to honour). The
 * messages name the JSON path first ("process.cwd: must be an absolute
 * path, got \"tmp\""); the loader prefixes the document's name. */
#ifndef ARCA_SPEC_VALIDATE_H
#define ARCA_SPEC_VALIDATE_H

#include "arca/error.h"
#include "arca/spec.h"

int spec_validate(const struct spec *spec, struct arca_error **err);

/* A process object; prefix is the path it sits at ("process." or ""). */
int spec_validate_process(const struct spec_process *process, const char *prefix,
                          struct arca_error **err);

#endif
