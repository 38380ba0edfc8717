/* events.c: the events one document reports, sentence by sentence
 * (reading.h says who does what): each type a sentence tells, at its place or
 * at each town of a list, with its figures, date and precision; then the
 * events told twice are kept once. */
#include "report.h"

#include "eventwords.h"
#include "search.h"

#include "codes.h"
#include "crs.h"
#include "error.h"
#include "grow.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gm_event *push_event(gm_event_list *out, gm_error *err)
{
	if (GM__GROW(out->e, out->cap, out->n + 1) || GM__GROW(out->aside, out->aside_cap, out->n + 1)) {
		gm__fail(err, GM_ENOMEM, "out of memory");
		return NULL;
	}
	out->aside[out->n] = (struct gm_event_aside){0, 0, 0, 0, 0};
	gm_event *e = &out->e[out->n++];
	memset(e, 0, sizeof *e);
	e->place = GM_NO_PLACE;
	e->fatalities = e->injured = -1;
	return e;
}

/* The matches of one sentence, [*k0, *k1): found by binary search, as the
 * matcher gives them in text order (sorted says it checked), so a sentence
 * costs its own matches, not the document's. */
typedef struct match_index {
	const gm_match *m;
	size_t n;
	int sorted;
} match_index;

static int match_below(const void *m, size_t i, const void *tok)
{
	return ((const gm_match *)m)[i].tok_first < *(const size_t *)tok;
}

static void sentence_matches(const match_index *mi, size_t s0, size_t s1, size_t *k0, size_t *k1)
{
	if (!mi->sorted) {
		*k0 = 0;
		*k1 = mi->n;
		return;
	}
	size_t hi = gm__lower_bound(mi->m, mi->n, match_below, &s0);
	*k0 = hi;
	while (hi < mi->n && mi->m[hi].tok_first < s1)
		hi++;
	*k1 = hi;
}

/* The sentence's figures to event e of type c, once per sentence, to the
 * type told nearest them ("بمقتل ضابط ... بانفجار عبوة خلال الاشتباكات": the
 * explosion's, not the clash's). */
static void give_figures(sentence_reporter *sp, int c, gm_event *e)
{
	if (!sp->figures_given && (!sp->toll_type || c == sp->toll_type)) {
		gm__ev_add_figures(e, sp->sr->killed, sp->sr->injured);
		sp->figures_given = 1;
	}
}

/* "the attack", "the meeting" with no place of its own: the event of type c
 * told before (its figures may come here: "وأدى الهجوم ... دون تسجيل
 * إصابات"); and with no place in its sentence, more of the latest of its
 * type. NULL: a new event. */
static gm_event *told_before_here(const sentence_reporter *sp, int c, const hit *h, long pick, int told_at,
                                  size_t clause_after)
{
	const gm_tokens *t = sp->d->t;
	const sentence_report *sr = sp->sr;
	gm_event_list *out = sp->d->out;
	gm_event *before = NULL;
	if (c == GM_EV_DIPLOMACY && sr->during)
		before = gm__ev_told_before(out, sp->told_earlier, c, 0);
	else if (gm__ev_told_again(c, sr->generic[c]) && gm__ev_is_definite(t, h->tok) &&
	         !(pick >= 0 && ((sp->d->m[pick].tok_first >= gm__ev_clause_start(sp->sh, t, h->tok, sp->sh->s0) &&
	                          sp->d->m[pick].tok_first < clause_after) ||
	                         told_at == 2)))
		before = gm__ev_told_before(out, sp->told_earlier, c, sr->generic[c]);
	if (!before && pick < 0 && c != GM_EV_DIPLOMACY)
		before = gm__ev_told_before(out, sp->told_earlier, c, 0);
	return before;
}

/* The place of an event of type c at match pick (-1: none) and its
 * precision: a country's seat for diplomacy, a division's seat after
 * عاصمة, the document's focus where the text names none. */
