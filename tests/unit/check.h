/* A minimal unit-test harness: CHECK* record a failure with file and line and
 * carry on; RUN(fn) runs one test function; check_exit() is main's return. */
#ifndef ARCA_TEST_CHECK_H
#define ARCA_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		check_count++;                                                                     \
		if (!(cond)) {                                                                     \
			check_failures++;                                                          \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

#define CHECK_STREQ(a, b)                                                                          \
	do {                                                                                       \
		const char *check_a_ = (a), *check_b_ = (b);                                       \
		check_count++;                                                                     \
		if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {                   \
			check_failures++;                                                          \
			fprintf(stderr,                                                            \
			        "%s:%d: CHECK_STREQ failed: %s == %s\n  got:      %s\n"            \
			        "  expected: %s\n",                                                \
			        __FILE__, __LINE__, #a, #b, check_a_ ? check_a_ : "(null)",        \
			        check_b_ ? check_b_ : "(null)");                                   \
		}                                                                                  \
	} while (0)

/* The string a contains b. */
#define CHECK_CONTAINS(a, b)                                                                       \
	do {                                                                                       \
		const char *check_a_ = (a), *check_b_ = (b);                                       \
		check_count++;                                                                     \
		if (!check_a_ || !check_b_ || !strstr(check_a_, check_b_)) {                       \
			check_failures++;                                                          \
			fprintf(stderr,                                                            \
			        "%s:%d: CHECK_CONTAINS failed: %s contains %s\n"                   \
			        "  got:      %s\n  expected: ...%s...\n",                          \
			        __FILE__, __LINE__, #a, #b, check_a_ ? check_a_ : "(null)",        \
			        check_b_ ? check_b_ : "(null)");                                   \
		}                                                                                  \
	} while (0)

#define RUN(fn)                                                                                    \
	do {                                                                                       \
		int before_ = check_failures;                                                      \
		fn();                                                                              \
		printf("%s %s\n", check_failures == before_ ? "ok" : "FAIL", #fn);                 \
	} while (0)

static inline int check_exit(void)
{
	printf("%d checks, %d failed\n", check_count, check_failures);
	return check_failures ? 1 : 0;
}

#endif
