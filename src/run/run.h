/* run.h: what a run keeps while its layers are written (internal): counts,
 * the per-place and per-(place, date) aggregates (their rows in write.h), and
 * the open writer. The
 * mentions and events themselves go to the layer files as they come, so a
 * run's memory does not grow with its input. */
#ifndef GM_RUN_H
#define GM_RUN_H

#include "geomention.h"

#include "events.h"
#include "layers.h"
#include "postgis.h"
#include "write.h"
#include "datecode.h"
#include "table.h"

#include <stdio.h>
#include <time.h>

struct gm_run {
	const gm_gazetteer *gaz;
	gm_write_options opts;     /* its strings are the caller's, alive until gm_run_free */
	gm_writer *writer;         /* the layer files; NULL when only a database is written */
	gm_pg *pg;                 /* the PostGIS sink; NULL without one */
	size_t n_inputs, n_documents, n_skipped, n_mentions, n_demonyms, n_events;
	uint32_t per_type[GM_EV_N];
	gm_place_agg *aggs;        /* the places seen, in the order first seen */
	size_t n_aggs, cap_aggs;
	gm__table agg_index;       /* aggs by place (a table: its size is the places seen, not the gazetteer's) */
	gm_daily_cell *cells;
	size_t n_cells, cap_cells;
	gm_type_counts *type_counts;   /* the rows of the cells with events (gm_daily_cell.types) */
	size_t n_type_rows, cap_type_rows;
	gm__table cell_index;      /* cells by (place, date) */
	uint32_t doc_serial;       /* counts documents for the places' docs field */
	char *last_mention_doc;    /* the doc_id of the latest mention */
	struct timespec started;
	int finished;
};


/* Records into the run. write: into the layers (demonyms only when the
 * options ask for them); aggregate: into places and daily. */
int gm__run_mention(gm_run *run, const gm_mention_rec *m, int demonym, int write, int aggregate, gm_error *err);
int gm__run_event(gm_run *run, const gm_event_rec *e, int write, int aggregate, gm_error *err);
int gm__run_doc(gm_run *run, const gm_doc_rec *d, gm_error *err);
/* Partial aggregates of another run (merge): added field by field, the
 * dates widened. */
int gm__run_add_place(gm_run *run, const gm_place_agg *part, gm_error *err);
int gm__run_add_daily(gm_run *run, const gm_daily_cell *part, const uint32_t *per_type, gm_error *err);

#endif
