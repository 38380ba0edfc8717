/* dedupe.c: the same event told twice, kept once with the best place and figures (reading.h). */
#include "reading.h"

#include "error.h"
#include "eventwords.h"
#include "grow.h"
#include "hash.h"
#include "search.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

/* The latest event of type c told before index `before` (for a generic
 * word, the latest violent one): what "the attack", "the meeting" refer to. */
gm_event *gm__ev_told_before(gm_event_list *out, size_t before, int c, int generic)
{
	for (size_t x = before; x-- > 0;) {
		int xc = gm__trigger_code(out->e[x].type);
		if (xc == c || (generic && xc > 0 && gm__ev_has_toll(xc)))
			return &out->e[x];
	}
	return NULL;
}

/* Figures a later sentence gives to an event already told: only where it
 * stated none (the first report's figures stand). */
void gm__ev_add_figures(gm_event *to, long killed, long injured)
{
	if (to->fatalities < 0)
		to->fatalities = killed;
	if (to->injured < 0)
		to->injured = injured;
}

/* Event words that, with the article and no place of their own, tell again
 * of one already told (الهجوم، القتال، الاجتماع، المتظاهرين); weapons with
 * the article (بالمسيرات، المدفعية) are how, not which. */
int gm__ev_told_again(int c, int generic)
{
	return generic || c == GM_EV_ARMED_CLASH || c == GM_EV_PROTEST || c == GM_EV_DIPLOMACY || c == GM_EV_AGREEMENT;
}

/* Two tokens that name who speaks after a diplomacy word (دعا الاتحاد
 * الأوروبي): the same caller twice in a report is one call. */
int gm__ev_same_speaker(const gm_tokens *t, size_t a, size_t b, size_t end)
{
	if (a + 2 > end || b + 2 > end || !gm__ev_is_definite(t, a))
		return 0;
	for (size_t k = 0; k < 2; k++)
		if (t->tok[a + k].f_len != t->tok[b + k].f_len ||
		    memcmp(gm__tok_text(t, a + k), gm__tok_text(t, b + k), t->tok[a + k].f_len) != 0)
			return 0;
	return 1;
}

/* The events kept so far, by type and place, so that finding an earlier
 * report of the same event costs the reports of that place, not all of
 * them: bucket (code, place) holds the kept indices in order; per code, the
 * regions (precision 3 and up, which same_spot joins within 25 km) seen. */
typedef struct told_bucket {
	uint64_t key;        /* told_key() */
	size_t *idx, n, cap;
} told_bucket;

typedef struct told_index {
	told_bucket *b;
	size_t n, cap;
	gm__table by_key;    /* b by key */
	struct {
		uint32_t place;
		size_t bucket;
	} *regions[GM_EV_N];
	size_t n_regions[GM_EV_N], cap_regions[GM_EV_N];
} told_index;

/* (a quarter placed at its town is told apart from the town by its name's
 * hash: gm_event_list.aside) */
static uint64_t told_key(int c, uint32_t place, uint32_t quarter)
{
	return ((uint64_t)(uint32_t)c << 32 | place) ^ (uint64_t)quarter * 0x9E3779B97F4A7C15ull;
}

static int same_bucket(const void *b, size_t i, const void *key)
{
	return ((const told_bucket *)b)[i].key == *(const uint64_t *)key;
}

/* The bucket of (c, place), or GM__TABLE_NONE. */
static size_t told_bucket_of(const told_index *x, int c, uint32_t place, uint32_t quarter)
{
	uint64_t key = told_key(c, place, quarter);
	return gm__table_find(&x->by_key, gm__hash_u64(key), same_bucket, x->b, &key);
}

static void told_free(told_index *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->b[i].idx);
	free(x->b);
	gm__table_free(&x->by_key);
	for (int c = 0; c < GM_EV_N; c++)
		free(x->regions[c]);
}

