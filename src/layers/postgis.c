/* postgis.c: the PostGIS sink (postgis.h). Every statement is SQL of ours
 * sent through GDAL's PostgreSQL connection (ExecuteSQL), not OGR layers:
 * the tables' types, keys, indexes and the replace-by-document step are
 * ours to state, and rows go in as multi-row INSERTs of a few hundred
 * kilobytes. */
#include "postgis.h"

#include "acled.h"
#include "error.h"
#include "gdalapi.h"
#include "events.h"
#include "gazetteer.h"
#include "pgtext.h"
#include "strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* a batch is sent when it holds this much SQL */
#define BATCH_BYTES (512u * 1024u)

enum { T_MENTIONS, T_DEMONYMS, T_EVENTS, T_DOCS, N_TABLES };

struct gm_pg {
	const gm_gazetteer *gaz;
	GDALDatasetH ds;
	char schema[64];
	char password[128];     /* to be blanked out of any message */
	char run_id[64];
	char last_error[512];
	gm_strbuf batch[N_TABLES];
	size_t rows[N_TABLES];  /* rows in each batch */
	uint8_t *named;         /* per place: named by a row of this run */
	int in_transaction, finished;
};

/* ------------------------------------------------------------ messages */

static void CPL_STDCALL log_error(CPLErr cls, CPLErrorNum no, const char *msg)
{
	(void)no;
	gm_pg *pg = CPLGetErrorHandlerUserData();
	if (pg && cls >= CE_Failure)
		snprintf(pg->last_error, sizeof pg->last_error, "%s", msg);
}

/* msg with the password blanked out, into err */
static int fail_db(gm_pg *pg, gm_error *err, const char *what)
{
	char msg[640], clean[640];
	snprintf(msg, sizeof msg, "%s: %s", what, pg->last_error[0] ? pg->last_error : "the database refused");
	/* the driver's message ends in a newline or two */
	for (size_t n = strlen(msg); n && (msg[n - 1] == '\n' || msg[n - 1] == ' '); n--)
		msg[n - 1] = '\0';
	size_t o = 0, pl = strlen(pg->password);
	for (const char *p = msg; *p && o + 1 < sizeof clean;) {
		if (pl && !strncmp(p, pg->password, pl)) {
			o += (size_t)snprintf(clean + o, sizeof clean - o, "***");
			p += pl;
		} else {
			clean[o++] = *p == '\n' ? ' ' : *p;
			p++;
		}
	}
	clean[o < sizeof clean ? o : sizeof clean - 1] = '\0';
	return gm__fail(err, GM_EDB, "PostGIS: %s", clean);
}

/* ----------------------------------------------------------------- SQL */

static int exec_sql(gm_pg *pg, const char *sql, gm_error *err, const char *what)
{
	pg->last_error[0] = '\0';
	CPLPushErrorHandlerEx(log_error, pg);
	OGRLayerH res = GDALDatasetExecuteSQL(pg->ds, sql, NULL, NULL);
	if (res)
		GDALDatasetReleaseResultSet(pg->ds, res);
	CPLPopErrorHandler();
	return pg->last_error[0] ? fail_db(pg, err, what) : GM_OK;
}

/* The first column of the first row of a query, as text, into out ("" when
 * there is no row). */
static int query_text(gm_pg *pg, const char *sql, char *out, size_t cap, gm_error *err, const char *what)
{
	out[0] = '\0';
	pg->last_error[0] = '\0';
	CPLPushErrorHandlerEx(log_error, pg);
	OGRLayerH res = GDALDatasetExecuteSQL(pg->ds, sql, NULL, NULL);
	if (res) {
		OGRFeatureH f = OGR_L_GetNextFeature(res);
		if (f && OGR_F_GetFieldCount(f) > 0 && OGR_F_IsFieldSetAndNotNull(f, 0))
			snprintf(out, cap, "%s", OGR_F_GetFieldAsString(f, 0));
		if (f)
			OGR_F_Destroy(f);
		GDALDatasetReleaseResultSet(pg->ds, res);
	}
	CPLPopErrorHandler();
	if (pg->last_error[0])
		return fail_db(pg, err, what);
	if (!res)
		return gm__fail(err, GM_EDB, "PostGIS: %s: no answer", what);
	return GM_OK;
}

/* ------------------------------------------------------------ connection */

