#include "arca/spec_write.h"
#include "cli.h"

enum {
	SPEC_BUNDLE,
	SPEC_ROOTLESS,
};

static const struct cli_option spec_options[] = {
    [SPEC_BUNDLE] = {"bundle", 'b', "DIR",
                     "write config.json into DIR (default: the current directory)"},
    [SPEC_ROOTLESS] = {"rootless", 0, NULL, "a configuration for a container run without root"},
};

static int spec_run(const struct cli_global *global, const struct cli_parsed *parsed,
                    struct arca_error **err)
{
	const char *bundle = parsed->values[SPEC_BUNDLE];
	return arca_spec_write_default(bundle && *bundle ? bundle : ".",
	                               cli_flag(parsed, SPEC_ROOTLESS), err);
}

const struct cli_command cmd_spec = {
    .name = "spec",
    .summary = "write a default config.json",
    .args = NULL,
    .description =
        "Writes a default config.json into the bundle directory. An existing config.json\n"
        "is never overwritten.",
    CLI_OPTIONS(spec_options),
    .min_args = 0,
    .max_args = 0,
    .run = spec_run,
};
