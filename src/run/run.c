/* run.c: a run's counts and aggregates, fed record by record while its
 * writer streams the features into the layer files. */
#include "run.h"

#include "error.h"
#include "grow.h"
#include "hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gm_run_new(gm_run **out, const gm_gazetteer *gaz, const gm_write_options *opts, gm_error *err)
{
	*out = NULL;
	gm_run *r = calloc(1, sizeof *r);
	if (!r)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	r->gaz = gaz;
	r->opts = *opts;
	clock_gettime(CLOCK_MONOTONIC, &r->started);
	int rc = opts->out_dir || opts->pg ? GM_OK : gm__fail(err, GM_EINVAL, "nothing to write: no output folder and no database");
	if (rc == GM_OK && opts->out_dir)
		rc = gm__writer_open(&r->writer, gaz, opts, err);
	if (rc == GM_OK && opts->pg)
		rc = gm__pg_open(&r->pg, gaz, opts, err);
	if (rc != GM_OK) {
		gm_run_free(r);
		return rc;
	}
	*out = r;
	return GM_OK;
}

void gm_run_free(gm_run *r)
{
	if (!r)
		return;
	gm__writer_free(r->writer);
	gm__pg_free(r->pg);
	free(r->aggs);
	gm__table_free(&r->agg_index);
	free(r->cells);
	free(r->type_counts);
	gm__table_free(&r->cell_index);
	free(r->last_mention_doc);
	free(r);
}

static void widen_dates(gm_place_agg *a, uint32_t date)
{
	if (!date)
		return;
	if (!a->first_date || date < a->first_date)
		a->first_date = date;
	if (date > a->last_date)
		a->last_date = date;
}

static int same_agg(const void *aggs, size_t i, const void *place)
{
	return ((const gm_place_agg *)aggs)[i].place == *(const uint32_t *)place;
}

/* The aggregate of a place, made on first sight; NULL when out of memory or
 * the index is not the gazetteer's. */
static gm_place_agg *agg_of(gm_run *r, uint32_t place)
{
	if (place >= gm_gazetteer_place_count(r->gaz))
		return NULL;
	uint32_t h = gm__hash_u64(place);
	size_t i = gm__table_find(&r->agg_index, h, same_agg, r->aggs, &place);
	if (i != GM__TABLE_NONE)
		return &r->aggs[i];
	if (GM__GROW(r->aggs, r->cap_aggs, r->n_aggs + 1) || gm__table_add(&r->agg_index, h, r->n_aggs))
		return NULL;
	gm_place_agg *a = &r->aggs[r->n_aggs++];
	memset(a, 0, sizeof *a);
	a->place = place;
	a->last_doc = UINT32_MAX;
	return a;
}

static uint64_t cell_key(uint32_t place, uint32_t date) { return (uint64_t)place << 32 | date; }

static int same_cell(const void *cells, size_t i, const void *key)
{
	const gm_daily_cell *c = &((const gm_daily_cell *)cells)[i];
	return cell_key(c->place, c->date) == *(const uint64_t *)key;
}

/* The daily row of (place, date), made on first sight; NULL when out of memory. */
static gm_daily_cell *cell_of(gm_run *r, uint32_t place, uint32_t date)
{
	uint64_t key = cell_key(place, date);
	uint32_t h = gm__hash_u64(key);
	size_t i = gm__table_find(&r->cell_index, h, same_cell, r->cells, &key);
	if (i != GM__TABLE_NONE)
		return &r->cells[i];
	if (GM__GROW(r->cells, r->cap_cells, r->n_cells + 1) || gm__table_add(&r->cell_index, h, r->n_cells))
		return NULL;
	gm_daily_cell *c = &r->cells[r->n_cells++];
	memset(c, 0, sizeof *c);
	c->place = place;
	c->date = date;
	return c;
}

/* The counts by event type of cell c, a zeroed row made on first need; NULL
 * when out of memory. */
static uint32_t *types_of(gm_run *r, gm_daily_cell *c)
{
	if (!c->types) {
		if (r->n_type_rows >= UINT32_MAX || GM__GROW(r->type_counts, r->cap_type_rows, r->n_type_rows + 1))
			return NULL;
		memset(r->type_counts[r->n_type_rows], 0, sizeof *r->type_counts);
		c->types = (uint32_t)++r->n_type_rows;
	}
	return r->type_counts[c->types - 1];
}

