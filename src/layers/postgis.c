/* postgis.c: the PostGIS sink (postgis.h). Every statement is SQL of ours
 * sent through GDAL's PostgreSQL connection (ExecuteSQL), not OGR layers:
 * the tables' types, keys, indexes and the replace-by-document step are
 * ours to state, and rows go in as multi-row INSERTs of a few hundred
 * kilobytes. */
#include "postgis.h"

#include "acled.h"
#include "error.h"
#include "events.h"
#include "gazetteer.h"
#include "strbuf.h"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* a batch is sent when it holds this much SQL */
#define BATCH_BYTES (512u * 1024u)

static pthread_once_t gdal_once = PTHREAD_ONCE_INIT;
static void register_drivers(void) { GDALAllRegister(); }

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

/* The value of password=... in a libpq keyword string (quotes and \\ escapes
 * as libpq reads them), or of the password in a URI's user:password@, into
 * out; *raw0 and *raw1 (may be NULL) get where it stands in conn, as written. */
static void password_span(const char *conn, char *out, size_t cap, const char **raw0, const char **raw1)
{
	out[0] = '\0';
	if (raw0)
		*raw0 = *raw1 = NULL;
	const char *uri = strstr(conn, "://");
	if (uri) {
		const char *at = strchr(uri + 3, '@'), *colon = strchr(uri + 3, ':');
		if (at && colon && colon < at) {
			snprintf(out, cap, "%.*s", (int)(at - colon - 1), colon + 1);
			if (raw0) {
				*raw0 = colon + 1;
				*raw1 = at;
			}
		}
		return;
	}
	for (const char *p = conn; (p = strstr(p, "password")) != NULL; p += 8) {
		const char *q = p + 8;
		while (*q == ' ')
			q++;
		if (*q != '=' || (p > conn && p[-1] != ' ' && p[-1] != ':'))
			continue;
		q++;
		while (*q == ' ')
			q++;
		size_t o = 0;
		int quoted = *q == '\'';
		const char *start = q;
		for (q += quoted; *q; q++) {
			if (quoted ? *q == '\'' : *q == ' ')
				break;
			if (*q == '\\' && q[1])
				q++;
			if (o + 1 < cap)
				out[o++] = *q;
		}
		out[o] = '\0';
		if (raw0) {
			*raw0 = start;
			*raw1 = quoted && *q == '\'' ? q + 1 : q;
		}
		return;
	}
}

static void password_of(const char *conn, char *out, size_t cap) { password_span(conn, out, cap, NULL, NULL); }

