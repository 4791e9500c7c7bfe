/* The cache of built seccomp programs (see seccomp_cache.h for why a hit is
 * the program libseccomp would build). */
#include "linux/seccomp_cache.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "arca/cleanup.h"

#define KEY_DOMAIN  "arca seccomp cache 1"
#define ENTRY_MAGIC "ARCASC1\n"
#define NOTES_MAX   65536

struct entry_head {
	char magic[8];
	uint8_t key[SHA256_DIGEST_SIZE];
	uint32_t notify;
	uint32_t insns;
	uint32_t notes_len;
	uint32_t reserved;
};

/* ---- the key: every field length-prefixed, so no two inputs encode alike */

static void put_u64(struct sha256 *h, uint64_t v)
{
	sha256_update(h, &v, sizeof(v));
}

static void put_str(struct sha256 *h, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	put_u64(h, s ? len : UINT64_MAX);
	sha256_update(h, s, len);
}

static void put_opt(struct sha256 *h, bool set, uint64_t value)
{
	put_u64(h, set);
	put_u64(h, set ? value : 0);
}

static void put_rule(struct sha256 *h, const struct spec_syscall *sc)
{
	put_u64(h, sc->names.len);
	for (size_t j = 0; j < sc->names.len; j++)
		put_str(h, sc->names.items[j]);
	put_u64(h, (uint64_t)sc->action);
	put_opt(h, sc->errno_ret.set, sc->errno_ret.value);
	put_u64(h, sc->args.len);
	for (size_t k = 0; k < sc->args.len; k++) {
		const struct spec_seccomp_arg *a = &sc->args.items[k];
		put_u64(h, a->index);
		put_u64(h, a->value);
		put_opt(h, a->value_two.set, a->value_two.value);
		put_u64(h, (uint64_t)a->op);
	}
}

/* The file libseccomp was loaded from (a distribution may patch it without
 * changing its version): its path, inode, size and time. */
static void put_library(struct sha256 *h)
{
	Dl_info info;
	struct stat st;
	bool known =
	    dladdr((void *)seccomp_init, &info) && info.dli_fname && stat(info.dli_fname, &st) == 0;
	put_str(h, known ? info.dli_fname : NULL);
	if (!known)
		return;
	put_u64(h, st.st_dev);
	put_u64(h, st.st_ino);
	put_u64(h, (uint64_t)st.st_size);
	put_u64(h, (uint64_t)st.st_mtim.tv_sec);
	put_u64(h, (uint64_t)st.st_mtim.tv_nsec);
}

static void put_environment(struct sha256 *h, const char *build)
{
	put_str(h, KEY_DOMAIN);
	put_str(h, build);
	const struct scmp_version *v = seccomp_version();
	put_u64(h, v ? v->major : UINT64_MAX);
	put_u64(h, v ? v->minor : 0);
	put_u64(h, v ? v->micro : 0);
	put_u64(h, seccomp_api_get());
	put_u64(h, seccomp_arch_native());
	put_library(h);
	struct utsname u;
	bool named = uname(&u) == 0;
	put_str(h, named ? u.sysname : NULL);
	put_str(h, named ? u.release : NULL);
	put_str(h, named ? u.version : NULL);
	put_str(h, named ? u.machine : NULL);
}

void seccomp_cache_key(const struct spec_seccomp *s, const char *build,
                       uint8_t key[SHA256_DIGEST_SIZE])
{
	struct sha256 h;
	sha256_init(&h);
	put_environment(&h, build);
	put_u64(&h, (uint64_t)s->default_action);
	put_opt(&h, s->default_errno_ret.set, s->default_errno_ret.value);
	put_u64(&h, s->architectures.len);
	for (size_t i = 0; i < s->architectures.len; i++)
		put_u64(&h, (uint64_t)s->architectures.items[i]);
	put_u64(&h, s->syscalls.len);
	for (size_t i = 0; i < s->syscalls.len; i++)
		put_rule(&h, &s->syscalls.items[i]);
	sha256_final(&h, key);
}

/* ---- the directory and the entries ------------------------------------- */

/* Owned by us, regular or a directory as asked, and closed to all others. */
static bool private_to_us(int fd, mode_t type)
{
	struct stat st;
	return fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == type && st.st_uid == geteuid() &&
	       (st.st_mode & 077) == 0;
}

int seccomp_cache_open(const char *root)
{
	_cleanup_close_ int root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		return -1;
	if (mkdirat(root_fd, SECCOMP_CACHE_DIR, 0700) < 0 && errno != EEXIST)
		return -1;
	_cleanup_close_ int fd =
	    openat(root_fd, SECCOMP_CACHE_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || !private_to_us(fd, S_IFDIR))
		return -1;
	return TAKE_FD(fd);
}

static void key_name(const uint8_t key[SHA256_DIGEST_SIZE], char name[2 * SHA256_DIGEST_SIZE + 1])
{
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(name + 2 * i, 3, "%02x", key[i]);
}

static size_t entry_size(const struct entry_head *head)
{
	return sizeof(*head) + (size_t)head->insns * sizeof(struct sock_filter) + head->notes_len +
	       SHA256_DIGEST_SIZE;
}

