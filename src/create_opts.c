#include <errno.h>
#include <fcntl.h>
#include <limits.h>

#include "cli_log.h"
#include "create_opts.h"

static int parse_fd_count(const char *text, unsigned *out, struct arca_error **err)
{
	unsigned long long count = 0;
	const char *p = text;
	for (; *p >= '0' && *p <= '9'; p++) {
		count = count * 10 + (unsigned)(*p - '0');
		if (count > INT_MAX - 3)
			return arca_fail_msg(err, ERANGE, "--preserve-fds: %s is too large", text);
	}
	if (p == text || *p)
		return arca_fail_msg(err, EINVAL,
		                     "--preserve-fds: expected a non-negative integer, got \"%s\"",
		                     text);
	*out = (unsigned)count;
	return 0;
}

/* Every fd to preserve must have been open when arca started: one that arca
 * opened itself (its --log file) would leak into the container. */
static int check_fds_open(unsigned count, struct arca_error **err)
{
	for (unsigned i = 0; i < count; i++) {
		int fd = 3 + (int)i;
		if (fcntl(fd, F_GETFD) < 0 || cli_log_owns_fd(fd))
			return arca_fail_msg(err, EBADF, "--preserve-fds %u: fd %d is not open",
			                     count, fd);
	}
	return 0;
}

static int parse_preserve_fds(const char *text, unsigned *out, struct arca_error **err)
{
	if (!text) {
		*out = 0;
		return 0;
	}
	int r = parse_fd_count(text, out, err);
	if (r < 0)
		return r;
	return check_fds_open(*out, err);
}

/* An empty value counts as not given, as in runc. */
static const char *non_empty(const char *value)
{
	return value && *value ? value : NULL;
}

int create_opts_from_args(const struct cli_global *global, const struct cli_parsed *parsed,
                          struct arca_create_opts *out, struct arca_error **err)
{
	if (cli_flag(parsed, CREATE_PIDFD_SOCKET))
		return arca_fail_msg(err, ENOTSUP, "--pidfd-socket is not supported yet");
	const char *bundle = non_empty(parsed->values[CREATE_BUNDLE]);
	*out = (struct arca_create_opts){
	    .root = global->root,
	    .id = parsed->args[0],
	    .bundle = bundle ? bundle : ".",
	    .pid_file = non_empty(parsed->values[CREATE_PID_FILE]),
	    .console_socket = non_empty(parsed->values[CREATE_CONSOLE_SOCKET]),
	    .no_pivot = cli_flag(parsed, CREATE_NO_PIVOT),
	    .no_new_keyring = cli_flag(parsed, CREATE_NO_NEW_KEYRING),
	};
	return parse_preserve_fds(parsed->values[CREATE_PRESERVE_FDS], &out->preserve_fds, err);
}
