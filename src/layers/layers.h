/* layers.h: the output layers' fields, and the records a run writes into
 * them (internal). The layer writers (write.c), the GeoJSON Sequence stream
 * (stream.c) and merge (merge.c) all speak these records, so a mention has the
 * same fields, in the same order, whichever way it leaves the program. */
#ifndef GM_LAYERS_H
#define GM_LAYERS_H

#include "geomention.h"

#include <stddef.h>
#include <stdint.h>

/* A DBF text field holds 254 bytes; snippets are cut to it for every format. */
#define GM_DBF_BYTES 254

enum gm_ftype { GM_F_STR, GM_F_INT, GM_F_DATE };

typedef struct gm_field {
	const char *name;
	int type;
	int width;
} gm_field;

typedef struct gm_value {
	const char *s;   /* GM_F_STR and GM_F_DATE (YYYY-MM-DD or empty) */
	long long i;
	int null;        /* GM_F_INT: not stated (NULL, not 0) */
} gm_value;

/* snip cut to at most cap bytes (< GM_DBF_BYTES) around the first place focus
 * stands in it (its middle where focus is NULL or not in it), on character
 * boundaries and, where the window allows, whole words, into out
 * (GM_DBF_BYTES + 1 bytes). */
void gm__snippet_around(const char *snip, const char *focus, size_t cap, char *out);
/* The first clauses of a rule ("exact; capital pop 1.6M; ...") that fit cap
 * bytes, into out (cap + 1 bytes); a first clause longer than cap is cut on
 * its last blank before cap, or on a character boundary. */
void gm__rule_clauses(const char *rule, size_t cap, char *out);

extern const gm_field gm__place_fields[];
extern const gm_field gm__mention_fields[];
extern const gm_field gm__event_fields[];
extern const gm_field gm__daily_fields[];
extern const size_t gm__n_place_fields, gm__n_mention_fields, gm__n_event_fields, gm__n_daily_fields;
#define GM__N_PLACE_FIELDS 16   /* gm__n_place_fields, for the compiler's checks (layers.c) */
/* gm__daily_fields[GM_DAILY_FIRST_TYPE + t - 1] counts events of type t (enum gm_trigger) */
#define GM_DAILY_FIRST_TYPE 9
#define GM_MAX_FIELDS 32

/* One input as run.json lists it. */
typedef struct gm_doc_rec {
	const char *id, *path;
	const char *reason;     /* why it was skipped; NULL when processed */
	const char *warning;    /* NULL or "" when none */
	const char *date;       /* YYYY-MM-DD, or NULL/"" when unknown */
	long line;
	int skipped;
	unsigned invalid_utf8;
	size_t n_mentions, n_demonyms, n_events;
	const char *url, *source, *title;   /* the article's, "" or NULL when the input has none */
} gm_doc_rec;

/* One feature of the mentions (or demonyms) layer. */
typedef struct gm_mention_rec {
	const char *doc_id;
	const char *date;       /* the document's date, "" when unknown */
	uint32_t start, end;    /* code points */
	uint32_t place;         /* gazetteer index */
	int score;
	const char *rule, *surface, *snippet;
	const char *url, *source, *title;   /* the article's, "" or NULL when the input has none */
} gm_mention_rec;

/* One feature of the events layer. */
typedef struct gm_event_rec {
	const char *event_id, *doc_id, *date, *type;
	uint32_t place;         /* GM_NO_PLACE when the text ties it to no place */
	int precision;          /* 0 with no place */
	long fatalities, injured;   /* -1: not stated */
	const char *trigger, *snippet;
	int background;         /* 1: told as history; written, never counted in places or daily */
	const char *event_type, *sub_type;   /* ACLED's names ("" where ACLED has no type) */
	const char *url, *source, *title;   /* the article's, "" or NULL when the input has none */
} gm_event_rec;

/* A record's field values (in the order of its field table) and its point:
 * lon/lat NaN for an event with no place. p receives the place. */
void gm__mention_values(const gm_gazetteer *gaz, const gm_mention_rec *m, gm_value *v, gm_place *p);
void gm__event_values(const gm_gazetteer *gaz, const gm_event_rec *e, gm_value *v, gm_place *p, double *lon,
                      double *lat);

/* The records of one mapped (or skipped) input: what gm_run_add writes and
 * what the stream prints, computed in one place: mentions, then demonyms
 * (demonym 1; sinks that do not write them still count them), then events. Snippets are cut to the DBF
 * limit around the mention or trigger. The callbacks get records whose
 * strings live until they return; a non-zero return stops the walk. */
typedef struct gm_record_sink {
	int (*mention)(void *user, const gm_mention_rec *m, int demonym, gm_error *err);
	int (*event)(void *user, const gm_event_rec *e, gm_error *err);
	int (*doc)(void *user, const gm_doc_rec *d, gm_error *err);   /* last, after its features */
} gm_record_sink;
int gm__records_of(const gm_input_item *item, const gm_doc_result *res, const gm_record_sink *sink, void *user,
                   gm_error *err);

#endif