static int read_all(int fd, uint8_t *buf, size_t size)
{
	for (size_t done = 0; done < size;) {
		ssize_t got = pread(fd, buf + done, size - done, (off_t)done);
		if (got <= 0)
			return -1;
		done += (size_t)got;
	}
	return 0;
}

/* The whole entry in memory when it is one of ours, of a plausible size. */
static uint8_t *read_entry(int dir_fd, const char *name, size_t *size)
{
	_cleanup_close_ int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || !private_to_us(fd, S_IFREG) || fstat(fd, &st) < 0)
		return NULL;
	size_t max = sizeof(struct entry_head) + BPF_MAXINSNS * sizeof(struct sock_filter) +
	             NOTES_MAX + SHA256_DIGEST_SIZE;
	if (st.st_size < (off_t)sizeof(struct entry_head) || (size_t)st.st_size > max)
		return NULL;
	*size = (size_t)st.st_size;
	uint8_t *buf = malloc(*size);
	if (buf && read_all(fd, buf, *size) < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The entry's header when everything in it verifies. */
static bool verify(const uint8_t *buf, size_t size, const uint8_t key[SHA256_DIGEST_SIZE],
                   struct entry_head *head)
{
	memcpy(head, buf, sizeof(*head));
	if (memcmp(head->magic, ENTRY_MAGIC, sizeof(head->magic)) != 0 ||
	    memcmp(head->key, key, SHA256_DIGEST_SIZE) != 0 || head->notify > 1 ||
	    head->insns == 0 || head->insns > BPF_MAXINSNS || head->notes_len > NOTES_MAX ||
	    entry_size(head) != size)
		return false;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256(buf, size - SHA256_DIGEST_SIZE, digest);
	return memcmp(digest, buf + size - SHA256_DIGEST_SIZE, SHA256_DIGEST_SIZE) == 0;
}

int seccomp_cache_get(int dir_fd, const uint8_t key[SHA256_DIGEST_SIZE], struct seccomp_program *p,
                      char **notes)
{
	char name[2 * SHA256_DIGEST_SIZE + 1];
	key_name(key, name);
	size_t size = 0;
	_cleanup_free_ uint8_t *buf = read_entry(dir_fd, name, &size);
	struct entry_head head;
	if (!buf || !verify(buf, size, key, &head))
		return -ENOENT;
	size_t insns_size = (size_t)head.insns * sizeof(struct sock_filter);
	_cleanup_free_ struct sock_filter *insns = malloc(insns_size);
	_cleanup_free_ char *text = malloc((size_t)head.notes_len + 1);
	if (!insns || !text)
		return -ENOMEM;
	memcpy(insns, buf + sizeof(head), insns_size);
	memcpy(text, buf + sizeof(head) + insns_size, head.notes_len);
	text[head.notes_len] = '\0';
	p->insns = TAKE_PTR(insns);
	p->len = (unsigned short)head.insns;
	p->notify = head.notify;
	*notes = TAKE_PTR(text);
	return 0;
}

/* header, instructions, notes, and the SHA-256 of those. */
static uint8_t *make_entry(const uint8_t key[SHA256_DIGEST_SIZE], const struct seccomp_program *p,
                           const char *notes, size_t *size)
{
	struct entry_head head = {.notify = p->notify, .insns = p->len};
	size_t notes_len = notes ? strlen(notes) : 0;
	if (notes_len > NOTES_MAX)
		return NULL;
	memcpy(head.magic, ENTRY_MAGIC, sizeof(head.magic));
	memcpy(head.key, key, SHA256_DIGEST_SIZE);
	head.notes_len = (uint32_t)notes_len;
	*size = entry_size(&head);
	uint8_t *buf = malloc(*size);
	if (!buf)
		return NULL;
	size_t insns_size = (size_t)p->len * sizeof(struct sock_filter);
	memcpy(buf, &head, sizeof(head));
	memcpy(buf + sizeof(head), p->insns, insns_size);
	const void *text = notes; /* stored without its NUL: the length is in the head */
	if (notes_len)
		memcpy(buf + sizeof(head) + insns_size, text, notes_len);
	sha256(buf, *size - SHA256_DIGEST_SIZE, buf + *size - SHA256_DIGEST_SIZE);
	return buf;
}

static int write_all(int fd, const uint8_t *buf, size_t size)
{
	for (size_t done = 0; done < size;) {
		ssize_t put = write(fd, buf + done, size - done);
		if (put <= 0)
			return -1;
		done += (size_t)put;
	}
	return 0;
}

void seccomp_cache_put(int dir_fd, const uint8_t key[SHA256_DIGEST_SIZE],
                       const struct seccomp_program *p, const char *notes)
{
	size_t size = 0;
	_cleanup_free_ uint8_t *buf = make_entry(key, p, notes, &size);
	char name[2 * SHA256_DIGEST_SIZE + 1], tmp[sizeof(name) + 32];
	key_name(key, name);
	snprintf(tmp, sizeof(tmp), ".tmp-%d-%s", (int)getpid(), name);
	if (!buf)
		return;
	_cleanup_close_ int fd =
	    openat(dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	/* no fsync: an entry torn by a crash fails its checksum and is rebuilt */
	if (write_all(fd, buf, size) < 0 || renameat(dir_fd, tmp, dir_fd, name) < 0)
		unlinkat(dir_fd, tmp, 0);
}
