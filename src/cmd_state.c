#include <stdio.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "arca/state.h"
#include "cli.h"

static int state_run(const struct cli_global *global, const struct cli_parsed *parsed,
                     struct arca_error **err)
{
	_cleanup_state_ struct arca_state *state = NULL;
	int r = arca_container_state(global->root, parsed->args[0], &state, err);
	if (r < 0)
		return r;
	_cleanup_free_ char *json = NULL;
	r = arca_state_to_json(state, &json, err);
	if (r < 0)
		return r;
	/* runc prints no newline after the state object */
	fputs(json, stdout);
	return 0;
}

const struct cli_command cmd_state = {
    .name = "state",
    .summary = "print the state of a container as JSON",
    .args = "ID",
    .description = "Prints the state of the container ID (runtime-spec's state object, plus\n"
                   "rootfs, created and owner) as JSON on stdout.",
    .min_args = 1,
    .max_args = 1,
    .uses_root = true,
    .quiet_stderr = true,
    .run = state_run,
};
