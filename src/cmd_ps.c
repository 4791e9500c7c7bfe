/* `arca ps [--format table|json] ID [PS_ARGS...]`, as runc's: json prints
 * the pids of the container's cgroup as a JSON array (docker top reads it);
 * table runs ps (default -ef) on the host and prints its header and the
 * lines whose PID column is one of them. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/container.h"
#include "cli.h"

extern char **environ;

enum {
	PS_FORMAT,
};

static const struct cli_option ps_options[] = {
    [PS_FORMAT] = {"format", 'f', "FORMAT", "table (default) or json"},
};

static void print_json(const pid_t *pids, size_t n)
{
	putchar('[');
	for (size_t i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", (int)pids[i]);
	puts("]");
}

static int read_all(int fd, char **out, struct arca_error **err)
{
	size_t cap = 4096, len = 0;
	_cleanup_free_ char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			return arca_fail(err, ENOMEM, "read the output of ps");
		if (len + 1 == cap) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger)
				return arca_fail(err, ENOMEM, "read the output of ps");
			buf = bigger;
			cap *= 2;
		}
		ssize_t n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return arca_fail(err, errno, "read the output of ps");
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*out = TAKE_PTR(buf);
	return 0;
}

/* Waits for ps and judges its exit status. */
static int reap_ps(pid_t pid, struct arca_error **err)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return arca_fail(err, errno, "wait for ps");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return arca_fail_msg(err, EIO, "ps exited with status %d", WEXITSTATUS(status));
	return arca_fail_msg(err, EIO, "ps was killed by signal %d", WTERMSIG(status));
}

/* Runs ps ARGS... (from $PATH) with its stdout captured in *out. */
static int run_ps(char **argv, char **out, struct arca_error **err)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return arca_fail(err, errno, "pipe for ps");
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], STDOUT_FILENO);
	pid_t pid;
	int r = posix_spawnp(&pid, "ps", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (r != 0) {
		close(p[0]);
		return arca_fail(err, r, "run ps");
	}
	r = read_all(p[0], out, err);
	close(p[0]);
	int w = reap_ps(pid, r < 0 ? NULL : err);
	return r < 0 ? r : w;
}

/* The index of the field named PID in ps's header line, or -1. */
static int pid_column(const char *header)
{
	_cleanup_free_ char *copy = strdup(header);
	char *save = NULL;
	int i = 0;
	for (char *f = copy ? strtok_r(copy, " \t", &save) : NULL; f;
	     f = strtok_r(NULL, " \t", &save), i++)
		if (strcmp(f, "PID") == 0)
			return i;
	return -1;
}

/* The pid in field col of line; -1 when the field is missing or no number. */
static long line_pid(const char *line, int col)
{
	const char *s = line;
	for (int i = 0;; i++) {
		s += strspn(s, " \t");
		if (!*s)
			return -1;
		if (i == col)
			break;
		s += strcspn(s, " \t");
	}
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || (*end && *end != ' ' && *end != '\t'))
		return -1;
	return v;
}

static bool has_pid(const pid_t *pids, size_t n, long pid)
{
	for (size_t i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

/* Prints the header and the lines of the container's pids, as runc does. */
static int print_table(char *text, const pid_t *pids, size_t n, struct arca_error **err)
{
	char *save = NULL;
	char *header = strtok_r(text, "\n", &save);
	int col = header ? pid_column(header) : -1;
	if (col < 0)
		return arca_fail_msg(err, EINVAL, "couldn't find PID field in ps output");
	puts(header);
	for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		long pid = line_pid(line, col);
		if (pid < 0)
			return arca_fail_msg(err, EINVAL, "unable to parse pid from ps line \"%s\"",
			                     line);
		if (has_pid(pids, n, pid))
			puts(line);
	}
	return 0;
}

static int ps_table(const struct cli_parsed *parsed, const pid_t *pids, size_t n,
                    struct arca_error **err)
{
	char *def[] = {"ps", "-ef", NULL};
	_cleanup_free_ char **argv = NULL;
	if (parsed->nargs > 1) {
		argv = calloc((size_t)parsed->nargs + 1, sizeof(*argv));
		if (!argv)
			return arca_fail(err, ENOMEM, "ps arguments");
		argv[0] = def[0];
		for (int i = 1; i < parsed->nargs; i++)
			argv[i] = parsed->args[i];
	}
	_cleanup_free_ char *text = NULL;
	int r = run_ps(argv ? argv : def, &text, err);
	return r < 0 ? r : print_table(text, pids, n, err);
}

static int ps_run(const struct cli_global *global, const struct cli_parsed *parsed,
                  struct arca_error **err)
{
	const char *format = parsed->values[PS_FORMAT] ? parsed->values[PS_FORMAT] : "table";
	bool json = strcmp(format, "json") == 0;
	if (!json && strcmp(format, "table") != 0)
		return arca_fail_msg(err, EINVAL, "invalid format option \"%s\" (table or json)",
		                     format);
	_cleanup_free_ pid_t *pids = NULL;
	size_t n = 0;
	int r = arca_container_pids(global->root, parsed->args[0], &pids, &n, err);
	if (r < 0)
		return r;
	if (json) {
		print_json(pids, n);
		return 0;
	}
	return ps_table(parsed, pids, n, err);
}

const struct cli_command cmd_ps = {
    .name = "ps",
    .summary = "list the processes running inside a container",
    .args = "ID [PS_ARGS...]",
    .description =
        "Lists the processes of the container ID's cgroup. The table format runs\n"
        "ps(1) on the host with PS_ARGS (default: -ef) and prints its header and the\n"
        "lines whose PID is in the container; json prints the host pids as a JSON array\n"
        "(PS_ARGS are then ignored).",
    CLI_OPTIONS(ps_options),
    .min_args = 1,
    .max_args = INT_MAX,
    .uses_root = true,
    .run = ps_run,
};
