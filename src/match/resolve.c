/* resolve.c: priors, context and a readable reason for every choice. */
#include "resolve.h"

#include "strbuf.h"

#include "crs.h"
#include "error.h"
#include "utf8.h"

#include <stddef.h>
#include <stdlib.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

/* String equality and prefix, inline: the scorer compares feature and country
 * codes of every candidate many times, and a call to strcmp costs more
 * than such short codes. */
static inline int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static inline int starts(const char *s, const char *p)
{
	while (*p && *s == *p) {
		s++;
		p++;
	}
	return !*p;
}

static int is_country(const char *f) { return starts(f, "PCL") || str_eq(f, "TERR"); }

/* Does a feature code fit the class a type word asks for? */
static int fits_type(int cls, const char *f)
{
	switch (cls) {
	case GM_TW_POPULATED: return starts(f, "PPL") && !str_eq(f, "PPLX");
	case GM_TW_ADMIN: return starts(f, "ADM") || str_eq(f, "RGN") || is_country(f);
	case GM_TW_MOUNTAIN:
		return str_eq(f, "MT") || str_eq(f, "MTS") || str_eq(f, "PLAT") || str_eq(f, "HLL") || str_eq(f, "HLLS") ||
		       str_eq(f, "PK") || str_eq(f, "PKS") || str_eq(f, "RDGE") || str_eq(f, "UPLD");
	case GM_TW_WATER:
		return str_eq(f, "STM") || str_eq(f, "SEA") || str_eq(f, "OCN") || str_eq(f, "LK") || str_eq(f, "BAY") ||
		       str_eq(f, "GULF") || str_eq(f, "RSV");
	case GM_TW_ROAD: return str_eq(f, "RD") || str_eq(f, "PASS") || str_eq(f, "GAP");
	case GM_TW_AIRPORT: return str_eq(f, "AIRP");
	case GM_TW_PORT: return str_eq(f, "PRT") || starts(f, "PPL");
	case GM_TW_NEIGHBOURHOOD: return str_eq(f, "PPLX");
	default: return 1;
	}
}

static int prior(const gm_resolve_weights *w, const char *f, int64_t pop, const char **what)
{
	if (is_country(f)) { *what = "country"; return 70; }
	if (str_eq(f, "PPLC")) { *what = "capital"; return 60 + (pop >= 1000000 ? 10 : 0); }
	if (str_eq(f, "CONT")) { *what = "continent"; return 70; }
	if (str_eq(f, "OCN")) { *what = "ocean"; return 70; }
	if (str_eq(f, "RGN") || str_eq(f, "RGNH")) { *what = "region"; return 60; }
	if (str_eq(f, "PCLH")) { *what = "historic state"; return 60; }
	/* seas, rivers, mountains: named as such they are rarely anything else */
	if (str_eq(f, "SEA") || str_eq(f, "GULF") || str_eq(f, "LK") || str_eq(f, "STM") || str_eq(f, "MT") ||
	    str_eq(f, "MTS") || str_eq(f, "PEN") || str_eq(f, "PLAT")) { *what = "natural feature"; return 45; }
	int base;
	if (str_eq(f, "ADM1")) { *what = "admin1"; base = 50; }
	else if (str_eq(f, "PPLA")) { *what = "provincial capital"; base = 45; }
	/* a district is rarely what a bare name means when a town shares it */
	else if (starts(f, "ADM")) { *what = "district"; base = w->district_base; }
	/* the seat of a district is the town its district's news names */
	else if (str_eq(f, "PPLA2")) { *what = "district seat"; base = 33; }
	else if (starts(f, "PPL")) { *what = "town"; base = 30; }
	else { *what = f; base = 30; }
	if (pop >= 1000000) base += 15;
	else if (pop >= 100000) base += 10;
	else if (pop >= 10000) base += 5;
	return base;
}

