/* What a foreground `run` and `exec` share: arca stays the parent of the
 * container's process until it exits, forwards the signals it receives to
 * it, copies the terminal when it holds the pty master, and exits with the
 * process's status. */
#ifndef ARCA_CONTAINER_FOREGROUND_H
#define ARCA_CONTAINER_FOREGROUND_H

#include <signal.h>
#include <sys/types.h>

#include "arca/error.h"
#include "container/tty_proxy.h"

/* Blocks every signal that can be blocked (the set in *signals, the old
 * mask in *old), so that each one is forwarded, also one that arrives
 * while the process is being set up. */
void foreground_block_signals(sigset_t *signals, sigset_t *old);

/* Waits until pid (whose pidfd is pidfd) exits, forwarding each of signals
 * to it (SIGWINCH resizes the proxied terminal instead) and copying between
 * the pty master in tty (when its master is >= 0) and arca's stdio. Every
 * other child that exits meanwhile is reaped too (run is a subreaper).
 * Stores pid's wait status in *status. */
int foreground_wait(pid_t pid, int pidfd, const sigset_t *signals, struct tty_proxy *tty,
                    int *status, struct arca_error **err);

/* The shell's convention: the exit status, or 128+N for death by signal N. */
int foreground_exit_code(int status);

#endif
