/* Scope-owned resources: every fd, allocation and mount has one owner, and
 * these attributes release it on every path out of that owner's scope.
 * TAKE_PTR / TAKE_FD hand ownership on to someone else. */
#ifndef ARCA_CLEANUP_H
#define ARCA_CLEANUP_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void arca_freep(void *p)
{
	free(*(void **)p);
}

static inline void arca_closep(const int *fd)
{
	if (*fd >= 0) {
		int saved = errno;
		close(*fd);
		errno = saved;
	}
}

static inline void arca_fclosep(FILE **f)
{
	if (*f) {
		int saved = errno;
		fclose(*f);
		errno = saved;
	}
}

/* Frees a NULL-terminated array of strings and the strings in it. */
static inline void arca_strv_free(char **strv)
{
	if (!strv)
		return;
	for (char **s = strv; *s; s++)
		free(*s);
	free(strv);
}

static inline void arca_strv_freep(char ***strv)
{
	arca_strv_free(*strv);
}

#define _cleanup_free_   _cleanup_(arca_freep)
#define _cleanup_close_  _cleanup_(arca_closep)
#define _cleanup_fclose_ _cleanup_(arca_fclosep)
#define _cleanup_strv_   _cleanup_(arca_strv_freep)

#define TAKE_PTR(p)                                                                                \
	({                                                                                         \
		__typeof__(p) taken_ = (p);                                                        \
		(p) = NULL;                                                                        \
		taken_;                                                                            \
	})

#define TAKE_FD(fd)                                                                                \
	({                                                                                         \
		int taken_fd_ = (fd);                                                              \
		(fd) = -1;                                                                         \
		taken_fd_;                                                                         \
	})

#endif
