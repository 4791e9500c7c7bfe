/* Building the filter: linux.seccomp through libseccomp into a BPF program
 * (see seccomp_filter.h). */
#include "linux/seccomp_filter.h"

#include <ctype.h>
#include <errno.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "arca/log.h"
#include "linux/seccomp_cache.h"
#include "spec/fields.h"

/* A system call has six arguments (spec_validate refuses other indices). */
#define SECCOMP_ARGS 6

static const uint32_t plain_actions[] = {
    [SPEC_SCMP_ACT_KILL] = SCMP_ACT_KILL,
    [SPEC_SCMP_ACT_KILL_PROCESS] = SCMP_ACT_KILL_PROCESS,
    [SPEC_SCMP_ACT_KILL_THREAD] = SCMP_ACT_KILL_THREAD,
    [SPEC_SCMP_ACT_TRAP] = SCMP_ACT_TRAP,
    [SPEC_SCMP_ACT_ALLOW] = SCMP_ACT_ALLOW,
    [SPEC_SCMP_ACT_LOG] = SCMP_ACT_LOG,
    [SPEC_SCMP_ACT_NOTIFY] = SCMP_ACT_NOTIFY,
};

static const enum scmp_compare operators[] = {
    [SPEC_SCMP_CMP_NE] = SCMP_CMP_NE,
    [SPEC_SCMP_CMP_LT] = SCMP_CMP_LT,
    [SPEC_SCMP_CMP_LE] = SCMP_CMP_LE,
    [SPEC_SCMP_CMP_EQ] = SCMP_CMP_EQ,
    [SPEC_SCMP_CMP_GE] = SCMP_CMP_GE,
    [SPEC_SCMP_CMP_GT] = SCMP_CMP_GT,
    [SPEC_SCMP_CMP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
};

static const unsigned int flag_bits[] = {
    [SPEC_SECCOMP_FLAG_TSYNC] = SECCOMP_FILTER_FLAG_TSYNC,
    [SPEC_SECCOMP_FLAG_LOG] = SECCOMP_FILTER_FLAG_LOG,
    [SPEC_SECCOMP_FLAG_SPEC_ALLOW] = SECCOMP_FILTER_FLAG_SPEC_ALLOW,
    [SPEC_SECCOMP_FLAG_WAIT_KILLABLE_RECV] = SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
};

/* The action libseccomp takes for a spec action; an errno (EPERM unless
 * given) for the two that return one. */
static uint32_t scmp_action(int action, const struct arca_opt_u32 *errno_ret)
{
	uint32_t value = errno_ret->set ? errno_ret->value : EPERM;
	if (action == SPEC_SCMP_ACT_ERRNO)
		return SCMP_ACT_ERRNO(value);
	if (action == SPEC_SCMP_ACT_TRACE)
		return SCMP_ACT_TRACE(value);
	return plain_actions[action];
}

/* The warnings of the libseccomp part of the build, one a line: kept with
 * a cached program and printed again on a hit (seccomp_cache.h). */
struct notes {
	char *text;
	size_t size;
	FILE *f;
};

static void __attribute__((format(printf, 2, 3))) note(struct notes *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	/* va_start is right above: the analyzer loses it in some batches
	 * NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vfprintf(n->f, fmt, ap);
	va_end(ap);
	fputc('\n', n->f);
}

static void notes_release(struct notes *n)
{
	if (n->f)
		fclose(n->f);
	free(n->text);
}

/* Each line through arca_warn, as the build would have printed it. */
static void print_notes(char *text)
{
	for (char *line = text, *end; line && *line; line = end + 1) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line) - 1;
		else
			*end = '\0';
		arca_warn("%s", line);
	}
}

/* Names skipped because this libseccomp does not know them, each once. */
struct skipped {
	const char **names;
	size_t len;
};

static void skipped_release(struct skipped *s)
{
	free(s->names);
}

