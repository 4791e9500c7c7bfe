/* The OCI runtime configuration (config.json, runtime-spec v1.3, Linux) as
 * typed C structs. The loader (libcontainer/spec) fills them; nothing past the
 * loader looks at JSON.
 *
 * Conventions:
 *  - a string is NULL when absent;
 *  - an object member that is a pointer is NULL when absent;
 *  - an optional scalar is an arca_opt_* with .set telling whether it was given;
 *  - an array is { items, len }; an absent array has len 0 and items NULL
 *    (has_<name> tells, where it matters, whether it was given at all);
 *  - enumerations are stored as C enums whose values follow the schema's
 *    order; the loader rejects any other string;
 *  - string maps keep the document's order and contain no duplicate key. */
#ifndef ARCA_SPEC_H
#define ARCA_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arca/error.h"

/* The spec version arca implements and the oldest it accepts (BND-05). */
#define ARCA_OCI_VERSION     "1.3.0"
#define ARCA_OCI_VERSION_MIN "1.0.0"

struct arca_opt_bool {
	bool set;
	bool value;
};
struct arca_opt_i64 {
	bool set;
	int64_t value;
};
struct arca_opt_u64 {
	bool set;
	uint64_t value;
};
struct arca_opt_i32 {
	bool set;
	int32_t value;
};
struct arca_opt_u32 {
	bool set;
	uint32_t value;
};
struct arca_opt_u16 {
	bool set;
	uint16_t value;
};

struct arca_strv {
	char **items;
	size_t len;
};

struct arca_u32v {
	uint32_t *items;
	size_t len;
};

struct arca_intv { /* an array of enum values */
	int *items;
	size_t len;
};

struct arca_kv {
	char *key;
	char *value;
};

struct arca_map {
	struct arca_kv *items;
	size_t len;
};

/* ---- root, mounts ---------------------------------------------------- */

struct spec_root {
	char *path; /* required */
	bool readonly;
};

struct spec_id_mapping {
	uint32_t container_id; /* containerID, required */
	uint32_t host_id;      /* hostID, required */
	uint32_t size;         /* required */
};

struct spec_id_mappings {
	struct spec_id_mapping *items;
	size_t len;
};

struct spec_mount {
	char *destination; /* required */
	char *type;
	char *source;
	struct arca_strv options;
	struct spec_id_mappings uid_mappings;
	struct spec_id_mappings gid_mappings;
};

struct spec_mounts {
	struct spec_mount *items;
	size_t len;
};

/* ---- process --------------------------------------------------------- */

struct spec_box {
	uint32_t height; /* required */
	uint32_t width;  /* required */
};

struct spec_user {
	uint32_t uid; /* required */
	uint32_t gid; /* required */
	struct arca_opt_u32 umask;
	struct arca_u32v additional_gids;
	char *username; /* Windows only: carries no meaning on Linux (BND-10) */
};

struct spec_capabilities {
	/* Names as written: unknown names are a warning at apply time (CAP-02). */
	struct arca_strv bounding;
	struct arca_strv effective;
	struct arca_strv inheritable;
	struct arca_strv permitted;
	struct arca_strv ambient;
};

enum spec_rlimit_type {
	SPEC_RLIMIT_AS,
	SPEC_RLIMIT_CORE,
	SPEC_RLIMIT_CPU,
	SPEC_RLIMIT_DATA,
	SPEC_RLIMIT_FSIZE,
	SPEC_RLIMIT_LOCKS,
	SPEC_RLIMIT_MEMLOCK,
	SPEC_RLIMIT_MSGQUEUE,
	SPEC_RLIMIT_NICE,
	SPEC_RLIMIT_NOFILE,
	SPEC_RLIMIT_NPROC,
	SPEC_RLIMIT_RSS,
	SPEC_RLIMIT_RTPRIO,
	SPEC_RLIMIT_RTTIME,
	SPEC_RLIMIT_SIGPENDING,
	SPEC_RLIMIT_STACK,
};

