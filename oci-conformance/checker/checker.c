/* oci-checker: the in-container half of arca's OCI conformance suite.
 *
 * It runs as process.args inside a container, reads the container's
 * config.json (default /config.json; the runner copies it there) with its own
 * small JSON reader, and compares what the process actually sees with what the
 * config asks for: ids, groups, umask, cwd, env, argv, hostname, mounts,
 * devices, capabilities, rlimits, no_new_privs, oom_score_adj, sysctls, id
 * maps, masked and read-only paths, the root filesystem and its propagation.
 * Nothing here is shared with the runtime under test: a conformance check
 * looks from inside, not through the runtime's own code.
 *
 * Output: one line per check, for the runner to map onto checklist rows:
 *     ok ROW - what held
 *     not ok ROW - what did not hold
 *     # note ROW - a SHOULD/MAY choice or something worth knowing
 * ending with "# done". Annotations in the config (org.oci-conformance.*)
 * carry what the config alone cannot say (the host inode of the rootfs, the
 * caller's umask, ...) and extra per-row assertions; see parse_assert().
 *
 * Host-side helper modes (the same static binary, run by the runner):
 *     oci-checker recvtty SOCKET OUTFILE      console-socket receiver
 *     oci-checker subreaper HOLDFILE CMD...   run CMD as a child subreaper,
 *                                             keep orphans unreaped until
 *                                             HOLDFILE is removed
 *     oci-checker nshold READYFILE            unshare ipc/uts/net/mnt/pid and
 *                                             sleep (namespaces to join)
 *     oci-checker seccomp-agent SOCKET LOG    a seccomp notify agent
 *     oci-checker seccomp-meta PID            the seccomp filters of PID
 *
 * In-container probe mode (oci-checker probe): system calls under a seccomp
 * filter, see probe_main().
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define ANN "org.oci-conformance."

/* ------------------------------------------------------------------ output */

static int n_fail;
/* when set, every line is reported for this row instead ("[ROW] text") */
static const char *as_row;

static void emit(const char *kind, const char *row, const char *fmt, va_list ap)
{
	char buf[4096];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (as_row)
		printf("%s %s - [%s] %s\n", kind, as_row, row, buf);
	else
		printf("%s %s - %s\n", kind, row, buf);
}

__attribute__((format(printf, 2, 3))) static void ok(const char *row, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit("ok", row, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 2, 3))) static void nok(const char *row, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit("not ok", row, fmt, ap);
	va_end(ap);
	n_fail++;
}

__attribute__((format(printf, 2, 3))) static void note(const char *row, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit("# note", row, fmt, ap);
	va_end(ap);
}

/* result(row, cond, ...): ok or not ok with the same text */
__attribute__((format(printf, 3, 4))) static void result(const char *row, bool cond,
                                                         const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(cond ? "ok" : "not ok", row, fmt, ap);
	va_end(ap);
	if (!cond)
		n_fail++;
}

/* ------------------------------------------------------------------ memory */

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("oci-checker: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("oci-checker: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = xmalloc(n);
	memcpy(d, s, n);
	return d;
}

/* read a whole file (NUL-terminated); NULL on error; *len = byte count */
static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* ------------------------------------------------------------------ JSON */

enum jtype {
	J_NULL,
	J_BOOL,
	J_NUM,
	J_STR,
	J_ARR,
	J_OBJ
};

struct jval {
	enum jtype t;
	bool b;
	char *s; /* string value, or the number's text */
	size_t n;
	struct jval **v; /* array items / object values */
	char **k;        /* object keys */
};

struct jparser {
	const char *p, *end;
	const char *err;
};

static void jskip(struct jparser *jp)
{
	while (jp->p < jp->end &&
	       (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r'))
		jp->p++;
}

static struct jval *jnew(enum jtype t)
{
	struct jval *v = xmalloc(sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->t = t;
	return v;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool jhex4(struct jparser *jp, unsigned *out)
{
	if (jp->end - jp->p < 4)
		return false;
	unsigned u = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(jp->p[i]);
		if (h < 0)
			return false;
		u = u * 16 + (unsigned)h;
	}
	jp->p += 4;
	*out = u;
	return true;
}

static void put_utf8(char **buf, size_t *n, size_t *cap, unsigned cp)
{
	char tmp[4];
	size_t k;
	if (cp < 0x80) {
		tmp[0] = (char)cp;
		k = 1;
	} else if (cp < 0x800) {
		tmp[0] = (char)(0xC0 | (cp >> 6));
		tmp[1] = (char)(0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		tmp[0] = (char)(0xE0 | (cp >> 12));
		tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		tmp[2] = (char)(0x80 | (cp & 0x3F));
		k = 3;
	} else {
		tmp[0] = (char)(0xF0 | (cp >> 18));
		tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		tmp[3] = (char)(0x80 | (cp & 0x3F));
		k = 4;
	}
	if (*n + k + 1 > *cap) {
		*cap = (*n + k + 1) * 2;
		*buf = xrealloc(*buf, *cap);
	}
	memcpy(*buf + *n, tmp, k);
	*n += k;
}

static char *jstring(struct jparser *jp)
{
	if (jp->p >= jp->end || *jp->p != '"') {
		jp->err = "expected a string";
		return NULL;
	}
	jp->p++;
	size_t cap = 32, n = 0;
	char *buf = xmalloc(cap);
	while (jp->p < jp->end && *jp->p != '"') {
		unsigned char c = (unsigned char)*jp->p++;
		if (c == '\\') {
			if (jp->p >= jp->end)
				break;
			char e = *jp->p++;
			unsigned cp;
			switch (e) {
			case '"':
				cp = '"';
				break;
			case '\\':
				cp = '\\';
				break;
			case '/':
				cp = '/';
				break;
			case 'b':
				cp = '\b';
				break;
			case 'f':
				cp = '\f';
				break;
			case 'n':
				cp = '\n';
				break;
			case 'r':
				cp = '\r';
				break;
			case 't':
				cp = '\t';
				break;
			case 'u':
				if (!jhex4(jp, &cp)) {
					jp->err = "bad \\u escape";
					free(buf);
					return NULL;
				}
				if (cp >= 0xD800 && cp < 0xDC00 && jp->end - jp->p >= 6 &&
				    jp->p[0] == '\\' && jp->p[1] == 'u') {
					unsigned lo;
					jp->p += 2;
					if (jhex4(jp, &lo) && lo >= 0xDC00 && lo < 0xE000)
						cp =
						    0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				}
				break;
			default:
				jp->err = "bad escape";
				free(buf);
				return NULL;
			}
			put_utf8(&buf, &n, &cap, cp);
		} else {
			if (n + 2 > cap) {
				cap *= 2;
				buf = xrealloc(buf, cap);
			}
			buf[n++] = (char)c;
		}
	}
	if (jp->p >= jp->end) {
		jp->err = "unterminated string";
		free(buf);
		return NULL;
	}
	jp->p++;
	buf[n] = '\0';
	return buf;
}

static struct jval *jvalue(struct jparser *jp, int depth)
{
	jskip(jp);
	if (jp->p >= jp->end) {
		jp->err = "unexpected end";
		return NULL;
	}
	if (depth > 64) {
		jp->err = "too deep";
		return NULL;
	}
	char c = *jp->p;
	if (c == '{' || c == '[') {
		bool obj = c == '{';
		struct jval *v = jnew(obj ? J_OBJ : J_ARR);
		size_t cap = 0;
		jp->p++;
		jskip(jp);
		if (jp->p < jp->end && *jp->p == (obj ? '}' : ']')) {
			jp->p++;
			return v;
		}
		for (;;) {
			char *key = NULL;
			jskip(jp);
			if (obj) {
				key = jstring(jp);
				if (!key)
					return NULL;
				jskip(jp);
				if (jp->p >= jp->end || *jp->p != ':') {
					jp->err = "expected ':'";
					return NULL;
				}
				jp->p++;
			}
			struct jval *item = jvalue(jp, depth + 1);
			if (!item)
				return NULL;
			if (v->n == cap) {
				cap = cap ? cap * 2 : 8;
				v->v = xrealloc(v->v, cap * sizeof(struct jval *));
				if (obj)
					v->k = xrealloc(v->k, cap * sizeof(char *));
			}
			if (obj)
				v->k[v->n] = key;
			v->v[v->n++] = item;
			jskip(jp);
			if (jp->p < jp->end && *jp->p == ',') {
				jp->p++;
				continue;
			}
			if (jp->p < jp->end && *jp->p == (obj ? '}' : ']')) {
				jp->p++;
				return v;
			}
			jp->err = obj ? "expected ',' or '}'" : "expected ',' or ']'";
			return NULL;
		}
	}
	if (c == '"') {
		struct jval *v = jnew(J_STR);
		v->s = jstring(jp);
		return v->s ? v : NULL;
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		const char *s = jp->p;
		while (jp->p < jp->end &&
		       (strchr("+-.eE", *jp->p) || isdigit((unsigned char)*jp->p)))
			jp->p++;
		struct jval *v = jnew(J_NUM);
		size_t n = (size_t)(jp->p - s);
		v->s = xmalloc(n + 1);
		memcpy(v->s, s, n);
		v->s[n] = '\0';
		return v;
	}
	static const struct {
		const char *word;
		enum jtype t;
		bool b;
	} words[] = {{"true", J_BOOL, true}, {"false", J_BOOL, false}, {"null", J_NULL, false}};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i].word);
		if ((size_t)(jp->end - jp->p) >= n && memcmp(jp->p, words[i].word, n) == 0) {
			jp->p += n;
			struct jval *v = jnew(words[i].t);
			v->b = words[i].b;
			return v;
		}
	}
	jp->err = "unexpected character";
	return NULL;
}

/* member of an object (the last one when duplicated), or NULL */
static struct jval *jget(const struct jval *o, const char *key)
{
	if (!o || o->t != J_OBJ)
		return NULL;
	struct jval *found = NULL;
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->k[i], key) == 0)
			found = o->v[i];
	return found;
}

/* dotted path: jpath(root, "process.user.uid") */
static struct jval *jpath(const struct jval *o, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", path);
	const struct jval *cur = o;
	char *save = NULL;
	for (char *tok = strtok_r(buf, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
		cur = jget(cur, tok);
		if (!cur)
			return NULL;
	}
	return (struct jval *)cur;
}

static const char *jstr(const struct jval *v)
{
	return v && v->t == J_STR ? v->s : NULL;
}

static bool jbool(const struct jval *v)
{
	return v && v->t == J_BOOL && v->b;
}

static bool ju64(const struct jval *v, uint64_t *out)
{
	if (!v || v->t != J_NUM || v->s[0] == '-')
		return false;
	errno = 0;
	char *end;
	unsigned long long u = strtoull(v->s, &end, 10);
	if (errno || *end)
		return false;
	*out = u;
	return true;
}

static bool ji64(const struct jval *v, int64_t *out)
{
	if (!v || v->t != J_NUM)
		return false;
	errno = 0;
	char *end;
	long long i = strtoll(v->s, &end, 10);
	if (errno || *end)
		return false;
	*out = i;
	return true;
}

static size_t jlen(const struct jval *v)
{
	return v && (v->t == J_ARR || v->t == J_OBJ) ? v->n : 0;
}

/* ------------------------------------------------------------------ config */

static struct jval *cfg;

static const char *annotation(const char *name)
{
	char key[256];
	snprintf(key, sizeof(key), ANN "%s", name);
	return jstr(jget(jget(cfg, "annotations"), key));
}

static bool has_namespace(const char *type)
{
	struct jval *ns = jpath(cfg, "linux.namespaces");
	for (size_t i = 0; i < jlen(ns); i++)
		if (jstr(jget(ns->v[i], "type")) && strcmp(jstr(jget(ns->v[i], "type")), type) == 0)
			return true;
	return false;
}

static bool user_namespace(void)
{
	return has_namespace("user");
}

/* lexical clean of an absolute path ("a" is taken relative to "/") */
static char *clean_path(const char *in)
{
	size_t n = strlen(in);
	char *out = xmalloc(n + 2);
	char *work = xmalloc(n + 1);
	memcpy(work, in, n + 1);
	size_t o = 0;
	out[o++] = '/';
	char *save = NULL;
	for (char *tok = strtok_r(work, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (o > 1) {
				o--;
				while (o > 1 && out[o - 1] != '/')
					o--;
				if (o > 1)
					o--;
			}
			continue;
		}
		if (o > 1)
			out[o++] = '/';
		size_t k = strlen(tok);
		memcpy(out + o, tok, k);
		o += k;
	}
	out[o] = '\0';
	free(work);
	return out;
}

/* ------------------------------------------------------------------ mountinfo */

struct mnt {
	int id, parent;
	char *root, *point, *opts, *optional, *fstype, *source, *super;
};

static struct mnt *mnts;
static size_t n_mnts;

static char *unescape(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t o = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1] >= '0' && s[i + 1] <= '7' && s[i + 2] >= '0' &&
		    s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			out[o++] =
			    (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 3;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

static void load_mountinfo(void)
{
	for (size_t i = 0; i < n_mnts; i++) {
		free(mnts[i].root);
		free(mnts[i].point);
		free(mnts[i].opts);
		free(mnts[i].optional);
		free(mnts[i].fstype);
		free(mnts[i].source);
		free(mnts[i].super);
	}
	free(mnts);
	mnts = NULL;
	n_mnts = 0;
	char *text = read_file("/proc/self/mountinfo", NULL);
	if (!text)
		return;
	size_t cap = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[64];
		int nf = 0;
		char *s2 = NULL;
		for (char *t = strtok_r(line, " ", &s2); t && nf < 64; t = strtok_r(NULL, " ", &s2))
			f[nf++] = t;
		int dash = -1;
		for (int i = 6; i < nf; i++)
			if (strcmp(f[i], "-") == 0) {
				dash = i;
				break;
			}
		if (dash < 0 || dash + 3 >= nf + 1 || nf < dash + 3)
			continue;
		if (n_mnts == cap) {
			cap = cap ? cap * 2 : 64;
			mnts = xrealloc(mnts, cap * sizeof(*mnts));
		}
		struct mnt *m = &mnts[n_mnts++];
		m->id = atoi(f[0]);
		m->parent = atoi(f[1]);
		m->root = unescape(f[3]);
		m->point = unescape(f[4]);
		m->opts = xstrdup(f[5]);
		char optional[512] = "";
		size_t used = 0;
		for (int i = 6; i < dash && used < sizeof(optional); i++) {
			int w = snprintf(optional + used, sizeof(optional) - used, "%s ", f[i]);
			if (w < 0)
				break;
			used += (size_t)w;
		}
		m->optional = xstrdup(optional);
		m->fstype = unescape(f[dash + 1]);
		m->source = unescape(dash + 2 < nf ? f[dash + 2] : "");
		m->super = xstrdup(dash + 3 < nf ? f[dash + 3] : "");
	}
	free(text);
}

/* is WORD one of the comma-separated items of LIST? */
static bool has_opt(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);
		if (k == n && memcmp(p, word, n) == 0)
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

/* the value of KEY=value in a comma-separated LIST, or NULL */
static const char *opt_value(const char *list, const char *key, char *buf, size_t sz)
{
	size_t n = strlen(key);
	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);
		if (k > n && memcmp(p, key, n) == 0 && p[n] == '=') {
			snprintf(buf, sz, "%.*s", (int)(k - n - 1), p + n + 1);
			return buf;
		}
		p = c ? c + 1 : NULL;
	}
	return NULL;
}

