/* linux.resources.memory (CGMEM-01..06), as runc sets it. 0 means unset,
 * -1 unlimited. v1: memory.limit_in_bytes, memory.memsw.limit_in_bytes
 * (memory + swap; -1 with an unlimited memory when the kernel accounts swap),
 * soft_limit_in_bytes, swappiness, oom_control, use_hierarchy. v2:
 * memory.max, memory.low and memory.swap.max = swap - limit; swappiness and
 * disableOOMKiller have no v2 file and are refused there. kernel and
 * kernelTCP are ignored (deprecated; runc ignores them); checkBeforeUpdate
 * only matters for update. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "arca/log.h"
#include "cgroups/resources.h"

#define F(member) "linux.resources.memory." member

static int write_opt(const char *dir, const char *file, int64_t value, const char *field,
                     struct arca_error **err)
{
	return value ? res_write_i64(dir, file, value, field, err) : 0;
}

static bool file_exists(const char *dir, const char *file)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return access(path, F_OK) == 0;
}

static int limits_v1(const char *dir, const struct spec_memory *m, struct arca_error **err)
{
	int64_t limit = m->limit.set ? m->limit.value : 0;
	int64_t swap = m->swap.set ? m->swap.value : 0;
	if (limit == -1 && swap == 0 && file_exists(dir, "memory.memsw.limit_in_bytes"))
		swap = -1;
	int r;
	if (limit && swap == -1) { /* raise memsw first, as runc */
		r = write_opt(dir, "memory.memsw.limit_in_bytes", swap, F("swap"), err);
		return r < 0 ? r : write_opt(dir, "memory.limit_in_bytes", limit, F("limit"), err);
	}
	r = write_opt(dir, "memory.limit_in_bytes", limit, F("limit"), err);
	return r < 0 ? r : write_opt(dir, "memory.memsw.limit_in_bytes", swap, F("swap"), err);
}

static int apply_v1(const char *dir, const struct spec_memory *m, struct arca_error **err)
{
	int r = limits_v1(dir, m, err);
	if (r >= 0 && m->reservation.set)
		r = write_opt(dir, "memory.soft_limit_in_bytes", m->reservation.value,
		              F("reservation"), err);
	if (r >= 0 && m->disable_oom_killer.set && m->disable_oom_killer.value)
		r = res_write(dir, "memory.oom_control", "1", F("disableOOMKiller"), err);
	if (r >= 0 && m->swappiness.set) {
		if (m->swappiness.value > 100)
			return arca_fail_msg(err, EINVAL, "%s: %llu is not in 0-100",
			                     F("swappiness"),
			                     (unsigned long long)m->swappiness.value);
		r = res_write_i64(dir, "memory.swappiness", (int64_t)m->swappiness.value,
		                  F("swappiness"), err);
	}
	if (r >= 0 && m->use_hierarchy.set)
		r = res_write(dir, "memory.use_hierarchy", m->use_hierarchy.value ? "1" : "0",
		              F("useHierarchy"), err);
	return r;
}

/* runc's ConvertMemorySwapToCgroupV2Value; 0 = leave unset. */
static int swap_v2(int64_t swap, int64_t limit, int64_t *out, struct arca_error **err)
{
	*out = swap;
	if (limit == -1 && swap == 0)
		*out = -1;
	if (swap == -1 || swap == 0)
		return 0;
	if (limit == 0 || limit == -1)
		return arca_fail_msg(err, EINVAL, "%s: a swap limit needs a memory limit",
		                     F("swap"));
	if (limit < 0 || swap < limit)
		return arca_fail_msg(err, EINVAL, "%s: %lld is below the memory limit %lld",
		                     F("swap"), (long long)swap, (long long)limit);
	*out = swap - limit;
	return 0;
}

static int write_v2(const char *dir, const char *file, int64_t value, bool zero, const char *field,
                    struct arca_error **err)
{
	if (value == -1)
		return res_write(dir, file, "max", field, err);
	return value || zero ? res_write_i64(dir, file, value, field, err) : 0;
}

static int swap_max(const char *dir, int64_t swap, bool disable, struct arca_error **err)
{
	struct arca_error *failed = NULL;
	int r = write_v2(dir, "memory.swap.max", swap, disable, F("swap"), &failed);
	/* without swap accounting, unlimited and none are what the host has */
	if (r == -ENOENT && (swap == -1 || swap == 0)) {
		arca_error_free(failed);
		return 0;
	}
	if (r < 0)
		*err = failed;
	return r;
}

static int refuse_v2(const struct spec_memory *m, struct arca_error **err)
{
	if (m->swappiness.set)
		return arca_fail_msg(err, EOPNOTSUPP, "%s: cgroup v2 has no swappiness",
		                     F("swappiness"));
	if (m->disable_oom_killer.set && m->disable_oom_killer.value)
		return arca_fail_msg(err, EOPNOTSUPP, "%s: cgroup v2 cannot disable the OOM killer",
		                     F("disableOOMKiller"));
	if (m->use_hierarchy.set && !m->use_hierarchy.value)
		return arca_fail_msg(err, EOPNOTSUPP, "%s: cgroup v2 is always hierarchical",
		                     F("useHierarchy"));
	return 0;
}

static int apply_v2(const char *dir, const struct spec_memory *m, struct arca_error **err)
{
	int r = refuse_v2(m, err);
	int64_t limit = m->limit.set ? m->limit.value : 0, swap = 0;
	if (r >= 0)
		r = swap_v2(m->swap.set ? m->swap.value : 0, limit, &swap, err);
	if (r >= 0 && (swap || (m->swap.set && m->swap.value > 0)))
		r = swap_max(dir, swap, true, err);
	if (r >= 0)
		r = write_v2(dir, "memory.max", limit, false, F("limit"), err);
	if (r >= 0)
		r = write_v2(dir, "memory.low", m->reservation.set ? m->reservation.value : 0,
		             false, F("reservation"), err);
	return r;
}

static bool any_set(const struct spec_memory *m)
{
	return m->limit.set || m->reservation.set || m->swap.set || m->swappiness.set ||
	       m->disable_oom_killer.set || m->use_hierarchy.set;
}

int res_apply_memory(const struct cgroup *cg, const struct spec_memory *m, struct arca_error **err)
{
	if (m->kernel.set || m->kernel_tcp.set)
		arca_warn("linux.resources.memory: kernel and kernelTCP are ignored (deprecated)");
	if (!any_set(m))
		return 0;
	struct res_dir d;
	int r = res_find(cg, "memory", "linux.resources.memory", &d, err);
	if (r < 0)
		return r;
	return d.v2 ? apply_v2(d.dir, m, err) : apply_v1(d.dir, m, err);
}
