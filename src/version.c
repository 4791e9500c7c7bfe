#include <seccomp.h>

#include "arca/spec.h"
#include "cli.h"

void cli_print_version(FILE *out)
{
	fprintf(out, "arca version %s\ncommit: %s\nspec: %s\n", ARCA_VERSION, ARCA_COMMIT,
	        ARCA_OCI_VERSION);
	const struct scmp_version *seccomp = seccomp_version();
	if (seccomp)
		fprintf(out, "libseccomp: %u.%u.%u\n", seccomp->major, seccomp->minor,
		        seccomp->micro);
}
