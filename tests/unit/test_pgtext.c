/* test_pgtext.c: the PostGIS sink's text (layers/pgtext.h), which needs no
 * server: a connection string's password is never shown; literals that no
 * text can break out of; the schema's statements. The sink itself is tested
 * against a real server by tests/pg (ctest postgis). */
#include "check.h"
#include "pgtext.h"

#include "geomention.h"

#include <math.h>
#include <stdlib.h>

static void redacts_keyword_passwords(void)
{
	char out[256];
	gm_pg_redact("PG:host=db dbname=news user=me password=s3cret", out, sizeof out);
	CHECK_STR(out, "PG:host=db dbname=news user=me password=***");
	gm_pg_redact("PG:password = 'a b\\'c' host=db", out, sizeof out);
	CHECK(strstr(out, "a b") == NULL && strstr(out, "host=db") != NULL);
	gm_pg_redact("PG:dbname=news host=/tmp/x", out, sizeof out);
	CHECK_STR(out, "PG:dbname=news host=/tmp/x");   /* nothing to hide */
}

static void redacts_uri_passwords(void)
{
	char out[256];
	gm_pg_redact("PG:postgresql://me:s3cret@db:5432/news", out, sizeof out);
	CHECK_STR(out, "PG:postgresql://me:***@db:5432/news");
	gm_pg_redact("PG:postgresql://me@db/news", out, sizeof out);
	CHECK_STR(out, "PG:postgresql://me@db/news");
}

/* every place the password stands is hidden, and a short buffer is cut, not overrun */
static void every_occurrence_and_short_buffers(void)
{
	char out[256];
	gm_pg_redact("PG:password=pw1 application_name=pw1", out, sizeof out);
	CHECK(strstr(out, "pw1") == NULL);
	char tiny[8];
	gm_pg_redact("PG:host=db password=verylongsecret", tiny, sizeof tiny);
	CHECK_INT(strlen(tiny), 7);
	CHECK(strstr(tiny, "secret") == NULL);
}

/* no text closes the literal early: quotes doubled, backslashes doubled in
 * an E'' literal; Arabic passes as it is; empty is NULL */
static void text_literals_cannot_be_broken_out_of(void)
{
	gm_strbuf b = {0};
	gm__pg_put_text(&b, "O'Neil\\'); DROP TABLE x; --");
	CHECK_STR(b.s, "E'O''Neil\\\\''); DROP TABLE x; --'");
	gm__sb_free(&b);
	gm__pg_put_text(&b, "قصف على حلب");
	CHECK_STR(b.s, "E'قصف على حلب'");
	gm__sb_free(&b);
	gm__pg_put_text(&b, "");
	CHECK_STR(b.s, "NULL");
	gm__sb_free(&b);
	gm__pg_put_text(&b, NULL);
	CHECK_STR(b.s, "NULL");
	gm__sb_free(&b);
}

/* a row's values typed by its fields: integers, NULL where not stated,
 * dates only in their one shape, points NULL without coordinates */
static void values_typed_by_their_fields(void)
{
	static const gm_field f[] = {{"n", GM_F_INT, 10}, {"k", GM_F_INT, 10}, {"d", GM_F_DATE, 10},
	                             {"bad", GM_F_DATE, 10}, {"t", GM_F_STR, 254}};
	gm_value v[5];
	memset(v, 0, sizeof v);
	v[0].i = -3;
	v[1].null = 1;
	v[2].s = "2023-09-20";
	v[3].s = "2023-09-20'; --";
	v[4].s = "x";
	gm_strbuf b = {0};
	gm__pg_put_values(&b, f, 5, v);
	CHECK_STR(b.s, "-3, NULL, DATE '2023-09-20', NULL, E'x'");
	gm__sb_free(&b);
	gm__pg_put_columns(&b, f, 2);
	CHECK_STR(b.s, "\"n\", \"k\"");
	gm__sb_free(&b);
	gm__pg_put_point(&b, 46.5, 40.25);
	CHECK_STR(b.s, "ST_SetSRID(ST_MakePoint(46.5, 40.25), 4326)");
	gm__sb_free(&b);
	gm__pg_put_point(&b, NAN, 40.25);
	CHECK_STR(b.s, "NULL");
	gm__sb_free(&b);
}

static void schema_names(void)
{
	CHECK(gm__pg_valid_schema("geomention"));
	CHECK(gm__pg_valid_schema("news_2024"));
	CHECK(!gm__pg_valid_schema(""));
	CHECK(!gm__pg_valid_schema("2024news"));
	CHECK(!gm__pg_valid_schema("News"));
	CHECK(!gm__pg_valid_schema("a\"; DROP SCHEMA public; --"));
	CHECK(!gm__pg_valid_schema("a-b"));
	char long_name[80];
	memset(long_name, 'a', 64);
	long_name[64] = '\0';
	CHECK(!gm__pg_valid_schema(long_name));   /* PostgreSQL's NAMEDATALEN - 1 is 63 */
	long_name[63] = '\0';
	CHECK(gm__pg_valid_schema(long_name));
}

/* the schema's statements (schema.sql filled in): the schema first, then
 * every one in it, and the tables, indexes and views the sink writes are all
 * there */
static void schema_statements(void)
{
	gm_strbuf st[64];
	memset(st, 0, sizeof st);
	size_t n = 0;
	CHECK_INT(gm__pg_schema_sql("news", st, 64, &n), 0);
	CHECK(n > 10);
	CHECK_STR(st[0].s, "CREATE SCHEMA IF NOT EXISTS \"news\"");
	int all_name_it = 1, filled = 1;
	size_t tables = 0, views = 0, indexes = 0;
	for (size_t i = 1; i < n; i++) {
		all_name_it &= st[i].s && strstr(st[i].s, "\"news\".") != NULL;
		tables += st[i].s && strstr(st[i].s, "CREATE TABLE IF NOT EXISTS") != NULL;
		views += st[i].s && strstr(st[i].s, "CREATE VIEW") != NULL;
		indexes += st[i].s && strstr(st[i].s, "CREATE INDEX IF NOT EXISTS") != NULL;
		/* schema.sql filled in whole: no part left, no comment, one statement each */
		filled &= st[i].s && !strchr(st[i].s, '@') && !strstr(st[i].s, "--") && !strchr(st[i].s, ';') &&
		          !strchr(st[i].s, '\n');
	}
	CHECK(filled);
	CHECK(all_name_it);
	CHECK(tables >= 6);   /* mentions, demonyms, events, documents, runs, gazetteer, countries */
	CHECK_INT(views, 3);  /* places, daily, events_acled */
	CHECK(indexes >= 4);
	for (size_t i = 0; i < n; i++)
		gm__sb_free(&st[i]);
	/* too little room is refused, not overrun */
	gm_strbuf few[2];
	memset(few, 0, sizeof few);
	size_t m = 0;
	CHECK_INT(gm__pg_schema_sql("news", few, 2, &m), -1);
	for (size_t i = 0; i < 2; i++)
		gm__sb_free(&few[i]);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(redacts_keyword_passwords), CHECK_CASE(redacts_uri_passwords),
	                                   CHECK_CASE(every_occurrence_and_short_buffers),
	                                   CHECK_CASE(text_literals_cannot_be_broken_out_of), CHECK_CASE(values_typed_by_their_fields),
	                                   CHECK_CASE(schema_names), CHECK_CASE(schema_statements)};
	return check_run("pgtext", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
