/* grow.c: the one way an array grows (grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

int gm__grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	if (!elem || need > SIZE_MAX / elem)
		return -1;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c = c > SIZE_MAX / 2 ? need : c * 2;
	/* doubling may pass what a size_t of bytes can hold before need does */
	if (c > SIZE_MAX / elem)
		c = need;
	void *q = realloc(*p, c * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}
