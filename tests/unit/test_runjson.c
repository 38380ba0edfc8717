/* test_runjson.c: run.json, the run's account of itself (layers/runjson.h):
 * one entry per input, processed or skipped, with only the members it has;
 * text of any kind kept whole and valid JSON; the file whole or an error. */
#include "check.h"
#include "json.h"
#include "mini.h"
#include "runjson.h"

#include <stdlib.h>
#include <string.h>

static gm_gazetteer *gaz;

/* "{" + the members of d + "}", parsed */
static int entry_of(const gm_doc_rec *d, gm_json_object *o)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	if (!f)
		return -1;
	fputc('{', f);
	gm__write_doc_members(f, d, "id");
	fputc('}', f);
	fclose(f);
	char why[128];
	int rc = gm__json_parse_object(s, n, o, why, sizeof why);
	if (rc)
		fprintf(stderr, "  not JSON (%s): %s\n", why, s);
	free(s);
	return rc;
}

static const char *member(const gm_json_object *o, const char *name)
{
	const gm_json_field *f = gm__json_get(o, name);
	return f ? f->value : NULL;
}

static void a_processed_entry_has_its_counts_and_provenance(void)
{
	gm_doc_rec d = {0};
	d.id = "feed-12";
	d.path = "news/feed.jsonl";
	d.line = 12;
	d.date = "2024-03-01";
	d.url = "https://example.org/\u0639\u0631\u0628\u064a?q=\"x\"&y=\\";
	d.source = "وكالة \"الأنباء\"";
	d.title = "قصف\tعلى\nحلب";
	d.n_mentions = 3;
	d.n_events = 1;
	gm_json_object o;
	CHECK_INT(entry_of(&d, &o), 0);
	CHECK_STR(member(&o, "id"), "feed-12");
	CHECK_STR(member(&o, "line"), "12");
	CHECK_STR(member(&o, "status"), "processed");
	CHECK_STR(member(&o, "date"), "2024-03-01");
	CHECK_STR(member(&o, "url"), d.url);       /* quotes, backslash, Arabic: whole */
	CHECK_STR(member(&o, "source"), d.source);
	CHECK_STR(member(&o, "title"), d.title);   /* a tab and a newline survive the round trip */
	CHECK_STR(member(&o, "mentions"), "3");
	CHECK_STR(member(&o, "demonyms"), "0");
	CHECK_STR(member(&o, "events"), "1");
	CHECK(gm__json_get(&o, "reason") == NULL && gm__json_get(&o, "warning") == NULL);
	gm__json_object_free(&o);
}

/* a skipped input says why, and claims no counts; a text file has no line */
static void a_skipped_entry_says_why(void)
{
	gm_doc_rec d = {0};
	d.id = "broken";
	d.path = "in/broken.txt";
	d.skipped = 1;
	d.reason = "not UTF-8 text: 12 bytes of 40 are not";
	d.invalid_utf8 = 12;
	gm_json_object o;
	CHECK_INT(entry_of(&d, &o), 0);
	CHECK_STR(member(&o, "status"), "skipped");
	CHECK_STR(member(&o, "reason"), d.reason);
	CHECK_STR(member(&o, "invalid_utf8_replaced"), "12");
	CHECK(gm__json_get(&o, "line") == NULL);
	CHECK(gm__json_get(&o, "mentions") == NULL && gm__json_get(&o, "events") == NULL);
	CHECK(gm__json_get(&o, "url") == NULL);   /* absent, not "" */
	gm__json_object_free(&o);
}

/* The whole file: the gazetteer, the options (bytes that are not UTF-8
 * repaired), counts, the files with run.json last, the entries in order. */
static void the_whole_file_is_json(void)
{
	FILE *docs = tmpfile();
	CHECK(docs != NULL);
	if (!docs)
		return;
	gm_doc_rec a = {.id = "a", .path = "a.txt", .n_mentions = 2};
	gm_doc_rec b = {.id = "b", .path = "b.txt", .skipped = 1, .reason = "empty"};
	fputc('{', docs);
	gm__write_doc_members(docs, &a, "id");
	fputs("}\n{", docs);
	gm__write_doc_members(docs, &b, "id");
	fputs("}\n", docs);
	gm_run_summary s = {0};
	s.documents = 1;
	s.skipped = 1;
	s.mentions = 2;
	snprintf(s.warnings[0], sizeof s.warnings[0], "events.fgb lacks 1 feature \"x\"");
	s.n_warnings = 1;
	const char *files[] = {"mentions.geojson", "places.geojson"};
	gm_runjson j = {gaz, "{\"command\": \"map\", \"inputs\": [\"caf\xe9.txt\"]}", 1.5, 2, &s, 0, files, 2, docs, 2};
	char path[64];
	snprintf(path, sizeof path, "/tmp/gm-runjson-%ld.json", (long)getpid());
	gm_error err;
	CHECK_INT(gm__runjson_write(path, &j, &err), 0);
	fclose(docs);
	FILE *f = fopen(path, "rb");
	char text[8192];
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	if (f)
		fclose(f);
	text[n] = '\0';
	gm_json_object o;
	char why[128];
	CHECK_INT(gm__json_parse_object(text, n, &o, why, sizeof why), 0);   /* nested values parsed, skipped */
	CHECK_STR(member(&o, "tool"), "geomention");
	gm__json_object_free(&o);
	CHECK(strstr(text, "\"caf\xef\xbf\xbd.txt\"") != NULL);                 /* U+FFFD for the Latin-1 byte */
	CHECK(strstr(text, "\"counts\": {\"inputs\": 2, \"documents\": 1, \"skipped\": 1, \"mentions\": 2") != NULL);
	CHECK(strstr(text, "\"files\": [\"mentions.geojson\", \"places.geojson\", \"run.json\"]") != NULL);
	const char *ea = strstr(text, "\"id\": \"a\""), *eb = strstr(text, "\"id\": \"b\"");
	CHECK(ea && eb && ea < eb);
	CHECK(strstr(text, "\"places\": ") != NULL);                           /* the gazetteer's size */
	CHECK(strstr(text, "\"warnings\": [\"events.fgb lacks 1 feature \\\"x\\\"\"]") != NULL);
	unlink(path);
}

/* a file that cannot be made is an error, not a half-written file */
static void unwritable_is_an_error(void)
{
	gm_run_summary s = {0};
	FILE *docs = tmpfile();
	gm_runjson j = {gaz, NULL, 0, 0, &s, 0, NULL, 0, docs, 0};
	gm_error err;
	CHECK_INT(gm__runjson_write("/nonexistent-folder/run.json", &j, &err), GM_EIO);
	CHECK(strstr(err.message, "/nonexistent-folder/run.json") != NULL);
	if (docs)
		fclose(docs);
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("runjson");
	static const check_case cases[] = {CHECK_CASE(a_processed_entry_has_its_counts_and_provenance),
	                                   CHECK_CASE(a_skipped_entry_says_why), CHECK_CASE(the_whole_file_is_json),
	                                   CHECK_CASE(unwritable_is_an_error)};
	int rc = check_run("runjson", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	return rc;
}
