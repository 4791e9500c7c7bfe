/* The arca command line: the command table, the parsed global options, and
 * the option parser every command shares. Only src/ prints. */
#ifndef ARCA_CLI_H
#define ARCA_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arca/error.h"
#include "arca/log_line.h"

#define CLI_MAX_OPTIONS 24
#define CLI_MAX_GIVEN   256 /* options on one command line */

/* One option of a command (or a global one). It is given as --name, -name,
 * --name=value, --name value or, with a short name, -x value. */
struct cli_option {
	const char *name;       /* long name, without dashes */
	char short_name;        /* 0: none */
	const char *value_name; /* placeholder shown in help ("DIR"); NULL: a switch */
	const char *help;       /* one line */
};

/* What the parser made of a command line. */
struct cli_parsed {
	/* Per option, by table index: its value ("" for a switch), or NULL when not
	 * given. A repeated option keeps its last value. */
	const char *values[CLI_MAX_OPTIONS];
	/* Every option given, in order, for the ones that may repeat
	 * (--env A --env B): read them with cli_value_at. */
	struct cli_given {
		int option;
		const char *value;
	} given[CLI_MAX_GIVEN];
	size_t given_count;
	bool help;   /* -h / --help was given */
	char **args; /* the positional arguments: everything from the first non-option */
	int nargs;
};

enum cli_rootless {
	CLI_ROOTLESS_AUTO,
	CLI_ROOTLESS_TRUE,
	CLI_ROOTLESS_FALSE,
};

struct cli_global {
	const char *root;     /* --root, or (for commands that use it) the default root */
	const char *log_path; /* --log; NULL: messages go to stderr */
	enum arca_log_format log_format;
	bool debug;
	enum cli_rootless rootless; /* validated and stored; nothing uses it yet */
	bool systemd_cgroup;
	bool help;
	bool version;
};

struct cli_command {
	const char *name;
	const char *summary;     /* one line, for `arca help` */
	const char *args;        /* positional arguments in the usage line, e.g. "ID [SIGNAL]" */
	const char *description; /* paragraph shown by --help */
	const struct cli_option *options;
	size_t option_count;
	int min_args;
	int max_args;
	bool uses_root;    /* needs the state root (--root or its default) */
	bool quiet_stderr; /* stdout is machine-read with stderr: no warnings on stderr */
	/* execs a container's program: arca first re-executes itself from a
	 * copy that cannot be written (arca/protect.h, CVE-2019-5736) */
	bool runs_container_code;
	/* Returns the exit status (0, or the container's for `run`), or a negative
	 * errno with *err set. NULL: recognised, not supported yet. */
	int (*run)(const struct cli_global *global, const struct cli_parsed *parsed,
	           struct arca_error **err);
};

#define CLI_OPTIONS(table) .options = (table), .option_count = sizeof(table) / sizeof((table)[0])

/* args.c: parses argv (argv[0] is the program or command name) up to the first
 * positional argument, and checks a command's argument count. */
int cli_parse(const struct cli_option *options, size_t count, int argc, char **argv,
              struct cli_parsed *out, struct arca_error **err);
int cli_check_arg_count(const struct cli_command *command, const struct cli_parsed *parsed,
                        struct arca_error **err);
static inline bool cli_flag(const struct cli_parsed *parsed, int index)
{
	return parsed->values[index] != NULL;
}
/* The n-th value (from 0) given for the option at index, or NULL. */
const char *cli_value_at(const struct cli_parsed *parsed, int index, size_t n);

/* global.c: the global options. */
int cli_parse_global(int argc, char **argv, struct cli_global *global, int *next,
                     struct arca_error **err);
int cli_default_root(char **out, struct arca_error **err);
extern const struct cli_option cli_global_options[];
extern const size_t cli_global_option_count;

/* commands.c: the command table, in the order `arca help` lists it. */
extern const struct cli_command *const cli_commands[];
extern const size_t cli_command_count;
const struct cli_command *cli_command_find(const char *name);

/* help.c, version.c */
void cli_print_main_help(FILE *out);
void cli_print_command_help(FILE *out, const struct cli_command *command);
void cli_print_version(FILE *out);

extern const struct cli_command cmd_checkpoint, cmd_create, cmd_delete, cmd_events, cmd_exec,
    cmd_features, cmd_help, cmd_kill, cmd_list, cmd_pause, cmd_ps, cmd_restore, cmd_resume, cmd_run,
    cmd_spec, cmd_start, cmd_state, cmd_update;

#endif
