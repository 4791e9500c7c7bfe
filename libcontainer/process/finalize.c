#include "process/finalize.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/capabilities.h"
#include "linux/console.h"
#include "linux/lsm.h"
#include "linux/rlimits.h"
#include "linux/safepath.h"
#include "linux/user.h"
#include "process/env.h"
#include "process/execpath.h"

void finalized_release(struct finalized *f)
{
	free(f->exec_path);
	free(f->argv);
	arca_strv_free(f->envp);
	*f = (struct finalized){0};
}

bool process_setgroups_denied(int procfd)
{
	char buf[8] = {0};
	_cleanup_close_ int fd = openat(procfd, "self/setgroups", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		return false;
	return strncmp(buf, "deny", 4) == 0;
}

/* cwd (PROC-03): made if missing, like runc, and entered by fd; the result
 * must be inside the new root. */
static int enter_cwd(const char *cwd, struct arca_error **err)
{
	_cleanup_close_ int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return arca_fail(err, errno, "open the new root");
	_cleanup_close_ int dir = safe_mkdir_all(root, cwd, 0755);
	if (dir < 0)
		return arca_fail(err, -dir, "process.cwd: %s", cwd);
	if (fchdir(dir) < 0)
		return arca_fail(err, errno, "process.cwd: chdir to %s", cwd);
	_cleanup_free_ char *now = getcwd(NULL, 0);
	if (!now || now[0] != '/')
		return arca_fail_msg(err, EPERM, "process.cwd: %s is outside the container", cwd);
	return 0;
}

static char **strv_terminated(const struct arca_strv *v)
{
	char **out = calloc(v->len + 1, sizeof(char *));
	if (out)
		memcpy(out, v->items, v->len * sizeof(char *));
	return out;
}

/* Only 0, 1, 2 and the passed fds reach the program (PROC-11): every other
 * fd is marked close-on-exec, the passed ones are cleared of it. */
static int limit_fds(unsigned int passed, struct arca_error **err)
{
	if (close_range(3 + passed, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		return arca_fail(err, errno, "mark fds close-on-exec");
	for (unsigned int fd = 3; fd < 3 + passed; fd++)
		if (fcntl((int)fd, F_SETFD, 0) < 0)
			return arca_fail(err, errno, "--preserve-fds: fd %u", fd);
	return 0;
}

/* The program owns its stdio (and its terminal), as with runc: a user other
 * than root could not otherwise write to a pipe the runtime was given.
 * /dev/null stays root's; an owner not mapped in a user namespace (EPERM)
 * or a read-only /dev (EROFS) leaves the fd as it is. */
static int give_stdio(uid_t uid, int console_slave, struct arca_error **err)
{
	int fds[4] = {0, 1, 2, console_slave};
	for (size_t i = 0; i < 4; i++) {
		struct stat st;
		if (fds[i] < 0 || fstat(fds[i], &st) < 0 || st.st_uid == uid ||
		    (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)))
			continue;
		if (fchown(fds[i], uid, (gid_t)-1) < 0 && errno != EPERM && errno != EROFS &&
		    errno != EINVAL)
			return arca_fail(err, errno, "give fd %d to process.user.uid %u", fds[i],
			                 uid);
	}
	return 0;
}

/* HOME as runc sets it, and LISTEN_FDS for socket activation. */
static int prepare_env(const struct finalize_args *a, char ***envp, struct arca_error **err)
{
	const struct spec_process *p = a->process;
	char listen_fds[32], listen_pid[32];
	char *extra_items[] = {listen_fds, listen_pid};
	struct arca_strv extra = {extra_items, a->listen_fds ? 2 : 0};
	snprintf(listen_fds, sizeof(listen_fds), "LISTEN_FDS=%u", a->listen_fds);
	snprintf(listen_pid, sizeof(listen_pid), "LISTEN_PID=%d", (int)getpid());
	_cleanup_fclose_ FILE *passwd = fopen("/etc/passwd", "re");
	return env_prepare(&p->env, &extra, p->user.uid, passwd, envp, err);
}

/* rlimits, then the user with the capabilities kept across the switch,
 * then the capability sets (SEL-03's order). */
static int become_process_user(const struct finalize_args *a, struct arca_error **err)
{
	const struct spec_process *p = a->process;
	struct cap_sets caps;
	int r = rlimits_apply(&p->rlimits, err);
	if (r == 0 && p->capabilities && (r = caps_resolve(p->capabilities, &caps, err)) == 0 &&
	    (r = caps_limit_bounding(&caps, err)) == 0)
		r = caps_keep_across_setuid(true, err);
	if (r == 0)
		r = give_stdio(p->user.uid, a->console_slave, err);
	if (r == 0)
		r = user_switch(&p->user, a->setgroups_allowed, err);
	if (r == 0 && p->capabilities && (r = caps_keep_across_setuid(false, err)) == 0)
		r = caps_set(&caps, err);
	return r;
}

int process_finalize(const struct finalize_args *a, struct finalized *out, struct arca_error **err)
{
	const struct spec_process *p = a->process;
	int r = enter_cwd(p->cwd, err);
	if (r == 0)
		r = prepare_env(a, &out->envp, err);
	if (r == 0)
		r = become_process_user(a, err);
	/* looked up as the program's user, with its capabilities */
	if (r == 0)
		r = execpath_find(p->args.items[0], &p->env, &out->exec_path, err);
	if (r < 0)
		return r;
	if (p->user.umask.set)
		umask(p->user.umask.value);
	out->argv = strv_terminated(&p->args);
	if (!out->argv)
		return arca_fail(err, ENOMEM, "process.args");
	if ((r = limit_fds(a->listen_fds + a->preserve_fds, err)) < 0)
		return r;
	if (a->console_slave >= 0 && (r = console_make_stdio(a->console_slave, err)) < 0)
		return r;
	if (p->no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return arca_fail(err, errno, "process.noNewPrivileges: prctl(PR_SET_NO_NEW_PRIVS)");
	if ((r = lsm_set_exec_labels(a->procfd, p, err)) < 0)
		return r;
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	return 0;
}