static uint32_t event_place(const sentence_reporter *sp, int c, long pick, int *precision)
{
	const doc_reader *d = sp->d;
	const gm_gazetteer *g = d->g;
	const gm_match *m = d->m;
	uint32_t place = pick >= 0 ? d->r[pick].place : GM_NO_PLACE;
	*precision = 0;
	if (place != GM_NO_PLACE && c == GM_EV_DIPLOMACY && gm__ev_is_country_place(g, place))
		place = gm__ev_seat_of(g, place);
	/* "في عاصمة جمهورية تتارستان": the seat of the division */
	else if (place != GM_NO_PLACE && gm__ev_capital_before(g, d->t, m[pick].tok_first) &&
	         gm__ev_seat_of(g, place) != GM_NO_PLACE)
		place = gm__ev_seat_of(g, place);
	if (place != GM_NO_PLACE) {
		int near = m[pick].tok_first >= 1 && gm__word_has(d->t, m[pick].tok_first - 1, GM_W_NEAR, NULL);
		*precision = gm__ev_precision_of(g, place, near);
	} else if (c != GM_EV_DIPLOMACY && d->focus != GM_NO_PLACE) {
		/* the text ties it to no place: the document's focus, no finer than 2 */
		place = d->focus;
		*precision = gm__ev_precision_of(g, d->focus, 0);
		if (*precision < 2)
			*precision = 2;
	}
	return place;
}

/* Placeless diplomacy by a speaker already heard is the same event: 1 when
 * so (the speaker after trigger h is remembered otherwise). */
static int heard_before(doc_reader *d, const hit *h)
{
	size_t sp = h->tok + h->n;
	for (size_t x = 0; x < d->n_speakers; x++)
		if (gm__ev_same_speaker(d->t, sp, d->speakers[x], d->t->n))
			return 1;
	if (d->n_speakers < sizeof d->speakers / sizeof *d->speakers)
		d->speakers[d->n_speakers++] = sp;
	return 0;
}

/* "هجوم قازان", "استهداف مدينة قازان": a generic word where a strike was
 * already told is that strike (NULL: none). */
static gm_event *strike_told_at(const sentence_reporter *sp, uint32_t place)
{
	gm_event_list *out = sp->d->out;
	for (size_t x = 0; x < sp->told_earlier; x++) {
		int xc = gm__trigger_code(out->e[x].type);
		if (xc > 0 && gm__ev_is_violent(xc) && gm__ev_same_spot(sp->d->g, out->e[x].place, place))
			return &out->e[x];
	}
	return NULL;
}

/* "جولة الاشتباكات الثانية في عين الحلوة بدأت الخميس الماضي": the sentence
 * tells when the event word h's event began (event-words.tsv, began: within
 * five words after it, in its clause). */
static int told_begun(const sentence_reporter *sp, const hit *h)
{
	const gm_tokens *t = sp->d->t;
	size_t end = gm__ev_clause_end(sp->sh, t, h->tok, sp->sh->s1);
	for (size_t j = h->tok + h->n; j < end && j <= h->tok + h->n + 4; j++)
		if (gm__word_has(t, j, GM_W_BEGAN, NULL))
			return 1;
	return 0;
}

/* The events of type c told by h, one at each of places. */
static int write_events(sentence_reporter *sp, int c, const hit *h, const uint32_t *places,
                        const uint32_t *quarters, const uint8_t *near, size_t n_places, int precision, int background,
                        gm_error *err)
{
	doc_reader *d = sp->d;
	gm_event_list *out = d->out;
	uint8_t begun = (uint8_t)told_begun(sp, h);
	for (size_t pi = 0; pi < n_places; pi++) {
		gm_event *e = push_event(out, err);
		if (!e)
			return GM_ENOMEM;
		out->aside[out->n - 1].bare = (uint8_t)(c == GM_EV_SHELLING && sp->bare);
		out->aside[out->n - 1].begun = begun;
		out->aside[out->n - 1].quarter = quarters[pi];
		e->type = gm__trigger_name(c);
		gm__acled_of(c, h->sub, &e->event_type, &e->sub_type);
		e->place = places[pi];
		e->precision = n_places > 1 ? gm__ev_precision_of(d->g, places[pi], near[pi]) : precision;
		if (near[pi] && e->precision < 2)
			e->precision = 2;   /* a village placed at its list's town: near it */
		if (gm__ev_has_toll(c))
			give_figures(sp, c, e);   /* a new event's figures are unknown (-1): the sentence's */
		if (!sp->date_known) {
			sp->date_said = gm__event_date(sp->doc_date, d->t, sp->sh->s0, sp->sh->s1, sp->date);
			sp->date_known = 1;
		}
		memcpy(e->date, sp->date, sizeof e->date);
		e->date_said = sp->date_said;
		e->background = background;
		e->trigger_start = h->b0;
		e->trigger_end = h->b1;
		e->snippet_start = d->t->sentences[sp->sent].b0;
		e->snippet_end = d->t->sentences[sp->sent].b1;
	}
	return GM_OK;
}