static const char *kind_name(uint8_t kind, uint8_t note)
{
	if (kind == GM_NAME_VARIANT && note == 1)
		return "two-word name written as one";
	switch (kind) {
	case GM_NAME_CURATED: return "curated name";
	case GM_NAME_TAGGED: return "Arabic name";
	case GM_NAME_VARIANT: return "spelling variant of a tagged name";
	case GM_NAME_LATIN: return "Latin name by consonant skeleton (no Arabic name)";
	default: return "untagged name";
	}
}

/* The slot of a country / "CC/admin1" key in the context; ctx->n /
 * ctx->n_admin1 when it is not there. */
static size_t country_slot(const gm_context *ctx, const char *cc)
{
	size_t i = 0;
	while (i < ctx->n && !str_eq(ctx->country[i], cc))
		i++;
	return i;
}

static size_t admin1_slot(const gm_context *ctx, const char *key)
{
	size_t i = 0;
	while (i < ctx->n_admin1 && !str_eq(ctx->admin1[i], key))
		i++;
	return i;
}

/* Whether k is the key admin1_key makes of (cc, a1), "CC/admin1" cut to the
 * 63 bytes a context slot holds, compared where it stands: scoring asks
 * this for every candidate, and printing the key each time cost more than
 * all the rest of the scoring (#17). */
static int is_admin1_key(const char *k, const char *cc, const char *a1)
{
	const size_t max = sizeof ((gm_context *)0)->admin1[0] - 1;
	size_t n = 0;
	for (const char *parts[3] = {cc, "/", a1}, **p = parts; p < parts + 3; p++)
		for (const char *s = *p; *s; s++, n++) {
			if (n == max)
				return k[n] == '\0';
			if (k[n] != *s)
				return 0;
		}
	return k[n] == '\0';
}

static size_t admin1_slot_of(const gm_context *ctx, const char *cc, const char *a1)
{
	size_t i = 0;
	while (i < ctx->n_admin1 && !is_admin1_key(ctx->admin1[i], cc, a1))
		i++;
	return i;
}

/* The admin1 key a place counts under, or 0 when it counts under none. */
static int admin1_key(const gm_gazetteer *g, const gm_gaz_place *pl, char *key, size_t cap)
{
	const char *a1 = gm__gaz_str(g, pl->admin1);
	if (!a1[0] || is_country(pl->feature))
		return 0;
	snprintf(key, cap, "%s/%s", pl->country, a1);
	return 1;
}

/* A name is not its own context; where it is repeated, its other
 * occurrences count only in a document about more than one country: "بلدة
 * برنو" twice in Sudanese news does not make Brno's Czechia the document's
 * country, "مدينة درعا" in an article about Daraa alone does make Syria its
 * country. (A count that matters is of a country in the context, so "another
 * country" is "more than one".) */
struct gm__key_counts {
	const gm_gaz_key *key;   /* NULL: a free slot */
	uint32_t country[GM_RESOLVE_MAX_CONTEXT];
	uint32_t admin1[GM_RESOLVE_MAX_CONTEXT];
};

/* Add what match o's confident reading adds to the context into counts. */
static void add_contribution(const gm_gazetteer *g, const gm_context *ctx, const gm_match *o, uint32_t *country,
                             uint32_t *admin1)
{
	const gm_gaz_place *op = &g->places[o->context_place];
	size_t c = country_slot(ctx, op->country);
	if (c < ctx->n)
		country[c]++;
	const char *a1 = gm__gaz_str(g, op->admin1);
	if (a1[0] && !is_country(op->feature) && (c = admin1_slot_of(ctx, op->country, a1)) < ctx->n_admin1)
		admin1[c]++;
}

static size_t key_slot(const gm_gaz_key *k, size_t cap)
{
	uintptr_t h = (uintptr_t)k;
	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 7) & (cap - 1);
}

/* The counts of every key named more than once, once per key: built after
 * the context is complete (its slots no longer change). */
