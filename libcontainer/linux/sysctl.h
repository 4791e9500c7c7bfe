/* linux.sysctl (SYSCTL-01, SYSCTL-02): kernel parameters of the container's
 * own namespaces.
 *
 * Only keys that belong to a namespace are accepted, and only when the
 * container has that namespace to itself: a new one, or one joined by path
 * that is not the runtime's own (runc's rule for net.*, applied to every
 * kind). ipc: kernel.msgmax, kernel.msgmnb, kernel.msgmni, kernel.sem,
 * kernel.shmall, kernel.shmmax, kernel.shmmni, kernel.shm_rmid_forced,
 * fs.mqueue.*; network: net.*; uts: kernel.domainname; user: user.* (as runc).
 * kernel.hostname is refused, as runc and crun do: the hostname field says
 * it. Every other key would change the host and is refused. */
#ifndef ARCA_LINUX_SYSCTL_H
#define ARCA_LINUX_SYSCTL_H

#include "arca/error.h"
#include "arca/spec.h"
#include "linux/namespaces.h"

/* In the runtime, before anything is made: every key is well formed (dot
 * separated, no empty component, no "/") and allowed by the namespaces of
 * ns (opened with ns_plan_open). */
int sysctl_validate(const struct arca_map *sysctl, const struct ns_plan *ns,
                    struct arca_error **err);

/* In the init, once it is in all its namespaces and still root there:
 * writes each value to sys/<key, dots as slashes> below procfd, which must
 * be a procfs root. The runtime's procfs is right: net, ipc, uts and user
 * sysctls act on the namespaces of the process that writes them. */
int sysctl_apply(int procfd, const struct arca_map *sysctl, struct arca_error **err);

#endif