int gm__run_mention(gm_run *r, const gm_mention_rec *m, int demonym, int write, int aggregate, gm_error *err)
{
	if (m->place >= gm_gazetteer_place_count(r->gaz))
		return gm__fail(err, GM_EINVAL, "mention of %s: place index %u is not in the gazetteer", m->doc_id, m->place);
	if (write && r->writer && (!demonym || r->opts.demonyms)) {
		int rc = gm__writer_mention(r->writer, m, demonym, err);
		if (rc != GM_OK)
			return rc;
	}
	/* the database always has the demonyms: its places view counts them */
	if (write && r->pg) {
		int rc = gm__pg_mention(r->pg, m, demonym, err);
		if (rc != GM_OK)
			return rc;
	}
	if (!aggregate)
		return GM_OK;
	gm_place_agg *a = agg_of(r, m->place);
	gm_daily_cell *c = demonym ? NULL : cell_of(r, m->place, gm__date_code(m->date));
	if (!a || (!demonym && !c))
		return gm__fail(err, GM_ENOMEM, "out of memory");
	if (demonym) {
		a->demonyms++;
		return GM_OK;
	}
	/* a new document is a new doc_id: mentions of a document come together */
	if (!r->last_mention_doc || strcmp(r->last_mention_doc, m->doc_id) != 0) {
		char *d = strdup(m->doc_id);
		if (!d)
			return gm__fail(err, GM_ENOMEM, "out of memory");
		free(r->last_mention_doc);
		r->last_mention_doc = d;
		r->doc_serial++;
	}
	a->n.mentions++;
	if (a->last_doc != r->doc_serial) {
		a->docs++;
		a->last_doc = r->doc_serial;
	}
	widen_dates(a, gm__date_code(m->date));
	c->n.mentions++;
	return GM_OK;
}

int gm__run_event(gm_run *r, const gm_event_rec *e, int write, int aggregate, gm_error *err)
{
	if (e->place != GM_NO_PLACE && e->place >= gm_gazetteer_place_count(r->gaz))
		return gm__fail(err, GM_EINVAL, "event %s: place index %u is not in the gazetteer", e->event_id, e->place);
	int type = gm__trigger_code(e->type);
	if (type <= 0 || type >= GM_EV_N)
		return gm__fail(err, GM_EINVAL, "event %s: unknown type \"%s\"", e->event_id, e->type);
	if (!e->background)
		r->per_type[type]++;
	if (write) {
		int rc = r->writer ? gm__writer_event(r->writer, e, err) : GM_OK;
		if (rc == GM_OK && r->pg)
			rc = gm__pg_event(r->pg, e, err);
		if (rc != GM_OK)
			return rc;
	}
	/* history told as background is in the events layer, never in places or
	 * daily as news of the day it names or the document's */
	if (!aggregate || e->background)
		return GM_OK;
	uint32_t date = gm__date_code(e->date);
	gm_daily_cell *c = cell_of(r, e->place, date);
	uint32_t *per_type = c ? types_of(r, c) : NULL;
	if (!per_type)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	gm__tally_event(&c->n, e->fatalities, e->injured);
	per_type[type - 1]++;
	if (e->place == GM_NO_PLACE)
		return GM_OK;
	gm_place_agg *a = agg_of(r, e->place);
	if (!a)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	gm__tally_event(&a->n, e->fatalities, e->injured);
	widen_dates(a, date);
	return GM_OK;
}

int gm__run_doc(gm_run *r, const gm_doc_rec *d, gm_error *err)
{
	/* the counts are what the documents say, so a merge counts what the
	 * parts' runs counted, whichever layers they wrote */
	r->n_inputs++;
	d->skipped ? r->n_skipped++ : r->n_documents++;
	r->n_mentions += d->n_mentions;
	r->n_demonyms += d->n_demonyms;
	r->n_events += d->n_events;
	int rc = r->writer ? gm__writer_doc(r->writer, d, err) : GM_OK;
	return rc == GM_OK && r->pg ? gm__pg_doc(r->pg, d, err) : rc;
}

int gm__run_add_place(gm_run *r, const gm_place_agg *p, gm_error *err)
{
	gm_place_agg *a = agg_of(r, p->place);
	if (!a)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	gm__tally_add(&a->n, &p->n);
	a->docs += p->docs;
	a->demonyms += p->demonyms;
	widen_dates(a, p->first_date);
	widen_dates(a, p->last_date);
	return GM_OK;
}

