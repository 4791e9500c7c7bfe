#include "arca/log_line.h"

#include <stdlib.h>

#include "arca/cleanup.h"
#include "check.h"

/* 2025-01-02T03:04:05.123456789Z */
static const struct timespec when = {.tv_sec = 1735787045, .tv_nsec = 123456789};

static void check_line(enum arca_log_format format, enum arca_log_level level,
                       const struct timespec *at, const char *msg, const char *expected)
{
	_cleanup_error_ struct arca_error *err = NULL;
	_cleanup_free_ char *line = NULL;
	CHECK(arca_log_line(format, level, at, msg, &line, &err) == 0);
	CHECK(err == NULL);
	CHECK_STREQ(line, expected);
}

static void check_json_msg(const char *msg, const char *expected_msg)
{
	char expected[512];
	snprintf(
	    expected, sizeof(expected),
	    "{\"level\":\"error\",\"msg\":\"%s\",\"time\":\"2025-01-02T03:04:05.123456789Z\"}\n",
	    expected_msg);
	check_line(ARCA_LOG_FORMAT_JSON, ARCA_LOG_ERROR, &when, msg, expected);
}

static void check_text_msg(const char *msg, const char *expected_msg)
{
	char expected[512];
	snprintf(expected, sizeof(expected),
	         "time=\"2025-01-02T03:04:05.123456789Z\" level=error msg=\"%s\"\n", expected_msg);
	check_line(ARCA_LOG_FORMAT_TEXT, ARCA_LOG_ERROR, &when, msg, expected);
}

static void test_json_entry(void)
{
	check_json_msg(
	    "create container \"foo\": mount proc on /proc: Operation not permitted",
	    "create container \\\"foo\\\": mount proc on /proc: Operation not permitted");
}

static void test_text_entry(void)
{
	check_text_msg("unknown signal \"FOO\"", "unknown signal \\\"FOO\\\"");
}

static void test_level_names(void)
{
	CHECK_STREQ(arca_log_level_name(ARCA_LOG_ERROR), "error");
	CHECK_STREQ(arca_log_level_name(ARCA_LOG_WARN), "warning");
	CHECK_STREQ(arca_log_level_name(ARCA_LOG_INFO), "info");
	CHECK_STREQ(arca_log_level_name(ARCA_LOG_DEBUG), "debug");
	check_line(
	    ARCA_LOG_FORMAT_JSON, ARCA_LOG_WARN, &when, "w",
	    "{\"level\":\"warning\",\"msg\":\"w\",\"time\":\"2025-01-02T03:04:05.123456789Z\"}\n");
	check_line(ARCA_LOG_FORMAT_TEXT, ARCA_LOG_DEBUG, &when, "d",
	           "time=\"2025-01-02T03:04:05.123456789Z\" level=debug msg=\"d\"\n");
}

static void test_time_has_nine_digits(void)
{
	const struct timespec whole = {.tv_sec = 0, .tv_nsec = 0};
	check_line(
	    ARCA_LOG_FORMAT_JSON, ARCA_LOG_INFO, &whole, "x",
	    "{\"level\":\"info\",\"msg\":\"x\",\"time\":\"1970-01-01T00:00:00.000000000Z\"}\n");
	const struct timespec small = {.tv_sec = 1735787045, .tv_nsec = 5};
	check_line(ARCA_LOG_FORMAT_TEXT, ARCA_LOG_INFO, &small, "x",
	           "time=\"2025-01-02T03:04:05.000000005Z\" level=info msg=\"x\"\n");
}

static void test_escapes(void)
{
	check_json_msg("a\\b", "a\\\\b");
	check_json_msg("line1\nline2\r\tend", "line1\\nline2\\r\\tend");
	check_json_msg("bell\a esc\x1b del\x7f", "bell\\u0007 esc\\u001b del\\u007f");
	check_text_msg("a\\b\n", "a\\\\b\\n");
	check_text_msg("bell\a esc\x1b del\x7f", "bell\\x07 esc\\x1b del\\x7f");
	check_json_msg("", "");
}

static void test_valid_utf8_kept(void)
{
	check_json_msg("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa6",
	               "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa6");
	check_text_msg("\xc3\xa9", "\xc3\xa9");
}

static void test_invalid_utf8_replaced(void)
{
	check_json_msg("bad \xff byte", "bad \\ufffd byte");
	check_json_msg("lone \x80", "lone \\ufffd");
	check_json_msg("overlong \xc0\xaf", "overlong \\ufffd\\ufffd");
	check_json_msg("overlong3 \xe0\x80\xaf", "overlong3 \\ufffd\\ufffd\\ufffd");
	check_json_msg("surrogate \xed\xa0\x80", "surrogate \\ufffd\\ufffd\\ufffd");
	check_json_msg("too big \xf4\x90\x80\x80", "too big \\ufffd\\ufffd\\ufffd\\ufffd");
	check_json_msg("cut \xe2\x82", "cut \\ufffd\\ufffd");
	check_text_msg("bad \xff", "bad \\xff");
}

int main(void)
{
	RUN(test_json_entry);
	RUN(test_text_entry);
	RUN(test_level_names);
	RUN(test_time_has_nine_digits);
	RUN(test_escapes);
	RUN(test_valid_utf8_kept);
	RUN(test_invalid_utf8_replaced);
	return check_exit();
}
