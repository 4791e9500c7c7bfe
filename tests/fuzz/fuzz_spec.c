/* libFuzzer target for the bundle loader: the input is a config.json.
 *
 * Besides the sanitizers' findings, three properties abort():
 *  - a failed parse reports a non-empty message of one line and produces
 *    nothing; a successful one the reverse (fuzz_check.h);
 *  - what the strict parse accepts, the parse that also accepts the
 *    unimplemented members accepts too, with the same result;
 *  - the round trip spec_to_json -> spec_parse -> spec_to_json gives back
 *    the same text: the serializer writes only what the loader accepts, and
 *    loses or invents nothing the second time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/spec.h"
#include "fuzz_check.h"
#include "spec/spec_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses with flags and serializes: the text, or NULL and the loader's
 * message in *refusal. */
static char *parse_and_write(const char *json, size_t len, unsigned flags, const char *what,
                             char **refusal)
{
	_cleanup_spec_ struct spec *spec = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	int r = spec_parse_flags(json, len, "config.json", flags, &spec, &err);
	fuzz_check_result(r, spec != NULL, err, what);
	if (r < 0) {
		*refusal = strdup(err->msg);
		return NULL;
	}
	char *text = NULL;
	_cleanup_error_ struct arca_error *write_err = NULL;
	if (spec_to_json(spec, &text, &write_err) < 0)
		fuzz_fail(what, "spec_to_json failed", write_err->msg, NULL);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *json = (const char *)data;
	_cleanup_free_ char *refusal = NULL, *strict_refusal = NULL, *second_refusal = NULL;
	_cleanup_free_ char *first = parse_and_write(json, size, SPEC_PARSE_ALL, "parse", &refusal);
	_cleanup_free_ char *strict =
	    parse_and_write(json, size, 0, "strict parse", &strict_refusal);
	if (strict && !first)
		fuzz_fail("strict parse", "accepts what the full parse refuses", strict, refusal);
	if (strict && strcmp(strict, first) != 0)
		fuzz_fail("strict parse", "differs from the full parse", first, strict);
	if (!first)
		return 0;

	_cleanup_free_ char *second =
	    parse_and_write(first, strlen(first), SPEC_PARSE_ALL, "parse of spec_to_json's output",
	                    &second_refusal);
	if (!second)
		fuzz_fail("round trip", "spec_to_json's output does not load", first,
		          second_refusal);
	if (strcmp(first, second) != 0)
		fuzz_fail("round trip", "the second spec_to_json differs", first, second);
	return 0;
}
