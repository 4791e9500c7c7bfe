#include "container/tty_proxy.h"

#include <errno.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "util/io.h"

int tty_proxy_begin(struct tty_proxy *p, int master, struct arca_error **err)
{
	*p = (struct tty_proxy){.master = master, .input_open = true};
	if (!isatty(STDIN_FILENO))
		return 0;
	tty_proxy_resize(p);
	if (tcgetattr(STDIN_FILENO, &p->saved) < 0)
		return arca_fail(err, errno, "read the terminal's settings");
	struct termios raw = p->saved;
	cfmakeraw(&raw);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) < 0)
		return arca_fail(err, errno, "put the terminal in raw mode");
	p->raw = true;
	return 0;
}

void tty_proxy_end(struct tty_proxy *p)
{
	if (p->raw)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &p->saved); /* best effort, on the way out */
	if (p->master >= 0)
		close(p->master);
	p->master = -1;
}

void tty_proxy_resize(const struct tty_proxy *p)
{
	struct winsize ws;
	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0)
		(void)ioctl(p->master, TIOCSWINSZ, &ws); /* a stale size is harmless */
}

void tty_proxy_input(struct tty_proxy *p)
{
	char buf[4096];
	ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
	if (n > 0)
		write_all(p->master, buf, (size_t)n);
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		p->input_open = false;
}

/* One read: the caller polled the master readable. */
static bool copy_output(const struct tty_proxy *p)
{
	char buf[4096];
	ssize_t n = read(p->master, buf, sizeof(buf));
	return n > 0 && write_all(STDOUT_FILENO, buf, (size_t)n) == 0;
}

void tty_proxy_output(const struct tty_proxy *p)
{
	copy_output(p);
}

void tty_proxy_drain(const struct tty_proxy *p)
{
	struct pollfd pfd = {.fd = p->master, .events = POLLIN};
	while (poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN) && copy_output(p))
		;
}
