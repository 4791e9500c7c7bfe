#include <stdio.h>

#include "arca/cleanup.h"
#include "arca/features.h"
#include "cli.h"

static int features_run(const struct cli_global *global, const struct cli_parsed *parsed,
                        struct arca_error **err)
{
	_cleanup_free_ char *json = NULL;
	int r = arca_features_json(&json, err);
	if (r < 0)
		return r;
	fputs(json, stdout);
	return 0;
}

const struct cli_command cmd_features = {
    .name = "features",
    .summary = "show the features this runtime implements",
    .args = NULL,
    .description =
        "Prints the runtime-spec features document as JSON on stdout: the spec versions,\n"
        "hooks, mount options, namespaces, capabilities and seccomp values arca accepts\n"
        "in config.json, and which optional mechanisms it implements.",
    .min_args = 0,
    .max_args = 0,
    .quiet_stderr = true,
    .run = features_run,
};