/* Whether a generic word of violence (هجوم، استهدف) ends right before
 * token at in sentence sh (a trigger takes at most GM_GAZ_MAX_WORDS). */
static int after_generic_word(const sentence_hits *sh, size_t at)
{
	for (size_t j = at; j-- > sh->s0 && j + GM_GAZ_MAX_WORDS >= at;) {
		const hit *x = &sh->at[j - sh->s0];
		if ((x->code == GM_TR_ATTACK || x->code == GM_TR_TARGETING) && j + x->n == at)
			return 1;
	}
	return 0;
}

/* The country whose forces carry out the generic word h's attack: the
 * demonym right after a generic word of the sentence ("هجومًا إسرائيليًا
 * آخر استهدف"، "لهجومٍ إسرائيليٍّ") or after an agent word before h
 * ("بشنّ الجيش الإسرائيلي ... الهجمات"); GM_NO_PLACE when it names none. */
static uint32_t attacking_state(const sentence_reporter *sp, const hit *h)
{
	const doc_reader *d = sp->d;
	for (size_t k = sp->k0; k < sp->k1; k++) {
		const gm_match *m = &d->m[k];
		if (m->blocked != GM_BLOCK_DEMONYM || m->demonym_of == GM_GAZ_NO_PLACE ||
		    !gm__ev_is_country_place(d->g, m->demonym_of))
			continue;
		size_t at = m->tok_first;
		if (after_generic_word(sp->sh, at) ||
		    (at < h->tok && at > sp->sh->s0 && gm__word_has(d->t, at - 1, GM_W_AGENT, NULL)))
			return m->demonym_of;
	}
	return GM_NO_PLACE;
}

/* "هجومًا إسرائيليًا آخر استهدف قاعدة الإمام علي في محافظة لرستان": a
 * generic word of violence by a state's forces, at a place of another
 * country over GM_FAR_ATTACK_KM from that state, is a strike from the air
 * or by drones: no artillery or ground raid reaches there. */
#define GM_FAR_ATTACK_KM 300.0
static int far_state_attack(const sentence_reporter *sp, const hit *h, uint32_t place)
{
	const gm_gazetteer *g = sp->d->g;
	uint32_t state = place == GM_NO_PLACE ? GM_NO_PLACE : attacking_state(sp, h);
	if (state == GM_NO_PLACE || gm__code_eq(g->places[state].country, g->places[place].country))
		return 0;
	const gm_gaz_place *a = &g->places[state], *b = &g->places[place];
	return gm__geodesic_km(a->lat, a->lon, b->lat, b->lon, NULL) > GM_FAR_ATTACK_KM;
}

/* The events from first_new on, told by the generic word h of type c, take
 * the type of what they are: the attacks told before where the word has the
 * article ("وطالت الهجمات مناطق الحي العسكري ..." after "هجمات إنتحارية في
 * كركوك": new places of them), else a strike where a far state attacks. */
