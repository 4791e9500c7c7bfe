#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "arca/log_line.h"
#include "cli_log.h"

static struct {
	int fd; /* the --log file; -1: none */
	enum arca_log_format format;
	bool fd_is_stderr; /* the --log file is the file stderr writes to */
	bool mute_stderr;
} sink = {.fd = -1};

static void write_fully(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		text += n;
		len -= (size_t)n;
	}
}

/* One line for one message, written with a single write(2) where the kernel
 * allows, so the commands sharing a log file do not interleave. */
static void write_entry(enum arca_log_level level, const char *msg)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	_cleanup_free_ char *line = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	if (arca_log_line(sink.format, level, &now, msg, &line, &err) < 0)
		return;
	write_fully(sink.fd, line, strlen(line));
}

static void handle_message(enum arca_log_level level, const char *msg)
{
	if (sink.fd >= 0)
		write_entry(level, msg);
	else if (!sink.mute_stderr)
		fprintf(stderr, "arca: %s: %s\n", arca_log_level_name(level), msg);
}

static bool same_file_as_stderr(int fd)
{
	struct stat log_stat, err_stat;
	return fstat(fd, &log_stat) == 0 && fstat(STDERR_FILENO, &err_stat) == 0 &&
	       log_stat.st_dev == err_stat.st_dev && log_stat.st_ino == err_stat.st_ino;
}

int cli_log_setup(const struct cli_global *global, struct arca_error **err)
{
	if (global->log_path) {
		int fd = open(global->log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			return arca_fail(err, errno, "open log file %s", global->log_path);
		sink.fd = fd;
		sink.format = global->log_format;
		sink.fd_is_stderr = same_file_as_stderr(fd);
	}
	arca_log_set_handler(handle_message, global->debug ? ARCA_LOG_DEBUG : ARCA_LOG_WARN);
	return 0;
}

void cli_log_mute_stderr(void)
{
	sink.mute_stderr = true;
}

void cli_log_fatal(const char *msg)
{
	if (sink.fd >= 0)
		write_entry(ARCA_LOG_ERROR, msg);
	if (sink.fd < 0 || !sink.fd_is_stderr)
		fprintf(stderr, "arca: %s\n", msg);
}

bool cli_log_owns_fd(int fd)
{
	return fd >= 0 && fd == sink.fd;
}

void cli_log_close(void)
{
	arca_log_set_handler(NULL, ARCA_LOG_WARN);
	if (sink.fd >= 0)
		close(TAKE_FD(sink.fd));
}
