/* resolve.c: one place for each matched name: the document's context from
 * its confident matches, the best candidate of each name by score.c, then
 * the names whose parent the text gives or that a list carries, and last the
 * quarters and towns the gazetteer lacks (quarters.c). */
#include "resolve.h"

#include "codes.h"
#include "crs.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The score of a name's best candidate that lets it set the context. */
#define CONFIDENT 60
/* Names with this many candidates or more skip those whose bound (score.h)
 * says they cannot win: with fewer, the bounds cost more than they save. */
#define PRUNE_FROM 8

void gm__resolve_context(const gm_gazetteer *g, gm_match *m, size_t n, gm_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->all = m;
	ctx->n_all = n;
	for (size_t i = 0; i < n; i++) {
		m[i].context_place = GM_GAZ_NO_PLACE;
		/* Demonyms (الأذربيجانية) are left out of the context on purpose: with
		 * them in, AQMAR test lost 0.011 F1 (34 more false alarms), since
		 * encyclopaedic text names many nationalities that are not its place. */
		/* a Latin guess is not evidence of the country it needs */
		if (m[i].not_place || m[i].variant == GM_MATCH_LATIN || !m[i].key)
			continue;
		const gm_gaz_key *k = m[i].key;
		const gm_gaz_posting *p = &g->postings[k->post_start];
		int best = -1;
		uint32_t bi = 0;
		/* a candidate that cannot reach CONFIDENT cannot be a winner that
		 * counts: skipped on its bound (score.h), and the rest with it past
		 * the large places where the file's order says none can */
		int prune = k->post_count >= PRUNE_FROM, stop = prune && gm__gaz_order_holds(&g->w);
		int gain = prune ? gm__score_gain(g, &m[i], NULL) : 0;
		for (uint32_t j = 0; j < k->post_count; j++) {
			if (!gm__gaz_is_candidate(g, &p[j]))
				continue;
			if (prune) {
				int t = gm__score_triage(g, &m[i], &p[j], NULL, gain, CONFIDENT,
				                         stop && !gm__large_place(&g->places[p[j].place])) & GM_TRIAGE_ACTION;
				if (t == GM_TRIAGE_STOP)
					break;
				if (t == GM_TRIAGE_SKIP)
					continue;
			}
			int s = gm__score_candidate(g, &m[i], &p[j], NULL, NULL, k->post_count, NULL, 0);
			/* (ties to the lower place index: the file lists candidates by score) */
			if (s > best || (s == best && p[j].place < p[bi].place)) {
				best = s;
				bi = j;
			}
		}
		/* only confident readings set the context: a country named as such, or a
		 * name with one clear winner */
		/* a quarter's name (حي الشهداء، ساحة النور) says little of the country:
		 * quarters of that name are everywhere */
		if (best < CONFIDENT || !g->places[p[bi].place].country[0] || gm__code_eq(g->places[p[bi].place].feature, "PPLX"))
			continue;
		gm__context_add(ctx, g, p[bi].place);
		m[i].context_place = p[bi].place;
	}
	gm__context_count_keys(g, ctx);
}

int gm__candidate_better(const gm_gazetteer *g, int s, uint32_t place, int best_score, uint32_t best_place)
{
	if (best_place == GM_GAZ_NO_PLACE)
		return 1;
	if (s != best_score)
		return s > best_score;
	/* a tie goes to the larger place, then to the lower place index (the
	 * file lists a key's candidates by static score, and the resolver may
	 * skip some: the winner must not depend on which it scored first) */
	int64_t a = g->places[place].population, b = g->places[best_place].population;
	return a != b ? a > b : place < best_place;
}

/* Whether a parent may rule candidates out: one whose link places (in, a
 * direction, near), not a comma, which may join a list. */
static int may_rule_out(const gm_parent *parent)
{
	return parent && parent->place != GM_GAZ_NO_PLACE &&
	       (parent->link == GM_PL_IN || (parent->link >= GM_PL_NORTH && parent->link <= GM_PL_NEAR));
}

