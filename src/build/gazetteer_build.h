/* gazetteer_build.h: the builder's in-memory places (internal): the
 * interface every source reader writes through. places.c keeps the store;
 * gazetteer_build.c reads the TSV sources and compiles the file; geonames.c
 * reads GeoNames dumps. The readers call the store, never each other, and
 * only gazetteer_build.c calls the GeoNames reader. */
#ifndef GM_GAZETTEER_BUILD_H
#define GM_GAZETTEER_BUILD_H

#include "gazetteer.h"
#include "tokenize.h"

typedef struct bname {
	char *text;
	uint8_t kind;
} bname;

typedef struct bplace {
	char *id, *name_en, *name_ar, *admin1;
	char feature[8], country[4];
	double lat, lon;
	int64_t population;
	bname *names;
	size_t n_names, cap_names;
	uint8_t from_dump;   /* read from a GeoNames dump: the reviewed TSV may override it */
	uint32_t seat;       /* as gm_gaz_place.seat */
} bplace;

typedef struct triple {
	char *key;        /* folded, owned */
	uint32_t words;
	uint32_t place;
	uint8_t kind, note;
} triple;

typedef struct builder {
	bplace *places;
	size_t n_places, cap_places;
	uint32_t *id_slots;  /* open addressing: place index + 1 */
	size_t id_cap;
	triple *triples;
	size_t n_triples, cap_triples;
	gm_tokenizer tz;
	gm_tokens toks;
	struct gm_translit *tr;   /* Latin skeletons of places with no Arabic name */
	gm_build_stats *stats;
	gm_error *err;
} builder;

/* places.c */
char *gm__build_strndup(const char *s, size_t n);
char *gm__build_strdup(const char *s);
long gm__build_find_place(const builder *b, const char *id);
bplace *gm__build_add_place(builder *b, const char *id);
int gm__build_add_name(bplace *p, const char *s, size_t n, uint8_t kind);
void gm__build_set_str(char **dst, const char *v);
void gm__build_problem(builder *b, const char *file, size_t line, const char *why);

/* geonames.c: read a folder of GeoNames dumps as users download them: allCountries.txt,
 * cities*.txt or country files (AZ.txt), alternateNamesV2.txt (Arabic kept as
 * tagged names, Persian and Urdu as untagged ones), admin1CodesASCII.txt and
 * countryInfo.txt. Keeps the places with an Arabic-script name, and every
 * country and first-level division. */
int gm__build_read_geonames(builder *b, const char *dir);

#endif
