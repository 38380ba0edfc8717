/* test_run.c: the run's stage (src/run): what a run sums per place and per
 * day, the same results in the same order for any number of jobs, a stream
 * of parts merged into the very files one run writes, a part given twice
 * refused, and the date keys the sums are made on (util/datecode). */
#include "check.h"
#include "datecode.h"
#include "mini.h"
#include "run.h"
#include "strbuf.h"

#include <dirent.h>
#include <sys/stat.h>

static gm_gazetteer *gaz;
static char dir[] = "/tmp/gm-run-XXXXXX";
static const char *geojson[] = {"GeoJSON"};

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

static long place_of(const char *id) { return mini_find(gaz, id); }

static void doc_date(int i, char out[11])
{
	if (i % 7 == 6)
		out[0] = '\0';   /* some documents carry no date */
	else
		snprintf(out, 11, "2023-09-%02d", 10 + i % 5);
}

/* N_DOCS documents as JSON Lines, the input of the cases below */
static char input[320];
static void write_input(void)
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

/* a run's sums per place and per (place, date) equal what its documents'
 * results say, counted here independently */
static void places_and_daily_sum_the_results(void)
{
	gm_error err;
	gm_ctx *ctx;
	gm_run *run;
	char out[340];
	snprintf(out, sizeof out, "%s/sums", dir);
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.out_dir = out;
	wo.formats = geojson;
	wo.n_formats = 1;
	CHECK_INT(gm_ctx_new(&ctx, gaz, &err), 0);
	CHECK_INT(gm_run_new(&run, gaz, &wo, &err), 0);
	if (!run)
		return;
	long baku = place_of("t:2");
	CHECK(baku >= 0);
	uint32_t mentions = 0, docs = 0, events = 0, on_day[5] = {0}, first = 0, last = 0;
	long killed = 0;
	for (int i = 0; i < 20; i++) {
		gm_input_item it;
		memset(&it, 0, sizeof it);
		char id[8], date[11];
		snprintf(id, sizeof id, "d%d", i);
		doc_date(i, date);
		it.doc.id = id;
		it.doc.path = "test";
		it.doc.text = texts[i % N_TEXTS];
		it.doc.text_len = strlen(it.doc.text);
		it.doc.date = date[0] ? date : NULL;
		gm_doc_result res;
		CHECK_INT(gm_map_document(ctx, &it.doc, &res, &err), 0);
		uint32_t here = 0;
		for (size_t k = 0; k < res.n_mentions; k++)
			here += res.mentions[k].place == (uint32_t)baku;
		mentions += here;
		docs += here > 0;
		uint32_t code = gm__date_code(date);
		if (here && code) {
			on_day[i % 5] += here;
			first = first && first < code ? first : code;
			last = last > code ? last : code;
		}
		for (size_t k = 0; k < res.n_events; k++)
			if (res.events[k].place == (uint32_t)baku && !res.events[k].background) {
				events++;
				killed += res.events[k].fatalities > 0 ? res.events[k].fatalities : 0;
			}
		CHECK_INT(gm_run_add(run, &it, &res, &err), 0);
		gm_doc_result_free(&res);
	}
	CHECK(mentions > docs && docs > 0 && events > 0);   /* the texts say so: the case is not empty */
	const gm_place_agg *a = NULL;
	for (size_t k = 0; k < run->n_aggs; k++)
		if (run->aggs[k].place == (uint32_t)baku)
			a = &run->aggs[k];
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(a->mentions, mentions);
		CHECK_INT(a->docs, docs);
		CHECK_INT(a->events, events);
		CHECK_INT(a->fatalities, killed);
		CHECK_INT(a->first_date, first);
		CHECK_INT(a->last_date, last);
	}
	int days_right = 1, days_seen = 0;
	for (size_t k = 0; k < run->n_cells; k++) {
		const gm_daily_cell *c = &run->cells[k];
		if (c->place != (uint32_t)baku || !c->date)
			continue;
		days_seen++;
		days_right &= c->mentions == on_day[c->date - 20230910];
	}
	CHECK(days_right);
	CHECK(days_seen > 1);
	uint32_t top[3], counts[3];
	size_t n_top = gm_run_top_places(run, 0, top, counts, 3);
	CHECK(n_top >= 1);
	CHECK_INT(top[0], baku);   /* Baku is named most, by the texts' design */
	CHECK_INT(counts[0], mentions);
	gm_run_summary sum;
	CHECK_INT(gm_run_finish(run, &sum, &err), 0);
	CHECK_INT(sum.documents, 20);
	gm_run_free(run);
	gm_ctx_free(ctx);
}

