/* Copying and freeing the string maps (annotations) a record carries. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "state/internal.h"

void state_map_free(struct arca_map *map)
{
	for (size_t i = 0; i < map->len; i++) {
		free(map->items[i].key);
		free(map->items[i].value);
	}
	free(map->items);
	map->items = NULL;
	map->len = 0;
}

int state_map_copy(struct arca_map *dst, const struct arca_map *src)
{
	*dst = (struct arca_map){0};
	if (src->len == 0)
		return 0;
	dst->items = calloc(src->len, sizeof(*dst->items));
	if (!dst->items)
		return -ENOMEM;
	for (size_t i = 0; i < src->len; i++) {
		dst->len++;
		dst->items[i].key = strdup(src->items[i].key);
		dst->items[i].value = strdup(src->items[i].value);
		if (!dst->items[i].key || !dst->items[i].value) {
			state_map_free(dst);
			return -ENOMEM;
		}
	}
	return 0;
}
