/* The tables of config.json (runtime-spec v1.3, Linux), one per object, in
 * the member order of the spec's Go types (the order spec_to_json writes).
 *
 * This file is the one list of what arca implements: a member flagged
 * SPEC_UNIMPLEMENTED is parsed and type-checked, and refused when set.
 * Windows-only members (process.commandLine, process.user.username) and the
 * windows/solaris/vm/zos/freebsd objects have no row: they are ignored like
 * any unknown member (BND-06, BND-10). */
#include "spec/fields.h"

#include <stddef.h>

#include "arca/spec.h"

#define ROW(T, json, member, type_, flags_)                                                        \
	{                                                                                          \
		.name = (json), .type = (type_), .flags = (flags_), .offset = offsetof(T, member), \
	}
#define ENUM(T, json, member, values_, flags_)                                                     \
	{                                                                                          \
		.name = (json), .type = SPEC_ENUM, .flags = (flags_),                              \
		.offset = offsetof(T, member), .values = &(values_),                               \
	}
#define OBJECT(T, json, member, object_, flags_)                                                   \
	{                                                                                          \
		.name = (json), .type = SPEC_OBJECT, .flags = (flags_),                            \
		.offset = offsetof(T, member), .object = &(object_),                               \
	}
#define EMBED(T, json, member, object_, flags_)                                                    \
	{                                                                                          \
		.name = (json), .type = SPEC_EMBED, .flags = (flags_),                             \
		.offset = offsetof(T, member), .object = &(object_),                               \
	}
#define ARRAY(T, json, member, elem_, flags_)                                                      \
	{                                                                                          \
		.name = (json), .type = SPEC_ARRAY, .flags = (flags_),                             \
		.offset = offsetof(T, member), .size = sizeof(*((T *)0)->member.items),            \
		.elem = &(elem_),                                                                  \
	}
#define MAP(T, json, member, elem_, flags_)                                                        \
	{                                                                                          \
		.name = (json), .type = SPEC_MAP, .flags = (flags_),                               \
		.offset = offsetof(T, member), .size = sizeof(*((T *)0)->member.items),            \
		.elem = &(elem_),                                                                  \
	}
#define TABLE(T, rows)                                                                             \
	{                                                                                          \
		.size = sizeof(T), .fields = (rows), .count = sizeof(rows) / sizeof((rows)[0]),    \
	}
#define ENUM_VALUES(names_)                                                                        \
	{                                                                                          \
		.names = (names_), .count = sizeof(names_) / sizeof((names_)[0]),                  \
	}

enum {
	REQ = SPEC_REQUIRED,
	OPT = SPEC_OPTIONAL,
	UNIMPL = SPEC_UNIMPLEMENTED,
};

/* ---- element rows ------------------------------------------------------ */

static const struct spec_field elem_string = {.type = SPEC_STRING};
static const struct spec_field elem_u32 = {.type = SPEC_U32};
static const struct spec_field elem_map_value = {
    .type = SPEC_STRING,
    .offset = offsetof(struct arca_kv, value),
};

#define ELEM_OF(object_)                                                                           \
	{                                                                                          \
		.type = SPEC_EMBED, .object = &(object_),                                          \
	}
#define ELEM_ENUM(values_)                                                                         \
	{                                                                                          \
		.type = SPEC_ENUM, .values = &(values_),                                           \
	}

/* ---- enumerations (the C enums of arca/spec.h, same order) ------------- */

static const char *const ns_names[] = {
    "mount", "pid", "network", "uts", "ipc", "user", "cgroup", "time",
};
static const struct spec_enum ns_types = ENUM_VALUES(ns_names);

static const char *const rlimit_names[] = {
    "RLIMIT_AS",     "RLIMIT_CORE",   "RLIMIT_CPU",        "RLIMIT_DATA",
    "RLIMIT_FSIZE",  "RLIMIT_LOCKS",  "RLIMIT_MEMLOCK",    "RLIMIT_MSGQUEUE",
    "RLIMIT_NICE",   "RLIMIT_NOFILE", "RLIMIT_NPROC",      "RLIMIT_RSS",
    "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_STACK",
};
static const struct spec_enum rlimit_types = ENUM_VALUES(rlimit_names);

static const char *const sched_policy_names[] = {
    "SCHED_OTHER", "SCHED_FIFO", "SCHED_RR",       "SCHED_BATCH",
    "SCHED_ISO",   "SCHED_IDLE", "SCHED_DEADLINE",
};
static const struct spec_enum sched_policies = ENUM_VALUES(sched_policy_names);