static void type_generic_events(sentence_reporter *sp, int c, const hit *h, size_t first_new)
{
	gm_event_list *out = sp->d->out;
	const gm_event *ref = gm__ev_is_definite(sp->d->t, h->tok) ? gm__ev_told_before(out, sp->told_earlier, c, 1) : NULL;
	for (size_t x = first_new; x < out->n; x++) {
		gm_event *e = &out->e[x];
		if (ref) {
			e->type = ref->type;
			e->event_type = ref->event_type;
			e->sub_type = ref->sub_type;
		} else if (far_state_attack(sp, h, e->place)) {
			e->type = gm__trigger_name(GM_EV_AIR_STRIKE);
			gm__acled_of(GM_EV_AIR_STRIKE, 0, &e->event_type, &e->sub_type);
			out->aside[x].bare = 0;   /* (a strike now, no bare fire to merge into one) */
		}
	}
}

/* The event of type c the sentence tells: more of one told before, or new
 * events at its place or at each town of its list. */
static int report_type(sentence_reporter *sp, int c, const hit *h, gm_error *err)
{
	doc_reader *d = sp->d;
	const sentence_hits *sh = sp->sh;
	int told_at;
	long towns;
	long pick = gm__ev_place_of_event(d->g, d->t, sh, d->m, d->r, sp->k0, sp->k1, sh->s0, sh->s1, c, h, &told_at,
	                                  &towns);
	size_t clause_after = gm__ev_clause_end(sh, d->t, h->tok, sh->s1);
	/* "ويشهد المخيّم اشتباكات ... وقد طاول الرصاص الطائش ... مدينة صيدا": the
	 * camp the document named, over a place only reached */
	int subject;
	long anaphor = gm__ev_anaphor(d->g, d->t, sh, d->m, d->r, sp->k0, sp->k1, h, clause_after, &subject);
	if (anaphor >= 0 && (pick < 0 || told_at == 2 || subject)) {
		pick = anaphor;
		told_at = 1;
		towns = 0;
	}
	gm_event *before = told_before_here(sp, c, h, pick, told_at, clause_after);
	if (before) {
		if (gm__ev_has_toll(c))
			give_figures(sp, c, before);
		return GM_OK;
	}
	int precision;
	uint32_t place = event_place(sp, c, pick, &precision);
	if (c == GM_EV_DIPLOMACY && place == GM_NO_PLACE && heard_before(d, h))
		return GM_OK;
	/* (a quarter placed at its town is a place of its own: حي العروبة is not
	 * Kirkuk where the attack was told) */
	uint32_t quarter = pick >= 0 && d->r[pick].place == place ? gm__ev_quarter_key(d->t, &d->m[pick], &d->r[pick]) : 0;
	if (sp->sr->generic[c] && place != GM_NO_PLACE && precision <= 2 && !quarter) {
		gm_event *same = strike_told_at(sp, place);
		if (same) {
			give_figures(sp, c, same);
			return GM_OK;
		}
	}
	/* shelling of several towns named in one sentence ("توفوز، ومدن
	 * غاداباي وداشكيسن"), a list of villages struck or taken ("طال كلاً من
	 * كفرنبل وحاس وكفرومة"): one event per town, as ACLED codes them */
	size_t n_places = 0;
	uint32_t places[64], quarters[64];
	uint8_t near[64];
	if (gm__ev_per_place(c) && towns >= 2) {
		n_places = gm__ev_list_towns(d->g, d->t, sh, d->m, d->r, sp->k0, sp->k1, c, h, clause_after, places,
		                             quarters, near);
	} else if (gm__ev_per_place(c) && towns == 1 && place != GM_NO_PLACE && precision >= 3) {
		/* "الهجمات على عدّة مناطق في إيران، من بينها مدينة تبريز": a region
		 * only where the text names nothing finer; the town struck inside it */
		n_places = gm__ev_list_towns(d->g, d->t, sh, d->m, d->r, sp->k0, sp->k1, c, h, clause_after, places,
		                             quarters, near);
		size_t w = 0;
		for (size_t x = 0; x < n_places; x++)
			if (gm__ev_inside_region(d->g, place, places[x])) {
				quarters[w] = quarters[x];
				near[w] = near[x];
				places[w++] = places[x];
			}
		n_places = w;
		if (n_places)
			precision = gm__ev_precision_of(d->g, places[0], 0);
	}
	if (!n_places) {
		quarters[0] = quarter;
		near[0] = (uint8_t)(pick >= 0 && d->r[pick].place == place && gm__ev_placed_near(&d->m[pick], &d->r[pick]));
		places[n_places++] = place;
	}
	/* history: the event word's own year is before the document's */
	long year = gm__ev_year_of(d->t, sh, h, sh->s1);
	int background = d->doc_year && year && year < d->doc_year;
	size_t first_new = d->out->n;
	int rc = write_events(sp, c, h, places, quarters, near, n_places, precision, background, err);
	for (size_t x = first_new; rc == GM_OK && x < d->out->n; x++)
		d->out->aside[x].by_focus = pick < 0;
	if (rc == GM_OK && sp->sr->generic[c])
		type_generic_events(sp, c, h, first_new);
	return rc;
}

