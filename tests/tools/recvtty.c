/* recvtty: the receiving end of `--console-socket`, for the console tests.
 *
 *   recvtty [-i LINE] [-t SECONDS] SOCKET
 *
 * Listens on the AF_UNIX stream socket SOCKET (made under a temporary name
 * and renamed into place once it listens, so a caller can wait for SOCKET to
 * appear and then connect without a race), accepts one connection and reads
 * one message from it, which must carry exactly one file descriptor
 * (SCM_RIGHTS) that is a pty master. It reports on stderr:
 *     name: <the message payload>
 *     ptn: <the pty number of the received master>
 * then writes LINE and a newline into the pty when -i is given, and copies
 * everything the pty prints to stdout until the slave side is closed (EIO or
 * EOF). Exit status 0 then; 2 bad usage, 3 a protocol error (no fd, several
 * fds, not a pty), 4 a system call failed, 5 the -t time limit (default 60 s)
 * ran out. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void die(int code, const char *what)
{
	fprintf(stderr, "recvtty: %s: %s\n", what, strerror(errno));
	exit(code);
}

static void on_alarm(int sig)
{
	static const char msg[] = "recvtty: time limit reached\n";
	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more to do */
	}
	_exit(5);
}

static int listen_at(const char *path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	char tmp[sizeof addr.sun_path];
	int n = snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	if (n < 0 || (size_t)n >= sizeof tmp) {
		fprintf(stderr, "recvtty: socket path too long: %s\n", path);
		exit(2);
	}
	memcpy(addr.sun_path, tmp, (size_t)n + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die(4, "socket");
	unlink(tmp);
	if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
		die(4, "bind");
	if (listen(fd, 1) < 0)
		die(4, "listen");
	if (rename(tmp, path) < 0)
		die(4, "rename the socket into place");
	return fd;
}

/* one message: its payload printed, its single fd returned */
static int receive_fd(int conn)
{
	char payload[4096];
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int) * 4)];
	} control;
	struct iovec iov = {.iov_base = payload, .iov_len = sizeof payload - 1};
	struct msghdr msg = {
	    .msg_iov = &iov,
	    .msg_iovlen = 1,
	    .msg_control = control.buf,
	    .msg_controllen = sizeof control.buf,
	};
	ssize_t n;
	do
		n = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		die(4, "recvmsg");
	payload[n] = '\0';
	fprintf(stderr, "name: %s\n", payload);
	if (msg.msg_flags & MSG_CTRUNC) {
		fprintf(stderr, "recvtty: control data truncated (too many fds)\n");
		exit(3);
	}
	int fd = -1, count = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		size_t len = c->cmsg_len - CMSG_LEN(0);
		for (size_t off = 0; off + sizeof(int) <= len; off += sizeof(int)) {
			memcpy(&fd, CMSG_DATA(c) + off, sizeof fd);
			count++;
		}
	}
	if (count != 1) {
		fprintf(stderr, "recvtty: expected exactly one fd, got %d\n", count);
		exit(3);
	}
	unsigned int ptn;
	if (ioctl(fd, TIOCGPTN, &ptn) < 0) {
		fprintf(stderr, "recvtty: the fd is not a pty master: %s\n", strerror(errno));
		exit(3);
	}
	fprintf(stderr, "ptn: %u\n", ptn);
	return fd;
}

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			die(4, "write");
		buf += w;
		len -= (size_t)w;
	}
}

int main(int argc, char **argv)
{
	const char *input = NULL;
	unsigned int limit = 60;
	int opt;
	while ((opt = getopt(argc, argv, "i:t:")) != -1) {
		switch (opt) {
		case 'i':
			input = optarg;
			break;
		case 't':
			limit = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: recvtty [-i LINE] [-t SECONDS] SOCKET\n");
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: recvtty [-i LINE] [-t SECONDS] SOCKET\n");
		return 2;
	}
	signal(SIGALRM, on_alarm);
	signal(SIGPIPE, SIG_IGN);
	alarm(limit);

	int lfd = listen_at(argv[optind]);
	int conn;
	do
		conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	while (conn < 0 && errno == EINTR);
	if (conn < 0)
		die(4, "accept");
	int master = receive_fd(conn);
	close(conn);
	close(lfd);

	if (input) {
		write_all(master, input, strlen(input));
		write_all(master, "\n", 1);
	}
	char buf[4096];
	for (;;) {
		ssize_t n = read(master, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || (n < 0 && errno == EIO))
			break;
		if (n < 0)
			die(4, "read the pty");
		write_all(1, buf, (size_t)n);
	}
	return 0;
}
