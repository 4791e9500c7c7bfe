/* Signal names as `arca kill` accepts them. */
#ifndef ARCA_SIGNAL_H
#define ARCA_SIGNAL_H

#include "arca/error.h"

/* Parses a signal given on the command line into *sig:
 *  - a decimal number from 1 to SIGRTMAX ("9", "15");
 *  - a name, with or without the "SIG" prefix, in any case ("TERM", "sigkill", "SIGUSR1");
 *  - a real-time signal: "RTMIN", "RTMIN+N", "RTMAX", "RTMAX-N" (also with "SIG"),
 *    within SIGRTMIN .. SIGRTMAX as the C library defines them.
 * Anything else fails with EINVAL and `unknown signal "<text>"` (or a message
 * that says which range was exceeded). */
int arca_signal_parse(const char *text, int *sig, struct arca_error **err);

#endif
