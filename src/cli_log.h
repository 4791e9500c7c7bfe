/* Where arca's messages go: the libcontainer log handler, the --log file, and
 * the one error line a failed command prints. */
#ifndef ARCA_CLI_LOG_H
#define ARCA_CLI_LOG_H

#include <stdbool.h>

#include "cli.h"

/* Installs the libcontainer log handler. With --log the file (opened for
 * appending, created 0644) receives every message in --log-format; without it,
 * messages go to stderr as "arca: warning: ...". --debug lets debug messages
 * through; otherwise warnings and errors only. */
int cli_log_setup(const struct cli_global *global, struct arca_error **err);

/* Keeps messages away from stderr (they still reach a --log file): for
 * commands whose stdout is read together with stderr. */
void cli_log_mute_stderr(void);

/* Reports the error that ends the command: as an "error" entry in the --log
 * file, and as "arca: <msg>" on stderr unless the log file is stderr. */
void cli_log_fatal(const char *msg);

/* True when fd is the --log file's descriptor. */
bool cli_log_owns_fd(int fd);

void cli_log_close(void);

#endif
