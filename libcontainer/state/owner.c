/* The owner's name as `runc list` prints it: looked up in /etc/passwd
 * directly (as runc does, and without NSS, which a static binary lacks). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "state/internal.h"

#define PASSWD_FILE "/etc/passwd"

/* The name of a "name:password:uid:..." line when its uid is the one asked
 * for (the line is cut in place). */
static const char *line_name_for(char *line, uid_t uid)
{
	char *name_end = strchr(line, ':');
	if (!name_end)
		return NULL;
	*name_end = '\0';
	char *uid_field = strchr(name_end + 1, ':');
	if (!uid_field)
		return NULL;
	uid_field++;
	char *end;
	errno = 0;
	unsigned long value = strtoul(uid_field, &end, 10);
	if (errno || end == uid_field || *end != ':' || value != uid)
		return NULL;
	return line;
}

static int passwd_name(uid_t uid, char **out)
{
	_cleanup_fclose_ FILE *passwd = fopen(PASSWD_FILE, "re");
	_cleanup_free_ char *line = NULL;
	size_t size = 0;

	if (!passwd)
		return -errno;
	while (getline(&line, &size, passwd) >= 0) {
		const char *name = line_name_for(line, uid);
		if (name) {
			*out = strdup(name);
			return *out ? 0 : -ENOMEM;
		}
	}
	return -ENOENT;
}

int state_owner_name(uid_t uid, char **out)
{
	int r = passwd_name(uid, out);
	if (r == 0 || r == -ENOMEM)
		return r;
	if (asprintf(out, "#%u", (unsigned)uid) < 0) {
		*out = NULL;
		return -ENOMEM;
	}
	return 0;
}
