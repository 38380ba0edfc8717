/* pgtext.c: the text the PostGIS sink sends and the text it hides
 * (pgtext.h): SQL literals, the schema's statements, the password of a
 * connection string. Nothing here talks to a server, so unit_postgis tests
 * all of it without one. */
#include "pgtext.h"

#include "countries.h"
#include "events.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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

void gm__pg_password(const char *conn, char *out, size_t cap) { password_span(conn, out, cap, NULL, NULL); }

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

/* A text literal (E'...' so that it reads the same whatever
 * standard_conforming_strings says); NULL for an empty or absent one. */
void gm__pg_put_text(gm_strbuf *b, const char *s)
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

void gm__pg_put_point(gm_strbuf *b, double lon, double lat)
{
	if (isnan(lon) || isnan(lat))
		gm__sb_puts(b, "NULL");
	else
		gm__sb_printf(b, "ST_SetSRID(ST_MakePoint(%.10g, %.10g), 4326)", lon, lat);
}

void gm__pg_put_values(gm_strbuf *b, const gm_field *fields, size_t n, const gm_value *v)
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
			gm__pg_put_text(b, v[i].s);
		}
	}
}

void gm__pg_put_columns(gm_strbuf *b, const gm_field *fields, size_t n)
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
const gm_field gm__pg_doc_fields[] = {
	{"doc_id", GM_F_STR, 0}, {"path", GM_F_STR, 0}, {"line", GM_F_INT, 0}, {"status", GM_F_STR, 0},
	{"reason", GM_F_STR, 0}, {"warning", GM_F_STR, 0}, {"date", GM_F_DATE, 0}, {"url", GM_F_STR, 0},
	{"source", GM_F_STR, 0}, {"title", GM_F_STR, 0}, {"mentions", GM_F_INT, 0}, {"demonyms", GM_F_INT, 0},
	{"events", GM_F_INT, 0}, {"invalid_utf8", GM_F_INT, 0},
};
_Static_assert(sizeof gm__pg_doc_fields / sizeof *gm__pg_doc_fields == GM_PG_N_DOC_FIELDS, "the documents table's columns");

static void feature_table(gm_strbuf *b, const char *s, const char *name, const gm_field *fields, size_t n)
{
	gm__sb_printf(b, "CREATE TABLE IF NOT EXISTS \"%s\".%s (id bigserial PRIMARY KEY, run_id text NOT NULL", s, name);
	for (size_t i = 0; i < n; i++)
		gm__sb_printf(b, ", \"%s\" %s", fields[i].name, sql_type(&fields[i]));
	gm__sb_puts(b, ", geom geometry(Point, 4326))");
}

/* The schema's statements are made into out[*n], out[*n + 1], ... (cap of
 * them); each part returns -1 when out is full or the country table missing. */
#define NEXT() (*n < cap ? &out[(*n)++] : NULL)

/* The schema, runs, documents and gazetteer tables, if missing. */
static int run_tables(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
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
	for (size_t i = 0; i < GM_PG_N_DOC_FIELDS; i++)
		gm__sb_printf(b, ", \"%s\" %s%s", gm__pg_doc_fields[i].name, sql_type(&gm__pg_doc_fields[i]), i ? "" : " PRIMARY KEY");
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
	return 0;
}

/* The countries table, and the country table the library holds put in it. */
static int country_table(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	gm_strbuf *b;
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
			gm__pg_put_text(b, col[k]);
		}
		gm__sb_puts(b, ")");
	}
	gm__sb_puts(b, " ON CONFLICT (cca2) DO UPDATE SET cca3 = EXCLUDED.cca3, ccn3 = EXCLUDED.ccn3, name_en = "
	               "EXCLUDED.name_en, acled_region = EXCLUDED.acled_region");
	return 0;
}

/* mentions, demonyms, events: the layers' fields, their indexes, and the
 * columns added since an older schema. */
static int feature_tables(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	gm_strbuf *b;
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
	return 0;
}

/* places: what the places layer holds, from the rows (background events
 * are history, not counted). */
static int places_view(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	gm_strbuf *b;
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
	return 0;
}

/* daily: one row per place (or none) and date, events per type; the rows of
 * both tables in one GROUP BY, which takes NULL (no place, no date) as a key
 * like any other. */
static int daily_view(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	gm_strbuf *b;
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
	return 0;
}

/* events_acled: events.csv's rows (acled.c), ACLED's names; timestamp is when
 * the run that wrote the row ended. */
static int acled_view(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	gm_strbuf *b;
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
	return 0;
}

/* The views anew each run (a newer geomention may have changed them). */
static int views(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	static const char *const names[] = {"places", "daily", "events_acled"};
	for (int v = 0; v < 3; v++) {
		gm_strbuf *b = NEXT();
		if (!b)
			return -1;
		gm__sb_printf(b, "DROP VIEW IF EXISTS \"%s\".%s", s, names[v]);
	}
	if (places_view(s, out, cap, n) || daily_view(s, out, cap, n) || acled_view(s, out, cap, n))
		return -1;
	return 0;
}
#undef NEXT

int gm__pg_schema_sql(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	*n = 0;
	if (run_tables(s, out, cap, n) || country_table(s, out, cap, n) || feature_tables(s, out, cap, n) ||
	    views(s, out, cap, n))
		return -1;
	for (size_t i = 0; i < *n; i++)
		if (out[i].failed)
			return -1;
	return 0;
}

/* A schema name we need not quote: letters, digits, _ (PostgreSQL folds
 * unquoted names to lower case; ours are used quoted, as given). */
int gm__pg_valid_schema(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 63 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

