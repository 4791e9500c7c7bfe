#include "linux/config_devices.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "linux/safepath.h"
#include "util/path.h"

#define MAJOR_MAX    4095    /* the kernel's dev_t: 12 bits */
#define MINOR_MAX    1048575 /* 20 bits */
#define MODE_BITS    07777
#define MODE_DEFAULT 0666

/* One entry, checked and in the form the system calls want. */
struct device_job {
	const struct spec_device *spec;
	char where[40]; /* "linux.devices[3]" */
	char what[48];  /* what must be at path: "c 10:229", "a FIFO" */
	char *path;     /* absolute, cleaned */
	mode_t type;    /* S_IFCHR, S_IFBLK or S_IFIFO */
	dev_t rdev;
	mode_t mode; /* permission bits */
	uid_t uid;
	gid_t gid;
};

struct device_plan {
	struct device_job *jobs;
	size_t len;
};

static void plan_free(struct device_plan *plan)
{
	for (size_t i = 0; i < plan->len; i++)
		free(plan->jobs[i].path);
	free(plan->jobs);
}

static char type_letter(int type)
{
	static const char letters[] = {
	    [SPEC_DEVICE_CHAR] = 'c',
	    [SPEC_DEVICE_BLOCK] = 'b',
	    [SPEC_DEVICE_UNBUFFERED] = 'u',
	    [SPEC_DEVICE_FIFO] = 'p',
	};
	return letters[type];
}

static mode_t type_mode(int type)
{
	switch (type) {
	case SPEC_DEVICE_BLOCK:
		return S_IFBLK;
	case SPEC_DEVICE_FIFO:
		return S_IFIFO;
	default: /* c, and u: an unbuffered character device is a char node */
		return S_IFCHR;
	}
}

static int check_number(const struct device_job *job, const struct arca_opt_i64 *n,
                        const char *field, int64_t max, struct arca_error **err)
{
	if (!n->set)
		return arca_fail_msg(err, EINVAL, "%s.%s: required for type %c", job->where, field,
		                     type_letter(job->spec->type));
	if (n->value < 0 || n->value > max)
		return arca_fail_msg(err, EINVAL,
		                     "%s.%s: %" PRId64 " is out of range (0 to %" PRId64 ")",
		                     job->where, field, n->value, max);
	return 0;
}

/* major:minor (DEV-04): required but for a FIFO, which has none. */
static int set_numbers(struct device_job *job, struct arca_error **err)
{
	if (job->type == S_IFIFO) {
		snprintf(job->what, sizeof(job->what), "a FIFO");
		return 0;
	}
	int r = check_number(job, &job->spec->major, "major", MAJOR_MAX, err);
	if (r == 0)
		r = check_number(job, &job->spec->minor, "minor", MINOR_MAX, err);
	if (r < 0)
		return r;
	unsigned int major = (unsigned int)job->spec->major.value;
	unsigned int minor = (unsigned int)job->spec->minor.value;
	job->rdev = makedev(major, minor);
	snprintf(job->what, sizeof(job->what), "%c %u:%u", type_letter(job->spec->type), major,
	         minor);
	return 0;
}

/* fileMode (DEV-05): permission bits; file type bits are dropped like runc. */
static int set_mode(struct device_job *job, struct arca_error **err)
{
	if (!job->spec->file_mode.set) {
		job->mode = MODE_DEFAULT;
		return 0;
	}
	uint32_t mode = job->spec->file_mode.value & ~(uint32_t)S_IFMT;
	if (mode & ~(uint32_t)MODE_BITS)
		return arca_fail_msg(err, EINVAL,
		                     "%s.fileMode: %" PRIu32 " is not a file mode (at most 07777 "
		                     "and the file type bits)",
		                     job->where, job->spec->file_mode.value);
	job->mode = (mode_t)mode;
	return 0;
}

static int prepare_job(struct device_job *job, const struct spec_device *spec, size_t index,
                       struct arca_error **err)
{
	job->spec = spec;
	snprintf(job->where, sizeof(job->where), "linux.devices[%zu]", index);
	if (!spec->path || spec->path[0] != '/')
		return arca_fail_msg(err, EINVAL, "%s.path: must be an absolute path, got \"%s\"",
		                     job->where, spec->path ? spec->path : "");
	job->path = path_clean(spec->path);
	if (!job->path)
		return arca_fail(err, ENOMEM, "%s", job->where);
	if (strcmp(job->path, "/") == 0)
		return arca_fail_msg(err, EINVAL, "%s.path: must not be \"/\"", job->where);
	job->type = type_mode(spec->type);
	job->uid = spec->uid.set ? spec->uid.value : 0;
	job->gid = spec->gid.set ? spec->gid.value : 0;
	int r = set_numbers(job, err);
	return r < 0 ? r : set_mode(job, err);
}

static int check_duplicates(const struct device_plan *plan, struct arca_error **err)
{
	for (size_t i = 1; i < plan->len; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(plan->jobs[i].path, plan->jobs[j].path) == 0)
				return arca_fail_msg(err, EINVAL,
				                     "%s.path: %s is also linux.devices[%zu]",
				                     plan->jobs[i].where, plan->jobs[i].path, j);
	return 0;
}

