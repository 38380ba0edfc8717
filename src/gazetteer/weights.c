/* weights.c: the resolver's weights, one named table. An opened gazetteer
 * holds them (defaults at open, `map --weights` for a run), so they live with
 * the gazetteer and the resolver reads them there: match/ calls gazetteer/,
 * never the other way. The names are the ones `--weights`, scripts/sweep and
 * the README use. */
#include "gazetteer.h"

#include "codes.h"
#include "error.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define W(name) {#name, offsetof(gm_resolve_weights, name)}
static const struct { const char *name; size_t off; } weight_fields[] = {
	W(min_score), W(lex_country), W(lex_large_in), W(lex_large_none), W(lex_large_else), W(lex_mid_in),
	W(lex_mid_def_in), W(lex_mid_none), W(lex_small), W(lex_small_else), W(abroad_town), W(abroad_city),
	W(district_base), W(context_country), W(context_admin1), W(variant_cost), W(hinterland_admin), W(list_abroad),
};
#undef W

void gm_resolve_weights_default(gm_resolve_weights *w)
{
	*w = (gm_resolve_weights){
		.min_score = 35, .lex_country = 10, .lex_large_in = 10, .lex_large_none = 15, .lex_large_else = 55,
		.lex_mid_in = 30, .lex_mid_def_in = 30, .lex_mid_none = 10, .lex_small = 40, .lex_small_else = 50,
		.abroad_town = 25, .abroad_city = 0, .district_base = 22, .context_country = 10, .context_admin1 = 20,
		.variant_cost = 25, .hinterland_admin = 20, .list_abroad = 25,
	};
}

int gm_resolve_weights_parse(gm_resolve_weights *w, const char *spec, gm_error *err)
{
	const char *s = spec;
	while (*s) {
		const char *eq = strchr(s, '='), *end = strchr(s, ',');
		if (!end)
			end = s + strlen(s);
		if (!eq || eq > end)
			return gm__fail(err, GM_EINVAL, "weights: '%.*s' is not name=value", (int)(end - s), s);
		size_t i = 0, n = sizeof weight_fields / sizeof *weight_fields;
		while (i < n && !(strlen(weight_fields[i].name) == (size_t)(eq - s) && !strncmp(weight_fields[i].name, s, (size_t)(eq - s))))
			i++;
		if (i == n)
			return gm__fail(err, GM_EINVAL, "weights: no weight called '%.*s'", (int)(eq - s), s);
		char *e;
		long v = strtol(eq + 1, &e, 10);
		if (e != end || e == eq + 1 || v < -100 || v > 200)
			return gm__fail(err, GM_EINVAL, "weights: '%.*s' needs a whole number from -100 to 200", (int)(end - s), s);
		*(int *)((char *)w + weight_fields[i].off) = (int)v;
		s = *end ? end + 1 : end;
	}
	return GM_OK;
}

void gm_gazetteer_set_weights(gm_gazetteer *gaz, const gm_resolve_weights *w) { gaz->w = *w; }

/* ------------------------------------------------------------- priors */

static int population_bonus(int64_t pop) { return pop >= 1000000 ? 15 : pop >= 100000 ? 10 : pop >= 10000 ? 5 : 0; }

int gm__gaz_prior(const gm_resolve_weights *w, const char code[8], int64_t pop, const char **what)
{
	uint64_t f = gm__feature_word(code);
	/* most candidates are towns: their codes first (no other test below
	 * takes a PPL code) */
	if (GM__FEATURE_STARTS(f, "PPL")) {
		if (GM__FEATURE_IS(f, "PPLC")) { *what = "capital"; return 60 + (pop >= 1000000 ? 10 : 0); }
		if (GM__FEATURE_IS(f, "PPLA")) { *what = "provincial capital"; return 45 + population_bonus(pop); }
		/* the seat of a district is the town its district's news names */
		if (GM__FEATURE_IS(f, "PPLA2")) { *what = "district seat"; return 33 + population_bonus(pop); }
		*what = "town";
		return 30 + population_bonus(pop);
	}
	if ((GM__FEATURE_STARTS(f, "PCL") || GM__FEATURE_IS(f, "TERR"))) { *what = "country"; return 70; }
	if (GM__FEATURE_IS(f, "CONT")) { *what = "continent"; return 70; }
	if (GM__FEATURE_IS(f, "OCN")) { *what = "ocean"; return 70; }
	if (GM__FEATURE_IS(f, "RGN") || GM__FEATURE_IS(f, "RGNH")) { *what = "region"; return 60; }
	if (GM__FEATURE_IS(f, "PCLH")) { *what = "historic state"; return 60; }
	/* seas, rivers, mountains: named as such they are rarely anything else */
	if (GM__FEATURE_IS(f, "SEA") || GM__FEATURE_IS(f, "GULF") || GM__FEATURE_IS(f, "LK") || GM__FEATURE_IS(f, "STM") ||
	    GM__FEATURE_IS(f, "MT") || GM__FEATURE_IS(f, "MTS") || GM__FEATURE_IS(f, "PEN") || GM__FEATURE_IS(f, "PLAT")) {
		*what = "natural feature";
		return 45;
	}
	int base;
	if (GM__FEATURE_IS(f, "ADM1")) { *what = "admin1"; base = 50; }
	/* a district is rarely what a bare name means when a town shares it */
	else if (GM__FEATURE_STARTS(f, "ADM")) { *what = "district"; base = w->district_base; }
	else { *what = code; base = 30; }
	return base + population_bonus(pop);
}

int gm__gaz_kind_untagged(uint8_t kind)
{
	return kind != GM_NAME_CURATED && kind != GM_NAME_TAGGED && kind != GM_NAME_VARIANT && kind != GM_NAME_LATIN;
}

int gm__gaz_kind_bonus(const gm_resolve_weights *w, uint8_t kind, uint8_t note)
{
	switch (kind) {
	case GM_NAME_CURATED: return 15;
	case GM_NAME_TAGGED: return 10;
	/* the same letters but for vowels and transliteration classes: less sure
	 * than the name itself, surer than an untagged alternate (note 1: a
	 * two-word name written as one) */
	case GM_NAME_VARIANT: return note == 1 ? 5 : -w->variant_cost;
	/* a transliteration guess: it counts only inside a country the document
	 * is already about (score.c), and less than any Arabic name */
	case GM_NAME_LATIN: return -10;
	/* GeoNames' untagged Arabic-script names are Persian, Urdu and ad-hoc
	 * transliterations of foreign places (Ans = ان, Ely = الي): they need
	 * the document's context or a large place to count */
	default: return -10;
	}
}

int gm__gaz_static_score(const gm_resolve_weights *w, const gm_gaz_place *pl, const gm_gaz_posting *p)
{
	const char *what;
	return gm__gaz_prior(w, pl->feature, pl->population, &what) + gm__gaz_kind_bonus(w, p->kind, p->note);
}

int gm__gaz_order_holds(const gm_resolve_weights *w)
{
	gm_resolve_weights d;
	gm_resolve_weights_default(&d);
	/* the two weights gm__gaz_static_score reads */
	return w->district_base == d.district_base && w->variant_cost == d.variant_cost;
}