void gm_pg_redact(const char *conn, char *out, size_t cap)
{
	char pw[128];
	const char *r0, *r1;
	password_span(conn, pw, sizeof pw, &r0, &r1);
	size_t o = 0, pl = strlen(pw);
	for (const char *p = conn; *p && o + 1 < cap;) {
		/* the value as written (quoted, escaped), and wherever else it appears */
		if ((r0 && p == r0 && r1 > r0) || (pl && !strncmp(p, pw, pl))) {
			for (const char *s = "***"; *s && o + 1 < cap; s++)
				out[o++] = *s;
			p += r0 && p == r0 && r1 > r0 ? (size_t)(r1 - r0) : pl;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
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

/* A text literal (E'...' so that it reads the same whatever
 * standard_conforming_strings says); NULL for an empty or absent one. */
static void put_text(gm_strbuf *b, const char *s)
{
	if (!s || !*s) {
		gm__sb_puts(b, "NULL");
		return;
	}
	gm__sb_puts(b, "E'");
	const char *run = s;
	for (; *s; s++)
		if (*s == '\'' || *s == '\\') {
			gm__sb_put(b, run, (size_t)(s - run));
			gm__sb_put(b, *s == '\'' ? "''" : "\\\\", 2);
			run = s + 1;
		}
	gm__sb_put(b, run, (size_t)(s - run));
	gm__sb_puts(b, "'");
}

static void put_point(gm_strbuf *b, double lon, double lat)
{
	if (isnan(lon) || isnan(lat))
		gm__sb_puts(b, "NULL");
	else
		gm__sb_printf(b, "ST_SetSRID(ST_MakePoint(%.10g, %.10g), 4326)", lon, lat);
}

static void put_values(gm_strbuf *b, const gm_field *fields, size_t n, const gm_value *v)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			gm__sb_puts(b, ", ");
		if (fields[i].type == GM_F_INT) {
			if (v[i].null)
				gm__sb_puts(b, "NULL");
			else
				gm__sb_printf(b, "%lld", v[i].i);
		} else if (fields[i].type == GM_F_DATE) {
			if (v[i].s && strlen(v[i].s) == 10)
				gm__sb_printf(b, "DATE '%.10s'", v[i].s);   /* YYYY-MM-DD, made by us */
			else
				gm__sb_puts(b, "NULL");
		} else {
			put_text(b, v[i].s);
		}
	}
}

static void put_columns(gm_strbuf *b, const gm_field *fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		gm__sb_printf(b, "%s\"%s\"", i ? ", " : "", fields[i].name);
}

static const char *sql_type(const gm_field *f)
{
	return f->type == GM_F_INT ? "integer" : f->type == GM_F_DATE ? "date" : "text";
}

/* ---------------------------------------------------------------- schema */

/* The documents table's columns, in the order rows are written. */
static const gm_field doc_fields[] = {
	{"doc_id", GM_F_STR, 0}, {"path", GM_F_STR, 0}, {"line", GM_F_INT, 0}, {"status", GM_F_STR, 0},
	{"reason", GM_F_STR, 0}, {"warning", GM_F_STR, 0}, {"date", GM_F_DATE, 0}, {"url", GM_F_STR, 0},
	{"source", GM_F_STR, 0}, {"title", GM_F_STR, 0}, {"mentions", GM_F_INT, 0}, {"demonyms", GM_F_INT, 0},
	{"events", GM_F_INT, 0}, {"invalid_utf8", GM_F_INT, 0},
};
#define N_DOC_FIELDS (sizeof doc_fields / sizeof *doc_fields)

static void feature_table(gm_strbuf *b, const char *s, const char *name, const gm_field *fields, size_t n)
{
	gm__sb_printf(b, "CREATE TABLE IF NOT EXISTS \"%s\".%s (id bigserial PRIMARY KEY, run_id text NOT NULL", s, name);
	for (size_t i = 0; i < n; i++)
		gm__sb_printf(b, ", \"%s\" %s", fields[i].name, sql_type(&fields[i]));
	gm__sb_puts(b, ", geom geometry(Point, 4326))");
}

/* The statements that make the schema, one a string in a NULL-terminated
 * array of a gm_strbuf each: tables and indexes if missing, views anew. */
static int schema_sql(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	*n = 0;
#define NEXT() (*n < cap ? &out[(*n)++] : NULL)
	gm_strbuf *b;
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b, "CREATE SCHEMA IF NOT EXISTS \"%s\"", s);
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b,
	              "CREATE TABLE IF NOT EXISTS \"%s\".runs (run_id text PRIMARY KEY, started timestamptz NOT NULL, "
	              "finished timestamptz, tool_version text, gazetteer text, gazetteer_checksum text, options text, "
	              "documents integer, skipped integer, mentions integer, places integer, demonyms integer, "
	              "events integer)",
	              s);
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b, "CREATE TABLE IF NOT EXISTS \"%s\".documents (run_id text NOT NULL", s);
	for (size_t i = 0; i < N_DOC_FIELDS; i++)
		gm__sb_printf(b, ", \"%s\" %s%s", doc_fields[i].name, sql_type(&doc_fields[i]), i ? "" : " PRIMARY KEY");
	gm__sb_puts(b, ")");
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b,
	              "CREATE TABLE IF NOT EXISTS \"%s\".gazetteer (place_id text PRIMARY KEY, name_ar text, name_en text, "
	              "country text, admin1 text, feature text, population bigint, geom geometry(Point, 4326), "
	              "admin1_id text)",
	              s);
	/* a schema an older geomention made gets the columns added since */
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b, "ALTER TABLE \"%s\".gazetteer ADD COLUMN IF NOT EXISTS admin1_id text", s);
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b,
	              "CREATE TABLE IF NOT EXISTS \"%s\".countries (cca2 text PRIMARY KEY, cca3 text, ccn3 text, "
	              "name_en text, acled_region text)",
	              s);
	/* the country table the library holds (acled.h), as it is in this version */
	size_t nc;
	const gm_country *cs = gm__countries(&nc);
	if (!cs || !(b = NEXT()))
		return -1;
	gm__sb_printf(b, "INSERT INTO \"%s\".countries (cca2, cca3, ccn3, name_en, acled_region) VALUES ", s);
	for (size_t i = 0; i < nc; i++) {
		gm__sb_puts(b, i ? ", (" : "(");
		const char *col[5] = {cs[i].cc2, cs[i].cc3, cs[i].ccn3, cs[i].name, cs[i].region};
		for (int k = 0; k < 5; k++) {
			if (k)
				gm__sb_puts(b, ", ");
			put_text(b, col[k]);
		}
		gm__sb_puts(b, ")");
	}
	gm__sb_puts(b, " ON CONFLICT (cca2) DO UPDATE SET cca3 = EXCLUDED.cca3, ccn3 = EXCLUDED.ccn3, name_en = "
	               "EXCLUDED.name_en, acled_region = EXCLUDED.acled_region");
	static const char *const feature_tables[] = {"mentions", "demonyms", "events"};
	for (int t = 0; t < 3; t++) {
		if (!(b = NEXT()))
			return -1;
		int ev = t == 2;
		const gm_field *ff = ev ? gm__event_fields : gm__mention_fields;
		size_t nf = ev ? gm__n_event_fields : gm__n_mention_fields;
		feature_table(b, s, feature_tables[t], ff, nf);
		if (!(b = NEXT()))
			return -1;
		gm__sb_printf(b, "ALTER TABLE \"%s\".%s", s, feature_tables[t]);
		for (size_t i = 0; i < nf; i++)
			gm__sb_printf(b, "%s ADD COLUMN IF NOT EXISTS \"%s\" %s", i ? "," : "", ff[i].name, sql_type(&ff[i]));
		static const char *const indexed[] = {"run_id", "doc_id", "place_id", "date"};
		for (int k = 0; k < 4; k++) {
			if (!(b = NEXT()))
				return -1;
			gm__sb_printf(b, "CREATE INDEX IF NOT EXISTS %s_%s_idx ON \"%s\".%s (\"%s\")", feature_tables[t],
			              indexed[k], s, feature_tables[t], indexed[k]);
		}
		if (!(b = NEXT()))
			return -1;
		gm__sb_printf(b, "CREATE INDEX IF NOT EXISTS %s_geom_idx ON \"%s\".%s USING gist (geom)", feature_tables[t], s,
		              feature_tables[t]);
	}
	/* views anew each run: a newer geomention may have changed them */
	static const char *const views[] = {"places", "daily", "events_acled"};
	for (int v = 0; v < 3; v++) {
		if (!(b = NEXT()))
			return -1;
		gm__sb_printf(b, "DROP VIEW IF EXISTS \"%s\".%s", s, views[v]);
	}
	/* places: what the places layer holds, from the rows (background events
	 * are history, not counted) */
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b,
	              "CREATE VIEW \"%s\".places AS WITH "
	              "m AS (SELECT place_id, count(*) AS mentions, count(DISTINCT doc_id) AS docs, min(date) AS d0, "
	              "max(date) AS d1 FROM \"%s\".mentions GROUP BY place_id), "
	              "d AS (SELECT place_id, count(*) AS demonyms FROM \"%s\".demonyms GROUP BY place_id), "
	              "e AS (SELECT place_id, count(*) AS events, sum(fatalities) FILTER (WHERE fatalities > 0) AS "
	              "fatalities, sum(injured) FILTER (WHERE injured > 0) AS injured, min(date) AS d0, max(date) AS d1 "
	              "FROM \"%s\".events WHERE background = 0 AND place_id IS NOT NULL GROUP BY place_id) "
	              "SELECT g.place_id, g.name_ar, g.name_en, g.country, g.admin1, g.feature, "
	              "coalesce(m.mentions, 0)::integer AS mentions, coalesce(m.docs, 0)::integer AS docs, "
	              "least(m.d0, e.d0) AS first_date, greatest(m.d1, e.d1) AS last_date, "
	              "coalesce(d.demonyms, 0)::integer AS demonyms, coalesce(e.events, 0)::integer AS events, "
	              "coalesce(e.fatalities, 0)::integer AS fatalities, coalesce(e.injured, 0)::integer AS injured, "
	              "c.cca3 AS iso3, g.admin1_id, g.geom "
	              "FROM \"%s\".gazetteer g LEFT JOIN m USING (place_id) LEFT JOIN d USING (place_id) "
	              "LEFT JOIN e USING (place_id) LEFT JOIN \"%s\".countries c ON c.cca2 = g.country "
	              "WHERE m.place_id IS NOT NULL OR d.place_id IS NOT NULL OR e.place_id IS NOT NULL",
	              s, s, s, s, s, s);
	/* daily: one row per place (or none) and date, events per type; the
	 * rows of both tables in one GROUP BY, which takes NULL (no place, no
	 * date) as a key like any other */
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b,
	              "CREATE VIEW \"%s\".daily AS WITH u AS (SELECT place_id, date, 1 AS mentions, 0 AS events, "
	              "0 AS fatalities, 0 AS injured, NULL::text AS type FROM \"%s\".mentions UNION ALL SELECT place_id, "
	              "date, 0, 1, greatest(fatalities, 0), greatest(injured, 0), type FROM \"%s\".events WHERE "
	              "background = 0), "
	              "k AS (SELECT place_id, date, sum(mentions)::integer AS mentions, sum(events)::integer AS events, "
	              "coalesce(sum(fatalities), 0)::integer AS fatalities, coalesce(sum(injured), 0)::integer AS injured",
	              s, s, s);
	for (int t = 1; t < GM_EV_N; t++)
		gm__sb_printf(b, ", (count(*) FILTER (WHERE type = '%s'))::integer AS \"%s\"", gm__trigger_name(t),
		              gm__daily_fields[GM_DAILY_FIRST_TYPE + t - 1].name);
	gm__sb_puts(b, " FROM u GROUP BY place_id, date) SELECT k.place_id, g.name_ar, g.name_en, g.country, k.date, "
	               "k.mentions, k.events, k.fatalities, k.injured");
	for (int t = 1; t < GM_EV_N; t++)
		gm__sb_printf(b, ", k.\"%s\"", gm__daily_fields[GM_DAILY_FIRST_TYPE + t - 1].name);
	gm__sb_printf(b, ", g.geom FROM k LEFT JOIN \"%s\".gazetteer g USING (place_id)", s);
	/* events_acled: events.csv's rows (acled.c), ACLED's names; timestamp
	 * is when the run that wrote the row ended */
	if (!(b = NEXT()))
		return -1;
	gm__sb_printf(b,
	              "CREATE VIEW \"%s\".events_acled AS SELECT e.event_id AS event_id_cnty, e.date AS event_date, "
	              "extract(year FROM e.date)::integer AS year, CASE WHEN e.date IS NOT NULL THEN 1 END AS "
	              "time_precision, CASE WHEN e.event_type IS NULL THEN NULL WHEN e.event_type IN ('Protests', "
	              "'Riots') THEN 'Demonstrations' WHEN e.event_type = 'Strategic developments' THEN 'Strategic "
	              "developments' ELSE 'Political violence' END AS disorder_type, e.event_type, e.sub_type AS "
	              "sub_event_type, NULL::text AS actor1, NULL::text AS assoc_actor_1, NULL::text AS inter1, "
	              "NULL::text AS actor2, NULL::text AS assoc_actor_2, NULL::text AS inter2, NULL::text AS "
	              "interaction, CASE WHEN e.event_type = 'Violence against civilians' THEN 'Civilian targeting' END "
	              "AS civilian_targeting, nullif(c.ccn3, '')::integer AS iso, c.acled_region AS region, c.name_en AS "
	              "country, e.admin1, NULL::text AS admin2, NULL::text AS admin3, e.name_en AS location, "
	              "round(ST_Y(e.geom)::numeric, 4) AS latitude, round(ST_X(e.geom)::numeric, 4) AS longitude, "
	              "e.precision AS geo_precision, coalesce(e.source, substring(e.url FROM '://([^/?#:]+)')) AS "
	              "source, NULL::text AS source_scale, e.snippet AS notes, greatest(coalesce(e.fatalities, 0), 0) AS "
	              "fatalities, CASE WHEN e.injured >= 0 THEN 'injured=' || e.injured END AS tags, "
	              "extract(epoch FROM r.finished)::bigint AS timestamp, e.geom "
	              "FROM \"%s\".events e LEFT JOIN \"%s\".countries c ON c.cca2 = e.country LEFT JOIN \"%s\".runs "
	              "r USING (run_id) WHERE e.place_id IS NOT NULL AND e.background = 0",
	              s, s, s, s);
