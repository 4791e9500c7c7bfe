/* Errors that carry their context up the call chain.
 *
 * Every fallible libcontainer function returns 0 (or a non-negative value) on
 * success and a negative errno on failure, and fills *err with a message.
 * Callers that add context wrap the message: arca_wrap(err, r, "create %s", id)
 * turns "mount proc on /proc: Operation not permitted" into
 * "create foo: mount proc on /proc: Operation not permitted".
 * Only src/ prints errors. */
#ifndef ARCA_ERROR_H
#define ARCA_ERROR_H

#include <stdarg.h>

struct arca_error {
	int code;  /* positive errno that caused the failure */
	char *msg; /* the whole chain, outermost context first */
};

/* Sets *err to "<fmt>: <strerror(code)>" and returns -code. A code of 0 is
 * stored as EINVAL and adds no strerror text. When *err is already set, the
 * first error wins and this only returns. err may be NULL. */
__attribute__((format(printf, 3, 4))) int arca_fail(struct arca_error **err, int code,
                                                    const char *fmt, ...);

/* Like arca_fail, without the strerror text: for validation errors whose
 * message already says everything ("root.path: must not be empty"). */
__attribute__((format(printf, 3, 4))) int arca_fail_msg(struct arca_error **err, int code,
                                                        const char *fmt, ...);

__attribute__((format(printf, 3, 0))) int arca_vfail_msg(struct arca_error **err, int code,
                                                         const char *fmt, va_list ap);

/* Prefixes "<fmt>: " to the message in *err and returns ret unchanged. */
__attribute__((format(printf, 3, 4))) int arca_wrap(struct arca_error **err, int ret,
                                                    const char *fmt, ...);

void arca_error_free(struct arca_error *err);

static inline void arca_error_freep(struct arca_error **err)
{
	arca_error_free(*err);
	*err = (void *)0;
}

#define _cleanup_error_ __attribute__((cleanup(arca_error_freep)))

#endif
