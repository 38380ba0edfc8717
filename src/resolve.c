/* resolve.c: priors, context and a readable reason for every choice. */
#include "resolve.h"

#include <stdio.h>
#include <string.h>

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static int is_country(const char *f) { return starts(f, "PCL") || strcmp(f, "TERR") == 0; }

/* Does a feature code fit the class a type word asks for? */
static int fits_type(int cls, const char *f)
{
	switch (cls) {
	case GM_TW_POPULATED: return starts(f, "PPL") && strcmp(f, "PPLX") != 0;
	case GM_TW_ADMIN: return starts(f, "ADM") || strcmp(f, "RGN") == 0 || is_country(f);
	case GM_TW_MOUNTAIN:
		return !strcmp(f, "MT") || !strcmp(f, "MTS") || !strcmp(f, "HLL") || !strcmp(f, "HLLS") ||
		       !strcmp(f, "PK") || !strcmp(f, "PKS") || !strcmp(f, "RDGE") || !strcmp(f, "UPLD") || !strcmp(f, "PLAT");
	case GM_TW_WATER:
		return !strcmp(f, "STM") || !strcmp(f, "SEA") || !strcmp(f, "LK") || !strcmp(f, "BAY") ||
		       !strcmp(f, "GULF") || !strcmp(f, "RSV");
	case GM_TW_ROAD: return !strcmp(f, "RD") || !strcmp(f, "PASS") || !strcmp(f, "GAP");
	case GM_TW_AIRPORT: return !strcmp(f, "AIRP");
	case GM_TW_PORT: return !strcmp(f, "PRT") || starts(f, "PPL");
	case GM_TW_NEIGHBOURHOOD: return !strcmp(f, "PPLX");
	default: return 1;
	}
}

static int prior(const char *f, int64_t pop, const char **what)
{
	if (is_country(f)) { *what = "country"; return 70; }
	if (!strcmp(f, "PPLC")) { *what = "capital"; return 60 + (pop >= 1000000 ? 10 : 0); }
	if (!strcmp(f, "RGN")) { *what = "region"; return 60; }
	int base;
	if (!strcmp(f, "ADM1")) { *what = "admin1"; base = 50; }
	else if (!strcmp(f, "PPLA")) { *what = "provincial capital"; base = 45; }
	/* a district is rarely what a bare name means when a town shares it */
	else if (starts(f, "ADM")) { *what = "district"; base = 32; }
	else if (starts(f, "PPL")) { *what = "town"; base = 30; }
	else { *what = f; base = 30; }
	if (pop >= 1000000) base += 15;
	else if (pop >= 100000) base += 10;
	else if (pop >= 10000) base += 5;
	return base;
}

static const char *kind_name(uint8_t kind)
{
	switch (kind) {
	case GM_NAME_CURATED: return "curated name";
	case GM_NAME_TAGGED: return "Arabic name";
	default: return "untagged name";
	}
}

static int in_context(const gm_context *ctx, const char *cc)
{
	if (!cc[0])
		return 0;
	for (size_t i = 0; i < ctx->n; i++)
		if (strcmp(ctx->country[i], cc) == 0)
			return ctx->count[i] > (uint32_t)(ctx->exclude && strcmp(ctx->exclude, cc) == 0);
	return 0;
}

