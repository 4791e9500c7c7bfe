#include <signal.h>

#include "arca/container.h"
#include "arca/signal.h"
#include "cli.h"

enum {
	KILL_ALL,
};

static const struct cli_option kill_options[] = {
    [KILL_ALL] = {"all", 'a', NULL, "signal every process; no error if the container is stopped"},
};

static int kill_run(const struct cli_global *global, const struct cli_parsed *parsed,
                    struct arca_error **err)
{
	int sig = SIGTERM;
	if (parsed->nargs > 1) {
		int r = arca_signal_parse(parsed->args[1], &sig, err);
		if (r < 0)
			return r;
	}
	return arca_container_kill(global->root, parsed->args[0], sig, cli_flag(parsed, KILL_ALL),
	                           err);
}

const struct cli_command cmd_kill = {
    .name = "kill",
    .summary = "send a signal to a container's process (default: SIGTERM)",
    .args = "ID [SIGNAL]",
    .description =
        "Sends SIGNAL to the init process of the container ID. SIGNAL is a name with or\n"
        "without SIG, in any case (TERM, sigkill), a number (9), or a real-time signal\n"
        "(RTMIN, RTMIN+3, RTMAX-1); the default is SIGTERM.",
    CLI_OPTIONS(kill_options),
    .min_args = 1,
    .max_args = 2,
    .uses_root = true,
    .run = kill_run,
};
