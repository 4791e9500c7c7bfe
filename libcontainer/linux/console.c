#include "linux/console.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "linux/safepath.h"
#include "util/fd_pass.h"

int console_socket_connect(const char *path, struct arca_error **err)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	size_t len = strlen(path);
	if (len >= sizeof(addr.sun_path))
		return arca_fail_msg(err, ENAMETOOLONG, "--console-socket %s: path too long", path);
	memcpy(addr.sun_path, path, len + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return arca_fail(err, errno, "--console-socket: socket");
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int e = errno;
		close(fd);
		return arca_fail(err, e, "--console-socket: connect to %s", path);
	}
	return fd;
}

int console_receive(int sock, struct arca_error **err)
{
	char name[64];
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = {.iov_base = name, .iov_len = sizeof(name)};
	struct msghdr hdr = {.msg_iov = &iov,
	                     .msg_iovlen = 1,
	                     .msg_control = control.buf,
	                     .msg_controllen = sizeof(control.buf)};
	if (recvmsg(sock, &hdr, MSG_CMSG_CLOEXEC) < 0)
		return arca_fail(err, errno, "receive the container's terminal");
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&hdr);
	if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS || cmsg->cmsg_len != CMSG_LEN(sizeof(int)))
		return arca_fail_msg(err, EPROTO, "the container init sent no terminal");
	int fd;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(fd));
	return fd;
}

static int send_master(int socket_fd, int master, const char *name, struct arca_error **err)
{
	union fd_pass_control control;
	struct iovec iov = {.iov_base = (void *)name, .iov_len = strlen(name)};
	struct msghdr hdr = {.msg_iov = &iov, .msg_iovlen = 1};
	fd_pass_attach(&hdr, &control, master);
	if (sendmsg(socket_fd, &hdr, MSG_NOSIGNAL) < 0)
		return arca_fail(err, errno, "--console-socket: send the terminal");
	return 0;
}

/* CVE-2025-52565: /dev/console is made by arca in the container's /dev and
 * opened without following anything; whatever the image has there that is
 * not a plain file (a symlink to a procfs file, a device node) is removed
 * first, never opened or bound over. */
static int make_console_target(int rootfd, struct arca_error **err)
{
	_cleanup_close_ int dev = safe_mkdir_all(rootfd, "/dev", 0755);
	if (dev < 0)
		return arca_fail(err, -dev, "open /dev in the rootfs");
	_cleanup_close_ int dir = openat(dev, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return arca_fail(err, errno, "open /dev in the rootfs");
	struct stat st;
	if (fstatat(dir, "console", &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode) &&
	    unlinkat(dir, "console", 0) < 0)
		return arca_fail(err, errno, "remove the image's /dev/console");
	int made = openat(dir, "console", O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (made < 0)
		return arca_fail(err, errno, "make /dev/console");
	close(made);
	int target = openat(dir, "console", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	return target < 0 ? arca_fail(err, errno, "open /dev/console") : target;
}

static int bind_console(int rootfd, int slave, struct arca_error **err)
{
	_cleanup_close_ int target = make_console_target(rootfd, err);
	if (target < 0)
		return target;
	_cleanup_close_ int tree =
	    open_tree(slave, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH);
	if (tree < 0)
		return arca_fail(err, errno, "bind the terminal onto /dev/console");
	if (move_mount(tree, "", target, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return arca_fail(err, errno, "bind the terminal onto /dev/console");
	return 0;
}

/* A pty of the container's devpts (rootfd: its root), unlocked and sized:
 * the master and its number in *master and *number, the slave returned. */
static int open_pty(int rootfd, const struct spec_box *size, int *master, unsigned int *number,
                    struct arca_error **err)
{
	*master = safe_open(rootfd, "/dev/ptmx", O_RDWR | O_NOCTTY);
	if (*master < 0)
		return arca_fail(err, -*master,
		                 "process.terminal: open /dev/ptmx (is /dev/pts mounted?)");
	int unlock = 0;
	if (ioctl(*master, TIOCSPTLCK, &unlock) < 0 || ioctl(*master, TIOCGPTN, number) < 0)
		return arca_fail(err, errno, "process.terminal: unlock the pty");
	_cleanup_close_ int slave = ioctl(*master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		return arca_fail(err, errno, "process.terminal: open the pty slave");
	if (size) {
		struct winsize ws = {.ws_row = (unsigned short)size->height,
		                     .ws_col = (unsigned short)size->width};
		if (ioctl(slave, TIOCSWINSZ, &ws) < 0)
			return arca_fail(err, errno, "process.consoleSize: set the terminal size");
	}
	return TAKE_FD(slave);
}

static int send_pty(int socket_fd, int master, unsigned int number, struct arca_error **err)
{
	char name[32];
	snprintf(name, sizeof(name), "/dev/pts/%u", number);
	return send_master(socket_fd, master, name, err);
}

int console_setup(int rootfd, int socket_fd, const struct spec_box *size, struct arca_error **err)
{
	_cleanup_close_ int master = -1;
	unsigned int number = 0;
	_cleanup_close_ int slave = open_pty(rootfd, size, &master, &number, err);
	if (slave < 0)
		return slave;
	int r = bind_console(rootfd, slave, err);
	if (r == 0)
		r = send_pty(socket_fd, master, number, err);
	return r < 0 ? r : TAKE_FD(slave);
}

int console_open_pty(int rootfd, int socket_fd, const struct spec_box *size,
                     struct arca_error **err)
{
	_cleanup_close_ int master = -1;
	unsigned int number = 0;
	_cleanup_close_ int slave = open_pty(rootfd, size, &master, &number, err);
	if (slave < 0)
		return slave;
	int r = send_pty(socket_fd, master, number, err);
	return r < 0 ? r : TAKE_FD(slave);
}

int console_make_stdio(int slave, struct arca_error **err)
{
	if (setsid() < 0)
		return arca_fail(err, errno, "process.terminal: setsid");
	if (ioctl(slave, TIOCSCTTY, 0) < 0)
		return arca_fail(err, errno, "process.terminal: set the controlling terminal");
	for (int fd = 0; fd < 3; fd++)
		if (dup2(slave, fd) < 0)
			return arca_fail(err, errno, "process.terminal: dup2 onto fd %d", fd);
	return 0;
}
