/* How a log message is written to the --log file: one line per message, in
 * the two formats runc writes and containerd reads back. */
#ifndef ARCA_LOG_LINE_H
#define ARCA_LOG_LINE_H

#include <time.h>

#include "arca/error.h"
#include "arca/log.h"

enum arca_log_format {
	ARCA_LOG_FORMAT_TEXT,
	ARCA_LOG_FORMAT_JSON,
};

/* "error", "warning", "info" or "debug" (logrus' names). */
const char *arca_log_level_name(enum arca_log_level level);

/* Formats one entry, "\n" included, into *out:
 *   json: {"level":"error","msg":"...","time":"2025-01-02T03:04:05.123456789Z"}
 *   text: time="2025-01-02T03:04:05.123456789Z" level=error msg="..."
 * `when` is printed in UTC as RFC 3339 with nine fraction digits. msg is
 * escaped for JSON (or, in text, like Go's %q); bytes that are not valid
 * UTF-8 become U+FFFD in JSON and \xNN in text, so every line decodes. */
int arca_log_line(enum arca_log_format format, enum arca_log_level level,
                  const struct timespec *when, const char *msg, char **out,
                  struct arca_error **err);

#endif
