/* table.c: the one in-memory hash table (table.h). */
#include "table.h"

#include <stdlib.h>

static void put(gm__table_slot *slots, size_t cap, uint32_t hash, uint32_t entry)
{
	size_t s = hash & (cap - 1);
	while (slots[s].entry)
		s = (s + 1) & (cap - 1);
	slots[s].hash = hash;
	slots[s].entry = entry;
}

int gm__table_reserve(gm__table *t, size_t n)
{
	if (n > SIZE_MAX / 4)
		return -1;
	size_t cap = t->cap ? t->cap : 16;
	while (cap < 2 * n)
		cap *= 2;
	if (cap == t->cap)
		return 0;
	gm__table_slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t s = 0; s < t->cap; s++)
		if (t->slots[s].entry)
			put(slots, cap, t->slots[s].hash, t->slots[s].entry);
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return 0;
}

int gm__table_add(gm__table *t, uint32_t hash, size_t entry)
{
	if (entry >= UINT32_MAX || gm__table_reserve(t, t->n + 1))
		return -1;
	put(t->slots, t->cap, hash, (uint32_t)entry + 1);
	t->n++;
	return 0;
}

void gm__table_free(gm__table *t)
{
	free(t->slots);
	t->slots = NULL;
	t->cap = t->n = 0;
}
