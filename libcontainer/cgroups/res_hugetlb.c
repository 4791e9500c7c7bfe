/* linux.resources.hugepageLimits (CGHUGE-01, CGHUGE-02), as runc 1.2 sets
 * them: the limit goes to hugetlb.<size>.limit_in_bytes (v1) or
 * hugetlb.<size>.max (v2), and to the reservation file next to it
 * (.rsvd.limit_in_bytes, .rsvd.max) while the kernel has one. pageSize is
 * <n>KB, MB or GB (base 1024), written in the kernel's own spelling (2048KB
 * is 2MB); a size the host does not offer is an error. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroups/resources.h"

int res_hugepage_name(const char *page_size, char *out, size_t size)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(page_size, &end, 10);
	if (errno || end == page_size || *page_size == '-' || n == 0)
		return -EINVAL;
	unsigned shift = !strcmp(end, "KB")   ? 10
	                 : !strcmp(end, "MB") ? 20
	                 : !strcmp(end, "GB") ? 30
	                                      : 0;
	if (!shift || n > (UINT64_MAX >> shift))
		return -EINVAL;
	uint64_t bytes = (uint64_t)n << shift;
	/* the kernel's mem_fmt: the largest unit the size reaches */
	if (bytes >= (1ULL << 30))
		snprintf(out, size, "%" PRIu64 "GB", bytes >> 30);
	else if (bytes >= (1ULL << 20))
		snprintf(out, size, "%" PRIu64 "MB", bytes >> 20);
	else
		snprintf(out, size, "%" PRIu64 "KB", bytes >> 10);
	return (bytes & ((1ULL << 10) - 1)) ? -EINVAL : 0;
}

static bool host_offers(const char *page_size)
{
	char name[32], path[96];
	if (res_hugepage_name(page_size, name, sizeof(name)) < 0)
		return false;
	uint64_t kb = strtoull(name, NULL, 10);
	kb <<= strchr(name, 'G') ? 20 : strchr(name, 'M') ? 10 : 0;
	snprintf(path, sizeof(path), "/sys/kernel/mm/hugepages/hugepages-%" PRIu64 "kB", kb);
	return access(path, F_OK) == 0;
}

static int apply_one(const struct res_dir *d, const struct spec_hugepage_limit *l, size_t i,
                     bool *rsvd, struct arca_error **err)
{
	char field[80], name[32], file[96];
	snprintf(field, sizeof(field), "linux.resources.hugepageLimits[%zu].pageSize", i);
	if (!host_offers(l->page_size))
		return arca_fail_msg(err, EINVAL, "%s: %s is not a huge page size of this host",
		                     field, l->page_size);
	res_hugepage_name(l->page_size, name, sizeof(name));
	const char *suffix = d->v2 ? "max" : "limit_in_bytes";
	snprintf(field, sizeof(field), "linux.resources.hugepageLimits[%zu].limit", i);
	snprintf(file, sizeof(file), "hugetlb.%s.%s", name, suffix);
	int r = res_write_u64(d->dir, file, l->limit, field, err);
	if (r < 0 || !*rsvd)
		return r;
	snprintf(file, sizeof(file), "hugetlb.%s.rsvd.%s", name, suffix);
	struct arca_error *failed = NULL;
	r = res_write_u64(d->dir, file, l->limit, field, &failed);
	if (r == -ENOENT) { /* a kernel without reservation accounting */
		*rsvd = false;
		arca_error_free(failed);
		return 0;
	}
	if (r < 0)
		*err = failed;
	return r;
}

int res_apply_hugetlb(const struct cgroup *cg, const struct spec_hugepage_limits *limits,
                      struct arca_error **err)
{
	if (!limits->len)
		return 0;
	struct res_dir d;
	int r = res_find(cg, "hugetlb", "linux.resources.hugepageLimits", &d, err);
	bool rsvd = true;
	for (size_t i = 0; r >= 0 && i < limits->len; i++)
		r = apply_one(&d, &limits->items[i], i, &rsvd, err);
	return r;
}
