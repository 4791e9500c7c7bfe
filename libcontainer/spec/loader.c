/* The entry points: a document in memory, a bundle's config.json, a bare
 * process object. Walk (types), then validate (meaning). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/spec.h"
#include "spec/spec_json.h"
#include "spec/validate.h"
#include "spec/walker.h"

#define CONFIG_NAME "config.json"

int spec_parse_flags(const char *json, size_t len, const char *name, unsigned flags,
                     struct spec **out, struct arca_error **err)
{
	_cleanup_spec_ struct spec *spec = calloc(1, sizeof(*spec));
	if (!spec)
		return arca_fail(err, ENOMEM, "%s", name);
	unsigned walk_flags = (flags & SPEC_PARSE_ALL) ? SPEC_WALK_ALL : 0;
	int r = spec_walk(json, len, name, &spec_root_config, spec, walk_flags, err);
	if (r < 0)
		return r;
	r = spec_validate(spec, err);
	if (r < 0)
		return arca_wrap(err, r, "%s", name);
	*out = TAKE_PTR(spec);
	return 0;
}

int spec_parse(const char *json, size_t len, const char *name, struct spec **out,
               struct arca_error **err)
{
	return spec_parse_flags(json, len, name, 0, out, err);
}

int spec_parse_process(const char *json, size_t len, const char *name, struct spec_process **out,
                       struct arca_error **err)
{
	_cleanup_spec_process_ struct spec_process *process = calloc(1, sizeof(*process));
	if (!process)
		return arca_fail(err, ENOMEM, "%s", name);
	int r = spec_walk(json, len, name, &spec_root_process, process, 0, err);
	if (r < 0)
		return r;
	r = spec_validate_process(process, "", err);
	if (r < 0)
		return arca_wrap(err, r, "%s", name);
	*out = TAKE_PTR(process);
	return 0;
}

/* Reads the whole file, but never more than one byte past the size limit
 * (enough for the walker to refuse it). */
static int read_limited(int fd, const char *path, char **out, size_t *out_len,
                        struct arca_error **err)
{
	size_t cap = (size_t)64 * 1024, len = 0;
	_cleanup_free_ char *buf = malloc(cap);
	if (!buf)
		return arca_fail(err, ENOMEM, "read %s", path);
	for (;;) {
		if (len == cap) {
			if (cap > SPEC_MAX_SIZE)
				break;
			size_t bigger = cap * 2 > SPEC_MAX_SIZE + 1 ? SPEC_MAX_SIZE + 1 : cap * 2;
			char *grown = realloc(buf, bigger);
			if (!grown)
				return arca_fail(err, ENOMEM, "read %s", path);
			buf = grown;
			cap = bigger;
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return arca_fail(err, errno, "read %s", path);
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*out = TAKE_PTR(buf);
	*out_len = len;
	return 0;
}

static int read_path(const char *path, char **out, size_t *len, struct arca_error **err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return arca_fail(err, errno, "open %s", path);
	return read_limited(fd, path, out, len, err);
}

/* BND-01: a bundle's config.json is a file. Opened without blocking, so a
 * FIFO or a device in its place is refused rather than waited on. */
static int read_regular(const char *path, char **out, size_t *len, struct arca_error **err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return arca_fail(err, errno, "open %s", path);
	struct stat st;
	if (fstat(fd, &st) < 0)
		return arca_fail(err, errno, "stat %s", path);
	if (!S_ISREG(st.st_mode))
		return arca_fail_msg(err, EINVAL, "%s: not a regular file", path);
	return read_limited(fd, path, out, len, err);
}

int spec_load_process(const char *path, struct spec_process **out, struct arca_error **err)
{
	_cleanup_free_ char *json = NULL;
	size_t len = 0;
	int r = read_path(path, &json, &len, err);
	return r < 0 ? r : spec_parse_process(json, len, path, out, err);
}

int spec_load_bundle(const char *bundle, struct spec **out, struct arca_error **err)
{
	_cleanup_free_ char *path = NULL;
	if (asprintf(&path, "%s/%s", bundle, CONFIG_NAME) < 0)
		return arca_fail(err, ENOMEM, "open %s/%s", bundle, CONFIG_NAME);
	_cleanup_free_ char *json = NULL;
	size_t len = 0;
	int r = read_regular(path, &json, &len, err);
	if (r < 0)
		return r;
	return spec_parse(json, len, CONFIG_NAME, out, err);
}
