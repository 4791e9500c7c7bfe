#include "arca/spec_write.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/spec.h"
#include "util/io.h"

#define CONFIG_NAME "config.json"

static int write_config(int dirfd, const char *bundle, const char *json, struct arca_error **err)
{
	_cleanup_close_ int fd =
	    openat(dirfd, CONFIG_NAME, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0 && errno == EEXIST)
		return arca_fail_msg(err, EEXIST,
		                     "%s/" CONFIG_NAME ": already exists; remove it first", bundle);
	if (fd < 0)
		return arca_fail(err, errno, "create %s/" CONFIG_NAME, bundle);
	int r = write_all(fd, json, strlen(json));
	if (r == 0 && close(TAKE_FD(fd)) < 0)
		r = -errno;
	if (r < 0) {
		unlinkat(dirfd, CONFIG_NAME, 0);
		return arca_fail(err, -r, "write %s/" CONFIG_NAME, bundle);
	}
	return 0;
}

int arca_spec_write_default(const char *bundle, bool rootless, struct arca_error **err)
{
	_cleanup_free_ char *json = NULL;
	int r = spec_default_json(rootless, getuid(), getgid(), &json, err);
	if (r < 0)
		return r;
	_cleanup_close_ int dirfd = open(bundle, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return arca_fail(err, errno, "open bundle directory %s", bundle);
	return write_config(dirfd, bundle, json, err);
}
