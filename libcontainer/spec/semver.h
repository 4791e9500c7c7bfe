/* SemVer 2.0.0 version strings (semver.org), as ociVersion holds them. */
#ifndef ARCA_SPEC_SEMVER_H
#define ARCA_SPEC_SEMVER_H

#include <stdbool.h>
#include <stdint.h>

struct semver {
	uint64_t major;
	uint64_t minor;
	uint64_t patch;
};

/* True when s is MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] by SemVer 2.0.0's
 * grammar; *out gets the three numbers. */
bool semver_parse(const char *s, struct semver *out);

#endif
