#include "process/seccomp_point.h"

#include <unistd.h>

#include "process/sync.h"

enum seccomp_point seccomp_point_of(const struct seccomp_program *program,
                                    const struct spec_process *process)
{
	if (!program || !process)
		return SECCOMP_NONE;
	if (seccomp_needs_privilege(process))
		return SECCOMP_BEFORE_FINALIZE;
	return program->notify ? SECCOMP_BEFORE_READY : SECCOMP_BEFORE_EXEC;
}

int seccomp_load_and_report(const struct seccomp_program *program, int sync_fd,
                            struct arca_error **err)
{
	int listener = -1;
	int r = seccomp_program_load(program, &listener, err);
	if (r < 0 || listener < 0)
		return r;
	r = sync_send_fd(sync_fd, SYNC_SECCOMP, listener);
	close(listener);
	return r < 0 ? arca_fail(err, -r, "send the seccomp listener fd") : 0;
}
