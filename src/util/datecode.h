/* datecode.h: a date as the aggregates key it (internal): YYYY-MM-DD as the
 * number YYYYMMDD, which sorts as the date does and fits a hash key; 0 is
 * "no date". Used by run/ (summing) and layers/ (writing). */
#ifndef GM_DATECODE_H
#define GM_DATECODE_H

#include <stdint.h>

/* YYYY-MM-DD as YYYYMMDD, 0 when it is not a date; and back ("" for 0). */
uint32_t gm__date_code(const char *date);
void gm__date_text(uint32_t code, char out[11]);

#endif