static const char *const sched_flag_names[] = {
    "SCHED_FLAG_RESET_ON_FORK",  "SCHED_FLAG_RECLAIM",     "SCHED_FLAG_DL_OVERRUN",
    "SCHED_FLAG_KEEP_POLICY",    "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN",
    "SCHED_FLAG_UTIL_CLAMP_MAX",
};
static const struct spec_enum sched_flags = ENUM_VALUES(sched_flag_names);

static const char *const ioprio_class_names[] = {
    "IOPRIO_CLASS_RT",
    "IOPRIO_CLASS_BE",
    "IOPRIO_CLASS_IDLE",
};
static const struct spec_enum ioprio_classes = ENUM_VALUES(ioprio_class_names);

static const char *const device_type_names[] = {"c", "b", "u", "p"};
static const struct spec_enum device_types = ENUM_VALUES(device_type_names);

static const char *const seccomp_action_names[] = {
    "SCMP_ACT_KILL",  "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
    "SCMP_ACT_TRAP",  "SCMP_ACT_ERRNO",        "SCMP_ACT_TRACE",
    "SCMP_ACT_ALLOW", "SCMP_ACT_LOG",          "SCMP_ACT_NOTIFY",
};
static const struct spec_enum seccomp_actions = ENUM_VALUES(seccomp_action_names);

static const char *const seccomp_arch_names[] = {
    "SCMP_ARCH_X86",         "SCMP_ARCH_X86_64",      "SCMP_ARCH_X32",     "SCMP_ARCH_ARM",
    "SCMP_ARCH_AARCH64",     "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K",    "SCMP_ARCH_MIPS",
    "SCMP_ARCH_MIPS64",      "SCMP_ARCH_MIPS64N32",   "SCMP_ARCH_MIPSEL",  "SCMP_ARCH_MIPSEL64",
    "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC",         "SCMP_ARCH_PPC64",   "SCMP_ARCH_PPC64LE",
    "SCMP_ARCH_S390",        "SCMP_ARCH_S390X",       "SCMP_ARCH_SH",      "SCMP_ARCH_SHEB",
    "SCMP_ARCH_PARISC",      "SCMP_ARCH_PARISC64",    "SCMP_ARCH_RISCV64",
};
static const struct spec_enum seccomp_archs = ENUM_VALUES(seccomp_arch_names);

static const char *const seccomp_flag_names[] = {
    "SECCOMP_FILTER_FLAG_TSYNC",
    "SECCOMP_FILTER_FLAG_LOG",
    "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
    "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
};
static const struct spec_enum seccomp_flags = ENUM_VALUES(seccomp_flag_names);

static const char *const seccomp_op_names[] = {
    "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",        "SCMP_CMP_EQ",
    "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ",
};
static const struct spec_enum seccomp_ops = ENUM_VALUES(seccomp_op_names);

static const char *const propagation_names[] = {"private", "shared", "slave", "unbindable"};
/* runc accepts the recursive spellings too and treats them like the plain
 * ones for the rootfs: store them as the plain value. */
static const char *const propagation_aliases[] = {"rprivate", "rshared", "rslave", "runbindable"};
static const struct spec_enum propagations = {
    .names = propagation_names,
    .aliases = propagation_aliases,
    .count = sizeof(propagation_names) / sizeof(propagation_names[0]),
};

static const char *const mpol_mode_names[] = {
    "MPOL_DEFAULT",   "MPOL_BIND",           "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE",
    "MPOL_PREFERRED", "MPOL_PREFERRED_MANY", "MPOL_LOCAL",
};
static const struct spec_enum mpol_modes = ENUM_VALUES(mpol_mode_names);

static const char *const mpol_flag_names[] = {
    "MPOL_F_NUMA_BALANCING",
    "MPOL_F_RELATIVE_NODES",
    "MPOL_F_STATIC_NODES",
};
static const struct spec_enum mpol_flags = ENUM_VALUES(mpol_flag_names);

static const char *const personality_domain_names[] = {"LINUX", "LINUX32"};
static const struct spec_enum personality_domains = ENUM_VALUES(personality_domain_names);