static int lock_schema(gm_pg *pg, gm_error *err)
{
	char sql[160], got[32];
	/* runs into one schema take turns at their start and at their end */
	snprintf(sql, sizeof sql, "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('geomention:%s'))) AS l",
	         pg->schema);
	return query_text(pg, sql, got, sizeof got, err, "locking the schema");
}

static int connect_db(gm_pg *pg, const gm_write_options *o, gm_error *err)
{
	int rc = gm__gdal_load(err);   /* (the database is written through OGR's PostgreSQL driver) */
	if (rc != GM_OK)
		return rc;
	const char *conn = o->pg;
	const char *schema = o->pg_schema && *o->pg_schema ? o->pg_schema : GM_PG_DEFAULT_SCHEMA;
	if (strncmp(conn, "PG:", 3) != 0)
		return gm__fail(err, GM_EINVAL,
		                "--pg takes GDAL's PostgreSQL connection string, PG:\"dbname=... host=... user=...\" "
		                "(or PG:postgresql://...), not what was given");
	if (!gm__pg_valid_schema(schema))
		return gm__fail(err, GM_EINVAL,
		                "--pg-schema \"%s\": a schema name of lower-case letters, digits and _ (at most 63)", schema);
	snprintf(pg->schema, sizeof pg->schema, "%s", schema);
	gm__pg_password(conn + 3, pg->password, sizeof pg->password);
	const char *const drivers[] = {"PostgreSQL", NULL};
	/* LIST_ALL_TABLES=NO: a large database is not walked at open */
	const char *const open_opts[] = {"LIST_ALL_TABLES=NO", NULL};
	pg->last_error[0] = '\0';
	CPLPushErrorHandlerEx(log_error, pg);
	pg->ds = GDALOpenEx(conn, GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR, drivers, open_opts, NULL);
	CPLPopErrorHandler();
	if (!pg->ds) {
		char shown[512];
		gm_pg_redact(conn, shown, sizeof shown);
		char what[600];
		snprintf(what, sizeof what, "cannot connect to %s", shown);
		return fail_db(pg, err, what);
	}
	char version[64];
	if (query_text(pg, "SELECT postgis_lib_version()", version, sizeof version, err, "PostGIS") != GM_OK)
		return gm__fail(err, GM_EDB,
		                "PostGIS: the database has no PostGIS (run CREATE EXTENSION postgis in it once, as its "
		                "owner): %s",
		                err ? err->message : "");
	return GM_OK;
}

/* The schema, its tables and views, in a transaction of their own. */
static int make_schema(gm_pg *pg, gm_error *err)
{
	gm_strbuf sql[64];
	memset(sql, 0, sizeof sql);
	size_t n = 0;
	int rc = gm__pg_schema_sql(pg->schema, sql, sizeof sql / sizeof *sql, &n) == 0
	                 ? GM_OK
	                 : gm__fail(err, GM_ENOMEM, "out of memory");
	if (rc == GM_OK && GDALDatasetStartTransaction(pg->ds, FALSE) != OGRERR_NONE)
		rc = fail_db(pg, err, "cannot start a transaction");
	int open = rc == GM_OK;
	if (rc == GM_OK)
		rc = lock_schema(pg, err);
	for (size_t i = 0; i < n && rc == GM_OK; i++)
		rc = exec_sql(pg, sql[i].s, err, "creating the schema's tables");
	if (open && rc == GM_OK && GDALDatasetCommitTransaction(pg->ds) != OGRERR_NONE)
		rc = fail_db(pg, err, "cannot commit the schema");
	else if (open && rc != GM_OK)
		GDALDatasetRollbackTransaction(pg->ds);
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
		gm__sb_free(&sql[i]);
	return rc;
}

int gm__pg_check(const gm_write_options *opts, gm_error *err)
{
	gm_pg pg;
	memset(&pg, 0, sizeof pg);
	int rc = connect_db(&pg, opts, err);
	if (rc == GM_OK)
		rc = make_schema(&pg, err);
	if (pg.ds)
		GDALClose(pg.ds);
	return rc;
}

