/* table.h: the one in-memory hash table of the library (internal). It finds
 * entries that the caller keeps in an array of its own: each slot holds an
 * entry's 32-bit hash and its index in that array. So the table grows without
 * asking the caller to hash again, the caller's array keeps the order entries
 * came in (nothing written out depends on the table), and one table type
 * serves string ids, (place, day) cells, event keys and gazetteer keys alike.
 * Linear probing over a power-of-two number of slots, at most half full;
 * nothing is removed (every table here grows, then is freed whole). */
#ifndef GM_TABLE_H
#define GM_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct gm__table_slot {
	uint32_t hash;
	uint32_t entry;   /* the entry's index + 1 in the caller's array; 0: a free slot */
} gm__table_slot;

typedef struct gm__table {
	gm__table_slot *slots;
	size_t cap;       /* slots: 0 or a power of two */
	size_t n;         /* entries added */
} gm__table;

#define GM__TABLE_NONE SIZE_MAX

/* 1 when entry (an index into entries) is the one key names. */
typedef int (*gm__table_same)(const void *entries, size_t entry, const void *key);

/* Room for n entries in all without growing; -1 out of memory (the table is
 * as it was). A table that is asked many times more than it is filled (a
 * lexicon) reserves more than it holds, so that a miss mostly meets a free
 * slot at once. */
int gm__table_reserve(gm__table *t, size_t n);

/* Add entry under hash, growing as needed: -1 out of memory or an index
 * past 32 bits. The caller has found it absent. */
int gm__table_add(gm__table *t, uint32_t hash, size_t entry);

void gm__table_free(gm__table *t);

/* The entry under hash that same() says key names, or GM__TABLE_NONE. Inline:
 * the event reader asks it of every word, and a constant same() inlines. */
static inline size_t gm__table_find(const gm__table *t, uint32_t hash, gm__table_same same, const void *entries,
                                    const void *key)
{
	if (!t->cap)
		return GM__TABLE_NONE;
	size_t mask = t->cap - 1;
	for (size_t s = hash & mask; t->slots[s].entry; s = (s + 1) & mask)
		if (t->slots[s].hash == hash && same(entries, t->slots[s].entry - 1, key))
			return t->slots[s].entry - 1;
	return GM__TABLE_NONE;
}

#endif
