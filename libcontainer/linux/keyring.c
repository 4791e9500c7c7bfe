#include "linux/keyring.h"

#include <errno.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arca/log.h"

void keyring_join_new(const char *id)
{
	char name[300];
	snprintf(name, sizeof(name), "_ses.%s", id);
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, name) < 0 && errno != ENOSYS)
		arca_warn("join a new session keyring: %s", strerror(errno));
}
