/* linux.sysctl (SYSCTL-01, SYSCTL-02): which keys the namespaces allow, and
 * writing them. What changes namespaces runs in a child (root only). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "check.h"
#include "linux/sysctl.h"

#define NS(t) (1U << (t))
#define ALL_NS                                                                                     \
	(NS(SPEC_NS_MOUNT) | NS(SPEC_NS_PID) | NS(SPEC_NS_NETWORK) | NS(SPEC_NS_UTS) |             \
	 NS(SPEC_NS_IPC) | NS(SPEC_NS_USER) | NS(SPEC_NS_CGROUP))

/* New namespaces of the types in mask, nothing joined. */
static struct ns_plan plan_of(unsigned int mask)
{
	struct ns_plan plan = {0};
	for (int t = 0; t < SPEC_NS_COUNT; t++) {
		plan.listed[t] = (mask & NS(t)) != 0;
		plan.join_fd[t] = -1;
	}
	return plan;
}

/* The message sysctl_validate gives for the keys, or NULL. */
static char *validate_keys(const char *const *keys, size_t n, const struct ns_plan *plan)
{
	struct arca_kv kv[4] = {0};
	for (size_t i = 0; i < n; i++) {
		kv[i].key = (char *)keys[i];
		kv[i].value = (char *)"1";
	}
	struct arca_map map = {.items = kv, .len = n};
	struct arca_error *err = NULL;
	int r = sysctl_validate(&map, plan, &err);
	CHECK((r < 0) == (err != NULL));
	char *msg = r < 0 && err ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

static char *validate_key(const char *key, unsigned int mask)
{
	struct ns_plan plan = plan_of(mask);
	return validate_keys(&key, 1, &plan);
}

#define CHECK_ALLOWED(key, mask)                                                                   \
	do {                                                                                       \
		char *msg_ = validate_key(key, mask);                                              \
		CHECK_STREQ(msg_ ? msg_ : "(allowed)", "(allowed)");                               \
		free(msg_);                                                                        \
	} while (0)

#define CHECK_REFUSED(key, mask, expected)                                                         \
	do {                                                                                       \
		char *msg_ = validate_key(key, mask);                                              \
		CHECK_STREQ(msg_, expected);                                                       \
		free(msg_);                                                                        \
	} while (0)

/* SYSCTL-02: the ipc keys need an ipc namespace. */
static void test_sysctl02_ipc(void)
{
	static const char *const keys[] = {
	    "kernel.msgmax",     "kernel.msgmnb",       "kernel.msgmni",          "kernel.sem",
	    "kernel.shmall",     "kernel.shmmax",       "kernel.shm_rmid_forced", "kernel.shmmni",
	    "fs.mqueue.msg_max", "fs.mqueue.queues_max"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		CHECK_ALLOWED(keys[i], NS(SPEC_NS_IPC));
	CHECK_REFUSED("kernel.shmmax", ALL_NS & ~NS(SPEC_NS_IPC),
	              "linux.sysctl: \"kernel.shmmax\" needs a new ipc namespace");
	CHECK_REFUSED("fs.mqueue.msg_max", NS(SPEC_NS_NETWORK),
	              "linux.sysctl: \"fs.mqueue.msg_max\" needs a new ipc namespace");
}

/* SYSCTL-02: net.* needs a network namespace. */
static void test_sysctl02_net(void)
{
	CHECK_ALLOWED("net.ipv4.ip_forward", NS(SPEC_NS_NETWORK));
	CHECK_ALLOWED("net.core.somaxconn", NS(SPEC_NS_NETWORK));
	CHECK_ALLOWED("net.ipv4.conf.all.rp_filter", NS(SPEC_NS_NETWORK));
	CHECK_REFUSED("net.ipv4.ip_forward", ALL_NS & ~NS(SPEC_NS_NETWORK),
	              "linux.sysctl: \"net.ipv4.ip_forward\" needs a new network namespace");
}

/* SYSCTL-02: kernel.domainname needs a uts namespace; kernel.hostname is
 * the hostname field's (runc, crun). */
static void test_sysctl02_uts(void)
{
	CHECK_ALLOWED("kernel.domainname", NS(SPEC_NS_UTS));
	CHECK_REFUSED("kernel.domainname", NS(SPEC_NS_IPC),
	              "linux.sysctl: \"kernel.domainname\" needs a new uts namespace");
	CHECK_REFUSED("kernel.hostname", ALL_NS,
	              "linux.sysctl: \"kernel.hostname\" conflicts with the hostname field: set "
	              "that instead");
}

/* SYSCTL-02: user.* (ucount limits) needs a user namespace (runc). */
static void test_sysctl02_user(void)
{
	CHECK_ALLOWED("user.max_user_namespaces", NS(SPEC_NS_USER));
	CHECK_REFUSED("user.max_user_namespaces", ALL_NS & ~NS(SPEC_NS_USER),
	              "linux.sysctl: \"user.max_user_namespaces\" needs a new user namespace");
}

/* SYSCTL-02: host-wide keys are refused whatever the namespaces. */
static void test_sysctl02_not_namespaced(void)
{
	CHECK_REFUSED(
	    "vm.swappiness", ALL_NS,
	    "linux.sysctl: \"vm.swappiness\" is not namespaced: it would change the host");
	CHECK_REFUSED("kernel.pid_max", ALL_NS,
	              "linux.sysctl: \"kernel.pid_max\" is not namespaced: it would change the "
	              "host");
	CHECK_REFUSED("fs.file-max", ALL_NS,
	              "linux.sysctl: \"fs.file-max\" is not namespaced: it would change the host");
	/* exact names: no prefix of a namespaced key, no longer name */
	CHECK_REFUSED("kernel.shmmaxx", ALL_NS,
	              "linux.sysctl: \"kernel.shmmaxx\" is not namespaced: it would change the "
	              "host");
	CHECK_REFUSED("fs.mqueue", ALL_NS,
	              "linux.sysctl: \"fs.mqueue\" is not namespaced: it would change the host");
}

/* SYSCTL-02: a key of no known tree. */
static void test_sysctl02_unknown_prefix(void)
{
	CHECK_REFUSED("foo.bar", ALL_NS,
	              "linux.sysctl: \"foo.bar\" is not a namespaced sysctl: only ipc, net.*, "
	              "kernel.domainname and user.* keys can be set");
	CHECK_REFUSED("netx.y", ALL_NS,
	              "linux.sysctl: \"netx.y\" is not a namespaced sysctl: only ipc, net.*, "
	              "kernel.domainname and user.* keys can be set");
	CHECK_REFUSED("net", ALL_NS,
	              "linux.sysctl: \"net\" is not a namespaced sysctl: only ipc, net.*, "
	              "kernel.domainname and user.* keys can be set");
}

/* Keys are dot-separated names: no "/", no empty (or "..") component. */
static void test_key_syntax(void)
{
	CHECK_REFUSED("", ALL_NS, "linux.sysctl: a key is empty");
	static const char *const slashes[] = {"net/ipv4/ip_forward", "net.ipv4/ip_forward",
	                                      "net.ipv4.conf./..", "/net.ipv4"};
	for (size_t i = 0; i < sizeof(slashes) / sizeof(slashes[0]); i++) {
		char *msg = validate_key(slashes[i], ALL_NS);
		CHECK_CONTAINS(msg, "is not a valid key: separate its components with \".\", not "
		                    "\"/\"");
		free(msg);
	}
	static const char *const empty[] = {".net.ipv4", "net.",       "net..ipv4",
	                                    "..",        "net.ipv4..", "net...x"};
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		char *msg = validate_key(empty[i], ALL_NS);
		CHECK_CONTAINS(msg, "is not a valid key: it has an empty component");
		CHECK_CONTAINS(msg, empty[i]);
		free(msg);
	}
}

/* Every key is checked; the first refused one is named. */
static void test_first_refused_key_named(void)
{
	static const char *const keys[] = {"net.ipv4.ip_forward", "vm.overcommit_memory",
	                                   "kernel.pid_max"};
	struct ns_plan plan = plan_of(ALL_NS);
	char *msg = validate_keys(keys, 3, &plan);
	CHECK_STREQ(msg, "linux.sysctl: \"vm.overcommit_memory\" is not namespaced: it would "
	                 "change the host");
	free(msg);
	msg = validate_keys(keys, 1, &plan);
	CHECK(msg == NULL);
	free(msg);
	CHECK(validate_keys(keys, 0, &plan) == NULL);
}

/* Runs fn in a child, which may change its namespaces; 77 is a skip. */
static void in_child(int (*fn)(void), const char *name)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int r = fn();
		_exit(r == 77 ? 77 : r || check_failures ? 1 : 0);
	}
	int status = 0;
	CHECK(waitpid(pid, &status, 0) == pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
		printf("SKIP: %s: cannot make namespaces here\n", name);
		return;
	}
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A joined namespace counts when it is not the runtime's own (runc's rule
 * for net.*, here for every kind). */
