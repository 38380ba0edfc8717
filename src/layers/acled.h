/* acled.h: events in ACLED's shape (internal): the columns of events.csv,
 * ACLED's names in ACLED's order, each filled from an event where
 * geomention knows it (output/README.md has the table; the countries' codes
 * and regions come from geo/countries.h).
 *
 * events.csv holds the events that ACLED would code: tied to a place and
 * told as news (not background). fatalities is 0 where the text gives none,
 * as in ACLED; the layers keep NULL there. */
#ifndef GM_ACLED_H
#define GM_ACLED_H

#include "geomention.h"

#include "countries.h"
#include "layers.h"

#define GM_ACLED_N_COLUMNS 31
extern const gm_field gm__acled_fields[GM_ACLED_N_COLUMNS];
/* What fills each column (output/README.md's table says the same). */
extern const char *const gm__acled_filled_by[GM_ACLED_N_COLUMNS];

/* Whether the event goes into events.csv. */
int gm__acled_listed(const gm_event_rec *e);
/* Its row: v[GM_ACLED_N_COLUMNS], strings in scratch (GM_ACLED_SCRATCH
 * bytes) or in e and the gazetteer. */
#define GM_ACLED_SCRATCH 256
void gm__acled_values(const gm_gazetteer *gaz, const gm_event_rec *e, gm_value *v, char *scratch, size_t cap);

#endif
