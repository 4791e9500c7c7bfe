/* Warnings and debug messages from libcontainer. libcontainer never writes to
 * a stream itself: it hands each message to the handler that src/ installed,
 * and src/ decides where it goes (stderr, --log file, JSON or text). */
#ifndef ARCA_LOG_H
#define ARCA_LOG_H

enum arca_log_level {
	ARCA_LOG_ERROR,
	ARCA_LOG_WARN,
	ARCA_LOG_INFO,
	ARCA_LOG_DEBUG,
};

typedef void (*arca_log_fn)(enum arca_log_level level, const char *msg);

/* Messages above max_level are dropped before they are formatted. */
void arca_log_set_handler(arca_log_fn fn, enum arca_log_level max_level);

__attribute__((format(printf, 2, 3))) void arca_log(enum arca_log_level level, const char *fmt,
                                                    ...);

/* True when a message at this level would reach the handler. */
int arca_log_enabled(enum arca_log_level level);

#define arca_warn(...)  arca_log(ARCA_LOG_WARN, __VA_ARGS__)
#define arca_debug(...) arca_log(ARCA_LOG_DEBUG, __VA_ARGS__)

#endif