static bool has_tag(const struct mnt *m, const char *prefix)
{
	return strstr(m->optional, prefix) != NULL;
}

/* the topmost (last-listed) mount at PATH, or NULL */
static struct mnt *top_mount_at(const char *path)
{
	struct mnt *found = NULL;
	for (size_t i = 0; i < n_mnts; i++)
		if (strcmp(mnts[i].point, path) == 0)
			found = &mnts[i];
	return found;
}

/* resolve a container path as the kernel does (mount points included); falls
 * back to the lexical clean when it does not resolve */
static char *resolve(const char *dest)
{
	char *c = clean_path(dest);
	char buf[PATH_MAX];
	if (realpath(c, buf)) {
		free(c);
		return xstrdup(buf);
	}
	return c;
}

/* ------------------------------------------------------------------ checks: fds, stdio */

static int fds_seen[256];
static int n_fds_seen;

static void collect_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return;
	int self = dirfd(d);
	struct dirent *e;
	while ((e = readdir(d)) && n_fds_seen < 256) {
		if (e->d_name[0] == '.')
			continue;
		int fd = atoi(e->d_name);
		if (fd != self)
			fds_seen[n_fds_seen++] = fd;
	}
	closedir(d);
}

static bool parse_devino(const char *s, dev_t *dev, ino_t *ino)
{
	unsigned long long d, i;
	if (!s || sscanf(s, "%llu:%llu", &d, &i) != 2)
		return false;
	*dev = (dev_t)d;
	*ino = (ino_t)i;
	return true;
}

static void check_fds(void)
{
	const char *keep = annotation("fds"); /* "3:dev:ino" for --preserve-fds */
	int want_extra = -1;
	dev_t xdev = 0;
	ino_t xino = 0;
	if (keep) {
		int fd;
		unsigned long long d, i;
		if (sscanf(keep, "%d:%llu:%llu", &fd, &d, &i) == 3) {
			want_extra = fd;
			xdev = (dev_t)d;
			xino = (ino_t)i;
		}
	}
	char extra[512] = "";
	bool have0 = false, have1 = false, have2 = false, have_extra = false;
	for (int i = 0; i < n_fds_seen; i++) {
		int fd = fds_seen[i];
		if (fd == 0)
			have0 = true;
		else if (fd == 1)
			have1 = true;
		else if (fd == 2)
			have2 = true;
		else if (fd == want_extra)
			have_extra = true;
		else {
			char link[64], target[256] = "?";
			snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
			ssize_t r = readlink(link, target, sizeof(target) - 1);
			if (r >= 0)
				target[r] = '\0';
			size_t used = strlen(extra);
			snprintf(extra + used, sizeof(extra) - used, " %d->%s", fd, target);
		}
	}
	result("PROC-11", extra[0] == '\0', "no file descriptors beyond 0-2%s are open%s%s",
	       want_extra >= 0 ? " and the preserved one" : "", extra[0] ? ":" : "", extra);
	result("PROC-11", have0 && have1 && have2, "fds 0, 1 and 2 are open");
	if (want_extra >= 0) {
		struct stat st;
		bool same = have_extra && fstat(want_extra, &st) == 0 && st.st_dev == xdev &&
		            st.st_ino == xino;
		result("PROC-11", same, "preserved fd %d is the file the caller passed",
		       want_extra);
		const char *lf = getenv("LISTEN_FDS");
		if (lf)
			note("PROC-11", "LISTEN_FDS=%s in the environment", lf);
	}
}

static void check_stdio(void)
{
	bool terminal = jbool(jpath(cfg, "process.terminal"));
	if (terminal) {
		bool tty = isatty(0) && isatty(1) && isatty(2);
		result("PROC-01", tty, "terminal: stdin, stdout and stderr are terminals");
		struct stat s0, s1, s2;
		bool same = fstat(0, &s0) == 0 && fstat(1, &s1) == 0 && fstat(2, &s2) == 0 &&
		            s0.st_rdev == s1.st_rdev && s1.st_rdev == s2.st_rdev;
		result("PROC-01", same, "terminal: 0, 1 and 2 are the same pty slave");
		pid_t fg = tcgetpgrp(0);
		result("PROC-01", fg > 0,
		       "terminal: the pty is the controlling terminal (tcgetpgrp=%d)", (int)fg);
		pid_t sid = getsid(0);
		pid_t tsid = 0;
		if (ioctl(0, TIOCGSID, &tsid) == 0)
			result("PROC-01", tsid == sid, "terminal: the session owns the terminal");
		struct stat cs;
		if (stat("/dev/console", &cs) == 0)
			result("DEV-09", S_ISCHR(cs.st_mode) && cs.st_rdev == s0.st_rdev,
			       "/dev/console is the pty slave (%u:%u, slave %u:%u)",
			       major(cs.st_rdev), minor(cs.st_rdev), major(s0.st_rdev),
			       minor(s0.st_rdev));
		else
			nok("DEV-09", "/dev/console missing with terminal=true: %s",
			    strerror(errno));
		struct jval *cons = jpath(cfg, "process.consoleSize");
		uint64_t h = 0, w = 0;
		if (cons && ju64(jget(cons, "height"), &h) && ju64(jget(cons, "width"), &w)) {
			struct winsize ws;
			memset(&ws, 0, sizeof(ws));
			bool got = ioctl(0, TIOCGWINSZ, &ws) == 0;
			result("PROC-02", got && ws.ws_row == h && ws.ws_col == w,
			       "consoleSize: window is %ux%u (rows x cols), config %" PRIu64
			       "x%" PRIu64,
			       ws.ws_row, ws.ws_col, h, w);
		}
		return;
	}
	const char *want = annotation("stdio");
	if (!want)
		return;
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", want);
	char *save = NULL;
	int fd = 0;
	for (char *tok = strtok_r(buf, ",", &save); tok && fd < 3;
	     tok = strtok_r(NULL, ",", &save), fd++) {
		dev_t d;
		ino_t i;
		struct stat st;
		if (!parse_devino(tok, &d, &i))
			continue;
		bool same = fstat(fd, &st) == 0 && st.st_dev == d && st.st_ino == i;
		result("PROC-01", same, "terminal=false: fd %d is the caller's file, unchanged",
		       fd);
	}
	if (jpath(cfg, "process.consoleSize"))
		ok("PROC-02", "consoleSize is ignored with terminal=false (the container runs)");
}

/* ------------------------------------------------------------------ checks: root, process */

