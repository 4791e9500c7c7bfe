/* The container lifecycle: what src/ calls. One function per operation; each
 * returns 0 on success or a negative errno with *err set. */
#ifndef ARCA_CONTAINER_H
#define ARCA_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arca/error.h"
#include "arca/state.h"

struct arca_create_opts {
	const char *root;           /* state root, e.g. /run/arca */
	const char *id;             /* container ID */
	const char *bundle;         /* bundle directory (relative: to the cwd) */
	const char *pid_file;       /* NULL: none */
	const char *console_socket; /* NULL: none */
	bool no_pivot;              /* MS_MOVE + chroot instead of pivot_root */
	bool no_new_keyring;        /* keep the caller's session keyring */
	unsigned listen_fds;        /* socket activation: pass fds 3 .. 3+N-1 with LISTEN_FDS */
	unsigned preserve_fds;      /* then pass the N fds after those */
};

/* Checks a container ID: non-empty, at most 255 bytes (NAME_MAX), runc's
 * character set [A-Za-z0-9_+.-], and not starting with '.' (so never "." or
 * "..", and never one of the state root's own hidden entries). */
int arca_id_validate(const char *id, struct arca_error **err);

/* `arca create`: the container exists in state created when this returns 0;
 * its init waits for start. On failure nothing is left behind. */
int arca_container_create(const struct arca_create_opts *opts, struct arca_error **err);

/* `arca start`: runs process.args in a created container, exactly once. */
int arca_container_start(const char *root, const char *id, struct arca_error **err);

struct arca_run_opts {
	struct arca_create_opts create;
	bool detach; /* return once started, as create + start do */
	bool keep;   /* don't delete the container when it exits */
};

/* `arca run`: create + start; unless detached, waits for the container,
 * forwarding signals to it, and stores its exit status in *exit_status
 * (128+N for death by signal N). */
int arca_container_run(const struct arca_run_opts *opts, int *exit_status, struct arca_error **err);

struct arca_exec_opts {
	const char *root;
	const char *id;
	/* The process: a spec `process` object read from process_file
	 * (containerd's way; nothing below is applied to it), or the config's
	 * process with args replaced and the rest changed as runc does. */
	const char *process_file;
	char *const *args;       /* COMMAND [ARG...], NULL-terminated */
	const char *cwd;         /* NULL: the config's */
	const char *const *env;  /* appended to the config's (NULL-terminated) */
	const char *const *caps; /* added to the bounding, effective and permitted
	                          * sets, and to ambient when the config has
	                          * inheritable ones (NULL-terminated) */
	bool set_uid, set_gid;   /* --user UID[:GID] */
	uint32_t uid, gid;
	const uint32_t *add_gids; /* appended to additionalGids */
	size_t n_add_gids;
	const char *apparmor_profile; /* NULL: the config's */
	const char *selinux_label;    /* NULL: the config's */
	bool tty;                     /* process.terminal: false unless asked for */
	bool no_new_privs;            /* true: noNewPrivileges; false: the config's */
	bool detach;                  /* return once the program was exec'd */
	const char *pid_file;         /* NULL: none */
	const char *console_socket;   /* NULL: none */
	unsigned preserve_fds;        /* pass fds 3 .. 3+N-1 on */
	bool ignore_paused;           /* exec into a paused container too */
};

/* `arca exec`: runs a process in the container's namespaces and cgroup
 * (created or running). Unless detached, waits for it, forwarding signals,
 * and stores its status in *exit_status (128+N for signal N). The process
 * is not recorded: `kill --all` and `delete --force` reach it through the
 * cgroup. */
int arca_container_exec(const struct arca_exec_opts *opts, int *exit_status,
                        struct arca_error **err);

/* `arca kill`: sends sig to the init (all: to every process of the
 * container's cgroup, and succeeds for a stopped container). */
int arca_container_kill(const char *root, const char *id, int sig, bool all,
                        struct arca_error **err);

/* `arca delete`: removes a stopped container; a created one is killed and
 * removed (runc behaviour, see docs/design.md); a running one only with
 * force. With force an unknown ID is not an error. */
int arca_container_delete(const char *root, const char *id, bool force, struct arca_error **err);

/* `arca state` */
int arca_container_state(const char *root, const char *id, struct arca_state **out,
                         struct arca_error **err);

/* `arca list`: every container under root, sorted by ID. */
int arca_container_list(const char *root, struct arca_state_list *out, struct arca_error **err);

/* `arca pause`: freezes every process of a running container's cgroup and
 * waits until the kernel reports it frozen; its status is then paused. */
int arca_container_pause(const char *root, const char *id, struct arca_error **err);

/* `arca resume`: thaws a paused container; its status is running again. */
int arca_container_resume(const char *root, const char *id, struct arca_error **err);

/* `arca ps`: the pids (as the host sees them) of every process in the
 * container's cgroup, sorted; *out is malloc'd (NULL when there is none). */
int arca_container_pids(const char *root, const char *id, pid_t **out, size_t *len,
                        struct arca_error **err);

#endif