/* Whether the text's parent rules candidate c out: "بلدة برنو شمال غربي مدينة
 * كادوقلي" is no town 4,000 km off in another country (Brno), "البلدة القديمة
 * بمدينة الخليل" no old city 30 km from Hebron (Jerusalem's). */
static int against_parent(const gm_gazetteer *g, const gm_gaz_place *c, const gm_parent *parent)
{
	if (!may_rule_out(parent))
		return 0;
	/* (a town: a mountain range or a region may span frontiers, البرانس) */
	const gm_gaz_place *pp = &g->places[parent->place];
	/* in a town the text names as one (بمدينة، في بلدة): within its reach; a
	 * bare "في حلب" may mean its province, and is not held to it */
	if (parent->link == GM_PL_IN && parent->settlement && gm__code_starts(c->feature, "PPL") &&
	    gm__code_starts(pp->feature, "PPL") && gm__geodesic_beyond_km(pp->lat, pp->lon, c->lat, c->lon, 20))
		return 1;
	if (gm__code_eq(c->country, pp->country) || !gm__code_starts(c->feature, "PPL") || !pp->country[0])
		return 0;
	return gm__geodesic_beyond_km(pp->lat, pp->lon, c->lat, c->lon, 300);
}

static void choose(const gm_gazetteer *g, const gm_match *m, gm_context *ctx, const gm_parent *parent,
                   gm_resolved *r, gm_strbuf *rules)
{
	r->place = GM_GAZ_NO_PLACE;
	r->score = 0;
	r->rule = 0;
	r->quarter = 0;
	r->ruled_out = 0;
	if (m->not_place || !m->key)
		return;
	gm__context_exclude(g, ctx, m);
	const gm_gaz_key *k = m->key;
	const gm_gaz_posting *p = &g->postings[k->post_start];
	uint32_t best = UINT32_MAX, local = UINT32_MAX;
	int local_score = 0, ruled_out = 0;
	/* A name with many candidates: a candidate whose bound (score.h) is
	 * below both the best score found and min_score is not scored. It
	 * cannot win, and where no candidate reaches min_score the name is no
	 * place whatever its best score. Large places are always scored: one
	 * of the document's country may win below the best (local, below); the
	 * file lists them first, then the others by static score, so past them
	 * the first candidate whose stop bound is below what is needed ends the
	 * loop, unless a parent may still rule a later one out (ruled_out). */
	int prune = k->post_count >= PRUNE_FROM, gain = prune ? gm__score_gain(g, m, parent) : 0;
	int stop = prune && gm__gaz_order_holds(&g->w) && !may_rule_out(parent), in_context_only = 0;
	for (uint32_t j = 0; j < k->post_count; j++) {
		if (!gm__gaz_is_candidate(g, &p[j]))
			continue;
		/* past where only a country in context can lift a candidate enough:
		 * the others are passed over on their country alone, the posting's
		 * (the place is not loaded: a cache miss each) */
		char cc[4];
		if (in_context_only && gm__context_count(ctx, gm__gaz_posting_country(g, &p[j], cc), NULL) == 0)
			continue;
		const gm_gaz_place *c = &g->places[p[j].place];
		if (against_parent(g, c, parent)) {
			ruled_out = 1;
			continue;
		}
		int large = gm__large_place(c);
		if (prune && !large) {
			int needed = r->place != GM_GAZ_NO_PLACE && r->score > g->w.min_score ? r->score : g->w.min_score;
			int t = gm__score_triage(g, m, &p[j], ctx, gain, needed, stop);
			in_context_only |= (t & GM_TRIAGE_REST_IN_CONTEXT) != 0;
			if ((t & GM_TRIAGE_ACTION) == GM_TRIAGE_STOP)
				break;
			if ((t & GM_TRIAGE_ACTION) == GM_TRIAGE_SKIP)
				continue;
		}
		int s = gm__score_candidate(g, m, &p[j], ctx, parent, k->post_count, NULL, 0);
		if (gm__candidate_better(g, s, p[j].place, r->score, r->place)) {
			r->score = s;
			r->place = p[j].place;
			best = j;
		}
		if (large && !gm__feature_is_country(c->feature) && gm__context_count(ctx, c->country, NULL) > 0 &&
		    (local == UINT32_MAX || s > local_score || (s == local_score && p[j].place < p[local].place))) {
			local = j;
			local_score = s;
		}
	}
	/* a city of the document's country against a more prominent namesake
	 * abroad: طرابلس in Lebanese news is Tripoli of Lebanon, not Libya's
	 * capital, when the two score within 10 */
	const char *abroad = NULL;
	if (best != UINT32_MAX && local != UINT32_MAX && local != best && local_score >= r->score - 10 &&
	    !gm__feature_is_country(g->places[r->place].feature) && gm__context_count(ctx, g->places[r->place].country, NULL) == 0) {
		abroad = gm__gaz_str(g, g->places[r->place].name_en);
		best = local;
		r->place = p[local].place;
		r->score = local_score;
	}
	if (r->score < g->w.min_score)
		r->place = GM_GAZ_NO_PLACE;
	/* the winner's reason, scored again with its text */
	if (best != UINT32_MAX && r->place != GM_GAZ_NO_PLACE) {
		char rule[GM_RULE_MAX];
		gm__score_candidate(g, m, &p[best], ctx, parent, k->post_count, rule, sizeof rule);
		size_t o = strlen(rule);
		if (abroad && o + 1 < sizeof rule)
			snprintf(rule + o, sizeof rule - o, "; in the document's country rather than %s abroad", abroad);
		r->rule = gm__sb_keep(rules, rule);
	}
	r->ruled_out = (uint8_t)(ruled_out && r->place == GM_GAZ_NO_PLACE);
}