static void check_root(void)
{
	const char *want = annotation("root");
	dev_t d;
	ino_t i;
	struct stat st, up;
	if (parse_devino(want, &d, &i)) {
		bool same = stat("/", &st) == 0 && st.st_dev == d && st.st_ino == i;
		result("ROOT-04", same, "/ is the bundle's root.path directory");
		bool closed =
		    stat("/..", &up) == 0 && up.st_dev == st.st_dev && up.st_ino == st.st_ino;
		result("ROOT-04", closed, "/.. is / (the old root is not reachable)");
	}
	struct stat cs;
	result("ROOT-04", stat("/config.json", &cs) == 0,
	       "the config copied into the rootfs is at /config.json");

	bool ro = jbool(jpath(cfg, "root.readonly"));
	char name[64];
	snprintf(name, sizeof(name), "/.oci-rootw-%d", (int)getpid());
	int fd = open(name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	int e = errno;
	if (fd >= 0) {
		close(fd);
		unlink(name);
	}
	struct statvfs sv;
	bool rdonly_flag = statvfs("/", &sv) == 0 && (sv.f_flag & ST_RDONLY);
	if (ro) {
		result("ROOT-05", fd < 0 && e == EROFS,
		       "root.readonly=true: creating a file in / fails with EROFS (%s)",
		       fd >= 0 ? "it succeeded" : strerror(e));
		result("ROOT-05", rdonly_flag, "root.readonly=true: statvfs(/) reports ST_RDONLY");
		int nfd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		result("ROOT-05", nfd >= 0,
		       "root.readonly=true: /dev/null still opens for writing");
		if (nfd >= 0)
			close(nfd);
	} else if (user_namespace() || geteuid() != 0) {
		note("ROOT-05",
		     "root writability not checked as uid %u%s (the rootfs belongs to the host "
		     "root)",
		     (unsigned)geteuid(), user_namespace() ? " in a user namespace" : "");
	} else {
		result("ROOT-05", fd >= 0, "root.readonly unset: / is writable%s%s",
		       fd >= 0 ? "" : ": ", fd >= 0 ? "" : strerror(e));
	}
}

static void check_cwd(void)
{
	const char *want = jstr(jpath(cfg, "process.cwd"));
	if (!want)
		return;
	char buf[PATH_MAX];
	char *c = clean_path(want);
	if (!getcwd(buf, sizeof(buf)))
		nok("PROC-03", "getcwd: %s", strerror(errno));
	else
		result("PROC-03", strcmp(buf, c) == 0, "cwd is %s (config %s)", buf, want);
	free(c);
}

static void check_env(void)
{
	extern char **environ;
	struct jval *env = jpath(cfg, "process.env");
	size_t n = jlen(env);
	char missing[1024] = "", extra[1024] = "", defaults[256] = "";
	for (size_t i = 0; i < n; i++) {
		const char *want = jstr(env->v[i]);
		if (!want)
			continue;
		bool found = false;
		for (char **e = environ; *e; e++)
			if (strcmp(*e, want) == 0)
				found = true;
		if (!found) {
			size_t u = strlen(missing);
			snprintf(missing + u, sizeof(missing) - u, " [%s]", want);
		}
	}
	for (char **e = environ; *e; e++) {
		bool listed = false;
		for (size_t i = 0; i < n; i++)
			if (jstr(env->v[i]) && strcmp(jstr(env->v[i]), *e) == 0)
				listed = true;
		if (listed)
			continue;
		/* a variable of that name configured with another value is "missing" above */
		const char *eq = strchr(*e, '=');
		size_t klen = eq ? (size_t)(eq - *e) : strlen(*e);
		bool name_configured = false;
		for (size_t i = 0; i < n; i++) {
			const char *w = jstr(env->v[i]);
			if (w && strncmp(w, *e, klen) == 0 && (w[klen] == '=' || w[klen] == '\0'))
				name_configured = true;
		}
		if (name_configured)
			continue;
		bool dflt =
		    (klen == 4 && (strncmp(*e, "HOME", 4) == 0 || strncmp(*e, "PATH", 4) == 0 ||
		                   strncmp(*e, "TERM", 4) == 0));
		char *dst = dflt ? defaults : extra;
		size_t cap = dflt ? sizeof(defaults) : sizeof(extra);
		size_t u = strlen(dst);
		snprintf(dst + u, cap - u, " [%s]", *e);
	}
	result("PROC-04", missing[0] == '\0', "every configured env entry is set exactly%s%s",
	       missing[0] ? "; missing or different:" : "", missing);
	result("PROC-04", extra[0] == '\0', "no variables beyond the configured ones%s%s",
	       extra[0] ? ":" : "", extra);
	if (defaults[0])
		note("PROC-04", "the runtime added defaults for variables the config leaves out:%s",
		     defaults);
}

static void check_args(void)
{
	struct jval *args = jpath(cfg, "process.args");
	size_t len = 0;
	char *cmd = read_file("/proc/self/cmdline", &len);
	if (!cmd) {
		nok("PROC-05", "/proc/self/cmdline: %s", strerror(errno));
		return;
	}
	size_t i = 0, off = 0;
	bool same = true;
	for (; off < len; i++) {
		const char *a = cmd + off;
		size_t k = strlen(a);
		const char *want = i < jlen(args) ? jstr(args->v[i]) : NULL;
		if (!want || strcmp(want, a) != 0) {
			same = false;
			nok("PROC-05", "argv[%zu] is [%s], config says [%s]", i, a,
			    want ? want : "(none)");
		}
		off += k + 1;
	}
	if (i != jlen(args)) {
		same = false;
		nok("PROC-05", "argc is %zu, config has %zu args", i, jlen(args));
	}
	if (same)
		ok("PROC-05", "argv equals process.args (%zu elements)", i);
	free(cmd);
}

static void check_user(void)
{
	struct jval *user = jpath(cfg, "process.user");
	uint64_t uid = 0, gid = 0;
	ju64(jget(user, "uid"), &uid);
	ju64(jget(user, "gid"), &gid);
	uid_t r, e, s;
	gid_t rg, eg, sg;
	getresuid(&r, &e, &s);
	getresgid(&rg, &eg, &sg);
	result("PROC-06", r == uid && e == uid && s == uid,
	       "real/effective/saved uid %u/%u/%u, config %" PRIu64, (unsigned)r, (unsigned)e,
	       (unsigned)s, uid);
	result("PROC-06", rg == gid && eg == gid && sg == gid,
	       "real/effective/saved gid %u/%u/%u, config %" PRIu64, (unsigned)rg, (unsigned)eg,
	       (unsigned)sg, gid);

	gid_t groups[NGROUPS_MAX];
	int ng = getgroups(NGROUPS_MAX, groups);
	struct jval *add = jget(user, "additionalGids");
	char missing[512] = "", extra[512] = "";
	bool egid_listed = false;
	for (size_t i = 0; i < jlen(add); i++) {
		uint64_t g;
		if (!ju64(add->v[i], &g))
			continue;
		bool found = false;
		for (int k = 0; k < ng; k++)
			if (groups[k] == g)
				found = true;
		if (!found) {
			size_t u = strlen(missing);
			snprintf(missing + u, sizeof(missing) - u, " %" PRIu64, g);
		}
	}
	for (int k = 0; k < ng; k++) {
		bool listed = false;
		for (size_t i = 0; i < jlen(add); i++) {
			uint64_t g;
			if (ju64(add->v[i], &g) && g == groups[k])
				listed = true;
		}
		if (listed)
			continue;
		if (groups[k] == eg) {
			egid_listed = true;
			continue;
		}
		size_t u = strlen(extra);
		snprintf(extra + u, sizeof(extra) - u, " %u", (unsigned)groups[k]);
	}
	result("PROC-07", missing[0] == '\0' && extra[0] == '\0',
	       "supplementary groups are exactly additionalGids (%zu)%s%s%s%s", jlen(add),
	       missing[0] ? "; missing:" : "", missing, extra[0] ? "; extra:" : "", extra);
	if (egid_listed)
		note("PROC-07", "the supplementary list also holds the primary gid %u",
		     (unsigned)eg);

	/* umask: from /proc/self/status, so it is read without changing it */
	char *st = read_file("/proc/self/status", NULL);
	char *um = st ? strstr(st, "\nUmask:") : NULL;
	unsigned have = 0;
	if (um && sscanf(um + 7, "%o", &have) == 1) {
		uint64_t want;
		if (ju64(jget(user, "umask"), &want)) {
			result("PROC-08", have == want, "umask is %04o, config %04" PRIo64, have,
			       want);
		} else {
			const char *caller = annotation("umask");
			unsigned c;
			if (caller && sscanf(caller, "%o", &c) == 1) {
				if (have == c)
					ok("PROC-08",
					   "umask unset: the caller's umask %04o is kept", c);
				else
					note("PROC-08",
					     "umask unset: the runtime set %04o instead of keeping "
					     "the caller's %04o",
					     have, c);
			}
		}
	}
	free(st);
}

static void check_uts(void)
{
	struct utsname u;
	if (uname(&u) != 0)
		return;
	const char *h = jstr(jget(cfg, "hostname"));
	if (h)
		result("PROC-09", strcmp(u.nodename, h) == 0, "hostname is [%s], config [%s]",
		       u.nodename, h);
	const char *d = jstr(jget(cfg, "domainname"));
	if (d)
		result("PROC-10", strcmp(u.domainname, d) == 0, "domainname is [%s], config [%s]",
		       u.domainname, d);
}

/* ------------------------------------------------------------------ checks: mounts */

static bool is_bind(const struct jval *m)
{
	struct jval *o = jget(m, "options");
	for (size_t i = 0; i < jlen(o); i++) {
		const char *s = jstr(o->v[i]);
		if (s && (strcmp(s, "bind") == 0 || strcmp(s, "rbind") == 0))
			return true;
	}
	return false;
}

static bool has_cfg_opt(const struct jval *m, const char *opt)
{
	struct jval *o = jget(m, "options");
	for (size_t i = 0; i < jlen(o); i++)
		if (jstr(o->v[i]) && strcmp(jstr(o->v[i]), opt) == 0)
			return true;
	return false;
}

/* the bind source as an absolute host path (relative ones against the bundle) */
static char *bind_source(const char *src)
{
	if (src[0] == '/')
		return clean_path(src);
	const char *b = annotation("bundle");
	char buf[PATH_MAX];
	snprintf(buf, sizeof(buf), "%s/%s", b ? b : "", src);
	return clean_path(buf);
}

static bool ends_with_path(const char *path, const char *tail)
{
	if (strcmp(tail, "/") == 0)
		return true;
	size_t a = strlen(path), b = strlen(tail);
	return a >= b && strcmp(path + a - b, tail) == 0 &&
	       (a == b || path[a - b - 1] == '/' || tail[0] == '/');
}

static bool mount_matches(const struct jval *cm, const struct mnt *m, const char *dest,
                          bool *type_ok, bool *src_ok)
{
	if (strcmp(m->point, dest) != 0)
		return false;
	const char *type = jstr(jget(cm, "type"));
	const char *src = jstr(jget(cm, "source"));
	bool bind = is_bind(cm);
	*type_ok = bind || !type || strcmp(type, m->fstype) == 0;
	if (!src) {
		*src_ok = true;
	} else if (bind) {
		char *abs = bind_source(src);
		*src_ok = ends_with_path(abs, m->root);
		free(abs);
	} else {
		*src_ok = strcmp(src, m->source) == 0;
	}
	return *type_ok && *src_ok;
}

static const char *must_opts[] = {
    "async",      "atime",      "bind",       "defaults",      "dev",
    "diratime",   "dirsync",    "exec",       "iversion",      "lazytime",
    "loud",       "noatime",    "nodev",      "nodiratime",    "noexec",
    "noiversion", "nolazytime", "norelatime", "nostrictatime", "nosuid",
    "private",    "rbind",      "relatime",   "remount",       "ro",
    "rprivate",   "rshared",    "rslave",     "runbindable",   "rw",
    "shared",     "silent",     "slave",      "strictatime",   "suid",
    "sync",       "unbindable", NULL};
static const char *should_opts[] = {
    "nosymfollow", "symfollow",    "ratime",      "rdev",    "rdiratime",   "rexec",
    "rnoatime",    "rnodev",       "rnodiratime", "rnoexec", "rnorelatime", "rnostrictatime",
    "rnosuid",     "rnosymfollow", "rrelatime",   "rro",     "rrw",         "rstrictatime",
    "rsuid",       "rsymfollow",   NULL};
static const char *may_opts[] = {"mand", "nomand", "tmpcopyup", "idmap", "ridmap", NULL};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* the per-mount flags a list of options ends with: +1 set, -1 cleared, 0 not mentioned */
struct flagset {
	int ro, nosuid, nodev, noexec, noatime, relatime, strictatime, nodiratime, nosymfollow;
	int sync, dirsync, lazytime, mand;
	const char *prop; /* last propagation option */
	/* recursive variants */
	int r_ro, r_nosuid, r_nodev, r_noexec, r_noatime, r_relatime, r_strictatime, r_nodiratime,
	    r_nosymfollow;
};

static void apply_opt(struct flagset *f, const char *o)
{
	static const struct {
		const char *name;
		size_t off;
		int val;
	} tab[] = {
#define F(n, field, v) {n, offsetof(struct flagset, field), v}
	    F("ro", ro, 1),
	    F("rw", ro, -1),
	    F("nosuid", nosuid, 1),
	    F("suid", nosuid, -1),
	    F("nodev", nodev, 1),
	    F("dev", nodev, -1),
	    F("noexec", noexec, 1),
	    F("exec", noexec, -1),
	    F("noatime", noatime, 1),
	    F("atime", noatime, -1),
	    F("relatime", relatime, 1),
	    F("norelatime", relatime, -1),
	    F("strictatime", strictatime, 1),
	    F("nostrictatime", strictatime, -1),
	    F("nodiratime", nodiratime, 1),
	    F("diratime", nodiratime, -1),
	    F("nosymfollow", nosymfollow, 1),
	    F("symfollow", nosymfollow, -1),
	    F("sync", sync, 1),
	    F("async", sync, -1),
	    F("dirsync", dirsync, 1),
	    F("lazytime", lazytime, 1),
	    F("nolazytime", lazytime, -1),
	    F("mand", mand, 1),
	    F("nomand", mand, -1),
	    F("rro", r_ro, 1),
	    F("rrw", r_ro, -1),
	    F("rnosuid", r_nosuid, 1),
	    F("rsuid", r_nosuid, -1),
	    F("rnodev", r_nodev, 1),
	    F("rdev", r_nodev, -1),
	    F("rnoexec", r_noexec, 1),
	    F("rexec", r_noexec, -1),
	    F("rnoatime", r_noatime, 1),
	    F("ratime", r_noatime, -1),
	    F("rrelatime", r_relatime, 1),
	    F("rnorelatime", r_relatime, -1),
	    F("rstrictatime", r_strictatime, 1),
	    F("rnostrictatime", r_strictatime, -1),
	    F("rnodiratime", r_nodiratime, 1),
	    F("rdiratime", r_nodiratime, -1),
	    F("rnosymfollow", r_nosymfollow, 1),
	    F("rsymfollow", r_nosymfollow, -1),
#undef F
	};
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(tab[i].name, o) == 0) {
			*(int *)((char *)f + tab[i].off) = tab[i].val;
			/* atime options exclude each other */
			if (strcmp(o, "noatime") == 0 || strcmp(o, "relatime") == 0 ||
			    strcmp(o, "strictatime") == 0) {
				if (strcmp(o, "noatime") != 0)
					f->noatime = f->noatime == 1 ? 0 : f->noatime;
				if (strcmp(o, "relatime") != 0)
					f->relatime = f->relatime == 1 ? 0 : f->relatime;
				if (strcmp(o, "strictatime") != 0)
					f->strictatime = f->strictatime == 1 ? 0 : f->strictatime;
			}
			return;
		}
	/* "defaults" (rw,suid,dev,exec,auto,nouser,async) sets nothing of its
	 * own in mount(8)/libmount: earlier options stay in effect */
	if (strcmp(o, "defaults") == 0)
		return;
	static const char *props[] = {"shared",   "rshared",    "slave",       "rslave", "private",
	                              "rprivate", "unbindable", "runbindable", NULL};
	if (in_list(props, o))
		f->prop = o;
}

/* which checklist row an option belongs to */
static const char *opt_row(const char *o)
{
	if (in_list(should_opts, o))
		return "MNT-07";
	if (in_list(may_opts, o))
		return "MNT-08";
	return "MNT-06";
}

