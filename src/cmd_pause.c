/* `arca pause ID` and `arca resume ID`: freeze and thaw a container. */
#include "arca/container.h"
#include "cli.h"

static int pause_run(const struct cli_global *global, const struct cli_parsed *parsed,
                     struct arca_error **err)
{
	return arca_container_pause(global->root, parsed->args[0], err);
}

static int resume_run(const struct cli_global *global, const struct cli_parsed *parsed,
                      struct arca_error **err)
{
	return arca_container_resume(global->root, parsed->args[0], err);
}

const struct cli_command cmd_pause = {
    .name = "pause",
    .summary = "suspend every process of a container",
    .args = "ID",
    .description = "Freezes every process in the cgroup of the running container ID (v1 freezer,\n"
                   "or cgroup2's cgroup.freeze) and waits until the kernel reports it frozen. The\n"
                   "container's status is then paused, until `arca resume ID`.",
    .min_args = 1,
    .max_args = 1,
    .uses_root = true,
    .run = pause_run,
};

const struct cli_command cmd_resume = {
    .name = "resume",
    .summary = "resume the processes of a paused container",
    .args = "ID",
    .description = "Thaws every process of the paused container ID; its status is running again.",
    .min_args = 1,
    .max_args = 1,
    .uses_root = true,
    .run = resume_run,
};
