#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

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

/* Every fd to pass must have been open when arca started: one that arca
 * opened itself (its --log file) would leak into the container. */
static int check_fds_open(const char *what, unsigned first, unsigned count, struct arca_error **err)
{
	for (unsigned i = 0; i < count; i++) {
		int fd = 3 + (int)(first + i);
		if (fcntl(fd, F_GETFD) < 0 || cli_log_owns_fd(fd))
			return arca_fail_msg(err, EBADF, "%s %u: fd %d is not open", what, count,
			                     fd);
	}
	return 0;
}

int create_opts_preserve_fds(const char *text, unsigned after, unsigned *out,
                             struct arca_error **err)
{
	if (!text) {
		*out = 0;
		return 0;
	}
	int r = parse_fd_count(text, out, err);
	if (r < 0)
		return r;
	return check_fds_open("--preserve-fds", after, *out, err);
}

/* Socket activation, as runc does it: when systemd's LISTEN_PID names arca,
 * its LISTEN_FDS fds (from 3 on) go to the container, before the
 * --preserve-fds ones, and the program gets LISTEN_FDS and LISTEN_PID. */
static int listen_fds_from_env(unsigned *out, struct arca_error **err)
{
	*out = 0;
	const char *pid = getenv("LISTEN_PID");
	const char *fds = getenv("LISTEN_FDS");
	char *end = NULL;
	if (!pid || !fds || strtol(pid, &end, 10) != getpid() || *end)
		return 0;
	unsigned long n = strtoul(fds, &end, 10);
	if (*end || n == 0 || n > INT_MAX - 3)
		return 0;
	*out = (unsigned)n;
	return check_fds_open("LISTEN_FDS", 0, *out, err);
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
	int r = listen_fds_from_env(&out->listen_fds, err);
	if (r < 0)
		return r;
	return create_opts_preserve_fds(parsed->values[CREATE_PRESERVE_FDS], out->listen_fds,
	                                &out->preserve_fds, err);
}
