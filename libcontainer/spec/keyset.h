/* The member names one JSON object has shown so far, to reject duplicates
 * (BND-03) in linear time however many members an object has. */
#ifndef ARCA_SPEC_KEYSET_H
#define ARCA_SPEC_KEYSET_H

#include <stddef.h>

struct keyset_slot;

struct keyset {
	struct keyset_slot *slots;
	size_t cap; /* a power of two, or 0 before the first insertion */
	size_t count;
};

/* Adds a copy of the key (len bytes, may hold NUL bytes). Returns 1 when it
 * was new, 0 when the set had it already, -ENOMEM. *stored (if not NULL)
 * is then the set's NUL-terminated copy, valid until keyset_clear. */
int keyset_add(struct keyset *set, const char *key, size_t len, const char **stored);

void keyset_clear(struct keyset *set);

#endif
