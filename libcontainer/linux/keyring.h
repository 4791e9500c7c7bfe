/* A session keyring of the container's own, so it cannot read the caller's
 * keys (runc's behaviour; --no-new-keyring keeps the caller's). */
#ifndef ARCA_LINUX_KEYRING_H
#define ARCA_LINUX_KEYRING_H

/* Joins a new session keyring named after the container. A kernel without
 * keyrings or a user namespace that forbids it gets a warning, not an
 * error: the keyring is a hardening, not part of the config. */
void keyring_join_new(const char *id);

#endif