static int joined_ns(void)
{
	int before = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	CHECK(before >= 0);
	static const char *const key = "net.ipv4.ip_forward";
	struct ns_plan plan = plan_of(NS(SPEC_NS_NETWORK));
	plan.join_fd[SPEC_NS_NETWORK] = before;
	char *msg = validate_keys(&key, 1, &plan);
	CHECK_STREQ(msg, "linux.sysctl: \"net.ipv4.ip_forward\" needs a network namespace of its "
	                 "own: linux.namespaces joins the runtime's");
	free(msg);
	if (unshare(CLONE_NEWNET) < 0)
		return 77;
	msg = validate_keys(&key, 1, &plan);
	CHECK(msg == NULL);
	free(msg);
	close(before);
	return 0;
}

static void test_sysctl02_joined_namespace(void)
{
	in_child(joined_ns, "test_sysctl02_joined_namespace");
}

static char *apply_one(int procfd, const char *key, const char *value)
{
	struct arca_kv kv = {.key = (char *)key, .value = (char *)value};
	struct arca_map map = {.items = &kv, .len = 1};
	struct arca_error *err = NULL;
	int r = sysctl_apply(procfd, &map, &err);
	CHECK((r < 0) == (err != NULL));
	char *msg = r < 0 && err ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

static void read_back(const char *path, const char *expected)
{
	char buf[64] = {0};
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0);
	buf[strcspn(buf, "\n")] = '\0';
	CHECK_STREQ(buf, expected);
}

