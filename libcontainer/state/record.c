/* The in-memory record of a container (what state.json holds). */
#include <stdlib.h>

#include "state/internal.h"
#include "state/store.h"

void container_record_free(struct container_record *rec)
{
	if (!rec)
		return;
	free(rec->id);
	free(rec->bundle);
	free(rec->rootfs);
	free(rec->created);
	state_map_free(&rec->annotations);
	free(rec->cgroup);
	free(rec);
}
