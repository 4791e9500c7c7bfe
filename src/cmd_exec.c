#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "cli.h"
#include "cli_log.h"
#include "create_opts.h"

/* A failed exec exits with this, as runc's does, so that a caller can tell
 * it from the status of the program. */
#define EXEC_FAILED_STATUS 255

enum {
	EXEC_PROCESS,
	EXEC_DETACH,
	EXEC_PID_FILE,
	EXEC_CONSOLE_SOCKET,
	EXEC_PIDFD_SOCKET,
	EXEC_TTY,
	EXEC_CWD,
	EXEC_ENV,
	EXEC_USER,
	EXEC_ADDITIONAL_GIDS,
	EXEC_CAP,
	EXEC_NO_NEW_PRIVS,
	EXEC_APPARMOR,
	EXEC_PROCESS_LABEL,
	EXEC_PRESERVE_FDS,
	EXEC_CGROUP,
	EXEC_IGNORE_PAUSED,
};

static const struct cli_option exec_options[] = {
    [EXEC_PROCESS] = {"process", 'p', "FILE", "the process: a spec process object (JSON)"},
    [EXEC_DETACH] = {"detach", 'd', NULL, "return once the process has started"},
    [EXEC_PID_FILE] = {"pid-file", 0, "FILE", "write the process's host pid to FILE"},
    [EXEC_CONSOLE_SOCKET] = {"console-socket", 0, "SOCKET",
                             "send the pty master fd to this AF_UNIX socket"},
    [EXEC_PIDFD_SOCKET] = {"pidfd-socket", 0, "SOCKET", "refused: not implemented yet"},
    [EXEC_TTY] = {"tty", 't', NULL, "give the process a terminal"},
    [EXEC_CWD] = {"cwd", 0, "DIR", "working directory in the container"},
    [EXEC_ENV] = {"env", 'e', "KEY=VALUE", "add an environment variable (repeatable)"},
    [EXEC_USER] = {"user", 'u', "UID[:GID]", "run as this user (and group)"},
    [EXEC_ADDITIONAL_GIDS] = {"additional-gids", 'g', "GID",
                              "add a supplementary group (repeatable)"},
    [EXEC_CAP] = {"cap", 'c', "CAP", "add a capability (repeatable)"},
    [EXEC_NO_NEW_PRIVS] = {"no-new-privs", 0, NULL, "set no_new_privs for the process"},
    [EXEC_APPARMOR] = {"apparmor", 0, "PROFILE", "run under this AppArmor profile"},
    [EXEC_PROCESS_LABEL] = {"process-label", 0, "LABEL", "run with this SELinux label"},
    [EXEC_PRESERVE_FDS] = {"preserve-fds", 0, "N", "pass fds 3 to 3+N-1 on to the process"},
    [EXEC_CGROUP] = {"cgroup", 0, "PATH", "refused: not implemented yet"},
    [EXEC_IGNORE_PAUSED] = {"ignore-paused", 0, NULL, "exec into a paused container too"},
};

/* The options that change the process, which --process FILE describes
 * whole. */
static const int process_changing[] = {
    EXEC_TTY, EXEC_CWD,          EXEC_ENV,      EXEC_USER,         EXEC_ADDITIONAL_GIDS,
    EXEC_CAP, EXEC_NO_NEW_PRIVS, EXEC_APPARMOR, EXEC_PROCESS_LABEL};

static const char *non_empty(const char *value)
{
	return value && *value ? value : NULL;
}

static int parse_u32(const char *text, const char *what, uint32_t *out, struct arca_error **err)
{
	char *end = NULL;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 10);
	if (text[0] < '0' || text[0] > '9' || *end || errno || v > UINT32_MAX)
		return arca_fail_msg(err, EINVAL, "%s: expected a number from 0 to %u, got \"%s\"",
		                     what, UINT32_MAX, text);
	*out = (uint32_t)v;
	return 0;
}

static int parse_user(const char *text, struct arca_exec_opts *o, struct arca_error **err)
{
	if (!text)
		return 0;
	_cleanup_free_ char *copy = strdup(text);
	if (!copy)
		return arca_fail(err, ENOMEM, "--user");
	char *gid = strchr(copy, ':');
	if (gid)
		*gid++ = '\0';
	int r = parse_u32(copy, "--user UID[:GID]", &o->uid, err);
	if (r == 0 && gid)
		r = parse_u32(gid, "--user UID[:GID]", &o->gid, err);
	o->set_uid = r == 0;
	o->set_gid = r == 0 && gid;
	return r;
}

/* Every value of a repeatable option, NULL-terminated. */
static const char **values_of(const struct cli_parsed *parsed, int index)
{
	const char **out = calloc(parsed->given_count + 1, sizeof(*out));
	for (size_t n = 0; out && (out[n] = cli_value_at(parsed, index, n)); n++)
		;
	return out;
}

