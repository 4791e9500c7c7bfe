/* SHA-256 (FIPS 180-4), for the keys and checksums of the seccomp cache
 * (seccomp_cache.h). Small and self-contained: arca links no crypto library. */
#ifndef ARCA_LINUX_SHA256_H
#define ARCA_LINUX_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32

struct sha256 {
	uint32_t state[8];
	uint64_t bytes; /* hashed so far */
	uint8_t block[64];
	size_t used; /* bytes waiting in block */
};

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
void sha256_final(struct sha256 *h, uint8_t digest[SHA256_DIGEST_SIZE]);

/* The digest of one buffer. */
void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE]);

#endif
