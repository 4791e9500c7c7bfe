#include <errno.h>

#include "cli.h"

#define NOT_SUPPORTED_NOTE " (not supported yet)"

/* "-b, --bundle DIR" or "    --root DIR" */
static int option_label(char *buf, size_t size, const struct cli_option *option)
{
	char short_part[8] = "    ";
	if (option->short_name)
		snprintf(short_part, sizeof(short_part), "-%c, ", option->short_name);
	return snprintf(buf, size, "%s--%s%s%s", short_part, option->name,
	                option->value_name ? " " : "",
	                option->value_name ? option->value_name : "");
}

static const struct cli_option help_option = {"help", 'h', NULL, "show this help and exit"};

static int label_width(const struct cli_option *options, size_t count)
{
	char label[128];
	int width = option_label(label, sizeof(label), &help_option);
	for (size_t i = 0; i < count; i++) {
		int len = option_label(label, sizeof(label), &options[i]);
		if (len > width)
			width = len;
	}
	return width;
}

static void print_option(FILE *out, const struct cli_option *option, int width)
{
	char label[128];
	option_label(label, sizeof(label), option);
	fprintf(out, "  %-*s  %s\n", width, label, option->help);
}

static void print_options(FILE *out, const struct cli_option *options, size_t count)
{
	int width = label_width(options, count);
	for (size_t i = 0; i < count; i++)
		print_option(out, &options[i], width);
	print_option(out, &help_option, width);
}

static void print_commands(FILE *out)
{
	for (size_t i = 0; i < cli_command_count; i++) {
		const struct cli_command *command = cli_commands[i];
		fprintf(out, "  %-10s  %s%s\n", command->name, command->summary,
		        command->run ? "" : NOT_SUPPORTED_NOTE);
	}
}

void cli_print_main_help(FILE *out)
{
	fputs("Usage: arca [global options] COMMAND [options] [ARGS...]\n\n"
	      "arca is a low-level OCI container runtime: it creates and runs containers from\n"
	      "bundles (a directory holding config.json and a root filesystem), with the\n"
	      "command line of runc.\n\nCommands:\n",
	      out);
	print_commands(out);
	fputs("\nGlobal options (given before the command):\n", out);
	print_options(out, cli_global_options, cli_global_option_count);
	fputs("\nRun \"arca help COMMAND\" or \"arca COMMAND --help\" for a command's options.\n",
	      out);
}

void cli_print_command_help(FILE *out, const struct cli_command *command)
{
	fprintf(out, "Usage: arca %s [options]%s%s\n\n", command->name, command->args ? " " : "",
	        command->args ? command->args : "");
	if (!command->run) {
		fprintf(out, "This command (%s) is not supported yet.\n", command->summary);
		return;
	}
	fprintf(out, "%s\n\nOptions:\n", command->description);
	print_options(out, command->options, command->option_count);
}

static int help_run(const struct cli_global *global, const struct cli_parsed *parsed,
                    struct arca_error **err)
{
	if (parsed->nargs == 0) {
		cli_print_main_help(stdout);
		return 0;
	}
	const struct cli_command *command = cli_command_find(parsed->args[0]);
	if (!command)
		return arca_fail_msg(err, EINVAL, "unknown command \"%s\" (see \"arca help\")",
		                     parsed->args[0]);
	cli_print_command_help(stdout, command);
	return 0;
}

const struct cli_command cmd_help = {
    .name = "help",
    .summary = "show the commands, or the options of one command",
    .args = "[COMMAND]",
    .description = "Shows the list of commands and the global options or, given a command, that\n"
                   "command's usage and options.",
    .min_args = 0,
    .max_args = 1,
    .run = help_run,
};
