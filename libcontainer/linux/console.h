/* process.terminal (PROC-01, PROC-02): a pty from the container's devpts,
 * the master sent to the caller's --console-socket, the slave bound to
 * /dev/console and made the program's stdio and controlling terminal. */
#ifndef ARCA_LINUX_CONSOLE_H
#define ARCA_LINUX_CONSOLE_H

#include "arca/error.h"
#include "arca/spec.h"

/* Before pivot_root, with rootfd the rootfs: opens /dev/ptmx of the
 * container, sizes the terminal, binds the slave onto /dev/console, sends
 * the master over socket_fd (one message, the pty's name as payload, the fd
 * as SCM_RIGHTS) and returns the slave's fd. */
int console_setup(int rootfd, int socket_fd, const struct spec_box *size, struct arca_error **err);

/* For exec: the same pty, with the master sent over socket_fd, but not bound
 * to /dev/console, which stays the init's. */
int console_open_pty(int rootfd, int socket_fd, const struct spec_box *size,
                     struct arca_error **err);

/* In the init, last: a new session with the slave as controlling terminal
 * and as fds 0, 1 and 2. */
int console_make_stdio(int slave, struct arca_error **err);

/* Connects to the --console-socket path (runtime side, before clone). */
int console_socket_connect(const char *path, struct arca_error **err);

/* Receives the pty master the init sent over sock (the runtime's own end of
 * a console socketpair, when `run` proxies the terminal itself). */
int console_receive(int sock, struct arca_error **err);

#endif
