#include "spec/semver.h"

#include <stddef.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* A numeric identifier: "0" or digits without a leading zero. */
static bool parse_number(const char **s, uint64_t *out)
{
	const char *p = *s;
	if (!is_digit(*p) || (p[0] == '0' && is_digit(p[1])))
		return false;
	uint64_t n = 0;
	for (; is_digit(*p); p++) {
		unsigned digit = (unsigned)(*p - '0');
		if (n > (UINT64_MAX - digit) / 10)
			return false;
		n = n * 10 + digit;
	}
	*out = n;
	*s = p;
	return true;
}

/* Dot-separated non-empty identifiers up to `end`; in a pre-release, an
 * all-digit identifier has no leading zero. */
static bool valid_identifiers(const char *s, const char *end, bool pre_release)
{
	while (s < end) {
		const char *dot = memchr(s, '.', (size_t)(end - s));
		const char *stop = dot ? dot : end;
		if (stop == s)
			return false;
		bool numeric = true;
		for (const char *p = s; p < stop; p++) {
			if (!is_ident_char(*p))
				return false;
			numeric = numeric && is_digit(*p);
		}
		if (pre_release && numeric && stop - s > 1 && *s == '0')
			return false;
		if (!dot)
			return true;
		s = dot + 1;
		if (s == end) /* a trailing dot */
			return false;
	}
	return false;
}

bool semver_parse(const char *s, struct semver *out)
{
	struct semver v;
	if (!parse_number(&s, &v.major) || *s++ != '.' || !parse_number(&s, &v.minor) ||
	    *s++ != '.' || !parse_number(&s, &v.patch))
		return false;

	const char *end = s + strlen(s);
	const char *plus = strchr(s, '+');
	const char *pre_end = plus ? plus : end;
	if (*s == '-' && !valid_identifiers(s + 1, pre_end, true))
		return false;
	if (*s != '-' && s != pre_end)
		return false;
	if (plus && !valid_identifiers(plus + 1, end, false))
		return false;
	*out = v;
	return true;
}
