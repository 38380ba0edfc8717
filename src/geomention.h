/* geomention.h: the public C API of geomention.
 *
 * geomention reads Arabic news text, finds place mentions, resolves them with a
 * compiled gazetteer and writes GIS layers. The pipeline, a folder of src/ per stage:
 *
 *   input/ (read) -> text/ (tokenize, fold) -> match/ (match, resolve) -> events/
 *     -> run/ (one document through them, threads, aggregate, stream, merge) -> layers/ (write)
 *
 * beside gazetteer/ (the compiled file: open, verify, look up), build/ (compile
 * one from sources), util/ (UTF-8, errors, JSON) and geo/ (PROJ); cli/ is the
 * command, over this header only.
 *
 * Conventions (after libgit2 and libuv):
 *  - Functions return 0 on success or a negative GM_E* code; where a gm_error is
 *    passed it receives the code and a message a user can act on.
 *  - Out-parameters come first; whatever a *_new/_open returns is released with the
 *    matching *_free/_close.
 *  - The library never prints and never exits.
 *  - A gm_gazetteer is read-only once open and may be shared by threads; a gm_ctx
 *    holds per-thread state (word breaking, ICU iterators) and must not be.
 */
#ifndef GEOMENTION_H
#define GEOMENTION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef GM_VERSION_STRING
#define GM_VERSION_STRING "0.0.0"
#endif

enum gm_status {
	GM_OK = 0,
	GM_EINVAL = -1,       /* a bad argument or option */
	GM_EIO = -2,          /* a file could not be read or written */
	GM_ENOMEM = -3,
	GM_ECORRUPT = -4,     /* a gazetteer file that is truncated or fails its checksum */
	GM_EVERSION = -5,     /* a gazetteer of another format version, or not a gazetteer */
	GM_EFORMAT = -6,      /* an unknown or unusable output format */
	GM_ECRS = -7,         /* a CRS PROJ does not know, or a failed transform */
	GM_EICU = -8,         /* ICU refused (break iterator, normalizer) */
	GM_EGDAL = -9,        /* GDAL/OGR failed to create or write a layer */
	GM_ENOENT = -10,      /* an input path that does not exist */
	GM_EBUSY = -11,       /* another run holds the output folder's lock */
	GM_ECANCELED = -12,   /* the caller stopped the run (an interrupt) */
	GM_EDB = -13          /* the database sink: no connection, no PostGIS, or a statement refused */
};

typedef struct gm_error {
	int code;
	char message[512];
} gm_error;

/* A short English name of a status code. */
const char *gm_strerror(int code);

/* ---------------------------------------------------------------- gazetteer */

typedef struct gm_gazetteer gm_gazetteer;

typedef struct gm_place {
	const char *id;        /* gn:<geonameid>, or gm:/ne:/wof: ids for other sources */
	const char *name_en;
	const char *name_ar;
	const char *feature;   /* GeoNames feature code: PCLI, ADM1, PPLC, PPLA, PPL, RGN, ... */
	const char *country;   /* ISO 3166-1 alpha-2, may be empty for regions */
	const char *admin1;    /* English name of the first-level division */
	double lon, lat;       /* WGS 84 degrees */
	int64_t population;
} gm_place;

typedef struct gm_gazetteer_info {
	uint32_t format_version;
	uint32_t places;
	uint32_t keys;          /* distinct folded names */
	uint64_t file_size;
	char build_date[24];    /* ISO 8601 UTC */
	char name[32];
	char checksum[17];      /* hex of the 64-bit payload checksum */
} gm_gazetteer_info;

typedef struct gm_build_stats {
	uint32_t places;
	uint32_t names;         /* (place, name) pairs indexed */
	uint32_t keys;
	uint32_t not_places;    /* phrases that block a match (organisations, media) */
	uint32_t cues;          /* cue words: type words, organisation heads, titles, parent links */
	uint32_t demonyms;      /* demonym stems, generated (روسيا -> روسي) and reviewed (أمريكي) */
	uint32_t triggers;      /* event trigger, casualty and counting words */
	uint32_t rows_skipped;  /* source rows that could not be used */
	char first_problem[256];/* the first skipped row, file:line and why */
} gm_build_stats;

