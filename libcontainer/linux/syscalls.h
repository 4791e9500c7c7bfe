/* System calls glibc 2.36 does not wrap. */
#ifndef ARCA_LINUX_SYSCALLS_H
#define ARCA_LINUX_SYSCALLS_H

#include <linux/openat2.h>
#include <linux/sched.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline int sys_openat2(int dirfd, const char *path, struct open_how *how)
{
	return (int)syscall(SYS_openat2, dirfd, path, how, sizeof(*how));
}

/* Like fork(): with a zero stack the child continues here, returning 0. */
static inline long sys_clone3(struct clone_args *args)
{
	return syscall(SYS_clone3, args, sizeof(*args));
}

static inline int sys_pivot_root(const char *new_root, const char *put_old)
{
	return (int)syscall(SYS_pivot_root, new_root, put_old);
}

#endif
