#include "linux/uts.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

int uts_apply(const struct spec *spec, struct arca_error **err)
{
	if (spec->hostname && sethostname(spec->hostname, strlen(spec->hostname)) < 0)
		return arca_fail(err, errno, "hostname: set \"%s\"", spec->hostname);
	if (spec->domainname && setdomainname(spec->domainname, strlen(spec->domainname)) < 0)
		return arca_fail(err, errno, "domainname: set \"%s\"", spec->domainname);
	return 0;
}
