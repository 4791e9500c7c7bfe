#include <string.h>

#include "cli.h"

const struct cli_command *const cli_commands[] = {
    &cmd_checkpoint, &cmd_create, &cmd_delete, &cmd_events, &cmd_exec,    &cmd_features,
    &cmd_kill,       &cmd_list,   &cmd_pause,  &cmd_ps,     &cmd_restore, &cmd_resume,
    &cmd_run,        &cmd_spec,   &cmd_start,  &cmd_state,  &cmd_update,  &cmd_help,
};

const size_t cli_command_count = sizeof(cli_commands) / sizeof(cli_commands[0]);

const struct cli_command *cli_command_find(const char *name)
{
	for (size_t i = 0; i < cli_command_count; i++) {
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	}
	return NULL;
}
