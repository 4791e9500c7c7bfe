#include "process/fifo.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "state/store.h"

/* Waits until fd has data or EOF; -ESRCH when the init dies first. */
static int wait_readable(int fd, int init_pidfd, bool init_may_exit)
{
	struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = init_pidfd, .events = POLLIN}};
	for (;;) {
		int n = poll(p, init_may_exit ? 1 : 2, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (p[0].revents)
			return 0;
		if (p[1].revents)
			return -ESRCH;
	}
}

/* Reads what the init writes: "0" once released, then, only if execve
 * failed, why. Returns the number of bytes of that message. */
static int read_outcome(int fd, int init_pidfd, char *msg, size_t size, bool *released)
{
	size_t len = 0;
	for (;;) {
		int r = wait_readable(fd, init_pidfd, *released);
		if (r < 0)
			return r;
		char buf[512];
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return *released ? (int)len : -EPIPE;
		size_t skip = 0;
		if (!*released) {
			*released = buf[0] == '0';
			skip = 1;
		}
		size_t take = (size_t)n - skip;
		if (take > size - 1 - len)
			take = size - 1 - len;
		memcpy(msg + len, buf + skip, take);
		len += take;
		msg[len] = '\0';
	}
}

int fifo_release(int dirfd, int init_pidfd, struct arca_error **err)
{
	_cleanup_close_ int fd = openat(dirfd, STATE_FIFO_FILE, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "open %s", STATE_FIFO_FILE);
	if (unlinkat(dirfd, STATE_FIFO_FILE, 0) < 0)
		return arca_fail(err, errno, "remove %s", STATE_FIFO_FILE);
	char msg[1024] = "";
	bool released = false;
	int r = read_outcome(fd, init_pidfd, msg, sizeof(msg), &released);
	if (r == -ESRCH || r == -EPIPE)
		return arca_fail_msg(err, ESRCH,
		                     "the container init exited before it started the "
		                     "program");
	if (r < 0)
		return arca_fail(err, -r, "read %s", STATE_FIFO_FILE);
	if (r > 0)
		return arca_fail_msg(err, EIO, "%s", msg);
	return 0;
}
