/* The public view of a container: struct arca_state, built from a record
 * and its derived status. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "state/internal.h"
#include "state/store.h"

const char *arca_status_name(enum arca_status status)
{
	switch (status) {
	case ARCA_STATUS_CREATING:
		return "creating";
	case ARCA_STATUS_CREATED:
		return "created";
	case ARCA_STATUS_RUNNING:
		return "running";
	case ARCA_STATUS_PAUSED:
		return "paused";
	case ARCA_STATUS_STOPPED:
		return "stopped";
	}
	return "unknown";
}

void arca_state_free(struct arca_state *state)
{
	if (!state)
		return;
	free(state->oci_version);
	free(state->id);
	free(state->bundle);
	free(state->rootfs);
	free(state->created);
	state_map_free(&state->annotations);
	free(state);
}

void arca_state_list_free(struct arca_state_list *list)
{
	for (size_t i = 0; i < list->len; i++)
		arca_state_free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->len = 0;
}

/* A copy of an optional string: NULL stays NULL. */
static int copy_string(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -ENOMEM;
}

int state_public(const struct container_record *rec, enum arca_status status, pid_t pid,
                 struct arca_state **out, struct arca_error **err)
{
	_cleanup_state_ struct arca_state *state = calloc(1, sizeof(*state));
	if (!state)
		return arca_fail(err, ENOMEM, "state of container \"%s\"", rec->id);
	state->status = status;
	state->pid = pid;
	state->owner_uid = rec->owner_uid;
	int r = copy_string(&state->oci_version, ARCA_OCI_VERSION);
	r = r ?: copy_string(&state->id, rec->id);
	r = r ?: copy_string(&state->bundle, rec->bundle);
	r = r ?: copy_string(&state->rootfs, rec->rootfs);
	r = r ?: copy_string(&state->created, rec->created);
	r = r ?: state_map_copy(&state->annotations, &rec->annotations);
	if (r < 0)
		return arca_fail(err, -r, "state of container \"%s\"", rec->id);
	*out = TAKE_PTR(state);
	return 0;
}