/* Open a compiled gazetteer by mmap and verify it: the header and section
 * bounds, the whole-file checksum and every index inside (gm_gazetteer_verify;
 * a few ms for the bundled file). A wrong or older file gives GM_EVERSION, a
 * truncated or damaged one GM_ECORRUPT, never a crash later. */
int gm_gazetteer_open(gm_gazetteer **out, const char *path, gm_error *err);
/* Flags for gm_gazetteer_open_flags. NO_VERIFY: check the header and section
 * bounds only (constant time whatever the size), for a file verified before;
 * lookups still check every index they follow, so a damaged file gives wrong
 * answers but never reads outside itself. */
#define GM_GAZ_OPEN_NO_VERIFY 1u
int gm_gazetteer_open_flags(gm_gazetteer **out, const char *path, unsigned flags, gm_error *err);
/* Read the whole file: checksum and every index it holds. GM_ECORRUPT if damaged. */
int gm_gazetteer_verify(const gm_gazetteer *gaz, gm_error *err);
/* Write the gazetteer as a point layer (one feature per place, with its
 * Arabic names as the matcher folds them) in any OGR vector format, so that
 * users can inspect and fix it in QGIS. The file is written beside path and
 * renamed into place. */
int gm_gazetteer_export(const gm_gazetteer *gaz, const char *path, const char *format, gm_error *err);
void gm_gazetteer_close(gm_gazetteer *gaz);

/* How much the resolver trusts what: the threshold below which a name is no
 * mention, and what a name that is also a common word, or a small town abroad,
 * costs. The defaults are chosen by scripts/sweep on news-dev, AQMAR dev and
 * the seeds together; `map --weights name=value,...` sets them for a run. */
typedef struct gm_resolve_weights {
	int min_score;        /* a mention needs this score (0-100) */
	int lex_country;      /* common-word cost of a country or continent */
	int lex_large_in;     /* ... of a province, capital, provincial capital or city of 100k, its country in context */
	int lex_large_none;   /* ... the same with no country in context */
	int lex_large_else;   /* ... the same while the document is about other countries */
	int lex_mid_in;       /* ... of a town of 10k (or a district seat), in context */
	int lex_mid_def_in;   /* ... the same when the word carries the article (الشهداء) */
	int lex_mid_none;     /* ... of such a town with no country in context */
	int lex_small;        /* ... of a smaller place or a district */
	int lex_small_else;   /* ... the same while the document is about other countries */
	int abroad_town;      /* what a town under 100k abroad costs while the document is about other countries */
	int abroad_city;      /* ... a larger city (not a capital) or a province abroad (0: what the
	                         sweep gains by it costs the seeds their Geneva) */
	int district_base;    /* the prior of a district (ADM2 and below) */
	int context_country;  /* what a candidate gains when its country is in the document's context */
	int context_admin1;   /* ... and its first-level area too */
	int variant_cost;     /* what a name reached by its spelling skeleton (الدانمارك) costs */
	int hinterland_admin; /* what a province or district gains after ريف (the countryside of X) */
	int list_abroad;      /* what a town under 100k costs in another country than the town it is
	                         listed with, and far from it: a list's villages are neighbours ("قريتي
	                         جبالا وأرينبة" in Idlib is no village of Jordan) */
} gm_resolve_weights;
void gm_resolve_weights_default(gm_resolve_weights *w);
/* Set weights from "name=value,name=value" (names as in the struct); GM_EINVAL
 * with a message naming the bad part. */
int gm_resolve_weights_parse(gm_resolve_weights *w, const char *spec, gm_error *err);
/* Use these weights for every later mapping with this gazetteer (set before
 * any gm_ctx maps: contexts read them, they do not copy them). */
void gm_gazetteer_set_weights(gm_gazetteer *gaz, const gm_resolve_weights *w);
void gm_gazetteer_get_info(const gm_gazetteer *gaz, gm_gazetteer_info *out);
uint32_t gm_gazetteer_place_count(const gm_gazetteer *gaz);
/* The strings point into the mapped file and live as long as the gazetteer. */
int gm_gazetteer_get_place(const gm_gazetteer *gaz, uint32_t index, gm_place *out);

/* Compile TSV sources (places.tsv as scripts/build-gazetteer-tsv writes it,
 * curated.tsv, not-places.tsv; the kind is told by the header line) into one
 * file at out_path, written to a temporary name and renamed into place. */
int gm_gazetteer_build(const char *const *sources, size_t n_sources, const char *out_path,
                       gm_build_stats *stats, gm_error *err);

