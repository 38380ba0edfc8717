/* run.c: collecting documents and mentions, and the per-place counts. */
#include "run.h"

#include "events.h"

#include "error.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The snippet field holds 254 bytes (the DBF limit): keep the part of the
 * sentence around the mention, cut on character boundaries. */
#define GM_SNIPPET_BYTES 254

int gm_run_new(gm_run **out, const gm_gazetteer *gaz, gm_error *err)
{
	*out = NULL;
	gm_run *r = calloc(1, sizeof *r);
	if (!r)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	r->gaz = gaz;
	r->agg_of_place = calloc(gm_gazetteer_place_count(gaz) + 1, sizeof *r->agg_of_place);
	if (!r->agg_of_place) {
		free(r);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	clock_gettime(CLOCK_MONOTONIC, &r->started);
	*out = r;
	return GM_OK;
}

void gm_run_free(gm_run *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_docs; i++) {
		free(r->docs[i].id);
		free(r->docs[i].path);
		free(r->docs[i].reason);
		free(r->docs[i].warning);
	}
	for (size_t i = 0; i < r->n_mentions; i++) {
		free(r->mentions[i].rule);
		free(r->mentions[i].surface);
		free(r->mentions[i].snippet);
	}
	for (size_t i = 0; i < r->n_demonyms; i++) {
		free(r->demonyms[i].rule);
		free(r->demonyms[i].surface);
		free(r->demonyms[i].snippet);
	}
	for (size_t i = 0; i < r->n_events; i++) {
		free(r->events[i].trigger);
		free(r->events[i].snippet);
	}
	free(r->docs);
	free(r->mentions);
	free(r->demonyms);
	free(r->events);
	free(r->aggs);
	free(r->agg_of_place);
	free(r);
}

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static char *snippet(const char *text, const gm_mention *m)
{
	uint32_t a = m->snippet_start, b = m->snippet_end;
	if (b - a > GM_SNIPPET_BYTES) {
		/* centre a window on the mention */
		uint32_t mid = (m->byte_start + m->byte_end) / 2;
		uint32_t half = GM_SNIPPET_BYTES / 2;
		uint32_t na = mid > a + half ? mid - half : a;
		if (na + GM_SNIPPET_BYTES > b)
			na = b - GM_SNIPPET_BYTES;
		while (na > a && ((unsigned char)text[na] & 0xC0) == 0x80)
			na++;  /* forward to a character start */
		a = na;
		b = a + (uint32_t)gm__utf8_clip(text + a, b - a, GM_SNIPPET_BYTES);
		/* start and end on whole words where the window allows it */
		uint32_t wa = a, wb = b;
		while (wa < m->byte_start && text[wa] != ' ')
			wa++;
		while (wb > m->byte_end && text[wb - 1] != ' ')
			wb--;
		if (wa < m->byte_start)
			a = wa;
		if (wb > m->byte_end)
			b = wb;
	}
	/* no space at either end: DBF readers strip it, and the formats would differ */
	while (a < b && (text[a] == ' ' || text[a] == '\n' || text[a] == '\t' || text[a] == '\r'))
		a++;
	while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n' || text[b - 1] == '\t' || text[b - 1] == '\r'))
		b--;
	return dupn(text + a, b - a);
}

/* The aggregate of a place, made on first sight; NULL when out of memory. */
/* A place's first and last date take in a mention's document date or an
 * event's own date (أمس may reach before the document). */
static void widen_dates(gm_place_agg *a, const char *date)
{
	if (!date[0])
		return;
	if (!a->first_date[0] || strcmp(date, a->first_date) < 0)
		memcpy(a->first_date, date, sizeof a->first_date);
	if (!a->last_date[0] || strcmp(date, a->last_date) > 0)
		memcpy(a->last_date, date, sizeof a->last_date);
}

static gm_place_agg *agg_of(gm_run *r, uint32_t place)
{
	uint32_t ai = r->agg_of_place[place];
	if (!ai) {
		if (r->n_aggs == r->cap_aggs) {
			size_t c = r->cap_aggs ? r->cap_aggs * 2 : 256;
			gm_place_agg *a = realloc(r->aggs, c * sizeof *a);
			if (!a)
				return NULL;
			r->aggs = a;
			r->cap_aggs = c;
		}
		memset(&r->aggs[r->n_aggs], 0, sizeof *r->aggs);
		r->aggs[r->n_aggs].place = place;
		r->aggs[r->n_aggs].last_doc = UINT32_MAX;
		ai = (uint32_t)++r->n_aggs;
		r->agg_of_place[place] = ai;
	}
	return &r->aggs[ai - 1];
}

/* Copy a document's mentions (or demonyms) into the run and count them per place. */
static int add_mentions(gm_run *r, uint32_t doc_index, const gm_input_item *item, const gm_mention *list, size_t n,
                        int demonyms, gm_error *err)
{
	gm_run_mention **arr = demonyms ? &r->demonyms : &r->mentions;
	size_t *len = demonyms ? &r->n_demonyms : &r->n_mentions, *cap = demonyms ? &r->cap_demonyms : &r->cap_mentions;
	const char *date = r->docs[doc_index].date;
	for (size_t i = 0; i < n; i++) {
		const gm_mention *m = &list[i];
		if (*len == *cap) {
			size_t c = *cap ? *cap * 2 : 256;
			gm_run_mention *x = realloc(*arr, c * sizeof *x);
			if (!x)
				return gm__fail(err, GM_ENOMEM, "out of memory");
			*arr = x;
			*cap = c;
		}
		gm_run_mention *x = &(*arr)[*len];
		x->doc = doc_index;
		x->start = m->start;
		x->end = m->end;
		x->place = m->place;
		x->score = m->score;
		x->rule = strdup(m->rule);
		x->surface = dupn(item->doc.text + m->byte_start, m->byte_end - m->byte_start);
		x->snippet = snippet(item->doc.text, m);
		(*len)++;
		if (!x->rule || !x->surface || !x->snippet)
			return gm__fail(err, GM_ENOMEM, "out of memory");

		gm_place_agg *a = agg_of(r, m->place);
		if (!a)
			return gm__fail(err, GM_ENOMEM, "out of memory");
		if (demonyms) {
			a->demonyms++;
			continue;
		}
		a->mentions++;
		if (a->last_doc != doc_index) {
			a->docs++;
			a->last_doc = doc_index;
		}
		widen_dates(a, date);
	}
	return GM_OK;
}

