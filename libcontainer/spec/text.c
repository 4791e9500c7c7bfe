#include "spec/text.h"

#include <stdio.h>

size_t spec_cut_length(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t keep = max;
	while (keep > 0 && ((unsigned char)s[keep] & 0xc0) == 0x80) /* a continuation byte */
		keep--;
	return keep;
}

const char *spec_quote(char buf[static SPEC_QUOTE_SIZE], const char *s, size_t len)
{
	size_t keep = spec_cut_length(s, len, SPEC_QUOTE_KEEP);
	char *out = buf;

	*out++ = '"';
	for (size_t i = 0; i < keep; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			*out++ = '\\';
			*out++ = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			out += snprintf(out, 7, "\\u%04x", c);
		} else {
			*out++ = (char)c;
		}
	}
	if (keep < len)
		for (int i = 0; i < 3; i++)
			*out++ = '.';
	*out++ = '"';
	*out = '\0';
	return buf;
}