/* ---------------------------------------------------------------- documents */

typedef struct gm_document {
	const char *id;         /* file name without extension, or the JSONL id */
	const char *text;       /* valid UTF-8 (the reader repairs invalid bytes) */
	size_t text_len;        /* bytes */
	const char *date;       /* YYYY-MM-DD or NULL */
	const char *source;     /* JSONL metadata, or NULL */
	const char *title;
	const char *url;
	const char *path;       /* where it was read from ("-" for stdin) */
	long line;              /* JSONL line number, 0 for a whole file */
} gm_document;

/* ------------------------------------------------------------------- reader */

typedef struct gm_reader gm_reader;

typedef struct gm_input_item {
	int skipped;               /* 1: nothing to map, reason says why */
	char reason[256];
	char warning[256];         /* processed, but something was off (bad date, no id) */
	unsigned invalid_utf8;     /* byte sequences replaced by U+FFFD */
	gm_document doc;           /* valid until the next gm_reader_next */
} gm_input_item;

/* Inputs are .txt files, directories (walked recursively, sorted, for .txt and
 * .jsonl), .jsonl files, or "-" for JSON Lines on stdin. Every path is checked
 * here: a missing one gives GM_ENOENT before anything is read. default_date
 * (may be NULL) is the date of documents that carry none. */
int gm_reader_open(gm_reader **out, const char *const *inputs, size_t n_inputs,
                   const char *default_date, gm_error *err);
/* 1: an item was read (a document or a skipped input); 0: the end; <0: error. */
int gm_reader_next(gm_reader *reader, gm_input_item *item, gm_error *err);
void gm_reader_free(gm_reader *reader);

/* ------------------------------------------------------------------ mapping */

typedef struct gm_ctx gm_ctx;

typedef struct gm_mention {
	uint32_t start, end;            /* Unicode code points, end exclusive */
	uint32_t byte_start, byte_end;  /* the same span in bytes */
	uint32_t place;                 /* gazetteer index of the chosen place */
	int score;                      /* confidence 0-100 */
	const char *rule;               /* how it was matched and chosen (held by the gm_doc_result) */
	uint32_t snippet_start, snippet_end; /* bytes of the sentence around it */
} gm_mention;

/* No place: an event the text ties to no place. */
#define GM_NO_PLACE 0xFFFFFFFFu

/* An event the text reports (types: ../shared/design/event-types.md). */
typedef struct gm_event {
	const char *type;               /* "shelling", "air_strike", ... (static) */
	const char *event_type;         /* ACLED's event_type ("Battles", ...; "" for displacement,
	                                   blockade, diplomacy), static */
	const char *sub_type;           /* ACLED's sub_event_type ("Armed clash", "Displacement"), static */
	uint32_t place;                 /* gazetteer index, or GM_NO_PLACE */
	int precision;                  /* ACLED geo_precision 1-3; 0 with no place */
	long fatalities, injured;       /* -1: not stated */
	char date[11];                  /* YYYY-MM-DD, or "" when unknown */
	int date_said;                  /* 1: a date word (أمس، الأربعاء) gave it; 0: the document date */
	uint32_t trigger_start, trigger_end;   /* bytes of the words that state it */
	uint32_t snippet_start, snippet_end;   /* bytes of its sentence */
	int background;                 /* 1: told as history (its sentence names a year before the
	                                   document's: "في حرب 2020"), not as that day's news */
} gm_event;

typedef struct gm_doc_result {
	gm_mention *mentions;
	size_t n_mentions;
	/* demonyms and nisba adjectives of places (الروسية, الأذربيجاني): never
	 * mentions; place is the country or region they belong to */
	gm_mention *demonyms;
	size_t n_demonyms;
	gm_event *events;
	size_t n_events;
	size_t n_tokens;
	char *rules;                    /* the texts the mentions' rules point into (one block) */
} gm_doc_result;

int gm_ctx_new(gm_ctx **out, const gm_gazetteer *gaz, gm_error *err);
void gm_ctx_free(gm_ctx *ctx);
int gm_map_document(gm_ctx *ctx, const gm_document *doc, gm_doc_result *out, gm_error *err);
void gm_doc_result_free(gm_doc_result *res);

/* How a word or phrase is read: its folded form, the gazetteer key that matched
 * (after clitics), and every candidate place with its score and reason. */
