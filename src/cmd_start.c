#include "arca/container.h"
#include "cli.h"

static int start_run(const struct cli_global *global, const struct cli_parsed *parsed,
                     struct arca_error **err)
{
	return arca_container_start(global->root, parsed->args[0], err);
}

const struct cli_command cmd_start = {
    .name = "start",
    .summary = "run the program of a created container",
    .args = "ID",
    .description = "Runs process.args in the container ID, which must be in state \"created\".",
    .min_args = 1,
    .max_args = 1,
    .uses_root = true,
    .run = start_run,
};
