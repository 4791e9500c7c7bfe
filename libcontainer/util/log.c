#include "arca/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static arca_log_fn handler;
static enum arca_log_level max_level = ARCA_LOG_WARN;

void arca_log_set_handler(arca_log_fn fn, enum arca_log_level level)
{
	handler = fn;
	max_level = level;
}

int arca_log_enabled(enum arca_log_level level)
{
	return handler && level <= max_level;
}

void arca_log(enum arca_log_level level, const char *fmt, ...)
{
	if (!arca_log_enabled(level))
		return;
	char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	handler(level, msg);
	free(msg);
}