typedef struct gm_candidate_explained {
	uint32_t place;
	int score;
	char rule[160];
} gm_candidate_explained;

typedef struct gm_explanation {
	char folded[256];
	char key[256];             /* empty when nothing matched */
	char how[160];              /* "exact", "clitic و", "not a place (organisation)" */
	gm_candidate_explained candidates[16];
	size_t n_candidates;
	int winner;                /* index into candidates, -1 when none passes */
} gm_explanation;

int gm_explain(gm_ctx *ctx, const char *text, gm_explanation *out, gm_error *err);

/* ---------------------------------------------------------------- run/write */

typedef struct gm_run gm_run;

typedef struct gm_write_options {
	const char *out_dir;
	const char *const *formats;  /* OGR driver names; NULL/0: GeoJSON and ESRI Shapefile */
	size_t n_formats;
	const char *t_srs;           /* target CRS for non-GeoJSON layers; NULL: EPSG:4326 */
	int geojson_rfc7946;         /* 1 (default): GeoJSON stays WGS 84 lon/lat */
	const char *options_json;    /* the command's options, recorded verbatim in run.json */
	int demonyms;                /* 1: also write the demonyms layer */
	const char *styles_dir;      /* QGIS styles (LAYER.qml) to put beside the layers and into the
	                                GeoPackage's layer_styles; NULL: none */
	const char *web_dir;         /* map.html's template and Leaflet (leaflet.js, leaflet.css,
	                                LICENSE): a map.html beside GeoJSON layers; NULL: none */
	const char *pg;              /* GDAL's PostgreSQL connection string (PG:dbname=... host=...):
	                                the run's rows go into PostGIS tables too (postgis.h);
	                                NULL: no database. With out_dir NULL, only the database */
	const char *pg_schema;       /* the schema of those tables; NULL: "geomention" */
	int dbf_snippet;             /* bytes of the snippet a Shapefile's .dbf keeps, around the
	                                mention or event word, on whole words (0: none; 254: all, as
	                                every other format keeps it). A .dbf's records are fixed-width:
	                                the whole snippet made mentions.dbf as large as the input.
	                                GM_WRITE_OPTIONS_INIT: GM_DBF_SNIPPET_DEFAULT */
	int dbf_rule;                /* bytes of a mention's rule a .dbf keeps, in whole clauses from
	                                its start ("exact; capital pop 1.6M; Arabic name"): 0 none,
	                                254 all. The rule was 40 % of mentions.dbf; every other format
	                                keeps it whole. GM_WRITE_OPTIONS_INIT: GM_DBF_RULE_DEFAULT */
	int jobs;                    /* threads that write the places and daily layers at the end,
	                                a format each (<= 1: the calling thread alone) */
} gm_write_options;
#define GM_DBF_SNIPPET_DEFAULT 100
#define GM_DBF_RULE_DEFAULT 40
#define GM_WRITE_OPTIONS_INIT                                                                                  \
	{NULL, NULL, 0, NULL, 1, NULL, 0, NULL, NULL, NULL, NULL, GM_DBF_SNIPPET_DEFAULT, GM_DBF_RULE_DEFAULT, 0}

typedef struct gm_run_summary {
	size_t documents, skipped, mentions, places, demonyms, events;
	char files[32][64];          /* files written, relative to out_dir: the first 31 and run.json
	                                (run.json's own list holds them all) */
	size_t n_files;
	size_t n_files_total;        /* every file written, run.json included */
	char warnings[4][320];       /* what the files lack that the run had (run.json lists them too) */
	size_t n_warnings;
} gm_run_summary;

/* A run writes its layers as documents come: gm_run_new checks the options,
 * makes a temporary folder inside out_dir and opens the mentions, events
 * (and demonyms) layers in every format; gm_run_add writes a document's
 * features there and keeps only counts (per place, per place and date), so
 * memory does not grow with the input; gm_run_finish writes places, daily
 * and run.json and moves every file into out_dir. A run freed unfinished
 * (an error, an interrupted caller) leaves nothing in out_dir. opts and its
 * strings must stay alive until gm_run_free. */
int gm_run_new(gm_run **out, const gm_gazetteer *gaz, const gm_write_options *opts, gm_error *err);
void gm_run_free(gm_run *run);
/* Record one input: a mapped document with its result, or a skipped one
 * (res NULL). Nothing of item or res is kept. */
