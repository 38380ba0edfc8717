/* test_table.c: the one in-memory hash table (util/table.h). */
#include "check.h"
#include "hash.h"
#include "table.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int same_int(const void *entries, size_t i, const void *key)
{
	return ((const int *)entries)[i] == *(const int *)key;
}

static uint32_t hash_int(int v) { return gm__hash_u64((uint64_t)(unsigned)v); }

static void finds_every_entry_added_and_misses_others(void)
{
	enum { N = 5000 };
	static int values[N];
	gm__table t = {0};
	int ok = 1;
	for (int i = 0; i < N; i++) {
		values[i] = i * 3 + 1;
		ok &= gm__table_add(&t, hash_int(values[i]), (size_t)i) == 0;
	}
	CHECK(ok);
	CHECK_INT(t.n, N);
	CHECK(t.cap >= 2 * N && (t.cap & (t.cap - 1)) == 0);   /* at most half full, a power of two */
	int found = 1, missed = 1;
	for (int i = 0; i < N; i++) {
		int v = i * 3 + 1, w = i * 3 + 2;
		found &= gm__table_find(&t, hash_int(v), same_int, values, &v) == (size_t)i;
		missed &= gm__table_find(&t, hash_int(w), same_int, values, &w) == GM__TABLE_NONE;
	}
	CHECK(found);
	CHECK(missed);
	gm__table_free(&t);
	CHECK(t.slots == NULL && t.cap == 0 && t.n == 0);
}

/* every entry under one hash: found by same(), not by the hash alone */
static void entries_under_one_hash_told_apart(void)
{
	int values[40];
	gm__table t = {0};
	for (int i = 0; i < 40; i++) {
		values[i] = 100 + i;
		CHECK_INT(gm__table_add(&t, 7u, (size_t)i), 0);
	}
	int all = 1;
	for (int i = 0; i < 40; i++) {
		int v = 100 + i;
		all &= gm__table_find(&t, 7u, same_int, values, &v) == (size_t)i;
	}
	CHECK(all);
	int absent = 99;
	CHECK(gm__table_find(&t, 7u, same_int, values, &absent) == GM__TABLE_NONE);
	/* the right key under another hash is not found: the hash is part of the key */
	int v = 105;
	CHECK(gm__table_find(&t, 8u, same_int, values, &v) == GM__TABLE_NONE);
	gm__table_free(&t);
}

static void empty_table_finds_nothing(void)
{
	gm__table t = {0};
	int v = 1;
	CHECK(gm__table_find(&t, hash_int(v), same_int, &v, &v) == GM__TABLE_NONE);
	gm__table_free(&t);
}

/* reserved room is there: adding up to it moves no slot */
static void reserve_then_add_does_not_grow(void)
{
	int values[300];
	gm__table t = {0};
	CHECK_INT(gm__table_reserve(&t, 300), 0);
	size_t cap = t.cap;
	gm__table_slot *slots = t.slots;
	CHECK(cap >= 600);
	for (int i = 0; i < 300; i++) {
		values[i] = -i;
		gm__table_add(&t, hash_int(values[i]), (size_t)i);
	}
	CHECK(t.cap == cap && t.slots == slots);
	CHECK_INT(gm__table_reserve(&t, 10), 0);   /* less than there is: nothing changes */
	CHECK(t.cap == cap);
	int v = -299;
	CHECK(gm__table_find(&t, hash_int(v), same_int, values, &v) == 299);
	gm__table_free(&t);
}

static void entry_index_past_32_bits_refused(void)
{
	gm__table t = {0};
	CHECK_INT(gm__table_add(&t, 1u, (size_t)UINT32_MAX), -1);
	CHECK_INT(t.n, 0);
	CHECK_INT(gm__table_reserve(&t, SIZE_MAX / 2), -1);
	gm__table_free(&t);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {
	    CHECK_CASE(finds_every_entry_added_and_misses_others), CHECK_CASE(entries_under_one_hash_told_apart),
	    CHECK_CASE(empty_table_finds_nothing), CHECK_CASE(reserve_then_add_does_not_grow),
	    CHECK_CASE(entry_index_past_32_bits_refused)};
	return check_run("table", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
