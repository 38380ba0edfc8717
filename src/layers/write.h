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
#include "aggregates.h"
#include "layers.h"

#include <stdio.h>
#include <time.h>

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
/* Places, daily and run.json, then every file moved into the output folder. */
int gm__writer_finish(gm_writer *w, const gm_aggregates *a, gm_run_summary *summary, gm_error *err);
/* Unfinished: the temporary folder and everything in it is removed. */
void gm__writer_free(gm_writer *w);
int gm__check_write_options(const gm_write_options *opts, gm_error *err);

#endif
