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

/* GM__GROW(arr, cap, need): gm__grow for a typed pointer lvalue arr and its
 * size_t capacity cap, the element size taken from arr's type. */
#define GM__GROW(arr, cap, need) gm__grow((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
