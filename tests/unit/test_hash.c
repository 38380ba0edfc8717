/* test_hash.c: the string hashes (util/hash.h): FNV-1a as published, one
 * that goes on where it left off; the word hash the gazetteer's key slots are
 * stored by (a change is a format change): every byte and the length count,
 * and keys spread over a table's low bits; and the integer mix table slots use. */
#include "check.h"
#include "hash.h"

#include <string.h>

/* the published FNV-1a test vectors (Fowler, Noll, Vo) */
static void published_vectors(void)
{
	CHECK_INT(gm__fnv1a32(GM__FNV32_BASIS, "", 0), 0x811c9dc5u);
	CHECK_INT(gm__fnv1a32(GM__FNV32_BASIS, "a", 1), 0xe40c292cu);
	CHECK_INT(gm__fnv1a32(GM__FNV32_BASIS, "foobar", 6), 0xbf9cf968u);
	CHECK(gm__fnv1a64(GM__FNV64_BASIS, "", 0) == 0xcbf29ce484222325ull);
	CHECK(gm__fnv1a64(GM__FNV64_BASIS, "a", 1) == 0xaf63dc4c8601ec8cull);
	CHECK(gm__fnv1a64(GM__FNV64_BASIS, "foobar", 6) == 0x85944171f73967e8ull);
}

/* hashing "ab" then "c" is hashing "abc": keys are hashed in parts */
static void goes_on_where_it_left_off(void)
{
	const char *s = "باكو حلب";
	size_t n = strlen(s);
	uint32_t whole = gm__fnv1a32(GM__FNV32_BASIS, s, n);
	CHECK_INT(gm__fnv1a32(gm__fnv1a32(GM__FNV32_BASIS, s, 4), s + 4, n - 4), whole);
	uint64_t w64 = gm__fnv1a64(GM__FNV64_BASIS, s, n);
	CHECK(gm__fnv1a64(gm__fnv1a64(GM__FNV64_BASIS, s, 5), s + 5, n - 5) == w64);
}

/* gm__word_hash32: a byte changed anywhere, at any length up to 40, changes
 * the hash; so does the length (a key and the same key with a NUL more);
 * and the Arabic words of a gazetteer, much alike, fill a table's low bits
 * as random keys would. */
static void word_hash_every_byte_counts(void)
{
	unsigned char buf[41];
	size_t same = 0;
	for (size_t len = 1; len <= 40; len++) {
		for (size_t i = 0; i < len; i++)
			buf[i] = (unsigned char)(0xD8 + (i % 3));
		uint32_t h = gm__word_hash32(buf, len);
		for (size_t at = 0; at < len; at++)
			for (unsigned bit = 0; bit < 8; bit++) {
				buf[at] ^= (unsigned char)(1u << bit);
				same += gm__word_hash32(buf, len) == h;
				buf[at] ^= (unsigned char)(1u << bit);
			}
		buf[len] = 0;
		same += gm__word_hash32(buf, len + 1) == h;
	}
	CHECK_INT(same, 0);
	CHECK(gm__word_hash32("", 0) != gm__word_hash32("\0", 1));
}

static void word_hash_spreads(void)
{
	enum { SLOTS = 1 << 16, KEYS = 1 << 15 };
	static unsigned char used[SLOTS];
	memset(used, 0, sizeof used);
	size_t distinct = 0;
	for (uint32_t k = 0; k < KEYS; k++) {
		/* "قرية" and a number written in Arabic letters: keys that differ in a
		 * byte or two, as folded names do */
		char key[32];
		size_t n = 0;
		memcpy(key, "\xd9\x82\xd8\xb1\xd9\x8a\xd9\x87 ", 9);
		n = 9;
		for (uint32_t v = k; v; v /= 28)
			key[n++] = (char)0xD8, key[n++] = (char)(0xA7 + v % 28);
		uint32_t s = gm__word_hash32(key, n) & (SLOTS - 1);
		distinct += !used[s];
		used[s] = 1;
	}
	/* at random 32,768 keys fill about 25,800 of 65,536 slots */
	CHECK(distinct > 25000);
}

/* consecutive integer keys (place indices, (place, day) pairs) spread over
 * the low bits a table's mask keeps */
static void integer_keys_spread(void)
{
	enum { SLOTS = 1024, KEYS = 512 };
	static unsigned char used[SLOTS];
	memset(used, 0, sizeof used);
	size_t distinct = 0;
	for (uint64_t k = 0; k < KEYS; k++) {
		uint32_t s = gm__hash_u64(k << 32 | 20230920u) & (SLOTS - 1);
		distinct += !used[s];
		used[s] = 1;
	}
	/* at random 512 keys fill about 400 of 1024 slots; a poor mix fills far fewer */
	CHECK(distinct > 350);
	CHECK(gm__hash_u64(1) != gm__hash_u64(2));
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(published_vectors), CHECK_CASE(goes_on_where_it_left_off),
	                                   CHECK_CASE(word_hash_every_byte_counts), CHECK_CASE(word_hash_spreads),
	                                   CHECK_CASE(integer_keys_spread)};
	return check_run("hash", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