/* Whether event x of this sentence repeats one the sentence already gave
 * (the same type at the same place). */
static int repeats_in_sentence(const sentence_reporter *sp, size_t x)
{
	const gm_event_list *out = sp->d->out;
	for (size_t y = sp->told_earlier; y < x; y++)
		if (out->e[y].type == out->e[x].type && out->e[y].place == out->e[x].place &&
		    out->aside[y].quarter == out->aside[x].quarter)
			return 1;
	return 0;
}

/* A later clause of a long sentence may report the same type again, at other
 * places ("كثفت القوات قصفها على مدينة الفلوجة ... كما أغارت ... غرب مدينة
 * الرمادي التي تتعرض أحياؤها لقصف جوي ومدفعي"): each such word after the
 * clause of the one before is reported too; a place the sentence gave the
 * type already is not told twice. Types ACLED codes per place only. */
static int report_later_clauses(sentence_reporter *sp, int c, gm_error *err)
{
	if (!gm__ev_per_place(c) || sp->sr->generic[c])
		return GM_OK;
	const sentence_hits *sh = sp->sh;
	const gm_tokens *t = sp->d->t;
	size_t after = gm__ev_clause_end(sh, t, sp->sr->ev[c].tok, sh->s1);
	for (int round = 0; round < 8; round++) {
		size_t j = gm__ev_later_hit(t, sh, c, after);
		if (j == (size_t)-1)
			break;
		size_t before = sp->d->out->n;
		int rc = report_type(sp, c, &sh->at[j - sh->s0], err);
		if (rc != GM_OK)
			return rc;
		size_t w = before;
		for (size_t x = before; x < sp->d->out->n; x++) {
			if (repeats_in_sentence(sp, x))
				continue;
			sp->d->out->e[w] = sp->d->out->e[x];
			sp->d->out->aside[w++] = sp->d->out->aside[x];
		}
		sp->d->out->n = w;
		after = gm__ev_clause_end(sh, t, j + sh->at[j - sh->s0].n, sh->s1);
	}
	return GM_OK;
}

/* "اقتحم مقر الكتيبة 42 في منطقة عين زارة": a raid word alone in its
 * sentence (the generic attack read as a clash) with a military site within
 * three words after it (event-words.tsv, raid and site) takes the site: a
 * territory change, as ACLED codes a base or headquarters overrun. */
static void raid_takes_site(const doc_reader *d, const sentence_hits *sh, sentence_report *sr)
{
	const hit *h = &sr->ev[GM_EV_ARMED_CLASH];
	if (!sr->have[GM_EV_ARMED_CLASH] || !sr->generic[GM_EV_ARMED_CLASH] || sr->have[GM_EV_TERRITORY_CHANGE] ||
	    !h->key || !gm__function_word(gm__gaz_str(d->g, h->key->str), h->key->len, GM_W_RAID, NULL))
		return;
	for (size_t j = h->tok + h->n; j < sh->s1 && j <= h->tok + h->n + 2; j++)
		if (gm__word_has(d->t, j, GM_W_SITE, NULL)) {
			sr->have[GM_EV_ARMED_CLASH] = sr->generic[GM_EV_ARMED_CLASH] = 0;
			sr->have[GM_EV_TERRITORY_CHANGE] = 1;
			sr->ev[GM_EV_TERRITORY_CHANGE] = *h;
			sr->ev[GM_EV_TERRITORY_CHANGE].sub = 0;
			return;
		}
}