/* Each list has exactly one name per value of its C enum. */
#define COUNT_IS(names, last)                                                                      \
	_Static_assert(sizeof(names) / sizeof((names)[0]) == (size_t)(last) + 1, #names)
COUNT_IS(ns_names, SPEC_NS_TIME);
COUNT_IS(rlimit_names, SPEC_RLIMIT_STACK);
COUNT_IS(sched_policy_names, SPEC_SCHED_DEADLINE);
COUNT_IS(sched_flag_names, SPEC_SCHED_FLAG_UTIL_CLAMP_MAX);
COUNT_IS(ioprio_class_names, SPEC_IOPRIO_CLASS_IDLE);
COUNT_IS(device_type_names, SPEC_DEVICE_FIFO);
COUNT_IS(seccomp_action_names, SPEC_SCMP_ACT_NOTIFY);
COUNT_IS(seccomp_arch_names, SPEC_SCMP_ARCH_RISCV64);
COUNT_IS(seccomp_flag_names, SPEC_SECCOMP_FLAG_WAIT_KILLABLE_RECV);
COUNT_IS(seccomp_op_names, SPEC_SCMP_CMP_MASKED_EQ);
COUNT_IS(propagation_names, SPEC_PROPAGATION_UNBINDABLE);
COUNT_IS(propagation_aliases, SPEC_PROPAGATION_UNBINDABLE);
COUNT_IS(mpol_mode_names, SPEC_MPOL_LOCAL);
COUNT_IS(mpol_flag_names, SPEC_MPOL_F_STATIC_NODES);
COUNT_IS(personality_domain_names, SPEC_PER_LINUX32);

static const struct spec_field elem_sched_flag = ELEM_ENUM(sched_flags);
static const struct spec_field elem_seccomp_arch = ELEM_ENUM(seccomp_archs);
static const struct spec_field elem_seccomp_flag = ELEM_ENUM(seccomp_flags);
static const struct spec_field elem_mpol_flag = ELEM_ENUM(mpol_flags);

/* ---- root, mounts -------------------------------------------------------- */

static const struct spec_field id_mapping_rows[] = {
    ROW(struct spec_id_mapping, "containerID", container_id, SPEC_U32, REQ),
    ROW(struct spec_id_mapping, "hostID", host_id, SPEC_U32, REQ),
    ROW(struct spec_id_mapping, "size", size, SPEC_U32, REQ),
};
static const struct spec_object id_mapping = TABLE(struct spec_id_mapping, id_mapping_rows);
static const struct spec_field elem_id_mapping = ELEM_OF(id_mapping);

static const struct spec_field root_rows[] = {
    ROW(struct spec_root, "path", path, SPEC_STRING, REQ),
    ROW(struct spec_root, "readonly", readonly, SPEC_BOOL, 0),
};
static const struct spec_object root = TABLE(struct spec_root, root_rows);

static const struct spec_field mount_rows[] = {
    ROW(struct spec_mount, "destination", destination, SPEC_STRING, REQ),
    ROW(struct spec_mount, "type", type, SPEC_STRING, 0),
    ROW(struct spec_mount, "source", source, SPEC_STRING, 0),
    ARRAY(struct spec_mount, "options", options, elem_string, 0),
    ARRAY(struct spec_mount, "uidMappings", uid_mappings, elem_id_mapping, UNIMPL),
    ARRAY(struct spec_mount, "gidMappings", gid_mappings, elem_id_mapping, UNIMPL),
};
static const struct spec_object mount = TABLE(struct spec_mount, mount_rows);
static const struct spec_field elem_mount = ELEM_OF(mount);

/* ---- process --------------------------------------------------------------- */

static const struct spec_field box_rows[] = {
    ROW(struct spec_box, "height", height, SPEC_U32, REQ),
    ROW(struct spec_box, "width", width, SPEC_U32, REQ),
};
static const struct spec_object box = TABLE(struct spec_box, box_rows);

static const struct spec_field user_rows[] = {
    ROW(struct spec_user, "uid", uid, SPEC_U32, REQ),
    ROW(struct spec_user, "gid", gid, SPEC_U32, REQ),
    ROW(struct spec_user, "umask", umask, SPEC_U32, OPT),
    ARRAY(struct spec_user, "additionalGids", additional_gids, elem_u32, 0),
};
static const struct spec_object user = TABLE(struct spec_user, user_rows);

static const struct spec_field capabilities_rows[] = {
    ARRAY(struct spec_capabilities, "bounding", bounding, elem_string, 0),
    ARRAY(struct spec_capabilities, "effective", effective, elem_string, 0),
    ARRAY(struct spec_capabilities, "inheritable", inheritable, elem_string, 0),
    ARRAY(struct spec_capabilities, "permitted", permitted, elem_string, 0),
    ARRAY(struct spec_capabilities, "ambient", ambient, elem_string, 0),
};
static const struct spec_object capabilities = TABLE(struct spec_capabilities, capabilities_rows);

static const struct spec_field rlimit_rows[] = {
    ENUM(struct spec_rlimit, "type", type, rlimit_types, REQ),
    ROW(struct spec_rlimit, "soft", soft, SPEC_U64, REQ),
    ROW(struct spec_rlimit, "hard", hard, SPEC_U64, REQ),
};
static const struct spec_object rlimit = TABLE(struct spec_rlimit, rlimit_rows);
static const struct spec_field elem_rlimit = ELEM_OF(rlimit);

static const struct spec_field scheduler_rows[] = {
    ENUM(struct spec_scheduler, "policy", policy, sched_policies, REQ),
    ROW(struct spec_scheduler, "nice", nice, SPEC_I32, OPT),
    ROW(struct spec_scheduler, "priority", priority, SPEC_I32, OPT),
    ARRAY(struct spec_scheduler, "flags", flags, elem_sched_flag, 0),
    ROW(struct spec_scheduler, "runtime", runtime, SPEC_U64, OPT),
    ROW(struct spec_scheduler, "deadline", deadline, SPEC_U64, OPT),
    ROW(struct spec_scheduler, "period", period, SPEC_U64, OPT),
};
static const struct spec_object scheduler = TABLE(struct spec_scheduler, scheduler_rows);

static const struct spec_field io_priority_rows[] = {
    ENUM(struct spec_io_priority, "class", class, ioprio_classes, REQ),
    ROW(struct spec_io_priority, "priority", priority, SPEC_I32, REQ),
};
static const struct spec_object io_priority = TABLE(struct spec_io_priority, io_priority_rows);

static const struct spec_field cpu_affinity_rows[] = {
    ROW(struct spec_cpu_affinity, "initial", initial, SPEC_STRING, 0),
    ROW(struct spec_cpu_affinity, "final", final, SPEC_STRING, 0),
};
static const struct spec_object cpu_affinity = TABLE(struct spec_cpu_affinity, cpu_affinity_rows);

static const struct spec_field process_rows[] = {
    ROW(struct spec_process, "terminal", terminal, SPEC_BOOL, 0),
    OBJECT(struct spec_process, "consoleSize", console_size, box, 0),
    EMBED(struct spec_process, "user", user, user, REQ),
    ARRAY(struct spec_process, "args", args, elem_string, REQ),
    ARRAY(struct spec_process, "env", env, elem_string, 0),
    ROW(struct spec_process, "cwd", cwd, SPEC_STRING, REQ),
    OBJECT(struct spec_process, "capabilities", capabilities, capabilities, 0),
    ARRAY(struct spec_process, "rlimits", rlimits, elem_rlimit, 0),
    ROW(struct spec_process, "noNewPrivileges", no_new_privileges, SPEC_BOOL, 0),
    ROW(struct spec_process, "apparmorProfile", apparmor_profile, SPEC_STRING, 0),
    ROW(struct spec_process, "oomScoreAdj", oom_score_adj, SPEC_I32, OPT),
    OBJECT(struct spec_process, "scheduler", scheduler, scheduler, UNIMPL),
    ROW(struct spec_process, "selinuxLabel", selinux_label, SPEC_STRING, 0),
    OBJECT(struct spec_process, "ioPriority", io_priority, io_priority, UNIMPL),
    OBJECT(struct spec_process, "execCPUAffinity", exec_cpu_affinity, cpu_affinity, UNIMPL),
};
const struct spec_object spec_table_process = TABLE(struct spec_process, process_rows);

/* ---- hooks ------------------------------------------------------------------ */

static const struct spec_field hook_rows[] = {
    ROW(struct spec_hook, "path", path, SPEC_STRING, REQ),
    ARRAY(struct spec_hook, "args", args, elem_string, 0),
    ARRAY(struct spec_hook, "env", env, elem_string, 0),
    ROW(struct spec_hook, "timeout", timeout, SPEC_I64, OPT),
};
static const struct spec_object hook = TABLE(struct spec_hook, hook_rows);
static const struct spec_field elem_hook = ELEM_OF(hook);

static const struct spec_field hooks_rows[] = {
    ARRAY(struct spec_hooks, "prestart", prestart, elem_hook, 0),
    ARRAY(struct spec_hooks, "createRuntime", create_runtime, elem_hook, 0),
    ARRAY(struct spec_hooks, "createContainer", create_container, elem_hook, 0),
    ARRAY(struct spec_hooks, "startContainer", start_container, elem_hook, 0),
    ARRAY(struct spec_hooks, "poststart", poststart, elem_hook, 0),
    ARRAY(struct spec_hooks, "poststop", poststop, elem_hook, 0),
};
static const struct spec_object hooks = TABLE(struct spec_hooks, hooks_rows);

/* ---- linux: devices, namespaces ---------------------------------------------- */

static const struct spec_field device_rows[] = {
    ENUM(struct spec_device, "type", type, device_types, REQ),
    ROW(struct spec_device, "path", path, SPEC_STRING, REQ),
    ROW(struct spec_device, "major", major, SPEC_I64, OPT),
    ROW(struct spec_device, "minor", minor, SPEC_I64, OPT),
    ROW(struct spec_device, "fileMode", file_mode, SPEC_U32, OPT),
    ROW(struct spec_device, "uid", uid, SPEC_U32, OPT),
    ROW(struct spec_device, "gid", gid, SPEC_U32, OPT),
};
static const struct spec_object device = TABLE(struct spec_device, device_rows);
static const struct spec_field elem_device = ELEM_OF(device);

static const struct spec_field namespace_rows[] = {
    ENUM(struct spec_namespace, "type", type, ns_types, REQ),
    ROW(struct spec_namespace, "path", path, SPEC_STRING, 0),
};
static const struct spec_object namespace = TABLE(struct spec_namespace, namespace_rows);
static const struct spec_field elem_namespace = ELEM_OF(namespace);

/* ---- linux.resources ----------------------------------------------------------- */

static const struct spec_field device_cgroup_rows[] = {
    ROW(struct spec_device_cgroup, "allow", allow, SPEC_BOOL, REQ),
    ROW(struct spec_device_cgroup, "type", type, SPEC_STRING, 0),
    ROW(struct spec_device_cgroup, "major", major, SPEC_I64, OPT),
    ROW(struct spec_device_cgroup, "minor", minor, SPEC_I64, OPT),
    ROW(struct spec_device_cgroup, "access", access, SPEC_STRING, 0),
};
static const struct spec_object device_cgroup =
    TABLE(struct spec_device_cgroup, device_cgroup_rows);
static const struct spec_field elem_device_cgroup = ELEM_OF(device_cgroup);

static const struct spec_field memory_rows[] = {
    ROW(struct spec_memory, "limit", limit, SPEC_I64, OPT),
    ROW(struct spec_memory, "reservation", reservation, SPEC_I64, OPT),
    ROW(struct spec_memory, "swap", swap, SPEC_I64, OPT),
    ROW(struct spec_memory, "kernel", kernel, SPEC_I64, OPT),
    ROW(struct spec_memory, "kernelTCP", kernel_tcp, SPEC_I64, OPT),
    ROW(struct spec_memory, "swappiness", swappiness, SPEC_U64, OPT),
    ROW(struct spec_memory, "disableOOMKiller", disable_oom_killer, SPEC_BOOL, OPT),
    ROW(struct spec_memory, "useHierarchy", use_hierarchy, SPEC_BOOL, OPT),
    ROW(struct spec_memory, "checkBeforeUpdate", check_before_update, SPEC_BOOL, OPT),
};
static const struct spec_object memory = TABLE(struct spec_memory, memory_rows);

static const struct spec_field cpu_rows[] = {
    ROW(struct spec_cpu, "shares", shares, SPEC_U64, OPT),
    ROW(struct spec_cpu, "quota", quota, SPEC_I64, OPT),
    ROW(struct spec_cpu, "burst", burst, SPEC_U64, OPT),
    ROW(struct spec_cpu, "period", period, SPEC_U64, OPT),
    ROW(struct spec_cpu, "realtimeRuntime", realtime_runtime, SPEC_I64, OPT),
    ROW(struct spec_cpu, "realtimePeriod", realtime_period, SPEC_U64, OPT),
    ROW(struct spec_cpu, "cpus", cpus, SPEC_STRING, 0),
    ROW(struct spec_cpu, "mems", mems, SPEC_STRING, 0),
    ROW(struct spec_cpu, "idle", idle, SPEC_I64, OPT),
};
static const struct spec_object cpu = TABLE(struct spec_cpu, cpu_rows);

static const struct spec_field pids_rows[] = {
    ROW(struct spec_pids, "limit", limit, SPEC_I64, OPT),
};
static const struct spec_object pids = TABLE(struct spec_pids, pids_rows);

static const struct spec_field weight_device_rows[] = {
    ROW(struct spec_weight_device, "major", major, SPEC_I64, REQ),
    ROW(struct spec_weight_device, "minor", minor, SPEC_I64, REQ),
    ROW(struct spec_weight_device, "weight", weight, SPEC_U16, OPT),
    ROW(struct spec_weight_device, "leafWeight", leaf_weight, SPEC_U16, OPT),
};
static const struct spec_object weight_device =
    TABLE(struct spec_weight_device, weight_device_rows);
static const struct spec_field elem_weight_device = ELEM_OF(weight_device);

static const struct spec_field throttle_device_rows[] = {
    ROW(struct spec_throttle_device, "major", major, SPEC_I64, REQ),
    ROW(struct spec_throttle_device, "minor", minor, SPEC_I64, REQ),
    ROW(struct spec_throttle_device, "rate", rate, SPEC_U64, REQ),
};
static const struct spec_object throttle_device =
    TABLE(struct spec_throttle_device, throttle_device_rows);
static const struct spec_field elem_throttle_device = ELEM_OF(throttle_device);

static const struct spec_field block_io_rows[] = {
    ROW(struct spec_block_io, "weight", weight, SPEC_U16, OPT),
    ROW(struct spec_block_io, "leafWeight", leaf_weight, SPEC_U16, OPT),
    ARRAY(struct spec_block_io, "weightDevice", weight_device, elem_weight_device, 0),
    ARRAY(struct spec_block_io, "throttleReadBpsDevice", throttle_read_bps_device,
          elem_throttle_device, 0),
    ARRAY(struct spec_block_io, "throttleWriteBpsDevice", throttle_write_bps_device,
          elem_throttle_device, 0),
    ARRAY(struct spec_block_io, "throttleReadIOPSDevice", throttle_read_iops_device,
          elem_throttle_device, 0),
    ARRAY(struct spec_block_io, "throttleWriteIOPSDevice", throttle_write_iops_device,
          elem_throttle_device, 0),
};
static const struct spec_object block_io = TABLE(struct spec_block_io, block_io_rows);

static const struct spec_field hugepage_limit_rows[] = {
    ROW(struct spec_hugepage_limit, "pageSize", page_size, SPEC_STRING, REQ),
    ROW(struct spec_hugepage_limit, "limit", limit, SPEC_U64, REQ),
};
static const struct spec_object hugepage_limit =
    TABLE(struct spec_hugepage_limit, hugepage_limit_rows);
static const struct spec_field elem_hugepage_limit = ELEM_OF(hugepage_limit);

static const struct spec_field interface_priority_rows[] = {
    ROW(struct spec_interface_priority, "name", name, SPEC_STRING, REQ),
    ROW(struct spec_interface_priority, "priority", priority, SPEC_U32, REQ),
};
static const struct spec_object interface_priority =
    TABLE(struct spec_interface_priority, interface_priority_rows);
static const struct spec_field elem_interface_priority = ELEM_OF(interface_priority);

static const struct spec_field network_rows[] = {
    ROW(struct spec_network, "classID", class_id, SPEC_U32, OPT),
    ARRAY(struct spec_network, "priorities", priorities, elem_interface_priority, 0),
};
static const struct spec_object network = TABLE(struct spec_network, network_rows);

/* A map value: the key (the device name) is the entry's first member. */
static const struct spec_field rdma_entry_rows[] = {
    ROW(struct spec_rdma_entry, "hcaHandles", hca_handles, SPEC_U32, OPT),
    ROW(struct spec_rdma_entry, "hcaObjects", hca_objects, SPEC_U32, OPT),
};
static const struct spec_object rdma_entry = TABLE(struct spec_rdma_entry, rdma_entry_rows);
static const struct spec_field elem_rdma_entry = ELEM_OF(rdma_entry);

static const struct spec_field resources_rows[] = {
    ARRAY(struct spec_resources, "devices", devices, elem_device_cgroup, 0),
    OBJECT(struct spec_resources, "memory", memory, memory, 0),
    OBJECT(struct spec_resources, "cpu", cpu, cpu, 0),
    OBJECT(struct spec_resources, "pids", pids, pids, 0),
    OBJECT(struct spec_resources, "blockIO", block_io, block_io, 0),
    ARRAY(struct spec_resources, "hugepageLimits", hugepage_limits, elem_hugepage_limit, 0),
    OBJECT(struct spec_resources, "network", network, network, 0),
    MAP(struct spec_resources, "rdma", rdma, elem_rdma_entry, 0),
    MAP(struct spec_resources, "unified", unified, elem_map_value, 0),
};
static const struct spec_object resources = TABLE(struct spec_resources, resources_rows);

/* ---- linux: seccomp ---------------------------------------------------------------- */

static const struct spec_field seccomp_arg_rows[] = {
    ROW(struct spec_seccomp_arg, "index", index, SPEC_U32, REQ),
    ROW(struct spec_seccomp_arg, "value", value, SPEC_U64, REQ),
    ROW(struct spec_seccomp_arg, "valueTwo", value_two, SPEC_U64, OPT),
    ENUM(struct spec_seccomp_arg, "op", op, seccomp_ops, REQ),
};
static const struct spec_object seccomp_arg = TABLE(struct spec_seccomp_arg, seccomp_arg_rows);
static const struct spec_field elem_seccomp_arg = ELEM_OF(seccomp_arg);

static const struct spec_field syscall_rows[] = {
    ARRAY(struct spec_syscall, "names", names, elem_string, REQ),
    ENUM(struct spec_syscall, "action", action, seccomp_actions, REQ),
    ROW(struct spec_syscall, "errnoRet", errno_ret, SPEC_U32, OPT),
    ARRAY(struct spec_syscall, "args", args, elem_seccomp_arg, 0),
};
static const struct spec_object syscall = TABLE(struct spec_syscall, syscall_rows);
static const struct spec_field elem_syscall = ELEM_OF(syscall);

static const struct spec_field seccomp_rows[] = {
    ENUM(struct spec_seccomp, "defaultAction", default_action, seccomp_actions, REQ),
    ROW(struct spec_seccomp, "defaultErrnoRet", default_errno_ret, SPEC_U32, OPT),
    ARRAY(struct spec_seccomp, "architectures", architectures, elem_seccomp_arch, 0),
    ARRAY(struct spec_seccomp, "flags", flags, elem_seccomp_flag, 0),
    ROW(struct spec_seccomp, "listenerPath", listener_path, SPEC_STRING, 0),
    ROW(struct spec_seccomp, "listenerMetadata", listener_metadata, SPEC_STRING, 0),
    ARRAY(struct spec_seccomp, "syscalls", syscalls, elem_syscall, 0),
};
static const struct spec_object seccomp = TABLE(struct spec_seccomp, seccomp_rows);

/* ---- linux: the rest ------------------------------------------------------------------ */

static const struct spec_field intel_rdt_rows[] = {
    ROW(struct spec_intel_rdt, "closID", clos_id, SPEC_STRING, 0),
    ARRAY(struct spec_intel_rdt, "schemata", schemata, elem_string, 0),
    ROW(struct spec_intel_rdt, "l3CacheSchema", l3_cache_schema, SPEC_STRING, 0),
    ROW(struct spec_intel_rdt, "memBwSchema", mem_bw_schema, SPEC_STRING, 0),
    ROW(struct spec_intel_rdt, "enableMonitoring", enable_monitoring, SPEC_BOOL, 0),
};
static const struct spec_object intel_rdt = TABLE(struct spec_intel_rdt, intel_rdt_rows);

static const struct spec_field memory_policy_rows[] = {
    ENUM(struct spec_memory_policy, "mode", mode, mpol_modes, REQ),
    ROW(struct spec_memory_policy, "nodes", nodes, SPEC_STRING, 0),
    ARRAY(struct spec_memory_policy, "flags", flags, elem_mpol_flag, 0),
};
static const struct spec_object memory_policy =
    TABLE(struct spec_memory_policy, memory_policy_rows);

static const struct spec_field personality_rows[] = {
    ENUM(struct spec_personality, "domain", domain, personality_domains, REQ),
    ARRAY(struct spec_personality, "flags", flags, elem_string, 0),
};
static const struct spec_object personality = TABLE(struct spec_personality, personality_rows);

static const struct spec_field time_offset_rows[] = {
    ROW(struct spec_time_offset, "secs", secs, SPEC_I64, OPT),
    ROW(struct spec_time_offset, "nanosecs", nanosecs, SPEC_U32, OPT),
};
static const struct spec_object time_offset = TABLE(struct spec_time_offset, time_offset_rows);

static const struct spec_field time_offsets_rows[] = {
    OBJECT(struct spec_time_offsets, "boottime", boottime, time_offset, 0),
    OBJECT(struct spec_time_offsets, "monotonic", monotonic, time_offset, 0),
};
static const struct spec_object time_offsets = TABLE(struct spec_time_offsets, time_offsets_rows);

/* A map value: the key (the host's interface name) is the entry's first member. */
static const struct spec_field net_device_rows[] = {
    ROW(struct spec_net_device, "name", name, SPEC_STRING, 0),
};
static const struct spec_object net_device = TABLE(struct spec_net_device, net_device_rows);
static const struct spec_field elem_net_device = ELEM_OF(net_device);

static const struct spec_field linux_rows[] = {
    ARRAY(struct spec_linux, "uidMappings", uid_mappings, elem_id_mapping, 0),
    ARRAY(struct spec_linux, "gidMappings", gid_mappings, elem_id_mapping, 0),
    MAP(struct spec_linux, "sysctl", sysctl, elem_map_value, 0),
    OBJECT(struct spec_linux, "resources", resources, resources, 0),
    ROW(struct spec_linux, "cgroupsPath", cgroups_path, SPEC_STRING, 0),
    ARRAY(struct spec_linux, "namespaces", namespaces, elem_namespace, 0),
    ARRAY(struct spec_linux, "devices", devices, elem_device, 0),
    MAP(struct spec_linux, "netDevices", net_devices, elem_net_device, UNIMPL),
    OBJECT(struct spec_linux, "seccomp", seccomp, seccomp, 0),
    ENUM(struct spec_linux, "rootfsPropagation", rootfs_propagation, propagations, OPT),
    ARRAY(struct spec_linux, "maskedPaths", masked_paths, elem_string, 0),
    ARRAY(struct spec_linux, "readonlyPaths", readonly_paths, elem_string, 0),
    ROW(struct spec_linux, "mountLabel", mount_label, SPEC_STRING, 0),
    OBJECT(struct spec_linux, "intelRdt", intel_rdt, intel_rdt, UNIMPL),
    OBJECT(struct spec_linux, "memoryPolicy", memory_policy, memory_policy, UNIMPL),
    OBJECT(struct spec_linux, "personality", personality, personality, UNIMPL),
    OBJECT(struct spec_linux, "timeOffsets", time_offsets, time_offsets, 0),
};
static const struct spec_object linux_ = TABLE(struct spec_linux, linux_rows);

/* ---- the document ------------------------------------------------------------------------ */

static const struct spec_field config_rows[] = {
    ROW(struct spec, "ociVersion", oci_version, SPEC_STRING, REQ),
    OBJECT(struct spec, "process", process, spec_table_process, 0),
    OBJECT(struct spec, "root", root, root, REQ),
    ROW(struct spec, "hostname", hostname, SPEC_STRING, 0),
    ROW(struct spec, "domainname", domainname, SPEC_STRING, 0),
    ARRAY(struct spec, "mounts", mounts, elem_mount, 0),
    OBJECT(struct spec, "hooks", hooks, hooks, 0),
    MAP(struct spec, "annotations", annotations, elem_map_value, 0),
    OBJECT(struct spec, "linux", linux_, linux_, 0),
};
const struct spec_object spec_table_config = TABLE(struct spec, config_rows);

const struct spec_field spec_root_config = {.type = SPEC_EMBED, .object = &spec_table_config};
const struct spec_field spec_root_process = {.type = SPEC_EMBED, .object = &spec_table_process};

const char *spec_ns_type_name(int type)
{
	if (type < 0 || (size_t)type >= ns_types.count)
		return NULL;
	return ns_types.names[type];
}

const char *spec_rlimit_type_name(int type)
{
	if (type < 0 || (size_t)type >= rlimit_types.count)
		return NULL;
	return rlimit_types.names[type];
}

const char *spec_rlimit_name(int type)
{
	if (type < 0 || (size_t)type >= rlimit_types.count)
		return NULL;
	return rlimit_types.names[type];
}

static const char *enum_name(const struct spec_enum *e, int value)
{
	if (value < 0 || (size_t)value >= e->count)
		return NULL;
	return e->names[value];
}

const char *spec_seccomp_action_name(int action)
{
	return enum_name(&seccomp_actions, action);
}

const char *spec_seccomp_arch_name(int arch)
{
	return enum_name(&seccomp_archs, arch);
}

const char *spec_seccomp_flag_name(int flag)
{
	return enum_name(&seccomp_flags, flag);
}
