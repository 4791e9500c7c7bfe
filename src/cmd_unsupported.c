/* Commands runc has and arca recognises, but does not implement yet: each
 * fails with "<name> is not supported yet". */
#include "cli.h"

const struct cli_command cmd_checkpoint = {
    .name = "checkpoint",
    .summary = "checkpoint a running container",
    .args = "ID",
};

const struct cli_command cmd_events = {
    .name = "events",
    .summary = "show container events and resource statistics",
    .args = "ID",
};

const struct cli_command cmd_restore = {
    .name = "restore",
    .summary = "restore a container from a checkpoint",
    .args = "ID",
};

const struct cli_command cmd_update = {
    .name = "update",
    .summary = "update the resource limits of a container",
    .args = "ID",
};
