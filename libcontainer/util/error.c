#include "arca/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returned when even the error cannot be allocated; never freed. */
static struct arca_error out_of_memory = {.code = ENOMEM, .msg = (char *)"out of memory"};

static int store(struct arca_error **err, int code, char *msg)
{
	if (!err || *err) {
		free(msg);
		return -code;
	}
	struct arca_error *e = msg ? malloc(sizeof(*e)) : NULL;
	if (!e) {
		free(msg);
		*err = &out_of_memory;
		return -code;
	}
	e->code = code;
	e->msg = msg;
	*err = e;
	return -code;
}

int arca_vfail_msg(struct arca_error **err, int code, const char *fmt, va_list ap)
{
	if (code <= 0)
		code = EINVAL;
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	return store(err, code, msg);
}

int arca_fail_msg(struct arca_error **err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = arca_vfail_msg(err, code, fmt, ap);
	va_end(ap);
	return r;
}

int arca_fail(struct arca_error **err, int code, const char *fmt, ...)
{
	int real = code > 0 ? code : EINVAL;
	char *head = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&head, fmt, ap) < 0)
		head = NULL;
	va_end(ap);
	if (!head)
		return store(err, real, NULL);
	if (code <= 0)
		return store(err, real, head);
	char *msg = NULL;
	if (asprintf(&msg, "%s: %s", head, strerror(code)) < 0)
		msg = NULL;
	free(head);
	return store(err, real, msg);
}

int arca_wrap(struct arca_error **err, int ret, const char *fmt, ...)
{
	if (!err || !*err || *err == &out_of_memory)
		return ret;
	char *head = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&head, fmt, ap) < 0)
		head = NULL;
	va_end(ap);
	char *msg = NULL;
	if (head && asprintf(&msg, "%s: %s", head, (*err)->msg) < 0)
		msg = NULL;
	free(head);
	if (msg) {
		free((*err)->msg);
		(*err)->msg = msg;
	}
	return ret;
}

void arca_error_free(struct arca_error *err)
{
	if (!err || err == &out_of_memory)
		return;
	free(err->msg);
	free(err);
}
