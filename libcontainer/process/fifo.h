/* exec.fifo, the runtime's side: what `start` does to let a created init
 * exec its program exactly once (OP-11, OP-12). */
#ifndef ARCA_PROCESS_FIFO_H
#define ARCA_PROCESS_FIFO_H

#include "arca/error.h"

/* Opens dirfd/exec.fifo for reading, which releases the init blocked on
 * it, and unlinks it, so the container is no longer "created" and no second
 * start can run. Then waits until the init has exec'd its program (its end
 * of the fifo closes on exec) and returns 0, or returns the error the init
 * wrote there when exec failed, or reports an init that died first
 * (init_pidfd becomes readable). */
int fifo_release(int dirfd, int init_pidfd, struct arca_error **err);

#endif
