/* test_run.c: a run (src/run/run.c): what it sums per place and per day,
 * and its top places. Jobs, streams and merge have test files of their own. */
#include "check.h"
#include "datecode.h"
#include "runfix.h"

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
		CHECK_INT(a->n.mentions, mentions);
		CHECK_INT(a->docs, docs);
		CHECK_INT(a->n.events, events);
		CHECK_INT(a->n.fatalities, killed);
		CHECK_INT(a->first_date, first);
		CHECK_INT(a->last_date, last);
	}
	int days_right = 1, days_seen = 0, types_right = 1;
	size_t with_events = 0;
	for (size_t k = 0; k < run->n_cells; k++) {
		const gm_daily_cell *c = &run->cells[k];
		/* the counts by type: a row of them where the cell has events and
		 * only there, summing to its events */
		uint32_t by_type = 0;
		for (int t = 0; c->types && c->types <= run->n_type_rows && t < GM_EV_N - 1; t++)
			by_type += run->type_counts[c->types - 1][t];
		types_right &= (c->types != 0) == (c->n.events != 0) && c->types <= run->n_type_rows && by_type == c->n.events;
		with_events += c->n.events != 0;
		if (c->place != (uint32_t)baku || !c->date)
			continue;
		days_seen++;
		days_right &= c->n.mentions == on_day[c->date - 20230910];
	}
	CHECK(days_right);
	CHECK(days_seen > 1);
	CHECK(types_right);
	CHECK(with_events > 0 && with_events < run->n_cells);   /* the case has cells of both kinds */
	CHECK_INT(run->n_type_rows, with_events);
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

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(places_and_daily_sum_the_results)};
	return runfix_main("run", cases, sizeof cases / sizeof *cases, argc, argv);
}
