/* linux.resources: one function per member, in runc's order (devices first,
 * so the container never runs with its device rules missing). */
#include "cgroups/resources.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "cgroups/internal.h"

/* cgroup.controllers is a short list of names separated by spaces. */
static bool word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		p += strspn(p, " \n");
		size_t len = strcspn(p, " \n");
		if (len == n && !strncmp(p, word, n))
			return true;
		p += len;
	}
	return false;
}

static bool unified_has(const struct cgroup_hierarchy *h, const char *controller)
{
	char list[1024];
	_cleanup_error_ struct arca_error *ignored = NULL;
	if (cgroup_read_file(-1, h->dir, "cgroup.controllers", list, sizeof(list), &ignored) < 0)
		return false;
	return word_in(list, controller);
}

int res_find(const struct cgroup *cg, const char *controller, const char *field,
             struct res_dir *out, struct arca_error **err)
{
	const struct cgroup_hierarchy *h = cgroup_find_controller(cg, controller);
	if (h) {
		*out = (struct res_dir){.dir = h->dir, .v2 = false};
		return 0;
	}
	h = cgroup_find_unified(cg);
	if (h && unified_has(h, controller)) {
		*out = (struct res_dir){.dir = h->dir, .v2 = true};
		return 0;
	}
	return arca_fail_msg(err, ENOENT, "%s: the host has no %s cgroup controller for %s", field,
	                     controller, cgroup_path(cg));
}

int res_write(const char *dir, const char *file, const char *value, const char *field,
              struct arca_error **err)
{
	char path[4096];
	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return arca_fail(err, ENAMETOOLONG, "%s: write %s to %s", field, value, file);
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "%s: write %s to %s", field, value, file);
	if (write(fd, value, strlen(value)) < 0)
		return arca_fail(err, errno, "%s: write %s to %s", field, value, file);
	return 0;
}

int res_write_i64(const char *dir, const char *file, int64_t value, const char *field,
                  struct arca_error **err)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%" PRId64, value);
	return res_write(dir, file, buf, field, err);
}

int res_write_u64(const char *dir, const char *file, uint64_t value, const char *field,
                  struct arca_error **err)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%" PRIu64, value);
	return res_write(dir, file, buf, field, err);
}

bool res_in_userns(void)
{
	char buf[256];
	_cleanup_error_ struct arca_error *ignored = NULL;
	if (cgroup_read_file(-1, "/proc/self", "uid_map", buf, sizeof(buf), &ignored) < 0)
		return false;
	unsigned long inside, outside, count;
	if (sscanf(buf, "%lu %lu %lu", &inside, &outside, &count) != 3)
		return false;
	return !(inside == 0 && outside == 0 && count == 4294967295UL);
}

int cgroup_apply_resources(const struct cgroup *cg, const struct spec_resources *res,
                           struct arca_error **err)
{
	if (!res)
		return 0;
	int r = res_apply_devices(cg, &res->devices, err);
	if (r >= 0 && res->pids)
		r = res_apply_pids(cg, res->pids, err);
	if (r >= 0 && res->memory)
		r = res_apply_memory(cg, res->memory, err);
	if (r >= 0 && res->cpu)
		r = res_apply_cpu(cg, res->cpu, err);
	if (r >= 0)
		r = res_apply_hugetlb(cg, &res->hugepage_limits, err);
	if (r >= 0 && res->block_io)
		r = res_apply_blkio(cg, res->block_io, err);
	if (r >= 0 && res->network)
		r = res_apply_network(cg, res->network, err);
	if (r >= 0)
		r = res_apply_rdma(cg, &res->rdma, err);
	if (r >= 0)
		r = res_apply_unified(cg, &res->unified, err);
	return r;
}
