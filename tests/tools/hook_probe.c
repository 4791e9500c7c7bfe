/* hook_probe: a hook that records how it was run, for the hooks tests.
 *
 * Run with any argv and environment, it writes next to its own executable
 * (/proc/self/exe, so a copy per test case keeps the records apart):
 *     <exe>.argv   its argv, each argument followed by a NUL byte
 *     <exe>.env    its environment, each entry followed by a NUL byte
 *     <exe>.stdin  everything it read on stdin up to EOF
 *     <exe>.fds    the fds it has open, one number a line
 * and exits 0; 1 when anything fails. It takes no options: with no args in
 * the hook its argv is only its path, with no env its environment empty. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static FILE *open_record(const char *exe, const char *suffix)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s.%s", exe, suffix);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static void write_strings(const char *exe, const char *suffix, char **strings)
{
	FILE *f = open_record(exe, suffix);
	for (char **s = strings; *s; s++)
		fwrite(*s, 1, strlen(*s) + 1, f);
	if (fclose(f) != 0)
		exit(1);
}

static void copy_stdin(const char *exe)
{
	FILE *f = open_record(exe, "stdin");
	char buf[4096];
	ssize_t n;
	while ((n = read(0, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, f);
	if (n < 0 || fclose(f) != 0)
		exit(1);
}

/* Listed before any record is opened, so they are all the hook's. */
static void list_fds(const char *exe)
{
	char list[4096] = "";
	size_t len = 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		exit(1);
	int self = dirfd(d);
	struct dirent *e;
	while ((e = readdir(d)) && len < sizeof(list) - 16)
		if (e->d_name[0] != '.' && atoi(e->d_name) != self)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s\n", e->d_name);
	closedir(d);
	FILE *f = open_record(exe, "fds");
	fputs(list, f);
	if (fclose(f) != 0)
		exit(1);
}

int main(int argc, char **argv)
{
	(void)argc;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0) {
		perror("readlink /proc/self/exe");
		return 1;
	}
	exe[n] = '\0';
	list_fds(exe);
	write_strings(exe, "argv", argv);
	write_strings(exe, "env", environ);
	copy_stdin(exe);
	return 0;
}
