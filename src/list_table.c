#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "arca/table.h"
#include "list_table.h"

enum {
	COLUMN_ID,
	COLUMN_PID,
	COLUMN_STATUS,
	COLUMN_BUNDLE,
	COLUMN_CREATED,
	COLUMN_OWNER,
	COLUMN_COUNT,
};

static const char *const header[COLUMN_COUNT] = {"ID",     "PID",     "STATUS",
                                                 "BUNDLE", "CREATED", "OWNER"};

/* Strings a row owns: pid, created, owner. */
#define OWNED_PER_ROW 3

#define PASSWD_BUFFER_SIZE 16384

static char *owner_name(uid_t uid)
{
	_cleanup_free_ char *buffer = malloc(PASSWD_BUFFER_SIZE);
	struct passwd entry, *found = NULL;
	if (buffer && getpwuid_r(uid, &entry, buffer, PASSWD_BUFFER_SIZE, &found) == 0 && found)
		return strdup(found->pw_name);
	char *name = NULL;
	if (asprintf(&name, "#%u", (unsigned)uid) < 0)
		return NULL;
	return name;
}

/* "2025-01-02T03:04:05.120000000Z" -> "2025-01-02T03:04:05.12Z", as Go's
 * time.RFC3339Nano prints it ("...05Z" when the fraction is all zeros). */
static char *go_rfc3339_nano(const char *timestamp)
{
	char *text = strdup(timestamp ? timestamp : "");
	char *dot = text ? strchr(text, '.') : NULL;
	if (!dot)
		return text;
	char *digits_end = dot + 1 + strspn(dot + 1, "0123456789");
	char *keep_end = digits_end;
	while (keep_end > dot + 1 && keep_end[-1] == '0')
		keep_end--;
	if (keep_end == dot + 1)
		keep_end = dot;
	memmove(keep_end, digits_end, strlen(digits_end) + 1);
	return text;
}

static char *pid_text(pid_t pid)
{
	char *text = NULL;
	if (asprintf(&text, "%ld", (long)pid) < 0)
		return NULL;
	return text;
}

/* Fills one row of cells; the strings made for it are appended to owned. */
static int fill_row(const char **row, char **owned, const struct arca_state *state,
                    struct arca_error **err)
{
	owned[0] = pid_text(state->pid);
	owned[1] = owned[0] ? go_rfc3339_nano(state->created) : NULL;
	owned[2] = owned[1] ? owner_name(state->owner_uid) : NULL;
	if (!owned[2])
		return arca_fail(err, ENOMEM, "list: row of %s", state->id);
	row[COLUMN_ID] = state->id ? state->id : "";
	row[COLUMN_PID] = owned[0];
	row[COLUMN_STATUS] = arca_status_name(state->status);
	row[COLUMN_BUNDLE] = state->bundle ? state->bundle : "";
	row[COLUMN_CREATED] = owned[1];
	row[COLUMN_OWNER] = owned[2];
	return 0;
}

int list_print_table(FILE *out, const struct arca_state_list *list, struct arca_error **err)
{
	size_t rows = list->len + 1;
	_cleanup_free_ const char **cells = calloc(rows * COLUMN_COUNT, sizeof(*cells));
	_cleanup_strv_ char **owned = calloc(list->len * OWNED_PER_ROW + 1, sizeof(*owned));
	if (!cells || !owned)
		return arca_fail(err, ENOMEM, "list: table");
	memcpy(cells, header, sizeof(header));
	for (size_t i = 0; i < list->len; i++) {
		int r = fill_row(cells + (i + 1) * COLUMN_COUNT, owned + i * OWNED_PER_ROW,
		                 list->items[i], err);
		if (r < 0)
			return r;
	}
	_cleanup_free_ char *text = NULL;
	int r = arca_table_format(cells, rows, COLUMN_COUNT, &text, err);
	if (r < 0)
		return r;
	fputs(text, out);
	return 0;
}
