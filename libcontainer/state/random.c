/* Random names for the temporary entries of the state module. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "state/internal.h"

#define RANDOM_SUFFIX_LEN 6

int state_random_name(char *buf, size_t size, const char *prefix)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz"
	                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char bytes[RANDOM_SUFFIX_LEN];
	size_t prefix_len = strlen(prefix);

	if (prefix_len + RANDOM_SUFFIX_LEN + 1 > size)
		return -ENAMETOOLONG;
	if (getrandom(bytes, sizeof(bytes), 0) != (ssize_t)sizeof(bytes))
		return -errno;
	memcpy(buf, prefix, prefix_len);
	for (size_t i = 0; i < RANDOM_SUFFIX_LEN; i++)
		buf[prefix_len + i] = alphabet[bytes[i] % (sizeof(alphabet) - 1)];
	buf[prefix_len + RANDOM_SUFFIX_LEN] = '\0';
	return 0;
}