int gm_run_add(gm_run *run, const gm_input_item *item, const gm_doc_result *res, gm_error *err);
/* Check formats and CRS before any work is done (GM_EFORMAT, GM_ECRS, GM_EIO). */
int gm_run_check_options(const gm_write_options *opts, gm_error *err);
/* Write places, daily and run.json, and move every file into out_dir. */
int gm_run_finish(gm_run *run, gm_run_summary *summary, gm_error *err);

/* Called with each input in input order, with its result (NULL when it was
 * skipped); a negative return stops the mapping and is returned. */
typedef int (*gm_result_fn)(const gm_input_item *item, const gm_doc_result *res, void *user, gm_error *err);
/* Map every item the reader gives on n_jobs threads (each with its own
 * context; n_jobs <= 0: one per core) and hand the results to fn in input
 * order, on the calling thread: whatever fn writes is the same bytes for any
 * n_jobs. While fn handles one batch the next is being mapped and the one after
 * it read. Memory is bounded by three batches (64 documents per thread, 16 MB
 * of text each), not by the input. */
int gm_map_reader(gm_reader *reader, const gm_gazetteer *gaz, int n_jobs, gm_result_fn fn, void *user,
                  gm_error *err);

/* Called for each input item in input order, before it is added to the run:
 * for progress, and to report skipped inputs and warnings. A negative return
 * (GM_ECANCELED for an interrupt) stops the mapping with that code; the run
 * is then to be freed, which leaves the output folder as it was. */
typedef int (*gm_item_fn)(const gm_input_item *item, void *user);
/* gm_map_reader into a run. seen may be NULL. */
int gm_run_map_reader(gm_run *run, gm_reader *reader, const gm_gazetteer *gaz, int n_jobs, gm_item_fn seen,
                      void *user, gm_error *err);
/* The number of cores online (1 when unknown): the default n_jobs. */
int gm_default_jobs(void);

/* One input's features as a GeoJSON Text Sequence (RFC 8142: each record is
 * RS, a GeoJSON Feature, LF) on out: its mentions, demonyms and events (the
 * property "kind" says which; the other properties are the layers' fields),
 * then one feature with no geometry, kind "document", that is run.json's
 * entry for it. geomention merge turns such streams into layers. */
int gm_stream_write(FILE *out, const gm_gazetteer *gaz, const gm_input_item *item, const gm_doc_result *res,
                    gm_error *err);

/* Merge the outputs of several runs (their output folders, or files of
 * gm_stream_write records) into one output folder: mentions, events and
 * run.json's documents one part after another, places and daily summed, so
 * that parts mapped from the pieces of an input give the aggregates one run
 * over the whole input gives. The parts must have been mapped with this
 * gazetteer (checked against run.json's checksum). A folder part with a
 * demonyms layer turns opts->demonyms on. */
int gm_merge(const char *const *parts, size_t n_parts, const gm_gazetteer *gaz, const gm_write_options *opts,
             gm_run_summary *summary, gm_error *err);

/* Top places by mentions (by_events 0) or by events located there
 * (by_events 1), most first, for a run's report: fills up to n indices and
 * their counts. */
size_t gm_run_top_places(const gm_run *run, int by_events, uint32_t *places, uint32_t *counts, size_t n);
/* The event types of the run with how many events each, most first: fills up
 * to n types (names as in events.geojson) and returns how many. */
size_t gm_run_event_types(const gm_run *run, const char **types, uint32_t *counts, size_t n);

/* A PostgreSQL connection string with its password as *** (password=... or a
 * URI's user:password@), into out: the form a message or a record may show. */
void gm_pg_redact(const char *conn, char *out, size_t cap);

/* The list of OGR vector drivers that can create files, comma-separated
 * (without a GDAL to open: the formats geomention writes itself). */
int gm_output_formats(char *buf, size_t cap);

/* The GDAL library to open the first time a run needs GDAL (a format only
 * GDAL writes, the PostGIS sink, a merge, an export): a file name or path as
 * dlopen takes it; NULL or "": the one the build found (its SONAME). GDAL is
 * not linked, so the default layers never load it. GM_EINVAL once GDAL has
 * been opened (or tried). */
int gm_set_gdal_library(const char *path);

#ifdef __cplusplus
}
#endif
#endif
