/* SHA-256 (linux/sha256.c) against the FIPS 180-4 / NIST example vectors,
 * one-shot and fed in uneven pieces. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "linux/sha256.h"

static void hex(const uint8_t d[SHA256_DIGEST_SIZE], char out[2 * SHA256_DIGEST_SIZE + 1])
{
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void check_vector(const char *msg, const char *expected)
{
	uint8_t d[SHA256_DIGEST_SIZE];
	char got[2 * SHA256_DIGEST_SIZE + 1];
	sha256(msg, strlen(msg), d);
	hex(d, got);
	CHECK_STREQ(got, expected);
}

static void test_vectors(void)
{
	check_vector("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_vector("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_vector("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check_vector("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	             "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* A million "a", in pieces of 1..97 bytes: block edges fall everywhere. */
static void test_pieces(void)
{
	size_t total = 1000000;
	char *a = malloc(total);
	if (!a)
		return;
	memset(a, 'a', total);
	struct sha256 h;
	sha256_init(&h);
	for (size_t done = 0, step = 1; done < total; step = step % 97 + 1) {
		size_t n = step < total - done ? step : total - done;
		sha256_update(&h, a + done, n);
		done += n;
	}
	uint8_t d[SHA256_DIGEST_SIZE], one[SHA256_DIGEST_SIZE];
	sha256_final(&h, d);
	sha256(a, total, one);
	char got[2 * SHA256_DIGEST_SIZE + 1];
	hex(d, got);
	CHECK_STREQ(got, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	CHECK(memcmp(d, one, sizeof(d)) == 0);
	free(a);
}

/* Every length around the padding edge (55, 56, 63, 64 bytes) agrees
 * between one update and byte-by-byte updates. */
static void test_padding_edges(void)
{
	char msg[130];
	memset(msg, 'x', sizeof(msg));
	for (size_t len = 0; len <= sizeof(msg); len++) {
		uint8_t d1[SHA256_DIGEST_SIZE], d2[SHA256_DIGEST_SIZE];
		sha256(msg, len, d1);
		struct sha256 h;
		sha256_init(&h);
		for (size_t i = 0; i < len; i++)
			sha256_update(&h, msg + i, 1);
		sha256_final(&h, d2);
		CHECK(memcmp(d1, d2, sizeof(d1)) == 0);
	}
}

int main(void)
{
	RUN(test_vectors);
	RUN(test_pieces);
	RUN(test_padding_edges);
	return check_exit();
}