int gm__pg_open(gm_pg **out, const gm_gazetteer *gaz, const gm_write_options *opts, gm_error *err)
{
	*out = NULL;
	gm_pg *pg = calloc(1, sizeof *pg);
	if (!pg || !(pg->named = calloc(gm_gazetteer_place_count(gaz) + 1, 1))) {
		free(pg);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	pg->gaz = gaz;
	int rc = connect_db(pg, opts, err);
	if (rc == GM_OK)
		rc = make_schema(pg, err);
	if (rc == GM_OK) {
		/* a run's id: when, where and which process; unique enough to tell
		 * this run's rows from every other's */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		struct tm tm;
		gmtime_r(&ts.tv_sec, &tm);
		char when[32];
		strftime(when, sizeof when, "%Y%m%dT%H%M%S", &tm);
		snprintf(pg->run_id, sizeof pg->run_id, "%s.%09ldZ-%ld", when, ts.tv_nsec, (long)getpid());
		if (GDALDatasetStartTransaction(pg->ds, FALSE) != OGRERR_NONE)
			rc = fail_db(pg, err, "cannot start a transaction");
		else
			pg->in_transaction = 1;
	}
	if (rc == GM_OK) {
		char sql[256];
		/* the run's documents, for the replace step at the end */
		snprintf(sql, sizeof sql,
		         "CREATE TEMP TABLE gm_run_docs (seq bigserial, LIKE \"%s\".documents) ON COMMIT DROP", pg->schema);
		rc = exec_sql(pg, sql, err, "a table for the run's documents");
	}
	if (rc == GM_OK) {
		char sql[512];
		snprintf(sql, sizeof sql,
		         "INSERT INTO \"%s\".runs (run_id, started, tool_version, gazetteer, gazetteer_checksum, options) "
		         "VALUES ('%s', now(), ",
		         pg->schema, pg->run_id);
		gm_gazetteer_info gi;
		gm_gazetteer_get_info(gaz, &gi);
		gm_strbuf b = {0};
		gm__sb_puts(&b, sql);
		gm__pg_put_text(&b, GM_VERSION_STRING);
		gm__sb_puts(&b, ", ");
		gm__pg_put_text(&b, gi.name);
		gm__sb_puts(&b, ", ");
		gm__pg_put_text(&b, gi.checksum);
		gm__sb_puts(&b, ", ");
		gm__pg_put_text(&b, opts->options_json);
		gm__sb_puts(&b, ")");
		rc = b.failed ? gm__fail(err, GM_ENOMEM, "out of memory") : exec_sql(pg, b.s, err, "recording the run");
		gm__sb_free(&b);
	}
	if (rc != GM_OK) {
		gm__pg_free(pg);
		return rc;
	}
	*out = pg;
	return GM_OK;
}

/* ------------------------------------------------------------------ rows */

static const char *const table_name[N_TABLES] = {"mentions", "demonyms", "events", "gm_run_docs"};

static int flush(gm_pg *pg, int t, gm_error *err)
{
	if (!pg->rows[t])
		return GM_OK;
	gm_strbuf *b = &pg->batch[t];
	if (b->failed)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	int rc = exec_sql(pg, b->s, err, "writing rows");
	gm__sb_clear(b);
	pg->rows[t] = 0;
	return rc;
}

/* b ready for one more row of table t: the INSERT's head when empty, a comma
 * between rows */
static gm_strbuf *row_start(gm_pg *pg, int t)
{
	gm_strbuf *b = &pg->batch[t];
	if (!pg->rows[t]) {
		gm__sb_clear(b);
		if (t == T_DOCS) {
			gm__sb_puts(b, "INSERT INTO gm_run_docs (run_id, ");
			gm__pg_put_columns(b, gm__pg_doc_fields, GM_PG_N_DOC_FIELDS);
		} else {
			gm__sb_printf(b, "INSERT INTO \"%s\".%s (run_id, ", pg->schema, table_name[t]);
			if (t == T_EVENTS)
				gm__pg_put_columns(b, gm__event_fields, gm__n_event_fields);
			else
				gm__pg_put_columns(b, gm__mention_fields, gm__n_mention_fields);
			gm__sb_puts(b, ", geom");
		}
		gm__sb_puts(b, ") VALUES ");
	} else {
		gm__sb_puts(b, ", ");
	}
	gm__sb_printf(b, "('%s', ", pg->run_id);
	pg->rows[t]++;
	return b;
}

static int row_end(gm_pg *pg, int t, gm_error *err)
{
	gm__sb_puts(&pg->batch[t], ")");
	if (pg->batch[t].failed)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	return pg->batch[t].len >= BATCH_BYTES ? flush(pg, t, err) : GM_OK;
}

int gm__pg_mention(gm_pg *pg, const gm_mention_rec *m, int demonym, gm_error *err)
{
	gm_value v[GM_MAX_FIELDS];
	gm_place p;
	gm__mention_values(pg->gaz, m, v, &p);
	if (m->place < gm_gazetteer_place_count(pg->gaz))
		pg->named[m->place] = 1;
	int t = demonym ? T_DEMONYMS : T_MENTIONS;
	gm_strbuf *b = row_start(pg, t);
	gm__pg_put_values(b, gm__mention_fields, gm__n_mention_fields, v);
	gm__sb_puts(b, ", ");
	gm__pg_put_point(b, p.lon, p.lat);
	return row_end(pg, t, err);
}

int gm__pg_event(gm_pg *pg, const gm_event_rec *e, gm_error *err)
{
	gm_value v[GM_MAX_FIELDS];
	gm_place p;
	double lon, lat;
	gm__event_values(pg->gaz, e, v, &p, &lon, &lat);
	if (e->place != GM_NO_PLACE && e->place < gm_gazetteer_place_count(pg->gaz))
		pg->named[e->place] = 1;
	gm_strbuf *b = row_start(pg, T_EVENTS);
	gm__pg_put_values(b, gm__event_fields, gm__n_event_fields, v);
	gm__sb_puts(b, ", ");
	gm__pg_put_point(b, lon, lat);
	return row_end(pg, T_EVENTS, err);
}

int gm__pg_doc(gm_pg *pg, const gm_doc_rec *d, gm_error *err)
{
	/* in the order of gm__pg_doc_fields (pgtext.c) */
	const gm_value v[] = {
	    {.s = d->id},       {.s = d->path},        {.i = d->line, .null = d->line <= 0},
	    {.s = d->skipped ? "skipped" : "processed"}, {.s = d->reason}, {.s = d->warning},
	    {.s = d->date},     {.s = d->url},         {.s = d->source},   {.s = d->title},
	    {.i = (long long)d->n_mentions}, {.i = (long long)d->n_demonyms}, {.i = (long long)d->n_events},
	    {.i = d->invalid_utf8},
	};
	_Static_assert(sizeof v / sizeof *v == GM_PG_N_DOC_FIELDS, "a value per column of the documents table");
	gm_strbuf *b = row_start(pg, T_DOCS);
	gm__pg_put_values(b, gm__pg_doc_fields, GM_PG_N_DOC_FIELDS, v);
	return row_end(pg, T_DOCS, err);
}

/* ----------------------------------------------------------------- finish */

/* The places this run named, upserted into the gazetteer table. */
static int write_places(gm_pg *pg, gm_error *err)
{
	uint32_t n = gm_gazetteer_place_count(pg->gaz);
	gm_strbuf b = {0};
	int rc = GM_OK;
	size_t rows = 0;
	for (uint32_t i = 0; i <= n && rc == GM_OK; i++) {
		if (i < n && pg->named[i]) {
			gm_place p;
			if (gm_gazetteer_get_place(pg->gaz, i, &p) != GM_OK)
				continue;
			if (!rows)
				gm__sb_printf(&b,
				              "INSERT INTO \"%s\".gazetteer (place_id, name_ar, name_en, country, admin1, feature, "
				              "population, geom, admin1_id) VALUES ",
				              pg->schema);
			gm__sb_puts(&b, rows ? ", (" : "(");
			const char *texts[] = {p.id, p.name_ar, p.name_en, p.country, p.admin1, p.feature};
			for (int k = 0; k < 6; k++) {
				gm__pg_put_text(&b, texts[k]);
				gm__sb_puts(&b, ", ");
			}
			gm__sb_printf(&b, "%lld, ", (long long)p.population);
			gm__pg_put_point(&b, p.lon, p.lat);
			gm__sb_puts(&b, ", ");
			gm__pg_put_text(&b, gm__admin1_id(p.country, p.admin1));
			gm__sb_puts(&b, ")");
			rows++;
		}
		if (rows && (i == n || b.len >= BATCH_BYTES)) {
			gm__sb_puts(&b, " ON CONFLICT (place_id) DO UPDATE SET name_ar = EXCLUDED.name_ar, name_en = "
			                "EXCLUDED.name_en, country = EXCLUDED.country, admin1 = EXCLUDED.admin1, feature = "
			                "EXCLUDED.feature, population = EXCLUDED.population, geom = EXCLUDED.geom, admin1_id = "
			                "EXCLUDED.admin1_id");
			rc = b.failed ? gm__fail(err, GM_ENOMEM, "out of memory")
			              : exec_sql(pg, b.s, err, "writing the places named");
			gm__sb_clear(&b);
			rows = 0;
		}
	}
	gm__sb_free(&b);
	return rc;
}

int gm__pg_finish(gm_pg *pg, const gm_run_summary *c, gm_error *err)
{
	int rc = GM_OK;
	for (int t = 0; t < N_TABLES && rc == GM_OK; t++)
		rc = flush(pg, t, err);
	if (rc == GM_OK)
		rc = lock_schema(pg, err);
	gm_strbuf b = {0};
	const char *s = pg->schema;
	/* a document mapped again: the rows older runs wrote for it go */
	for (int t = 0; t < 3 && rc == GM_OK; t++) {
		gm__sb_clear(&b);
		gm__sb_printf(&b,
		              "DELETE FROM \"%s\".%s x USING (SELECT DISTINCT doc_id FROM gm_run_docs) d WHERE x.doc_id = "
		              "d.doc_id AND x.run_id <> '%s'",
		              s, table_name[t], pg->run_id);
		rc = b.failed ? gm__fail(err, GM_ENOMEM, "out of memory") : exec_sql(pg, b.s, err, "replacing older rows");
	}
	if (rc == GM_OK) {
		gm__sb_clear(&b);
		gm__sb_printf(&b, "INSERT INTO \"%s\".documents (run_id, ", s);
		gm__pg_put_columns(&b, gm__pg_doc_fields, GM_PG_N_DOC_FIELDS);
		gm__sb_puts(&b, ") SELECT DISTINCT ON (doc_id) run_id, ");
		gm__pg_put_columns(&b, gm__pg_doc_fields, GM_PG_N_DOC_FIELDS);
		gm__sb_puts(&b, " FROM gm_run_docs ORDER BY doc_id, seq DESC ON CONFLICT (doc_id) DO UPDATE SET run_id = "
		                "EXCLUDED.run_id");
		for (size_t i = 1; i < GM_PG_N_DOC_FIELDS; i++)
			gm__sb_printf(&b, ", \"%s\" = EXCLUDED.\"%s\"", gm__pg_doc_fields[i].name, gm__pg_doc_fields[i].name);
		rc = b.failed ? gm__fail(err, GM_ENOMEM, "out of memory") : exec_sql(pg, b.s, err, "writing the documents");
	}
	if (rc == GM_OK)
		rc = write_places(pg, err);
	if (rc == GM_OK) {
		gm__sb_clear(&b);
		gm__sb_printf(&b,
		              "UPDATE \"%s\".runs SET finished = clock_timestamp(), documents = %zu, skipped = %zu, mentions = %zu, "
		              "places = %zu, demonyms = %zu, events = %zu WHERE run_id = '%s'",
		              s, c->documents, c->skipped, c->mentions, c->places, c->demonyms, c->events, pg->run_id);
		rc = b.failed ? gm__fail(err, GM_ENOMEM, "out of memory") : exec_sql(pg, b.s, err, "recording the run");
	}
	gm__sb_free(&b);
	if (rc == GM_OK) {
		pg->last_error[0] = '\0';
		CPLPushErrorHandlerEx(log_error, pg);
		OGRErr e = GDALDatasetCommitTransaction(pg->ds);
		CPLPopErrorHandler();
		if (e != OGRERR_NONE)
			rc = fail_db(pg, err, "cannot commit the run");
		else
			pg->in_transaction = 0;
	}
	pg->finished = rc == GM_OK;
	return rc;
}

void gm__pg_free(gm_pg *pg)
{
	if (!pg)
		return;
	if (pg->ds) {
		CPLPushErrorHandlerEx(log_error, pg);
		if (pg->in_transaction)
			GDALDatasetRollbackTransaction(pg->ds);
		GDALClose(pg->ds);
		CPLPopErrorHandler();
	}
	for (int t = 0; t < N_TABLES; t++)
		gm__sb_free(&pg->batch[t]);
	free(pg->named);
	free(pg);
}
