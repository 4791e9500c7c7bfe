/* linux.resources.cpu (CGCPU-01..06), as runc sets it. 0 means unset for
 * shares, quota, period and the realtime pair; burst and idle are written
 * whenever given. v1: cpu.shares (read back: the kernel clamps it),
 * cpu.cfs_period_us, cpu.cfs_burst_us, cpu.cfs_quota_us (a period or burst
 * the kernel refuses before the quota is written is retried after it),
 * cpu.idle, cpu.rt_period_us / rt_runtime_us (the same retry). v2:
 * cpu.weight from shares, cpu.idle, cpu.max.burst, cpu.max "quota period"
 * (quota 0 or negative is "max"); v2 has no realtime group scheduling, so
 * the realtime pair is refused there. cpus and mems go to cpuset.cpus and
 * cpuset.mems on both. A burst knob the kernel lacks is skipped, as runc. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "arca/log.h"
#include "cgroups/internal.h"
#include "cgroups/resources.h"

#define F(member) "linux.resources.cpu." member

uint64_t res_cpu_weight(uint64_t shares)
{
	if (shares < 2)
		return 0;
	return 1 + ((shares - 2) * 9999) / 262142;
}

enum {
	RETRY_EINVAL = 1,
	SKIP_ENOENT = 2
};

/* Writes; with RETRY_EINVAL a refusal is remembered in *pending, to be
 * written again after the quota; with SKIP_ENOENT a missing file is skipped. */
static int try_write(const char *dir, const char *file, const char *value, const char *field,
                     int how, bool *pending, struct arca_error **err)
{
	struct arca_error *failed = NULL;
	int r = res_write(dir, file, value, field, &failed);
	*pending = false;
	if (r >= 0)
		return 0;
	if (r == -ENOENT && (how & SKIP_ENOENT)) {
		arca_warn("%s: the kernel has no %s; skipped", field, file);
		arca_error_free(failed);
		return 0;
	}
	if (r == -EINVAL && (how & RETRY_EINVAL)) {
		arca_error_free(failed);
		*pending = true;
		return 0;
	}
	*err = failed;
	return r;
}

static int shares_v1(const char *dir, uint64_t shares, struct arca_error **err)
{
	int r = res_write_u64(dir, "cpu.shares", shares, F("shares"), err);
	char buf[32];
	if (r >= 0)
		r = cgroup_read_file(-1, dir, "cpu.shares", buf, sizeof(buf), err);
	if (r < 0)
		return r;
	unsigned long long got = strtoull(buf, NULL, 10);
	if (got != shares)
		return arca_fail_msg(err, EINVAL, "%s: the %s allowed cpu-shares is %llu",
		                     F("shares"), got < shares ? "maximum" : "minimum", got);
	return 0;
}

/* cfs_period_us/cfs_burst_us first, retried after cfs_quota_us on EINVAL */
static int cfs_v1(const char *dir, const struct spec_cpu *c, struct arca_error **err)
{
	bool quota = c->quota.set && c->quota.value, p_pend = false, b_pend = false;
	char period[32], burst[32];
	snprintf(period, sizeof(period), "%" PRIu64, c->period.value);
	snprintf(burst, sizeof(burst), "%" PRIu64, c->burst.value);
	int r = 0;
	if (c->period.set && c->period.value)
		r = try_write(dir, "cpu.cfs_period_us", period, F("period"),
		              quota ? RETRY_EINVAL : 0, &p_pend, err);
	if (r >= 0 && c->burst.set)
		r = try_write(dir, "cpu.cfs_burst_us", burst, F("burst"),
		              SKIP_ENOENT | (quota ? RETRY_EINVAL : 0), &b_pend, err);
	if (r < 0 || !quota)
		return r;
	r = res_write_i64(dir, "cpu.cfs_quota_us", c->quota.value, F("quota"), err);
	if (r >= 0 && p_pend)
		r = res_write(dir, "cpu.cfs_period_us", period, F("period"), err);
	if (r >= 0 && b_pend)
		r = res_write(dir, "cpu.cfs_burst_us", burst, F("burst"), err);
	return r;
}

static int rt_v1(const char *dir, const struct spec_cpu *c, struct arca_error **err)
{
	bool runtime = c->realtime_runtime.set && c->realtime_runtime.value, pend = false;
	char period[32];
	snprintf(period, sizeof(period), "%" PRIu64, c->realtime_period.value);
	int r = 0;
	if (c->realtime_period.set && c->realtime_period.value)
		r = try_write(dir, "cpu.rt_period_us", period, F("realtimePeriod"),
		              runtime ? RETRY_EINVAL : 0, &pend, err);
	if (r < 0 || !runtime)
		return r;
	r = res_write_i64(dir, "cpu.rt_runtime_us", c->realtime_runtime.value, F("realtimeRuntime"),
	                  err);
	if (r >= 0 && pend)
		r = res_write(dir, "cpu.rt_period_us", period, F("realtimePeriod"), err);
	return r;
}

