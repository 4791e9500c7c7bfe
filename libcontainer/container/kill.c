#include <errno.h>
#include <signal.h>

#include "arca/container.h"
#include "container/lifecycle.h"

/* --all signals every process of the cgroup and, as containerd expects,
 * succeeds for a container that is already stopped. */
static int kill_container(const struct container *c, int sig, bool all, struct arca_error **err)
{
	if (all && c->status == ARCA_STATUS_STOPPED)
		return 0;
	int r = lifecycle_check(OP_KILL, c->dir->id, c->status, err);
	if (r < 0)
		return r;
	r = all ? container_signal_all(c->rec, sig, err) : container_signal_init(c->rec, sig, err);
	/* v1's freezer holds a SIGKILL back until thawed: thaw, as runc does */
	if (r == 0 && sig == SIGKILL && c->status == ARCA_STATUS_PAUSED)
		r = container_thaw(c->rec, err);
	return r;
}

int arca_container_kill(const char *root, const char *id, int sig, bool all,
                        struct arca_error **err)
{
	struct container c;
	int r = container_open(root, id, true, &c, err);
	if (r == 0) {
		r = kill_container(&c, sig, all, err);
		container_close(&c);
	}
	return r < 0 ? arca_wrap(err, r, "kill container \"%s\"", id) : 0;
}