struct spec_rlimit {
	int type;      /* enum spec_rlimit_type, required */
	uint64_t soft; /* required */
	uint64_t hard; /* required */
};

struct spec_rlimits {
	struct spec_rlimit *items;
	size_t len;
};

enum spec_sched_policy {
	SPEC_SCHED_OTHER,
	SPEC_SCHED_FIFO,
	SPEC_SCHED_RR,
	SPEC_SCHED_BATCH,
	SPEC_SCHED_ISO,
	SPEC_SCHED_IDLE,
	SPEC_SCHED_DEADLINE,
};

enum spec_sched_flag {
	SPEC_SCHED_FLAG_RESET_ON_FORK,
	SPEC_SCHED_FLAG_RECLAIM,
	SPEC_SCHED_FLAG_DL_OVERRUN,
	SPEC_SCHED_FLAG_KEEP_POLICY,
	SPEC_SCHED_FLAG_KEEP_PARAMS,
	SPEC_SCHED_FLAG_UTIL_CLAMP_MIN,
	SPEC_SCHED_FLAG_UTIL_CLAMP_MAX,
};

struct spec_scheduler {
	int policy; /* enum spec_sched_policy, required */
	struct arca_opt_i32 nice;
	struct arca_opt_i32 priority;
	struct arca_intv flags; /* enum spec_sched_flag */
	struct arca_opt_u64 runtime;
	struct arca_opt_u64 deadline;
	struct arca_opt_u64 period;
};

enum spec_ioprio_class {
	SPEC_IOPRIO_CLASS_RT,
	SPEC_IOPRIO_CLASS_BE,
	SPEC_IOPRIO_CLASS_IDLE,
};

struct spec_io_priority {
	int class;        /* enum spec_ioprio_class, required */
	int32_t priority; /* required */
};

struct spec_cpu_affinity {
	char *initial;
	char *final;
};

struct spec_process {
	bool terminal;
	struct spec_box *console_size;
	struct spec_user user; /* required */
	struct arca_strv args;
	char *command_line; /* Windows only (BND-10) */
	struct arca_strv env;
	char *cwd; /* required */
	struct spec_capabilities *capabilities;
	struct spec_rlimits rlimits;
	bool no_new_privileges;
	char *apparmor_profile;
	struct arca_opt_i32 oom_score_adj;
	struct spec_scheduler *scheduler;
	char *selinux_label;
	struct spec_io_priority *io_priority;
	struct spec_cpu_affinity *exec_cpu_affinity;
};

/* ---- hooks ----------------------------------------------------------- */

struct spec_hook {
	char *path; /* required */
	struct arca_strv args;
	struct arca_strv env;
	struct arca_opt_i64 timeout;
};

struct spec_hook_list {
	struct spec_hook *items;
	size_t len;
};

struct spec_hooks {
	struct spec_hook_list prestart;
	struct spec_hook_list create_runtime;
	struct spec_hook_list create_container;
	struct spec_hook_list start_container;
	struct spec_hook_list poststart;
	struct spec_hook_list poststop;
};

/* ---- linux: devices, namespaces -------------------------------------- */

enum spec_device_type {
	SPEC_DEVICE_CHAR,       /* "c" */
	SPEC_DEVICE_BLOCK,      /* "b" */
	SPEC_DEVICE_UNBUFFERED, /* "u" */
	SPEC_DEVICE_FIFO,       /* "p" */
};

struct spec_device {
	int type;   /* enum spec_device_type, required */
	char *path; /* required */
	struct arca_opt_i64 major;
	struct arca_opt_i64 minor;
	struct arca_opt_u32 file_mode;
	struct arca_opt_u32 uid;
	struct arca_opt_u32 gid;
};

struct spec_devices {
	struct spec_device *items;
	size_t len;
};