/* check the per-mount flags F on mount M; ROWS picks which rows report */
static void check_flags(const char *dest, const struct mnt *m, const struct flagset *f, bool bind,
                        bool recursive_only)
{
	char d[300];
	snprintf(d, sizeof(d), "%s", dest);
	const char *opts = m->opts;
#define CHK(val, word, row)                                                                        \
	do {                                                                                       \
		if ((val) == 1)                                                                    \
			result(row, has_opt(opts, word), "%s: %s is set (per-mount options %s)",   \
			       d, word, opts);                                                     \
		else if ((val) == -1)                                                              \
			result(row, !has_opt(opts, word),                                          \
			       "%s: %s is clear (per-mount options %s)", d, word, opts);           \
	} while (0)
	if (!recursive_only) {
		if (f->ro == 1)
			result("MNT-06", has_opt(opts, "ro"), "%s: ro (per-mount options %s)", d,
			       opts);
		else if (f->ro == -1)
			result("MNT-06", has_opt(opts, "rw"), "%s: rw (per-mount options %s)", d,
			       opts);
		CHK(f->nosuid, "nosuid", "MNT-06");
		CHK(f->nodev, "nodev", "MNT-06");
		CHK(f->noexec, "noexec", "MNT-06");
		CHK(f->noatime, "noatime", "MNT-06");
		CHK(f->nodiratime, "nodiratime", "MNT-06");
		CHK(f->nosymfollow, "nosymfollow", "MNT-07");
		if (f->relatime == 1)
			result("MNT-06", has_opt(opts, "relatime"),
			       "%s: relatime (per-mount options %s)", d, opts);
		if (f->strictatime == 1)
			result(
			    "MNT-06", !has_opt(opts, "relatime") && !has_opt(opts, "noatime"),
			    "%s: strictatime: neither relatime nor noatime (per-mount options %s)",
			    d, opts);
		if (!bind) {
			const char *sup = m->super;
			if (f->sync == 1)
				result("MNT-06", has_opt(sup, "sync"),
				       "%s: sync (super options %s)", d, sup);
			else if (f->sync == -1)
				result("MNT-06", !has_opt(sup, "sync"),
				       "%s: async (super options %s)", d, sup);
			if (f->dirsync == 1)
				result("MNT-06", has_opt(sup, "dirsync"),
				       "%s: dirsync (super options %s)", d, sup);
			if (f->lazytime == 1)
				result("MNT-06", has_opt(sup, "lazytime"),
				       "%s: lazytime (super options %s)", d, sup);
			else if (f->lazytime == -1)
				result("MNT-06", !has_opt(sup, "lazytime"),
				       "%s: nolazytime (super options %s)", d, sup);
			if (f->mand == 1) {
				if (has_opt(sup, "mand"))
					ok("MNT-08", "%s: mand is set", d);
				else
					note("MNT-08",
					     "%s: mand accepted but not in effect (Linux >= 5.15 "
					     "dropped mandatory locks)",
					     d);
			}
		}
		if (f->prop) {
			const char *p = f->prop[0] == 'r' ? f->prop + 1 : f->prop;
			if (strcmp(p, "shared") == 0)
				result("MNT-06", has_tag(m, "shared:"),
				       "%s: %s gives a shared mount (%s)", d, f->prop,
				       m->optional[0] ? m->optional : "no tags");
			else if (strcmp(p, "slave") == 0)
				result("MNT-06", !has_tag(m, "shared:"), "%s: %s: not shared (%s)",
				       d, f->prop, m->optional[0] ? m->optional : "no tags");
			else if (strcmp(p, "private") == 0)
				result("MNT-06",
				       !has_tag(m, "shared:") && !has_tag(m, "master:") &&
				           !has_tag(m, "unbindable"),
				       "%s: %s: no propagation (%s)", d, f->prop,
				       m->optional[0] ? m->optional : "no tags");
			else if (strcmp(p, "unbindable") == 0)
				result("MNT-06", has_tag(m, "unbindable"), "%s: %s (%s)", d,
				       f->prop, m->optional[0] ? m->optional : "no tags");
		}
	}
	if (f->r_ro == 1)
		result("MNT-07", has_opt(opts, "ro"), "%s: rro: ro (per-mount options %s)", d,
		       opts);
	else if (f->r_ro == -1)
		result("MNT-07", has_opt(opts, "rw"), "%s: rrw: rw (per-mount options %s)", d,
		       opts);
	CHK(f->r_nosuid, "nosuid", "MNT-07");
	CHK(f->r_nodev, "nodev", "MNT-07");
	CHK(f->r_noexec, "noexec", "MNT-07");
	CHK(f->r_noatime, "noatime", "MNT-07");
	CHK(f->r_nodiratime, "nodiratime", "MNT-07");
	CHK(f->r_nosymfollow, "nosymfollow", "MNT-07");
	if (f->r_relatime == 1)
		result("MNT-07", has_opt(opts, "relatime"), "%s: rrelatime (per-mount options %s)",
		       d, opts);
	if (f->r_strictatime == 1)
		result("MNT-07", !has_opt(opts, "relatime") && !has_opt(opts, "noatime"),
		       "%s: rstrictatime (per-mount options %s)", d, opts);
#undef CHK
}

static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 10);
	switch (*end) {
	case 'k':
	case 'K':
		v <<= 10;
		break;
	case 'm':
	case 'M':
		v <<= 20;
		break;
	case 'g':
	case 'G':
		v <<= 30;
		break;
	default:
		break;
	}
	return v;
}

static void strip_octal(const char *in, char *out, size_t sz)
{
	while (in[0] == '0' && in[1])
		in++;
	snprintf(out, sz, "%s", in);
}

/* filesystem-specific data options (MNT-10) */
static void check_data_opts(const struct jval *cm, const char *dest, const struct mnt *m,
                            bool topmost)
{
	struct jval *o = jget(cm, "options");
	const char *type = jstr(jget(cm, "type"));
	bool tmpfs = type && strcmp(type, "tmpfs") == 0;
	for (size_t i = 0; i < jlen(o); i++) {
		const char *s = jstr(o->v[i]);
		if (!s || !strchr(s, '='))
			continue;
		char key[64], val[128];
		const char *eq = strchr(s, '=');
		snprintf(key, sizeof(key), "%.*s", (int)(eq - s), s);
		snprintf(val, sizeof(val), "%s", eq + 1);
		struct stat st;
		if (tmpfs && topmost && strcmp(key, "mode") == 0) {
			unsigned mode = (unsigned)strtoul(val, NULL, 8);
			bool got = stat(dest, &st) == 0;
			result("MNT-10", got && (st.st_mode & 07777) == mode,
			       "%s: tmpfs mode=%s gives %04o", dest, val,
			       got ? (unsigned)(st.st_mode & 07777) : 0);
		} else if (tmpfs && topmost && strcmp(key, "size") == 0 && !strchr(val, '%')) {
			struct statfs sf;
			uint64_t want = parse_size(val);
			long page = sysconf(_SC_PAGESIZE);
			want = (want + (uint64_t)page - 1) / (uint64_t)page * (uint64_t)page;
			bool got = statfs(dest, &sf) == 0;
			uint64_t have = got ? (uint64_t)sf.f_blocks * (uint64_t)sf.f_bsize : 0;
			result("MNT-10", got && have == want,
			       "%s: tmpfs size=%s gives %" PRIu64 " bytes", dest, val, have);
		} else if (tmpfs && topmost &&
		           (strcmp(key, "uid") == 0 || strcmp(key, "gid") == 0)) {
			unsigned long want = strtoul(val, NULL, 10);
			bool got = stat(dest, &st) == 0;
			unsigned long have = got ? (key[0] == 'u' ? st.st_uid : st.st_gid) : 0;
			result("MNT-10", got && have == want, "%s: tmpfs %s=%s gives %lu", dest,
			       key, val, have);
		} else if (!tmpfs && (strcmp(key, "mode") == 0 || strcmp(key, "ptmxmode") == 0 ||
		                      strcmp(key, "gid") == 0 || strcmp(key, "uid") == 0)) {
			char have[128], want[128];
			const char *h = opt_value(m->super, key, have, sizeof(have));
			strip_octal(val, want, sizeof(want));
			char hv[128] = "";
			if (h)
				strip_octal(h, hv, sizeof(hv));
			result("MNT-10", h && strcmp(hv, want) == 0,
			       "%s: %s=%s in the super options (%s)", dest, key, val, m->super);
		}
	}
}

static void check_mounts(void)
{
	struct jval *ms = jget(cfg, "mounts");
	size_t n = jlen(ms);
	if (!n)
		return;
	size_t j = 0; /* next mountinfo index for the in-order search */
	for (size_t i = 0; i < n; i++) {
		struct jval *cm = ms->v[i];
		const char *d0 = jstr(jget(cm, "destination"));
		if (!d0)
			continue;
		if (d0[0] != '/')
			note("MNT-02",
			     "mounts[%zu]: relative destination \"%s\" accepted (taken relative to "
			     "/)",
			     i, d0);
		char *dest = resolve(d0);
		bool bind = is_bind(cm);
		struct flagset f;
		memset(&f, 0, sizeof(f));
		struct jval *opts = jget(cm, "options");
		for (size_t k = 0; k < jlen(opts); k++)
			if (jstr(opts->v[k]))
				apply_opt(&f, jstr(opts->v[k]));

		/* a later "remount" entry for this destination changes its flags */
		bool remounted_later = false;
		for (size_t k = i + 1; k < n; k++) {
			const char *dk = jstr(jget(ms->v[k], "destination"));
			if (dk && has_cfg_opt(ms->v[k], "remount")) {
				char *rk = resolve(dk);
				remounted_later |= strcmp(rk, dest) == 0;
				free(rk);
			}
		}
		if (has_cfg_opt(cm, "remount")) {
			struct mnt *m = top_mount_at(dest);
			if (!m)
				nok("MNT-06", "mounts[%zu] (remount %s): no mount there", i, dest);
			else
				check_flags(dest, m, &f, true, false);
			free(dest);
			continue;
		}

		struct mnt *found = NULL;
		bool any_type = false, any_src = false, earlier = false;
		for (size_t k = 0; k < n_mnts; k++) {
			bool t_ok = false, s_ok = false;
			bool match = mount_matches(cm, &mnts[k], dest, &t_ok, &s_ok);
			if (strcmp(mnts[k].point, dest) == 0) {
				any_type |= t_ok;
				any_src |= s_ok;
			}
			if (match && k >= j && !found) {
				found = &mnts[k];
				j = k + 1;
			} else if (match && k < j && !found) {
				earlier = true;
			}
		}
		const char *type = jstr(jget(cm, "type"));
		const char *src = jstr(jget(cm, "source"));
		if (found) {
			ok("MNT-01", "mounts[%zu] %s found in order", i, dest);
		} else if (earlier) {
			nok("MNT-01", "mounts[%zu] %s found, but out of order", i, dest);
		} else {
			nok("MNT-01",
			    "mounts[%zu] %s (%s from %s) not found in /proc/self/mountinfo", i,
			    dest, type ? type : "-", src ? src : "-");
		}
		if (!bind && type)
			result("MNT-05", any_type, "mounts[%zu] %s has type %s", i, dest, type);
		if (src)
			result("MNT-03", any_src, "mounts[%zu] %s comes from %s", i, dest, src);
		if (bind && src && top_mount_at(dest)) {
			struct mnt *t = top_mount_at(dest);
			result("MNT-04",
			       found != NULL || strcmp(t->fstype, type ? type : "") != 0 || !type,
			       "mounts[%zu] %s is a bind mount (fstype %s, not the dummy type %s)",
			       i, dest, t->fstype, type ? type : "(none)");
		}
		if (found) {
			if (!remounted_later)
				check_flags(dest, found, &f, bind, false);
			bool topmost = top_mount_at(dest) == found;
			check_data_opts(cm, dest, found, topmost);
			/* recursive attributes reach the submounts as well */
			bool rec = f.r_ro || f.r_nosuid || f.r_nodev || f.r_noexec || f.r_noatime ||
			           f.r_relatime || f.r_strictatime || f.r_nodiratime ||
			           f.r_nosymfollow;
			if (rec) {
				size_t dl = strlen(dest);
				for (size_t k = (size_t)(found - mnts) + 1; k < n_mnts; k++)
					if (strncmp(mnts[k].point, dest, dl) == 0 &&
					    mnts[k].point[dl] == '/')
						check_flags(mnts[k].point, &mnts[k], &f, bind,
						            true);
			}
			for (size_t k = 0; k < jlen(opts); k++) {
				const char *o = jstr(opts->v[k]);
				if (o && !strchr(o, '=') && !in_list(must_opts, o) &&
				    !in_list(should_opts, o) && !in_list(may_opts, o))
					note("MNT-09",
					     "mounts[%zu] %s: custom option \"%s\" accepted", i,
					     dest, o);
				else if (o && strcmp(opt_row(o), "MNT-08") == 0 &&
				         strcmp(o, "mand") != 0)
					ok("MNT-08",
					   "mounts[%zu] %s: %s accepted and the mount is there", i,
					   dest, o);
			}
		}
		free(dest);
	}
}

static void check_default_fs(void)
{
	static const struct {
		const char *path, *type;
	} fs[] = {
	    {"/proc", "proc"}, {"/sys", "sysfs"}, {"/dev/pts", "devpts"}, {"/dev/shm", "tmpfs"}};
	struct jval *ms = jget(cfg, "mounts");
	for (size_t i = 0; i < 4; i++) {
		bool listed = false;
		for (size_t k = 0; k < jlen(ms); k++) {
			const char *d = jstr(jget(ms->v[k], "destination"));
			if (d) {
				char *c = clean_path(d);
				listed |= strcmp(c, fs[i].path) == 0;
				free(c);
			}
		}
		struct mnt *m = top_mount_at(fs[i].path);
		bool there = m && strcmp(m->fstype, fs[i].type) == 0;
		if (there)
			ok("MNT-13", "%s is a %s mount", fs[i].path, fs[i].type);
		else if (listed)
			nok("MNT-13", "%s is configured but is not a %s mount (%s)", fs[i].path,
			    fs[i].type, m ? m->fstype : "not a mount point");
		else
			note("MNT-13",
			     "%s (%s) is absent: the config does not list it and the runtime did "
			     "not add it",
			     fs[i].path, fs[i].type);
	}
}

/* ------------------------------------------------------------------ checks: devices */

static const char *mode_type(mode_t m)
{
	if (S_ISCHR(m))
		return "char";
	if (S_ISBLK(m))
		return "block";
	if (S_ISFIFO(m))
		return "fifo";
	if (S_ISDIR(m))
		return "dir";
	if (S_ISLNK(m))
		return "symlink";
	if (S_ISREG(m))
		return "file";
	return "other";
}