#undef NEXT
	for (size_t i = 0; i < *n; i++)
		if (out[i].failed)
			return -1;
	return 0;
}

/* ------------------------------------------------------------ connection */

/* A schema name we need not quote: letters, digits, _ (PostgreSQL folds
 * unquoted names to lower case; ours are used quoted, as given). */
static int valid_schema(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 63 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

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
	pthread_once(&gdal_once, register_drivers);
	const char *conn = o->pg;
	const char *schema = o->pg_schema && *o->pg_schema ? o->pg_schema : GM_PG_DEFAULT_SCHEMA;
	if (strncmp(conn, "PG:", 3) != 0)
		return gm__fail(err, GM_EINVAL,
		                "--pg takes GDAL's PostgreSQL connection string, PG:\"dbname=... host=... user=...\" "
		                "(or PG:postgresql://...), not what was given");
	if (!valid_schema(schema))
		return gm__fail(err, GM_EINVAL,
		                "--pg-schema \"%s\": a schema name of lower-case letters, digits and _ (at most 63)", schema);
	snprintf(pg->schema, sizeof pg->schema, "%s", schema);
	password_of(conn + 3, pg->password, sizeof pg->password);
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
	int rc = schema_sql(pg->schema, sql, sizeof sql / sizeof *sql, &n) == 0
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
		put_text(&b, GM_VERSION_STRING);
		gm__sb_puts(&b, ", ");
		put_text(&b, gi.name);
		gm__sb_puts(&b, ", ");
		put_text(&b, gi.checksum);
		gm__sb_puts(&b, ", ");
		put_text(&b, opts->options_json);
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
			put_columns(b, doc_fields, N_DOC_FIELDS);
		} else {
			gm__sb_printf(b, "INSERT INTO \"%s\".%s (run_id, ", pg->schema, table_name[t]);
			if (t == T_EVENTS)
				put_columns(b, gm__event_fields, gm__n_event_fields);
			else
				put_columns(b, gm__mention_fields, gm__n_mention_fields);
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
	put_values(b, gm__mention_fields, gm__n_mention_fields, v);
	gm__sb_puts(b, ", ");
	put_point(b, p.lon, p.lat);
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
	put_values(b, gm__event_fields, gm__n_event_fields, v);
	gm__sb_puts(b, ", ");
	put_point(b, lon, lat);
	return row_end(pg, T_EVENTS, err);
}

