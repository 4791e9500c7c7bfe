/* RFC 3339 timestamps, as the `created` field and containerd expect them. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "state/store.h"

int rfc3339_now(char **out, struct arca_error **err)
{
	struct timespec now;
	struct tm utc;
	char seconds[sizeof("YYYY-MM-DDTHH:MM:SS") + 16]; /* room for years past 9999 */

	if (clock_gettime(CLOCK_REALTIME, &now) < 0)
		return arca_fail(err, errno, "read the clock");
	if (!gmtime_r(&now.tv_sec, &utc))
		return arca_fail(err, EOVERFLOW, "convert the time to UTC");
	if (strftime(seconds, sizeof(seconds), "%Y-%m-%dT%H:%M:%S", &utc) == 0)
		return arca_fail(err, EOVERFLOW, "format the time");
	if (asprintf(out, "%s.%09ldZ", seconds, now.tv_nsec) < 0) {
		*out = NULL;
		return arca_fail(err, ENOMEM, "format the time");
	}
	return 0;
}