enum spec_ns_type {
	SPEC_NS_MOUNT,
	SPEC_NS_PID,
	SPEC_NS_NETWORK,
	SPEC_NS_UTS,
	SPEC_NS_IPC,
	SPEC_NS_USER,
	SPEC_NS_CGROUP,
	SPEC_NS_TIME,
	SPEC_NS_COUNT,
};

struct spec_namespace {
	int type;   /* enum spec_ns_type, required */
	char *path; /* join this namespace instead of creating one */
};

struct spec_namespaces {
	struct spec_namespace *items;
	size_t len;
};

/* ---- linux.resources ------------------------------------------------- */

struct spec_device_cgroup {
	bool allow; /* required */
	char *type;
	struct arca_opt_i64 major;
	struct arca_opt_i64 minor;
	char *access;
};

struct spec_device_cgroups {
	struct spec_device_cgroup *items;
	size_t len;
};

struct spec_memory {
	struct arca_opt_i64 limit;
	struct arca_opt_i64 reservation;
	struct arca_opt_i64 swap;
	struct arca_opt_i64 kernel;
	struct arca_opt_i64 kernel_tcp;
	struct arca_opt_u64 swappiness;
	struct arca_opt_bool disable_oom_killer;
	struct arca_opt_bool use_hierarchy;
	struct arca_opt_bool check_before_update;
};

struct spec_cpu {
	struct arca_opt_u64 shares;
	struct arca_opt_i64 quota;
	struct arca_opt_u64 burst;
	struct arca_opt_u64 period;
	struct arca_opt_i64 realtime_runtime;
	struct arca_opt_u64 realtime_period;
	char *cpus;
	char *mems;
	struct arca_opt_i64 idle;
};

struct spec_pids {
	struct arca_opt_i64 limit;
};

struct spec_weight_device {
	int64_t major; /* required */
	int64_t minor; /* required */
	struct arca_opt_u16 weight;
	struct arca_opt_u16 leaf_weight;
};

struct spec_weight_devices {
	struct spec_weight_device *items;
	size_t len;
};

struct spec_throttle_device {
	int64_t major; /* required */
	int64_t minor; /* required */
	uint64_t rate; /* required */
};

struct spec_throttle_devices {
	struct spec_throttle_device *items;
	size_t len;
};

struct spec_block_io {
	struct arca_opt_u16 weight;
	struct arca_opt_u16 leaf_weight;
	struct spec_weight_devices weight_device;
	struct spec_throttle_devices throttle_read_bps_device;
	struct spec_throttle_devices throttle_write_bps_device;
	struct spec_throttle_devices throttle_read_iops_device;
	struct spec_throttle_devices throttle_write_iops_device;
};

struct spec_hugepage_limit {
	char *page_size; /* pageSize, required */
	uint64_t limit;  /* required */
};

struct spec_hugepage_limits {
	struct spec_hugepage_limit *items;
	size_t len;
};

struct spec_interface_priority {
	char *name;        /* required */
	uint32_t priority; /* required */
};

struct spec_interface_priorities {
	struct spec_interface_priority *items;
	size_t len;
};

struct spec_network {
	struct arca_opt_u32 class_id;
	struct spec_interface_priorities priorities;
};

struct spec_rdma_entry {
	char *device; /* the map key */
	struct arca_opt_u32 hca_handles;
	struct arca_opt_u32 hca_objects;
};

struct spec_rdma {
	struct spec_rdma_entry *items;
	size_t len;
};

struct spec_resources {
	struct spec_device_cgroups devices;
	struct spec_memory *memory;
	struct spec_cpu *cpu;
	struct spec_pids *pids;
	struct spec_block_io *block_io;
	struct spec_hugepage_limits hugepage_limits;
	struct spec_network *network;
	struct spec_rdma rdma;
	struct arca_map unified;
};

/* ---- linux: seccomp -------------------------------------------------- */

