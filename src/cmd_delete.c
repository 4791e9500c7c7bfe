#include "arca/container.h"
#include "cli.h"

enum {
	DELETE_FORCE,
};

static const struct cli_option delete_options[] = {
    [DELETE_FORCE] = {"force", 'f', NULL,
                      "kill a running container first; an unknown ID is not an error"},
};

static int delete_run(const struct cli_global *global, const struct cli_parsed *parsed,
                      struct arca_error **err)
{
	return arca_container_delete(global->root, parsed->args[0], cli_flag(parsed, DELETE_FORCE),
	                             err);
}

const struct cli_command cmd_delete = {
    .name = "delete",
    .summary = "delete a container and everything it holds",
    .args = "ID",
    .description =
        "Deletes the container ID: its state, cgroup and whatever else create made. A\n"
        "stopped container is deleted; a created one is killed and deleted (as runc and\n"
        "crun do); a running one only with --force.",
    CLI_OPTIONS(delete_options),
    .min_args = 1,
    .max_args = 1,
    .uses_root = true,
    .run = delete_run,
};
