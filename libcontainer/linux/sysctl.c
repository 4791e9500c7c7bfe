#include "linux/sysctl.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/resolve.h"

struct ns_kind {
	int type;         /* enum spec_ns_type */
	const char *proc; /* its name in /proc/self/ns */
	const char *name; /* in messages */
};

static const struct ns_kind ns_ipc = {SPEC_NS_IPC, "ipc", "ipc"};
static const struct ns_kind ns_net = {SPEC_NS_NETWORK, "net", "network"};
static const struct ns_kind ns_uts = {SPEC_NS_UTS, "uts", "uts"};
static const struct ns_kind ns_user = {SPEC_NS_USER, "user", "user"};

/* A namespaced key, or a whole subtree when `key` ends in '.'. */
struct sysctl_rule {
	const char *key;
	const struct ns_kind *ns;
};

static const struct sysctl_rule rules[] = {
    {"kernel.msgmax", &ns_ipc}, {"kernel.msgmnb", &ns_ipc},          {"kernel.msgmni", &ns_ipc},
    {"kernel.sem", &ns_ipc},    {"kernel.shmall", &ns_ipc},          {"kernel.shmmax", &ns_ipc},
    {"kernel.shmmni", &ns_ipc}, {"kernel.shm_rmid_forced", &ns_ipc}, {"fs.mqueue.", &ns_ipc},
    {"net.", &ns_net},          {"kernel.domainname", &ns_uts},      {"user.", &ns_user},
};

/* The /proc/sys trees whose other keys are one setting for the whole host. */
static const char *const host_trees[] = {"abi.", "crypto.", "debug.",  "dev.",
                                         "fs.",  "kernel.", "sunrpc.", "vm."};

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const struct ns_kind *namespace_of(const char *key)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		const char *rule = rules[i].key;
		bool subtree = rule[strlen(rule) - 1] == '.';
		if (subtree ? has_prefix(key, rule) : strcmp(key, rule) == 0)
			return rules[i].ns;
	}
	return NULL;
}

/* Dot-separated components, none empty (so no ".." either), no "/". */
static int check_syntax(const char *key, struct arca_error **err)
{
	if (!key[0])
		return arca_fail_msg(err, EINVAL, "linux.sysctl: a key is empty");
	if (strchr(key, '/'))
		return arca_fail_msg(err, EINVAL,
		                     "linux.sysctl: \"%s\" is not a valid key: separate its "
		                     "components with \".\", not \"/\"",
		                     key);
	if (key[0] == '.' || key[strlen(key) - 1] == '.' || strstr(key, ".."))
		return arca_fail_msg(err, EINVAL,
		                     "linux.sysctl: \"%s\" is not a valid key: it has an empty "
		                     "component",
		                     key);
	return 0;
}

static int refuse_unnamespaced(const char *key, struct arca_error **err)
{
	if (strcmp(key, "kernel.hostname") == 0)
		return arca_fail_msg(err, EINVAL,
		                     "linux.sysctl: \"%s\" conflicts with the hostname field: "
		                     "set that instead",
		                     key);
	for (size_t i = 0; i < sizeof(host_trees) / sizeof(host_trees[0]); i++)
		if (has_prefix(key, host_trees[i]))
			return arca_fail_msg(
			    err, EINVAL,
			    "linux.sysctl: \"%s\" is not namespaced: it would change the host",
			    key);
	return arca_fail_msg(err, EINVAL,
	                     "linux.sysctl: \"%s\" is not a namespaced sysctl: only ipc, net.*, "
	                     "kernel.domainname and user.* keys can be set",
	                     key);
}

/* 1 when fd is the namespace the runtime itself is in. */
static int is_runtime_ns(int fd, const char *proc_name)
{
	char path[32];
	snprintf(path, sizeof(path), "/proc/self/ns/%s", proc_name);
	struct stat own, joined;
	if (stat(path, &own) < 0 || fstat(fd, &joined) < 0)
		return -errno;
	return own.st_dev == joined.st_dev && own.st_ino == joined.st_ino;
}

