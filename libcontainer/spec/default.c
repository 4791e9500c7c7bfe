/* The default config.json of `arca spec`: what `runc spec` writes, reduced
 * to the members arca implements, so that arca runs it as it is. It is built
 * as a struct spec and written by spec_to_json, so it always loads back. */
#include "arca/spec.h"
#include "spec/spec_json.h"

/* An arca_strv of the arguments, valid until the end of the enclosing block. */
#define STRV(...)                                                                                  \
	((struct arca_strv){                                                                       \
	    .items = (char *[]){__VA_ARGS__},                                                      \
	    .len = sizeof((char *[]){__VA_ARGS__}) / sizeof(char *),                               \
	})

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* `runc spec --rootless` (runc's specconv.ToRootless) changes: no network
 * namespace, a user namespace mapping the caller to root, devpts without
 * gid=5 (no such group is mapped) and /sys bound from the host instead of
 * a new sysfs (which a user namespace without its own network namespace may
 * not mount). */
int spec_default_json(bool rootless, uid_t uid, gid_t gid, char **out, struct arca_error **err)
{
	/* runc's current default: no inheritable or ambient capabilities (an
	 * ambient one that is not inheritable cannot be raised anyway) */
	struct spec_capabilities caps = {
	    .bounding = STRV("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"),
	    .effective = STRV("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"),
	    .permitted = STRV("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"),
	};
	struct spec_rlimit nofile = {.type = SPEC_RLIMIT_NOFILE, .soft = 1024, .hard = 1024};
	struct spec_process process = {
	    .terminal = true,
	    .args = STRV("sh"),
	    .env = STRV("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	                "TERM=xterm"),
	    .cwd = "/",
	    .capabilities = &caps,
	    .rlimits = {&nofile, 1},
	    .no_new_privileges = true,
	};
	struct spec_root root = {.path = "rootfs", .readonly = true};
	struct spec_mount mounts[] = {
	    {.destination = "/proc", .type = "proc", .source = "proc"},
	    {.destination = "/dev",
	     .type = "tmpfs",
	     .source = "tmpfs",
	     .options = STRV("nosuid", "strictatime", "mode=755", "size=65536k")},
	    {.destination = "/dev/pts",
	     .type = "devpts",
	     .source = "devpts",
	     .options = rootless
	                    ? STRV("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")
	                    : STRV("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620",
	                           "gid=5")},
	    {.destination = "/dev/shm",
	     .type = "tmpfs",
	     .source = "shm",
	     .options = STRV("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")},
	    {.destination = "/dev/mqueue",
	     .type = "mqueue",
	     .source = "mqueue",
	     .options = STRV("nosuid", "noexec", "nodev")},
	    {.destination = "/sys",
	     .type = rootless ? "none" : "sysfs",
	     .source = rootless ? "/sys" : "sysfs",
	     .options = rootless ? STRV("rbind", "nosuid", "noexec", "nodev", "ro")
	                         : STRV("nosuid", "noexec", "nodev", "ro")},
	    {.destination = "/sys/fs/cgroup",
	     .type = "cgroup",
	     .source = "cgroup",
	     .options = STRV("nosuid", "noexec", "nodev", "relatime", "ro")},
	};
	struct spec_namespace namespaces[] = {
	    {.type = SPEC_NS_PID}, {.type = SPEC_NS_NETWORK}, {.type = SPEC_NS_IPC},
	    {.type = SPEC_NS_UTS}, {.type = SPEC_NS_MOUNT},   {.type = SPEC_NS_CGROUP},
	};
	struct spec_namespace rootless_namespaces[] = {
	    {.type = SPEC_NS_PID},   {.type = SPEC_NS_IPC},    {.type = SPEC_NS_UTS},
	    {.type = SPEC_NS_MOUNT}, {.type = SPEC_NS_CGROUP}, {.type = SPEC_NS_USER},
	};
	struct spec_id_mapping uid_mapping = {.container_id = 0, .host_id = uid, .size = 1};
	struct spec_id_mapping gid_mapping = {.container_id = 0, .host_id = gid, .size = 1};
	struct spec_linux linux_ = {
	    .namespaces = {namespaces, LEN(namespaces)},
	    .masked_paths = STRV("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
	                         "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
	                         "/proc/sched_debug", "/sys/firmware", "/proc/scsi"),
	    .readonly_paths =
	        STRV("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
	};
	if (rootless) {
		linux_.namespaces =
		    (struct spec_namespaces){rootless_namespaces, LEN(rootless_namespaces)};
		linux_.uid_mappings = (struct spec_id_mappings){&uid_mapping, 1};
		linux_.gid_mappings = (struct spec_id_mappings){&gid_mapping, 1};
	}
	struct spec spec = {
	    .oci_version = ARCA_OCI_VERSION,
	    .process = &process,
	    .root = &root,
	    .hostname = "arca",
	    .mounts = {mounts, LEN(mounts)},
	    .linux_ = &linux_,
	};
	return spec_to_json(&spec, out, err);
}