int gm__pg_doc(gm_pg *pg, const gm_doc_rec *d, gm_error *err)
{
	gm_value v[N_DOC_FIELDS];
	memset(v, 0, sizeof v);
	v[0].s = d->id;
	v[1].s = d->path;
	v[2].i = d->line;
	v[2].null = d->line <= 0;
	v[3].s = d->skipped ? "skipped" : "processed";
	v[4].s = d->reason;
	v[5].s = d->warning;
	v[6].s = d->date;
	v[7].s = d->url;
	v[8].s = d->source;
	v[9].s = d->title;
	v[10].i = (long long)d->n_mentions;
	v[11].i = (long long)d->n_demonyms;
	v[12].i = (long long)d->n_events;
	v[13].i = d->invalid_utf8;
	gm_strbuf *b = row_start(pg, T_DOCS);
	put_values(b, doc_fields, N_DOC_FIELDS, v);
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
				put_text(&b, texts[k]);
				gm__sb_puts(&b, ", ");
			}
			gm__sb_printf(&b, "%lld, ", (long long)p.population);
			put_point(&b, p.lon, p.lat);
			gm__sb_puts(&b, ", ");
			put_text(&b, gm__admin1_id(p.country, p.admin1));
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
		put_columns(&b, doc_fields, N_DOC_FIELDS);
		gm__sb_puts(&b, ") SELECT DISTINCT ON (doc_id) run_id, ");
		put_columns(&b, doc_fields, N_DOC_FIELDS);
		gm__sb_puts(&b, " FROM gm_run_docs ORDER BY doc_id, seq DESC ON CONFLICT (doc_id) DO UPDATE SET run_id = "
		                "EXCLUDED.run_id");
		for (size_t i = 1; i < N_DOC_FIELDS; i++)
			gm__sb_printf(&b, ", \"%s\" = EXCLUDED.\"%s\"", doc_fields[i].name, doc_fields[i].name);
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
