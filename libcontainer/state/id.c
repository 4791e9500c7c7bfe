/* Container ID syntax (OP-06): what may name a directory under the state
 * root without escaping it or colliding with the root's hidden entries. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "arca/container.h"

static bool id_char_allowed(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '+' || c == '.' || c == '-';
}

int arca_id_validate(const char *id, struct arca_error **err)
{
	size_t len = strlen(id);

	if (len == 0)
		return arca_fail_msg(err, EINVAL, "invalid container ID \"\": must not be empty");
	if (len > NAME_MAX)
		return arca_fail_msg(err, EINVAL,
		                     "invalid container ID \"%.32s...\": longer than %d bytes", id,
		                     NAME_MAX);
	for (size_t i = 0; i < len; i++) {
		if (!id_char_allowed(id[i]))
			return arca_fail_msg(err, EINVAL,
			                     "invalid container ID \"%s\": only letters, digits "
			                     "and _ + . - are allowed",
			                     id);
	}
	if (id[0] == '.')
		return arca_fail_msg(err, EINVAL,
		                     "invalid container ID \"%s\": must not start with '.'", id);
	return 0;
}
