#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum {
	GLOBAL_ROOT,
	GLOBAL_LOG,
	GLOBAL_LOG_FORMAT,
	GLOBAL_DEBUG,
	GLOBAL_ROOTLESS,
	GLOBAL_SYSTEMD_CGROUP,
	GLOBAL_VERSION,
};

const struct cli_option cli_global_options[] = {
    [GLOBAL_ROOT] = {"root", 0, "DIR", "state root: /run/arca, or $XDG_RUNTIME_DIR/arca"},
    [GLOBAL_LOG] = {"log", 0, "FILE", "append messages to FILE, not to stderr"},
    [GLOBAL_LOG_FORMAT] = {"log-format", 0, "FORMAT",
                           "format of the --log file: text (default) or json"},
    [GLOBAL_DEBUG] = {"debug", 0, NULL, "log debug messages too"},
    [GLOBAL_ROOTLESS] = {"rootless", 0, "MODE", "auto (default), true or false; not used yet"},
    [GLOBAL_SYSTEMD_CGROUP] = {"systemd-cgroup", 0, NULL,
                               "manage cgroups through systemd (not supported yet)"},
    [GLOBAL_VERSION] = {"version", 'v', NULL, "print the version and exit"},
};

const size_t cli_global_option_count = sizeof(cli_global_options) / sizeof(cli_global_options[0]);

static int parse_log_format(const char *value, enum arca_log_format *out, struct arca_error **err)
{
	if (!value || strcmp(value, "text") == 0)
		*out = ARCA_LOG_FORMAT_TEXT;
	else if (strcmp(value, "json") == 0)
		*out = ARCA_LOG_FORMAT_JSON;
	else
		return arca_fail_msg(err, EINVAL, "--log-format: expected text or json, got \"%s\"",
		                     value);
	return 0;
}

static int parse_rootless(const char *value, enum cli_rootless *out, struct arca_error **err)
{
	if (!value || strcmp(value, "auto") == 0)
		*out = CLI_ROOTLESS_AUTO;
	else if (strcmp(value, "true") == 0)
		*out = CLI_ROOTLESS_TRUE;
	else if (strcmp(value, "false") == 0)
		*out = CLI_ROOTLESS_FALSE;
	else
		return arca_fail_msg(err, EINVAL,
		                     "--rootless: expected auto, true or false, got \"%s\"", value);
	return 0;
}

static int check_not_empty(const char *value, const char *name, struct arca_error **err)
{
	if (value && !*value)
		return arca_fail_msg(err, EINVAL, "--%s: must not be empty", name);
	return 0;
}

int cli_parse_global(int argc, char **argv, struct cli_global *global, int *next,
                     struct arca_error **err)
{
	struct cli_parsed parsed;
	int r = cli_parse(cli_global_options, cli_global_option_count, argc, argv, &parsed, err);
	if (r < 0)
		return r;
	*global = (struct cli_global){
	    .root = parsed.values[GLOBAL_ROOT],
	    .log_path = parsed.values[GLOBAL_LOG],
	    .debug = cli_flag(&parsed, GLOBAL_DEBUG),
	    .systemd_cgroup = cli_flag(&parsed, GLOBAL_SYSTEMD_CGROUP),
	    .help = parsed.help,
	    .version = cli_flag(&parsed, GLOBAL_VERSION),
	};
	if ((r = check_not_empty(global->root, "root", err)) < 0 ||
	    (r = check_not_empty(global->log_path, "log", err)) < 0 ||
	    (r = parse_log_format(parsed.values[GLOBAL_LOG_FORMAT], &global->log_format, err)) <
	        0 ||
	    (r = parse_rootless(parsed.values[GLOBAL_ROOTLESS], &global->rootless, err)) < 0)
		return r;
	*next = argc - parsed.nargs;
	return 0;
}

int cli_default_root(char **out, struct arca_error **err)
{
	if (geteuid() == 0) {
		*out = strdup("/run/arca");
		return *out ? 0 : arca_fail(err, ENOMEM, "default state root");
	}
	const char *runtime_dir = getenv("XDG_RUNTIME_DIR");
	if (!runtime_dir || !*runtime_dir)
		return arca_fail_msg(
		    err, EINVAL,
		    "XDG_RUNTIME_DIR is not set: it names the state directory of a "
		    "non-root user (or give --root)");
	if (asprintf(out, "%s/arca", runtime_dir) < 0)
		return arca_fail(err, ENOMEM, "default state root");
	return 0;
}
