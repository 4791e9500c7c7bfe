/* libFuzzer target for `arca exec --process FILE`: the input is a process
 * object, loaded by spec_parse_process. A refusal must be one line of
 * message (fuzz_check.h). What loads is placed in a minimal document and
 * round-tripped like a config.json: spec_to_json -> spec_parse ->
 * spec_to_json must give the same text, so a process that exec accepts is
 * also one that a config.json may hold, and survives the config snapshot. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/spec.h"
#include "fuzz_check.h"
#include "spec/spec_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *write_doc(const struct spec *spec, const char *what)
{
	char *text = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	if (spec_to_json(spec, &text, &err) < 0)
		fuzz_fail(what, "spec_to_json failed", err->msg, NULL);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	_cleanup_spec_process_ struct spec_process *process = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	int r = spec_parse_process((const char *)data, size, "process.json", &process, &err);
	fuzz_check_result(r, process != NULL, err, "parse process");
	if (r < 0)
		return 0;

	struct spec_root root = {.path = (char *)"rootfs"};
	struct spec doc = {
	    .oci_version = (char *)ARCA_OCI_VERSION, .process = process, .root = &root};
	_cleanup_free_ char *first = write_doc(&doc, "write the process");

	_cleanup_spec_ struct spec *spec = NULL;
	_cleanup_error_ struct arca_error *reload_err = NULL;
	r = spec_parse_flags(first, strlen(first), "config.json", SPEC_PARSE_ALL, &spec,
	                     &reload_err);
	fuzz_check_result(r, spec != NULL, reload_err, "parse the written process");
	if (r < 0)
		fuzz_fail("round trip", "the written process does not load", first,
		          reload_err->msg);
	_cleanup_free_ char *second = write_doc(spec, "write the reloaded process");
	if (strcmp(first, second) != 0)
		fuzz_fail("round trip", "the second spec_to_json differs", first, second);
	return 0;
}
