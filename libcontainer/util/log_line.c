#include "arca/log_line.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

const char *arca_log_level_name(enum arca_log_level level)
{
	switch (level) {
	case ARCA_LOG_ERROR:
		return "error";
	case ARCA_LOG_WARN:
		return "warning";
	case ARCA_LOG_INFO:
		return "info";
	case ARCA_LOG_DEBUG:
		return "debug";
	}
	return "error";
}

/* The length of the valid UTF-8 sequence that s starts with (at least 2
 * bytes), or 0 when it starts none. */
static size_t utf8_sequence_length(const unsigned char *s)
{
	static const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t len;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	uint32_t code_point = s[0] & (0x3fu >> (len - 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		code_point = code_point << 6 | (s[i] & 0x3fu);
	}
	if (code_point < smallest[len] || code_point > 0x10ffff ||
	    (code_point >= 0xd800 && code_point <= 0xdfff))
		return 0;
	return len;
}

static void put_control(FILE *out, unsigned char c, bool json)
{
	switch (c) {
	case '\n':
		fputs("\\n", out);
		break;
	case '\r':
		fputs("\\r", out);
		break;
	case '\t':
		fputs("\\t", out);
		break;
	default:
		fprintf(out, json ? "\\u%04x" : "\\x%02x", c);
	}
}

/* Writes msg between the quotes of a JSON string or of a logfmt value. */
static void put_escaped(FILE *out, const char *msg, bool json)
{
	const unsigned char *p = (const unsigned char *)msg;
	while (*p) {
		if (*p == '"' || *p == '\\') {
			fputc('\\', out);
			fputc(*p++, out);
		} else if (*p < 0x20 || *p == 0x7f) {
			put_control(out, *p++, json);
		} else if (*p < 0x80) {
			fputc(*p++, out);
		} else {
			size_t len = utf8_sequence_length(p);
			if (len) {
				fwrite(p, 1, len, out);
				p += len;
			} else {
				fprintf(out, json ? "\\ufffd" : "\\x%02x", *p++);
			}
		}
	}
}

static void put_time(FILE *out, const struct timespec *when)
{
	struct tm utc;
	char seconds[32];
	if (!gmtime_r(&when->tv_sec, &utc) ||
	    strftime(seconds, sizeof(seconds), "%Y-%m-%dT%H:%M:%S", &utc) == 0)
		seconds[0] = '\0';
	fprintf(out, "%s.%09ldZ", seconds, (long)when->tv_nsec);
}

static void put_entry(FILE *out, enum arca_log_format format, enum arca_log_level level,
                      const struct timespec *when, const char *msg)
{
	const char *level_name = arca_log_level_name(level);
	if (format == ARCA_LOG_FORMAT_JSON) {
		fprintf(out, "{\"level\":\"%s\",\"msg\":\"", level_name);
		put_escaped(out, msg, true);
		fputs("\",\"time\":\"", out);
		put_time(out, when);
		fputs("\"}\n", out);
		return;
	}
	fputs("time=\"", out);
	put_time(out, when);
	fprintf(out, "\" level=%s msg=\"", level_name);
	put_escaped(out, msg, false);
	fputs("\"\n", out);
}

int arca_log_line(enum arca_log_format format, enum arca_log_level level,
                  const struct timespec *when, const char *msg, char **out, struct arca_error **err)
{
	char *line = NULL;
	size_t len = 0;
	FILE *stream = open_memstream(&line, &len);
	if (!stream)
		return arca_fail(err, errno, "format log entry");
	put_entry(stream, format, level, when, msg);
	int failed = ferror(stream);
	if (fclose(stream) != 0 || failed) {
		free(line);
		return arca_fail(err, ENOMEM, "format log entry");
	}
	*out = line;
	return 0;
}
