/* runfix.h: the fixture of the run stage's tests (test_run, test_jobs,
 * test_stream, test_merge): the mini gazetteer, a temporary folder, N_DOCS
 * documents of its places as JSON Lines, and the same input cut into two
 * streams of gm_stream_write records. */
#ifndef GM_RUNFIX_H
#define GM_RUNFIX_H

#include "check.h"
#include "mini.h"
#include "run.h"
#include "strbuf.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RUNFIX_UNUSED __attribute__((unused))

static gm_gazetteer *gaz;
static char dir[] = "/tmp/gm-run-XXXXXX";
RUNFIX_UNUSED static const char *geojson[] = {"GeoJSON"};

/* Texts of the mini gazetteer's places, mixed so that places, dates and
 * events vary from document to document. */
static const char *const texts[] = {
	"قصفت القوات باكو. وفي باكو قتل 3 مدنيين.",
	"وصل الوفد إلى باكو قادما من روسيا.",
	"قالت أذربيجان إن باردا تعرضت للقصف.",
	"قصف على حلب وتل عرن صباح اليوم.",
	"عاد السكان إلى لاشين.",
};
#define N_TEXTS (sizeof texts / sizeof *texts)
#define N_DOCS 150

static inline long place_of(const char *id) { return mini_find(gaz, id); }

static inline void doc_date(int i, char out[11])
{
	if (i % 7 == 6)
		out[0] = '\0';   /* some documents carry no date */
	else
		snprintf(out, 11, "2023-09-%02d", 10 + i % 5);
}

/* N_DOCS documents as JSON Lines, the input of the cases below */
RUNFIX_UNUSED static char input[320];
static inline void write_input(void)
{
	snprintf(input, sizeof input, "%s/in.jsonl", dir);
	FILE *f = fopen(input, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	for (int i = 0; i < N_DOCS; i++) {
		char date[11];
		doc_date(i, date);
		fprintf(f, "{\"id\": \"d%d\", \"date\": \"%s\", \"text\": \"%s\"}\n", i, date, texts[i % N_TEXTS]);
	}
	fclose(f);
}

typedef struct split_streams {
	FILE *f[2];
	int i;
} split_streams;

static inline int to_streams(const gm_input_item *item, const gm_doc_result *res, void *user, gm_error *err)
{
	split_streams *s = user;
	FILE *f = s->f[s->i++ < N_DOCS / 2 ? 0 : 1];
	return gm_stream_write(f, gaz, item, res, err);
}

/* the input as two streams of gm_stream_write records, half each, made once */
static inline int make_parts(char part[2][340])
{
	static int made;
	gm_error err;
	gm_reader *r;
	const char *in[] = {input};
	for (int k = 0; k < 2; k++)
		snprintf(part[k], 340, "%s/part%d.geojsons", dir, k);
	if (made)
		return 0;
	split_streams ss = {{NULL, NULL}, 0};
	for (int k = 0; k < 2; k++) {
		ss.f[k] = fopen(part[k], "w");
		CHECK(ss.f[k] != NULL);
		if (!ss.f[k])
			return -1;
	}
	CHECK_INT(gm_reader_open(&r, in, 1, NULL, &err), 0);
	CHECK_INT(gm_map_reader(r, gaz, 3, to_streams, &ss, &err), 0);
	gm_reader_free(r);
	fclose(ss.f[0]);
	fclose(ss.f[1]);
	made = 1;
	return 0;
}

static inline int same_file(const char *a, const char *b)
{
	FILE *x = fopen(a, "rb"), *y = fopen(b, "rb");
	int same = x && y;
	while (same) {
		int c = fgetc(x), d = fgetc(y);
		same = c == d;
		if (c == EOF)
			break;
	}
	if (x)
		fclose(x);
	if (y)
		fclose(y);
	return same;
}

/* Open the fixture, run the cases, remove the folder. */
static inline int runfix_main(const char *suite, const check_case *cases, size_t n, int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	CHECK(mkdtemp(dir) != NULL);
	if (!gaz)
		return check_done(suite);
	write_input();
	int rc = check_run(suite, cases, n, argc, argv, 2);
	gm_gazetteer_close(gaz);
	rc |= check_remove_tree(dir);
	return rc;
}

#endif
