#include "arca/container.h"
#include "cli.h"
#include "create_opts.h"

static const struct cli_option create_options[] = {
    CREATE_SHARED_OPTIONS,
    [CREATE_DETACH] = {"detach", 'd', NULL, "accepted and ignored: create never waits"},
};

static int create_run(const struct cli_global *global, const struct cli_parsed *parsed,
                      struct arca_error **err)
{
	struct arca_create_opts opts;
	int r = create_opts_from_args(global, parsed, &opts, err);
	if (r < 0)
		return r;
	return arca_container_create(&opts, err);
}

const struct cli_command cmd_create = {
    .name = "create",
    .summary = "create a container",
    .args = "ID",
    .description =
        "Creates the container ID from a bundle: a directory holding config.json and the\n"
        "root filesystem. The container is left in state \"created\": its process waits\n"
        "for \"arca start ID\" to run the program of process.args.",
    CLI_OPTIONS(create_options),
    .min_args = 1,
    .max_args = 1,
    .uses_root = true,
    .runs_container_code = true,
    .run = create_run,
};