typedef struct collected {
	gm_strbuf lines;
	size_t n;
} collected;

static int collect(const gm_input_item *item, const gm_doc_result *res, void *user, gm_error *err)
{
	(void)err;
	collected *c = user;
	c->n++;
	gm__sb_printf(&c->lines, "%s", item->doc.id ? item->doc.id : "?");
	for (size_t k = 0; res && k < res->n_mentions; k++)
		gm__sb_printf(&c->lines, " m%u@%u", res->mentions[k].place, res->mentions[k].byte_start);
	for (size_t k = 0; res && k < res->n_events; k++)
		gm__sb_printf(&c->lines, " e%s@%u", res->events[k].type, res->events[k].place);
	gm__sb_puts(&c->lines, "\n");
	return 0;
}

static int collect_with(int jobs, collected *c)
{
	gm_error err;
	gm_reader *r;
	memset(c, 0, sizeof *c);
	const char *in[] = {input};
	if (gm_reader_open(&r, in, 1, NULL, &err))
		return -1;
	int rc = gm_map_reader(r, gaz, jobs, collect, c, &err);
	gm_reader_free(r);
	return rc;
}

/* the results reach the caller in input order, the same for any n_jobs */
static void jobs_give_the_same_results_in_order(void)
{
	collected one, four;
	CHECK_INT(collect_with(1, &one), 0);
	CHECK_INT(collect_with(4, &four), 0);
	CHECK_INT(one.n, N_DOCS);
	CHECK_INT(four.n, N_DOCS);
	CHECK(one.lines.s && four.lines.s && strcmp(one.lines.s, four.lines.s) == 0);
	CHECK(one.lines.s && strncmp(one.lines.s, "d0 ", 3) == 0);
	/* document i's line is line i */
	int in_order = one.lines.s != NULL;
	const char *p = one.lines.s;
	for (int i = 0; in_order && i < N_DOCS; i++) {
		char want[16];
		int n = snprintf(want, sizeof want, "d%d ", i);
		in_order = strncmp(p, want, (size_t)n) == 0 || (strncmp(p, want, (size_t)n - 1) == 0 && p[n - 1] == '\n');
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : p;
	}
	CHECK(in_order);
	gm__sb_free(&one.lines);
	gm__sb_free(&four.lines);
}

typedef struct split_streams {
	FILE *f[2];
	int i;
} split_streams;

static int to_streams(const gm_input_item *item, const gm_doc_result *res, void *user, gm_error *err)
{
	split_streams *s = user;
	FILE *f = s->f[s->i++ < N_DOCS / 2 ? 0 : 1];
	return gm_stream_write(f, gaz, item, res, err);
}

/* the input as two streams of gm_stream_write records, half each, made once */
static int make_parts(char part[2][340])
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

static int same_file(const char *a, const char *b)
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

