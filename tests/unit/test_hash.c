/* test_hash.c: the one string hash (util/hash.h): FNV-1a as published (the
 * gazetteer's key slots are stored by it: a change is a format change), one
 * that goes on where it left off, and the integer mix table slots use. */
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
	                                   CHECK_CASE(integer_keys_spread)};
	return check_run("hash", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
