/* input.h: the read stage (internal helpers; the API is gm_reader_* in
 * geomention.h). */
#ifndef GM_INPUT_H
#define GM_INPUT_H

#include <stddef.h>

/* 1 when s is an ISO date YYYY-MM-DD that exists (leap years included). */
int gm__valid_date(const char *s);

#endif
