/* linux.resources.rdma (CGRDMA-01): one rdma.max line per device,
 * "<device> hca_handle=N hca_object=M" with only the limits given, on v1
 * and v2 alike (runc's fscommon.RdmaSet). An entry with neither limit, or a
 * device name that would split the line, is invalid. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cgroups/resources.h"

static int entry_line(const struct spec_rdma_entry *e, const char *field, char *line, size_t size,
                      struct arca_error **err)
{
	if (!e->hca_handles.set && !e->hca_objects.set)
		return arca_fail_msg(err, EINVAL, "%s: neither hcaHandles nor hcaObjects is given",
		                     field);
	if (!*e->device || strpbrk(e->device, " \t\n="))
		return arca_fail_msg(err, EINVAL, "%s: not an RDMA device name", field);
	int n = snprintf(line, size, "%s", e->device);
	if (n >= 0 && (size_t)n < size && e->hca_handles.set)
		n += snprintf(line + n, size - (size_t)n, " hca_handle=%" PRIu32,
		              e->hca_handles.value);
	if (n >= 0 && (size_t)n < size && e->hca_objects.set)
		n += snprintf(line + n, size - (size_t)n, " hca_object=%" PRIu32,
		              e->hca_objects.value);
	if (n < 0 || (size_t)n >= size)
		return arca_fail_msg(err, ENAMETOOLONG, "%s: device name too long", field);
	return 0;
}

int res_apply_rdma(const struct cgroup *cg, const struct spec_rdma *rdma, struct arca_error **err)
{
	if (!rdma->len)
		return 0;
	struct res_dir d = {0};
	int r = res_find(cg, "rdma", "linux.resources.rdma", &d, err);
	for (size_t i = 0; r >= 0 && i < rdma->len; i++) {
		char field[160], line[256];
		snprintf(field, sizeof(field), "linux.resources.rdma.%s", rdma->items[i].device);
		r = entry_line(&rdma->items[i], field, line, sizeof(line), err);
		if (r >= 0)
			r = res_write(d.dir, "rdma.max", line, field, err);
	}
	return r;
}
