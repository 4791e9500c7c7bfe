/* A directory tree copied with its modes, owners and times: what the
 * "tmpcopyup" mount option (MNT-08) needs to seed a new tmpfs with what was
 * at its destination. Nothing is followed: symlinks are copied as links,
 * device nodes and fifos as nodes, and the depth is bounded so a hostile
 * image cannot exhaust the init's stack. */
#ifndef ARCA_LINUX_COPY_TREE_H
#define ARCA_LINUX_COPY_TREE_H

#include "arca/error.h"

#define COPY_TREE_MAX_DEPTH 64

/* from and to are O_RDONLY|O_DIRECTORY fds; what is copied is named in
 * messages relative to `where`. */
int copy_tree(int from, int to, const char *where, struct arca_error **err);

#endif