enum spec_seccomp_action {
	SPEC_SCMP_ACT_KILL,
	SPEC_SCMP_ACT_KILL_PROCESS,
	SPEC_SCMP_ACT_KILL_THREAD,
	SPEC_SCMP_ACT_TRAP,
	SPEC_SCMP_ACT_ERRNO,
	SPEC_SCMP_ACT_TRACE,
	SPEC_SCMP_ACT_ALLOW,
	SPEC_SCMP_ACT_LOG,
	SPEC_SCMP_ACT_NOTIFY,
};

enum spec_seccomp_arch {
	SPEC_SCMP_ARCH_X86,
	SPEC_SCMP_ARCH_X86_64,
	SPEC_SCMP_ARCH_X32,
	SPEC_SCMP_ARCH_ARM,
	SPEC_SCMP_ARCH_AARCH64,
	SPEC_SCMP_ARCH_LOONGARCH64,
	SPEC_SCMP_ARCH_M68K,
	SPEC_SCMP_ARCH_MIPS,
	SPEC_SCMP_ARCH_MIPS64,
	SPEC_SCMP_ARCH_MIPS64N32,
	SPEC_SCMP_ARCH_MIPSEL,
	SPEC_SCMP_ARCH_MIPSEL64,
	SPEC_SCMP_ARCH_MIPSEL64N32,
	SPEC_SCMP_ARCH_PPC,
	SPEC_SCMP_ARCH_PPC64,
	SPEC_SCMP_ARCH_PPC64LE,
	SPEC_SCMP_ARCH_S390,
	SPEC_SCMP_ARCH_S390X,
	SPEC_SCMP_ARCH_SH,
	SPEC_SCMP_ARCH_SHEB,
	SPEC_SCMP_ARCH_PARISC,
	SPEC_SCMP_ARCH_PARISC64,
	SPEC_SCMP_ARCH_RISCV64,
};

enum spec_seccomp_flag {
	SPEC_SECCOMP_FLAG_TSYNC,
	SPEC_SECCOMP_FLAG_LOG,
	SPEC_SECCOMP_FLAG_SPEC_ALLOW,
	SPEC_SECCOMP_FLAG_WAIT_KILLABLE_RECV,
};

enum spec_seccomp_op {
	SPEC_SCMP_CMP_NE,
	SPEC_SCMP_CMP_LT,
	SPEC_SCMP_CMP_LE,
	SPEC_SCMP_CMP_EQ,
	SPEC_SCMP_CMP_GE,
	SPEC_SCMP_CMP_GT,
	SPEC_SCMP_CMP_MASKED_EQ,
};

struct spec_seccomp_arg {
	uint32_t index; /* required */
	uint64_t value; /* required */
	struct arca_opt_u64 value_two;
	int op; /* enum spec_seccomp_op, required */
};

struct spec_seccomp_args {
	struct spec_seccomp_arg *items;
	size_t len;
};

struct spec_syscall {
	struct arca_strv names; /* required, at least one */
	int action;             /* enum spec_seccomp_action, required */
	struct arca_opt_u32 errno_ret;
	struct spec_seccomp_args args;
};

struct spec_syscalls {
	struct spec_syscall *items;
	size_t len;
};

struct spec_seccomp {
	int default_action; /* enum spec_seccomp_action, required */
	struct arca_opt_u32 default_errno_ret;
	struct arca_intv architectures; /* enum spec_seccomp_arch */
	struct arca_intv flags;         /* enum spec_seccomp_flag */
	char *listener_path;
	char *listener_metadata;
	struct spec_syscalls syscalls;
};

/* ---- linux: the rest ------------------------------------------------- */

enum spec_propagation {
	SPEC_PROPAGATION_PRIVATE,
	SPEC_PROPAGATION_SHARED,
	SPEC_PROPAGATION_SLAVE,
	SPEC_PROPAGATION_UNBINDABLE,
};

