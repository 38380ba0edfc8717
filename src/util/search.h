/* search.h: the one binary search of the library (internal). Every sorted
 * array here is searched for the first element that is not below a key:
 * the lower bound, from which the caller reads an exact match or walks on
 * over a run of equal ones. Inline, so a constant below() inlines. */
#ifndef GM_SEARCH_H
#define GM_SEARCH_H

#include <stddef.h>

/* 1 when element i of arr sorts before key. */
typedef int (*gm__search_below)(const void *arr, size_t i, const void *key);

/* The first i in [0, n) that below() does not hold for; n when none. arr is
 * sorted so that below() holds for a prefix of it. */
static inline size_t gm__lower_bound(const void *arr, size_t n, gm__search_below below, const void *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (below(arr, mid, key))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#endif
