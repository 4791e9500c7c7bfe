/* The container process state for the seccomp agent (see seccomp_listener.h). */
#include "linux/seccomp_listener.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "arca/cleanup.h"
#include "util/fd_pass.h"
#include "util/json.h"

static int put_string(json_object *obj, const char *key, const char *value)
{
	return json_put(obj, key, json_object_new_string(value));
}

static int put_annotations(json_object *obj, const struct arca_map *annotations)
{
	json_object *map = json_object_new_object();
	int r = json_put(obj, "annotations", map);
	for (size_t i = 0; r == 0 && i < annotations->len; i++)
		r = put_string(map, annotations->items[i].key, annotations->items[i].value);
	return r;
}

/* runtime.md §State: ociVersion, id, status, pid, bundle, annotations. */
static int put_state(json_object *msg, const struct seccomp_listener_state *st)
{
	json_object *state = json_object_new_object();
	int r = json_put(msg, "state", state);
	r = r ?: put_string(state, "ociVersion", ARCA_OCI_VERSION);
	r = r ?: put_string(state, "id", st->id);
	r = r ?: put_string(state, "status", st->status);
	r = r ?: json_put(state, "pid", json_object_new_int(st->pid));
	r = r ?: put_string(state, "bundle", st->bundle);
	if (r == 0 && st->annotations && st->annotations->len > 0)
		r = put_annotations(state, st->annotations);
	return r;
}

/* config-linux.md §The Container Process State. */
static int message_text(const struct spec_seccomp *seccomp, const struct seccomp_listener_state *st,
                        char **out)
{
	_cleanup_json_ json_object *msg = json_object_new_object();
	if (!msg)
		return -ENOMEM;
	int r = put_string(msg, "ociVersion", ARCA_OCI_VERSION);
	json_object *fds = r == 0 ? json_object_new_array() : NULL;
	r = r ?: json_put(msg, "fds", fds);
	json_object *name = r == 0 ? json_object_new_string("seccompFd") : NULL;
	if (r == 0 && (!name || json_object_array_add(fds, name) < 0)) {
		json_object_put(name);
		r = -ENOMEM;
	}
	r = r ?: json_put(msg, "pid", json_object_new_int(st->pid));
	if (r == 0 && seccomp->listener_metadata)
		r = put_string(msg, "metadata", seccomp->listener_metadata);
	r = r ?: put_state(msg, st);
	if (r < 0)
		return r;
	const char *text = json_object_to_json_string_ext(msg, JSON_C_TO_STRING_PLAIN |
	                                                           JSON_C_TO_STRING_NOSLASHESCAPE);
	*out = text ? strdup(text) : NULL;
	return *out ? 0 : -ENOMEM;
}

/* The fd travels with the first sendmsg only (SECC-09); a stream may take
 * the text in several. */
static int send_with_fd(int sock, const char *text, size_t len, int fd)
{
	union fd_pass_control control;
	for (size_t done = 0; done < len;) {
		struct iovec iov = {.iov_base = (void *)(text + done), .iov_len = len - done};
		struct msghdr hdr = {.msg_iov = &iov, .msg_iovlen = 1};
		if (done == 0)
			fd_pass_attach(&hdr, &control, fd);
		ssize_t n = sendmsg(sock, &hdr, MSG_NOSIGNAL);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n > 0)
			done += (size_t)n;
	}
	return 0;
}

int seccomp_listener_connect(const struct spec_seccomp *seccomp, struct arca_error **err)
{
	const char *path = seccomp->listener_path;
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	size_t len = strlen(path);
	if (len >= sizeof(addr.sun_path))
		return arca_fail_msg(
		    err, ENAMETOOLONG,
		    "linux.seccomp.listenerPath: %s is longer than a socket address "
		    "(%zu bytes)",
		    path, sizeof(addr.sun_path) - 1);
	memcpy(addr.sun_path, path, len + 1);
	_cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return arca_fail(err, errno, "linux.seccomp.listenerPath: make a socket");
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		return arca_fail(err, errno, "linux.seccomp.listenerPath: connect to %s", path);
	return TAKE_FD(fd);
}

int seccomp_listener_send(int sock, const struct spec_seccomp *seccomp,
                          const struct seccomp_listener_state *state, int notify_fd,
                          struct arca_error **err)
{
	_cleanup_free_ char *text = NULL;
	int r = message_text(seccomp, state, &text);
	if (r < 0)
		return arca_fail(err, -r,
		                 "linux.seccomp.listenerPath: the container process state");
	r = send_with_fd(sock, text, strlen(text), notify_fd);
	if (r < 0)
		return arca_fail(err, -r, "linux.seccomp.listenerPath: send the seccomp fd to %s",
		                 seccomp->listener_path);
	return 0;
}
