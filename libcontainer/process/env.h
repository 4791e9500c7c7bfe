/* The program's environment (PROC-04), prepared as runc prepares it:
 * process.env with each key kept once (its last value), and HOME added when
 * it is missing or empty, from the container's /etc/passwd entry of the
 * user ("/" without one). Nothing else is added: the environment is the
 * config's. */
#ifndef ARCA_PROCESS_ENV_H
#define ARCA_PROCESS_ENV_H

#include <stdio.h>
#include <sys/types.h>

#include "arca/error.h"
#include "arca/spec.h"

/* passwd: the container's /etc/passwd, opened (or NULL without one);
 * extra: entries appended after the config's (LISTEN_FDS), or NULL.
 * *out is a NULL-terminated copy, freed with arca_strv_free. */
int env_prepare(const struct arca_strv *env, const struct arca_strv *extra, uid_t uid, FILE *passwd,
                char ***out, struct arca_error **err);

/* The home directory of uid in a passwd file, or NULL. */
char *env_passwd_home(FILE *passwd, uid_t uid);

#endif
