/* mounts[].options (MNT-06..10) parsed into what the new mount API takes:
 * per-mount attributes (MOUNT_ATTR_*), recursive attributes for the r*
 * variants, propagation changes in the order given, and the filesystem
 * parameters (everything mount(2) would have put into `data`). */
#ifndef ARCA_LINUX_MOUNT_OPTIONS_H
#define ARCA_LINUX_MOUNT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arca/error.h"
#include "arca/spec.h"

#define MOUNT_MAX_PROPAGATION 8

struct mount_options {
	uint64_t attr_set; /* MOUNT_ATTR_* for the mount itself */
	uint64_t attr_clr;
	uint64_t rec_attr_set; /* MOUNT_ATTR_* for the whole tree (rro, rnosuid, ...) */
	uint64_t rec_attr_clr;
	struct {
		uint64_t type; /* MS_SHARED, MS_SLAVE, MS_PRIVATE or MS_UNBINDABLE */
		bool recursive;
	} propagation[MOUNT_MAX_PROPAGATION];
	size_t n_propagation;
	bool bind;
	bool recursive_bind;
	bool remount;
	bool copy_up;           /* tmpcopyup */
	const char **fs_params; /* borrowed from the spec: "key=value" or "flag" */
	size_t n_fs_params;
};

void mount_options_release(struct mount_options *opts);

/* Parses options; `where` names them in messages ("mounts[3].options"). */
int mount_options_parse(const struct arca_strv *options, const char *where,
                        struct mount_options *out, struct arca_error **err);

/* The index-th option name arca recognises, NULL past the last one (for
 * `features`). */
const char *mount_option_name(size_t index);

#endif
