/* A cache of built seccomp programs, under the state root:
 * <root>/.seccomp-cache/<key>, where key is the SHA-256 of everything the
 * libseccomp part of the build reads (seccomp_cache_key). Building a
 * docker-sized profile costs milliseconds of libseccomp's BPF generator on
 * every create and exec; a hit costs one small read.
 *
 * Why a hit loads exactly the program libseccomp would build:
 *  - the key covers every input of that part of the build: the profile
 *    fields it translates (default action and errno, architectures, every
 *    rule's names, action, errno and conditions, in order, length-prefixed),
 *    the libseccomp version, API level, native architecture and the identity
 *    of its shared object, the kernel (uname: libseccomp probes the kernel's
 *    seccomp API, which decides the actions it takes), and arca's own build
 *    (version, commit, and the time seccomp_filter.c was compiled: a change
 *    of the translation gives other keys). The flags and the NOTIFY checks
 *    are not cached: they are checked against the kernel on every build;
 *  - the build is deterministic for those inputs (libseccomp reads no
 *    environment, no clock, no randomness);
 *  - an entry holds its key and a SHA-256 of its content; it is read only
 *    from a directory and file owned by the caller and closed to everyone
 *    else (0700, 0600, O_NOFOLLOW), is written under a temporary name and
 *    renamed into place, and anything that does not verify (size, key,
 *    checksum, instruction count) is a miss: rebuilt and rewritten, never
 *    loaded. Whoever can write there is root already.
 * The warnings of the build (unknown names skipped) are stored with the
 * program and printed again on a hit. */
#ifndef ARCA_LINUX_SECCOMP_CACHE_H
#define ARCA_LINUX_SECCOMP_CACHE_H

#include <stdint.h>

#include "arca/spec.h"
#include "linux/seccomp_filter.h"
#include "linux/sha256.h"

#define SECCOMP_CACHE_DIR ".seccomp-cache"

/* build identifies the code that translates the profile. */
void seccomp_cache_key(const struct spec_seccomp *s, const char *build,
                       uint8_t key[SHA256_DIGEST_SIZE]);

/* <root>/.seccomp-cache, made 0700 when missing; -1 when there is no usable
 * one (no root yet, or a directory someone else owns or may write). */
int seccomp_cache_open(const char *root);

/* 0 with p->insns, p->len, p->notify and *notes (malloc'd, lines) from a
 * verified entry; negative when there is none that verifies. */
int seccomp_cache_get(int dir_fd, const uint8_t key[SHA256_DIGEST_SIZE], struct seccomp_program *p,
                      char **notes);

/* Stores an entry; best effort (a cache that cannot be written is none). */
void seccomp_cache_put(int dir_fd, const uint8_t key[SHA256_DIGEST_SIZE],
                       const struct seccomp_program *p, const char *notes);

#endif
