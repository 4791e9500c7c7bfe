#include "arca/container.h"
#include "cli.h"
#include "create_opts.h"

enum {
	RUN_KEEP = CREATE_OPTION_COUNT,
};

static const struct cli_option run_options[] = {
    CREATE_SHARED_OPTIONS,
    [CREATE_DETACH] = {"detach", 'd', NULL, "return once the container has started"},
    [RUN_KEEP] = {"keep", 0, NULL, "do not delete the container after it exits"},
};

static int run_run(const struct cli_global *global, const struct cli_parsed *parsed,
                   struct arca_error **err)
{
	struct arca_run_opts opts = {
	    .detach = cli_flag(parsed, CREATE_DETACH),
	    .keep = cli_flag(parsed, RUN_KEEP),
	};
	int r = create_opts_from_args(global, parsed, &opts.create, err);
	if (r < 0)
		return r;
	int exit_status = 0;
	r = arca_container_run(&opts, &exit_status, err);
	return r < 0 ? r : exit_status;
}

const struct cli_command cmd_run = {
    .name = "run",
    .summary = "create and start a container",
    .args = "ID",
    .description = "Creates the container ID from a bundle and starts it. Unless detached, arca\n"
                   "waits for the container, forwards the signals it receives to it, deletes it\n"
                   "once it has exited (unless --keep), and exits with its status: the exit code,\n"
                   "or 128+N when signal N killed it.",
    CLI_OPTIONS(run_options),
    .min_args = 1,
    .max_args = 1,
    .uses_root = true,
    .runs_container_code = true,
    .run = run_run,
};
