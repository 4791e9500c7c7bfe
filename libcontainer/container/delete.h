/* `delete`, shared by `run`. */
#ifndef ARCA_CONTAINER_DELETE_H
#define ARCA_CONTAINER_DELETE_H

#include <stdbool.h>

#include "container/lifecycle.h"

/* Deletes an opened, locked container; c->dir is gone afterwards. */
int delete_container(struct container *c, bool force, struct arca_error **err);

#endif
