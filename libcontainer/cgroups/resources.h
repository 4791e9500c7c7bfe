/* linux.resources applied to the container's cgroup at create, before the
 * init is released, on v1, v2 and hybrid hosts (CG-06). On a hybrid host a
 * controller's v1 hierarchy is used when it has one, else the cgroup2 tree
 * when the controller is enabled there. A write the kernel refuses fails
 * with the field and the file named:
 *   linux.resources.memory.limit: write 1 to memory.max: Device or resource busy */
#ifndef ARCA_CGROUPS_RESOURCES_H
#define ARCA_CGROUPS_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arca/error.h"
#include "arca/spec.h"
#include "cgroups/cgroups.h"

int cgroup_apply_resources(const struct cgroup *cg, const struct spec_resources *res,
                           struct arca_error **err);

/* ---- shared by the resource files ---------------------------------------- */

/* Where one controller of the container's cgroup lives. */
struct res_dir {
	const char *dir; /* the container's directory in that hierarchy */
	bool v2;         /* a cgroup2 directory */
};

/* Finds the controller's directory; fails naming field when the host has no
 * such controller for the container. */
int res_find(const struct cgroup *cg, const char *controller, const char *field,
             struct res_dir *out, struct arca_error **err);

/* Writes value to dir/file in one write; the error names field and file. */
int res_write(const char *dir, const char *file, const char *value, const char *field,
              struct arca_error **err);

/* The same with an integer value. */
int res_write_i64(const char *dir, const char *file, int64_t value, const char *field,
                  struct arca_error **err);

/* The same with an unsigned value. */
int res_write_u64(const char *dir, const char *file, uint64_t value, const char *field,
                  struct arca_error **err);

/* True when the process runs in a user namespace other than the initial one. */
bool res_in_userns(void);

/* One member each. */
int res_apply_devices(const struct cgroup *cg, const struct spec_device_cgroups *rules,
                      struct arca_error **err);
int res_apply_pids(const struct cgroup *cg, const struct spec_pids *pids, struct arca_error **err);
int res_apply_memory(const struct cgroup *cg, const struct spec_memory *mem,
                     struct arca_error **err);
int res_apply_cpu(const struct cgroup *cg, const struct spec_cpu *cpu, struct arca_error **err);

int res_apply_hugetlb(const struct cgroup *cg, const struct spec_hugepage_limits *limits,
                      struct arca_error **err);

int res_apply_blkio(const struct cgroup *cg, const struct spec_block_io *b,
                    struct arca_error **err);

int res_apply_network(const struct cgroup *cg, const struct spec_network *net,
                      struct arca_error **err);

int res_apply_rdma(const struct cgroup *cg, const struct spec_rdma *rdma, struct arca_error **err);

/* Last, so that a key overrides what a member wrote (as runc's fs2). */
int res_apply_unified(const struct cgroup *cg, const struct arca_map *unified,
                      struct arca_error **err);

/* runc's ConvertBlkIOToIOWeightValue: blkio weight [10, 1000] to io.weight
 * [1, 10000]; 0 below 10. */
uint64_t res_io_weight(uint64_t blkio_weight);

/* A pageSize (<n>KB/MB/GB, base 1024) in the kernel's spelling of the
 * hugetlb files ("2048KB" -> "2MB"); -EINVAL when it is not a size. */
int res_hugepage_name(const char *page_size, char *out, size_t size);

/* runc's ConvertCPUSharesToCgroupV2Value: cpu.shares [2, 262144] to
 * cpu.weight [1, 10000]; 0 for shares below 2. */
uint64_t res_cpu_weight(uint64_t shares);

#endif