static int plan_make(struct device_plan *plan, const struct spec_devices *devices,
                     struct arca_error **err)
{
	plan->jobs = calloc(devices->len, sizeof(*plan->jobs));
	if (!plan->jobs)
		return arca_fail(err, ENOMEM, "linux.devices");
	for (size_t i = 0; i < devices->len; i++) {
		plan->len = i + 1;
		int r = prepare_job(&plan->jobs[i], &devices->items[i], i, err);
		if (r < 0)
			return r;
	}
	return check_duplicates(plan, err);
}

static bool is_device(const struct stat *st, const struct device_job *job)
{
	return (st->st_mode & S_IFMT) == job->type &&
	       (job->type == S_IFIFO || st->st_rdev == job->rdev);
}

/* The node mknod made: still the one asked for, then its owner and mode. */
static int finish_node(int parent, const char *base, const struct device_job *job,
                       struct arca_error **err)
{
	_cleanup_close_ int node = openat(parent, base, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (node < 0 || fstat(node, &st) < 0)
		return arca_fail(err, errno, "%s: open the new node %s", job->where, job->path);
	if (!is_device(&st, job))
		return arca_fail_msg(err, EEXIST, "%s: %s was replaced while it was made",
		                     job->where, job->path);
	bool chowned = st.st_uid != job->uid || st.st_gid != job->gid;
	if (chowned && fchownat(node, "", job->uid, job->gid, AT_EMPTY_PATH) < 0)
		return arca_fail(err, errno, "%s: chown %s to %u:%u", job->where, job->path,
		                 (unsigned int)job->uid, (unsigned int)job->gid);
	/* after the chown, which may clear the setgid bit */
	if ((chowned || (st.st_mode & MODE_BITS) != job->mode) &&
	    fchmodat(parent, base, job->mode, AT_SYMLINK_NOFOLLOW) < 0)
		return arca_fail(err, errno, "%s: chmod %s to %04o", job->where, job->path,
		                 (unsigned int)job->mode);
	return 0;
}

/* The host's node at the same path, bound onto an empty file. */
static int bind_host_node(int rootfd, const struct device_job *job, struct arca_error **err)
{
	_cleanup_close_ int tree =
	    open_tree(AT_FDCWD, job->path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (tree < 0)
		return arca_fail(err, errno, "%s: bind the host's %s", job->where, job->path);
	struct stat st;
	if (fstat(tree, &st) < 0)
		return arca_fail(err, errno, "%s: bind the host's %s", job->where, job->path);
	if (!is_device(&st, job))
		return arca_fail_msg(err, EINVAL, "%s: the host's %s is not %s", job->where,
		                     job->path, job->what);
	_cleanup_close_ int target = safe_mkfile(rootfd, job->path, 0600);
	if (target < 0)
		return arca_fail(err, -target, "%s: make the mount point %s", job->where,
		                 job->path);
	if (move_mount(tree, "", target, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return arca_fail(err, errno, "%s: bind the host's %s", job->where, job->path);
	return 0;
}

/* The empty file a bind of a host node needs, as an earlier container on
 * this rootfs may have left it. */
static bool is_mount_point(const struct stat *st)
{
	return S_ISREG(st->st_mode) && st->st_size == 0;
}

static int check_existing(const struct stat *st, const struct device_job *job,
                          struct arca_error **err)
{
	if (!is_device(st, job))
		return arca_fail_msg(err, EEXIST, "%s: %s exists and is not %s", job->where,
		                     job->path, job->what);
	arca_debug("%s: %s is already there", job->where, job->path);
	return 0;
}

static int create_device(int rootfd, const struct device_job *job, bool in_user_ns,
                         struct arca_error **err)
{
	if (strcmp(job->path, "/dev/ptmx") == 0) {
		arca_debug("%s: /dev/ptmx is the devpts symlink, skipped", job->where);
		return 0;
	}
	_cleanup_free_ char *copy = strdup(job->path);
	if (!copy)
		return arca_fail(err, ENOMEM, "%s", job->where);
	const char *base;
	_cleanup_close_ int parent = safe_open_parent(rootfd, copy, &base);
	if (parent < 0)
		return arca_fail(err, -parent, "%s: make the directory of %s", job->where,
		                 job->path);
	bool bind = in_user_ns && job->type != S_IFIFO;
	struct stat st;
	if (fstatat(parent, base, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return bind && is_mount_point(&st) ? bind_host_node(rootfd, job, err)
		                                   : check_existing(&st, job, err);
	if (errno != ENOENT)
		return arca_fail(err, errno, "%s: %s", job->where, job->path);
	if (!bind) {
		if (mknodat(parent, base, job->type | job->mode, job->rdev) == 0)
			return finish_node(parent, base, job, err);
		if (errno != EPERM || job->type == S_IFIFO)
			return arca_fail(err, errno, "%s: mknod %s", job->where, job->path);
	}
	return bind_host_node(rootfd, job, err);
}

int devices_create_configured(int rootfd, const struct spec_devices *devices, bool in_user_ns,
                              struct arca_error **err)
{
	if (devices->len == 0)
		return 0;
	_cleanup_(plan_free) struct device_plan plan = {0};
	int r = plan_make(&plan, devices, err);
	for (size_t i = 0; r == 0 && i < plan.len; i++)
		r = create_device(rootfd, &plan.jobs[i], in_user_ns, err);
	return r;
}
