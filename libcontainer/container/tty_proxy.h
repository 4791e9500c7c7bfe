/* `run` in the foreground with process.terminal and no --console-socket:
 * arca keeps the pty master and copies between it and its own stdio, with
 * its terminal (if stdin is one) in raw mode and its size passed on, as
 * runc does. */
#ifndef ARCA_CONTAINER_TTY_PROXY_H
#define ARCA_CONTAINER_TTY_PROXY_H

#include <stdbool.h>
#include <termios.h>

#include "arca/error.h"

struct tty_proxy {
	int master; /* -1: nothing to proxy */
	bool input_open;
	bool raw; /* stdin is a terminal we put in raw mode */
	struct termios saved;
};

/* Takes master over; sizes it like our terminal and makes that raw. */
int tty_proxy_begin(struct tty_proxy *p, int master, struct arca_error **err);

/* Restores our terminal and closes the master. */
void tty_proxy_end(struct tty_proxy *p);

/* Our terminal's size, again (SIGWINCH). */
void tty_proxy_resize(const struct tty_proxy *p);

/* stdin -> master; EOF on stdin stops the input side. */
void tty_proxy_input(struct tty_proxy *p);

/* master -> stdout: one read, when the master polled readable. */
void tty_proxy_output(const struct tty_proxy *p);

/* master -> stdout until nothing is left (after the container exited). */
void tty_proxy_drain(const struct tty_proxy *p);

#endif
