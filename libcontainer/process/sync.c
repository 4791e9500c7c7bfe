#include "process/sync.h"
#include "util/fd_pass.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <unistd.h>

int sync_pair(int pair[2], struct arca_error **err)
{
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0)
		return arca_fail(err, errno, "make the sync socket");
	return 0;
}

static void fill(struct sync_msg *msg, enum sync_type type, int code, const char *text)
{
	msg->type = type;
	msg->code = code;
	msg->text[0] = '\0';
	if (text) {
		strncpy(msg->text, text, SYNC_TEXT_MAX - 1);
		msg->text[SYNC_TEXT_MAX - 1] = '\0';
	}
}

/* One message, with fd attached as SCM_RIGHTS when it is >= 0. */
static int send_msg(int fd, const struct sync_msg *msg, int passed_fd)
{
	union fd_pass_control control;
	struct iovec iov = {.iov_base = (void *)msg,
	                    .iov_len = offsetof(struct sync_msg, text) + strlen(msg->text) + 1};
	struct msghdr hdr = {.msg_iov = &iov, .msg_iovlen = 1};
	if (passed_fd >= 0)
		fd_pass_attach(&hdr, &control, passed_fd);
	ssize_t n;
	do {
		n = sendmsg(fd, &hdr, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : 0;
}

int sync_send(int fd, enum sync_type type, int code, const char *text)
{
	struct sync_msg msg;
	fill(&msg, type, code, text);
	return send_msg(fd, &msg, -1);
}

int sync_send_fd(int fd, enum sync_type type, int passed_fd)
{
	struct sync_msg msg;
	fill(&msg, type, 0, NULL);
	return send_msg(fd, &msg, passed_fd);
}

int sync_send_pidfd(int fd)
{
	int self = pidfd_open(getpid(), 0);
	if (self < 0)
		return -errno;
	struct sync_msg msg;
	fill(&msg, SYNC_PID, 0, NULL);
	int r = send_msg(fd, &msg, self);
	close(self);
	return r;
}

static int passed_fd_of(struct msghdr *hdr)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(hdr); c; c = CMSG_NXTHDR(hdr, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    c->cmsg_len == CMSG_LEN(sizeof(int))) {
			int fd;
			memcpy(&fd, CMSG_DATA(c), sizeof(fd));
			return fd;
		}
	}
	return -1;
}

int sync_recv(int fd, struct sync_msg *msg, int *passed_fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = {.iov_base = msg, .iov_len = sizeof(*msg)};
	struct msghdr hdr = {.msg_iov = &iov,
	                     .msg_iovlen = 1,
	                     .msg_control = control.buf,
	                     .msg_controllen = sizeof(control.buf)};
	ssize_t n;
	do {
		n = recvmsg(fd, &hdr, MSG_CMSG_CLOEXEC);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == ECONNRESET ? 1 : -errno;
	if (n == 0)
		return 1;
	int received = passed_fd_of(&hdr);
	if ((size_t)n < offsetof(struct sync_msg, text) + 1) {
		if (received >= 0)
			close(received);
		return -EBADMSG;
	}
	msg->text[(size_t)n - offsetof(struct sync_msg, text) - 1] = '\0';
	if (passed_fd)
		*passed_fd = received;
	else if (received >= 0)
		close(received);
	return 0;
}

int sync_expect(int fd, enum sync_type type, struct arca_error **err)
{
	struct sync_msg msg;
	int r = sync_recv(fd, &msg, NULL);
	if (r == 1)
		return arca_fail_msg(err, EPIPE, "the runtime went away");
	if (r < 0)
		return arca_fail(err, -r, "read the sync socket");
	if (msg.type != (uint32_t)type)
		return arca_fail_msg(err, EPROTO, "sync socket: expected message %d, got %u", type,
		                     msg.type);
	return 0;
}

int sync_expect_fd(int fd, enum sync_type type, int *passed_fd, struct arca_error **err)
{
	struct sync_msg msg;
	*passed_fd = -1;
	int r = sync_recv(fd, &msg, passed_fd);
	if (r == 1)
		return arca_fail_msg(err, EPIPE, "the runtime went away");
	if (r < 0)
		return arca_fail(err, -r, "read the sync socket");
	if (msg.type == (uint32_t)type && *passed_fd >= 0)
		return 0;
	if (*passed_fd >= 0)
		close(*passed_fd);
	*passed_fd = -1;
	return arca_fail_msg(err, EPROTO, "sync socket: expected message %d with an fd, got %u",
	                     type, msg.type);
}