/* Remember kept event i (of code c at place): -1 out of memory. */
static int told_add(told_index *x, const gm_gazetteer *g, int c, uint32_t place, uint32_t quarter, size_t i)
{
	size_t s = told_bucket_of(x, c, place, quarter);
	if (s == GM__TABLE_NONE) {
		uint64_t key = told_key(c, place, quarter);
		if (GM__GROW(x->b, x->cap, x->n + 1) || gm__table_add(&x->by_key, gm__hash_u64(key), x->n))
			return -1;
		s = x->n++;
		x->b[s] = (told_bucket){.key = key};
		if (gm__ev_precision_of(g, place, 0) >= 3 && !quarter) {
			if (GM__GROW(x->regions[c], x->cap_regions[c], x->n_regions[c] + 1))
				return -1;
			x->regions[c][x->n_regions[c]].place = place;
			x->regions[c][x->n_regions[c]++].bucket = s;
		}
	}
	told_bucket *b = &x->b[s];
	if (GM__GROW(b->idx, b->cap, b->n + 1))
		return -1;
	b->idx[b->n++] = i;
	return 0;
}

/* Two reports of one day: the same date, or one undated by its text. */
static int same_day(const gm_event *a, const gm_event *b)
{
	return !strcmp(a->date, b->date) || !a->date_said || !b->date_said;
}

/* The events not marked dropped, in order. */
static void remove_dropped(gm_event_list *out)
{
	size_t w = 0;
	for (size_t a = 0; a < out->n; a++) {
		if (out->aside[a].dropped)
			continue;
		out->e[w] = out->e[a];
		out->aside[w] = out->aside[a];
		w++;
	}
	out->n = w;
}

/* The latest kept report in bucket s that e may be told again of: another
 * sentence's, of its date or undated by its text; of any date when e's
 * sentence tells when it began (the event going on that k tells). -1 when
 * none. */
static long told_latest(const told_index *x, size_t s, const gm_event *kept, const gm_event *e, int begun)
{
	const told_bucket *b = &x->b[s];
	for (size_t j = b->n; j-- > 0;) {
		const gm_event *k = &kept[b->idx[j]];
		if (k->snippet_start != e->snippet_start && (begun || same_day(k, e)))
			return (long)b->idx[j];
	}
	return -1;
}

/* An event's index under a sort key: an air strike's place, for
 * merge_bare_fire's binary search; type and country, for drop_summaries'
 * groups. Sorted by key, then text order. */
typedef struct keyed_at {
	uint64_t key;
	size_t idx;
} keyed_at;

