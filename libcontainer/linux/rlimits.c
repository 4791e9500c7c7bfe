#include "linux/rlimits.h"

#include <errno.h>
#include <sys/resource.h>

static const int resources[] = {
    [SPEC_RLIMIT_AS] = RLIMIT_AS,
    [SPEC_RLIMIT_CORE] = RLIMIT_CORE,
    [SPEC_RLIMIT_CPU] = RLIMIT_CPU,
    [SPEC_RLIMIT_DATA] = RLIMIT_DATA,
    [SPEC_RLIMIT_FSIZE] = RLIMIT_FSIZE,
    [SPEC_RLIMIT_LOCKS] = RLIMIT_LOCKS,
    [SPEC_RLIMIT_MEMLOCK] = RLIMIT_MEMLOCK,
    [SPEC_RLIMIT_MSGQUEUE] = RLIMIT_MSGQUEUE,
    [SPEC_RLIMIT_NICE] = RLIMIT_NICE,
    [SPEC_RLIMIT_NOFILE] = RLIMIT_NOFILE,
    [SPEC_RLIMIT_NPROC] = RLIMIT_NPROC,
    [SPEC_RLIMIT_RSS] = RLIMIT_RSS,
    [SPEC_RLIMIT_RTPRIO] = RLIMIT_RTPRIO,
    [SPEC_RLIMIT_RTTIME] = RLIMIT_RTTIME,
    [SPEC_RLIMIT_SIGPENDING] = RLIMIT_SIGPENDING,
    [SPEC_RLIMIT_STACK] = RLIMIT_STACK,
};

static int refuse(size_t index, const struct spec_rlimit *l, int resource, int code,
                  struct arca_error **err)
{
	const char *name = spec_rlimit_name(l->type);
	if (l->soft > l->hard)
		return arca_fail_msg(
		    err, EINVAL, "process.rlimits[%zu]: %s: soft limit %llu above hard limit %llu",
		    index, name, (unsigned long long)l->soft, (unsigned long long)l->hard);
	struct rlimit now;
	if (code == EPERM && getrlimit(resource, &now) == 0)
		return arca_fail(err, code,
		                 "process.rlimits[%zu]: %s: hard limit %llu cannot be granted (the "
		                 "host's is %llu and raising it needs CAP_SYS_RESOURCE)",
		                 index, name, (unsigned long long)l->hard,
		                 (unsigned long long)now.rlim_max);
	return arca_fail(err, code, "process.rlimits[%zu]: %s: setrlimit", index, name);
}

int rlimits_apply(const struct spec_rlimits *rlimits, struct arca_error **err)
{
	for (size_t i = 0; i < rlimits->len; i++) {
		const struct spec_rlimit *l = &rlimits->items[i];
		int resource = resources[l->type];
		struct rlimit value = {.rlim_cur = l->soft, .rlim_max = l->hard};
		if (setrlimit(resource, &value) < 0)
			return refuse(i, l, resource, errno, err);
	}
	return 0;
}
