/* test_aggregates.c: the run's sums in the layers' order (layers/aggregates.h):
 * places most mentioned first, then by events and demonyms, then in
 * gazetteer order; daily by date (undated last), then place (placeless
 * last); the same order whatever order the sums came in, so that shards
 * merge to the very file one run writes. */
#include "check.h"
#include "aggregates.h"
#include "datecode.h"
#include "mini.h"

#include <stdlib.h>
#include <string.h>

static gm_gazetteer *gaz;

static gm_place_agg agg(uint32_t place, uint32_t mentions, uint32_t events, uint32_t demonyms)
{
	gm_place_agg a;
	memset(&a, 0, sizeof a);
	a.place = place;
	a.n.mentions = mentions;
	a.n.events = events;
	a.demonyms = demonyms;
	return a;
}

static void places_most_mentioned_first(void)
{
	gm_place_agg p[] = {agg(7, 2, 0, 0), agg(3, 5, 0, 0), agg(9, 2, 1, 0), agg(1, 2, 1, 0),
	                    agg(4, 0, 0, 0), agg(5, 0, 0, 3), agg(2, 2, 0, 1)};
	gm_aggregates r = {0};
	r.places = p;
	r.n_places = sizeof p / sizeof *p;
	size_t n;
	const gm_place_agg **o = gm__places_in_order(&r, &n);
	CHECK(o != NULL);
	if (!o)
		return;
	CHECK_INT(n, 6);   /* place 4: not mentioned, no event, no demonym: not listed */
	static const uint32_t want[] = {3, 1, 9, 2, 7, 5};
	int right = n == 6;
	for (size_t i = 0; right && i < n; i++)
		right = o[i]->place == want[i];
	CHECK(right);
	free(o);
	/* the same order from the same sums given in reverse */
	gm_place_agg q[sizeof p / sizeof *p];
	for (size_t i = 0; i < r.n_places; i++)
		q[i] = p[r.n_places - 1 - i];
	r.places = q;
	o = gm__places_in_order(&r, &n);
	right = o && n == 6;
	for (size_t i = 0; right && i < n; i++)
		right = o[i]->place == want[i];
	CHECK(right);
	free(o);
}

static void daily_by_date_then_place(void)
{
	gm_daily_cell c[5];
	memset(c, 0, sizeof c);
	c[0].place = 4, c[0].date = 20230921;
	c[1].place = GM_NO_PLACE, c[1].date = 20230920;
	c[2].place = 9, c[2].date = 0;
	c[3].place = 2, c[3].date = 20230920;
	c[4].place = 1, c[4].date = 20230921;
	gm_aggregates r = {0};
	r.cells = c;
	r.n_cells = 5;
	const gm_daily_cell **o = gm__cells_in_order(&r);
	CHECK(o != NULL);
	if (!o)
		return;
	CHECK(o[0] == &c[3] && o[1] == &c[1]);   /* the 20th: place 2, then no place */
	CHECK(o[2] == &c[4] && o[3] == &c[0]);   /* the 21st: place 1, then 4 */
	CHECK(o[4] == &c[2]);                    /* undated last */
	free(o);
}

/* a places row: the gazetteer's names, the counts, the dates as text, the
 * country's alpha-3 */
static void a_places_row(void)
{
	long baku = mini_find(gaz, "t:2");
	CHECK(baku >= 0);
	gm_place_agg a = agg((uint32_t)baku, 4, 2, 0);
	a.docs = 3;
	a.n.fatalities = 5;
	a.first_date = gm__date_code("2023-09-19");
	a.last_date = gm__date_code("2023-09-21");
	gm_value v[GM_MAX_FIELDS];
	gm_place p;
	char first[11], last[11];
	gm__place_values(gaz, &a, v, &p, first, last);
	CHECK_STR(v[0].s, "t:2");
	CHECK_STR(v[1].s, "باكو");
	CHECK_STR(v[3].s, "AZ");
	CHECK_INT(v[6].i, 4);
	CHECK_INT(v[7].i, 3);
	CHECK_STR(v[8].s, "2023-09-19");
	CHECK_STR(v[9].s, "2023-09-21");
	CHECK_INT(v[11].i, 2);
	CHECK_INT(v[12].i, 5);
	CHECK_STR(v[14].s, "AZE");
}

/* the summary counts listed places only */
static void summary_counts(void)
{
	gm_place_agg p[] = {agg(1, 2, 0, 0), agg(2, 0, 0, 0), agg(3, 0, 1, 0)};
	gm_aggregates r = {0};
	r.places = p;
	r.n_places = 3;
	r.n_documents = 10;
	r.n_skipped = 2;
	r.n_mentions = 2;
	r.n_events = 1;
	gm_run_summary s;
	gm__summary_counts(&r, &s);
	CHECK_INT(s.documents, 10);
	CHECK_INT(s.skipped, 2);
	CHECK_INT(s.places, 2);
	CHECK_INT(s.n_files, 0);
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("aggregates");
	static const check_case cases[] = {CHECK_CASE(places_most_mentioned_first), CHECK_CASE(daily_by_date_then_place),
	                                   CHECK_CASE(a_places_row), CHECK_CASE(summary_counts)};
	int rc = check_run("aggregates", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	return rc;
}
