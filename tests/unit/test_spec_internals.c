/* The loader's helpers: exact integers, SemVer, the duplicate-key set and
 * quoting for messages. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "spec/keyset.h"
#include "spec/number.h"
#include "spec/semver.h"
#include "spec/text.h"

static enum spec_int_status parse(enum spec_type type, const char *text, union spec_int *v)
{
	return spec_int_parse(type, text, strlen(text), v);
}

static void test_int_bounds(void)
{
	union spec_int v;
	CHECK(parse(SPEC_U16, "65535", &v) == SPEC_INT_OK && v.u == 65535);
	CHECK(parse(SPEC_U16, "65536", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_U32, "4294967295", &v) == SPEC_INT_OK && v.u == UINT32_MAX);
	CHECK(parse(SPEC_U32, "4294967296", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_U32, "-1", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_U32, "-0", &v) == SPEC_INT_OK && v.u == 0);
	CHECK(parse(SPEC_I32, "2147483647", &v) == SPEC_INT_OK && v.i == INT32_MAX);
	CHECK(parse(SPEC_I32, "-2147483648", &v) == SPEC_INT_OK && v.i == INT32_MIN);
	CHECK(parse(SPEC_I32, "2147483648", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_I32, "-2147483649", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_I64, "9223372036854775807", &v) == SPEC_INT_OK && v.i == INT64_MAX);
	CHECK(parse(SPEC_I64, "-9223372036854775808", &v) == SPEC_INT_OK && v.i == INT64_MIN);
	CHECK(parse(SPEC_I64, "9223372036854775808", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_I64, "-9223372036854775809", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_U64, "18446744073709551615", &v) == SPEC_INT_OK && v.u == UINT64_MAX);
	CHECK(parse(SPEC_U64, "18446744073709551616", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_U64, "99999999999999999999999", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_U64, "-1", &v) == SPEC_INT_RANGE);
	CHECK(parse(SPEC_U64, "0", &v) == SPEC_INT_OK && v.u == 0);
	CHECK(parse(SPEC_I64, "1.0", &v) == SPEC_INT_NOT_INTEGER);
	CHECK(parse(SPEC_I64, "1e0", &v) == SPEC_INT_NOT_INTEGER);
	CHECK(parse(SPEC_I64, "-1E+2", &v) == SPEC_INT_NOT_INTEGER);
	CHECK(spec_number_is_integer("-12", 3) && !spec_number_is_integer("0.5", 3));
	CHECK_STREQ(spec_int_type_name(SPEC_U16), "an unsigned 16-bit integer");
	CHECK_STREQ(spec_int_type_name(SPEC_I32), "a 32-bit integer");
}

static void test_semver(void)
{
	struct semver v;
	CHECK(semver_parse("1.2.3", &v) && v.major == 1 && v.minor == 2 && v.patch == 3);
	CHECK(semver_parse("0.0.0", &v));
	CHECK(semver_parse("1.0.2-dev", &v) && v.patch == 2);
	CHECK(semver_parse("1.0.0-alpha.1.0a.x-y", &v));
	CHECK(semver_parse("1.0.0+001.exp-sha.5114f85", &v));
	CHECK(semver_parse("1.0.0-rc.1+build.1", &v));
	CHECK(semver_parse("10.20.30", &v) && v.major == 10);
	CHECK(!semver_parse("1.2", &v));
	CHECK(!semver_parse("1.2.3.4", &v));
	CHECK(!semver_parse("01.2.3", &v));
	CHECK(!semver_parse("1.2.03", &v));
	CHECK(!semver_parse("1.2.3-", &v));
	CHECK(!semver_parse("1.2.3-01", &v));
	CHECK(!semver_parse("1.2.3-a.", &v));
	CHECK(!semver_parse("1.2.3+a+b", &v));
	CHECK(!semver_parse("1.2.3-a b", &v));
	CHECK(!semver_parse("-1.2.3", &v));
	CHECK(!semver_parse("1.2.x", &v));
	CHECK(!semver_parse("99999999999999999999.0.0", &v));
}

static void test_keyset(void)
{
	struct keyset set = {0};
	const char *stored = NULL;
	char key[32];
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(key, sizeof(key), "key-%d", i);
		CHECK(keyset_add(&set, key, (size_t)n, NULL) == 1);
	}
	CHECK(set.count == 1000);
	CHECK(keyset_add(&set, "key-500", 7, &stored) == 0);
	CHECK_STREQ(stored, "key-500");
	CHECK(keyset_add(&set, "key-1000", 8, &stored) == 1);
	/* keys are compared as bytes, NULs included */
	CHECK(keyset_add(&set, "a\0b", 3, NULL) == 1);
	CHECK(keyset_add(&set, "a\0c", 3, NULL) == 1);
	CHECK(keyset_add(&set, "a", 1, NULL) == 1);
	CHECK(keyset_add(&set, "a\0b", 3, NULL) == 0);
	CHECK(keyset_add(&set, "", 0, NULL) == 1);
	CHECK(keyset_add(&set, "", 0, NULL) == 0);
	keyset_clear(&set);
	CHECK(set.count == 0 && set.slots == NULL);
}

static void test_quote(void)
{
	char buf[SPEC_QUOTE_SIZE];
	CHECK_STREQ(spec_quote(buf, "abc", 3), "\"abc\"");
	CHECK_STREQ(spec_quote(buf, "a\"b\\c\n\x01", 7), "\"a\\\"b\\\\c\\u000a\\u0001\"");
	CHECK_STREQ(spec_quote(buf, "", 0), "\"\"");
	char long_text[100];
	memset(long_text, 'x', sizeof(long_text));
	spec_quote(buf, long_text, sizeof(long_text));
	CHECK(strlen(buf) == 64 + 5);
	CHECK(strcmp(buf + 65, "...\"") == 0);
	/* never cut inside a UTF-8 sequence: 63 x then a two-byte character */
	char utf8[70];
	memset(utf8, 'x', 63);
	/* NOLINTNEXTLINE(bugprone-not-null-terminated-result): counted, not terminated */
	memcpy(utf8 + 63, "\xc3\xa9zzzz", 6);
	spec_quote(buf, utf8, 69);
	CHECK(strlen(buf) == 63 + 5);
	char worst[SPEC_QUOTE_KEEP + 10];
	memset(worst, '\x1f', sizeof(worst));
	spec_quote(buf, worst, sizeof(worst));
	CHECK(strlen(buf) < SPEC_QUOTE_SIZE);
}

int main(void)
{
	RUN(test_int_bounds);
	RUN(test_semver);
	RUN(test_keyset);
	RUN(test_quote);
	return check_exit();
}
