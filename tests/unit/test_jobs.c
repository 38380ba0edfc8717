/* test_jobs.c: mapping on threads (src/run/jobs.c): the results reach the
 * caller in input order, the same bytes for any number of jobs. */
#include "runfix.h"

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

/* more jobs than documents, and one document: no job waits on work that
 * never comes, and nothing is given twice */
static void more_jobs_than_documents(void)
{
	gm_error err;
	char one_doc[340];
	snprintf(one_doc, sizeof one_doc, "%s/one.jsonl", dir);
	FILE *f = fopen(one_doc, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fprintf(f, "{\"id\": \"only\", \"text\": \"%s\"}\n", texts[0]);
	fclose(f);
	for (int jobs = 1; jobs <= 16; jobs *= 4) {
		collected c;
		memset(&c, 0, sizeof c);
		gm_reader *r;
		const char *in[] = {one_doc};
		CHECK_INT(gm_reader_open(&r, in, 1, NULL, &err), 0);
		CHECK_INT(gm_map_reader(r, gaz, jobs, collect, &c, &err), 0);
		gm_reader_free(r);
		CHECK_INT(c.n, 1);
		CHECK(c.lines.s && strncmp(c.lines.s, "only m", 6) == 0);
		gm__sb_free(&c.lines);
	}
}

/* a callback's error stops the mapping and reaches the caller, whatever
 * the number of jobs */
static int fail_third(const gm_input_item *item, const gm_doc_result *res, void *user, gm_error *err)
{
	(void)item;
	(void)res;
	int *n = user;
	if (++*n == 3) {
		snprintf(err->message, sizeof err->message, "stop here");
		err->code = GM_EIO;
		return GM_EIO;
	}
	return 0;
}

static void a_callback_error_stops_the_run(void)
{
	for (int jobs = 1; jobs <= 4; jobs += 3) {
		gm_error err = {0, ""};
		gm_reader *r;
		const char *in[] = {input};
		int n = 0;
		CHECK_INT(gm_reader_open(&r, in, 1, NULL, &err), 0);
		int rc = gm_map_reader(r, gaz, jobs, fail_third, &n, &err);
		gm_reader_free(r);
		CHECK(rc < 0);
		CHECK_INT(n, 3);   /* no result handed on after the one that failed */
		CHECK(strstr(err.message, "stop here") != NULL);
	}
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(jobs_give_the_same_results_in_order),
	                                   CHECK_CASE(more_jobs_than_documents), CHECK_CASE(a_callback_error_stops_the_run)};
	return runfix_main("jobs", cases, sizeof cases / sizeof *cases, argc, argv);
}
