/* quarters.c: where the text itself places a name (resolve.h): the parent it
 * gives it (X في Y، X شمال Y), and, the second half of resolving, the names no
 * candidate fits placed at the town the text puts them in, as ACLED codes a
 * neighbourhood or a village it cannot find to its town; a name placed so,
 * named again, kept at that place. resolve.c calls these, never the other
 * way round. */
#include "resolve.h"

#include "codes.h"
#include "crs.h"
#include "search.h"
#include "utf8.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* (resolve.c's too: the explicit parent a candidate is scored against) */
gm_parent gm__parent_of(const gm_match *m, size_t n, size_t i, const gm_resolved *out)
{
	gm_parent none = {GM_GAZ_NO_PLACE, GM_PL_NONE, 0};
	if (!out || i + 1 >= n || !m[i].parent_link)
		return none;
	/* (past a compass phrase that names no place here: "برنو شمال غربي مدينة
	 * كادوقلي", lists.c) */
	size_t p = i + 1;
	if (out[p].place == GM_GAZ_NO_PLACE && m[p].lexicon == 2 && p + 1 < n)
		p++;
	if (out[p].place == GM_GAZ_NO_PLACE)
		return none;
	return (gm_parent){out[p].place, m[i].parent_link, m[p].type_class == GM_TW_POPULATED && !m[p].type_inherited};
}

static int populated(const gm_gazetteer *g, uint32_t place)
{
	return place != GM_GAZ_NO_PLACE && gm__code_starts(g->places[place].feature, "PPL");
}

/* The document's town: the one it names most, the first named (its
 * dateline, as a rule) counting once more and winning ties. */
