/* test_postgis.c: what of the PostGIS sink needs no server (layers/postgis.h):
 * a connection string's password is never shown. The sink itself is tested
 * against a real server by tests/pg (ctest postgis). */
#include "check.h"

#include "geomention.h"

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

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(redacts_keyword_passwords), CHECK_CASE(redacts_uri_passwords),
	                                   CHECK_CASE(every_occurrence_and_short_buffers)};
	return check_run("postgis", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