static void build_key_counts(const gm_gazetteer *g, gm_context *ctx)
{
	size_t n = 0;
	for (size_t i = 0; i < ctx->n_all; i++)
		n += ctx->all[i].context_place != GM_GAZ_NO_PLACE;
	if (ctx->n <= 1 || n == 0)
		return;   /* a repeat counts only in a document of several countries */
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	struct gm__key_counts *t = calloc(cap, sizeof *t);
	if (!t)
		return;   /* gm__context_exclude scans instead */
	for (size_t i = 0; i < ctx->n_all; i++) {
		const gm_match *o = &ctx->all[i];
		if (o->context_place == GM_GAZ_NO_PLACE)
			continue;
		size_t s = key_slot(o->key, cap);
		while (t[s].key && t[s].key != o->key)
			s = (s + 1) & (cap - 1);
		t[s].key = o->key;
		add_contribution(g, ctx, o, t[s].country, t[s].admin1);
	}
	ctx->by_key = t;
	ctx->by_key_cap = cap;
}

void gm__context_free(gm_context *ctx)
{
	free(ctx->by_key);
	ctx->by_key = NULL;
	ctx->by_key_cap = 0;
}

void gm__context_exclude(const gm_gazetteer *g, gm_context *ctx, const gm_match *x)
{
	ctx->exclude = x;
	memset(ctx->excluded, 0, sizeof ctx->excluded);
	memset(ctx->excluded_admin1, 0, sizeof ctx->excluded_admin1);
	if (!x)
		return;
	int repeats_count = ctx->n > 1;
	if (!repeats_count || !ctx->all) {
		if (x->context_place != GM_GAZ_NO_PLACE)
			add_contribution(g, ctx, x, ctx->excluded, ctx->excluded_admin1);
		return;
	}
	if (ctx->by_key) {
		/* every occurrence of x's name, x among them */
		size_t s = key_slot(x->key, ctx->by_key_cap);
		while (ctx->by_key[s].key && ctx->by_key[s].key != x->key)
			s = (s + 1) & (ctx->by_key_cap - 1);
		if (ctx->by_key[s].key) {
			memcpy(ctx->excluded, ctx->by_key[s].country, sizeof ctx->excluded);
			memcpy(ctx->excluded_admin1, ctx->by_key[s].admin1, sizeof ctx->excluded_admin1);
		}
		return;
	}
	for (size_t j = 0; j < ctx->n_all; j++) {
		const gm_match *o = &ctx->all[j];
		if ((o != x && o->key != x->key) || o->context_place == GM_GAZ_NO_PLACE)
			continue;
		add_contribution(g, ctx, o, ctx->excluded, ctx->excluded_admin1);
	}
}

/* How many confident matches other than ctx->exclude's name this country /
 * admin1. */
static uint32_t context_count(const gm_context *ctx, const char *cc, const char *admin1)
{
	if (!admin1) {
		size_t i = country_slot(ctx, cc);
		return i < ctx->n && ctx->count[i] > ctx->excluded[i] ? ctx->count[i] - ctx->excluded[i] : 0;
	}
	size_t i = admin1_slot_of(ctx, cc, admin1);
	return i < ctx->n_admin1 && ctx->admin1_count[i] > ctx->excluded_admin1[i]
	               ? ctx->admin1_count[i] - ctx->excluded_admin1[i]
	               : 0;
}

static int is_admin1(const char *f) { return str_eq(f, "ADM1"); }

/* Whether other names than ctx->exclude's make the document about a country
 * other than cc (the name's own contribution does not count). */
