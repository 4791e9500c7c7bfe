#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli.h"

/* getopt codes: a short option returns its letter, a long one this plus its
 * table index; --help returns 'h'. */
#define LONG_CODE_BASE 256
#define HELP_CODE      'h'

struct getopt_tables {
	struct option longopts[CLI_MAX_OPTIONS + 2];
	/* "+:h", then up to two characters per option, then NUL */
	char optstring[3 + 2 * CLI_MAX_OPTIONS + 1];
};

static void build_tables(const struct cli_option *options, size_t count, struct getopt_tables *t)
{
	char *s = t->optstring;
	*s++ = '+'; /* stop at the first positional argument */
	*s++ = ':'; /* report a missing value as ':' */
	*s++ = HELP_CODE;
	for (size_t i = 0; i < count; i++) {
		int has_arg = options[i].value_name ? required_argument : no_argument;
		t->longopts[i] =
		    (struct option){options[i].name, has_arg, NULL, LONG_CODE_BASE + (int)i};
		if (options[i].short_name) {
			*s++ = options[i].short_name;
			if (has_arg)
				*s++ = ':';
		}
	}
	*s = '\0';
	t->longopts[count] = (struct option){"help", no_argument, NULL, HELP_CODE};
	t->longopts[count + 1] = (struct option){0};
}

static int option_index(const struct cli_option *options, size_t count, int code)
{
	if (code >= LONG_CODE_BASE)
		return code - LONG_CODE_BASE;
	if (code == 0)
		return -1;
	for (size_t i = 0; i < count; i++) {
		if (options[i].short_name == code)
			return (int)i;
	}
	return -1;
}

/* How many long options start with the name in arg ("--na" or "-na=x"). */
static int prefix_matches(const struct option *longopts, const char *arg)
{
	const char *name = arg + strspn(arg, "-");
	size_t len = strcspn(name, "=");
	int matches = 0;
	for (const struct option *o = longopts; o->name; o++) {
		if (strncmp(o->name, name, len) == 0)
			matches++;
	}
	return matches;
}

static int unknown_option(const struct getopt_tables *t, const char *arg, struct arca_error **err)
{
	int len = (int)strcspn(arg, "=");
	const char *what = prefix_matches(t->longopts, arg) > 1 ? "ambiguous" : "unknown";
	return arca_fail_msg(err, EINVAL, "%s option \"%.*s\"", what, len, arg);
}

/* Turns getopt's ':' or '?' into a message. */
static int option_error(int code, const struct cli_option *options, size_t count,
                        const struct getopt_tables *t, char **argv, struct arca_error **err)
{
	int index = option_index(options, count, optopt);
	if (code == ':' && index >= 0)
		return arca_fail_msg(err, EINVAL, "option --%s needs a value (%s)",
		                     options[index].name, options[index].value_name);
	if (index >= 0)
		return arca_fail_msg(err, EINVAL, "option --%s takes no value",
		                     options[index].name);
	if (optopt == HELP_CODE)
		return arca_fail_msg(err, EINVAL, "option --help takes no value");
	if (optopt)
		return arca_fail_msg(err, EINVAL, "unknown option \"-%c\"", optopt);
	return unknown_option(t, argv[optind - 1], err);
}

int cli_parse(const struct cli_option *options, size_t count, int argc, char **argv,
              struct cli_parsed *out, struct arca_error **err)
{
	if (count > CLI_MAX_OPTIONS)
		return arca_fail_msg(err, E2BIG, "%s: more than %d options", argv[0],
		                     CLI_MAX_OPTIONS);
	struct getopt_tables t;
	build_tables(options, count, &t);
	*out = (struct cli_parsed){0};
	opterr = 0;
	optind = 0; /* glibc: start afresh, at argv[1] */
	int code;
	while ((code = getopt_long_only(argc, argv, t.optstring, t.longopts, NULL)) != -1) {
		if (code == HELP_CODE) {
			out->help = true;
			continue;
		}
		int index = option_index(options, count, code);
		if (code == ':' || code == '?' || index < 0)
			return option_error(code, options, count, &t, argv, err);
		out->values[index] = options[index].value_name ? optarg : "";
		if (out->given_count == CLI_MAX_GIVEN)
			return arca_fail_msg(err, E2BIG, "more than %d options", CLI_MAX_GIVEN);
		out->given[out->given_count++] = (struct cli_given){index, out->values[index]};
	}
	out->args = argv + optind;
	out->nargs = argc - optind;
	return 0;
}

const char *cli_value_at(const struct cli_parsed *parsed, int index, size_t n)
{
	for (size_t i = 0; i < parsed->given_count; i++)
		if (parsed->given[i].option == index && n-- == 0)
			return parsed->given[i].value;
	return NULL;
}

int cli_check_arg_count(const struct cli_command *command, const struct cli_parsed *parsed,
                        struct arca_error **err)
{
	const char *usage_args = command->args ? command->args : "";
	const char *space = command->args ? " " : "";
	if (parsed->nargs < command->min_args)
		return arca_fail_msg(err, EINVAL,
		                     "missing container ID (usage: arca %s [options]%s%s)",
		                     command->name, space, usage_args);
	if (parsed->nargs > command->max_args)
		return arca_fail_msg(
		    err, EINVAL, "unexpected argument \"%s\" (usage: arca %s [options]%s%s)",
		    parsed->args[command->max_args], command->name, space, usage_args);
	return 0;
}
