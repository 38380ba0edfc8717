/* pgtext.c: the text the PostGIS sink sends and the text it hides
 * (pgtext.h): SQL literals, the schema's statements (schema.sql filled in),
 * the password of a connection string. Nothing here talks to a server, so
 * unit_pgtext tests all of it without one. */
#include "pgtext.h"

#include "countries.h"
#include "events.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* schema.sql, compiled in (CMakeLists.txt's gm_embed) */
extern const unsigned char gm__schema_sql[];

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

/* mentions, demonyms, events: the layers' fields, their indexes, and the
 * columns added since an older schema (schema.sql's @FEATURE_TABLES@). */
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

/* The countries the library holds (acled.h), as VALUES rows. */
static int country_rows(gm_strbuf *b)
{
	size_t nc;
	const gm_country *cs = gm__countries(&nc);
	if (!cs)
		return -1;
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
	return 0;
}

/* One of schema.sql's @NAME@ parts (name[0..len)) written into b; -1 when
 * there is no such part. */
static int put_part(gm_strbuf *b, const char *name, size_t len, const char *s)
{
#define IS(lit) (len == sizeof lit - 1 && !memcmp(name, lit, len))
	if (IS("S")) {
		gm__sb_puts(b, s);
	} else if (IS("DOCUMENT_COLUMNS")) {
		for (size_t i = 0; i < GM_PG_N_DOC_FIELDS; i++)
			gm__sb_printf(b, ", \"%s\" %s%s", gm__pg_doc_fields[i].name, sql_type(&gm__pg_doc_fields[i]),
			              i ? "" : " PRIMARY KEY");
	} else if (IS("COUNTRY_ROWS")) {
		return country_rows(b);
	} else if (IS("TYPE_COUNTS")) {
		for (int t = 1; t < GM_EV_N; t++)
			gm__sb_printf(b, ", (count(*) FILTER (WHERE type = '%s'))::integer AS \"%s\"", gm__trigger_name(t),
			              gm__daily_fields[GM_DAILY_FIRST_TYPE + t - 1].name);
	} else if (IS("TYPE_COLUMNS")) {
		for (int t = 1; t < GM_EV_N; t++)
			gm__sb_printf(b, ", k.\"%s\"", gm__daily_fields[GM_DAILY_FIRST_TYPE + t - 1].name);
	} else {
		return -1;
	}
	return 0;
#undef IS
}

/* One statement of schema.sql (its lines text[0..len), comments already
 * out) into b: its lines joined by one space, indentation and the final
 * ";" dropped, its parts filled in. */
static int put_statement(gm_strbuf *b, const char *text, size_t len, const char *s)
{
	for (size_t i = 0; i < len;) {
		if (text[i] == '@') {
			const char *close = memchr(text + i + 1, '@', len - i - 1);
			if (!close || put_part(b, text + i + 1, (size_t)(close - text - i - 1), s))
				return -1;
			i = (size_t)(close - text) + 1;
		} else if (text[i] == '\n') {
			while (i < len && (text[i] == '\n' || text[i] == ' '))
				i++;
			gm__sb_puts(b, " ");
		} else {
			size_t run = strcspn(text + i, "@\n");
			if (run > len - i)
				run = len - i;
			gm__sb_put(b, text + i, run);
			i += run;
		}
	}
	return 0;
}

/* The statements of the schema: schema.sql's, in its order. */
int gm__pg_schema_sql(const char *s, gm_strbuf *out, size_t cap, size_t *n)
{
	*n = 0;
	const char *p = (const char *)gm__schema_sql;
	char stmt[8192];
	size_t len = 0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t ll = eol ? (size_t)(eol - p) : strlen(p);
		const char *line = p;
		p += ll + (eol != NULL);
		while (ll && line[0] == ' ')
			line++, ll--;
		if (!ll || (ll >= 2 && line[0] == '-' && line[1] == '-'))
			continue;   /* a blank line or a comment */
		int last = line[ll - 1] == ';';
		if (len + ll + 1 >= sizeof stmt)
			return -1;  /* (a statement longer than schema.sql has) */
		if (len)
			stmt[len++] = '\n';
		memcpy(stmt + len, line, ll - (size_t)last);
		len += ll - (size_t)last;
		if (!last)
			continue;
		stmt[len] = '\0';   /* (put_statement's scans stop at len, and at this) */
		if (len == sizeof "@FEATURE_TABLES@" - 1 && !memcmp(stmt, "@FEATURE_TABLES@", len)) {
			if (feature_tables(s, out, cap, n))
				return -1;
		} else {
			gm_strbuf *b = NEXT();
			if (!b || put_statement(b, stmt, len, s))
				return -1;
		}
		len = 0;
	}
	if (len)
		return -1;  /* a statement with no ";" at its end */
	for (size_t i = 0; i < *n; i++)
		if (out[i].failed)
			return -1;
	return 0;
}
#undef NEXT

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