int gm__score_candidate(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p,
                        const gm_context *ctx, uint32_t n_candidates, char *rule, size_t cap)
{
	const gm_gaz_place *pl = &g->places[p->place];
	const char *what;
	int s = prior(pl->feature, pl->population, &what);
	size_t o = 0;
#define ADD(...) do { int w_ = snprintf(rule + o, o < cap ? cap - o : 0, __VA_ARGS__); if (w_ > 0) o += (size_t)w_; if (o >= cap) o = cap - 1; } while (0)
	if (m->clitic[0]) {
		s -= 5;
		ADD("clitic %s", m->clitic);
	} else {
		ADD("exact");
	}
	ADD("; %s", what);
	if (pl->population >= 1000000)
		ADD(" pop %.1fM", (double)pl->population / 1e6);
	else if (pl->population >= 1000)
		ADD(" pop %.0fk", (double)pl->population / 1e3);
	switch (p->kind) {
	case GM_NAME_CURATED: s += 15; break;
	case GM_NAME_TAGGED: s += 10; break;
	default:
		/* GeoNames' untagged Arabic-script names are Persian, Urdu and ad-hoc
		 * transliterations of foreign places (Ans = ان, Ely = الي): they
		 * need the document's context or a large place to count */
		s -= 10;
		if (m->clitic[0])
			s -= 5;
		break;
	}
	ADD("; %s", kind_name(p->kind));
	if (m->type_class > GM_TW_AREA) {
		if (fits_type(m->type_class, pl->feature)) {
			s += 25;
			ADD("; after %s", m->type_word);
		} else {
			s -= 20;
			ADD("; %s does not fit %s", pl->feature, m->type_word);
		}
	}
	if (ctx && !is_country(pl->feature) && in_context(ctx, pl->country)) {
		s += 15;
		ADD("; country in context %s", pl->country);
	}
	if (n_candidates > 1)
		ADD("; of %u candidates", n_candidates);
#undef ADD
	if (s < 0)
		s = 0;
	if (s > 100)
		s = 100;
	return s;
}

void gm__resolve_context(const gm_gazetteer *g, gm_match *m, size_t n, gm_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	char rule[160];
	for (size_t i = 0; i < n; i++) {
		m[i].context_cc[0] = '\0';
		if (m[i].not_place)
			continue;
		const gm_gaz_key *k = m[i].key;
		const gm_gaz_posting *p = &g->postings[k->post_start];
		int best = -1;
		uint32_t bi = 0;
		for (uint32_t j = 0; j < k->post_count; j++) {
			if (p[j].kind == GM_NAME_NOT_PLACE)
				continue;
			int s = gm__score_candidate(g, &m[i], &p[j], NULL, k->post_count, rule, sizeof rule);
			if (s > best) {
				best = s;
				bi = j;
			}
		}
		/* only confident readings set the context: a country named as such, or a
		 * name with one clear winner */
		if (best < 60)
			continue;
		const char *cc = g->places[p[bi].place].country;
		if (!cc[0])
			continue;
		size_t c = 0;
		while (c < ctx->n && strcmp(ctx->country[c], cc) != 0)
			c++;
		if (c == ctx->n) {
			if (ctx->n == GM_RESOLVE_MAX_CONTEXT)
				continue;
			snprintf(ctx->country[c], sizeof ctx->country[c], "%s", cc);
			ctx->n++;
		}
		ctx->count[c]++;
		snprintf(m[i].context_cc, sizeof m[i].context_cc, "%s", cc);
	}
}

int gm__candidate_better(const gm_gazetteer *g, int s, uint32_t place, int best_score, uint32_t best_place)
{
	if (best_place == GM_GAZ_NO_PLACE)
		return 1;
	if (s != best_score)
		return s > best_score;
	/* a tie goes to the larger place; equal ones keep the first (stable) */
	return g->places[place].population > g->places[best_place].population;
}

void gm__resolve(const gm_gazetteer *g, gm_match *m, size_t n, gm_resolved *out)
{
	gm_context ctx;
	gm__resolve_context(g, m, n, &ctx);
	char rule[160];
	for (size_t i = 0; i < n; i++) {
		gm_resolved *r = &out[i];
		r->place = GM_GAZ_NO_PLACE;
		r->score = 0;
		r->rule[0] = '\0';
		if (m[i].not_place)
			continue;
		ctx.exclude = m[i].context_cc[0] ? m[i].context_cc : NULL;
		const gm_gaz_key *k = m[i].key;
		const gm_gaz_posting *p = &g->postings[k->post_start];
		for (uint32_t j = 0; j < k->post_count; j++) {
			if (p[j].kind == GM_NAME_NOT_PLACE)
				continue;
			int s = gm__score_candidate(g, &m[i], &p[j], &ctx, k->post_count, rule, sizeof rule);
			if (gm__candidate_better(g, s, p[j].place, r->score, r->place)) {
				r->score = s;
				r->place = p[j].place;
				snprintf(r->rule, sizeof r->rule, "%s", rule);
			}
		}
		if (r->score < GM_RESOLVE_MIN_SCORE)
			r->place = GM_GAZ_NO_PLACE;
	}
}