static int parse_gids(const char *const *texts, uint32_t **out, size_t *n, struct arca_error **err)
{
	for (*n = 0; texts[*n]; (*n)++)
		;
	*out = calloc(*n ? *n : 1, sizeof(**out));
	if (!*out)
		return arca_fail(err, ENOMEM, "--additional-gids");
	for (size_t i = 0; i < *n; i++) {
		int r = parse_u32(texts[i], "--additional-gids", &(*out)[i], err);
		if (r < 0)
			return r;
	}
	return 0;
}

static int refuse_unsupported(const struct cli_parsed *parsed, struct arca_error **err)
{
	if (cli_flag(parsed, EXEC_PIDFD_SOCKET))
		return arca_fail_msg(err, ENOTSUP, "--pidfd-socket is not supported yet");
	if (cli_flag(parsed, EXEC_CGROUP))
		return arca_fail_msg(err, ENOTSUP, "--cgroup is not supported yet");
	if (!cli_flag(parsed, EXEC_PROCESS)) {
		if (parsed->nargs < 2)
			return arca_fail_msg(err, EINVAL,
			                     "missing COMMAND (usage: arca exec [options] ID "
			                     "COMMAND [ARG...], or --process FILE ID)");
		return 0;
	}
	if (parsed->nargs > 1)
		return arca_fail_msg(err, EINVAL, "--process FILE takes no COMMAND, got \"%s\"",
		                     parsed->args[1]);
	for (size_t i = 0; i < sizeof(process_changing) / sizeof(process_changing[0]); i++)
		if (cli_flag(parsed, process_changing[i]))
			return arca_fail_msg(err, EINVAL,
			                     "--%s cannot change the process of --process FILE",
			                     exec_options[process_changing[i]].name);
	return 0;
}

struct exec_lists {
	const char **env;
	const char **caps;
	const char **gid_texts;
	uint32_t *gids;
};

static void exec_lists_release(struct exec_lists *l)
{
	free(l->env);
	free(l->caps);
	free(l->gid_texts);
	free(l->gids);
}

static int fill_opts(const struct cli_global *global, const struct cli_parsed *parsed,
                     struct exec_lists *l, struct arca_exec_opts *o, struct arca_error **err)
{
	*o = (struct arca_exec_opts){
	    .root = global->root,
	    .id = parsed->args[0],
	    .process_file = non_empty(parsed->values[EXEC_PROCESS]),
	    .args = parsed->args + 1,
	    .cwd = non_empty(parsed->values[EXEC_CWD]),
	    .apparmor_profile = non_empty(parsed->values[EXEC_APPARMOR]),
	    .selinux_label = non_empty(parsed->values[EXEC_PROCESS_LABEL]),
	    .tty = cli_flag(parsed, EXEC_TTY),
	    .no_new_privs = cli_flag(parsed, EXEC_NO_NEW_PRIVS),
	    .detach = cli_flag(parsed, EXEC_DETACH),
	    .ignore_paused = cli_flag(parsed, EXEC_IGNORE_PAUSED),
	    .pid_file = non_empty(parsed->values[EXEC_PID_FILE]),
	    .console_socket = non_empty(parsed->values[EXEC_CONSOLE_SOCKET]),
	};
	l->env = values_of(parsed, EXEC_ENV);
	l->caps = values_of(parsed, EXEC_CAP);
	l->gid_texts = values_of(parsed, EXEC_ADDITIONAL_GIDS);
	if (!l->env || !l->caps || !l->gid_texts)
		return arca_fail(err, ENOMEM, "exec options");
	o->env = l->env;
	o->caps = l->caps;
	int r = parse_gids(l->gid_texts, &l->gids, &o->n_add_gids, err);
	o->add_gids = l->gids;
	if (r == 0)
		r = parse_user(non_empty(parsed->values[EXEC_USER]), o, err);
	if (r == 0)
		r = create_opts_preserve_fds(parsed->values[EXEC_PRESERVE_FDS], 0, &o->preserve_fds,
		                             err);
	return r;
}

static int exec_run(const struct cli_global *global, const struct cli_parsed *parsed,
                    struct arca_error **err)
{
	_cleanup_(exec_lists_release) struct exec_lists lists = {0};
	struct arca_exec_opts opts;
	int status = 0;
	int r = refuse_unsupported(parsed, err);
	if (r == 0)
		r = fill_opts(global, parsed, &lists, &opts, err);
	if (r == 0)
		r = arca_container_exec(&opts, &status, err);
	if (r == 0)
		return status;
	cli_log_fatal(err && *err ? (*err)->msg : "exec failed");
	return EXEC_FAILED_STATUS;
}

const struct cli_command cmd_exec = {
    .name = "exec",
    .summary = "run a new process inside a container",
    .args = "ID [COMMAND [ARG...]]",
    .description =
        "Runs COMMAND, or the process that --process FILE describes, in the created or\n"
        "running container ID: in its namespaces and cgroup, as the container's config\n"
        "process would run, with the changes the options make. Unless detached, arca\n"
        "waits for it, forwards the signals it receives to it, and exits with its status\n"
        "(128+N when signal N killed it); a failed exec exits with 255.",
    CLI_OPTIONS(exec_options),
    .min_args = 1,
    .max_args = INT_MAX,
    .uses_root = true,
    .runs_container_code = true,
    .run = exec_run,
};
