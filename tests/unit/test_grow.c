/* test_grow.c: the one way arrays grow (util/grow.h). */
#include "check.h"
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

static void grows_by_doubling_and_keeps_contents(void)
{
	int *a = NULL;
	size_t cap = 0;
	for (int i = 0; i < 1000; i++) {
		CHECK_INT(GM__GROW(a, cap, (size_t)i + 1), 0);
		a[i] = i * 7;
	}
	CHECK(cap >= 1000 && cap < 2000);
	int same = 1;
	for (int i = 0; i < 1000; i++)
		same &= a[i] == i * 7;
	CHECK(same);
	free(a);
}

static void no_realloc_when_there_is_room(void)
{
	char *a = NULL;
	size_t cap = 0;
	CHECK_INT(GM__GROW(a, cap, 5), 0);
	CHECK_INT(cap, 8);
	char *was = a;
	CHECK_INT(GM__GROW(a, cap, 8), 0);
	CHECK(a == was);
	CHECK_INT(cap, 8);
	CHECK_INT(GM__GROW(a, cap, 0), 0);   /* nothing asked: nothing done */
	CHECK_INT(GM__GROW(a, cap, 100), 0); /* a jump doubles as far as it must */
	CHECK_INT(cap, 128);
	free(a);
}

/* a count whose bytes would wrap size_t is refused, the old array kept */
static void overflow_refused_array_kept(void)
{
	double *a = NULL;
	size_t cap = 0;
	CHECK_INT(GM__GROW(a, cap, 3), 0);
	a[0] = 1.5;
	double *was = a;
	CHECK_INT(GM__GROW(a, cap, SIZE_MAX / sizeof *a + 1), -1);
	CHECK_INT(GM__GROW(a, cap, SIZE_MAX), -1);
	CHECK(a == was);
	CHECK_INT(cap, 8);
	CHECK(a[0] == 1.5);
	free(a);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(grows_by_doubling_and_keeps_contents),
	                                   CHECK_CASE(no_realloc_when_there_is_room),
	                                   CHECK_CASE(overflow_refused_array_kept)};
	return check_run("grow", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
