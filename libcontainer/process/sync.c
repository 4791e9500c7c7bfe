#include "process/sync.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int sync_pair(int pair[2], struct arca_error **err)
{
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0)
		return arca_fail(err, errno, "make the sync socket");
	int on = 1;
	if (setsockopt(pair[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) < 0) {
		int e = errno;
		close(pair[0]);
		close(pair[1]);
		return arca_fail(err, e, "set SO_PASSCRED on the sync socket");
	}
	return 0;
}

static size_t msg_size(const struct sync_msg *msg)
{
	return offsetof(struct sync_msg, text) + strlen(msg->text) + 1;
}

/* hdr is a copy: the pointer to iov must not outlive this call. */
static int send_msg(int fd, const struct sync_msg *msg, struct msghdr hdr)
{
	struct iovec iov = {.iov_base = (void *)msg, .iov_len = msg_size(msg)};
	hdr.msg_iov = &iov;
	hdr.msg_iovlen = 1;
	ssize_t n;
	do {
		n = sendmsg(fd, &hdr, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : 0;
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

int sync_send(int fd, enum sync_type type, int code, const char *text)
{
	struct sync_msg msg;
	fill(&msg, type, code, text);
	struct msghdr hdr = {0};
	return send_msg(fd, &msg, hdr);
}

int sync_send_pid(int fd)
{
	struct sync_msg msg;
	fill(&msg, SYNC_PID, 0, NULL);
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} control = {0};
	struct msghdr hdr = {.msg_control = control.buf, .msg_controllen = sizeof(control.buf)};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&hdr);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_CREDENTIALS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(struct ucred));
	struct ucred cred = {.pid = getpid(), .uid = getuid(), .gid = getgid()};
	memcpy(CMSG_DATA(cmsg), &cred, sizeof(cred));
	return send_msg(fd, &msg, hdr);
}

static pid_t credentials_pid(struct msghdr *hdr)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(hdr); c; c = CMSG_NXTHDR(hdr, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
			struct ucred cred;
			memcpy(&cred, CMSG_DATA(c), sizeof(cred));
			return cred.pid;
		}
	}
	return 0;
}

int sync_recv(int fd, struct sync_msg *msg, pid_t *cred_pid)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
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
	if ((size_t)n < offsetof(struct sync_msg, text) + 1)
		return -EBADMSG;
	msg->text[(size_t)n - offsetof(struct sync_msg, text) - 1] = '\0';
	if (cred_pid)
		*cred_pid = credentials_pid(&hdr);
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