struct spec_intel_rdt {
	char *clos_id;
	struct arca_strv schemata;
	char *l3_cache_schema;
	char *mem_bw_schema;
	bool enable_monitoring;
};

enum spec_mpol_mode {
	SPEC_MPOL_DEFAULT,
	SPEC_MPOL_BIND,
	SPEC_MPOL_INTERLEAVE,
	SPEC_MPOL_WEIGHTED_INTERLEAVE,
	SPEC_MPOL_PREFERRED,
	SPEC_MPOL_PREFERRED_MANY,
	SPEC_MPOL_LOCAL,
};

enum spec_mpol_flag {
	SPEC_MPOL_F_NUMA_BALANCING,
	SPEC_MPOL_F_RELATIVE_NODES,
	SPEC_MPOL_F_STATIC_NODES,
};

struct spec_memory_policy {
	int mode; /* enum spec_mpol_mode, required */
	char *nodes;
	struct arca_intv flags; /* enum spec_mpol_flag */
};

enum spec_personality_domain {
	SPEC_PER_LINUX,
	SPEC_PER_LINUX32,
};

struct spec_personality {
	int domain; /* enum spec_personality_domain, required */
	struct arca_strv flags;
};

struct spec_time_offset {
	struct arca_opt_i64 secs;
	struct arca_opt_u32 nanosecs;
};

struct spec_time_offsets {
	struct spec_time_offset *boottime;
	struct spec_time_offset *monotonic;
};

struct spec_net_device {
	char *host_name; /* the map key: the interface in the runtime namespace */
	char *name;      /* the name inside the container */
};

struct spec_net_devices {
	struct spec_net_device *items;
	size_t len;
};

struct spec_linux {
	struct spec_id_mappings uid_mappings;
	struct spec_id_mappings gid_mappings;
	struct arca_map sysctl;
	struct spec_resources *resources;
	char *cgroups_path;
	struct spec_namespaces namespaces;
	struct spec_devices devices;
	struct spec_net_devices net_devices;
	struct spec_seccomp *seccomp;
	struct arca_opt_i32 rootfs_propagation; /* enum spec_propagation */
	struct arca_strv masked_paths;
	struct arca_strv readonly_paths;
	char *mount_label;
	struct spec_intel_rdt *intel_rdt;
	struct spec_memory_policy *memory_policy;
	struct spec_personality *personality;
	struct spec_time_offsets *time_offsets;
};

/* ---- the document ---------------------------------------------------- */

struct spec {
	char *oci_version; /* required */
	struct spec_process *process;
	struct spec_root *root;
	char *hostname;
	char *domainname;
	struct spec_mounts mounts;
	struct spec_hooks *hooks;
	struct arca_map annotations;
	struct spec_linux *linux_; /* "linux" (a predefined macro in GNU C) */
};

/* Parses and validates a config.json document. `name` is used in messages
 * ("config.json:3:14: ..."); on failure *err says what and where. */
int spec_parse(const char *json, size_t len, const char *name, struct spec **out,
               struct arca_error **err);

/* Reads <bundle>/config.json and parses it. */
int spec_load_bundle(const char *bundle, struct spec **out, struct arca_error **err);

void spec_free(struct spec *spec);

static inline void spec_freep(struct spec **spec)
{
	spec_free(*spec);
}

#define _cleanup_spec_ __attribute__((cleanup(spec_freep)))

/* The schema's string for an enum value, e.g. spec_ns_type_name(SPEC_NS_PID)
 * is "pid". */
const char *spec_ns_type_name(int type);

/* "RLIMIT_NOFILE" for SPEC_RLIMIT_NOFILE. */
const char *spec_rlimit_name(int type);

/* A default config.json for `arca spec`, as a NUL-terminated JSON text. */
int spec_default_json(bool rootless, uid_t uid, gid_t gid, char **out, struct arca_error **err);

#endif
