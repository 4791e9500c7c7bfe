/* seccomp_agent: a seccomp agent for the SCMP_ACT_NOTIFY tests.
 *
 *   seccomp_agent [-e ERRNO] [-t SECONDS] SOCKET STATE
 *
 * Listens on the AF_UNIX stream socket SOCKET (bound under a temporary name
 * and renamed into place once it listens, so a caller can wait for SOCKET to
 * appear), accepts one connection and reads it to EOF: the runtime's
 * container process state, which must come with exactly one fd (SCM_RIGHTS)
 * on its first part. The JSON text is written to STATE (through a temporary
 * file and a rename). Then it answers every notification of that listener
 * fd: with ERRNO (-e, a positive errno) as the error, or else as a success
 * that returns 0 without running the syscall. For each one it prints
 *     notified <syscall number>
 * on stdout. It ends when the listener reports that no process uses the
 * filter any more. Exit status 0 then; 2 bad usage, 3 a protocol error (no
 * fd, several fds), 4 a system call failed, 5 the -t time limit (default
 * 60 s) ran out. */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#define STATE_MAX 65536

static void die(int code, const char *what)
{
	fprintf(stderr, "seccomp_agent: %s: %s\n", what, strerror(errno));
	exit(code);
}

static void on_alarm(int sig)
{
	static const char msg[] = "seccomp_agent: time limit reached\n";
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
		fprintf(stderr, "seccomp_agent: socket path too long: %s\n", path);
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

/* The fd of the one SCM_RIGHTS message in hdr, or -1 when there is none. */
static int passed_fd(struct msghdr *hdr)
{
	int fd = -1;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(hdr); c; c = CMSG_NXTHDR(hdr, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		if (fd >= 0 || c->cmsg_len != CMSG_LEN(sizeof(int))) {
			fprintf(stderr, "seccomp_agent: more than one fd passed\n");
			exit(3);
		}
		memcpy(&fd, CMSG_DATA(c), sizeof fd);
	}
	return fd;
}

/* Reads the state to EOF into text; returns the listener fd. */
static int receive(int conn, char *text, size_t size)
{
	int fd = -1;
	size_t len = 0;
	for (;;) {
		union {
			char buf[CMSG_SPACE(4 * sizeof(int))];
			struct cmsghdr align;
		} control;
		struct iovec iov = {.iov_base = text + len, .iov_len = size - 1 - len};
		struct msghdr hdr = {.msg_iov = &iov,
		                     .msg_iovlen = 1,
		                     .msg_control = control.buf,
		                     .msg_controllen = sizeof control.buf};
		ssize_t n = recvmsg(conn, &hdr, MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die(4, "recvmsg");
		int got = passed_fd(&hdr);
		if (got >= 0 && (len > 0 || fd >= 0)) {
			fprintf(stderr, "seccomp_agent: an fd came after the first part\n");
			exit(3);
		}
		if (got >= 0)
			fd = got;
		if (n == 0)
			break;
		len += (size_t)n;
		if (len == size - 1) {
			fprintf(stderr, "seccomp_agent: the state is longer than %zu bytes\n",
			        size);
			exit(3);
		}
	}
	text[len] = '\0';
	if (fd < 0) {
		fprintf(stderr, "seccomp_agent: no fd came with the state\n");
		exit(3);
	}
	return fd;
}

static void save(const char *path, const char *text)
{
	char tmp[4096];
	int n = snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		fprintf(stderr, "seccomp_agent: path too long: %s\n", path);
		exit(2);
	}
	FILE *f = fopen(tmp, "we");
	if (!f)
		die(4, "open the state file");
	if (fputs(text, f) < 0 || fclose(f) != 0)
		die(4, "write the state file");
	if (rename(tmp, path) < 0)
		die(4, "rename the state file");
}

/* Answers notifications until no process uses the filter. */
static void serve(int listener, int error)
{
	struct seccomp_notif_sizes sizes;
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0)
		die(4, "SECCOMP_GET_NOTIF_SIZES");
	struct seccomp_notif *req = calloc(1, sizes.seccomp_notif);
	struct seccomp_notif_resp *resp = calloc(1, sizes.seccomp_notif_resp);
	if (!req || !resp)
		die(4, "calloc");
	for (;;) {
		struct pollfd p = {.fd = listener, .events = POLLIN};
		if (poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die(4, "poll");
		}
		if (!(p.revents & POLLIN))
			break; /* POLLHUP: the last process under the filter is gone */
		memset(req, 0, sizes.seccomp_notif);
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) < 0) {
			if (errno == EINTR || errno == ENOENT)
				continue; /* ENOENT: the process went away meanwhile */
			die(4, "SECCOMP_IOCTL_NOTIF_RECV");
		}
		printf("notified %d\n", req->data.nr);
		fflush(stdout);
		memset(resp, 0, sizes.seccomp_notif_resp);
		resp->id = req->id;
		resp->error = error ? -error : 0;
		resp->val = 0;
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0 && errno != ENOENT)
			die(4, "SECCOMP_IOCTL_NOTIF_SEND");
	}
	free(req);
	free(resp);
}

int main(int argc, char **argv)
{
	int error = 0;
	unsigned int limit = 60;
	int opt;
	while ((opt = getopt(argc, argv, "e:t:")) != -1) {
		if (opt == 'e')
			error = atoi(optarg);
		else if (opt == 't')
			limit = (unsigned int)atoi(optarg);
		else
			return 2;
	}
	if (argc - optind != 2 || error < 0) {
		fprintf(stderr, "usage: seccomp_agent [-e ERRNO] [-t SECONDS] SOCKET STATE\n");
		return 2;
	}
	signal(SIGALRM, on_alarm);
	alarm(limit);
	int sock = listen_at(argv[optind]);
	int conn = accept4(sock, NULL, NULL, SOCK_CLOEXEC);
	if (conn < 0)
		die(4, "accept");
	close(sock);
	static char text[STATE_MAX];
	int listener = receive(conn, text, sizeof text);
	close(conn);
	save(argv[optind + 1], text);
	serve(listener, error);
	close(listener);
	return 0;
}
