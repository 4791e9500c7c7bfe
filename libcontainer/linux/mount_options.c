#include "linux/mount_options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

enum option_kind {
	OPT_ATTR,       /* value set on the mount, mask cleared first */
	OPT_REC_ATTR,   /* the same for the whole tree */
	OPT_PROPAGATE,  /* value is MS_*; recursive when `recursive` */
	OPT_BIND,       /* recursive: rbind */
	OPT_REMOUNT,    /* change an existing mount */
	OPT_COPY_UP,    /* seed a new tmpfs with what was at its destination */
	OPT_SB_FLAG,    /* superblock flag, handed to the filesystem as a parameter */
	OPT_IGNORED,    /* accepted, no effect on a new kernel (see below) */
	OPT_UNSUPPORTED /* recognised, not implemented yet */
};

struct option_def {
	const char *name;
	enum option_kind kind;
	uint64_t mask;  /* OPT_ATTR / OPT_REC_ATTR: bits cleared first */
	uint64_t value; /* bits set afterwards, or the MS_* propagation type */
	bool recursive;
};

#define ATTR(n, m, v)                                                                              \
	{                                                                                          \
		n, OPT_ATTR, m, v, false                                                           \
	}
#define REC(n, m, v)                                                                               \
	{                                                                                          \
		n, OPT_REC_ATTR, m, v, false                                                       \
	}
#define ATIME MOUNT_ATTR__ATIME

/* "atime", "norelatime" and "nostrictatime" all ask for the kernel's default
 * atime handling, which is relatime. "defaults" means nothing to add;
 * "silent"/"loud" only change kernel log verbosity and "iversion" /
 * "noiversion" are decided by the filesystem itself on current kernels, so
 * they are accepted without effect. */
static const struct option_def option_defs[] = {
    ATTR("ro", MOUNT_ATTR_RDONLY, MOUNT_ATTR_RDONLY),
    ATTR("rw", MOUNT_ATTR_RDONLY, 0),
    ATTR("nosuid", MOUNT_ATTR_NOSUID, MOUNT_ATTR_NOSUID),
    ATTR("suid", MOUNT_ATTR_NOSUID, 0),
    ATTR("nodev", MOUNT_ATTR_NODEV, MOUNT_ATTR_NODEV),
    ATTR("dev", MOUNT_ATTR_NODEV, 0),
    ATTR("noexec", MOUNT_ATTR_NOEXEC, MOUNT_ATTR_NOEXEC),
    ATTR("exec", MOUNT_ATTR_NOEXEC, 0),
    ATTR("noatime", ATIME, MOUNT_ATTR_NOATIME),
    ATTR("atime", ATIME, MOUNT_ATTR_RELATIME),
    ATTR("relatime", ATIME, MOUNT_ATTR_RELATIME),
    ATTR("norelatime", ATIME, MOUNT_ATTR_RELATIME),
    ATTR("strictatime", ATIME, MOUNT_ATTR_STRICTATIME),
    ATTR("nostrictatime", ATIME, MOUNT_ATTR_RELATIME),
    ATTR("nodiratime", MOUNT_ATTR_NODIRATIME, MOUNT_ATTR_NODIRATIME),
    ATTR("diratime", MOUNT_ATTR_NODIRATIME, 0),
    ATTR("nosymfollow", MOUNT_ATTR_NOSYMFOLLOW, MOUNT_ATTR_NOSYMFOLLOW),
    ATTR("symfollow", MOUNT_ATTR_NOSYMFOLLOW, 0),
    REC("rro", MOUNT_ATTR_RDONLY, MOUNT_ATTR_RDONLY),
    REC("rrw", MOUNT_ATTR_RDONLY, 0),
    REC("rnosuid", MOUNT_ATTR_NOSUID, MOUNT_ATTR_NOSUID),
    REC("rsuid", MOUNT_ATTR_NOSUID, 0),
    REC("rnodev", MOUNT_ATTR_NODEV, MOUNT_ATTR_NODEV),
    REC("rdev", MOUNT_ATTR_NODEV, 0),
    REC("rnoexec", MOUNT_ATTR_NOEXEC, MOUNT_ATTR_NOEXEC),
    REC("rexec", MOUNT_ATTR_NOEXEC, 0),
    REC("rnoatime", ATIME, MOUNT_ATTR_NOATIME),
    REC("ratime", ATIME, MOUNT_ATTR_RELATIME),
    REC("rrelatime", ATIME, MOUNT_ATTR_RELATIME),
    REC("rnorelatime", ATIME, MOUNT_ATTR_RELATIME),
    REC("rstrictatime", ATIME, MOUNT_ATTR_STRICTATIME),
    REC("rnostrictatime", ATIME, MOUNT_ATTR_RELATIME),
    REC("rnodiratime", MOUNT_ATTR_NODIRATIME, MOUNT_ATTR_NODIRATIME),
    REC("rdiratime", MOUNT_ATTR_NODIRATIME, 0),
    REC("rnosymfollow", MOUNT_ATTR_NOSYMFOLLOW, MOUNT_ATTR_NOSYMFOLLOW),
    REC("rsymfollow", MOUNT_ATTR_NOSYMFOLLOW, 0),
    {"private", OPT_PROPAGATE, 0, MS_PRIVATE, false},
    {"rprivate", OPT_PROPAGATE, 0, MS_PRIVATE, true},
    {"shared", OPT_PROPAGATE, 0, MS_SHARED, false},
    {"rshared", OPT_PROPAGATE, 0, MS_SHARED, true},
    {"slave", OPT_PROPAGATE, 0, MS_SLAVE, false},
    {"rslave", OPT_PROPAGATE, 0, MS_SLAVE, true},
    {"unbindable", OPT_PROPAGATE, 0, MS_UNBINDABLE, false},
    {"runbindable", OPT_PROPAGATE, 0, MS_UNBINDABLE, true},
    {"bind", OPT_BIND, 0, 0, false},
    {"rbind", OPT_BIND, 0, 0, true},
    {"remount", OPT_REMOUNT, 0, 0, false},
    {"sync", OPT_SB_FLAG, 0, 0, false},
    {"async", OPT_SB_FLAG, 0, 0, false},
    {"dirsync", OPT_SB_FLAG, 0, 0, false},
    {"mand", OPT_SB_FLAG, 0, 0, false},
    {"nomand", OPT_SB_FLAG, 0, 0, false},
    {"lazytime", OPT_SB_FLAG, 0, 0, false},
    {"nolazytime", OPT_SB_FLAG, 0, 0, false},
    {"defaults", OPT_IGNORED, 0, 0, false},
    {"silent", OPT_IGNORED, 0, 0, false},
    {"loud", OPT_IGNORED, 0, 0, false},
    {"iversion", OPT_IGNORED, 0, 0, false},
    {"noiversion", OPT_IGNORED, 0, 0, false},
    {"tmpcopyup", OPT_COPY_UP, 0, 0, false},
    {"idmap", OPT_UNSUPPORTED, 0, 0, false},
    {"ridmap", OPT_UNSUPPORTED, 0, 0, false},
};

