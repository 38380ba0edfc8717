/* grow.h: the one way an array grows (internal). Every array of the library
 * that grows element by element grows through gm__grow, so a size that would
 * overflow size_t is refused in one place instead of wrapping in twenty. */
#ifndef GM_GROW_H
#define GM_GROW_H

#include <stddef.h>

/* Room for need elements of elem bytes in *p, whose capacity is *cap
 * elements: nothing to do when need <= *cap, else the capacity doubles (from
 * 8) until it holds need. Returns 0, or -1 when the size would overflow
 * size_t or the allocation fails; then *p and *cap are as they were, so the
 * caller still owns (and frees) the old array. */
int gm__grow(void **p, size_t *cap, size_t need, size_t elem);

/* gm__grow, with the common case (room enough) answered without a call:
 * arrays grow inside per-word loops (#17). */
static inline int gm__grow_inline(void **p, size_t *cap, size_t need, size_t elem)
{
	return need <= *cap ? 0 : gm__grow(p, cap, need, elem);
}

/* GM__GROW(arr, cap, need): gm__grow for a typed pointer lvalue arr and its
 * size_t capacity cap, the element size taken from arr's type. */
#define GM__GROW(arr, cap, need) gm__grow_inline((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
