/* hash.h: the string hashes of the project (internal). FNV-1a: short keys,
 * good spread, no tables, and resumable (a hash goes on over the next
 * bytes); keys that must not collide in practice (merge's document keys) use
 * its 64-bit form. The gazetteer's keys use gm__word_hash32, eight bytes a
 * step (its files store slots by it: changing it is a format change). */
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

/* A hash of len bytes, eight at a time: each word folded in with a multiply
 * and a shift, the last 1 to 7 bytes read as two overlapping halves (or,
 * under four, the first, middle and last byte: every byte, the length mixed
 * in too), then a final mix so that every bit of the answer depends on every
 * byte. FNV-1a takes a multiply a byte, and the gazetteer is asked about
 * every reading of every word: a tenth of the matcher's own instructions. */
static inline uint32_t gm__word_hash32(const void *s, size_t len)
{
	const unsigned char *p = s;
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)len;
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
		             (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	if (len) {
		uint64_t w;
		if (len >= 4)
			w = ((uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24) |
			    ((uint64_t)p[len - 4] | (uint64_t)p[len - 3] << 8 | (uint64_t)p[len - 2] << 16 |
			     (uint64_t)p[len - 1] << 24) << 32;
		else
			w = (uint64_t)p[0] | (uint64_t)p[len / 2] << 8 | (uint64_t)p[len - 1] << 16;
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	h *= 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 29;
	return (uint32_t)h;
}

/* A 64-bit integer key (a pointer, two indices side by side) to 32 bits
 * for a table slot: Fibonacci hashing, the high half, where every bit of the
 * key has had its say. */
static inline uint32_t gm__hash_u64(uint64_t k) { return (uint32_t)((k * 0x9E3779B97F4A7C15ull) >> 32); }

#endif
