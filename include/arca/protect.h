/* Protection of the arca binary on the host (CVE-2019-5736).
 *
 * A container whose program is a script starting "#!/proc/self/exe" makes
 * the kernel run the runtime's own binary as that program, inside the
 * container; a second container process can then take a handle to it
 * through /proc/PID/exe and, once it is not running any more, reopen it for
 * writing and replace the host's arca. The commands that exec a container
 * program (create, run, exec) therefore run from a copy that cannot be
 * written: a sealed memfd, made and executed once per invocation. A binary
 * that is already on a read-only mount, or already a sealed memfd, is
 * safe as it is and costs nothing. */
#ifndef ARCA_PROTECT_H
#define ARCA_PROTECT_H

#include "arca/error.h"

/* Returns 0 when arca already runs from something that cannot be written;
 * otherwise re-executes arca (argv, the current environment) from a sealed
 * memfd copy of itself and does not return, or returns an error. */
int arca_protect_binary(char *const argv[], struct arca_error **err);

#endif
