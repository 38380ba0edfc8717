/* hash.h: the one string hash of the project (internal), FNV-1a: short keys,
 * good spread, no tables. The gazetteer's key slots use the 32-bit form (its
 * files store slots by it: changing it is a format change); keys that must
 * not collide in practice (merge's document keys) use the 64-bit form. */
#ifndef GM_HASH_H
#define GM_HASH_H

#include <stddef.h>
#include <stdint.h>

#define GM__FNV32_BASIS 2166136261u
#define GM__FNV64_BASIS 14695981039346656037ull

/* FNV-1a of len bytes of s, going on from h (a basis above, or the hash of
 * what came before: hashing "ab" then "c" equals hashing "abc"). */
static inline uint32_t gm__fnv1a32(uint32_t h, const void *s, size_t len)
{
	const unsigned char *p = s;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static inline uint64_t gm__fnv1a64(uint64_t h, const void *s, size_t len)
{
	const unsigned char *p = s;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

/* A 64-bit integer key (a pointer, two indices side by side) to 32 bits
 * for a table slot: Fibonacci hashing, the high half, where every bit of the
 * key has had its say. */
static inline uint32_t gm__hash_u64(uint64_t k) { return (uint32_t)((k * 0x9E3779B97F4A7C15ull) >> 32); }

#endif
