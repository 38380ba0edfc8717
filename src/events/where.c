/* where.c: the place an event word governs, and the towns of a list (reading.h). */
#include "reading.h"

#include "codes.h"
#include "crs.h"
#include "eventwords.h"
#include "hash.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Matches x and x + 1 are one item of a list: a place and the word after
 * it, side by side, that the gazetteer reads as a name of its own or as none
 * (جباليا النزلة، جباليا البلد: Jabalia's quarters). A word read as no place
 * before a name (خالد العبيدي) starts no item. */
static int one_item(const gm_match *m, const gm_resolved *r, size_t x)
{
	return m[x].tok_last + 1 == m[x + 1].tok_first && r[x].place != GM_GAZ_NO_PLACE;
}

/* Is match k an item of a list whose earlier item j (k > j) the event has
 * taken: the same run of names joined by و or commas, perhaps past items the
 * gazetteer does not know? */
static int listed_after(const gm_match *m, const gm_resolved *r, size_t j, size_t k)
{
	for (size_t x = j; x < k; x++) {
		/* (past an item's own province: "كالفاشر بولاية شمال دارفور،
		 * والدويم بولاية النيل الأبيض، وسنار") */
		if (x + 1 < k && m[x].parent_link == GM_PL_IN && m[x].tok_last + 1 == m[x + 1].tok_first &&
		    gm__listed_together(m, x + 1)) {
			x++;
			continue;
		}
		if (!gm__listed_together(m, x) && !one_item(m, r, x))
			return 0;
	}
	return 1;
}

/* Match k is an item of a list of places that a plural place word announces
 * after the event word ("استهدفت مدينة بعلبك بغارتين، إلى جانب البلدات
 * التالية: شمسطار، الحلانية"، "والسيطرة على 10 قرى منها A وB"): a place of
 * the event too, as ACLED codes each town struck. */
static int announced(const gm_match *m, size_t k, const hit *h)
{
	return m[k].list_class && !m[k].list_uncued && m[k].tok_first > h->tok;
}

/* A place a list of an event of type c's places may hold: a town or
 * village; for people displaced, counted by region as the text counts them,
 * a province or district too ("وتوزعوا على محافظات المفرق نحو 620 مواطنًا،
 * ومعان 315 مواطنًا": each its event, at geo_precision 3 or 2). */
static int list_place(const gm_gazetteer *g, uint32_t place, int c)
{
	const char *f = g->places[place].feature;
	return !strncmp(f, "PPL", 3) || (c == GM_EV_DISPLACEMENT && !strncmp(f, "ADM", 3));
}

/* Precision of a place as ACLED geo_precision: 1 a town or village, 2 a
 * district or a point near a town, 3 a region, country or natural feature. */
int gm__ev_precision_of(const gm_gazetteer *g, uint32_t place, int near)
{
	const char *f = g->places[place].feature;
	if (!strncmp(f, "PPL", 3))
		return near ? 2 : 1;
	if (!strcmp(f, "ADM2") || !strcmp(f, "ADM3") || !strcmp(f, "RD") || !strcmp(f, "PASS") || !strcmp(f, "AIRP"))
		return 2;
	return 3;
}

/* How the words before a place tie it to an event (locative_before). */
enum {
	LOC_NONE = 0,
	LOC_AT,         /* في على من قرب باتجاه نحو, right before the name or its type word (في منطقة ساريبابا) */
	LOC_OBJECT,     /* right after the event word: its object, or its agent (the caller tells) */
	LOC_REACHED,    /* after a verb of reaching, which carries the event into its own clause ("خرج
	                   المتظاهرون ...، ففي ولاية شمال كردفان خرجت الأبيض") */
	LOC_GENERIC,    /* after a generic word of violence: as LOC_OBJECT, in that word's clause */
	LOC_RESIDENTS   /* after أهالي / سكان in a displacement: where its people flee from, before the
	                   event word too ("وأهالي الموصل يفرون") */
};

/* The words right before the place at token i, and how they tie it to an
 * event word (LOC_*); from_counts: a displacement, where من is whence. */
static int locative_before(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, size_t i,
                           int from_counts)
{
	for (size_t back = 1; back <= 3 && i >= back; back++) {
		if (gm__word_has(t, i - back, GM_W_LOCATIVE, NULL))
			/* "من داخل أرمينيا": where fire came from */
			return i - back >= 1 && gm__word_has(t, i - back - 1, GM_W_FROM, NULL) && !from_counts ? LOC_NONE : LOC_AT;
		/* a verb whose object is the place reached (event-triggers.tsv, reach):
		 * "طال القصف كلاً من ..." */
		if (gm__ev_code_at(sh, i - back) == GM_TR_REACH)
			return LOC_REACHED;
		/* the event word itself, with at most its subject between: the place
		 * is its object ("قصفت المدفعية باردا وتيرتر"، "قصف جباليا"), unless
		 * the caller finds it an actor ("استعادة باكو السيطرة"، "قصف أذربيجان") */
		int code = gm__ev_code_at(sh, i - back);
		if (code > 0 && code < GM_EV_N)
			return LOC_OBJECT;
		/* a generic word of violence after the event's own ("الغارات ...
		 * وصلت إلى 30، فقد استهدفت مدينة بعلبك"): its object is where the
		 * event struck, in the generic word's clause */
		if (code == GM_TR_ATTACK || code == GM_TR_TARGETING)
			return LOC_GENERIC;
		/* "بما يشمل X"، "من بينها مدينة X": a place the event reached too */
		if (gm__word_has(t, i - back, GM_W_INCLUDING, NULL))
			return LOC_AT;
		/* "كلاً من X وY": each of them, not where from */
		if (gm__word_has(t, i - back, GM_W_FROM, NULL) && i - back >= 1 && gm__word_has(t, i - back - 1, GM_W_EACH, NULL))
			return LOC_AT;
		/* "من" is where fire comes from, but where people flee from; and so is
		 * the place whose people flee (وأهالي الموصل يفرون) */
		if (from_counts && gm__word_has(t, i - back, GM_W_FROM, NULL))
			return LOC_AT;
		if (from_counts && gm__word_has(t, i - back, GM_W_RESIDENTS, NULL))
			return LOC_RESIDENTS;
		/* a type word or an adjective may stand between: في العاصمة الأرمينية يريفان */
		const gm_token *pt = &t->tok[i - back];
		const char *w = gm__tok_text(t, i - back);
		int adjective = gm__utf8_count(w, pt->f_len) > 3 && gm__utf8_has_prefix(w, pt->f_len, "ال") &&
		                (gm__utf8_has_suffix(w, pt->f_len, "ي") || gm__utf8_has_suffix(w, pt->f_len, "يه"));
		/* or who strikes, between the event word and its object: قصفت قوات الاحتلال X */
		if (GM_CUE_ROLE(gm__tok_cue(g, t, i - back)) != GM_CUE_TYPE && !adjective &&
		    !gm__word_has(t, i - back, GM_W_AGENT, NULL))
			return LOC_NONE;
	}
	return LOC_NONE;
}

/* "قصف على مناطق عدة، بما يشمل جباليا، وبيت لاهيا": a place behind an
 * including word (event-words.tsv) that opens the clause right after the
 * event's own still belongs to the event's clause, though a comma stands
 * between. */
static int included_after(const gm_gazetteer *g, const gm_tokens *t, size_t i, size_t clause_after)
{
	for (size_t back = 1; back <= 3 && i >= back; back++) {
		size_t w = i - back;
		if (gm__word_has(t, w, GM_W_INCLUDING, NULL))
			return w < clause_after + 2;
		if (GM_CUE_ROLE(gm__tok_cue(g, t, w)) != GM_CUE_TYPE)
			return 0;
	}
	return 0;
}

int gm__ev_is_country_place(const gm_gazetteer *g, uint32_t place)
{
	return !strncmp(g->places[place].feature, "PCL", 3);
}

/* Countries and capitals named in a report are mostly its actors ("قالت
 * باكو", "اتهمت أذربيجان"), not where it happened. */
static int is_actor_place(const gm_gazetteer *g, uint32_t place)
{
	return gm__ev_is_country_place(g, place) || !strcmp(g->places[place].feature, "PPLC");
}

/* A word of that function (event-words.tsv) stands right before the name
 * at token i, or before a type word in front of it (رئيس جمهورية تتارستان،
 * عاصمة جمهورية تتارستان). */
static int word_before_name(const gm_gazetteer *g, const gm_tokens *t, size_t i, int function)
{
	for (size_t back = 1; back <= 2 && i >= back; back++) {
		if (gm__word_has(t, i - back, function, NULL))
			return 1;
		if (GM_CUE_ROLE(gm__tok_cue(g, t, i - back)) != GM_CUE_TYPE)
			return 0;
	}
	return 0;
}

/* "رئيس جمهورية تتارستان", "محافظ كورسك": a place named in an official's
 * title speaks or acts; it is not where the event happened. */
static int in_title(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	return word_before_name(g, t, i, GM_W_OFFICIAL);
}

/* A country's capital or a division's seat, as the gazetteer build found
 * it; GM_NO_PLACE when not known. */
uint32_t gm__ev_seat_of(const gm_gazetteer *g, uint32_t place)
{
	uint32_t s = g->places[place].seat;
	return s && s <= g->h->n_places ? s - 1 : GM_NO_PLACE;
}

/* "عاصمة جمهورية تتارستان": the name at token i follows "capital of". */
int gm__ev_capital_before(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	return word_before_name(g, t, i, GM_W_CAPITAL);
}

/* Two places an analyst would not tell apart on a map of events: the same
 * one, or two names of one region (Karabakh, Nagorno-Karabakh) within 25 km. */
int gm__ev_same_spot(const gm_gazetteer *g, uint32_t a, uint32_t b)
{
	if (a == b)
		return 1;
	if (a == GM_NO_PLACE || b == GM_NO_PLACE)
		return 0;
	/* towns, corridors and districts next to each other are distinct events */
	if (gm__ev_precision_of(g, a, 0) < 3 || gm__ev_precision_of(g, b, 0) < 3)
		return 0;
	const gm_gaz_place *x = &g->places[a], *y = &g->places[b];
	return gm__geodesic_km(x->lat, x->lon, y->lat, y->lon, NULL) <= 25.0;
}

/* The document's focus: the place most mentioned, the most specific (not a
 * country) where one is mentioned at least twice; a tie goes to the one
 * named first. (Counted by sorting: linear-log in the mentions.) */
uint32_t gm__ev_focus_place(const gm_gazetteer *g, const gm_resolved *r, size_t n)
{
	gm_place_at *pf = malloc((n ? n : 1) * sizeof *pf);
	size_t k = 0;
	for (size_t i = 0; pf && i < n; i++)
		if (r[i].place != GM_GAZ_NO_PLACE)
			pf[k++] = (gm_place_at){r[i].place, i};
	if (k)
		qsort(pf, k, sizeof *pf, gm__cmp_place_at);
	uint32_t best = GM_NO_PLACE, best_country = GM_NO_PLACE;
	size_t best_n = 0, best_cn = 0, best_at = 0, best_cat = 0;
	for (size_t a = 0; a < k;) {
		size_t b = a;
		while (b < k && pf[b].place == pf[a].place)
			b++;
		size_t c = b - a, at = pf[a].first;
		if (!strncmp(g->places[pf[a].place].feature, "PCL", 3)) {
			if (c > best_cn || (c == best_cn && at < best_cat)) {
				best_cn = c;
				best_cat = at;
				best_country = pf[a].place;
			}
		} else if (c > best_n || (c == best_n && at < best_at)) {
			best_n = c;
			best_at = at;
			best = pf[a].place;
		}
		a = b;
	}
	free(pf);
	return best_n >= 2 || best == GM_NO_PLACE ? (best != GM_NO_PLACE ? best : best_country) : best;
}

/* How a place ties to the event word h of type c: the words before it
 * (LOC_*; a country or capital right after the event word is who acts, not
 * where; ب on the name is في), whether a verb of reaching or a generic word
 * carried it into a clause of its own, and whether it stands in the event's
 * clause (before clause_after, or behind an including word that opens the
 * next). */
typedef struct place_tie {
	int loc;        /* LOC_*, LOC_AT for ب on the name */
	int reach;
	int in_clause;
	int aside;      /* the place names who acts or whence they came, not where: after an agent
	                   noun ("ثوار الزنتان"، "قوات صنعاء"), behind من outside a displacement
	                   ("والقادم من مدينة ترهونة، أنه اقتحم مقر الكتيبة في عين زارة"), or after
	                   a hospital word ("نقل المصابين إلى مشفى العريش") */
	int stationed;  /* ... after a word of standing (المتمركزة في X) or of a statement made (بيان
	                   أصدرته في X): never the event's place, though behind في */
} place_tie;

static place_tie tie_of(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                        const gm_resolved *r, int c, const hit *h, size_t clause_after)
{
	size_t mt = m->tok_first;
	place_tie tie = {locative_before(g, t, sh, mt, c == GM_EV_DISPLACEMENT), 0, 0, 0, 0};
	/* (an agent noun in construct state, without the article: "قصفت قوات
	 * الاحتلال بيت لاهيا" strikes Beit Lahia) */
	if (mt > 0 && gm__word_has(t, mt - 1, GM_W_AGENT, NULL) && t->tok[mt - 1].gap_after != GM_GAP_BREAK &&
	    !gm__ev_is_definite(t, mt - 1))
		tie.aside = 1;
	/* "قوّات النظام المتمركزة في حاجز النمر داخل مدينة خان شيخون": where
	 * the shooters stand, within six words back in its clause */
	for (size_t back = 1; back <= 6 && mt >= sh->s0 + back && !tie.aside; back++) {
		if (t->tok[mt - back].gap_after == GM_GAP_BREAK || gm__ev_code_at(sh, mt - back))
			break;
		/* (and "في بيان مشترك أصدرتاه في نيامي", within three: where it was said) */
		uint64_t said = GM_W_BIT(GM_W_STATIONED) | (back <= 3 ? GM_W_BIT(GM_W_STATEMENT) : 0);
		if (gm__word_mask(t, mt - back) & said)
			tie.aside = tie.stationed = 1;
	}
	/* "وتم نقل المصابين إلى مشفى العريش": where the wounded were taken */
	for (size_t back = 1; back <= 2 && mt >= back && !tie.aside; back++)
		if (gm__word_has(t, mt - back, GM_W_HOSPITAL, NULL))
			tie.aside = 1;
	for (size_t back = 1; c != GM_EV_DISPLACEMENT && back <= 2 && mt >= back && mt < h->tok && !tie.aside; back++) {
		/* (not "قريبة من الشيخ زويد": near it) */
		if (gm__word_has(t, mt - back, GM_W_FROM, NULL) &&
		    !(mt - back >= 1 && gm__word_has(t, mt - back - 1, GM_W_NEAR, NULL)))
			tie.aside = 1;
		if (GM_CUE_ROLE(gm__tok_cue(g, t, mt - back)) != GM_CUE_TYPE)
			break;
	}
	if ((tie.loc == LOC_OBJECT || tie.loc == LOC_GENERIC) && is_actor_place(g, r->place))
		tie.loc = LOC_NONE;
	tie.reach = tie.loc == LOC_REACHED || tie.loc == LOC_GENERIC;
	/* (ك, "such as", after the event word: "عمّت المظاهرات مدنا مختلفة
	 * كالفاشر" names a town of it) */
	if (tie.loc == LOC_NONE && (!strcmp(m->clitic, "ب") || (mt > h->tok && !strcmp(m->clitic, "ك"))))
		tie.loc = LOC_AT;
	tie.in_clause = mt < clause_after || (mt > h->tok && (included_after(g, t, mt, clause_after) || tie.reach));
	return tie;
}

/* Where an event of type c told by hit h happened, among the sentence's
 * places: for diplomacy, the speaker right after the trigger (دعت موسكو; a
 * country speaks from its capital), else a city next to it, else none; for
 * the rest, the first mention after the trigger behind في/على (من for
 * displacement), else the nearest that is not an actor. *told_at says the
 * place came behind a locative word (1) or a verb of reaching (2: in a
 * clause of its own); *towns counts the towns struck. */
long gm__ev_place_of_event(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                           const gm_resolved *r,
                           size_t k0, size_t k1, size_t s0, size_t s1, int c, const hit *h, int *told_at, long *towns)
{
	int residents = 0;
	long pick = -1, nearest = -1;
	size_t best_d = (size_t)-1;
	uint32_t last_town = GM_NO_PLACE;
	*towns = 0;
	*told_at = 0;
	/* a town behind a locative in another clause (... ، وقال مسؤول في باكو)
	 * is not one struck */
	size_t clause_after = gm__ev_clause_end(sh, t, h->tok, s1);
	for (size_t k = k0; k < k1; k++) {
		if (r[k].place == GM_GAZ_NO_PLACE || m[k].tok_first < s0 || m[k].tok_first >= s1)
			continue;
		size_t mt = m[k].tok_first;
		if (c == GM_EV_DIPLOMACY) {
			if (mt == h->tok + h->n)
				pick = (long)k;
			else if (!strncmp(g->places[r[k].place].feature, "PPL", 3) && nearest < 0 &&
			         (mt + 2 >= h->tok && mt <= h->tok + h->n + 2))
				nearest = (long)k;
			continue;
		}
		place_tie tie = tie_of(g, t, sh, &m[k], &r[k], c, h, clause_after);
		int loc = tie.loc != LOC_NONE, reach = tie.reach, in_clause = tie.in_clause;
		if ((mt > h->tok || (tie.loc == LOC_RESIDENTS && mt + 3 >= h->tok)) && pick < 0 && loc && !tie.stationed) {
			pick = (long)k;
			*told_at = reach ? 2 : 1;
			residents = tie.loc == LOC_RESIDENTS;
		}
		if (((is_actor_place(g, r[k].place) || in_title(g, t, mt)) && !loc) || tie.aside)
			continue;
		/* the towns shelled: named before the trigger (توفوز ... تعرضت
		 * للقصف) or behind في/على after it, or listed with one that is;
		 * not where fire came from */
		/* (quarters placed at one town after the event word are towns of
		 * their own: each an event) */
		if (list_place(g, r[k].place, c) &&
		    (r[k].place != last_town || (r[k].quarter && mt > h->tok)) &&
		    (mt < h->tok || (loc && in_clause && mt > h->tok) || announced(m, k, h) ||
		     (*towns && k > 0 && (gm__listed_together(m, k - 1) || one_item(m, r, k - 1))))) {
			(*towns)++;
			last_town = r[k].place;
		}
		size_t d = mt > h->tok ? mt - h->tok : (h->tok - mt) + 1;
		if (d < best_d) {
			best_d = d;
			nearest = (long)k;
		}
	}
	/* (the people of one place flee from it: "التحالف ينفذ 150 ضربة على الرقة ...
	 * وأهالي الموصل يفرون" is no flight from Raqqa) */
	if (residents)
		*towns = 0;
	return pick >= 0 ? pick : nearest;
}

/* The towns of a list sentence sh tells an event of type c at (hit h; the
 * event's clause ends before clause_after): named before the event word,
 * behind a locative in its clause, or listed with one taken; into places
 * (up to 64), in text order. Quarters placed at their town each count. */
size_t gm__ev_list_towns(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                         const gm_resolved *r, size_t k0, size_t k1, int c, const hit *h, size_t clause_after,
                         uint32_t places[64], uint32_t quarters[64], uint8_t near[64])
{
	size_t s0 = sh->s0, s1 = sh->s1, n_places = 0;
	size_t last_taken = (size_t)-1, opened = gm__ev_opened_at(sh, h->tok, s0);
	for (size_t k = k0; k < k1 && n_places < 64; k++) {
		if (r[k].place == GM_GAZ_NO_PLACE || m[k].tok_first < s0 || m[k].tok_first >= s1 ||
		    !list_place(g, r[k].place, c))
			continue;
		place_tie tie = tie_of(g, t, sh, &m[k], &r[k], c, h, clause_after);
		int loc = tie.loc != LOC_NONE, in_clause = tie.in_clause;
		int listed = last_taken != (size_t)-1 && listed_after(m, r, last_taken, k);
		listed |= announced(m, k, h);
		if ((is_actor_place(g, r[k].place) && !loc && !listed) || tie.aside ||
		    !((m[k].tok_first < h->tok && m[k].tok_first >= opened) || (loc && in_clause && m[k].tok_first > h->tok) ||
		      listed))
			continue;
		last_taken = k;
		/* quarters placed at their town are each a place of the list
		 * (أحياء الرسالة والأندلس والضباط: three strikes in Fallujah) */
		int seen = 0;
		for (size_t x = 0; x < n_places && !r[k].quarter; x++)
			seen |= places[x] == r[k].place;
		if (!seen) {
			quarters[n_places] = gm__ev_quarter_key(t, &m[k], &r[k]);
			near[n_places] = (uint8_t)gm__ev_placed_near(&m[k], &r[k]);
			places[n_places++] = r[k].place;
		}
	}
	return n_places;
}

int gm__ev_placed_near(const gm_match *m, const gm_resolved *r)
{
	return r->quarter && (m->type_class == GM_TW_POPULATED || m->list_class == GM_TW_POPULATED);
}

uint32_t gm__ev_quarter_key(const gm_tokens *t, const gm_match *m, const gm_resolved *r)
{
	if (!r->quarter)
		return 0;
	uint32_t h = GM__FNV32_BASIS;
	size_t skip = strlen(m->clitic);
	for (uint32_t i = m->tok_first; i <= m->tok_last && i < t->n; i++) {
		size_t s = i == m->tok_first && skip < t->tok[i].f_len ? skip : 0;
		h = gm__fnv1a32(h, gm__tok_text(t, i) + s, t->tok[i].f_len - s);
		h = gm__fnv1a32(h, " ", 1);
	}
	return h ? h : 1;
}

int gm__ev_inside_region(const gm_gazetteer *g, uint32_t r, uint32_t in)
{
	const gm_gaz_place *a = &g->places[r], *b = &g->places[in];
	if (!gm__code_eq(a->country, b->country))
		return 0;
	if (gm__feature_is_country(a->feature))
		return 1;
	if (gm__feature_is_admin1(a->feature))
		return a->admin1 && b->admin1 && !strcmp(gm__gaz_str(g, a->admin1), gm__gaz_str(g, b->admin1));
	return gm__geodesic_km(a->lat, a->lon, b->lat, b->lon, NULL) <= 100.0;
}

long gm__ev_anaphor(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                    const gm_resolved *r, size_t k0, size_t k1, const hit *h, size_t clause_after, int *subject)
{
	*subject = 0;
	for (size_t x = sh->s0 + 1; x < clause_after && x < sh->s1; x++) {
		const char *w = gm__tok_text(t, x);
		size_t n = t->tok[x].f_len, al = strlen("ال");
		if (n <= al || !gm__utf8_has_prefix(w, n, "ال"))
			continue;
		uint8_t cue = gm__cue(g, w + al, n - al);
		int cls = GM_CUE_CLASS(cue);
		if (GM_CUE_ROLE(cue) != GM_CUE_TYPE || (cls != GM_TW_POPULATED && cls != GM_TW_NEIGHBOURHOOD))
			continue;
		/* the subject of a verb of witnessing before the event word, or
		 * behind في / على after it */
		int said = (x < h->tok && gm__word_has(t, x - 1, GM_W_WITNESS, NULL)) ||
		           (x > h->tok && gm__word_has(t, x - 1, GM_W_LOCATIVE, NULL) &&
		            (x + 1 >= sh->s1 || GM_CUE_ROLE(gm__tok_cue(g, t, x + 1)) == 0));
		if (!said)
			continue;
		/* (a name of its own right after the word is the place itself) */
		int named = 0;
		for (size_t k = k0; k < k1 && !named; k++)
			named = m[k].tok_first == x + 1;
		if (named)
			continue;
		for (size_t k = k0; k-- > 0;)
			if (r[k].place != GM_GAZ_NO_PLACE && m[k].type_word[0] && !m[k].type_inherited &&
			    strlen(m[k].type_word) == n - al && !memcmp(m[k].type_word, w + al, n - al)) {
				*subject = x < h->tok;
				return (long)k;
			}
	}
	return -1;
}