static void check_default_devices(void)
{
	static const struct {
		const char *path;
		unsigned maj, min;
	} devs[] = {{"/dev/null", 1, 3},   {"/dev/zero", 1, 5},    {"/dev/full", 1, 7},
	            {"/dev/random", 1, 8}, {"/dev/urandom", 1, 9}, {"/dev/tty", 5, 0}};
	for (size_t i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		struct stat st;
		if (stat(devs[i].path, &st) != 0) {
			nok("DEV-09", "%s: %s", devs[i].path, strerror(errno));
			continue;
		}
		result("DEV-09",
		       S_ISCHR(st.st_mode) && major(st.st_rdev) == devs[i].maj &&
		           minor(st.st_rdev) == devs[i].min,
		       "%s is char %u:%u (found %s %u:%u)", devs[i].path, devs[i].maj, devs[i].min,
		       mode_type(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
	}
	/* usable, not just present */
	char c = 'x';
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	result("DEV-09", fd >= 0 && write(fd, &c, 1) == 1,
	       "/dev/null opens read-write and takes a write%s%s", fd < 0 ? ": " : "",
	       fd < 0 ? strerror(errno) : "");
	if (fd >= 0)
		close(fd);
	fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	c = 'x';
	result("DEV-09", fd >= 0 && read(fd, &c, 1) == 1 && c == 0,
	       "/dev/zero reads a zero byte%s%s", fd < 0 ? ": " : "",
	       fd < 0 ? strerror(errno) : "");
	if (fd >= 0)
		close(fd);
	fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
	errno = 0;
	result("DEV-09", fd >= 0 && write(fd, &c, 1) < 0 && errno == ENOSPC,
	       "/dev/full refuses a write with ENOSPC");
	if (fd >= 0)
		close(fd);
	const char *rnd[] = {"/dev/random", "/dev/urandom"};
	for (int k = 0; k < 2; k++) {
		fd = open(rnd[k], O_RDONLY | O_CLOEXEC);
		result("DEV-09", fd >= 0 && read(fd, &c, 1) == 1, "%s reads%s%s", rnd[k],
		       fd < 0 ? ": " : "", fd < 0 ? strerror(errno) : "");
		if (fd >= 0)
			close(fd);
	}
	fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	int e = errno;
	bool terminal = jbool(jpath(cfg, "process.terminal"));
	/* without a controlling terminal the tty driver says ENXIO; EPERM would be a device cgroup
	 * denial */
	result("DEV-09", fd >= 0 || (!terminal && e == ENXIO),
	       "/dev/tty opens (or ENXIO without a controlling terminal): %s",
	       fd >= 0 ? "opened" : strerror(e));
	if (fd >= 0)
		close(fd);

	struct stat st;
	char target[256] = "";
	if (lstat("/dev/ptmx", &st) != 0) {
		nok("DEV-09", "/dev/ptmx: %s", strerror(errno));
	} else if (S_ISLNK(st.st_mode)) {
		ssize_t r = readlink("/dev/ptmx", target, sizeof(target) - 1);
		if (r >= 0)
			target[r] = '\0';
		result("DEV-09",
		       strcmp(target, "pts/ptmx") == 0 || strcmp(target, "/dev/pts/ptmx") == 0,
		       "/dev/ptmx is a symlink to %s", target);
	} else {
		result("DEV-09",
		       S_ISCHR(st.st_mode) && major(st.st_rdev) == 5 && minor(st.st_rdev) == 2,
		       "/dev/ptmx is char 5:2 (a bind of /dev/pts/ptmx)");
	}
	if (top_mount_at("/dev/pts")) {
		fd = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
		result("DEV-09", fd >= 0, "/dev/ptmx opens and allocates a pty%s%s",
		       fd < 0 ? ": " : "", fd < 0 ? strerror(errno) : "");
		if (fd >= 0)
			close(fd);
	}
}

static void check_dev_symlinks(void)
{
	static const struct {
		const char *path, *target;
	} l[] = {{"/dev/fd", "/proc/self/fd"},
	         {"/dev/stdin", "/proc/self/fd/0"},
	         {"/dev/stdout", "/proc/self/fd/1"},
	         {"/dev/stderr", "/proc/self/fd/2"}};
	for (size_t i = 0; i < 4; i++) {
		struct stat st;
		char t[256];
		if (lstat(l[i].path, &st) != 0) {
			nok("DEV-10", "%s: %s", l[i].path, strerror(errno));
			continue;
		}
		if (!S_ISLNK(st.st_mode)) {
			nok("DEV-10", "%s is a %s, not a symlink", l[i].path,
			    mode_type(st.st_mode));
			continue;
		}
		ssize_t r = readlink(l[i].path, t, sizeof(t) - 1);
		t[r >= 0 ? r : 0] = '\0';
		result("DEV-10", strcmp(t, l[i].target) == 0, "%s -> %s (expected %s)", l[i].path,
		       t, l[i].target);
	}
}

static uid_t host_overflow_uid(void)
{
	char *s = read_file("/proc/sys/kernel/overflowuid", NULL);
	uid_t u = s ? (uid_t)strtoul(s, NULL, 10) : 65534;
	free(s);
	return u;
}

static void check_devices(void)
{
	struct jval *devs = jpath(cfg, "linux.devices");
	for (size_t i = 0; i < jlen(devs); i++) {
		struct jval *d = devs->v[i];
		const char *path = jstr(jget(d, "path"));
		const char *type = jstr(jget(d, "type"));
		if (!path || !type)
			continue;
		struct stat st;
		if (lstat(path, &st) != 0) {
			nok("DEV-01", "devices[%zu] %s: %s", i, path, strerror(errno));
			continue;
		}
		ok("DEV-01", "devices[%zu] %s exists", i, path);
		if (strncmp(path, "/dev/", 5) != 0)
			ok("DEV-03", "devices[%zu] %s exists outside /dev", i, path);
		bool type_ok;
		const char *want = "char";
		if (type[0] == 'b') {
			type_ok = S_ISBLK(st.st_mode);
			want = "block";
		} else if (type[0] == 'p') {
			type_ok = S_ISFIFO(st.st_mode);
			want = "fifo";
		} else {
			type_ok = S_ISCHR(st.st_mode);
		}
		result("DEV-02", type_ok, "devices[%zu] %s: type %s is a %s node (found %s)", i,
		       path, type, want, mode_type(st.st_mode));
		if (type[0] != 'p') {
			uint64_t ma = 0, mi = 0;
			ju64(jget(d, "major"), &ma);
			ju64(jget(d, "minor"), &mi);
			result("DEV-04", major(st.st_rdev) == ma && minor(st.st_rdev) == mi,
			       "devices[%zu] %s is %" PRIu64 ":%" PRIu64 " (found %u:%u)", i, path,
			       ma, mi, major(st.st_rdev), minor(st.st_rdev));
		}
		uint64_t mode;
		if (ju64(jget(d, "fileMode"), &mode)) {
			result("DEV-05", (st.st_mode & 07777) == (mode & 07777),
			       "devices[%zu] %s has mode %04o (config %04o)", i, path,
			       (unsigned)(st.st_mode & 07777), (unsigned)(mode & 07777));
		}
		uint64_t uid, gid;
		bool has_uid = ju64(jget(d, "uid"), &uid), has_gid = ju64(jget(d, "gid"), &gid);
		if (has_uid || has_gid) {
			if (user_namespace() && st.st_uid == host_overflow_uid()) {
				note("DEV-06",
				     "devices[%zu] %s: owner %u:%u in a user namespace (a bind of "
				     "the host node keeps the host owner)",
				     i, path, (unsigned)st.st_uid, (unsigned)st.st_gid);
			} else {
				result("DEV-06",
				       (!has_uid || st.st_uid == uid) &&
				           (!has_gid || st.st_gid == gid),
				       "devices[%zu] %s is owned by %u:%u (config %s:%s)", i, path,
				       (unsigned)st.st_uid, (unsigned)st.st_gid,
				       has_uid ? jget(d, "uid")->s : "-",
				       has_gid ? jget(d, "gid")->s : "-");
			}
		}
		/* a listed null or zero device that anyone may use must open: a
		 * device cgroup may deny only what is neither listed nor default */
		if (type[0] != 'p' && type[0] != 'b' && S_ISCHR(st.st_mode) &&
		    major(st.st_rdev) == 1 && (minor(st.st_rdev) == 3 || minor(st.st_rdev) == 5) &&
		    (st.st_mode & 0006) == 0006) {
			int fd = open(path, O_RDWR | O_CLOEXEC);
			result("DEV-08", fd >= 0,
			       "devices[%zu] %s (listed, mode %04o) opens read-write%s%s", i, path,
			       (unsigned)(st.st_mode & 07777), fd < 0 ? ": " : "",
			       fd < 0 ? strerror(errno) : "");
			if (fd >= 0)
				close(fd);
		}
	}
}

/* ------------------------------------------------------------------ checks: caps, rlimits, nnp,
 * oom */

static const char *cap_names[] = {
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
};
#define N_CAPS (int)(sizeof(cap_names) / sizeof(cap_names[0]))

static int cap_last(void)
{
	char *s = read_file("/proc/sys/kernel/cap_last_cap", NULL);
	int n = s ? atoi(s) : N_CAPS - 1;
	free(s);
	return n < N_CAPS - 1 ? n : N_CAPS - 1;
}

static uint64_t status_hex(const char *status, const char *key)
{
	char k[32];
	snprintf(k, sizeof(k), "\n%s:", key);
	const char *p = strstr(status, k);
	return p ? strtoull(p + strlen(k), NULL, 16) : 0;
}

static void check_caps(void)
{
	struct jval *caps = jpath(cfg, "process.capabilities");
	if (!caps)
		return;
	char *status = read_file("/proc/self/status", NULL);
	if (!status) {
		nok("CAP-01", "/proc/self/status: %s", strerror(errno));
		return;
	}
	int last = cap_last();
	uint64_t all = last >= 63 ? ~0ULL : ((1ULL << (last + 1)) - 1);
	static const struct {
		const char *cfg, *status;
	} sets[] = {{"bounding", "CapBnd"},
	            {"effective", "CapEff"},
	            {"inheritable", "CapInh"},
	            {"permitted", "CapPrm"},
	            {"ambient", "CapAmb"}};
	for (size_t s = 0; s < 5; s++) {
		struct jval *list = jget(caps, sets[s].cfg);
		uint64_t want = 0;
		for (size_t i = 0; i < jlen(list); i++) {
			const char *name = jstr(list->v[i]);
			if (!name)
				continue;
			bool known = false;
			for (int c = 0; c <= last; c++)
				if (strcmp(cap_names[c], name) == 0) {
					want |= 1ULL << c;
					known = true;
				}
			if (!known)
				note("CAP-02",
				     "%s: %s is not a capability of this kernel (left out of the "
				     "check)",
				     sets[s].cfg, name);
		}
		uint64_t have = status_hex(status, sets[s].status) & all;
		char missing[1024] = "", extra[1024] = "";
		for (int c = 0; c <= last; c++) {
			uint64_t bit = 1ULL << c;
			char *dst = (want & bit) && !(have & bit)     ? missing
			            : (!(want & bit) && (have & bit)) ? extra
			                                              : NULL;
			if (dst) {
				size_t u = strlen(dst);
				snprintf(dst + u, 1024 - u, " %s", cap_names[c]);
			}
		}
		result("CAP-01", !missing[0] && !extra[0],
		       "%s set is exactly the config's (%zu)%s%s%s%s", sets[s].cfg, jlen(list),
		       missing[0] ? "; missing:" : "", missing, extra[0] ? "; extra:" : "", extra);
	}
	free(status);
}

static const struct {
	const char *name;
	int res;
} rlimits[] = {
    {"RLIMIT_AS", RLIMIT_AS},
    {"RLIMIT_CORE", RLIMIT_CORE},
    {"RLIMIT_CPU", RLIMIT_CPU},
    {"RLIMIT_DATA", RLIMIT_DATA},
    {"RLIMIT_FSIZE", RLIMIT_FSIZE},
    {"RLIMIT_LOCKS", RLIMIT_LOCKS},
    {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},
    {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
    {"RLIMIT_NICE", RLIMIT_NICE},
    {"RLIMIT_NOFILE", RLIMIT_NOFILE},
    {"RLIMIT_NPROC", RLIMIT_NPROC},
    {"RLIMIT_RSS", RLIMIT_RSS},
    {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},
    {"RLIMIT_RTTIME", RLIMIT_RTTIME},
    {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
    {"RLIMIT_STACK", RLIMIT_STACK},
};

static void check_rlimits(void)
{
	struct jval *rl = jpath(cfg, "process.rlimits");
	for (size_t i = 0; i < jlen(rl); i++) {
		const char *type = jstr(jget(rl->v[i], "type"));
		uint64_t soft = 0, hard = 0;
		ju64(jget(rl->v[i], "soft"), &soft);
		ju64(jget(rl->v[i], "hard"), &hard);
		int res = -1;
		for (size_t k = 0; k < sizeof(rlimits) / sizeof(rlimits[0]); k++)
			if (type && strcmp(rlimits[k].name, type) == 0)
				res = rlimits[k].res;
		if (res < 0)
			continue;
		struct rlimit r;
		if (getrlimit(res, &r) != 0) {
			nok("RLIM-02", "getrlimit(%s): %s", type, strerror(errno));
			continue;
		}
		result("RLIM-02", (uint64_t)r.rlim_cur == soft && (uint64_t)r.rlim_max == hard,
		       "%s is %" PRIu64 "/%" PRIu64 " (config %" PRIu64 "/%" PRIu64 ")", type,
		       (uint64_t)r.rlim_cur, (uint64_t)r.rlim_max, soft, hard);
	}
}

static void check_nnp(void)
{
	int v = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	bool want = jbool(jpath(cfg, "process.noNewPrivileges"));
	result("NNP-01", v == (want ? 1 : 0), "no_new_privs is %d (noNewPrivileges %s)", v,
	       jpath(cfg, "process.noNewPrivileges") ? (want ? "true" : "false") : "unset");
}

static void check_oom(void)
{
	char *s = read_file("/proc/self/oom_score_adj", NULL);
	if (!s) {
		nok("OOM-01", "/proc/self/oom_score_adj: %s", strerror(errno));
		return;
	}
	long have = strtol(s, NULL, 10);
	free(s);
	int64_t want;
	if (ji64(jpath(cfg, "process.oomScoreAdj"), &want)) {
		result("OOM-01", have == want, "oom_score_adj is %ld (config %" PRId64 ")", have,
		       want);
	} else {
		const char *caller = annotation("oom");
		if (caller)
			result("OOM-02", have == strtol(caller, NULL, 10),
			       "oomScoreAdj unset: oom_score_adj is %ld, the caller's is %s", have,
			       caller);
	}
}

static void norm_ws(char *s)
{
	char *o = s;
	bool sp = false;
	for (char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n') {
			sp = true;
			continue;
		}
		if (sp && o != s)
			*o++ = ' ';
		sp = false;
		*o++ = *p;
	}
	*o = '\0';
}

static void check_sysctl(void)
{
	struct jval *sc = jpath(cfg, "linux.sysctl");
	for (size_t i = 0; i < jlen(sc); i++) {
		const char *val = jstr(sc->v[i]);
		char path[512] = "/proc/sys/";
		size_t u = strlen(path);
		for (const char *k = sc->k[i]; *k && u < sizeof(path) - 1; k++)
			path[u++] = *k == '.' ? '/' : *k == '/' ? '.' : *k;
		path[u] = '\0';
		char *have = read_file(path, NULL);
		if (!have) {
			nok("SYSCTL-01", "%s: %s", path, strerror(errno));
			continue;
		}
		char want[512];
		snprintf(want, sizeof(want), "%s", val ? val : "");
		norm_ws(have);
		norm_ws(want);
		result("SYSCTL-01", strcmp(have, want) == 0, "%s reads [%s] (config [%s])",
		       sc->k[i], have, want);
		free(have);
	}
}

static void check_idmaps(void)
{
	static const struct {
		const char *cfg, *file;
	} maps[] = {{"linux.uidMappings", "/proc/self/uid_map"},
	            {"linux.gidMappings", "/proc/self/gid_map"}};
	for (int m = 0; m < 2; m++) {
		struct jval *want = jpath(cfg, maps[m].cfg);
		if (!jlen(want))
			continue;
		char *text = read_file(maps[m].file, NULL);
		if (!text) {
			nok("UMAP-01", "%s: %s", maps[m].file, strerror(errno));
			continue;
		}
		unsigned long long have[400][3];
		size_t nh = 0;
		char *save = NULL;
		for (char *line = strtok_r(text, "\n", &save); line && nh < 400;
		     line = strtok_r(NULL, "\n", &save))
			if (sscanf(line, "%llu %llu %llu", &have[nh][0], &have[nh][1],
			           &have[nh][2]) == 3)
				nh++;
		free(text);
		bool all = nh == jlen(want);
		for (size_t i = 0; i < jlen(want); i++) {
			uint64_t c = 0, h = 0, s = 0;
			ju64(jget(want->v[i], "containerID"), &c);
			ju64(jget(want->v[i], "hostID"), &h);
			ju64(jget(want->v[i], "size"), &s);
			bool found = false;
			for (size_t k = 0; k < nh; k++)
				if (have[k][0] == c && have[k][1] == h && have[k][2] == s)
					found = true;
			if (!found) {
				all = false;
				nok("UMAP-01",
				    "%s lacks the mapping %" PRIu64 " %" PRIu64 " %" PRIu64,
				    maps[m].file, c, h, s);
			}
		}
		result("UMAP-01", all,
		       "%s has exactly the %zu configured mappings (found %zu lines)", maps[m].file,
		       jlen(want), nh);
	}
}

/* ------------------------------------------------------------------ checks: masked / read-only
 * paths */

/* 1 readable (data or entries), 0 reads nothing, -1 error (errno) */
static int try_read(const char *path, const struct stat *st)
{
	if (S_ISDIR(st->st_mode)) {
		DIR *d = opendir(path);
		if (!d)
			return -1;
		struct dirent *e;
		int n = 0;
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				n++;
		closedir(d);
		return n > 0;
	}
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char c;
	ssize_t r = read(fd, &c, 1);
	int e = errno;
	close(fd);
	errno = e;
	return r > 0 ? 1 : r == 0 ? 0 : -1;
}

/* 1 a write went through, 0 refused (errno); files are opened, never written,
 * when WRITE is false (read-only /proc files must not be poked) */
static int try_write(const char *path, const struct stat *st, bool write_file)
{
	if (S_ISDIR(st->st_mode)) {
		char name[PATH_MAX];
		snprintf(name, sizeof(name), "%s/.oci-w-%d", path, (int)getpid());
		int fd = open(name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
		if (fd < 0)
			return 0;
		close(fd);
		unlink(name);
		return 1;
	}
	int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	int r = 1;
	if (write_file && write(fd, "oci-masked-write\n", 17) < 0)
		r = 0;
	close(fd);
	return r;
}

static void check_masked(void)
{
	struct jval *mp = jpath(cfg, "linux.maskedPaths");
	for (size_t i = 0; i < jlen(mp); i++) {
		const char *path = jstr(mp->v[i]);
		struct stat st;
		if (!path)
			continue;
		if (lstat(path, &st) != 0) {
			note("MASK-01", "maskedPaths[%zu] %s: %s (nothing to mask)", i, path,
			     strerror(errno));
			continue;
		}
		if (S_ISFIFO(st.st_mode) || S_ISBLK(st.st_mode)) {
			nok("MASK-01", "maskedPaths[%zu] %s is still a %s: not masked", i, path,
			    mode_type(st.st_mode));
			continue;
		}
		int r = try_read(path, &st);
		int e = errno;
		result("MASK-01", r <= 0, "maskedPaths[%zu] %s (%s) reads nothing (%s)", i, path,
		       mode_type(st.st_mode),
		       r > 0    ? "it has content"
		       : r == 0 ? "empty"
		                : strerror(e));
		if (!S_ISDIR(st.st_mode))
			continue;
		int w = try_write(path, &st, true);
		result("MASK-01", w == 0, "maskedPaths[%zu] %s: creating an entry is refused", i,
		       path);
	}
	/* masked regular files: a write must not reach the masked file */
	for (size_t i = 0; i < jlen(mp); i++) {
		const char *path = jstr(mp->v[i]);
		struct stat st;
		if (!path || lstat(path, &st) != 0 || S_ISDIR(st.st_mode) ||
		    strncmp(path, "/proc", 5) == 0 || strncmp(path, "/sys", 4) == 0)
			continue;
		int w = try_write(path, &st, true);
		note("MASK-01",
		     "maskedPaths[%zu] %s: a write %s (the runner checks the file underneath)", i,
		     path, w ? "is accepted" : "is refused");
	}
}

static void check_readonly(void)
{
	struct jval *rp = jpath(cfg, "linux.readonlyPaths");
	for (size_t i = 0; i < jlen(rp); i++) {
		const char *path = jstr(rp->v[i]);
		struct stat st;
		if (!path)
			continue;
		if (lstat(path, &st) != 0) {
			note("ROP-01", "readonlyPaths[%zu] %s: %s (nothing to protect)", i, path,
			     strerror(errno));
			continue;
		}
		int r = try_read(path, &st);
		int e = errno;
		result("ROP-01", r >= 0, "readonlyPaths[%zu] %s still reads%s%s", i, path,
		       r < 0 ? ": " : "", r < 0 ? strerror(e) : "");
		int w = try_write(path, &st, false);
		result("ROP-01", w == 0, "readonlyPaths[%zu] %s refuses %s", i, path,
		       S_ISDIR(st.st_mode) ? "creating an entry" : "opening for write");
		char *rpth = resolve(path);
		struct mnt *m = top_mount_at(rpth);
		if (m)
			result("ROP-01", has_opt(m->opts, "ro"),
			       "readonlyPaths[%zu] %s is a read-only mount (%s)", i, path, m->opts);
		free(rpth);
	}
}

/* ------------------------------------------------------------------ checks: rootfs propagation */

static void check_propagation(void)
{
	const char *prop = jstr(jpath(cfg, "linux.rootfsPropagation"));
	struct mnt *root = top_mount_at("/");
	if (!prop) {
		if (root)
			note("PROP-06", "rootfsPropagation unset: / has propagation [%s]",
			     root->optional[0] ? root->optional : "private");
		return;
	}
	const char *row = strcmp(prop, "shared") == 0       ? "PROP-02"
	                  : strcmp(prop, "slave") == 0      ? "PROP-03"
	                  : strcmp(prop, "private") == 0    ? "PROP-04"
	                  : strcmp(prop, "unbindable") == 0 ? "PROP-05"
	                                                    : "PROP-01";
	if (root) {
		const char *t = root->optional[0] ? root->optional : "none";
		if (strcmp(prop, "shared") == 0)
			result(row, has_tag(root, "shared:"), "/ is a shared mount (%s)", t);
		else if (strcmp(prop, "slave") == 0)
			result(row, !has_tag(root, "shared:") && !has_tag(root, "unbindable"),
			       "/ is a slave, not shared (%s)", t);
		else if (strcmp(prop, "private") == 0)
			result(row, !has_tag(root, "shared:") && !has_tag(root, "master:"),
			       "/ is private (%s)", t);
		else if (strcmp(prop, "unbindable") == 0)
			result(row, has_tag(root, "unbindable"), "/ is unbindable (%s)", t);
	}
	char target[64], src[64], mnt[64], file[128], seen[256];
	snprintf(target, sizeof(target), "/oci-prop-target-%d", (int)getpid());
	snprintf(src, sizeof(src), "/oci-prop-src-%d", (int)getpid());
	snprintf(mnt, sizeof(mnt), "/oci-prop-mnt-%d", (int)getpid());
	if (mkdir(target, 0755) != 0) {
		nok(row, "mkdir %s: %s", target, strerror(errno));
		return;
	}
	int r = mount("/", target, NULL, MS_BIND | MS_REC, NULL);
	int e = errno;
	if (strcmp(prop, "unbindable") == 0) {
		result(row, r != 0 && e == EINVAL, "bind-mounting / fails with EINVAL (%s)",
		       r == 0 ? "it worked" : strerror(e));
		if (r == 0)
			(void)umount2(target, MNT_DETACH);
		rmdir(target);
		return;
	}
	if (r != 0) {
		if (e == EPERM)
			nok(row, "cannot bind-mount / to test propagation: EPERM (CAP_SYS_ADMIN "
			         "missing?)");
		else
			nok(row, "rbind / %s: %s", target, strerror(e));
		rmdir(target);
		return;
	}
	(void)mkdir(src, 0755);
	(void)mkdir(mnt, 0755);
	snprintf(file, sizeof(file), "%s/example", src);
	int fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
	if (mount(src, mnt, NULL, MS_BIND | MS_REC, NULL) != 0) {
		nok(row, "bind %s %s: %s", src, mnt, strerror(errno));
	} else {
		snprintf(seen, sizeof(seen), "%s%s/example", target, mnt);
		struct stat st;
		bool exposed = stat(seen, &st) == 0;
		if (strcmp(prop, "shared") == 0)
			result(row, exposed,
			       "a mount under / propagates to the rbind copy of / (%s)", seen);
		else
			result(row, !exposed,
			       "a mount under / does not propagate to the rbind copy of / (%s)",
			       seen);
		(void)umount2(mnt, MNT_DETACH);
	}
	(void)umount2(target, MNT_DETACH);
	unlink(file);
	rmdir(src);
	rmdir(mnt);
	rmdir(target);
}

/* ------------------------------------------------------------------ assertions from annotations */

/* org.oci-conformance.check.<ROW>.<n> = "<op> <args>"; a leading '?' makes a
 * failure a note (SHOULD/MAY rows). Ops:
 *   exists P | absent P | content P TEXT | mode P OCTAL | owner P UID:GID
 *   type P char|block|fifo|dir|file|symlink | rdev P MAJ:MIN
 *   mountpoint P FSTYPE|any | not-mountpoint P | mountopt P OPT | superopt P OPT
 *   writable P | readonly P | open-denied P | mount-tmpfs P | symlink P TARGET
 */
static void run_assert(const char *row, const char *spec)
{
	bool soft = spec[0] == '?';
	if (soft)
		spec++;
	char op[32] = "", path[PATH_MAX] = "", arg[1024] = "";
	int n = sscanf(spec, "%31s %4095s %1023[^\n]", op, path, arg);
	if (n < 2) {
		nok(row, "bad assertion [%s]", spec);
		return;
	}
	bool pass = false;
	char why[10240] = "";
	struct stat st;
	if (strcmp(op, "exists") == 0) {
		pass = lstat(path, &st) == 0;
		snprintf(why, sizeof(why), "%s exists", path);
	} else if (strcmp(op, "absent") == 0) {
		pass = lstat(path, &st) != 0 && errno == ENOENT;
		snprintf(why, sizeof(why), "%s does not exist", path);
	} else if (strcmp(op, "content") == 0) {
		char *c = read_file(path, NULL);
		size_t k = c ? strlen(c) : 0;
		while (c && k && c[k - 1] == '\n')
			c[--k] = '\0';
		pass = c && strcmp(c, arg) == 0;
		snprintf(why, sizeof(why), "%s holds [%s] (found [%.100s])", path, arg,
		         c ? c : strerror(errno));
		free(c);
	} else if (strcmp(op, "mode") == 0) {
		unsigned m = (unsigned)strtoul(arg, NULL, 8);
		bool got = stat(path, &st) == 0;
		pass = got && (st.st_mode & 07777) == m;
		snprintf(why, sizeof(why), "%s has mode %04o (found %04o)", path, m,
		         got ? (unsigned)(st.st_mode & 07777) : 0);
	} else if (strcmp(op, "owner") == 0) {
		unsigned u = 0, g = 0;
		sscanf(arg, "%u:%u", &u, &g);
		bool got = lstat(path, &st) == 0;
		pass = got && st.st_uid == u && st.st_gid == g;
		snprintf(why, sizeof(why), "%s is owned by %u:%u (found %u:%u)", path, u, g,
		         got ? (unsigned)st.st_uid : 0, got ? (unsigned)st.st_gid : 0);
	} else if (strcmp(op, "type") == 0) {
		bool got = lstat(path, &st) == 0;
		pass = got && strcmp(mode_type(st.st_mode), arg) == 0;
		snprintf(why, sizeof(why), "%s is a %s (found %s)", path, arg,
		         got ? mode_type(st.st_mode) : strerror(errno));
	} else if (strcmp(op, "rdev") == 0) {
		unsigned ma = 0, mi = 0;
		sscanf(arg, "%u:%u", &ma, &mi);
		bool got = lstat(path, &st) == 0;
		pass = got && major(st.st_rdev) == ma && minor(st.st_rdev) == mi;
		snprintf(why, sizeof(why), "%s is %u:%u (found %u:%u)", path, ma, mi,
		         got ? major(st.st_rdev) : 0, got ? minor(st.st_rdev) : 0);
	} else if (strcmp(op, "symlink") == 0) {
		char t[PATH_MAX];
		ssize_t r = readlink(path, t, sizeof(t) - 1);
		t[r >= 0 ? r : 0] = '\0';
		pass = r >= 0 && strcmp(t, arg) == 0;
		snprintf(why, sizeof(why), "%s -> %s (found %s)", path, arg, t);
	} else if (strcmp(op, "mountpoint") == 0 || strcmp(op, "not-mountpoint") == 0 ||
	           strcmp(op, "mountopt") == 0 || strcmp(op, "superopt") == 0) {
		load_mountinfo();
		char *rp = resolve(path);
		struct mnt *m = top_mount_at(rp);
		if (strcmp(op, "not-mountpoint") == 0) {
			pass = m == NULL;
			snprintf(why, sizeof(why), "%s is not a mount point%s%s", path,
			         m ? ": found " : "", m ? m->fstype : "");
		} else if (strcmp(op, "mountpoint") == 0) {
			pass = m && (strcmp(arg, "any") == 0 || strcmp(arg, m->fstype) == 0);
			snprintf(why, sizeof(why), "%s (%s) is a %s mount point (found %s)", path,
			         rp, arg, m ? m->fstype : "none");
		} else {
			bool super = strcmp(op, "superopt") == 0;
			pass = m && has_opt(super ? m->super : m->opts, arg);
			snprintf(why, sizeof(why), "%s has %s option %s (%s)", path,
			         super ? "super" : "mount", arg,
			         m ? (super ? m->super : m->opts) : "not a mount point");
		}
		free(rp);
	} else if (strcmp(op, "writable") == 0 || strcmp(op, "readonly") == 0) {
		bool got = stat(path, &st) == 0;
		int w = got ? try_write(path, &st, true) : 0;
		pass = got && (op[0] == 'w' ? w == 1 : w == 0);
		snprintf(why, sizeof(why), "%s is %s", path, op);
	} else if (strcmp(op, "open-denied") == 0) {
		int fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY);
		int e = errno;
		pass = fd < 0 && (e == EPERM || e == EACCES);
		snprintf(why, sizeof(why), "opening %s is denied (%s)", path,
		         fd >= 0 ? "it opened" : strerror(e));
		if (fd >= 0)
			close(fd);
	} else if (strcmp(op, "mount-tmpfs") == 0) {
		(void)mkdir(path, 0755);
		pass = mount("oci-conformance", path, "tmpfs", 0, "size=16k") == 0;
		snprintf(why, sizeof(why), "mounting a tmpfs on %s inside the container (%s)", path,
		         pass ? "done" : strerror(errno));
	} else {
		snprintf(why, sizeof(why), "unknown assertion op [%s]", op);
		soft = false;
	}
	if (pass)
		ok(row, "%s", why);
	else if (soft)
		note(row, "%s: no", why);
	else
		nok(row, "%s", why);
}

static void run_asserts(const char *prefix)
{
	struct jval *ann = jget(cfg, "annotations");
	size_t pl = strlen(prefix);
	for (size_t i = 0; i < jlen(ann); i++) {
		const char *k = ann->k[i];
		if (strncmp(k, prefix, pl) != 0 || !jstr(ann->v[i]))
			continue;
		char row[32];
		const char *r = k + pl;
		const char *dot = strrchr(r, '.');
		size_t rl = dot ? (size_t)(dot - r) : strlen(r);
		snprintf(row, sizeof(row), "%.*s", (int)rl, r);
		run_assert(row, jstr(ann->v[i]));
	}
}

/* ------------------------------------------------------------------ seccomp probes */

/* The probe mode (process.args = ["/oci-checker", "probe"]) runs under a
 * seccomp filter, so it does only what its annotations ask:
 *   org.oci-conformance.checks.<ROW> = "user caps nnp cwd env rlimits"
 *       run those checks of the check mode, reported as ROW
 *   org.oci-conformance.sc.<ROW>.<n> = "<call> <args...> -> <expect>"
 *       make one system call in a forked child; <call> is a name of the table
 *       below, or i386:<nr> (the 32-bit entry point, int $0x80, on x86_64);
 *       an argument is a number or s:<string> (a pointer to it); <expect> is
 *       "errno N", "errno-not N", "ok", "ret N", "signal N" or "trap" (a
 *       SIGSYS the child's handler caught: SCMP_ACT_TRAP)
 *   org.oci-conformance.sc.<ROW>.<n> = "field <KEY> <VALUE>" or
 *       "field-ge <KEY> <N>": a line of /proc/self/status
 * then the check. assertions and the pause, as in the check mode. */
static const struct {
	const char *name;
	long nr;
} sys_table[] = {
    {"getpgid", SYS_getpgid},
    {"getsid", SYS_getsid},
    {"getppid", SYS_getppid},
    {"sched_getscheduler", SYS_sched_getscheduler},
    {"umask", SYS_umask},
    {"personality", SYS_personality},
    {"getpriority", SYS_getpriority},
    {"ioprio_get", SYS_ioprio_get},
    {"mkdirat", SYS_mkdirat},
    {"setresuid", SYS_setresuid},
    {"setresgid", SYS_setresgid},
    {"setgroups", SYS_setgroups},
    {"capset", SYS_capset},
    {"prctl", SYS_prctl},
    {"chdir", SYS_chdir},
    {"prlimit64", SYS_prlimit64},
    {"sethostname", SYS_sethostname},
#ifdef SYS_alarm
    {"alarm", SYS_alarm},
#endif
};

static int probe_wfd = -1;

static void probe_on_sigsys(int sig)
{
	(void)sig;
	static const char msg[] = "trap\n";
	if (write(probe_wfd, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(0);
}

#if defined(__x86_64__)
static long int80(long nr, const long *a)
{
	long r;
	__asm__ volatile("int $0x80"
	                 : "=a"(r)
	                 : "a"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4])
	                 : "memory", "r8", "r9", "r10", "r11");
	return r;
}
#endif

/* the outcome of one system call made in a child: "errno N", "ret N",
 * "signal N" or "trap" */
static void probe_call(long nr, bool i386, const long *a, char *out, size_t sz)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0) {
		snprintf(out, sz, "pipe: %s", strerror(errno));
		return;
	}
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		snprintf(out, sz, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return;
	}
	if (c == 0) {
		close(p[0]);
		probe_wfd = p[1];
		struct rlimit no_core = {0, 0};
		(void)setrlimit(RLIMIT_CORE, &no_core);
		signal(SIGSYS, probe_on_sigsys);
		long r;
		int e = 0;
#if defined(__x86_64__)
		if (i386) {
			r = int80(nr, a);
			if (r < 0 && r > -4096) {
				e = (int)-r;
				r = -1;
			}
		} else
#endif
		{
			(void)i386;
			errno = 0;
			r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
			e = r == -1 ? errno : 0;
		}
		char b[64];
		int n = e ? snprintf(b, sizeof(b), "errno %d\n", e)
		          : snprintf(b, sizeof(b), "ret %ld\n", r);
		if (write(p[1], b, (size_t)n) < 0)
			_exit(3);
		_exit(0);
	}
	close(p[1]);
	char b[64] = "";
	ssize_t n = read(p[0], b, sizeof(b) - 1);
	close(p[0]);
	int st = 0;
	while (waitpid(c, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(st)) {
		snprintf(out, sz, "signal %d", WTERMSIG(st));
		return;
	}
	b[n > 0 ? n : 0] = '\0';
	b[strcspn(b, "\n")] = '\0';
	snprintf(out, sz, "%s", b[0] ? b : "nothing reported");
}

static bool probe_matches(const char *got, const char *want)
{
	long g = 0, w = 0;
	char gk[16] = "", wk[16] = "";
	sscanf(got, "%15s %ld", gk, &g);
	sscanf(want, "%15s %ld", wk, &w);
	if (strcmp(wk, "ok") == 0)
		return strcmp(gk, "ret") == 0;
	if (strcmp(wk, "errno-not") == 0)
		return strcmp(gk, "ret") == 0 || (strcmp(gk, "errno") == 0 && g != w);
	if (strcmp(wk, "trap") == 0)
		return strcmp(gk, "trap") == 0;
	return strcmp(gk, wk) == 0 && g == w;
}

static char *status_field(const char *key, char *buf, size_t sz)
{
	char *st = read_file("/proc/self/status", NULL);
	buf[0] = '\0';
	if (!st)
		return NULL;
	char k[128];
	snprintf(k, sizeof(k), "\n%s:", key);
	char *p = strstr(st, k);
	if (p) {
		p += strlen(k);
		p += strspn(p, " \t");
		snprintf(buf, sz, "%.*s", (int)strcspn(p, "\n"), p);
	}
	free(st);
	return p ? buf : NULL;
}

static void run_probe(const char *row, const char *spec)
{
	char words[8][256];
	int nw = 0;
	const char *arrow = strstr(spec, " -> ");
	const char *p = spec;
	if (strncmp(spec, "field", 5) == 0) {
		char op[16] = "", key[64] = "", val[64] = "", have[256];
		sscanf(spec, "%15s %63s %63s", op, key, val);
		bool got = status_field(key, have, sizeof(have)) != NULL;
		bool pass = got && (strcmp(op, "field-ge") == 0
		                        ? strtol(have, NULL, 0) >= strtol(val, NULL, 0)
		                        : strcmp(have, val) == 0);
		result(row, pass, "/proc/self/status %s: %s (expected %s%s)", key,
		       got ? have : "missing", strcmp(op, "field-ge") == 0 ? ">= " : "", val);
		return;
	}
	if (!arrow) {
		nok(row, "bad probe [%s]", spec);
		return;
	}
	while (p < arrow && nw < 8) {
		p += strspn(p, " ");
		size_t l = strcspn(p, " ");
		if (p + l > arrow)
			l = (size_t)(arrow - p);
		if (l == 0)
			break;
		snprintf(words[nw++], sizeof(words[0]), "%.*s", (int)l, p);
		p += l;
	}
	const char *want = arrow + 4;
	if (nw == 0) {
		nok(row, "bad probe [%s]", spec);
		return;
	}
	long nr = -1;
	bool i386 = strncmp(words[0], "i386:", 5) == 0;
	if (i386) {
#if defined(__x86_64__)
		nr = strtol(words[0] + 5, NULL, 0);
#else
		note(row, "%s: no 32-bit entry point on this architecture, not probed", spec);
		return;
#endif
	}
	for (size_t i = 0; !i386 && i < sizeof(sys_table) / sizeof(sys_table[0]); i++)
		if (strcmp(sys_table[i].name, words[0]) == 0)
			nr = sys_table[i].nr;
	if (nr < 0) {
		nok(row, "probe [%s]: unknown system call %s", spec, words[0]);
		return;
	}
	long a[6] = {0};
	for (int i = 1; i < nw && i <= 6; i++) {
		if (strncmp(words[i], "s:", 2) == 0)
			a[i - 1] = (long)(uintptr_t)(words[i] + 2);
		else if (words[i][0] == '-')
			a[i - 1] = strtol(words[i], NULL, 0);
		else
			a[i - 1] = (long)strtoul(words[i], NULL, 0);
	}
	char got[128];
	probe_call(nr, i386, a, got, sizeof(got));
	char call[512] = "";
	size_t cl = 0;
	for (int i = 0; i < nw; i++)
		cl += (size_t)snprintf(call + cl, sizeof(call) - cl,
		                       i == 0 ? "%s(" : (i == 1 ? "%s" : ", %s"), words[i]);
	snprintf(call + cl, sizeof(call) - cl, ")");
	result(row, probe_matches(got, want), "%s: %s (expected %s)", call, got, want);
}

static void wait_pause(void)
{
	/* the runner looks at the host while we wait, then lets us go on */
	printf("# pause\n");
	fflush(stdout);
	const char *cont = "/oci-conformance-continue";
	struct stat st;
	int waited = 0;
	while (stat(cont, &st) != 0 && waited < 30000) {
		struct timespec ts = {0, 5000000L};
		nanosleep(&ts, NULL);
		waited += 5;
	}
	if (stat(cont, &st) != 0)
		printf("# note PAUSE - %s never appeared\n", cont);
}

static int load_config(const char *config_path)
{
	size_t len;
	char *text = read_file(config_path, &len);
	if (!text) {
		printf("not ok BND-02 - cannot read %s inside the container: %s\n# done\n",
		       config_path, strerror(errno));
		return -1;
	}
	struct jparser jp = {text, text + len, NULL};
	cfg = jvalue(&jp, 0);
	if (!cfg || cfg->t != J_OBJ) {
		printf("not ok BND-02 - %s: JSON error: %s\n# done\n", config_path,
		       jp.err ? jp.err : "not an object");
		return -1;
	}
	return 0;
}

static int probe_main(const char *config_path)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (load_config(config_path) != 0)
		return 1;
	printf("# oci-checker probe: pid %d\n", (int)getpid());
	struct jval *ann = jget(cfg, "annotations");
	static const struct {
		const char *name;
		void (*fn)(void);
	} checks[] = {
	    {"user", check_user}, {"caps", check_caps},       {"nnp", check_nnp},
	    {"cwd", check_cwd},   {"rlimits", check_rlimits}, {"env", check_env},
	};
	const char *cp = ANN "checks.";
	for (size_t i = 0; i < jlen(ann); i++) {
		if (strncmp(ann->k[i], cp, strlen(cp)) != 0 || !jstr(ann->v[i]))
			continue;
		as_row = ann->k[i] + strlen(cp);
		char *list = xstrdup(jstr(ann->v[i]));
		for (char *w = strtok(list, " "); w; w = strtok(NULL, " ")) {
			bool known = false;
			for (size_t k = 0; k < sizeof(checks) / sizeof(checks[0]); k++)
				if (strcmp(checks[k].name, w) == 0) {
					checks[k].fn();
					known = true;
				}
			if (!known)
				nok("PROBE", "unknown check %s", w);
		}
		free(list);
		as_row = NULL;
	}
	const char *sp = ANN "sc.";
	for (size_t i = 0; i < jlen(ann); i++) {
		const char *k = ann->k[i];
		if (strncmp(k, sp, strlen(sp)) != 0 || !jstr(ann->v[i]))
			continue;
		char row[32];
		const char *r = k + strlen(sp);
		const char *dot = strrchr(r, '.');
		snprintf(row, sizeof(row), "%.*s", (int)(dot ? (size_t)(dot - r) : strlen(r)), r);
		run_probe(row, jstr(ann->v[i]));
	}
	run_asserts(ANN "check.");
	if (annotation("pause")) {
		wait_pause();
		run_asserts(ANN "post.");
	}
	printf("# done %d failed\n", n_fail);
	fflush(stdout);
	return 0;
}

/* ------------------------------------------------------------------ seccomp host helpers */

/* seccomp-agent SOCKET LOG: a seccomp agent on a unix socket. It logs every
 * connection, message (its JSON payload appended to LOG.json) and received
 * fd; for every notification on a seccomp fd it received it answers getsid
 * with the fake return value 4242 and lets anything else continue. It runs
 * until killed. */
static int agent_main(const char *sock, const char *logpath)
{
	FILE *log = fopen(logpath, "w");
	char jpath_[PATH_MAX];
	snprintf(jpath_, sizeof(jpath_), "%s.json", logpath);
	FILE *js = fopen(jpath_, "w");
	if (!log || !js) {
		perror("seccomp-agent: log");
		return 1;
	}
	setvbuf(log, NULL, _IOLBF, 0);
	setvbuf(js, NULL, _IONBF, 0);
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un a;
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", sock);
	unlink(sock);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(s, 8) != 0) {
		perror("seccomp-agent: socket");
		return 1;
	}
	struct seccomp_notif_sizes sizes = {0};
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) != 0) {
		perror("seccomp-agent: SECCOMP_GET_NOTIF_SIZES");
		return 1;
	}
	struct seccomp_notif *req = calloc(1, sizes.seccomp_notif + 64);
	struct seccomp_notif_resp *resp = calloc(1, sizes.seccomp_notif_resp + 64);
	enum {
		MAXFD = 16
	};
	int fds[MAXFD], kind[MAXFD], conn_no[MAXFD]; /* kind: 0 listen, 1 connection, 2 notify */
	int nfd = 1, conns = 0;
	fds[0] = s;
	kind[0] = 0;
	conn_no[0] = 0;
	fprintf(log, "listening\n");
	for (;;) {
		struct pollfd pf[MAXFD];
		for (int i = 0; i < nfd; i++)
			pf[i] = (struct pollfd){fds[i], POLLIN, 0};
		if (poll(pf, (nfds_t)nfd, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		for (int i = 0; i < nfd; i++) {
			if (!pf[i].revents)
				continue;
			bool drop = false;
			if (kind[i] == 0) {
				int c = accept4(s, NULL, NULL, SOCK_CLOEXEC);
				if (c >= 0 && nfd < MAXFD) {
					fds[nfd] = c;
					kind[nfd] = 1;
					conn_no[nfd++] = ++conns;
					fprintf(log, "conn %d\n", conns);
				} else if (c >= 0) {
					close(c);
				}
			} else if (kind[i] == 1) {
				char buf[65536];
				char ctl[CMSG_SPACE(sizeof(int) * 8)];
				struct iovec iov = {buf, sizeof(buf)};
				struct msghdr msg;
				memset(&msg, 0, sizeof(msg));
				msg.msg_iov = &iov;
				msg.msg_iovlen = 1;
				msg.msg_control = ctl;
				msg.msg_controllen = sizeof(ctl);
				ssize_t r = recvmsg(fds[i], &msg, MSG_CMSG_CLOEXEC);
				if (r <= 0) {
					fprintf(log, "eof %d\n", conn_no[i]);
					drop = true;
				} else {
					int got[8], ng = 0;
					for (struct cmsghdr *cm = CMSG_FIRSTHDR(&msg); cm;
					     cm = CMSG_NXTHDR(&msg, cm))
						if (cm->cmsg_level == SOL_SOCKET &&
						    cm->cmsg_type == SCM_RIGHTS) {
							size_t k = (cm->cmsg_len - CMSG_LEN(0)) /
							           sizeof(int);
							for (size_t j = 0; j < k && ng < 8; j++)
								memcpy(&got[ng++],
								       CMSG_DATA(cm) +
								           j * sizeof(int),
								       sizeof(int));
						}
					fprintf(log, "msg %d bytes %zd fds %d%s\n", conn_no[i], r,
					        ng, (msg.msg_flags & MSG_CTRUNC) ? " ctrunc" : "");
					fwrite(buf, 1, (size_t)r, js);
					for (int j = 0; j < ng; j++) {
						char l[64], t[256];
						snprintf(l, sizeof(l), "/proc/self/fd/%d", got[j]);
						ssize_t tl = readlink(l, t, sizeof(t) - 1);
						t[tl > 0 ? tl : 0] = '\0';
						fprintf(log, "fd %d %d %s\n", conn_no[i], j, t);
						if (strstr(t, "seccomp") && nfd < MAXFD) {
							fds[nfd] = got[j];
							kind[nfd] = 2;
							conn_no[nfd++] = conn_no[i];
						} else {
							close(got[j]);
						}
					}
				}
			} else {
				if (!(pf[i].revents & POLLIN)) {
					fprintf(log, "notify-fd-closed %d\n", conn_no[i]);
					drop = true;
				} else {
					memset(req, 0, sizes.seccomp_notif);
					if (ioctl(fds[i], SECCOMP_IOCTL_NOTIF_RECV, req) != 0) {
						fprintf(log, "recv-error %s\n", strerror(errno));
						continue;
					}
					memset(resp, 0, sizes.seccomp_notif_resp);
					resp->id = req->id;
					bool fake = req->data.nr == SYS_getsid;
					if (fake)
						resp->val = 4242;
					else
						resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
					int rr = ioctl(fds[i], SECCOMP_IOCTL_NOTIF_SEND, resp);
					fprintf(log, "notif nr %d pid %u %s%s\n", req->data.nr,
					        req->pid, fake ? "send 4242" : "continue",
					        rr != 0 ? " (send failed)" : "");
				}
			}
			if (drop) {
				close(fds[i]);
				fds[i] = fds[nfd - 1];
				kind[i] = kind[nfd - 1];
				conn_no[i] = conn_no[nfd - 1];
				nfd--;
				break; /* the poll set changed */
			}
		}
	}
}

/* seccomp-meta PID: the seccomp filters of a process, as ptrace reports them
 * (one "filter N flags 0xF" line each, newest first: the kernel reports
 * SECCOMP_FILTER_FLAG_LOG only), then "filters N" */
static int meta_main(pid_t pid)
{
	if (ptrace(PTRACE_SEIZE, pid, 0, 0) != 0) {
		perror("seccomp-meta: PTRACE_SEIZE");
		return 1;
	}
	int st;
	if (ptrace(PTRACE_INTERRUPT, pid, 0, 0) != 0 || waitpid(pid, &st, __WALL) < 0) {
		perror("seccomp-meta: PTRACE_INTERRUPT");
		return 1;
	}
	int n = 0;
	for (;; n++) {
		struct __ptrace_seccomp_metadata md = {.filter_off = (uint64_t)n, .flags = 0};
		if (ptrace(PTRACE_SECCOMP_GET_METADATA, pid, sizeof(md), &md) < 0) {
			if (n == 0)
				printf("# PTRACE_SECCOMP_GET_METADATA: %s\n", strerror(errno));
			break;
		}
		printf("filter %d flags 0x%llx\n", n, (unsigned long long)md.flags);
	}
	printf("filters %d\n", n);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	return 0;
}

/* ------------------------------------------------------------------ main check mode */

static int check_main(const char *config_path)
{
	collect_fds(); /* first: before this program opens anything */
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (load_config(config_path) != 0)
		return 1;
	printf("# oci-checker: pid %d, config %s\n", (int)getpid(), config_path);
	ok("BND-02", "%s is readable inside the container", config_path);
	ok("LIFE-06", "the configured program runs (argv[0] %s)",
	   jstr(jpath(cfg, "process.args")->v[0]));

	load_mountinfo();
	check_fds();
	check_stdio();
	check_root();
	check_cwd();
	check_env();
	check_args();
	check_user();
	check_uts();
	check_mounts();
	check_default_fs();
	check_default_devices();
	check_dev_symlinks();
	check_devices();
	check_caps();
	check_rlimits();
	check_nnp();
	check_oom();
	check_sysctl();
	check_idmaps();
	check_masked();
	check_readonly();
	run_asserts(ANN "check.");
	check_propagation();

	if (annotation("pause")) {
		wait_pause();
		load_mountinfo();
		run_asserts(ANN "post.");
	}
	printf("# done %d failed\n", n_fail);
	fflush(stdout);
	return 0;
}

/* ------------------------------------------------------------------ host helper modes */

/* recvtty SOCKET OUTFILE: accept one connection on a unix socket, take the pty
 * master it carries, copy everything it outputs to OUTFILE */
static int recvtty_main(const char *sock, const char *out)
{
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un a;
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", sock);
	unlink(sock);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(s, 1) != 0) {
		perror("recvtty: socket");
		return 1;
	}
	int c = accept4(s, NULL, NULL, SOCK_CLOEXEC);
	if (c < 0) {
		perror("recvtty: accept");
		return 1;
	}
	char buf[4096];
	char ctl[CMSG_SPACE(sizeof(int) * 4)];
	struct iovec iov = {buf, sizeof(buf)};
	struct msghdr msg;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl;
	msg.msg_controllen = sizeof(ctl);
	if (recvmsg(c, &msg, MSG_CMSG_CLOEXEC) < 0) {
		perror("recvtty: recvmsg");
		return 1;
	}
	int master = -1;
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
			memcpy(&master, CMSG_DATA(cm), sizeof(int));
	close(c);
	close(s);
	unlink(sock);
	int o = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (master < 0 || o < 0) {
		fputs("recvtty: no pty master received\n", stderr);
		return 1;
	}
	for (;;) {
		ssize_t r = read(master, buf, sizeof(buf));
		if (r <= 0)
			break;
		if (write(o, buf, (size_t)r) != r)
			break;
	}
	close(o);
	return 0;
}