/* The events sentence sh reports (sr: what read_sentence found in it), each
 * at its place, into d->out: a type at one place, or at each town of a list;
 * "the attack" with no place of its own is more of the one told before. */
static int report_sentence(doc_reader *d, const sentence_hits *sh, sentence_report *sr, size_t k0, size_t k1,
                           size_t sent, const char *doc_date, gm_error *err)
{
	sentence_reporter sp = {.d = d, .sh = sh, .sr = sr, .k0 = k0, .k1 = k1, .sent = sent, .doc_date = doc_date,
	                        .bare = gm__ev_bare_fire(d->g, sh, sr), .told_earlier = d->out->n};
	/* a toll split among places told before is theirs, no event of its own */
	if (sr->toll_only && gm__ev_tolls_by_place(&sp) >= 2)
		return GM_OK;
	/* "عدد الشهداء جراء أحداث الكرك ارتفع إلى 9": the count of the violence
	 * told before, its figures where it stated none */
	if (sr->toll_only && gm__ev_toll_told_before(d->t, sh)) {
		gm_event *before = gm__ev_told_before(d->out, sp.told_earlier, GM_EV_ARMED_CLASH, 1);
		if (before) {
			gm__ev_add_figures(before, sr->killed, sr->injured);
			return GM_OK;
		}
	}
	gm__ev_toll_of_violence_told(&sp);
	raid_takes_site(d, sh, sr);
	sp.toll_type = gm__ev_toll_type(sr);
	for (int c = 1; c < GM_EV_N; c++) {
		if (!sr->have[c])
			continue;
		int rc = report_type(&sp, c, &sr->ev[c], err);
		if (rc != GM_OK)
			return rc;
		rc = report_later_clauses(&sp, c, err);
		if (rc != GM_OK)
			return rc;
	}
	return GM_OK;
}

int gm__extract_events(const gm_gazetteer *g, const gm_tokens *t, const gm_match *m, const gm_resolved *r,
                       size_t n_matches, const char *doc_date, gm_event_list *out, gm_error *err)
{
	out->n = 0;
	long doc_year = doc_date && strlen(doc_date) >= 4 ? atol(doc_date) : 0;
	doc_reader d = {g, t, m, r, out, gm__ev_focus_place(g, r, n_matches), doc_year, {0}, 0};
	match_index mi = {m, n_matches, 1};
	for (size_t k = 1; k < n_matches && mi.sorted; k++)
		mi.sorted = m[k - 1].tok_first <= m[k].tok_first;
	hit hits[512];
	for (size_t s = 0, i = 0; s < t->n_sentences; s++) {
		size_t s0 = i;
		while (i < t->n && t->tok[i].sentence == s)
			i++;
		size_t s1 = i;
		if (s0 == s1 || gm__ev_related_link(t, s0, s1))
			continue;
		uint8_t taken[512];
		memset(taken, 0, sizeof taken);
		if (s1 - s0 > sizeof taken)
			s1 = s0 + sizeof taken;   /* a "sentence" of 512 words is a list, not a report */
		size_t k0, k1;
		sentence_matches(&mi, s0, s1, &k0, &k1);
		gm__ev_find_hits(g, t, m, k0, k1, s0, s1, hits);
		gm__ev_reread_hits(t, s0, s1, hits);
		sentence_hits sh = {hits, s0, s1};
		sentence_report sr;
		gm__ev_read_sentence(t, &sh, taken, &sr);
		int rc = report_sentence(&d, &sh, &sr, k0, k1, s, doc_date, err);
		if (rc != GM_OK)
			return rc;
	}
	/* one event per occurrence: the same type, place and date told twice
	 * (headline and body) is one; the figures of the first that gives them */
	int rc = gm__ev_merge_bare_fire(out, err);
	if (rc == GM_OK)
		rc = gm__ev_dedupe_events(g, out, err);
	return rc != GM_OK ? rc : gm__ev_drop_summaries(g, out, err);
}

