/* Small file and fd helpers. */
#ifndef ARCA_UTIL_IO_H
#define ARCA_UTIL_IO_H

#include <stddef.h>
#include <sys/types.h>

#include "arca/error.h"

/* write(2) until everything is written; -errno on failure. */
int write_all(int fd, const void *buf, size_t len);

/* Writes data to dirfd/name (created or truncated, O_CLOEXEC|O_NOFOLLOW). */
int write_file_at(int dirfd, const char *name, const char *data, size_t len, mode_t mode,
                  struct arca_error **err);

/* Writes data to path through a temporary file in the same directory and a
 * rename, so a reader sees the old content or the new, never a part. */
int write_file_atomic(const char *path, const char *data, size_t len, mode_t mode,
                      struct arca_error **err);

#endif