static int skip_name(struct skipped *s, const char *name)
{
	for (size_t i = 0; i < s->len; i++)
		if (strcmp(s->names[i], name) == 0)
			return 0;
	const char **grown = realloc(s->names, (s->len + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	grown[s->len] = name;
	s->names = grown;
	s->len++;
	return 0;
}

/* SECC-11: one warning that names them all. */
static void warn_skipped(struct notes *n, const struct skipped *s, const char *field)
{
	if (s->len == 0)
		return;
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	if (!f)
		return;
	const struct scmp_version *v = seccomp_version();
	for (size_t i = 0; i < s->len; i++)
		fprintf(f, "%s\"%s\"", i ? ", " : "", s->names[i]);
	if (fclose(f) == 0)
		note(n, "linux.seccomp.%s: unknown to libseccomp %u.%u.%u, skipped: %s", field,
		     v ? v->major : 0, v ? v->minor : 0, v ? v->micro : 0, text);
	free(text);
}

/* What arca refuses about SCMP_ACT_NOTIFY. The process sends the listener
 * fd with sendmsg after the filter is loaded: a notified sendmsg (or a
 * notifying default) would wait for an agent that never gets the fd. */
static int check_notify(const struct spec_seccomp *s, struct arca_error **err)
{
	if (s->default_action == SPEC_SCMP_ACT_NOTIFY)
		return arca_fail_msg(err, EINVAL,
		                     "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the "
		                     "default action (the listener fd is sent with sendmsg under "
		                     "the filter)");
	bool listener = s->listener_path && s->listener_path[0];
	for (size_t i = 0; i < s->syscalls.len; i++) {
		const struct spec_syscall *sc = &s->syscalls.items[i];
		if (sc->action != SPEC_SCMP_ACT_NOTIFY)
			continue;
		if (!listener)
			return arca_fail_msg(
			    err, EINVAL,
			    "linux.seccomp.syscalls[%zu].action: SCMP_ACT_NOTIFY needs "
			    "linux.seccomp.listenerPath (the agent that gets the "
			    "listener fd)",
			    i);
		for (size_t j = 0; j < sc->names.len; j++)
			if (strcmp(sc->names.items[j], "sendmsg") == 0)
				return arca_fail_msg(
				    err, EINVAL,
				    "linux.seccomp.syscalls[%zu].names[%zu]: "
				    "SCMP_ACT_NOTIFY cannot be used for sendmsg (the "
				    "listener fd is sent with it under the filter)",
				    i, j);
	}
	return 0;
}

static void ctx_releasep(scmp_filter_ctx *ctx)
{
	if (*ctx)
		seccomp_release(*ctx);
}

/* "SCMP_ARCH_X86_64" -> libseccomp's "x86_64"; 0 when it does not know it. */
static uint32_t arch_token(int arch)
{
	const char *name = spec_seccomp_arch_name(arch) + strlen("SCMP_ARCH_");
	char lower[32];
	size_t i = 0;
	for (; i < sizeof(lower) - 1 && name[i]; i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = '\0';
	return seccomp_arch_resolve_name(lower);
}

/* Each listed architecture next to the native one, which libseccomp keeps.
 * One of the other byte order cannot share its filter (EDOM); this kernel
 * cannot run its system calls either, so it is skipped like an unknown one. */
static int add_archs(scmp_filter_ctx ctx, const struct arca_intv *archs, struct notes *n,
                     struct arca_error **err)
{
	struct skipped _cleanup_(skipped_release) unknown = {0};
	for (size_t i = 0; i < archs->len; i++) {
		const char *name = spec_seccomp_arch_name(archs->items[i]);
		uint32_t token = arch_token(archs->items[i]);
		int r = token ? seccomp_arch_add(ctx, token) : skip_name(&unknown, name);
		if (r == -EDOM)
			note(n,
			     "linux.seccomp.architectures[%zu]: %s has another byte order than "
			     "this machine, skipped",
			     i, name);
		else if (r < 0 && r != -EEXIST)
			return arca_fail(err, -r, "linux.seccomp.architectures[%zu]: add %s", i,
			                 name);
	}
	warn_skipped(n, &unknown, "architectures");
	return 0;
}

static struct scmp_arg_cmp condition(const struct spec_seccomp_arg *a)
{
	return (struct scmp_arg_cmp){
	    .arg = a->index,
	    .op = operators[a->op],
	    .datum_a = a->value,
	    .datum_b = a->value_two.set ? a->value_two.value : 0,
	};
}

/* The conditions of one rule all apply (SECC-07). libseccomp takes one
 * condition per argument in a rule; when a rule has two on one argument,
 * each condition becomes a rule of its own, as runc does, so they then
 * match one OR the other. MASKED_EQ: value is the mask, valueTwo the datum. */
static int add_rule(scmp_filter_ctx ctx, uint32_t action, int nr,
                    const struct spec_seccomp_args *args)
{
	struct scmp_arg_cmp cmp[SECCOMP_ARGS];
	unsigned int seen = 0;
	bool repeated = false;
	for (size_t k = 0; k < args->len; k++) {
		unsigned int bit = 1u << args->items[k].index;
		repeated = repeated || (seen & bit);
		seen |= bit;
	}
	if (!repeated) { /* distinct indices: at most SECCOMP_ARGS */
		for (size_t k = 0; k < args->len; k++)
			cmp[k] = condition(&args->items[k]);
		return seccomp_rule_add_array(ctx, action, nr, (unsigned int)args->len, cmp);
	}
	for (size_t k = 0; k < args->len; k++) {
		cmp[0] = condition(&args->items[k]);
		int r = seccomp_rule_add_array(ctx, action, nr, 1, cmp);
		if (r < 0)
			return r;
	}
	return 0;
}

static int add_syscalls(scmp_filter_ctx ctx, const struct spec_seccomp *s, uint32_t default_action,
                        bool *notify, struct notes *n, struct arca_error **err)
{
	struct skipped _cleanup_(skipped_release) unknown = {0};
	for (size_t i = 0; i < s->syscalls.len; i++) {
		const struct spec_syscall *sc = &s->syscalls.items[i];
		uint32_t action = scmp_action(sc->action, &sc->errno_ret);
		if (action == default_action) /* libseccomp refuses it; it changes nothing */
			continue;
		for (size_t j = 0; j < sc->names.len; j++) {
			const char *name = sc->names.items[j];
			int nr = seccomp_syscall_resolve_name(name);
			int r = nr == __NR_SCMP_ERROR ? skip_name(&unknown, name)
			                              : add_rule(ctx, action, nr, &sc->args);
			if (r < 0)
				return arca_fail(err, -r,
				                 "linux.seccomp.syscalls[%zu]: add the rule for %s",
				                 i, name);
			*notify = *notify || (nr != __NR_SCMP_ERROR && action == SCMP_ACT_NOTIFY);
		}
	}
	warn_skipped(n, &unknown, "syscalls");
	return 0;
}

/* The flags seccomp(2) gets for one spec flag: with a listener, TSYNC must
 * say how it fails (TSYNC_ESRCH), since the return value is the fd. */
static unsigned int kernel_flags(int flag, bool notify)
{
	unsigned int bits = flag_bits[flag];
	if (notify)
		bits |= SECCOMP_FILTER_FLAG_NEW_LISTENER;
	if (notify && flag == SPEC_SECCOMP_FLAG_TSYNC)
		bits |= SECCOMP_FILTER_FLAG_TSYNC_ESRCH;
	return bits;
}

/* seccomp(2) checks the flags before it reads the program: with a NULL
 * program, flags this kernel takes give EFAULT, others EINVAL. */
static int probe_flags(unsigned int flags)
{
	long r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, NULL);
	return r < 0 && errno != EFAULT ? -errno : 0;
}

/* SECC-05. WAIT_KILLABLE_RECV is about notifications: without a rule that
 * notifies, the kernel refuses it, and it would change nothing. */
static int resolve_flags(const struct arca_intv *flags, bool notify, unsigned int *out,
                         struct arca_error **err)
{
	unsigned int bits = notify ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
	for (size_t i = 0; i < flags->len; i++) {
		int flag = flags->items[i];
		const char *name = spec_seccomp_flag_name(flag);
		if (flag == SPEC_SECCOMP_FLAG_WAIT_KILLABLE_RECV && !notify) {
			arca_warn(
			    "linux.seccomp.flags[%zu]: %s has no effect without SCMP_ACT_NOTIFY, "
			    "ignored",
			    i, name);
			continue;
		}
		int r = probe_flags(kernel_flags(flag, notify));
		if (r == -EINVAL)
			return arca_fail_msg(
			    err, EINVAL,
			    "linux.seccomp.flags[%zu]: %s is not supported by this kernel", i,
			    name);
		if (r < 0)
			return arca_fail(err, -r, "linux.seccomp.flags[%zu]: check %s", i, name);
		bits |= kernel_flags(flag, notify);
	}
	*out = bits;
	return 0;
}

/* The finished program, through a memfd (libseccomp 2.5 exports to an fd). */
static int export_program(scmp_filter_ctx ctx, struct seccomp_program *p, struct arca_error **err)
{
	_cleanup_close_ int fd = memfd_create("arca-seccomp", MFD_CLOEXEC);
	if (fd < 0)
		return arca_fail(err, errno, "linux.seccomp: make a memfd for the filter");
	int r = seccomp_export_bpf(ctx, fd);
	if (r < 0)
		return arca_fail(err, -r, "linux.seccomp: export the filter");
	struct stat st;
	if (fstat(fd, &st) < 0)
		return arca_fail(err, errno, "linux.seccomp: size of the filter");
	size_t size = (size_t)st.st_size, n = size / sizeof(struct sock_filter);
	if (n == 0 || size % sizeof(struct sock_filter) != 0)
		return arca_fail_msg(err, EPROTO, "linux.seccomp: libseccomp exported %zu bytes",
		                     size);
	if (n > BPF_MAXINSNS)
		return arca_fail_msg(
		    err, E2BIG,
		    "linux.seccomp: the filter has %zu instructions, more than the "
		    "kernel's %d",
		    n, BPF_MAXINSNS);
	p->insns = malloc(size);
	if (!p->insns)
		return arca_fail(err, ENOMEM, "linux.seccomp: the filter");
	for (size_t done = 0; done < size;) {
		ssize_t got = pread(fd, (char *)p->insns + done, size - done, (off_t)done);
		if (got <= 0)
			return arca_fail(err, got < 0 ? errno : EIO,
			                 "linux.seccomp: read the filter");
		done += (size_t)got;
	}
	p->len = (unsigned short)n;
	return 0;
}

/* What arca's translation code is: a cached program is only used by the
 * build that made it (seccomp_cache.h). */
static const char build_id[] = ARCA_VERSION " " ARCA_COMMIT " " __DATE__ " " __TIME__;

/* The part libseccomp decides: the program, notify, and the warnings. */
static int translate(const struct spec_seccomp *s, struct seccomp_program *p, struct notes *n,
                     struct arca_error **err)
{
	uint32_t default_action = scmp_action(s->default_action, &s->default_errno_ret);
	scmp_filter_ctx _cleanup_(ctx_releasep) ctx = seccomp_init(default_action);
	if (!ctx)
		return arca_fail_msg(
		    err, EINVAL,
		    "linux.seccomp.defaultAction: %s is not supported by libseccomp "
		    "or this kernel",
		    spec_seccomp_action_name(s->default_action));
	int r = add_archs(ctx, &s->architectures, n, err);
	if (r == 0)
		r = add_syscalls(ctx, s, default_action, &p->notify, n, err);
	return r < 0 ? r : export_program(ctx, p, err);
}

/* translate, or its cached result when cache_root has a verified one;
 * *notes gets the warnings either way. */
static int translate_cached(const struct spec_seccomp *s, const char *cache_root,
                            struct seccomp_program *p, char **notes, struct arca_error **err)
{
	uint8_t key[SHA256_DIGEST_SIZE] = {0};
	_cleanup_close_ int dir_fd = cache_root ? seccomp_cache_open(cache_root) : -1;
	if (dir_fd >= 0) {
		seccomp_cache_key(s, build_id, key);
		if (seccomp_cache_get(dir_fd, key, p, notes) == 0)
			return 0;
	}
	struct notes _cleanup_(notes_release) n = {0};
	n.f = open_memstream(&n.text, &n.size);
	if (!n.f)
		return arca_fail(err, ENOMEM, "linux.seccomp");
	int r = translate(s, p, &n, err);
	int closed = fclose(n.f);
	n.f = NULL;
	if (closed != 0) {
		print_notes(n.text);
		return r < 0 ? r : arca_fail(err, ENOMEM, "linux.seccomp");
	}
	if (r == 0 && dir_fd >= 0)
		seccomp_cache_put(dir_fd, key, p, n.text);
	*notes = TAKE_PTR(n.text);
	return r;
}

int seccomp_program_build_cached(const struct spec_seccomp *seccomp, const char *cache_root,
                                 struct seccomp_program **out, struct arca_error **err)
{
	int r = check_notify(seccomp, err);
	if (r < 0)
		return r;
	_cleanup_seccomp_program_ struct seccomp_program *p = calloc(1, sizeof(*p));
	if (!p)
		return arca_fail(err, ENOMEM, "linux.seccomp");
	_cleanup_free_ char *notes = NULL;
	r = translate_cached(seccomp, cache_root, p, &notes, err);
	print_notes(notes);
	if (r < 0 || (r = resolve_flags(&seccomp->flags, p->notify, &p->flags, err)) < 0)
		return r;
	*out = TAKE_PTR(p);
	return 0;
}

int seccomp_program_build(const struct spec_seccomp *seccomp, struct seccomp_program **out,
                          struct arca_error **err)
{
	return seccomp_program_build_cached(seccomp, NULL, out, err);
}

void seccomp_program_free(struct seccomp_program *program)
{
	if (!program)
		return;
	free(program->insns);
	free(program);
}