/* SYSCTL-01: the values land in the writer's namespaces; SYSCTL-02: an
 * unknown key or a refused value is an error naming it. */
static int apply_in_new_namespaces(void)
{
	if (unshare(CLONE_NEWNET | CLONE_NEWIPC) < 0)
		return 77;
	_cleanup_close_ int procfd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	CHECK(procfd >= 0);
	struct arca_kv kv[] = {{(char *)"net.ipv4.ip_forward", (char *)"1"},
	                       {(char *)"kernel.shmmax", (char *)"123456789"}};
	struct arca_map map = {.items = kv, .len = 2};
	struct arca_error *err = NULL;
	CHECK(sysctl_apply(procfd, &map, &err) == 0 && err == NULL);
	arca_error_free(err);
	read_back("/proc/sys/net/ipv4/ip_forward", "1");
	read_back("/proc/sys/kernel/shmmax", "123456789");

	char *msg = apply_one(procfd, "net.ipv4.no_such_key", "1");
	CHECK_STREQ(msg, "linux.sysctl: unknown key \"net.ipv4.no_such_key\"");
	free(msg);
	msg = apply_one(procfd, "net.ipv4.ip_forward", "x");
	CHECK_STREQ(msg, "linux.sysctl: write \"x\" to \"net.ipv4.ip_forward\": Invalid argument");
	free(msg);
	read_back("/proc/sys/net/ipv4/ip_forward", "1");
	return 0;
}

static void test_sysctl01_apply(void)
{
	in_child(apply_in_new_namespaces, "test_sysctl01_apply");
}

/* The fd must be a procfs; nothing to write needs none. */
static void test_apply_needs_procfs(void)
{
	_cleanup_close_ int dirfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	char *msg = apply_one(dirfd, "net.ipv4.ip_forward", "1");
	CHECK_STREQ(msg, "linux.sysctl: the /proc fd is not a procfs");
	free(msg);
	struct arca_map none = {0};
	struct arca_error *err = NULL;
	CHECK(sysctl_apply(-1, &none, &err) == 0 && err == NULL);
}

int main(void)
{
	RUN(test_sysctl02_ipc);
	RUN(test_sysctl02_net);
	RUN(test_sysctl02_uts);
	RUN(test_sysctl02_user);
	RUN(test_sysctl02_not_namespaced);
	RUN(test_sysctl02_unknown_prefix);
	RUN(test_key_syntax);
	RUN(test_first_refused_key_named);
	RUN(test_sysctl02_joined_namespace);
	RUN(test_sysctl01_apply);
	RUN(test_apply_needs_procfs);
	return check_exit();
}