/* The snippet of an event: its sentence, cut to the DBF limit around the trigger. */
static char *event_snippet(const char *text, const gm_event *e)
{
	gm_mention m;
	memset(&m, 0, sizeof m);
	m.byte_start = e->trigger_start;
	m.byte_end = e->trigger_end;
	m.snippet_start = e->snippet_start;
	m.snippet_end = e->snippet_end;
	return snippet(text, &m);
}

/* Copy a document's events into the run and add them to their places. */
static int add_events(gm_run *r, uint32_t doc_index, const gm_input_item *item, const gm_event *list, size_t n,
                      gm_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const gm_event *e = &list[i];
		if (r->n_events == r->cap_events) {
			size_t c = r->cap_events ? r->cap_events * 2 : 256;
			gm_run_event *x = realloc(r->events, c * sizeof *x);
			if (!x)
				return gm__fail(err, GM_ENOMEM, "out of memory");
			r->events = x;
			r->cap_events = c;
		}
		gm_run_event *x = &r->events[r->n_events++];
		memset(x, 0, sizeof *x);
		x->doc = doc_index;
		x->n = (uint32_t)i + 1;
		x->type = e->type;
		x->place = e->place;
		x->precision = e->precision;
		x->fatalities = e->fatalities;
		x->injured = e->injured;
		memcpy(x->date, e->date, sizeof x->date);
		x->trigger = dupn(item->doc.text + e->trigger_start, e->trigger_end - e->trigger_start);
		x->snippet = event_snippet(item->doc.text, e);
		if (!x->trigger || !x->snippet)
			return gm__fail(err, GM_ENOMEM, "out of memory");
		if (e->place == GM_NO_PLACE)
			continue;
		gm_place_agg *a = agg_of(r, e->place);
		if (!a)
			return gm__fail(err, GM_ENOMEM, "out of memory");
		a->events++;
		widen_dates(a, e->date);
		if (e->fatalities > 0)
			a->fatalities += e->fatalities;
		if (e->injured > 0)
			a->injured += e->injured;
	}
	return GM_OK;
}

int gm_run_add(gm_run *r, const gm_input_item *item, const gm_doc_result *res, gm_error *err)
{
	if (r->n_docs == r->cap_docs) {
		size_t c = r->cap_docs ? r->cap_docs * 2 : 64;
		gm_run_doc *d = realloc(r->docs, c * sizeof *d);
		if (!d)
			return gm__fail(err, GM_ENOMEM, "out of memory");
		r->docs = d;
		r->cap_docs = c;
	}
	gm_run_doc *d = &r->docs[r->n_docs];
	memset(d, 0, sizeof *d);
	d->id = strdup(item->doc.id ? item->doc.id : "");
	d->path = strdup(item->doc.path ? item->doc.path : "");
	d->reason = item->skipped ? strdup(item->reason) : NULL;
	d->warning = item->warning[0] ? strdup(item->warning) : NULL;
	if (!d->id || !d->path || (item->skipped && !d->reason) || (item->warning[0] && !d->warning))
		return gm__fail(err, GM_ENOMEM, "out of memory");
	d->line = item->doc.line;
	d->skipped = item->skipped || !res;
	d->invalid_utf8 = item->invalid_utf8;
	if (item->doc.date)
		snprintf(d->date, sizeof d->date, "%s", item->doc.date);
	uint32_t doc_index = (uint32_t)r->n_docs++;
	if (!res)
		return GM_OK;
	d->n_mentions = res->n_mentions;
	d->n_demonyms = res->n_demonyms;
	d->n_events = res->n_events;
	int rc = add_mentions(r, doc_index, item, res->mentions, res->n_mentions, 0, err);
	if (rc == GM_OK)
		rc = add_mentions(r, doc_index, item, res->demonyms, res->n_demonyms, 1, err);
	if (rc == GM_OK)
		rc = add_events(r, doc_index, item, res->events, res->n_events, err);
	return rc;
}

int gm_run_check_options(const gm_write_options *opts, gm_error *err)
{
	return gm__check_write_options(opts, err);
}

int gm_run_write(gm_run *r, const gm_write_options *opts, gm_run_summary *summary, gm_error *err)
{
	return gm__write_run(r, opts, summary, err);
}

size_t gm_run_top_places(const gm_run *r, int by_events, uint32_t *places, uint32_t *counts, size_t n)
{
	size_t got = 0;
	/* a partial selection sort: n is small (a report's top 10) */
	for (size_t k = 0; k < n; k++) {
		int best = -1;
		uint32_t best_count = 0;
		for (size_t i = 0; i < r->n_aggs; i++) {
			uint32_t c = by_events ? r->aggs[i].events : r->aggs[i].mentions;
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
	uint32_t per[GM_EV_N] = {0};
	for (size_t i = 0; i < r->n_events; i++) {
		int c = gm__trigger_code(r->events[i].type);
		if (c > 0 && c < GM_EV_N)
			per[c]++;
	}
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