#define N_OPTION_DEFS (sizeof(option_defs) / sizeof(option_defs[0]))

const char *mount_option_name(size_t index)
{
	return index < N_OPTION_DEFS ? option_defs[index].name : NULL;
}

static const struct option_def *find_option(const char *name)
{
	for (size_t i = 0; i < N_OPTION_DEFS; i++)
		if (strcmp(option_defs[i].name, name) == 0)
			return &option_defs[i];
	return NULL;
}

static void apply_attr(uint64_t *set, uint64_t *clr, const struct option_def *def)
{
	*set = (*set & ~def->mask) | def->value;
	*clr |= def->mask;
}

static int add_param(struct mount_options *out, const char *param, size_t capacity)
{
	if (out->n_fs_params >= capacity)
		return -ENOMEM;
	out->fs_params[out->n_fs_params++] = param;
	return 0;
}

static int apply_option(struct mount_options *out, const char *opt, const struct option_def *def,
                        const char *where, struct arca_error **err)
{
	switch (def->kind) {
	case OPT_ATTR:
		apply_attr(&out->attr_set, &out->attr_clr, def);
		return 0;
	case OPT_REC_ATTR:
		apply_attr(&out->rec_attr_set, &out->rec_attr_clr, def);
		return 0;
	case OPT_PROPAGATE:
		if (out->n_propagation == MOUNT_MAX_PROPAGATION)
			return arca_fail_msg(err, EINVAL, "%s: too many propagation options",
			                     where);
		out->propagation[out->n_propagation].type = def->value;
		out->propagation[out->n_propagation++].recursive = def->recursive;
		return 0;
	case OPT_BIND:
		out->bind = true;
		out->recursive_bind |= def->recursive;
		return 0;
	case OPT_REMOUNT:
		out->remount = true;
		return 0;
	case OPT_COPY_UP:
		out->copy_up = true;
		return 0;
	case OPT_IGNORED:
		return 0;
	case OPT_UNSUPPORTED:
		return arca_fail_msg(err, ENOTSUP, "%s: mount option \"%s\" is not supported yet",
		                     where, opt);
	case OPT_SB_FLAG:
		break;
	}
	return 1; /* handed to the filesystem */
}

int mount_options_parse(const struct arca_strv *options, const char *where,
                        struct mount_options *out, struct arca_error **err)
{
	*out = (struct mount_options){0};
	if (options->len == 0)
		return 0;
	out->fs_params = calloc(options->len, sizeof(*out->fs_params));
	if (!out->fs_params)
		return arca_fail(err, ENOMEM, "%s", where);
	for (size_t i = 0; i < options->len; i++) {
		const char *opt = options->items[i];
		const struct option_def *def = find_option(opt);
		int r = def ? apply_option(out, opt, def, where, err) : 1;
		if (r == 1)
			r = add_param(out, opt, options->len);
		if (r < 0) {
			mount_options_release(out);
			return r;
		}
	}
	return 0;
}

void mount_options_release(struct mount_options *opts)
{
	free(opts->fs_params);
	opts->fs_params = NULL;
	opts->n_fs_params = 0;
}