/* every layer file merged from two streams is the file one run writes */
static void streams_merged_are_one_run(void)
{
	gm_error err;
	char one[340], merged[340], part[2][340];
	snprintf(one, sizeof one, "%s/one", dir);
	snprintf(merged, sizeof merged, "%s/merged", dir);
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.formats = geojson;
	wo.n_formats = 1;

	wo.out_dir = one;
	gm_run *run;
	gm_reader *r;
	const char *in[] = {input};
	CHECK_INT(gm_run_new(&run, gaz, &wo, &err), 0);
	CHECK_INT(gm_reader_open(&r, in, 1, NULL, &err), 0);
	CHECK_INT(gm_run_map_reader(run, r, gaz, 2, NULL, NULL, &err), 0);
	gm_reader_free(r);
	gm_run_summary s1;
	CHECK_INT(gm_run_finish(run, &s1, &err), 0);
	gm_run_free(run);

	if (make_parts(part))
		return;

	wo.out_dir = merged;
	const char *parts[] = {part[0], part[1]};
	gm_run_summary s2;
	CHECK_INT(gm_merge(parts, 2, gaz, &wo, &s2, &err), 0);
	CHECK_INT(s2.documents, s1.documents);
	CHECK_INT(s2.mentions, s1.mentions);
	CHECK_INT(s2.events, s1.events);
	CHECK_INT(s2.places, s1.places);
	CHECK(s1.mentions > 0 && s1.events > 0);

	DIR *d = opendir(one);
	CHECK(d != NULL);
	int compared = 0, same = 1;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "run.json") == 0)
			continue;   /* run.json names its run: times, inputs, parts */
		char a[700], b[700];
		snprintf(a, sizeof a, "%s/%s", one, e->d_name);
		snprintf(b, sizeof b, "%s/%s", merged, e->d_name);
		compared++;
		if (!same_file(a, b)) {
			same = 0;
			fprintf(stderr, "  %s differs between one run and the merge\n", e->d_name);
		}
	}
	if (d)
		closedir(d);
	CHECK(compared >= 5);   /* mentions, events, places, daily (GeoJSON and CSV), events.csv */
	CHECK(same);
}

/* the same part twice would count its documents twice: refused, no folder */
static void a_part_given_twice_is_refused(void)
{
	gm_error err;
	char out[340], part[2][340];
	snprintf(out, sizeof out, "%s/twice", dir);
	if (make_parts(part))
		return;
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.formats = geojson;
	wo.n_formats = 1;
	wo.out_dir = out;
	const char *parts[] = {part[0], part[0]};
	gm_run_summary s;
	int rc = gm_merge(parts, 2, gaz, &wo, &s, &err);
	CHECK(rc < 0);
	CHECK(rc < 0 && strstr(err.message, "merged twice") != NULL);
	struct stat st;
	CHECK(stat(out, &st) != 0);
}

/* YYYY-MM-DD keys sort as the dates do; anything else is "no date" */
static void date_codes(void)
{
	CHECK_INT(gm__date_code("2023-09-20"), 20230920);
	CHECK_INT(gm__date_code("1999-12-31"), 19991231);
	CHECK(gm__date_code("2023-09-20") < gm__date_code("2023-10-01"));
	CHECK(gm__date_code("2023-12-31") < gm__date_code("2024-01-01"));
	CHECK_INT(gm__date_code(NULL), 0);
	CHECK_INT(gm__date_code(""), 0);
	CHECK_INT(gm__date_code("2023-9-20"), 0);
	CHECK_INT(gm__date_code("2023-09-20T10:00"), 0);
	CHECK_INT(gm__date_code("2023/09/20"), 0);
	CHECK_INT(gm__date_code("2023-0a-20"), 0);
	char t[11];
	gm__date_text(20230920, t);
	CHECK_STR(t, "2023-09-20");
	gm__date_text(20240229, t);
	CHECK_STR(t, "2024-02-29");
	gm__date_text(0, t);
	CHECK_STR(t, "");
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	CHECK(mkdtemp(dir) != NULL);
	if (!gaz)
		return check_done("run");
	write_input();
	static const check_case cases[] = {CHECK_CASE(places_and_daily_sum_the_results),
	                                   CHECK_CASE(jobs_give_the_same_results_in_order),
	                                   CHECK_CASE(streams_merged_are_one_run), CHECK_CASE(a_part_given_twice_is_refused),
	                                   CHECK_CASE(date_codes)};
	int rc = check_run("run", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
