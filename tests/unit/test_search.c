/* test_search.c: the one binary search (util/search.h). */
#include "check.h"
#include "search.h"

static int int_below(const void *arr, size_t i, const void *key)
{
	return ((const int *)arr)[i] < *(const int *)key;
}

static void lower_bound_is_the_first_not_below(void)
{
	static const int a[] = {1, 3, 3, 3, 7, 9};
	const size_t n = sizeof a / sizeof *a;
	int k;
	k = 0;
	CHECK_INT(gm__lower_bound(a, n, int_below, &k), 0);   /* before all */
	k = 1;
	CHECK_INT(gm__lower_bound(a, n, int_below, &k), 0);
	k = 3;
	CHECK_INT(gm__lower_bound(a, n, int_below, &k), 1);   /* the first of a run of equal ones */
	k = 4;
	CHECK_INT(gm__lower_bound(a, n, int_below, &k), 4);   /* absent: where it would go */
	k = 9;
	CHECK_INT(gm__lower_bound(a, n, int_below, &k), 5);
	k = 10;
	CHECK_INT(gm__lower_bound(a, n, int_below, &k), 6);  /* after all: n */
}

static void empty_and_single(void)
{
	static const int one[] = {5};
	int k = 5;
	CHECK_INT(gm__lower_bound(one, 0, int_below, &k), 0);
	CHECK_INT(gm__lower_bound(one, 1, int_below, &k), 0);
	k = 6;
	CHECK_INT(gm__lower_bound(one, 1, int_below, &k), 1);
}

/* against a linear scan, every key over a longer array with long runs */
static void agrees_with_a_scan(void)
{
	int a[500];
	for (int i = 0; i < 500; i++)
		a[i] = i / 7 * 2;
	int same = 1;
	for (int k = -2; k < 150; k++) {
		size_t want = 0;
		while (want < 500 && a[want] < k)
			want++;
		same &= gm__lower_bound(a, 500, int_below, &k) == want;
	}
	CHECK(same);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(lower_bound_is_the_first_not_below), CHECK_CASE(empty_and_single),
	                                   CHECK_CASE(agrees_with_a_scan)};
	return check_run("search", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