static int other_countries(const gm_context *ctx, const char *cc)
{
	for (size_t i = 0; i < ctx->n; i++)
		if (ctx->count[i] > ctx->excluded[i] && !str_eq(ctx->country[i], cc))
			return 1;
	return 0;
}

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
	if (parent->link == GM_PL_LIST) {
		/* a sibling in a list of places: same country, and near it */
		double azi;
		if (!str_eq(c->country, pp->country) || gm__geodesic_km(pp->lat, pp->lon, c->lat, c->lon, &azi) > 150)
			return 0;
		snprintf(what, cap, "listed with %s", pname);
		return 10;
	}
	if (is_country(pp->feature)) {
		if (!str_eq(c->country, pp->country))
			return 0;
		snprintf(what, cap, "in %s (explicit parent)", pname);
		return 20;
	}
	double azi;
	double km = gm__geodesic_km(pp->lat, pp->lon, c->lat, c->lon, &azi);
	const char *parent_a1 = gm__gaz_str(g, pp->admin1);
	int inside_admin = is_admin1(pp->feature) && parent_a1[0] && str_eq(c->country, pp->country) &&
	                   str_eq(gm__gaz_str(g, c->admin1), parent_a1);
	double reach = is_admin1(pp->feature) || starts(pp->feature, "ADM") || str_eq(pp->feature, "RGN") ? 150 : 60;
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

/* A place news names by itself: a province, a capital, a provincial capital, a
 * city of 100k. */
static int large_place(const gm_gaz_place *pl)
{
	return is_admin1(pl->feature) || str_eq(pl->feature, "PPLC") || str_eq(pl->feature, "PPLA") ||
	       pl->population >= 100000;
}

/* What a name that is also a common word costs a place with no type word or
 * parent to back it: little for countries, provinces and cities of 100k,
 * enough that a town of 10k needs its country in context, and more than any
 * village's prior. */
/* Whether the type word before a common word is evidence enough: said of
 * this word, not of a list before it ("بلدة A والقرى" is "the villages"), and
 * not before a word of two letters (قرى من is "villages of") */
static int type_evidence(const gm_gazetteer *g, const gm_match *m)
{
	return !m->type_inherited && gm__utf8_count(gm__gaz_str(g, m->key->str), m->key->len) >= 3;
}

static int lexicon_cost(const gm_resolve_weights *w, const gm_gaz_place *pl, int definite, int in_context,
                        int context_elsewhere)
{
	if (is_country(pl->feature) || str_eq(pl->feature, "CONT"))
		return w->lex_country;
	int large = large_place(pl);
	if (context_elsewhere)   /* سيول in an article about Jordan's floods is not Seoul */
		return large ? w->lex_large_else : w->lex_small_else;
	/* a district is rarely what a bare name means (prior), less so a common word */
	if (starts(pl->feature, "ADM") && !is_admin1(pl->feature))
		return w->lex_small;
	if (large)
		return in_context ? w->lex_large_in : w->lex_large_none;
	/* a district seat with no population in the sources is a town of ten thousand
	 * or more; a definite common noun (الشهداء، البلاد، الجمعة) is that noun far
	 * more often than a town of that size */
	if (pl->population >= 10000 || (!pl->population && str_eq(pl->feature, "PPLA2")))
		return in_context ? (definite ? w->lex_mid_def_in : w->lex_mid_in) : w->lex_mid_none;
	return w->lex_small;
}

/* Letters of a key, not counting a leading article. */
static size_t letters_after_article(const gm_gazetteer *g, const gm_gaz_key *k)
{
	const char *s = gm__gaz_str(g, k->str);
	size_t n = gm__utf8_count(s, k->len);
	return n > 2 && !strncmp(s, "ال", strlen("ال")) ? n - 2 : n;
}

/* parts appended to rule[0..*o) (cap bytes): what snprintf(rule + *o, cap
 * - *o, "%s%s...") writes, *o then the length, at most cap - 1. */
static void put_rule(char *rule, size_t *o, size_t cap, const char *const *parts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(parts[i]);
		size_t room = *o + 1 < cap ? cap - 1 - *o : 0;
		size_t k = len < room ? len : room;
		memcpy(rule + *o, parts[i], k);
		*o += k;
	}
	if (*o < cap)
		rule[*o] = '\0';
}

