/* countries.h: every country's ISO 3166-1 codes, English name and ACLED
 * region (internal): gazetteer/countries.tsv, compiled into the
 * library at build time (CMake), parsed once. The gazetteer knows places by
 * their alpha-2 code; events.csv and the database need more. */
#ifndef GM_COUNTRIES_H
#define GM_COUNTRIES_H

#include <stddef.h>

typedef struct gm_country {
	const char *cc2, *cc3, *ccn3, *name, *region;   /* "" where not known */
} gm_country;

/* The country of an ISO 3166-1 alpha-2 code, NULL when not known (or out
 * of memory on the first call). Safe from any thread. */
const gm_country *gm__country(const char *cc2);
/* Every country, in cca2 order; *n of them. */
const gm_country *gm__countries(size_t *n);

/* The code of a first-level division by its country (alpha-2) and the name
 * the gazetteer gives it: GeoNames' CC.NN, or ISO 3166-2 where GeoNames has
 * none; "" when not known. */
const char *gm__admin1_id(const char *cc2, const char *admin1);

#endif
