/* `start`, shared by `run`. */
#ifndef ARCA_CONTAINER_START_H
#define ARCA_CONTAINER_START_H

#include "arca/error.h"
#include "container/lifecycle.h"

/* Starts an opened, locked container (the status is checked here). */
int start_container(struct container *c, struct arca_error **err);

#endif
