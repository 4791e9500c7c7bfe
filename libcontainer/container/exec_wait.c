/* A foreground `exec`: arca stays the process's parent until it exits,
 * forwards the signals it receives to it, and copies the terminal when it
 * holds the pty master itself (container/foreground.c). */
#include "container/exec.h"
#include "container/foreground.h"
#include "container/tty_proxy.h"
#include "linux/console.h"

int exec_wait(const struct exec_job *job, const sigset_t *signals, int *status,
              struct arca_error **err)
{
	struct tty_proxy tty = {.master = -1};
	int r = 0;
	if (job->console_peer >= 0) {
		int master = console_receive(job->console_peer, err);
		if (master < 0)
			return master;
		r = tty_proxy_begin(&tty, master, err); /* which owns master from now on */
	}
	if (r == 0)
		r = foreground_wait(job->pid, job->pidfd, signals, &tty, status, err);
	tty_proxy_end(&tty);
	return r;
}