int gm__run_add_daily(gm_run *r, const gm_daily_cell *p, const uint32_t *per_type, gm_error *err)
{
	gm_daily_cell *c = cell_of(r, p->place, p->date);
	if (!c)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	gm__tally_add(&c->n, &p->n);
	int any = 0;
	for (int t = 0; per_type && t < GM_EV_N - 1; t++)
		any |= per_type[t] != 0;
	if (!any)
		return GM_OK;
	uint32_t *into = types_of(r, c);
	if (!into)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	for (int t = 0; t < GM_EV_N - 1; t++)
		into[t] += per_type[t];
	return GM_OK;
}


static int sink_mention(void *user, const gm_mention_rec *m, int demonym, gm_error *err)
{
	return gm__run_mention(user, m, demonym, 1, 1, err);
}
static int sink_event(void *user, const gm_event_rec *e, gm_error *err) { return gm__run_event(user, e, 1, 1, err); }
static int sink_doc(void *user, const gm_doc_rec *d, gm_error *err) { return gm__run_doc(user, d, err); }

int gm_run_add(gm_run *r, const gm_input_item *item, const gm_doc_result *res, gm_error *err)
{
	if (r->finished)
		return gm__fail(err, GM_EINVAL, "the run is finished: nothing can be added");
	static const gm_record_sink sink = {sink_mention, sink_event, sink_doc};
	return gm__records_of(item, item->skipped ? NULL : res, &sink, r, err);
}

int gm_run_check_options(const gm_write_options *opts, gm_error *err)
{
	if (!opts->out_dir && !opts->pg)
		return gm__fail(err, GM_EINVAL, "nothing to write: no output folder and no database");
	int rc = opts->out_dir ? gm__check_write_options(opts, err) : GM_OK;
	return rc == GM_OK && opts->pg ? gm__pg_check(opts, err) : rc;
}

int gm_run_finish(gm_run *r, gm_run_summary *summary, gm_error *err)
{
	if (r->finished)
		return gm__fail(err, GM_EINVAL, "the run is already finished");
	gm_aggregates a = {.places = r->aggs,
	                   .n_places = r->n_aggs,
	                   .cells = r->cells,
	                   .n_cells = r->n_cells,
	                   .type_counts = r->type_counts ? r->type_counts[0] : NULL,
	                   .n_inputs = r->n_inputs,
	                   .n_documents = r->n_documents,
	                   .n_skipped = r->n_skipped,
	                   .n_mentions = r->n_mentions,
	                   .n_demonyms = r->n_demonyms,
	                   .n_events = r->n_events,
	                   .started = r->started};
	gm_run_summary local;
	if (!summary)
		summary = &local;
	int rc = GM_OK;
	if (r->writer) {
		rc = gm__writer_finish(r->writer, &a, summary, err);
	} else {
		gm__summary_counts(&a, summary);
	}
	/* the database last: it commits only when the files are whole */
	if (rc == GM_OK && r->pg)
		rc = gm__pg_finish(r->pg, summary, err);
	r->finished = 1;
	return rc;
}

size_t gm_run_top_places(const gm_run *r, int by_events, uint32_t *places, uint32_t *counts, size_t n)
{
	size_t got = 0;
	/* a partial selection sort: n is small (a report's top 10) */
	for (size_t k = 0; k < n; k++) {
		int best = -1;
		uint32_t best_count = 0;
		for (size_t i = 0; i < r->n_aggs; i++) {
			uint32_t c = by_events ? r->aggs[i].n.events : r->aggs[i].n.mentions;
			int taken = 0;
			for (size_t j = 0; j < got; j++)
				taken |= places[j] == r->aggs[i].place;
			if (taken || !c)
				continue;
			if (best < 0 || c > best_count) {
				best = (int)i;
				best_count = c;
			}
		}
		if (best < 0)
			break;
		places[got] = r->aggs[best].place;
		counts[got] = best_count;
		got++;
	}
	return got;
}

size_t gm_run_event_types(const gm_run *r, const char **types, uint32_t *counts, size_t n)
{
	uint32_t per[GM_EV_N];
	memcpy(per, r->per_type, sizeof per);
	size_t got = 0;
	while (got < n) {
		int best = 0;
		for (int c = 1; c < GM_EV_N; c++)
			if (per[c] > per[best])
				best = c;
		if (!best || !per[best])
			break;
		types[got] = gm__trigger_name(best);
		counts[got++] = per[best];
		per[best] = 0;
	}
	return got;
}