void gm__resolve(const gm_gazetteer *g, gm_match *m, size_t n, gm_resolved *out, gm_strbuf *rules)
{
	gm__sb_texts_clear(rules);
	gm_context ctx;
	gm__resolve_context(g, m, n, &ctx);
	/* a type word before a list is said of every item: "قريتي جبالا وأرينبة" */
	for (size_t i = 0; i + 1 < n; i++)
		if (gm__listed_together(m, i) && m[i].type_class > GM_TW_AREA && !m[i + 1].type_class) {
			m[i + 1].type_class = m[i].type_class;
			m[i + 1].type_inherited = 1;
			memcpy(m[i + 1].type_word, m[i].type_word, sizeof m[i].type_word);
		}
	for (size_t i = 0; i < n; i++)
		choose(g, &m[i], &ctx, NULL, &out[i], rules);
	/* explicit parents, right to left so that "X في Y في Z" settles Y before X */
	for (size_t i = n; i-- > 0;) {
		gm_parent parent = gm__parent_of(m, n, i, out);
		if (parent.place != GM_GAZ_NO_PLACE)
			choose(g, &m[i], &ctx, &parent, &out[i], rules);
	}
	/* lists: a name listed with a place found is a place of its country near
	 * it, even where it is also a common word; a few rounds carry it along */
	for (int round = 0, changed = 1; changed && round < 4; round++) {
		changed = 0;
		for (size_t i = 0; i < n; i++) {
			if (out[i].place != GM_GAZ_NO_PLACE || m[i].not_place)
				continue;
			/* the nearest item of the same list found, either way along it */
			for (int side = 0; side < 2 && out[i].place == GM_GAZ_NO_PLACE; side++) {
				size_t j = i;
				while (side ? j + 1 < n && gm__listed_together(m, j) : j > 0 && gm__listed_together(m, j - 1)) {
					j = side ? j + 1 : j - 1;
					if (out[j].place != GM_GAZ_NO_PLACE)
						break;
				}
				if (j == i || out[j].place == GM_GAZ_NO_PLACE)
					continue;
				gm_parent sibling = {out[j].place, GM_PL_LIST, 0};
				choose(g, &m[i], &ctx, &sibling, &out[i], rules);
				changed |= out[i].place != GM_GAZ_NO_PLACE;
			}
		}
	}
	gm__place_quarters(g, m, n, out, rules, 1);
	gm__same_as_listed(g, m, n, out, rules);
	gm__place_quarters(g, m, n, out, rules, 0);
	gm__same_as_listed(g, m, n, out, rules);
	gm__context_free(&ctx);
}
