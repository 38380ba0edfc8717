/* gazetteer_build.h: compiling a gazetteer (internal to build/).
 *
 * gazetteer_build.c drives it: the sources are read into the builder's
 * in-memory places (places.c keeps the store; geonames.c reads GeoNames
 * dumps, reviewed.c the TSV sources through tsv.c), every name becomes its
 * keys (keys.c), each division gets its seat (seats.c), and the file is laid
 * out and written (layout.c). The readers call the store and keys.c, never
 * each other; nothing calls back into gazetteer_build.c. */
#ifndef GM_GAZETTEER_BUILD_H
#define GM_GAZETTEER_BUILD_H

#include "gazetteer.h"
#include "tokenize.h"
#include "table.h"

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
	gm__table ids;       /* places by id */
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

/* tsv.c: one TSV source */
/* A TSV source being read: its header, the row read last (cols), where. */
typedef struct tsv {
	char *buf;
	char *cols[32];
	int n_cols;
	char *header[32];
	int n_header;
	char *next;
	size_t line;
	const char *path;
} tsv;

/* SRC_LIBRARY: countries.tsv, acled-regions.tsv, admin1.tsv and event-words.tsv, compiled into the
 * library (layers/acled.c), not the gazetteer: passed over, so that a glob
 * of every TSV in gazetteer/ builds */
enum { SRC_PLACES, SRC_CURATED, SRC_NOT_PLACES, SRC_CUES, SRC_DEMONYMS, SRC_TRIGGERS, SRC_LIBRARY, SRC_UNKNOWN };

int gm__tsv_open(tsv *t, const char *path, gm_error *err);
int gm__tsv_col(const tsv *t, const char *name);
const char *gm__tsv_get(const tsv *t, int c);
int gm__tsv_kind(const tsv *t);
/* The next data row into t->cols: blank and # lines are passed over, a row
 * whose column count differs from the header's is reported and passed over. */
int gm__tsv_next_row(builder *b, tsv *t);
int gm__tsv_coord(const char *s, double lo, double hi, double *out);

/* keys.c: the keys names are found by */
/* Tokenize and fold a name into a key ("word word"); returns its word count,
 * 0 when it is unusable. */
uint32_t gm__build_key(builder *b, const char *name, char *out, size_t cap);
int gm__build_add_triple(builder *b, const char *key, uint32_t words, uint32_t place, uint8_t kind, uint8_t note);
int gm__build_demonym_forms(builder *b, const char *stem, uint32_t place);
int gm__build_name_keys(builder *b, uint32_t i);

/* reviewed.c: the TSV sources' rows */
int gm__build_read_tsv(builder *b, tsv *t, int kind);

/* seats.c: the seats of divisions */
/* Every country's capital (its most populous PPLC) and every first-level
 * division's seat (the most populous PPLA of the same country whose admin1
 * names the division): events told of "the capital of X" and statements of a
 * government go there. Only the few thousand PPLC/PPLA are compared. */
int gm__build_assign_seats(builder *b);

/* layout.c: the compiled file */
int gm__build_write_file(builder *b, const char *out_path);

#endif
