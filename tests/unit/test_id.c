/* OP-06: container ID syntax. */
#include <errno.h>
#include <string.h>

#include "arca/container.h"
#include "check.h"

static void check_valid(const char *id)
{
	_cleanup_error_ struct arca_error *err = NULL;
	int r = arca_id_validate(id, &err);
	CHECK(r == 0);
	CHECK(err == NULL);
	if (r != 0)
		fprintf(stderr, "  rejected \"%s\": %s\n", id, err ? err->msg : "");
}

static void check_invalid(const char *id, const char *message)
{
	_cleanup_error_ struct arca_error *err = NULL;
	CHECK(arca_id_validate(id, &err) == -EINVAL);
	CHECK(err != NULL);
	if (err) {
		CHECK(err->code == EINVAL);
		CHECK_STREQ(err->msg, message);
	}
}

static void test_op06_valid_ids(void)
{
	check_valid("6b1c4ad2-1a6e-4a7f-9c2c-3f0e2f6c8a11"); /* a UUID, as the suite uses */
	check_valid("a");
	check_valid("web.1");
	check_valid("my_container+v2-x");
	check_valid("x.");
	check_valid("-dash");
	char longest[256];
	memset(longest, 'a', 255);
	longest[255] = '\0';
	check_valid(longest);
}

static void test_op06_invalid_ids(void)
{
	check_invalid("", "invalid container ID \"\": must not be empty");
	check_invalid(".", "invalid container ID \".\": must not start with '.'");
	check_invalid("..", "invalid container ID \"..\": must not start with '.'");
	check_invalid(".x", "invalid container ID \".x\": must not start with '.'");
	check_invalid(".new-abc123",
	              "invalid container ID \".new-abc123\": must not start with '.'");
	check_invalid("a/b",
	              "invalid container ID \"a/b\": only letters, digits and _ + . - are allowed");
	check_invalid("a b",
	              "invalid container ID \"a b\": only letters, digits and _ + . - are allowed");
	check_invalid(
	    "tab\t",
	    "invalid container ID \"tab\t\": only letters, digits and _ + . - are allowed");
	check_invalid("caf\xc3\xa9", "invalid container ID \"caf\xc3\xa9\": only letters, digits "
	                             "and _ + . - are allowed");
	check_invalid("a:b",
	              "invalid container ID \"a:b\": only letters, digits and _ + . - are allowed");
	check_invalid(
	    "../x", "invalid container ID \"../x\": only letters, digits and _ + . - are allowed");

	char too_long[257];
	memset(too_long, 'a', 256);
	too_long[256] = '\0';
	check_invalid(too_long, "invalid container ID "
	                        "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\": longer than 255 bytes");
}

static void test_op06_null_err_is_allowed(void)
{
	CHECK(arca_id_validate("a/b", NULL) == -EINVAL);
	CHECK(arca_id_validate("ok", NULL) == 0);
}

int main(void)
{
	RUN(test_op06_valid_ids);
	RUN(test_op06_invalid_ids);
	RUN(test_op06_null_err_is_allowed);
	return check_exit();
}
