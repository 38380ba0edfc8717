/* resolve.c: priors, context and a readable reason for every choice. */
#include "resolve.h"

#include "crs.h"
#include "utf8.h"

#include <math.h>
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
		return !strcmp(f, "MT") || !strcmp(f, "MTS") || !strcmp(f, "PLAT") || !strcmp(f, "HLL") || !strcmp(f, "HLLS") ||
		       !strcmp(f, "PK") || !strcmp(f, "PKS") || !strcmp(f, "RDGE") || !strcmp(f, "UPLD");
	case GM_TW_WATER:
		return !strcmp(f, "STM") || !strcmp(f, "SEA") || !strcmp(f, "OCN") || !strcmp(f, "LK") || !strcmp(f, "BAY") ||
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
	if (!strcmp(f, "CONT")) { *what = "continent"; return 70; }
	if (!strcmp(f, "OCN")) { *what = "ocean"; return 70; }
	if (!strcmp(f, "RGN") || !strcmp(f, "RGNH")) { *what = "region"; return 60; }
	if (!strcmp(f, "PCLH")) { *what = "historic state"; return 60; }
	/* seas, rivers, mountains: named as such they are rarely anything else */
	if (!strcmp(f, "SEA") || !strcmp(f, "GULF") || !strcmp(f, "LK") || !strcmp(f, "STM") || !strcmp(f, "MT") ||
	    !strcmp(f, "MTS") || !strcmp(f, "PEN") || !strcmp(f, "PLAT")) { *what = "natural feature"; return 45; }
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
	case GM_NAME_VARIANT: return "spelling variant of a tagged name";
	case GM_NAME_LATIN: return "Latin name by consonant skeleton (no Arabic name)";
	default: return "untagged name";
	}
}

/* How many confident matches other than ctx->exclude name this country / admin1. */
static uint32_t context_count(const gm_gazetteer *g, const gm_context *ctx, const char *cc, const char *admin1)
{
	const gm_gaz_place *own = ctx->exclude && ctx->exclude->context_place != GM_GAZ_NO_PLACE
	                              ? &g->places[ctx->exclude->context_place] : NULL;
	if (!admin1) {
		for (size_t i = 0; i < ctx->n; i++)
			if (strcmp(ctx->country[i], cc) == 0)
				return ctx->count[i] - (own && strcmp(own->country, cc) == 0);
		return 0;
	}
	char key[64];
	snprintf(key, sizeof key, "%s/%s", cc, admin1);
	for (size_t i = 0; i < ctx->n_admin1; i++)
		if (strcmp(ctx->admin1[i], key) == 0)
			return ctx->admin1_count[i] -
			       (own && strcmp(own->country, cc) == 0 && strcmp(gm__gaz_str(g, own->admin1), admin1) == 0);
	return 0;
}

static int is_admin1(const char *f) { return strcmp(f, "ADM1") == 0; }

/* What an explicit parent says of a candidate: a bonus when the candidate lies
 * in it (country, admin1) or near it (geodesic distance, and the direction
 * the text gives). */
static int parent_bonus(const gm_gazetteer *g, const gm_gaz_place *c, const gm_parent *parent, char *what,
                        size_t cap)
{
	const gm_gaz_place *pp = &g->places[parent->place];
	const char *pname = gm__gaz_str(g, pp->name_en);
	if (c == pp)
		return 0;
	if (is_country(pp->feature)) {
		if (strcmp(c->country, pp->country) != 0)
			return 0;
		snprintf(what, cap, "in %s (explicit parent)", pname);
		return 20;
	}
	double azi;
	double km = gm__geodesic_km(pp->lat, pp->lon, c->lat, c->lon, &azi);
	const char *parent_a1 = gm__gaz_str(g, pp->admin1);
	int inside_admin = is_admin1(pp->feature) && parent_a1[0] && strcmp(c->country, pp->country) == 0 &&
	                   strcmp(gm__gaz_str(g, c->admin1), parent_a1) == 0;
	double reach = is_admin1(pp->feature) || starts(pp->feature, "ADM") || !strcmp(pp->feature, "RGN") ? 150 : 60;
	if (!inside_admin && km > reach)
		return 0;
	if (parent->link >= GM_PL_NORTH && parent->link <= GM_PL_WEST && km > 5) {
		/* the bearing from the parent to the candidate must agree with the text */
		static const double want[] = {0, 0, 0, 180, 90, 270};
		double d = fabs(fmod(azi - want[parent->link] + 540.0, 360.0) - 180.0);
		if (d > 67.5)
			return 0;
	}
	snprintf(what, cap, "%.0f km from %s (explicit parent)", km, pname);
	return 20;
}

