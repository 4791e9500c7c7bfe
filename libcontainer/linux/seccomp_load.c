/* Loading a built filter into the calling thread (see seccomp_filter.h). */
#include <errno.h>
#include <linux/seccomp.h>
#include <strings.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux/seccomp_filter.h"

int seccomp_program_load(const struct seccomp_program *program, int *listener_fd,
                         struct arca_error **err)
{
	struct sock_fprog prog = {.len = program->len, .filter = program->insns};
	long r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, program->flags, &prog);
	if (r < 0 && errno == EACCES)
		return arca_fail(err, EACCES,
		                 "linux.seccomp: load the filter (without no_new_privs it needs "
		                 "CAP_SYS_ADMIN)");
	if (r < 0)
		return arca_fail(err, errno, "linux.seccomp: load the filter");
	if (listener_fd)
		*listener_fd = program->notify ? (int)r : -1;
	return 0;
}

bool seccomp_needs_privilege(const struct spec_process *process)
{
	if (process->no_new_privileges)
		return false;
	/* without a capabilities object the user's own: all of them for root */
	if (!process->capabilities)
		return process->user.uid != 0;
	const struct arca_strv *effective = &process->capabilities->effective;
	for (size_t i = 0; i < effective->len; i++)
		if (strcasecmp(effective->items[i], "CAP_SYS_ADMIN") == 0)
			return false;
	return true;
}