static int cpu_v1(const char *dir, const struct spec_cpu *c, struct arca_error **err)
{
	int r = 0;
	if (c->shares.set && c->shares.value)
		r = shares_v1(dir, c->shares.value, err);
	if (r >= 0)
		r = cfs_v1(dir, c, err);
	if (r >= 0 && c->idle.set)
		r = res_write_i64(dir, "cpu.idle", c->idle.value, F("idle"), err);
	return r >= 0 ? rt_v1(dir, c, err) : r;
}

static int max_v2(const char *dir, const struct spec_cpu *c, struct arca_error **err)
{
	char max[64];
	int n = c->quota.set && c->quota.value > 0
	            ? snprintf(max, sizeof(max), "%" PRId64, c->quota.value)
	            : snprintf(max, sizeof(max), "max");
	if (c->period.set && c->period.value)
		snprintf(max + n, sizeof(max) - (size_t)n, " %" PRIu64, c->period.value);
	return res_write(dir, "cpu.max", max, c->quota.set ? F("quota") : F("period"), err);
}

static int cpu_v2(const char *dir, const struct spec_cpu *c, struct arca_error **err)
{
	if ((c->realtime_runtime.set && c->realtime_runtime.value) ||
	    (c->realtime_period.set && c->realtime_period.value))
		return arca_fail_msg(
		    err, EOPNOTSUPP, "%s: cgroup v2 has no realtime group scheduling",
		    c->realtime_runtime.set ? F("realtimeRuntime") : F("realtimePeriod"));
	int r = 0;
	if (c->shares.set && c->shares.value) {
		if (c->shares.value < 2)
			return arca_fail_msg(err, EINVAL, "%s: the minimum allowed cpu-shares is 2",
			                     F("shares"));
		r = res_write_u64(dir, "cpu.weight", res_cpu_weight(c->shares.value), F("shares"),
		                  err);
	}
	if (r >= 0 && c->idle.set)
		r = res_write_i64(dir, "cpu.idle", c->idle.value, F("idle"), err);
	char burst[32];
	snprintf(burst, sizeof(burst), "%" PRIu64, c->burst.value);
	bool pend = false,
	     max = (c->quota.set && c->quota.value) || (c->period.set && c->period.value);
	if (r >= 0 && c->burst.set)
		r = try_write(dir, "cpu.max.burst", burst, F("burst"),
		              SKIP_ENOENT | (max ? RETRY_EINVAL : 0), &pend, err);
	if (r >= 0 && max)
		r = max_v2(dir, c, err);
	if (r >= 0 && pend) /* refused before cpu.max: once more, now for good */
		r = res_write(dir, "cpu.max.burst", burst, F("burst"), err);
	return r;
}

static int check(const struct spec_cpu *c, struct arca_error **err)
{
	if (c->quota.set && c->quota.value > 0 && c->burst.set &&
	    c->burst.value > (uint64_t)c->quota.value)
		return arca_fail_msg(err, EINVAL, "%s: %" PRIu64 " is above the quota %" PRId64,
		                     F("burst"), c->burst.value, c->quota.value);
	return 0;
}

static int cpuset(const struct cgroup *cg, const struct spec_cpu *c, struct arca_error **err)
{
	if ((!c->cpus || !*c->cpus) && (!c->mems || !*c->mems))
		return 0;
	struct res_dir d;
	int r = res_find(cg, "cpuset", c->cpus && *c->cpus ? F("cpus") : F("mems"), &d, err);
	if (r >= 0 && c->cpus && *c->cpus)
		r = res_write(d.dir, "cpuset.cpus", c->cpus, F("cpus"), err);
	if (r >= 0 && c->mems && *c->mems)
		r = res_write(d.dir, "cpuset.mems", c->mems, F("mems"), err);
	return r;
}

static bool cpu_set(const struct spec_cpu *c)
{
	return (c->shares.set && c->shares.value) || (c->quota.set && c->quota.value) ||
	       (c->period.set && c->period.value) || c->burst.set || c->idle.set ||
	       (c->realtime_runtime.set && c->realtime_runtime.value) ||
	       (c->realtime_period.set && c->realtime_period.value);
}

int res_apply_cpu(const struct cgroup *cg, const struct spec_cpu *c, struct arca_error **err)
{
	int r = check(c, err);
	if (r < 0)
		return r;
	if (cpu_set(c)) { /* CGCPU-06: an empty object writes nothing */
		struct res_dir d;
		r = res_find(cg, "cpu", "linux.resources.cpu", &d, err);
		if (r >= 0)
			r = d.v2 ? cpu_v2(d.dir, c, err) : cpu_v1(d.dir, c, err);
	}
	return r < 0 ? r : cpuset(cg, c, err);
}
