#include "arca/table.h"

#include <errno.h>
#include <stdlib.h>

#include "arca/cleanup.h"
#include "check.h"

static void check_table(const char *const *cells, size_t rows, size_t columns, const char *expected)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *text = NULL;
	CHECK(arca_table_format(cells, rows, columns, &text, &err) == 0);
	CHECK(err == NULL);
	CHECK_STREQ(text, expected);
}

/* What runc 1.1.5 printed for these containers, byte for byte. */
static void test_runc_list_layout(void)
{
	const char *const cells[] = {
	    "ID",
	    "PID",
	    "STATUS",
	    "BUNDLE",
	    "CREATED",
	    "OWNER",
	    "statetest1",
	    "0",
	    "stopped",
	    "/tmp/statebundle",
	    "2026-12-01T19:20:50.715655541Z",
	    "root",
	    "tst-1",
	    "6118",
	    "running",
	    "/tmp/rb",
	    "2026-12-01T19:23:30.577194489Z",
	    "root",
	};
	check_table(
	    cells, 3, 6,
	    "ID           PID         STATUS      BUNDLE             CREATED                    "
	    "      OWNER\n"
	    "statetest1   0           stopped     /tmp/statebundle   "
	    "2026-12-01T19:20:50.715655541Z   root\n"
	    "tst-1        6118        running     /tmp/rb            "
	    "2026-12-01T19:23:30.577194489Z   root\n");
}

static void test_header_only_uses_min_width(void)
{
	const char *const cells[] = {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"};
	check_table(cells, 1, 6,
	            "ID          PID         STATUS      BUNDLE      CREATED     OWNER\n");
}

static void test_width_counts_characters(void)
{
	/* "caf\xc3\xa9-container" is 14 characters in 15 bytes: the column is 17 wide. */
	const char *const cells[] = {"ID", "X", "caf\xc3\xa9-container", "y"};
	check_table(cells, 2, 2,
	            "ID               X\n"
	            "caf\xc3\xa9-container   y\n");
}

static void test_last_column_not_padded(void)
{
	const char *const cells[] = {"a", "b", "c", "long-last-column-value", "d", ""};
	check_table(cells, 3, 2,
	            "a           b\nc           long-last-column-value\nd           \n");
}

static void test_single_column_and_no_rows(void)
{
	const char *const cells[] = {"only", "x"};
	check_table(cells, 2, 1, "only\nx\n");
	check_table(cells, 0, 1, "");
}

static void test_no_columns_refused(void)
{
	_cleanup_error_ struct arca_error *err = NULL;
	char *text = NULL;
	CHECK(arca_table_format(NULL, 0, 0, &text, &err) == -EINVAL);
	CHECK(text == NULL);
	CHECK(err != NULL);
}

int main(void)
{
	RUN(test_runc_list_layout);
	RUN(test_header_only_uses_min_width);
	RUN(test_width_counts_characters);
	RUN(test_last_column_not_padded);
	RUN(test_single_column_and_no_rows);
	RUN(test_no_columns_refused);
	return check_exit();
}
