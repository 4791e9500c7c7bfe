/* Open addressing with linear probing, kept at most half full. */
#include "spec/keyset.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct keyset_slot {
	char *key; /* NULL: empty */
	size_t len;
	uint64_t hash;
};

/* FNV-1a, 64 bits. */
static uint64_t hash_of(const char *key, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 0x100000001b3u;
	}
	return h;
}

static struct keyset_slot *find(struct keyset_slot *slots, size_t cap, const char *key, size_t len,
                                uint64_t hash)
{
	size_t mask = cap - 1;
	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		struct keyset_slot *s = &slots[i];
		if (!s->key || (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
	}
}

static int grow(struct keyset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 16;
	struct keyset_slot *slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < set->cap; i++) {
		struct keyset_slot *old = &set->slots[i];
		if (old->key)
			*find(slots, cap, old->key, old->len, old->hash) = *old;
	}
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
	return 0;
}

int keyset_add(struct keyset *set, const char *key, size_t len, const char **stored)
{
	if ((set->count + 1) * 2 > set->cap) {
		int r = grow(set);
		if (r < 0)
			return r;
	}
	uint64_t hash = hash_of(key, len);
	struct keyset_slot *s = find(set->slots, set->cap, key, len, hash);
	if (s->key) {
		if (stored)
			*stored = s->key;
		return 0;
	}
	char *copy = malloc(len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, key, len);
	copy[len] = '\0';
	*s = (struct keyset_slot){.key = copy, .len = len, .hash = hash};
	set->count++;
	if (stored)
		*stored = copy;
	return 1;
}

void keyset_clear(struct keyset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i].key);
	free(set->slots);
	*set = (struct keyset){0};
}
