/* process.user (PROC-06..08): the ids and umask the program runs with. */
#ifndef ARCA_LINUX_USER_H
#define ARCA_LINUX_USER_H

#include <stdbool.h>

#include "arca/error.h"
#include "arca/spec.h"

/* After a new user namespace is mapped: become its root (when 0 is mapped)
 * so that what the init makes is owned by the container's root. */
int user_become_ns_root(struct arca_error **err);

/* setgroups (unless a user namespace denies it), setresgid, setresuid. */
int user_switch(const struct spec_user *user, bool setgroups_allowed, struct arca_error **err);

#endif
