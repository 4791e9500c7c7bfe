/* What the fuzz targets check besides the sanitizers: each failed property
 * prints what it saw and abort()s, which libFuzzer reports as a crash and
 * saves the input for. */
#ifndef ARCA_FUZZ_CHECK_H
#define ARCA_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arca/error.h"

/* Prints "fuzz: WHAT: PROBLEM" and the texts given (NULL: none), aborts. */
__attribute__((noreturn)) static inline void fuzz_fail(const char *what, const char *problem,
                                                       const char *first, const char *second)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, problem);
	if (first)
		fprintf(stderr, "---- first\n%s\n", first);
	if (second)
		fprintf(stderr, "---- second\n%s\n", second);
	abort();
}

/* A loader call's result r (0 or a negative errno), whether it produced
 * its object, and its error: a failure has a negative errno and a
 * non-empty message and produced nothing; a success the reverse. The
 * message is one line a terminal shows as it is: no control characters,
 * whatever bytes the document held (they are escaped when quoted). */
static inline void fuzz_check_result(int r, int produced, const struct arca_error *err,
                                     const char *what)
{
	if (r > 0)
		fuzz_fail(what, "returned a positive value", NULL, NULL);
	if (r == 0) {
		if (!produced || err)
			fuzz_fail(what, "succeeded without a result, or with an error", NULL, NULL);
		return;
	}
	if (produced)
		fuzz_fail(what, "failed but produced a result", NULL, NULL);
	if (!err || !err->msg || !err->msg[0])
		fuzz_fail(what, "failed without a message", NULL, NULL);
	if (err->code <= 0)
		fuzz_fail(what, "the error has no errno", err->msg, NULL);
	for (const char *c = err->msg; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			fuzz_fail(what, "the message holds a control character", err->msg, NULL);
}

#endif
