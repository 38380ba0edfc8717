/* aggregates.h: what a run sums per place and per day (internal), and the
 * order the places and daily layers list them in.
 *
 * run/ fills these sums as documents are mapped (or merged); layers/ reads
 * them at the end, as a read-only view: the writer, the previews and the
 * database sink list the same rows in the same order. */
#ifndef GM_AGGREGATES_H
#define GM_AGGREGATES_H

#include "geomention.h"

#include "events.h"
#include "layers.h"

#include <time.h>

/* What a places row and a daily row both count: mentions, and events with
 * their tolls. */
typedef struct gm_tally {
	uint32_t mentions, events;
	long fatalities, injured;  /* sums over the events (a figure not stated adds nothing) */
} gm_tally;

typedef struct gm_place_agg {
	uint32_t place;
	gm_tally n;                /* of the place's mentions and of the events located here */
	uint32_t docs;             /* documents with a mention */
	uint32_t demonyms;
	uint32_t last_doc;         /* the run's document serial of its latest mention */
	uint32_t first_date, last_date;   /* YYYYMMDD, 0 when none known */
} gm_place_agg;

/* A daily row's events by type: [t - 1] counts events of type t. */
typedef uint32_t gm_type_counts[GM_EV_N - 1];

/* One row of the daily layer: a place (or GM_NO_PLACE) on a date (YYYYMMDD,
 * 0 unknown). A run holds every row to its end, and most rows count
 * mentions only (seven in eight on the bench's corpus with a 1 M-name
 * gazetteer), so the counts per type are kept apart, in a row of their own
 * only where the cell has events: 40 bytes a cell, not 112 (#17: memory flat
 * in the corpus's size). */
typedef struct gm_daily_cell {
	uint32_t place, date;
	gm_tally n;
	uint32_t types;   /* its events by type: the aggregates' type_counts[types - 1]; 0: no events */
} gm_daily_cell;

/* Add t's counts into into (merging parts' rows). */
void gm__tally_add(gm_tally *into, const gm_tally *t);
/* Count one event with its figures (NULL ones, below 0, add nothing). */
void gm__tally_event(gm_tally *into, long fatalities, long injured);

/* What the writer needs of a finished run: its aggregates and counts. */
typedef struct gm_aggregates {
	const gm_place_agg *places;
	size_t n_places;
	const gm_daily_cell *cells;
	size_t n_cells;
	const uint32_t *type_counts;   /* the cells' events by type, GM_EV_N - 1 a row (gm_daily_cell.types) */
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
/* The daily layer's rows, by date then place (malloc'd, r->n_cells of them);
 * NULL when out of memory. */
const gm_daily_cell **gm__cells_in_order(const gm_aggregates *r);
/* A places layer row's values (gm__place_fields) of a; p, first and last
 * (11 bytes each) hold what the values point to. */
void gm__place_values(const gm_gazetteer *gaz, const gm_place_agg *a, gm_value *v, gm_place *p, char *first,
                      char *last);
/* A cell's events by type (GM_EV_N - 1 counts), NULL when it has none. */
static inline const uint32_t *gm__cell_types(const gm_aggregates *a, const gm_daily_cell *c)
{
	return c->types ? a->type_counts + (size_t)(c->types - 1) * (GM_EV_N - 1) : NULL;
}
/* A daily layer row's values (gm__daily_fields) of c, whose events by type
 * are per_type (NULL: none); p and date (11 bytes) hold what they point
 * to, *lon and *lat its point (NaN: no place). */
void gm__daily_values(const gm_gazetteer *gaz, const gm_daily_cell *c, const uint32_t *per_type, gm_value *v,
                      gm_place *p, char *date, double *lon, double *lat);
/* The summary's counts of a run (its files left empty). */
void gm__summary_counts(const gm_aggregates *a, gm_run_summary *summary);

#endif
