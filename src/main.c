/* arca [global options] COMMAND [options] ARGS...: parses the global options,
 * finds the command and runs it; a failure prints one line and exits 1. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/protect.h"
#include "cli.h"
#include "cli_log.h"

static bool asks_for_help(int argc, char **argv)
{
	return argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-help") == 0 ||
	                    strcmp(argv[1], "-h") == 0);
}

/* A recognised command arca does not implement: only --help works. */
static int run_unsupported(const struct cli_command *command, int argc, char **argv,
                           struct arca_error **err)
{
	if (!asks_for_help(argc, argv))
		return arca_fail_msg(err, ENOTSUP, "%s is not supported yet", command->name);
	cli_print_command_help(stdout, command);
	return 0;
}

static int run_parsed(const struct cli_command *command, struct cli_global *global,
                      const struct cli_parsed *parsed, struct arca_error **err)
{
	if (global->systemd_cgroup && command != &cmd_help)
		return arca_fail_msg(err, ENOTSUP, "--systemd-cgroup is not supported yet");
	int r = cli_check_arg_count(command, parsed, err);
	if (r < 0)
		return arca_wrap(err, r, "%s", command->name);
	_cleanup_free_ char *default_root = NULL;
	if (command->uses_root && !global->root) {
		r = cli_default_root(&default_root, err);
		if (r < 0)
			return r;
		global->root = default_root;
	}
	return command->run(global, parsed, err);
}

/* argv[0] is the command's name. */
static int run_command(const struct cli_command *command, struct cli_global *global, int argc,
                       char **argv, struct arca_error **err)
{
	if (command->quiet_stderr)
		cli_log_mute_stderr();
	if (!command->run)
		return run_unsupported(command, argc, argv, err);
	struct cli_parsed parsed;
	int r = cli_parse(command->options, command->option_count, argc, argv, &parsed, err);
	if (r < 0)
		return arca_wrap(err, r, "%s", command->name);
	if (parsed.help) {
		cli_print_command_help(stdout, command);
		return 0;
	}
	return run_parsed(command, global, &parsed, err);
}

static int run(int argc, char **argv, struct arca_error **err)
{
	struct cli_global global;
	int next;
	int r = cli_parse_global(argc, argv, &global, &next, err);
	if (r < 0)
		return r;
	if (global.help) {
		cli_print_main_help(stdout);
		return 0;
	}
	if (global.version) {
		cli_print_version(stdout);
		return 0;
	}
	if (next >= argc)
		return arca_fail_msg(err, EINVAL, "no command given (see \"arca --help\")");
	r = cli_log_setup(&global, err);
	if (r < 0)
		return r;
	const struct cli_command *command = cli_command_find(argv[next]);
	if (!command)
		return arca_fail_msg(err, EINVAL, "unknown command \"%s\" (see \"arca help\")",
		                     argv[next]);
	if (command->runs_container_code && (r = arca_protect_binary(argv, err)) < 0)
		return r;
	return run_command(command, &global, argc - next, argv + next, err);
}

/* What a command printed must reach stdout: a failed flush fails the command. */
static int flush_stdout(struct arca_error **err)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return arca_fail(err, errno, "write to stdout");
	return 0;
}

int main(int argc, char **argv)
{
	_cleanup_error_ struct arca_error *err = NULL;
	int status = run(argc, argv, &err);
	if (flush_stdout(&err) < 0)
		status = -1;
	if (status < 0) {
		cli_log_fatal(err ? err->msg : "unknown error");
		status = 1;
	}
	cli_log_close();
	return status;
}
