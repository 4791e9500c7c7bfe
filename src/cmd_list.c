#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "arca/state.h"
#include "cli.h"
#include "list_table.h"

enum {
	LIST_FORMAT,
	LIST_QUIET,
};

static const struct cli_option list_options[] = {
    [LIST_FORMAT] = {"format", 'f', "FORMAT", "table (default) or json"},
    [LIST_QUIET] = {"quiet", 'q', NULL, "print only the container IDs, one per line"},
};

enum list_format {
	LIST_AS_TABLE,
	LIST_AS_JSON,
	LIST_AS_IDS,
};

static int choose_format(const struct cli_parsed *parsed, enum list_format *out,
                         struct arca_error **err)
{
	const char *format = parsed->values[LIST_FORMAT];
	if (format && strcmp(format, "table") != 0 && strcmp(format, "json") != 0)
		return arca_fail_msg(err, EINVAL, "--format: expected table or json, got \"%s\"",
		                     format);
	if (cli_flag(parsed, LIST_QUIET))
		*out = LIST_AS_IDS;
	else
		*out = format && strcmp(format, "json") == 0 ? LIST_AS_JSON : LIST_AS_TABLE;
	return 0;
}

static int print_json(const struct arca_state_list *list, struct arca_error **err)
{
	_cleanup_free_ char *json = NULL;
	int r = arca_state_list_to_json(list, &json, err);
	if (r < 0)
		return r;
	printf("%s\n", json);
	return 0;
}

static int print_list(enum list_format format, const struct arca_state_list *list,
                      struct arca_error **err)
{
	switch (format) {
	case LIST_AS_IDS:
		for (size_t i = 0; i < list->len; i++)
			printf("%s\n", list->items[i]->id);
		return 0;
	case LIST_AS_JSON:
		return print_json(list, err);
	case LIST_AS_TABLE:
		break;
	}
	return list_print_table(stdout, list, err);
}

static int list_run(const struct cli_global *global, const struct cli_parsed *parsed,
                    struct arca_error **err)
{
	enum list_format format = LIST_AS_TABLE;
	int r = choose_format(parsed, &format, err);
	if (r < 0)
		return r;
	_cleanup_(arca_state_list_free) struct arca_state_list list = {0};
	r = arca_container_list(global->root, &list, err);
	if (r < 0)
		return r;
	return print_list(format, &list, err);
}

const struct cli_command cmd_list = {
    .name = "list",
    .summary = "list the containers under the state root",
    .description = "Lists the containers whose state lives under the state root (--root).",
    CLI_OPTIONS(list_options),
    .min_args = 0,
    .max_args = 0,
    .uses_root = true,
    .run = list_run,
};
