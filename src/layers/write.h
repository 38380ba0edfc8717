/* write.h: the layer files of a run, from its start to its end (internal).
 *
 * The writer takes features as documents are mapped (mentions, events,
 * demonyms, run.json's entries) and, at the end, a read-only view of what the
 * run summed (gm_aggregates): it knows nothing else of the run, so layers/
 * never calls back into run/. */
#ifndef GM_WRITE_H
#define GM_WRITE_H

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

/* What the writer needs of a finished run: its aggregates and counts. */
typedef struct gm_aggregates {
	const gm_place_agg *places;
	size_t n_places;
	const gm_daily_cell *cells;
	size_t n_cells;
	size_t n_inputs, n_documents, n_skipped, n_mentions, n_demonyms, n_events;
	struct timespec started;
} gm_aggregates;

/* A place is listed when it is mentioned, has events or its demonyms occur
 * (mentions 0): a place a run saw is in its places layer, so that merging
 * runs' places layers loses no count. */
int gm__place_listed(const gm_place_agg *a);
/* The places layer's rows, most mentioned first (malloc'd, *n of them); NULL
 * when out of memory. */
const gm_place_agg **gm__places_in_order(const gm_aggregates *a, size_t *n);

/* The GeoPackage of a run: every layer in one file (-f GPKG). */
#define GM_GEOPACKAGE "geomention.gpkg"
/* events.csv is ACLED's shape (acled.h), written with every run's files;
 * -f CSV writes the events layer's own fields as events_layer.csv. */
#define GM_ACLED_CSV "events.csv"
/* The file name (no extension) of a layer in a format: the layer's name,
 * but for the events layer as CSV. */
const char *gm__layer_stem(const char *layer, int is_csv);

typedef struct gm_writer gm_writer;

int gm__writer_open(gm_writer **out, const gm_gazetteer *gaz, const gm_write_options *opts, gm_error *err);
int gm__writer_mention(gm_writer *w, const gm_mention_rec *m, int demonym, gm_error *err);
int gm__writer_event(gm_writer *w, const gm_event_rec *e, gm_error *err);
int gm__writer_doc(gm_writer *w, const gm_doc_rec *d, gm_error *err);
/* The summary's counts of a run (its files left empty). */
void gm__summary_counts(const gm_aggregates *a, gm_run_summary *summary);
/* Places, daily and run.json, then every file moved into the output folder. */
int gm__writer_finish(gm_writer *w, const gm_aggregates *a, gm_run_summary *summary, gm_error *err);
/* Unfinished: the temporary folder and everything in it is removed. */
void gm__writer_free(gm_writer *w);
int gm__check_write_options(const gm_write_options *opts, gm_error *err);
/* The members of run.json's entry for one input ("id": ..., "path": ...,
 * absent ones left out), no braces: run.json's entries and the stream's
 * document records (id_key "doc_id") are written by it. */
void gm__write_doc_members(FILE *f, const gm_doc_rec *d, const char *id_key);

#endif
