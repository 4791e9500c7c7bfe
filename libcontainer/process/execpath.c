#include "process/execpath.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *env_path(const struct arca_strv *env)
{
	for (size_t i = env->len; i > 0; i--)
		if (strncmp(env->items[i - 1], "PATH=", 5) == 0)
			return env->items[i - 1] + 5;
	return EXECPATH_DEFAULT_PATH;
}

static int is_executable(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EACCES;
	return access(path, X_OK) < 0 ? -errno : 0;
}

int execpath_find(const char *name, const struct arca_strv *env, char **out,
                  struct arca_error **err)
{
	if (!name[0])
		return arca_fail_msg(err, ENOENT, "process.args[0]: empty");
	if (strchr(name, '/')) {
		int r = is_executable(name);
		if (r < 0)
			return arca_fail_msg(err, -r, "exec: \"%s\": %s", name, strerror(-r));
		*out = strdup(name);
		return *out ? 0 : arca_fail(err, ENOMEM, "process.args[0]");
	}
	const char *path = env_path(env);
	int first_error = -ENOENT;
	for (const char *dir = path;; dir++) {
		size_t n = strcspn(dir, ":");
		char *candidate = NULL;
		if (asprintf(&candidate, "%.*s/%s", (int)n, n ? dir : ".", name) < 0)
			return arca_fail(err, ENOMEM, "process.args[0]");
		int r = is_executable(candidate);
		if (r == 0) {
			*out = candidate;
			return 0;
		}
		free(candidate);
		if (r == -EACCES && first_error == -ENOENT)
			first_error = r;
		dir += n;
		if (!*dir)
			break;
	}
	if (first_error == -EACCES)
		return arca_fail_msg(err, EACCES, "exec: \"%s\": permission denied", name);
	return arca_fail_msg(err, ENOENT, "exec: \"%s\": executable file not found in $PATH", name);
}