int gm__cmp_place_at(const void *a, const void *b)
{
	const gm_place_at *x = a, *y = b;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* (Counted by sorting, not pair by pair: linear-log in the matches.) */
static uint32_t most_named_town(const gm_gazetteer *g, const gm_resolved *out, size_t n)
{
	gm_place_at *at = malloc((n ? n : 1) * sizeof *at);
	size_t k = 0;
	uint32_t first = GM_GAZ_NO_PLACE;
	for (size_t i = 0; at && i < n; i++) {
		if (!populated(g, out[i].place) || gm__code_eq(g->places[out[i].place].feature, "PPLX"))
			continue;
		if (first == GM_GAZ_NO_PLACE)
			first = out[i].place;
		at[k++] = (gm_place_at){out[i].place, i};
	}
	if (k)
		qsort(at, k, sizeof *at, gm__cmp_place_at);
	/* the most named, the first named counting once more; a tie goes to the
	 * one named first */
	uint32_t focus = GM_GAZ_NO_PLACE;
	size_t best = 0, best_first = 0;
	for (size_t a = 0; a < k;) {
		size_t b = a;
		while (b < k && at[b].place == at[a].place)
			b++;
		size_t c = (b - a) + (at[a].place == first);
		if (c > best || (c == best && at[a].first < best_first)) {
			best = c;
			best_first = at[a].first;
			focus = at[a].place;
		}
		a = b;
	}
	free(at);
	return focus;
}

static int cmp_lat(const void *a, const void *b)
{
	const double *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Whether a place lies within km of one of pts (lat, lon pairs sorted by
 * lat): only those within the latitude band are measured. */
static int lat_below(const void *pts, size_t i, const void *lat)
{
	return ((const double *)pts)[2 * i] < *(const double *)lat;
}

static int near_any(const double *pts, size_t n, double lat, double lon, double km)
{
	double band = km / 110.0 + 0.01;   /* a degree of latitude is at least 110 km */
	double south = lat - band;
	size_t lo = gm__lower_bound(pts, n, lat_below, &south);
	for (size_t i = lo; i < n && pts[2 * i] <= lat + band; i++) {
		double azi;
		if (gm__geodesic_km(lat, lon, pts[2 * i], pts[2 * i + 1], &azi) <= km)
			return 1;
	}
	return 0;
}

/* A quarter or camp (after حي، أحياء، مخيم) that no gazetteer entry fits is
 * placed at its city, as ACLED codes a neighbourhood to its town: the town it
 * is said to be in (X في Y، بY), else a town named within a few words, else
 * the town the document names most. */
/* A quarter is one of a town the document names: a neighbourhood 900 km
 * from every other place of the text is another city's (حي الرسالة in
 * Fallujah's news is not Riyadh's): unresolved, for place_quarters to place.
 * (The other places once, sorted by latitude: each quarter is measured
 * against those of its band only, not against every match.) */
/* How far from every other place of the text a place may lie and still be
 * the quarter it is named as; 0 when it is not measured so. */
static double quarter_reach_km(const gm_gazetteer *g, const gm_match *m, const gm_resolved *r)
{
	if (r->place == GM_GAZ_NO_PLACE)
		return 0;
	const char *f = g->places[r->place].feature;
	if (gm__code_eq(f, "PPLX"))
		return 50;
	/* a town named as an item of a list of quarters (أحياء) or areas
	 * (مناطق الحي العسكري وحي العروبة: 255 km off is a namesake); areas
	 * reach farther (ومناطق روكب والشحر: Ash Shihr is 55 km from Mukalla) */
	if (strncmp(f, "PPL", 3) != 0)
		return 0;
	return m->list_class == GM_TW_NEIGHBOURHOOD ? 50 : m->list_class == GM_TW_AREA ? 100 : 0;
}

static void drop_far_quarters(const gm_gazetteer *g, const gm_match *m, size_t n, gm_resolved *out)
{
	double *pts = NULL;
	size_t n_pts = 0;
	for (size_t i = 0; i < n; i++) {
		double reach = quarter_reach_km(g, &m[i], &out[i]);
		if (!reach)
			continue;
		if (!pts) {
			pts = malloc(2 * (n ? n : 1) * sizeof *pts);
			for (size_t j = 0; pts && j < n; j++) {
				if (out[j].place == GM_GAZ_NO_PLACE || quarter_reach_km(g, &m[j], &out[j]))
					continue;
				const gm_gaz_place *o = &g->places[out[j].place];
				if (gm__feature_is_country(o->feature) || gm__feature_is_admin1(o->feature))
					continue;
				pts[2 * n_pts] = o->lat;
				pts[2 * n_pts + 1] = o->lon;
				n_pts++;
			}
			if (n_pts)
				qsort(pts, n_pts, 2 * sizeof *pts, cmp_lat);
			/* a place named a thousand times is one point to measure */
			size_t u = 0;
			for (size_t j = 0; j < n_pts; j++)
				if (!u || pts[2 * j] != pts[2 * (u - 1)] || pts[2 * j + 1] != pts[2 * (u - 1) + 1]) {
					pts[2 * u] = pts[2 * j];
					pts[2 * u + 1] = pts[2 * j + 1];
					u++;
				}
			n_pts = u;
		}
		const gm_gaz_place *q = &g->places[out[i].place];
		if (!near_any(pts, pts ? n_pts : 0, q->lat, q->lon, reach))
			out[i].place = GM_GAZ_NO_PLACE;
	}
	free(pts);
}

/* The town quarter i is placed at, and how it was chosen (*how); focus: the
 * town the document names most. */
static uint32_t quarter_town(const gm_gazetteer *g, const gm_match *m, size_t n, size_t i, const gm_resolved *out,
                             uint32_t focus, const char **how)
{
	/* an item of a list of places: the town named before the list (في ريف
	 * عين عيسى ... والسيطرة على نحو 10 قرى منها A وB); its siblings are no
	 * parents of it (شمسطار، الحلانية، سرعين التحتا) */
	size_t first = i;
	while (m[i].list_class && first > 0 && m[first - 1].list_class)
		first--;
	for (size_t d = 1; m[i].list_class && d <= first && m[first].tok_first - m[first - d].tok_last <= 24; d++)
		if (populated(g, out[first - d].place)) {   /* (words that are no place in between: على نحو) */
			*how = "a town named before the list";
			return out[first - d].place;
		}
	gm_parent parent = gm__parent_of(m, n, i, out);
	int sibling = m[i].list_class && (parent.link == GM_PL_COMMA || parent.link == GM_PL_LIST);
	if (!sibling && populated(g, parent.place)) {
		*how = parent.link >= GM_PL_NORTH && parent.link <= GM_PL_NEAR ? "the town it is said to be near"
		                                                              : "the town it is said to be in";
		return parent.place;
	}
	for (size_t d = 1; d <= 3; d++) {
		/* a town named just before or after (a list of quarters, then its town) */
		if (i >= d && populated(g, out[i - d].place) && m[i].tok_first - m[i - d].tok_last <= 12) {
			*how = "a town named before it";
			return out[i - d].place;
		}
		if (i + d < n && populated(g, out[i + d].place) && m[i + d].tok_first - m[i].tok_last <= 8) {
			*how = "a town named after it";
			return out[i + d].place;
		}
	}
	*how = "the town the document names most";
	return focus;
}

/* Whether the name starts with a type word of its own (البلدة القديمة، حي
 * الشهداء): a generic name, whose namesakes elsewhere the text's parent may
 * rule out; a word like الورق "في مدينة سمرقند" is no place at all. */
static int own_type_word(const gm_gazetteer *g, const gm_match *m)
{
	if (!m->key)
		return 0;
	const char *k = gm__gaz_str(g, m->key->str), *sp = memchr(k, ' ', m->key->len);
	size_t n = sp ? (size_t)(sp - k) : 0, al = strlen("ال");
	if (n > al && gm__utf8_starts(k, "ال")) {
		k += al;
		n -= al;
	}
	return n && GM_CUE_ROLE(gm__gaz_cue(g, k, n)) == GM_CUE_TYPE;
}

/* "بلدة برنو شمال غربي مدينة كادوقلي" where no candidate fits the parent: a
 * town the gazetteer lacks (or has only abroad), placed at the town the text
 * places it by (the event there too; ACLED codes a place near a town to it). */
static int town_by_its_parent(const gm_gazetteer *g, const gm_match *m, size_t n, size_t i, const gm_resolved *out)
{
	if (((m[i].type_class != GM_TW_POPULATED || m[i].type_inherited) && !(out[i].ruled_out && own_type_word(g, &m[i]))) ||
	    m[i].lexicon == 2)
		return 0;
	gm_parent parent = gm__parent_of(m, n, i, out);
	return (parent.link == GM_PL_IN || (parent.link >= GM_PL_NORTH && parent.link <= GM_PL_NEAR)) &&
	       populated(g, parent.place);
}

/* Whether key k (NULL: none) names place p. */
static int names_place(const gm_gazetteer *g, const gm_gaz_key *k, uint32_t p)
{
	for (uint32_t j = 0; k && j < k->post_count; j++)
		if (g->postings[k->post_start + j].place == p)
			return 1;
	return 0;
}

/* by_parent: only the towns a parent places (town_by_its_parent), so that
 * the document's one sense of them is settled before quarters and lists are
 * placed at them; else the rest. */
void gm__place_quarters(const gm_gazetteer *g, const gm_match *m, size_t n, gm_resolved *out, gm_strbuf *rules,
                        int by_parent)
{
	/* the document's town, counted (quadratic in the matches) only for a
	 * document with a quarter to place, before any is placed */
	uint32_t focus = GM_GAZ_NO_PLACE;
	int focus_known = 0;
	if (by_parent)
		drop_far_quarters(g, m, n, out);
	for (size_t i = 0; i < n; i++) {
		int parent_town = out[i].place == GM_GAZ_NO_PLACE && town_by_its_parent(g, m, n, i, out);
		if (by_parent && !parent_town)
			continue;
		/* a common word after حي is a quarter's name only with the article
		 * (حي الرسالة، حي المنشية); بث حيّ منذ is "live since" */
		/* (a name listed after a plural place word, "قرى منها A وB", is a place
		 * by the list: the list, not its word, is the evidence) */
		if (out[i].place != GM_GAZ_NO_PLACE || m[i].not_place ||
		    (m[i].type_class != GM_TW_NEIGHBOURHOOD && !m[i].list_class && !parent_town) ||
		    (m[i].lexicon && !m[i].list_class && !parent_town &&
		     !(m[i].key && m[i].key->len > 6 && gm__utf8_starts(gm__gaz_str(g, m[i].key->str), "ال"))) ||
		    (m[i].key && gm__event_word(g, gm__gaz_str(g, m[i].key->str), m[i].key->len)))
			continue;
		if (!focus_known) {
			focus = most_named_town(g, out, n);
			focus_known = 1;
		}
		const char *how = "";
		uint32_t at = m[i].same_as && m[i].same_as - 1 < i ? out[m[i].same_as - 1].place : GM_GAZ_NO_PLACE;
		if (at != GM_GAZ_NO_PLACE)
			how = "where the document named it before";
		else
			at = quarter_town(g, m, n, i, out, focus, &how);
		if (at == GM_GAZ_NO_PLACE)
			continue;
		out[i].place = at;
		out[i].score = g->w.min_score;
		/* "مخيّم عين الحلوة" after "عين الحلوة": the camp its name places
		 * at the town of that very name is that place, no quarter in it */
		out[i].quarter = !names_place(g, m[i].key, at);
		const char *said = m[i].list_class                   ? "listed after "
		                   : m[i].type_class == GM_TW_NEIGHBOURHOOD ? "quarter after "
		                   : m[i].type_word[0]                      ? "town after "
		                                                            : "a generic name";
		char rule[GM_RULE_MAX];
		snprintf(rule, sizeof rule, "%s%s, %s; placed at %s, %s", said, m[i].type_word,
		         m[i].key ? (m[i].list_class || m[i].type_class != GM_TW_NEIGHBOURHOOD ? "no place of that name fits"
		                                                                             : "no quarter of that name")
		                  : "not in the gazetteer",
		         gm__gaz_str(g, g->places[at].name_en), how);
		out[i].rule = gm__sb_keep(rules, rule);
	}
}

/* A name a list gave, placed at its town because no candidate fitted
 * there, named again later ("وفي بلدة الحفير" after "البلدات التالية: ...،
 * الحفير"): the document means the same place, not a namesake abroad that a
 * type word lifts; one sense per document. (The listed names are few: the
 * names after them are compared with those alone.) */
void gm__same_as_listed(const gm_gazetteer *g, const gm_match *m, size_t n, gm_resolved *out, gm_strbuf *rules)
{
	size_t listed[64], n_listed = 0;
	for (size_t i = 0; i < n; i++) {
		/* (and a generic name its parent placed: "البلدة القديمة بمدينة
		 * الخليل", then "البلدة القديمة" alone is Hebron's, not Jerusalem's) */
		int by_parent = out[i].ruled_out && out[i].quarter;
		if (m[i].key && (m[i].list_class || by_parent) && out[i].quarter && out[i].place != GM_GAZ_NO_PLACE) {
			if (n_listed < sizeof listed / sizeof *listed)
				listed[n_listed++] = i;
			continue;
		}
		if (!m[i].key || m[i].list_class || out[i].place == GM_GAZ_NO_PLACE)
			continue;
		for (size_t l = 0; l < n_listed; l++) {
			if (m[listed[l]].key != m[i].key)
				continue;
			const gm_resolved *was = &out[listed[l]];
			const gm_gaz_place *a = &g->places[was->place], *b = &g->places[out[i].place];
			int elsewhere = out[listed[l]].ruled_out
			                    ? gm__geodesic_km(a->lat, a->lon, b->lat, b->lon, NULL) > 20 &&
			                          gm__parent_of(m, n, i, out).place == GM_GAZ_NO_PLACE
			                    : !gm__code_eq(a->country, b->country);
			if (!elsewhere)
				continue;
			out[i].place = was->place;
			out[i].score = was->score;
			out[i].quarter = 1;
			char rule[GM_RULE_MAX];
			snprintf(rule, sizeof rule, "the name the document %s before; placed at %s",
			         out[listed[l]].ruled_out ? "placed" : "listed", gm__gaz_str(g, g->places[was->place].name_en));
			out[i].rule = gm__sb_keep(rules, rule);
			break;
		}
	}
}