/* subreaper HOLDFILE CMD...: become a child subreaper, run CMD and wait for
 * it; then, while HOLDFILE exists, leave every orphan that died unreaped (a
 * zombie the runtime must still report as stopped) */
static int subreaper_main(const char *hold, char **cmd)
{
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
		perror("subreaper: prctl");
		return 1;
	}
	pid_t p = fork();
	if (p == 0) {
		execvp(cmd[0], cmd);
		_exit(127);
	}
	int status = 0;
	if (p < 0 || waitpid(p, &status, 0) < 0)
		return 1;
	int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	printf("%d\n", rc);
	fflush(stdout);
	close(1);
	struct stat st;
	while (stat(hold, &st) == 0) {
		struct timespec ts = {0, 10000000L};
		nanosleep(&ts, NULL);
	}
	return rc;
}

/* nshold READYFILE: new ipc, uts, net, mount and pid namespaces; the forked
 * pid 1 writes its host pid to READYFILE and sleeps until killed */
static int nshold_main(const char *ready)
{
	if (unshare(CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID) != 0) {
		perror("nshold: unshare");
		return 1;
	}
	(void)mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
	pid_t p = fork();
	if (p < 0)
		return 1;
	if (p == 0) {
		for (;;)
			pause();
	}
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof(tmp), "%s.tmp", ready);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return 1;
	fprintf(f, "%d\n", (int)p);
	fclose(f);
	(void)rename(tmp, ready);
	int st;
	waitpid(p, &st, 0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "recvtty") == 0)
		return recvtty_main(argv[2], argv[3]);
	if (argc >= 4 && strcmp(argv[1], "subreaper") == 0)
		return subreaper_main(argv[2], argv + 3);
	if (argc >= 3 && strcmp(argv[1], "nshold") == 0)
		return nshold_main(argv[2]);
	if (argc >= 4 && strcmp(argv[1], "seccomp-agent") == 0)
		return agent_main(argv[2], argv[3]);
	if (argc >= 3 && strcmp(argv[1], "seccomp-meta") == 0)
		return meta_main((pid_t)atoi(argv[2]));
	if (argc >= 2 && strcmp(argv[1], "probe") == 0)
		return probe_main("/config.json");
	return check_main("/config.json");
}