int gm__score_candidate(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p,
                        const gm_context *ctx, const gm_parent *parent, uint32_t n_candidates, char *rule,
                        size_t cap)
{
	const gm_gaz_place *pl = &g->places[p->place];
	const char *what;
	const gm_resolve_weights *w = &g->w;
	int s = prior(w, pl->feature, pl->population, &what);
	size_t o = 0;
	/* the reason is text for a person: written only when asked for (the
	 * chosen candidate, explain), not for every candidate scored */
#define ADD(...) do { if (!rule) break; int w_ = snprintf(rule + o, o < cap ? cap - o : 0, __VA_ARGS__); if (w_ > 0) o += (size_t)w_; if (o >= cap) o = cap - 1; } while (0)
	/* strings only: appended as they are, cut as snprintf cuts (the rule
	 * is text for every mention written: printf cost more than scoring) */
	char num[24];   /* a number's text for ADDS */
#define ADDS(...) do { if (!rule) break; const char *const p_[] = {__VA_ARGS__}; put_rule(rule, &o, cap, p_, sizeof p_ / sizeof *p_); } while (0)
	if (m->variant == GM_MATCH_LATIN)
		ADDS("Latin ", gm__gaz_str(g, m->key->str) + 1, "; ");
	if (m->clitic[0]) {
		s -= 5;
		ADDS("clitic ", m->clitic);
	} else {
		ADDS("exact");
	}
	ADDS("; ", what);
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
	case GM_NAME_VARIANT: s += p->note == 1 ? 5 : -w->variant_cost; break;   /* note 1: a two-word name written as one */
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
	ADDS("; ", kind_name(p->kind, p->note));
	int countryside = m->hinterland && starts(pl->feature, "ADM");
	size_t letters = letters_after_article(g, m->key);
	if (letters <= 2 && !type_fits && p->kind != GM_NAME_CURATED && !is_country(pl->feature)) {
		/* two letters (يو، بي، سي) are a syllable, an initial or a particle far
		 * more often than the river or village that carries them, tagged or not */
		s -= 40;
		ADDS(" of 2 letters");
	} else if (p->kind == GM_NAME_UNTAGGED && !type_fits && !countryside && letters <= 3) {
		/* three letters or fewer (بن، سن، لي، عنه): common words far more
		 * often than the obscure places that carry them untagged */
		s -= 40;
		ADDS(" of 3 letters");
	}
	if (m->type_class > GM_TW_AREA) {
		if (type_fits) {
			s += 25;
			ADDS("; after ", m->type_word);
		} else if (m->type_class == GM_TW_NEIGHBOURHOOD && !starts(pl->feature, "PPL")) {
			/* "حي X" is a neighbourhood: never the country, province or region X
			 * (حي البرازيل، أحياء الأندلس); a quarter or camp named after a town
			 * (مخيم جنين) is at the town */
			s = 0;
			ADDS("; a ", pl->feature, " is no neighbourhood (after ", m->type_word, ")");
		} else if (m->type_class == GM_TW_NEIGHBOURHOOD && (pl->population >= 100000 || str_eq(pl->feature, "PPLA") ||
		                                                     str_eq(pl->feature, "PPLC"))) {
			/* a camp or square named after a large town is at it (مخيم جنين)
			 * where the document is about its country; ساحة رياض الصلح in
			 * Beirut is no square of Riyadh */
			if (ctx && context_count(ctx, pl->country, NULL) == 0 && other_countries(ctx, pl->country)) {
				s = 0;
				ADDS("; a quarter named after ", gm__gaz_str(g, pl->name_en), " abroad");
			} else {
				ADDS("; a camp or quarter named after ", gm__gaz_str(g, pl->name_en));
			}
		} else {
			s -= 20;
			ADDS("; ", pl->feature, " does not fit ", m->type_word);
		}
	}
	if (countryside) {
		/* "ريف إدلب" is the countryside around Idlib: its province or district
		 * (news-dev's convention, and ACLED's for an unnamed village) */
		s += w->hinterland_admin;
		ADDS("; after ريف: the province");
	}
	if (ctx && !is_country(pl->feature) && context_count(ctx, pl->country, NULL) > 0) {
		s += w->context_country;
		ADDS("; country in context ", pl->country);
		const char *a1 = gm__gaz_str(g, pl->admin1);
		if (a1[0] && !is_admin1(pl->feature) && context_count(ctx, pl->country, a1) > 0) {
			s += w->context_admin1;
			ADDS("; admin1 in context ", a1);
		}
	}
	if (p->kind == GM_NAME_LATIN && (!ctx || context_count(ctx, pl->country, NULL) == 0)) {
		s = 0;
		ADDS("; ", pl->country[0] ? pl->country : "no country", " not in context");
	}
	int listed = 0;
	if (parent && parent->place != GM_GAZ_NO_PLACE) {
		char why[96];
		int b = parent_bonus(g, pl, parent, why, sizeof why);
		if (b) {
			s += b;
			listed = parent->link == GM_PL_LIST;
			ADDS("; ", why);
		}
	}
	int in_context = ctx && context_count(ctx, pl->country, NULL) > 0;
	/* a place of no one country (Kashmir, a sea, a river) is not abroad of
	 * whichever country the document is about */
	int stateless = !pl->country[0] || pl->country[0] == '-';
	int context_elsewhere = ctx && !in_context && !stateless && other_countries(ctx, pl->country);
	if (str_eq(pl->feature, "PPLX") && context_elsewhere) {
		/* a quarter is one of a town the document is about: حي الرسالة in
		 * Fallujah's news is not a quarter of Kuwait City */
		s = 0;
		ADDS("; a quarter outside the document's countries");
	} else if (m->lexicon == 2 && !in_context) {
		/* جنوب غرب، الشمالية الغربية: a direction, unless it names a unit of
		 * the country the document is about */
		s = 0;
		ADDS("; compass phrase outside its country");
	} else if (m->lexicon && !(type_fits && type_evidence(g, m)) && !listed && p->kind != GM_NAME_CURATED) {
		/* a common Arabic word (القصف، الأحد، مخيم، سيول) is a place only on
		 * evidence: a type word that fits, a reviewed (curated) spelling, or a
		 * place large enough that news names it by that word (حلب، جنين، سرت
		 * with their context), or a list of places it stands in (سرمدا وحارم
		 * وزردنا). A parent adds its bonus but does not lift the cost:
		 * "اشتباكات عنيفة في حلب" is violent clashes, not a village */
		int definite = !strncmp(gm__gaz_str(g, m->key->str), "ال", strlen("ال"));
		int cost = lexicon_cost(w, pl, definite, in_context, context_elsewhere);
		s -= cost;
		ADDS("; common word (-", (gm__int_text(num, cost), num), ")");
	} else if (context_elsewhere && !listed && (!large_place(pl) || p->kind == GM_NAME_UNTAGGED) &&
	           (starts(pl->feature, "PPL") || (starts(pl->feature, "ADM") && !is_admin1(pl->feature)))) {
		/* a small town or district abroad (Buffalo, Wayne) in an article about
		 * elsewhere is far more often a person, a word or a place the gazetteer
		 * lacks than that town; a type word says what kind of place it is, not
		 * which country (مقاطعتي بادين وتاتا in Sindh is not Morocco's Tata) */
		s -= w->abroad_town;
		ADDS("; country not in context (-", (gm__int_text(num, w->abroad_town), num), ")");
	} else if (context_elsewhere && !type_fits && !listed && !str_eq(pl->feature, "PPLC") &&
	           (starts(pl->feature, "PPL") || starts(pl->feature, "ADM"))) {
		/* a city or province abroad: برنو in Sudanese news is a village of
		 * Kordofan before it is Brno, صلاح الدين in Tripoli a quarter */
		s -= w->abroad_city;
		if (w->abroad_city)
			ADDS("; country not in context (-", (gm__int_text(num, w->abroad_city), num), ")");
	}
	if (n_candidates > 1)
		ADDS("; of ", (gm__int_text(num, n_candidates), num), " candidates");
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
	size_t c = country_slot(ctx, pl->country);
	if (c == ctx->n) {
		if (ctx->n == GM_RESOLVE_MAX_CONTEXT)
			return;
		snprintf(ctx->country[c], sizeof ctx->country[c], "%s", pl->country);
		ctx->n++;
	}
	ctx->count[c]++;
	char key[64];
	if (!admin1_key(g, pl, key, sizeof key))
		return;
	c = admin1_slot(ctx, key);
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
		/* a quarter's name (حي الشهداء، ساحة النور) says little of the country:
		 * quarters of that name are everywhere */
		if (best < 60 || !g->places[p[bi].place].country[0] || str_eq(g->places[p[bi].place].feature, "PPLX"))
			continue;
		context_add(ctx, g, p[bi].place);
		m[i].context_place = p[bi].place;
	}
	build_key_counts(g, ctx);
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
	r->quarter = 0;
	if (m->not_place || !m->key)
		return;
	gm__context_exclude(g, ctx, m);
	const gm_gaz_key *k = m->key;
	const gm_gaz_posting *p = &g->postings[k->post_start];
	uint32_t best = UINT32_MAX, local = UINT32_MAX;
	int local_score = 0;
	for (uint32_t j = 0; j < k->post_count; j++) {
		if (!gm__gaz_is_candidate(g, &p[j]))
			continue;
		int s = gm__score_candidate(g, m, &p[j], ctx, parent, k->post_count, NULL, 0);
		if (gm__candidate_better(g, s, p[j].place, r->score, r->place)) {
			r->score = s;
			r->place = p[j].place;
			best = j;
		}
		const gm_gaz_place *c = &g->places[p[j].place];
		if (large_place(c) && !is_country(c->feature) && context_count(ctx, c->country, NULL) > 0 &&
		    (local == UINT32_MAX || s > local_score)) {
			local = j;
			local_score = s;
		}
	}
	/* a city of the document's country against a more prominent namesake
	 * abroad: طرابلس in Lebanese news is Tripoli of Lebanon, not Libya's
	 * capital, when the two score within 10 */
	const char *abroad = NULL;
	if (best != UINT32_MAX && local != UINT32_MAX && local != best && local_score >= r->score - 10 &&
	    !is_country(g->places[r->place].feature) && context_count(ctx, g->places[r->place].country, NULL) == 0) {
		abroad = gm__gaz_str(g, g->places[r->place].name_en);
		best = local;
		r->place = p[local].place;
		r->score = local_score;
	}
	/* the winner's reason, scored again with its text */
	if (best != UINT32_MAX) {
		gm__score_candidate(g, m, &p[best], ctx, parent, k->post_count, r->rule, sizeof r->rule);
		size_t o = strlen(r->rule);
		if (abroad && o + 1 < sizeof r->rule)
			snprintf(r->rule + o, sizeof r->rule - o, "; in the document's country rather than %s abroad", abroad);
	}
	if (r->score < g->w.min_score)
		r->place = GM_GAZ_NO_PLACE;
}

