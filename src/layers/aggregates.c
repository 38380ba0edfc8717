/* aggregates.c: what a run sums per place and per day, in the order the
 * layers list it (aggregates.h). */
#include "aggregates.h"

#include "countries.h"
#include "datecode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void gm__place_values(const gm_gazetteer *gaz, const gm_place_agg *a, gm_value *v, gm_place *p, char *first,
                         char *last)
{
	gm_gazetteer_get_place(gaz, a->place, p);
	gm__date_text(a->first_date, first);
	gm__date_text(a->last_date, last);
	const gm_country *c = gm__country(p->country);
	/* in the order of gm__place_fields (layers.c) */
	const gm_value row[] = {
	    {.s = p->id},       {.s = p->name_ar},      {.s = p->name_en},  {.s = p->country},    {.s = p->admin1},
	    {.s = p->feature},  {.i = a->n.mentions},   {.i = a->docs},     {.s = first},         {.s = last},
	    {.i = a->demonyms}, {.i = a->n.events},     {.i = a->n.fatalities}, {.i = a->n.injured},
	    {.s = c ? c->cc3 : ""}, {.s = gm__admin1_id(p->country, p->admin1)},
	};
	_Static_assert(sizeof row / sizeof *row == GM__N_PLACE_FIELDS, "a value per field of the places layer");
	memcpy(v, row, sizeof row);
}

void gm__daily_values(const gm_gazetteer *gaz, const gm_daily_cell *c, const uint32_t *per_type, gm_value *v,
                      gm_place *p, char *date, double *lon, double *lat)
{
	memset(v, 0, gm__n_daily_fields * sizeof *v);
	memset(p, 0, sizeof *p);
	*lon = *lat = NAN;
	if (c->place != GM_NO_PLACE && gm_gazetteer_get_place(gaz, c->place, p) == GM_OK) {
		*lon = p->lon;
		*lat = p->lat;
	}
	gm__date_text(c->date, date);
	/* in the order of gm__daily_fields (layers.c) */
	v[0].s = p->id ? p->id : "";
	v[1].s = p->name_ar ? p->name_ar : "";
	v[2].s = p->name_en ? p->name_en : "";
	v[3].s = p->country ? p->country : "";
	v[4].s = date;
	v[5].i = c->n.mentions;
	v[6].i = c->n.events;
	v[7].i = c->n.fatalities;
	v[8].i = c->n.injured;
	for (int t = 0; per_type && t < GM_EV_N - 1; t++)
		v[GM_DAILY_FIRST_TYPE + t].i = per_type[t];
}

/* Places most mentioned first, then by events and demonyms, then in
 * gazetteer order: the same order whatever order the input came in, so runs
 * over shards merge to the very file one run gives. */
static int cmp_place(const void *pa, const void *pb)
{
	const gm_place_agg *a = *(const gm_place_agg *const *)pa, *b = *(const gm_place_agg *const *)pb;
	if (a->n.mentions != b->n.mentions)
		return a->n.mentions > b->n.mentions ? -1 : 1;
	if (a->n.events != b->n.events)
		return a->n.events > b->n.events ? -1 : 1;
	if (a->demonyms != b->demonyms)
		return a->demonyms > b->demonyms ? -1 : 1;
	return a->place < b->place ? -1 : a->place > b->place;
}

/* By date (known dates first, oldest first), then place (placeless last). */
static int cmp_cell(const void *pa, const void *pb)
{
	const gm_daily_cell *a = *(const gm_daily_cell *const *)pa, *b = *(const gm_daily_cell *const *)pb;
	uint32_t da = a->date ? a->date : UINT32_MAX, db = b->date ? b->date : UINT32_MAX;
	if (da != db)
		return da < db ? -1 : 1;
	return a->place < b->place ? -1 : a->place > b->place;
}

void gm__tally_add(gm_tally *into, const gm_tally *t)
{
	into->mentions += t->mentions;
	into->events += t->events;
	into->fatalities += t->fatalities;
	into->injured += t->injured;
}

void gm__tally_event(gm_tally *into, long fatalities, long injured)
{
	into->events++;
	if (fatalities > 0)
		into->fatalities += fatalities;
	if (injured > 0)
		into->injured += injured;
}

int gm__place_listed(const gm_place_agg *a)
{
	return a->n.mentions > 0 || a->n.events > 0 || a->demonyms > 0;
}

const gm_place_agg **gm__places_in_order(const gm_aggregates *r, size_t *n)
{
	const gm_place_agg **order = malloc((r->n_places ? r->n_places : 1) * sizeof *order);
	*n = 0;
	if (!order)
		return NULL;
	for (size_t i = 0; i < r->n_places; i++)
		if (gm__place_listed(&r->places[i]))
			order[(*n)++] = &r->places[i];
	if (*n)
		qsort(order, *n, sizeof *order, cmp_place);
	return order;
}

const gm_daily_cell **gm__cells_in_order(const gm_aggregates *r)
{
	const gm_daily_cell **order = malloc((r->n_cells ? r->n_cells : 1) * sizeof *order);
	if (!order)
		return NULL;
	for (size_t i = 0; i < r->n_cells; i++)
		order[i] = &r->cells[i];
	qsort(order, r->n_cells, sizeof *order, cmp_cell);
	return order;
}

void gm__summary_counts(const gm_aggregates *r, gm_run_summary *summary)
{
	memset(summary, 0, sizeof *summary);
	summary->documents = r->n_documents;
	summary->skipped = r->n_skipped;
	summary->mentions = r->n_mentions;
	summary->demonyms = r->n_demonyms;
	summary->events = r->n_events;
	for (size_t i = 0; i < r->n_places; i++)
		summary->places += gm__place_listed(&r->places[i]);
}

