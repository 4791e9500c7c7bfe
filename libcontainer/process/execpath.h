/* args[0] looked up like execvp's file (PROC-05), inside the container. */
#ifndef ARCA_PROCESS_EXECPATH_H
#define ARCA_PROCESS_EXECPATH_H

#include "arca/error.h"
#include "arca/spec.h"

/* The PATH used when process.env has none. */
#define EXECPATH_DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* A name with a '/' is used as it is; otherwise each directory of the PATH
 * found in env is tried in order for an executable regular file. */
int execpath_find(const char *name, const struct arca_strv *env, char **out,
                  struct arca_error **err);

#endif
