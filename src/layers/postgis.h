/* postgis.h: the PostGIS sink (internal): a run's mentions, demonyms, events
 * and documents as tables of a schema, through GDAL's PostgreSQL driver and
 * its connection string (PG:dbname=... host=...).
 *
 * Incremental: every row carries the run that wrote it (run_id). The rows go
 * in as documents are mapped, inside one transaction; at the end, under a
 * lock on the schema, the rows older runs wrote for the same doc_ids are
 * deleted, the documents and the places they name are upserted and the run is
 * recorded, and the transaction commits. So re-mapping a document replaces
 * its rows, a feed mapped every hour keeps the database exact, and a run that
 * fails or is killed leaves the database as it was. places and daily are
 * views over mentions and events (the same counts as the layer files), and
 * events_acled is events under ACLED's column names (acled.h).
 *
 * Tables (schema default "geomention"): runs, documents, gazetteer (the places
 * named), mentions, demonyms, events; the layers' fields with SQL types
 * (text, integer, date), geom geometry(Point, 4326) (always WGS 84: --t_srs
 * is for files), indexes on doc_id, place_id, date and a GiST one on geom. An
 * empty text is NULL. */
#ifndef GM_POSTGIS_H
#define GM_POSTGIS_H

#include "geomention.h"

#include "layers.h"

#include <stddef.h>

#define GM_PG_DEFAULT_SCHEMA "geomention"

typedef struct gm_pg gm_pg;

/* Before any work: the connection string's form, the server, PostGIS in the
 * database, and the schema and its tables (created when missing, which also
 * proves the rights to write). No message holds the connection's password. */
int gm__pg_check(const gm_write_options *opts, gm_error *err);
int gm__pg_open(gm_pg **out, const gm_gazetteer *gaz, const gm_write_options *opts, gm_error *err);
int gm__pg_mention(gm_pg *pg, const gm_mention_rec *m, int demonym, gm_error *err);
int gm__pg_event(gm_pg *pg, const gm_event_rec *e, gm_error *err);
int gm__pg_doc(gm_pg *pg, const gm_doc_rec *d, gm_error *err);
/* Replace older rows of the run's documents, record the run, commit. */
int gm__pg_finish(gm_pg *pg, const gm_run_summary *counts, gm_error *err);
/* Unfinished: rolled back, nothing of the run stays. */
void gm__pg_free(gm_pg *pg);

#endif
