/* run.h: what a run keeps while its layers are written (internal): counts,
 * the per-place and per-(place, date) aggregates, and the open writer. The
 * mentions and events themselves go to the layer files as they come, so a
 * run's memory does not grow with its input. */
#ifndef GM_RUN_H
#define GM_RUN_H

#include "geomention.h"

#include "events.h"
#include "layers.h"

#include <stdio.h>
#include <time.h>

typedef struct gm_place_agg {
	uint32_t place;
	uint32_t mentions, docs;   /* docs: documents with a mention */
	uint32_t demonyms;
	uint32_t events;
	long fatalities, injured;  /* sums over the events located here */
	uint32_t last_doc;         /* the run's document serial of its latest mention */
	uint32_t first_date, last_date;   /* YYYYMMDD, 0 when none known */
} gm_place_agg;

/* One row of the daily layer: a place (or GM_NO_PLACE) on a date (YYYYMMDD, 0 unknown). */
typedef struct gm_daily_cell {
	uint32_t place, date;
	uint32_t mentions, events;
	long fatalities, injured;
	uint32_t per_type[GM_EV_N - 1];   /* per_type[t - 1]: events of type t */
} gm_daily_cell;

typedef struct gm_writer gm_writer;

struct gm_run {
	const gm_gazetteer *gaz;
	gm_write_options opts;     /* its strings are the caller's, alive until gm_run_free */
	gm_writer *writer;
	size_t n_inputs, n_documents, n_skipped, n_mentions, n_demonyms, n_events;
	uint32_t per_type[GM_EV_N];
	uint32_t *agg_of_place;    /* place index -> agg index + 1 */
	gm_place_agg *aggs;
	size_t n_aggs, cap_aggs;
	gm_daily_cell *cells;
	size_t n_cells, cap_cells;
	uint32_t *cell_slots;      /* open addressing: cell index + 1, 0 empty */
	size_t cap_slots;
	uint32_t doc_serial;       /* counts documents for the places' docs field */
	char *last_mention_doc;    /* the doc_id of the latest mention */
	struct timespec started;
	int finished;
};

/* YYYY-MM-DD as YYYYMMDD, 0 when it is not a date; and back ("" for 0). */
uint32_t gm__date_code(const char *date);
void gm__date_text(uint32_t code, char out[11]);

/* Records into the run. write: into the layers (demonyms only when the
 * options ask for them); aggregate: into places and daily. */
int gm__run_mention(gm_run *run, const gm_mention_rec *m, int demonym, int write, int aggregate, gm_error *err);
int gm__run_event(gm_run *run, const gm_event_rec *e, int write, int aggregate, gm_error *err);
int gm__run_doc(gm_run *run, const gm_doc_rec *d, gm_error *err);
/* Partial aggregates of another run (merge): added field by field, the
 * dates widened. */
int gm__run_add_place(gm_run *run, const gm_place_agg *part, gm_error *err);
int gm__run_add_daily(gm_run *run, const gm_daily_cell *part, gm_error *err);
/* A place is listed when it is mentioned, has events or its demonyms occur
 * (mentions 0): a place a run saw is in its places layer, so that merging
 * runs' places layers loses no count. */
int gm__place_listed(const gm_run *run, const gm_place_agg *a);

/* write.c: the layer files of a run, from its start to its end. */
int gm__writer_open(gm_writer **out, const gm_gazetteer *gaz, const gm_write_options *opts, gm_error *err);
int gm__writer_mention(gm_writer *w, const gm_mention_rec *m, int demonym, gm_error *err);
int gm__writer_event(gm_writer *w, const gm_event_rec *e, gm_error *err);
int gm__writer_doc(gm_writer *w, const gm_doc_rec *d, gm_error *err);
/* Places, daily and run.json, then every file moved into the output folder. */
int gm__writer_finish(gm_writer *w, const gm_run *run, gm_run_summary *summary, gm_error *err);
/* Unfinished: the temporary folder and everything in it is removed. */
void gm__writer_free(gm_writer *w);
int gm__check_write_options(const gm_write_options *opts, gm_error *err);
/* The members of run.json's entry for one input ("id": ..., "path": ...,
 * absent ones left out), no braces: run.json's entries and the stream's
 * document records (id_key "doc_id") are written by it. */
void gm__write_doc_members(FILE *f, const gm_doc_rec *d, const char *id_key);

#endif
