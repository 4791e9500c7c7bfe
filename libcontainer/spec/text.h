/* Quoting user-supplied text for error messages. */
#ifndef ARCA_SPEC_TEXT_H
#define ARCA_SPEC_TEXT_H

#include <stddef.h>

/* Enough for the quotes, SPEC_QUOTE_KEEP bytes each escaped as \u00XX, the
 * ellipsis and the NUL. */
#define SPEC_QUOTE_KEEP 64
#define SPEC_QUOTE_SIZE (SPEC_QUOTE_KEEP * 6 + 8)

/* The length of the longest prefix of s (len bytes of UTF-8) that has at
 * most max bytes and does not split a character. */
size_t spec_cut_length(const char *s, size_t len, size_t max);

/* Writes s (len bytes of UTF-8) into buf as a double-quoted string: quotes,
 * backslashes and control characters escaped JSON-style, cut after
 * SPEC_QUOTE_KEEP bytes (at a character boundary) with "...". Returns buf. */
const char *spec_quote(char buf[static SPEC_QUOTE_SIZE], const char *s, size_t len);

#endif
