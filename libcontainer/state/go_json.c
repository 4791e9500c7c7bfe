/* JSON text that matches what runc (Go's encoding/json) prints: strings
 * escaped the Go way, maps with sorted keys. json-c lays out everything
 * else; these serializers take over where its own output would differ. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/printbuf.h>

#include "state/internal.h"

#define JSON_INDENT "  "

/* The length of the valid UTF-8 sequence of two or more bytes at s, or 0
 * when there is none (Go then writes U+FFFD for one byte). */
static size_t utf8_sequence_len(const unsigned char *s, size_t left)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len;

	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	if (s[0] < 0xE0) {
		len = 2;
	} else if (s[0] < 0xF0) {
		len = 3;
		lo = s[0] == 0xE0 ? 0xA0 : 0x80;
		hi = s[0] == 0xED ? 0x9F : 0xBF;
	} else {
		len = 4;
		lo = s[0] == 0xF0 ? 0x90 : 0x80;
		hi = s[0] == 0xF4 ? 0x8F : 0xBF;
	}
	if (left < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	}
	return len;
}

static int append(struct printbuf *pb, const char *text, size_t len)
{
	return printbuf_memappend(pb, text, (int)len) < 0 ? -ENOMEM : 0;
}

static int append_ascii_escaped(struct printbuf *pb, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};

	switch (c) {
	case '"':
		return append(pb, "\\\"", 2);
	case '\\':
		return append(pb, "\\\\", 2);
	case '\n':
		return append(pb, "\\n", 2);
	case '\r':
		return append(pb, "\\r", 2);
	case '\t':
		return append(pb, "\\t", 2);
	}
	return append(pb, escape, sizeof(escape));
}

static bool ascii_needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&';
}

/* Multi-byte sequences: U+2028 and U+2029 escaped, invalid bytes replaced. */
static int append_non_ascii(struct printbuf *pb, const unsigned char *s, size_t left, size_t *used)
{
	size_t len = utf8_sequence_len(s, left);

	*used = len ? len : 1;
	if (len == 0)
		return append(pb, "\\ufffd", 6);
	if (len == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
		return append(pb, s[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
	return append(pb, (const char *)s, len);
}

static int append_go_string(struct printbuf *pb, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t left = strlen(text), used;

	int r = append(pb, "\"", 1);
	while (r == 0 && left > 0) {
		used = 1;
		if (*s >= 0x80)
			r = append_non_ascii(pb, s, left, &used);
		else if (ascii_needs_escape(*s))
			r = append_ascii_escaped(pb, *s);
		else
			r = append(pb, (const char *)s, 1);
		s += used;
		left -= used;
	}
	return r ?: append(pb, "\"", 1);
}

static int serialize_go_string(json_object *obj, struct printbuf *pb, int level, int flags)
{
	return append_go_string(pb, json_object_get_string(obj)) < 0 ? -1 : 0;
}

json_object *state_json_go_string(const char *value)
{
	json_object *obj = json_object_new_string(value);
	if (obj)
		json_object_set_serializer(obj, serialize_go_string, NULL, NULL);
	return obj;
}

static int append_indent(struct printbuf *pb, int level, int flags)
{
	int r = 0;

	if (!(flags & JSON_C_TO_STRING_PRETTY))
		return 0;
	r = append(pb, "\n", 1);
	for (int i = 0; r == 0 && i < level; i++)
		r = append(pb, JSON_INDENT, strlen(JSON_INDENT));
	return r;
}

static int compare_entries(const void *a, const void *b)
{
	const struct arca_kv *const *x = a, *const *y = b;
	return strcmp((*x)->key, (*y)->key);
}

static int append_sorted_entries(struct printbuf *pb, const struct arca_kv **sorted, size_t len,
                                 int level, int flags)
{
	const char *separator = flags & JSON_C_TO_STRING_SPACED ? ": " : ":";
	int r = 0;

	for (size_t i = 0; r == 0 && i < len; i++) {
		r = i > 0 ? append(pb, ",", 1) : 0;
		r = r ?: append_indent(pb, level + 1, flags);
		r = r ?: append_go_string(pb, sorted[i]->key);
		r = r ?: append(pb, separator, strlen(separator));
		r = r ?: append_go_string(pb, sorted[i]->value);
	}
	return r;
}

static int serialize_go_map(json_object *obj, struct printbuf *pb, int level, int flags)
{
	const struct arca_map *map = json_object_get_userdata(obj);

	if (map->len == 0)
		return append(pb, "{}", 2) < 0 ? -1 : 0;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): the entries are pointers */
	const struct arca_kv **sorted = malloc(map->len * sizeof(*sorted));
	if (!sorted)
		return -1;
	for (size_t i = 0; i < map->len; i++)
		sorted[i] = &map->items[i];
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): the entries are pointers */
	qsort(sorted, map->len, sizeof(*sorted), compare_entries);

	int r = append(pb, "{", 1);
	r = r ?: append_sorted_entries(pb, sorted, map->len, level, flags);
	r = r ?: append_indent(pb, level, flags);
	r = r ?: append(pb, "}", 1);
	free(sorted);
	return r < 0 ? -1 : 0;
}

json_object *state_json_go_map(const struct arca_map *map)
{
	json_object *obj = json_object_new_object();
	if (obj)
		json_object_set_serializer(obj, serialize_go_map, (void *)map, NULL);
	return obj;
}
