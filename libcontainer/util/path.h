/* Lexical path helpers: no symlink is followed, nothing touches the disk
 * except getcwd for making a relative path absolute. */
#ifndef ARCA_UTIL_PATH_H
#define ARCA_UTIL_PATH_H

#include "arca/error.h"

/* "/a//b/./c/../d/" -> "/a/b/d"; a relative path stays relative and ".."
 * components that cannot be resolved lexically are kept ("../x"). */
char *path_clean(const char *path);

/* path made absolute against the cwd, then cleaned (like Go's filepath.Abs). */
int path_absolute(const char *path, char **out, struct arca_error **err);

/* base + "/" + rel, cleaned; rel absolute means rel itself (cleaned). */
char *path_resolve_from(const char *base, const char *rel);

#endif