static int cmp_keyed_at(const void *a, const void *b)
{
	const keyed_at *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int key_below(const void *s, size_t i, const void *key)
{
	return ((const keyed_at *)s)[i].key < *(const uint64_t *)key;
}

/* "تفاصيل القصف التركي على سنجار" above "استهدفت الطائرات الحربية ...
 * سنجار"، "قصفت الطائرات X": a shelling told by a bare word of bombardment
 * (bare_fire) at a place where the document tells an air strike of its date
 * is that strike told again: dropped, its figures given to the strike where
 * it gave none. Strikes are found by binary search over their places, so a
 * long document costs n log n. */
int gm__ev_merge_bare_fire(gm_event_list *out, gm_error *err)
{
	size_t n_strikes = 0, n_bare = 0;
	for (size_t a = 0; a < out->n; a++) {
		n_strikes += gm__trigger_code(out->e[a].type) == GM_EV_AIR_STRIKE && out->e[a].place != GM_NO_PLACE;
		n_bare += out->aside[a].bare;
	}
	if (!n_strikes || !n_bare)
		return GM_OK;
	keyed_at *strikes = malloc(n_strikes * sizeof *strikes);
	if (!strikes)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	n_strikes = 0;
	for (size_t a = 0; a < out->n; a++)
		if (gm__trigger_code(out->e[a].type) == GM_EV_AIR_STRIKE && out->e[a].place != GM_NO_PLACE)
			strikes[n_strikes++] = (keyed_at){out->e[a].place, a};
	qsort(strikes, n_strikes, sizeof *strikes, cmp_keyed_at);
	for (size_t a = 0; a < out->n; a++) {
		const gm_event *e = &out->e[a];
		if (!out->aside[a].bare || e->place == GM_NO_PLACE || e->background)
			continue;
		uint64_t place = e->place;
		size_t lo = gm__lower_bound(strikes, n_strikes, key_below, &place);
		for (; lo < n_strikes && strikes[lo].key == place; lo++) {
			gm_event *k = &out->e[strikes[lo].idx];
			if (same_day(k, e)) {
				gm__ev_add_figures(k, e->fatalities, e->injured);
				out->aside[a].dropped = 1;
				break;
			}
		}
	}
	remove_dropped(out);
	free(strikes);
	return GM_OK;
}

int gm__ev_dedupe_events(const gm_gazetteer *g, gm_event_list *out, gm_error *err)
{
	told_index x;
	memset(&x, 0, sizeof x);
	size_t w = 0;
	for (size_t a = 0; a < out->n; a++) {
		gm_event *e = &out->e[a];
		int c = gm__trigger_code(e->type);
		long dup = -1;
		/* with no place there is nothing to tell two reports apart by: both stay */
		/* (events of one sentence are distinct by construction: the quarters
		 * of a list placed at one town) */
		if (e->place != GM_NO_PLACE && c > 0) {
			size_t s = told_bucket_of(&x, c, e->place, out->aside[a].quarter);
			if (s != GM__TABLE_NONE)
				dup = told_latest(&x, s, out->e, e, out->aside[a].begun);
			/* a region's other names within 25 km (same_spot) */
			for (size_t r = 0; gm__ev_precision_of(g, e->place, 0) >= 3 && r < x.n_regions[c]; r++) {
				if (x.regions[c][r].place == e->place || !gm__ev_same_spot(g, x.regions[c][r].place, e->place))
					continue;
				long d = told_latest(&x, x.regions[c][r].bucket, out->e, e, out->aside[a].begun);
				if (d > dup)
					dup = d;
			}
		}
		if (dup >= 0) {
			gm_event *k = &out->e[dup];
			/* a headline dated only by the document takes the body's date
			 * (not the day the event began) */
			if (!k->date_said && e->date_said && !out->aside[a].begun) {
				memcpy(k->date, e->date, sizeof k->date);
				k->date_said = 1;
			}
			gm__ev_add_figures(k, e->fatalities, e->injured);
			continue;
		}
		out->e[w] = *e;
		out->aside[w] = out->aside[a];
		if (e->place != GM_NO_PLACE && c > 0 && told_add(&x, g, c, e->place, out->aside[w].quarter, w) != 0) {
			told_free(&x);
			return gm__fail(err, GM_ENOMEM, "out of memory");
		}
		w++;
	}
	told_free(&x);
	out->n = w;
	return GM_OK;
}

/* The key of drop_summaries' groups: the event's type and country. */
static uint64_t type_country(int code, const char country[4])
{
	uint64_t k = (uint64_t)(uint32_t)code;
	for (int i = 0; i < 3; i++)
		k = k << 8 | (unsigned char)country[i];
	return k;
}

int gm__ev_drop_summaries(const gm_gazetteer *g, gm_event_list *out, gm_error *err)
{
	size_t n_regions = 0;
	for (size_t a = 0; a < out->n; a++)
		n_regions += out->e[a].place != GM_NO_PLACE && out->e[a].precision >= 3;
	if (!n_regions || n_regions == out->n)
		return GM_OK;
	keyed_at *by = malloc(out->n * sizeof *by);
	if (!by)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	size_t n = 0;
	for (size_t a = 0; a < out->n; a++) {
		const gm_event *e = &out->e[a];
		if (e->place == GM_NO_PLACE || e->background)
			continue;
		by[n++] = (keyed_at){type_country(gm__trigger_code(e->type), g->places[e->place].country), a};
	}
	qsort(by, n, sizeof *by, cmp_keyed_at);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && by[j].key == by[i].key)
			j++;
		for (size_t x = i; x < j; x++) {
			const gm_event *s = &out->e[by[x].idx];
			/* (people displaced are counted by region, as the text counts
			 * them; a region named in the towns' own sentence is the rest of
			 * it: "والقرى في المنطقة الفرعية من منطقة أسكيران") */
			/* (an event the text placed nowhere, at the focus, sums up no
			 * towns: "غارة روسية على زابوريزهزيا قتلت سبعة عشر" with the
			 * city unknown keeps its 17 at Donetsk beside its towns) */
			if (s->precision < 3 || !gm__ev_is_violent(gm__trigger_code(s->type)) || out->aside[by[x].idx].by_focus)
				continue;
			for (size_t y = i; y < j && !out->aside[by[x].idx].dropped; y++) {
				const gm_event *f = &out->e[by[y].idx];
				if (f->precision < 3 && f->snippet_start != s->snippet_start && same_day(f, s) &&
				    gm__ev_inside_region(g, s->place, f->place))
					out->aside[by[x].idx].dropped = 1;
			}
		}
		i = j;
	}
	remove_dropped(out);
	free(by);
	return GM_OK;
}
