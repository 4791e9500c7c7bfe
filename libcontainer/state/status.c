/* The status of a container, derived from its record and the live system
 * each time it is asked for (LIFE-08), never stored. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "arca/cleanup.h"
#include "cgroups/cgroups.h"
#include "cgroups/freezer.h"
#include "state/store.h"

/* The recorded init still runs: its pid exists, is neither a zombie nor
 * dead, and started when the recorded one did (so the pid was not reused). */
static int init_alive(const struct container_record *rec, bool *alive, struct arca_error **err)
{
	uint64_t start_time;
	char state;

	*alive = false;
	if (rec->init_pid <= 0)
		return 0;
	int r = proc_stat_read(rec->init_pid, &start_time, &state);
	if (r == -ESRCH)
		return 0;
	if (r < 0)
		return arca_fail(err, -r, "read /proc/%d/stat", (int)rec->init_pid);
	*alive = state != 'Z' && state != 'X' && start_time == rec->init_start_time;
	return 0;
}

/* exec.fifo exists until start has opened it. */
static int fifo_present(const struct state_dir *dir, bool *present, struct arca_error **err)
{
	struct stat st;

	*present = false;
	if (fstatat(dir->fd, STATE_FIFO_FILE, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		*present = true;
		return 0;
	}
	if (errno == ENOENT)
		return 0;
	return arca_fail(err, errno, "stat %s/%s", dir->path, STATE_FIFO_FILE);
}

/* The container's cgroup is frozen: it is paused (runc judges it so). */
static int cgroup_frozen(const struct container_record *rec, bool *frozen, struct arca_error **err)
{
	*frozen = false;
	if (!rec->cgroup)
		return 0;
	_cleanup_cgroup_ struct cgroup *cg = NULL;
	int r = cgroup_from_json(rec->cgroup, &cg, err);
	return r < 0 ? r : cgroup_is_frozen(cg, frozen, err);
}

int state_derive_status(const struct state_dir *dir, const struct container_record *rec,
                        enum arca_status *status, pid_t *pid, struct arca_error **err)
{
	bool alive, created = false, frozen;

	int r = init_alive(rec, &alive, err);
	if (r < 0)
		return r;
	*pid = alive ? rec->init_pid : 0;
	if (rec->creating) {
		*status = ARCA_STATUS_CREATING;
		return 0;
	}
	if (!alive) {
		*status = ARCA_STATUS_STOPPED;
		return 0;
	}
	r = cgroup_frozen(rec, &frozen, err);
	if (r == 0 && !frozen)
		r = fifo_present(dir, &created, err);
	if (r < 0)
		return r;
	*status = frozen ? ARCA_STATUS_PAUSED : created ? ARCA_STATUS_CREATED : ARCA_STATUS_RUNNING;
	return 0;
}