/* Letters of a key, not counting a leading article. */
static size_t letters_after_article(const gm_gazetteer *g, const gm_gaz_key *k)
{
	const char *s = gm__gaz_str(g, k->str);
	size_t n = gm__utf8_count(s, k->len);
	return n > 2 && !strncmp(s, "ال", strlen("ال")) ? n - 2 : n;
}

int gm__score_candidate(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p,
                        const gm_context *ctx, const gm_parent *parent, uint32_t n_candidates, char *rule,
                        size_t cap)
{
	const gm_gaz_place *pl = &g->places[p->place];
	const char *what;
	int s = prior(pl->feature, pl->population, &what);
	size_t o = 0;
	/* the reason is text for a person: written only when asked for (the
	 * chosen candidate, explain), not for every candidate scored */
#define ADD(...) do { if (!rule) break; int w_ = snprintf(rule + o, o < cap ? cap - o : 0, __VA_ARGS__); if (w_ > 0) o += (size_t)w_; if (o >= cap) o = cap - 1; } while (0)
	if (m->variant == GM_MATCH_LATIN)
		ADD("Latin %s; ", gm__gaz_str(g, m->key->str) + 1);
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
	int type_fits = m->type_class > GM_TW_AREA && fits_type(m->type_class, pl->feature);
	switch (p->kind) {
	case GM_NAME_CURATED: s += 15; break;
	case GM_NAME_TAGGED: s += 10; break;
	/* the same letters but for vowels and transliteration classes: less sure
	 * than the name itself, surer than an untagged alternate */
	case GM_NAME_VARIANT: s -= 25; break;
	/* a transliteration guess: it counts only inside a country the document
	 * is already about (below), and less than any Arabic name */
	case GM_NAME_LATIN: s -= 10; break;
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
	if (p->kind == GM_NAME_UNTAGGED && !type_fits && letters_after_article(g, m->key) <= 3) {
		/* three letters or fewer (بن، سن، لي، عنه): common words far more
		 * often than the obscure places that carry them untagged */
		s -= 40;
		ADD(" of 3 letters");
	}
	if (m->type_class > GM_TW_AREA) {
		if (type_fits) {
			s += 25;
			ADD("; after %s", m->type_word);
		} else if (m->type_class == GM_TW_NEIGHBOURHOOD && (is_country(pl->feature) || !strncmp(pl->feature, "ADM", 3))) {
			/* "حي X" is a neighbourhood: never the country or province X */
			s = 0;
			ADD("; a %s is no neighbourhood (after %s)", pl->feature, m->type_word);
		} else {
			s -= 20;
			ADD("; %s does not fit %s", pl->feature, m->type_word);
		}
	}
	if (ctx && !is_country(pl->feature) && context_count(g, ctx, pl->country, NULL) > 0) {
		s += 15;
		ADD("; country in context %s", pl->country);
		const char *a1 = gm__gaz_str(g, pl->admin1);
		if (a1[0] && !is_admin1(pl->feature) && context_count(g, ctx, pl->country, a1) > 0) {
			s += 10;
			ADD("; admin1 in context %s", a1);
		}
	}
	if (p->kind == GM_NAME_LATIN && (!ctx || context_count(g, ctx, pl->country, NULL) == 0)) {
		s = 0;
		ADD("; %s not in context", pl->country[0] ? pl->country : "no country");
	}
	if (parent && parent->place != GM_GAZ_NO_PLACE) {
		char why[96];
		int b = parent_bonus(g, pl, parent, why, sizeof why);
		if (b) {
			s += b;
			ADD("; %s", why);
		}
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

static void context_add(gm_context *ctx, const gm_gazetteer *g, uint32_t place)
{
	const gm_gaz_place *pl = &g->places[place];
	const char *cc = pl->country;
	size_t c = 0;
	while (c < ctx->n && strcmp(ctx->country[c], cc) != 0)
		c++;
	if (c == ctx->n) {
		if (ctx->n == GM_RESOLVE_MAX_CONTEXT)
			return;
		snprintf(ctx->country[c], sizeof ctx->country[c], "%s", cc);
		ctx->n++;
	}
	ctx->count[c]++;
	const char *a1 = gm__gaz_str(g, pl->admin1);
	if (!a1[0] || is_country(pl->feature))
		return;
	char key[64];
	snprintf(key, sizeof key, "%s/%s", cc, a1);
	for (c = 0; c < ctx->n_admin1 && strcmp(ctx->admin1[c], key) != 0; c++)
		;
	if (c == ctx->n_admin1) {
		if (ctx->n_admin1 == GM_RESOLVE_MAX_CONTEXT)
			return;
		snprintf(ctx->admin1[c], sizeof ctx->admin1[c], "%s", key);
		ctx->n_admin1++;
	}
	ctx->admin1_count[c]++;
}

void gm__resolve_context(const gm_gazetteer *g, gm_match *m, size_t n, gm_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	for (size_t i = 0; i < n; i++) {
		m[i].context_place = GM_GAZ_NO_PLACE;
		/* Demonyms (الأذربيجانية) are left out of the context on purpose: with
		 * them in, AQMAR test lost 0.011 F1 (34 more false alarms), since
		 * encyclopaedic text names many nationalities that are not its place. */
		/* a Latin guess is not evidence of the country it needs */
		if (m[i].not_place || m[i].variant == GM_MATCH_LATIN)
			continue;
		const gm_gaz_key *k = m[i].key;
		const gm_gaz_posting *p = &g->postings[k->post_start];
		int best = -1;
		uint32_t bi = 0;
		for (uint32_t j = 0; j < k->post_count; j++) {
			if (!gm__gaz_is_candidate(g, &p[j]))
				continue;
			int s = gm__score_candidate(g, &m[i], &p[j], NULL, NULL, k->post_count, NULL, 0);
			if (s > best) {
				best = s;
				bi = j;
			}
		}
		/* only confident readings set the context: a country named as such, or a
		 * name with one clear winner */
		if (best < 60 || !g->places[p[bi].place].country[0])
			continue;
		context_add(ctx, g, p[bi].place);
		m[i].context_place = p[bi].place;
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

gm_parent gm__parent_of(const gm_match *m, size_t n, size_t i, const gm_resolved *out)
{
	gm_parent none = {GM_GAZ_NO_PLACE, GM_PL_NONE};
	if (!out || i + 1 >= n || !m[i].parent_link || out[i + 1].place == GM_GAZ_NO_PLACE)
		return none;
	return (gm_parent){out[i + 1].place, m[i].parent_link};
}

static void choose(const gm_gazetteer *g, const gm_match *m, gm_context *ctx, const gm_parent *parent,
                   gm_resolved *r)
{
	r->place = GM_GAZ_NO_PLACE;
	r->score = 0;
	r->rule[0] = '\0';
	if (m->not_place)
		return;
	ctx->exclude = m;
	const gm_gaz_key *k = m->key;
	const gm_gaz_posting *p = &g->postings[k->post_start];
	uint32_t best = UINT32_MAX;
	for (uint32_t j = 0; j < k->post_count; j++) {
		if (!gm__gaz_is_candidate(g, &p[j]))
			continue;
		int s = gm__score_candidate(g, m, &p[j], ctx, parent, k->post_count, NULL, 0);
		if (gm__candidate_better(g, s, p[j].place, r->score, r->place)) {
			r->score = s;
			r->place = p[j].place;
			best = j;
		}
	}
	/* the winner's reason, scored again with its text */
	if (best != UINT32_MAX)
		gm__score_candidate(g, m, &p[best], ctx, parent, k->post_count, r->rule, sizeof r->rule);
	if (r->score < GM_RESOLVE_MIN_SCORE)
		r->place = GM_GAZ_NO_PLACE;
}

void gm__resolve(const gm_gazetteer *g, gm_match *m, size_t n, gm_resolved *out)
{
	gm_context ctx;
	gm__resolve_context(g, m, n, &ctx);
	for (size_t i = 0; i < n; i++)
		choose(g, &m[i], &ctx, NULL, &out[i]);
	/* explicit parents, right to left so that "X في Y في Z" settles Y before X */
	for (size_t i = n; i-- > 0;) {
		gm_parent parent = gm__parent_of(m, n, i, out);
		if (parent.place != GM_GAZ_NO_PLACE)
			choose(g, &m[i], &ctx, &parent, &out[i]);
	}
}
