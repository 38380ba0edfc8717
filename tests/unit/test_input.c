/* test_input.c: every input accounted for: documents, skips and their reasons. */
#include "check.h"
#include "geomention.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void put(const char *dir, const char *name, const char *data, size_t len)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

static char dir[] = "/tmp/gm-input-XXXXXX";

/* the fixture folder: every kind of input, good and bad */
static void make_inputs(void)
{
	CHECK(mkdtemp(dir) != NULL);
	char sub[600];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	mkdir(sub, 0777);
	put(dir, "a.txt", "قصف باكو", strlen("قصف باكو"));
	put(dir, "b-empty.txt", "  \n", 3);
	put(dir, "c-binary.txt", "ab\0cd", 5);
	put(dir, "d-bad-utf8.txt", "باكو \xff\xfe x", strlen("باكو \xff\xfe x"));
	put(dir, "ignored.csv", "x", 1);
	const char *jl = "{\"id\": \"j1\", \"text\": \"يريفان\", \"date\": \"2023-09-20\"}\n"
	                 "\n"
	                 "{\"id\": \"j2\", \"text\": \"broken\n"
	                 "{\"id\": \"j3\", \"title\": \"no text\"}\n"
	                 "{\"text\": \"بلا معرف\", \"date\": \"20-09-2023\"}\n";
	put(sub, "feed.jsonl", jl, strlen(jl));
	put(sub, "zz-empty.jsonl", "\n", 1);
	/* #15.8: a UTF-8 BOM before the first record, and before a text */
	const char *bom = "\xef\xbb\xbf{\"id\": \"b1\", \"text\": \"باكو\"}\n{\"id\": \"b2\", \"text\": \"يريفان\"}\n";
	put(sub, "zzz-bom.jsonl", bom, strlen(bom));
	put(sub, "zzzz-bom.txt", "\xef\xbb\xbfباكو", strlen("\xef\xbb\xbfباكو"));
}

/* a folder walked in sorted order: each file and JSON Lines line a document
 * or a skipped item with its reason */
static void every_input_accounted_for(void)
{

	gm_error err;
	gm_reader *r = NULL;
	const char *in[] = {dir};
	CHECK_INT(gm_reader_open(&r, in, 1, "2024-01-02", &err), 0);
	gm_input_item it;
	/* a.txt */
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK_STR(it.doc.id, "a");
	CHECK(!it.skipped);
	CHECK_STR(it.doc.date, "2024-01-02");
	CHECK_INT(it.doc.text_len, strlen("قصف باكو"));
	/* empty */
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(it.skipped);
	CHECK_STR(it.reason, "empty file");
	/* binary */
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(it.skipped);
	CHECK(strstr(it.reason, "binary") != NULL);
	/* invalid UTF-8: repaired and counted */
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(!it.skipped);
	CHECK_INT(it.invalid_utf8, 2);
	CHECK(strstr(it.doc.text, "\xEF\xBF\xBD") != NULL);
	/* the JSON Lines file in the sub-folder, line by line */
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK_STR(it.doc.id, "j1");
	CHECK_STR(it.doc.date, "2023-09-20");
	CHECK_INT(it.doc.line, 1);
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(it.skipped);
	CHECK_INT(it.doc.line, 3);                 /* the blank line 2 holds no record */
	CHECK(strstr(it.reason, "feed.jsonl:3: malformed JSON") != NULL);
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(it.skipped);
	CHECK(strstr(it.reason, "no \"text\"") != NULL);
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(!it.skipped);
	CHECK_STR(it.doc.id, "feed-5");            /* no id: file stem and line */
	CHECK_STR(it.doc.date, "2024-01-02");      /* a bad date falls back, with a warning */
	CHECK(strstr(it.warning, "not YYYY-MM-DD") != NULL);
	/* a JSON Lines file with no record is accounted for too */
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(it.skipped);
	CHECK_STR(it.doc.id, "zz-empty");
	CHECK_STR(it.reason, "no JSON Lines records");
	/* the BOM is dropped: the first record is read, and the text has no U+FEFF */
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(!it.skipped);
	CHECK_STR(it.doc.id, "b1");
	CHECK_STR(it.doc.text, "باكو");
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK_STR(it.doc.id, "b2");
	CHECK_INT(gm_reader_next(r, &it, &err), 1);
	CHECK(!it.skipped);
	CHECK_STR(it.doc.id, "zzzz-bom");
	CHECK_STR(it.doc.text, "باكو");
	CHECK_INT(gm_reader_next(r, &it, &err), 0);
	gm_reader_free(r);
}

static void refused_before_reading(void)
{
	gm_error err;
	gm_reader *r = NULL;
	const char *in[] = {dir};
	/* a missing input is refused before anything is read */
	const char *missing[] = {dir, "/nonexistent/x.txt"};
	CHECK_INT(gm_reader_open(&r, missing, 2, NULL, &err), GM_ENOENT);
	CHECK(strstr(err.message, "/nonexistent/x.txt") != NULL);
	CHECK_INT(gm_reader_open(&r, in, 1, "2023-02-30", &err), GM_EINVAL);
}

int main(int argc, char **argv)
{
	make_inputs();
	static const check_case cases[] = {CHECK_CASE(every_input_accounted_for), CHECK_CASE(refused_before_reading)};
	int rc = check_run("input", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	CHECK_INT(check_remove_tree(dir), 0);
	return rc;
}