static int check_own_ns(const char *key, const struct ns_kind *kind, const struct ns_plan *ns,
                        struct arca_error **err)
{
	if (!ns->listed[kind->type])
		return arca_fail_msg(err, EINVAL, "linux.sysctl: \"%s\" needs a new %s namespace",
		                     key, kind->name);
	int fd = ns->join_fd[kind->type];
	if (fd < 0)
		return 0;
	int shared = is_runtime_ns(fd, kind->proc);
	if (shared < 0)
		return arca_fail(err, -shared,
		                 "linux.sysctl: \"%s\": compare the %s namespace with "
		                 "the runtime's",
		                 key, kind->name);
	if (shared)
		return arca_fail_msg(err, EINVAL,
		                     "linux.sysctl: \"%s\" needs a %s namespace of its own: "
		                     "linux.namespaces joins the runtime's",
		                     key, kind->name);
	return 0;
}

int sysctl_validate(const struct arca_map *sysctl, const struct ns_plan *ns,
                    struct arca_error **err)
{
	for (size_t i = 0; i < sysctl->len; i++) {
		const char *key = sysctl->items[i].key;
		int r = check_syntax(key, err);
		if (r < 0)
			return r;
		const struct ns_kind *kind = namespace_of(key);
		r = kind ? check_own_ns(key, kind, ns, err) : refuse_unnamespaced(key, err);
		if (r < 0)
			return r;
	}
	return 0;
}

static int check_procfs(int procfd, struct arca_error **err)
{
	struct statfs sfs;
	if (fstatfs(procfd, &sfs) < 0)
		return arca_fail(err, errno, "linux.sysctl: check the /proc fd");
	if (sfs.f_type != PROC_SUPER_MAGIC)
		return arca_fail_msg(err, EINVAL, "linux.sysctl: the /proc fd is not a procfs");
	return 0;
}

/* sys/<key with dots as slashes>, opened for writing strictly below procfd. */
static int open_sysctl(int procfd, const char *key)
{
	_cleanup_free_ char *path = NULL;
	if (asprintf(&path, "sys/%s", key) < 0)
		return -ENOMEM;
	for (char *c = path; *c; c++)
		if (*c == '.')
			*c = '/';
	struct open_how how = {
	    .flags = O_WRONLY | O_CLOEXEC,
	    .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	int fd;
	do {
		fd = arca_openat2(procfd, path, &how);
	} while (fd < 0 && (errno == EAGAIN || errno == EINTR));
	return fd < 0 ? -errno : fd;
}

static int write_sysctl(int procfd, const struct arca_kv *kv, struct arca_error **err)
{
	_cleanup_close_ int fd = open_sysctl(procfd, kv->key);
	if (fd == -ENOENT)
		return arca_fail_msg(err, ENOENT, "linux.sysctl: unknown key \"%s\"", kv->key);
	if (fd < 0)
		return arca_fail(err, -fd, "linux.sysctl: open \"%s\"", kv->key);
	size_t len = strlen(kv->value);
	ssize_t n;
	do {
		n = write(fd, kv->value, len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return arca_fail(err, errno, "linux.sysctl: write \"%s\" to \"%s\"", kv->value,
		                 kv->key);
	if ((size_t)n != len)
		return arca_fail_msg(err, EIO,
		                     "linux.sysctl: write \"%s\" to \"%s\": the kernel took %zd of "
		                     "%zu bytes",
		                     kv->value, kv->key, n, len);
	return 0;
}

int sysctl_apply(int procfd, const struct arca_map *sysctl, struct arca_error **err)
{
	if (sysctl->len == 0)
		return 0;
	int r = check_procfs(procfd, err);
	for (size_t i = 0; r == 0 && i < sysctl->len; i++)
		r = write_sysctl(procfd, &sysctl->items[i], err);
	return r;
}