static int populated(const gm_gazetteer *g, uint32_t place)
{
	return place != GM_GAZ_NO_PLACE && starts(g->places[place].feature, "PPL");
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
		if (!populated(g, out[i].place) || str_eq(g->places[out[i].place].feature, "PPLX"))
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
static int near_any(const double *pts, size_t n, double lat, double lon, double km)
{
	double band = km / 110.0 + 0.01;   /* a degree of latitude is at least 110 km */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (pts[2 * mid] < lat - band)
			lo = mid + 1;
		else
			hi = mid;
	}
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
static void place_quarters(const gm_gazetteer *g, const gm_match *m, size_t n, gm_resolved *out)
{
	/* the document's town, counted (quadratic in the matches) only for a
	 * document with a quarter to place, before any is placed */
	uint32_t focus = GM_GAZ_NO_PLACE;
	int focus_known = 0;
	/* a quarter is one of a town the document names: a neighbourhood 900 km
	 * from every other place of the text is another city's (حي الرسالة in
	 * Fallujah's news is not Riyadh's) */
	/* (the other places once, sorted by latitude: each quarter is measured
	 * against those of its band only, not against every match) */
	double *pts = NULL;
	size_t n_pts = 0;
	for (size_t i = 0; i < n; i++) {
		if (out[i].place == GM_GAZ_NO_PLACE || !str_eq(g->places[out[i].place].feature, "PPLX"))
			continue;
		if (!pts) {
			pts = malloc(2 * (n ? n : 1) * sizeof *pts);
			for (size_t j = 0; pts && j < n; j++) {
				if (out[j].place == GM_GAZ_NO_PLACE || str_eq(g->places[out[j].place].feature, "PPLX"))
					continue;
				const gm_gaz_place *o = &g->places[out[j].place];
				if (is_country(o->feature) || is_admin1(o->feature))
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
		if (!near_any(pts, pts ? n_pts : 0, q->lat, q->lon, 50))
			out[i].place = GM_GAZ_NO_PLACE;
	}
	free(pts);
	for (size_t i = 0; i < n; i++) {
		/* a common word after حي is a quarter's name only with the article
		 * (حي الرسالة، حي المنشية); بث حيّ منذ is "live since" */
		if (out[i].place != GM_GAZ_NO_PLACE || m[i].not_place || m[i].type_class != GM_TW_NEIGHBOURHOOD ||
		    (m[i].lexicon && !(m[i].key && m[i].key->len > 6 && !strncmp(gm__gaz_str(g, m[i].key->str), "ال", strlen("ال")))) ||
		    (m[i].key && gm__event_word(g, gm__gaz_str(g, m[i].key->str), m[i].key->len)))
			continue;
		if (!focus_known) {
			focus = most_named_town(g, out, n);
			focus_known = 1;
		}
		uint32_t at = GM_GAZ_NO_PLACE;
		const char *how = "";
		gm_parent parent = gm__parent_of(m, n, i, out);
		if (populated(g, parent.place)) {
			at = parent.place;
			how = "the town it is said to be in";
		}
		for (size_t d = 1; at == GM_GAZ_NO_PLACE && d <= 3; d++) {
			/* a town named just before or after (a list of quarters, then its town) */
			if (i >= d && populated(g, out[i - d].place) && m[i].tok_first - m[i - d].tok_last <= 12)
				at = out[i - d].place, how = "a town named before it";
			else if (i + d < n && populated(g, out[i + d].place) && m[i + d].tok_first - m[i].tok_last <= 8)
				at = out[i + d].place, how = "a town named after it";
		}
		if (at == GM_GAZ_NO_PLACE && focus != GM_GAZ_NO_PLACE)
			at = focus, how = "the town the document names most";
		if (at == GM_GAZ_NO_PLACE)
			continue;
		out[i].place = at;
		out[i].score = g->w.min_score;
		out[i].quarter = 1;
		snprintf(out[i].rule, sizeof out[i].rule, "quarter after %s, %s; placed at %s, %s", m[i].type_word,
		         m[i].key ? "no quarter of that name" : "not in the gazetteer",
		         gm__gaz_str(g, g->places[at].name_en), how);
	}
}

void gm__resolve(const gm_gazetteer *g, gm_match *m, size_t n, gm_resolved *out)
{
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
		choose(g, &m[i], &ctx, NULL, &out[i]);
	/* explicit parents, right to left so that "X في Y في Z" settles Y before X */
	for (size_t i = n; i-- > 0;) {
		gm_parent parent = gm__parent_of(m, n, i, out);
		if (parent.place != GM_GAZ_NO_PLACE)
			choose(g, &m[i], &ctx, &parent, &out[i]);
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
				gm_parent sibling = {out[j].place, GM_PL_LIST};
				choose(g, &m[i], &ctx, &sibling, &out[i]);
				changed |= out[i].place != GM_GAZ_NO_PLACE;
			}
		}
	}
	place_quarters(g, m, n, out);
	gm__context_free(&ctx);
}
