#include "linux/oom_score.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "util/io.h"

int oom_score_apply(int procfd, pid_t pid, const struct arca_opt_i32 *adj, struct arca_error **err)
{
	if (!adj->set)
		return 0;
	char path[32];
	snprintf(path, sizeof(path), "%d/oom_score_adj", (int)pid);
	_cleanup_close_ int fd = openat(procfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "process.oomScoreAdj: open /proc/%s", path);
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", adj->value);
	int r = write_all(fd, buf, (size_t)len);
	if (r == -EACCES || r == -EPERM)
		return arca_fail(
		    err, -r,
		    "process.oomScoreAdj: %d is below the lowest value the runtime may set "
		    "without CAP_SYS_RESOURCE (oom_score_adj_min)",
		    adj->value);
	if (r < 0)
		return arca_fail(err, -r, "process.oomScoreAdj: write %d", adj->value);
	return 0;
}
