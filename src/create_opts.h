/* The options `create` and `run` share, and how they become arca_create_opts. */
#ifndef ARCA_CREATE_OPTS_H
#define ARCA_CREATE_OPTS_H

#include "arca/container.h"
#include "cli.h"

enum create_option {
	CREATE_BUNDLE,
	CREATE_PID_FILE,
	CREATE_CONSOLE_SOCKET,
	CREATE_PIDFD_SOCKET,
	CREATE_NO_PIVOT,
	CREATE_NO_NEW_KEYRING,
	CREATE_PRESERVE_FDS,
	CREATE_DETACH, /* each command describes it in its own words */
	CREATE_OPTION_COUNT,
};

#define CREATE_SHARED_OPTIONS                                                                      \
	[CREATE_BUNDLE] = {"bundle", 'b', "DIR",                                                   \
	                   "bundle directory (default: the current directory)"},                   \
	[CREATE_PID_FILE] = {"pid-file", 0, "FILE", "write the container's host pid to FILE"},     \
	[CREATE_CONSOLE_SOCKET] = {"console-socket", 0, "SOCKET",                                  \
	                           "send the pty master fd to this AF_UNIX socket"},               \
	[CREATE_PIDFD_SOCKET] = {"pidfd-socket", 0, "SOCKET", "not supported yet"},                \
	[CREATE_NO_PIVOT] = {"no-pivot", 0, NULL, "use MS_MOVE and chroot instead of pivot_root"}, \
	[CREATE_NO_NEW_KEYRING] = {"no-new-keyring", 0, NULL,                                      \
	                           "keep the caller's session keyring"},                           \
	[CREATE_PRESERVE_FDS] = {"preserve-fds", 0, "N",                                           \
	                         "pass fds 3 to 3+N-1 on to the container"}

/* --preserve-fds N (text NULL: 0): the N fds that follow the first `after`
 * ones from fd 3 on, each of which must have been open when arca started.
 * exec takes the option too. */
int create_opts_preserve_fds(const char *text, unsigned after, unsigned *out,
                             struct arca_error **err);

/* Fills *out from the parsed options of create or run. The strings stay
 * owned by argv and global. */
int create_opts_from_args(const struct cli_global *global, const struct cli_parsed *parsed,
                          struct arca_create_opts *out, struct arca_error **err);

#endif
