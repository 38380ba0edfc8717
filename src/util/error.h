/* error.h: filling a gm_error (internal). */
#ifndef GM_ERROR_H
#define GM_ERROR_H

#include "geomention.h"

/* Set err (may be NULL) to code and a printf-style message; returns code. */
int gm__fail(gm_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void gm__clear(gm_error *err);

#endif
