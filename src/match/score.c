/* score.c: one candidate's score and the reason for it (score.h). */
#include "score.h"

#include "codes.h"
#include "context.h"
#include "crs.h"
#include "strbuf.h"
#include "utf8.h"

#include <math.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* (codes.h's feature words, short) */
#define FEATURE_IS GM__FEATURE_IS
#define FEATURE_STARTS GM__FEATURE_STARTS
#define feature_word gm__feature_word
/* the same of a place's own code (the file keeps codes NUL-padded) */
#define PLACE_IS(pl, s) FEATURE_IS(feature_word((pl)->feature), s)
#define PLACE_STARTS(pl, s) FEATURE_STARTS(feature_word((pl)->feature), s)
#define PLACE_IS_COUNTRY(pl) (PLACE_STARTS(pl, "PCL") || PLACE_IS(pl, "TERR"))
/* two places of one country: the NUL-padded codes as one word */
static inline int same_country(const gm_gaz_place *a, const gm_gaz_place *b)
{
	uint32_t x, y;
	memcpy(&x, a->country, 4);
	memcpy(&y, b->country, 4);
	return x == y;
}

/* Does a feature code fit the class a type word asks for? */
static int fits_type(int cls, const char code[8])
{
	uint64_t f = feature_word(code);
	switch (cls) {
	case GM_TW_POPULATED: return FEATURE_STARTS(f, "PPL") && !FEATURE_IS(f, "PPLX");
	case GM_TW_ADMIN: return FEATURE_STARTS(f, "ADM") || FEATURE_IS(f, "RGN") || (FEATURE_STARTS(f, "PCL") || FEATURE_IS(f, "TERR"));
	case GM_TW_MOUNTAIN:
		return FEATURE_IS(f, "MT") || FEATURE_IS(f, "MTS") || FEATURE_IS(f, "PLAT") || FEATURE_IS(f, "HLL") ||
		       FEATURE_IS(f, "HLLS") || FEATURE_IS(f, "PK") || FEATURE_IS(f, "PKS") || FEATURE_IS(f, "RDGE") ||
		       FEATURE_IS(f, "UPLD");
	case GM_TW_WATER:
		return FEATURE_IS(f, "STM") || FEATURE_IS(f, "SEA") || FEATURE_IS(f, "OCN") || FEATURE_IS(f, "LK") ||
		       FEATURE_IS(f, "BAY") || FEATURE_IS(f, "GULF") || FEATURE_IS(f, "RSV");
	case GM_TW_ROAD: return FEATURE_IS(f, "RD") || FEATURE_IS(f, "PASS") || FEATURE_IS(f, "GAP");
	case GM_TW_AIRPORT: return FEATURE_IS(f, "AIRP");
	case GM_TW_PORT: return FEATURE_IS(f, "PRT") || FEATURE_STARTS(f, "PPL");
	case GM_TW_NEIGHBOURHOOD: return FEATURE_IS(f, "PPLX");
	default: return 1;
	}
}

static const char *kind_name(uint8_t kind, uint8_t note)
{
	if (kind == GM_NAME_VARIANT && note == 1)
		return "two-word name written as one";
	switch (kind) {
	case GM_NAME_CURATED: return "curated name";
	case GM_NAME_TAGGED: return "Arabic name";
	case GM_NAME_VARIANT: return "spelling variant of a tagged name";
	case GM_NAME_LATIN: return "Latin name by consonant skeleton";
	default: return "untagged name";
	}
}

static void put_rule(char *rule, size_t *o, size_t cap, const char *const *parts, size_t n);
/* The parts written into out (cap bytes) from its start, as snprintf(out,
 * cap, "%s%s...") would write them, without printf. */
#define PUT_TEXT(out, cap, ...)                                                                                        \
	do {                                                                                                           \
		const char *const p_[] = {__VA_ARGS__};                                                                \
		size_t o_ = 0;                                                                                         \
		put_rule(out, &o_, cap, p_, sizeof p_ / sizeof *p_);                                                   \
	} while (0)

/* What an explicit parent says of a candidate: a bonus when the candidate lies
 * in it (country, admin1) or near it (geodesic distance, and the direction
 * the text gives); what it is, in what (cap bytes) unless what is NULL. */
static int parent_bonus(const gm_gazetteer *g, const gm_gaz_place *c, const gm_parent *parent, char *what,
                        size_t cap)
{
	const gm_gaz_place *pp = &g->places[parent->place];
	const char *pname = gm__gaz_str(g, pp->name_en);
	if (c == pp)
		return 0;
	if (parent->link == GM_PL_LIST) {
		/* a sibling in a list of places: same country, and near it */
		if (!same_country(c, pp) || gm__geodesic_beyond_km(pp->lat, pp->lon, c->lat, c->lon, 150))
			return 0;
		if (what)
			PUT_TEXT(what, cap, "listed with ", pname);
		return 10;
	}
	if (PLACE_IS_COUNTRY(pp)) {
		if (!same_country(c, pp))
			return 0;
		if (what)
			PUT_TEXT(what, cap, "in ", pname, " (explicit parent)");
		return 20;
	}
	double azi;
	double km = gm__geodesic_km(pp->lat, pp->lon, c->lat, c->lon, &azi);
	const char *parent_a1 = gm__gaz_str(g, pp->admin1);
	int inside_admin = PLACE_IS(pp, "ADM1") && parent_a1[0] && same_country(c, pp) &&
	                   gm__code_eq(gm__gaz_str(g, c->admin1), parent_a1);
	double reach = PLACE_IS(pp, "ADM1") || PLACE_STARTS(pp, "ADM") || PLACE_IS(pp, "RGN") ? 150 : 60;
	if (!inside_admin && km > reach)
		return 0;
	if (parent->link >= GM_PL_NORTH && parent->link <= GM_PL_WEST && km > 5) {
		/* the bearing from the parent to the candidate must agree with the text */
		static const double want[] = {0, 0, 0, 180, 90, 270};
		double d = fabs(fmod(azi - want[parent->link] + 540.0, 360.0) - 180.0);
		if (d > 67.5)
			return 0;
	}
	if (what) {
		char num[32];
		gm__whole_text(num, km);
		PUT_TEXT(what, cap, num, " km from ", pname, " (explicit parent)");
	}
	return 20;
}

/* A key's letters, all and after a leading article. Every candidate of a
 * match asks of the same key, and a common name has hundreds of places (a
 * 5 M-name gazetteer, thousands): the last key's answer is kept, per thread,
 * tagged with its gazetteer (another opened at the same address is another). */
typedef struct key_letters {
	size_t all, after_article;
	int definite;   /* it starts with the article */
} key_letters;

static key_letters letters_of(const gm_gazetteer *g, const gm_gaz_key *k)
{
	static _Thread_local struct {
		uint64_t gaz;
		const gm_gaz_key *key;
		key_letters v;
	} last;
	if (last.key == k && last.gaz == g->id)
		return last.v;
	const char *s = gm__gaz_str(g, k->str);
	key_letters v = {gm__utf8_count(s, k->len), 0, gm__utf8_has_prefix(s, k->len, "ال")};
	v.after_article = v.all > 2 && v.definite ? v.all - 2 : v.all;
	last.gaz = g->id;
	last.key = k;
	last.v = v;
	return v;
}

/* Whether the type word before a common word is evidence enough: said of
 * this word, not of a list before it ("بلدة A والقرى" is "the villages"), and
 * not before a word of two letters (قرى من is "villages of") */
static int type_evidence(const gm_gazetteer *g, const gm_match *m)
{
	return !m->type_inherited && letters_of(g, m->key).all >= 3;
}

/* What a name that is also a common word costs a place with no type word or
 * parent to back it: little for countries, provinces and cities of 100k,
 * enough that a town of 10k needs its country in context, and more than any
 * village's prior. */
static int lexicon_cost(const gm_resolve_weights *w, const gm_gaz_place *pl, int definite, int in_context,
                        int context_elsewhere)
{
	if (PLACE_IS_COUNTRY(pl) || PLACE_IS(pl, "CONT"))
		return w->lex_country;
	int large = gm__large_place(pl);
	if (context_elsewhere)   /* سيول in an article about Jordan's floods is not Seoul */
		return large ? w->lex_large_else : w->lex_small_else;
	/* a district is rarely what a bare name means (prior), less so a common word */
	if (PLACE_STARTS(pl, "ADM") && !PLACE_IS(pl, "ADM1"))
		return w->lex_small;
	if (large)
		return in_context ? w->lex_large_in : w->lex_large_none;
	/* a district seat with no population in the sources is a town of ten thousand
	 * or more; a definite common noun (الشهداء، البلاد، الجمعة) is that noun far
	 * more often than a town of that size */
	if (pl->population >= 10000 || (!pl->population && PLACE_IS(pl, "PPLA2")))
		return in_context ? (definite ? w->lex_mid_def_in : w->lex_mid_in) : w->lex_mid_none;
	return w->lex_small;
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

/* A candidate being scored: its score so far, the reason as it is written
 * (rule NULL: no reason wanted), and what later steps ask of earlier ones. */
typedef struct scoring {
	const gm_gazetteer *g;
	const gm_match *m;
	const gm_gaz_posting *p;
	const gm_gaz_place *pl;
	const gm_context *ctx;
	int s;
	char *rule;
	size_t o, cap;
	int type_fits;     /* a type word before the name that fits the place's class */
	int countryside;   /* after ريف, and the place is an area */
	int listed;        /* a sibling in a list of places (the parent's link) */
	int in_context;    /* the place's country is in the document's context (asked once) */
} scoring;

/* Parts appended to the reason, as they are (the rule is text for every
 * mention written: printf cost more than scoring). */
#define SAY(c, ...)                                                                                                    \
	do {                                                                                                           \
		if ((c)->rule) {                                                                                       \
			const char *const p_[] = {__VA_ARGS__};                                                        \
			put_rule((c)->rule, &(c)->o, (c)->cap, p_, sizeof p_ / sizeof *p_);                            \
		}                                                                                                      \
	} while (0)

static void say_population(scoring *c, int64_t pop)
{
	if (!c->rule || pop < 1000)
		return;
	char num[40];
	if (pop >= 1000000)
		gm__quotient_text(num, pop, 1000000, 1);
	else
		gm__quotient_text(num, pop, 1000, 0);
	SAY(c, " pop ", num, pop >= 1000000 ? "M" : "k");
}

/* What the reading costs every candidate of m alike: a letter swapped is
 * less sure than the name as written, a clitic than the bare word. */
static int reading_cost(const gm_resolve_weights *w, const gm_match *m)
{
	return (m->variant == GM_MATCH_LETTERS ? w->variant_cost : 0) + (m->clitic[0] ? 5 : 0);
}

/* How the name was read (clitics, Latin), what the place is (what), and the
 * kind of name that matched. */
static void score_name(scoring *c, const char *what)
{
	const gm_match *m = c->m;
	if (m->variant == GM_MATCH_LATIN)
		SAY(c, "Latin ", gm__gaz_str(c->g, m->key->str) + 1, "; ");
	c->s -= reading_cost(&c->g->w, m);
	if (m->variant == GM_MATCH_LETTERS)
		SAY(c, "letters of ", gm__gaz_str(c->g, m->key->str), "; ");
	if (m->clitic[0]) {
		SAY(c, "clitic ", m->clitic);
	} else {
		SAY(c, "exact");
	}
	SAY(c, "; ", what);
	say_population(c, c->pl->population);
	c->s += gm__gaz_kind_bonus(&c->g->w, c->p->kind, c->p->note);
	/* an untagged name behind a clitic (ان in وان) is a word more often still */
	if (gm__gaz_kind_untagged(c->p->kind) && m->clitic[0])
		c->s -= 5;
	SAY(c, "; ", kind_name(c->p->kind, c->p->note));
}

/* Names of two or three letters. */
static void score_length(scoring *c)
{
	size_t letters = letters_of(c->g, c->m->key).after_article;
	if (letters <= 2 && !c->type_fits && c->p->kind != GM_NAME_CURATED && !PLACE_IS_COUNTRY(c->pl)) {
		/* two letters (يو، بي، سي) are a syllable, an initial or a particle far
		 * more often than the river or village that carries them, tagged or not */
		c->s -= 40;
		SAY(c, " of 2 letters");
	} else if (c->p->kind == GM_NAME_UNTAGGED && !c->type_fits && !c->countryside && letters <= 3) {
		/* three letters or fewer (بن، سن، لي، عنه): common words far more
		 * often than the obscure places that carry them untagged */
		c->s -= 40;
		SAY(c, " of 3 letters");
	}
}

/* "مدينة والام" is Ouallam: the word a type word governs takes no clitic,
 * so a reading behind one right after the type word is not its name (a
 * list's later items, which inherit the word, do take one). */
static int clitic_after_type_word(const gm_match *m)
{
	return m->clitic[0] && !m->type_inherited;
}

/* The type word before the name (مدينة، حي، نهر ...). */
static void score_type_word(scoring *c)
{
	const gm_match *m = c->m;
	const gm_gaz_place *pl = c->pl;
	if (m->type_class <= GM_TW_AREA)
		return;
	if (c->type_fits) {
		c->s += 25;
		SAY(c, "; after ", m->type_word);
	} else if (clitic_after_type_word(m)) {
		c->s -= 20;
		SAY(c, "; a clitic right after ", m->type_word);
	} else if (m->type_class == GM_TW_NEIGHBOURHOOD && !PLACE_STARTS(pl, "PPL")) {
		/* "حي X" is a neighbourhood: never the country, province or region X
		 * (حي البرازيل، أحياء الأندلس); a quarter or camp named after a town
		 * (مخيم جنين) is at the town */
		c->s = 0;
		SAY(c, "; a ", pl->feature, " is no neighbourhood (after ", m->type_word, ")");
	} else if (m->type_class == GM_TW_NEIGHBOURHOOD &&
	           (pl->population >= 100000 || PLACE_IS(pl, "PPLA") || PLACE_IS(pl, "PPLC"))) {
		/* a camp or square named after a large town is at it (مخيم جنين)
		 * where the document is about its country; ساحة رياض الصلح in
		 * Beirut is no square of Riyadh */
		if (c->ctx && !c->in_context && gm__context_other_countries(c->ctx, pl->country)) {
			c->s = 0;
			SAY(c, "; a quarter named after ", gm__gaz_str(c->g, pl->name_en), " abroad");
		} else {
			SAY(c, "; a camp or quarter named after ", gm__gaz_str(c->g, pl->name_en));
		}
	} else {
		c->s -= 20;
		SAY(c, "; ", pl->feature, " does not fit ", m->type_word);
	}
}

/* The countryside of X, the country and first-level area in context. */
static void score_context(scoring *c)
{
	const gm_gaz_place *pl = c->pl;
	if (c->countryside) {
		/* "ريف إدلب" is the countryside around Idlib: its province or district
		 * (news-dev's convention, and ACLED's for an unnamed village) */
		c->s += c->g->w.hinterland_admin;
		SAY(c, "; after ريف: the province");
	}
	if (c->in_context && !PLACE_IS_COUNTRY(pl)) {
		c->s += c->g->w.context_country;
		SAY(c, "; country in context ", pl->country);
		const char *a1 = gm__gaz_str(c->g, pl->admin1);
		if (a1[0] && !PLACE_IS(pl, "ADM1") && gm__context_count(c->ctx, pl->country, a1) > 0) {
			c->s += c->g->w.context_admin1;
			SAY(c, "; admin1 in context ", a1);
		}
	}
	if (c->p->kind == GM_NAME_LATIN && !c->in_context) {
		c->s = 0;
		SAY(c, "; ", pl->country[0] ? pl->country : "no country", " not in context");
	}
}

static void score_parent(scoring *c, const gm_parent *parent)
{
	if (!parent || parent->place == GM_GAZ_NO_PLACE)
		return;
	char why[96] = "";
	int b = parent_bonus(c->g, c->pl, parent, c->rule ? why : NULL, sizeof why);
	if (b) {
		c->s += b;
		c->listed = parent->link == GM_PL_LIST;
		SAY(c, "; ", why);
	} else if (parent->link == GM_PL_LIST && c->g->w.list_abroad && !gm__large_place(c->pl) &&
	           PLACE_STARTS(c->pl, "PPL")) {
		/* (parent_bonus found it in another country or over 150 km away) */
		const gm_gaz_place *pp = &c->g->places[parent->place];
		if (!same_country(c->pl, pp)) {
			char num[16];
			c->s -= c->g->w.list_abroad;
			SAY(c, "; listed with ", gm__gaz_str(c->g, pp->name_en), " of another country (-",
			    (gm__int_text(num, c->g->w.list_abroad), num), ")");
		}
	}
}

/* Whether the candidate lies within NEAR_KM of a place another name of the
 * document confidently names: a crossing beside Rafah (كرم أبو سالم) or a
 * town across a frontier is not "abroad" of the document, whose countries
 * are those of the places it names, not every country it touches. */
#define NEAR_KM 30.0
static int near_named(const scoring *c)
{
	return c->ctx && gm__context_near_named(c->ctx, c->m->key, c->pl->lat, c->pl->lon, NEAR_KM);
}

/* What a name needs to count where it is also a word, a quarter, a compass
 * phrase or a small place abroad. */
static void score_evidence(scoring *c)
{
	const gm_gaz_place *pl = c->pl;
	const gm_resolve_weights *w = &c->g->w;
	char num[24];
	int in_context = c->in_context;
	/* a place of no one country (Kashmir, a sea, a river) is not abroad of
	 * whichever country the document is about */
	int stateless = !pl->country[0] || pl->country[0] == '-';
	int context_elsewhere = c->ctx && !in_context && !stateless && gm__context_other_countries(c->ctx, pl->country) &&
	                        !near_named(c);
	if (PLACE_IS(pl, "PPLX") && context_elsewhere) {
		/* a quarter is one of a town the document is about: حي الرسالة in
		 * Fallujah's news is not a quarter of Kuwait City */
		c->s = 0;
		SAY(c, "; a quarter outside the document's countries");
	} else if (c->m->lexicon == 2 && !in_context) {
		/* جنوب غرب، الشمالية الغربية: a direction, unless it names a unit of
		 * the country the document is about */
		c->s = 0;
		SAY(c, "; compass phrase outside its country");
	} else if (c->m->lexicon && !(c->type_fits && type_evidence(c->g, c->m)) && !c->listed &&
	           c->p->kind != GM_NAME_CURATED) {
		/* a common Arabic word (القصف، الأحد، مخيم، سيول) is a place only on
		 * evidence: a type word that fits, a reviewed (curated) spelling, or a
		 * place large enough that news names it by that word (حلب، جنين، سرت
		 * with their context), or a list of places it stands in (سرمدا وحارم
		 * وزردنا). A parent adds its bonus but does not lift the cost:
		 * "اشتباكات عنيفة في حلب" is violent clashes, not a village */
		int definite = letters_of(c->g, c->m->key).definite;
		int cost = lexicon_cost(w, pl, definite, in_context, context_elsewhere);
		c->s -= cost;
		SAY(c, "; common word (-", (gm__int_text(num, cost), num), ")");
	} else if (context_elsewhere && !c->listed && (!gm__large_place(pl) || c->p->kind == GM_NAME_UNTAGGED) &&
	           (PLACE_STARTS(pl, "PPL") ||
	            (PLACE_STARTS(pl, "ADM") && !PLACE_IS(pl, "ADM1")))) {
		/* a small town or district abroad (Buffalo, Wayne) in an article about
		 * elsewhere is far more often a person, a word or a place the gazetteer
		 * lacks than that town; a type word says what kind of place it is, not
		 * which country (مقاطعتي بادين وتاتا in Sindh is not Morocco's Tata) */
		c->s -= w->abroad_town;
		SAY(c, "; country not in context (-", (gm__int_text(num, w->abroad_town), num), ")");
	} else if (context_elsewhere && !c->type_fits && !c->listed && !PLACE_IS(pl, "PPLC") &&
	           (PLACE_STARTS(pl, "PPL") || PLACE_STARTS(pl, "ADM"))) {
		/* a city or province abroad: برنو in Sudanese news is a village of
		 * Kordofan before it is Brno, صلاح الدين in Tripoli a quarter */
		c->s -= w->abroad_city;
		if (w->abroad_city)
			SAY(c, "; country not in context (-", (gm__int_text(num, w->abroad_city), num), ")");
	}
}

int gm__score_candidate(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p,
                        const gm_context *ctx, const gm_parent *parent, uint32_t n_candidates, char *rule,
                        size_t cap)
{
	const gm_gaz_place *pl = &g->places[p->place];
	scoring c = {.g = g, .m = m, .p = p, .pl = pl, .ctx = ctx, .rule = rule, .cap = cap};
	/* the reason is text for a person: written only when asked for (the
	 * chosen candidate, explain), not for every candidate scored */
	const char *what;
	c.s = gm__gaz_prior(&g->w, pl->feature, pl->population, &what);
	c.type_fits = m->type_class > GM_TW_AREA && !clitic_after_type_word(m) && fits_type(m->type_class, pl->feature);
	c.countryside = m->hinterland && PLACE_STARTS(pl, "ADM");
	c.in_context = ctx && gm__context_count(ctx, pl->country, NULL) > 0;
	score_name(&c, what);
	score_length(&c);
	score_type_word(&c);
	score_context(&c);
	score_parent(&c, parent);
	score_evidence(&c);
	if (n_candidates > 1) {
		char num[24];
		SAY(&c, "; of ", (gm__int_text(num, n_candidates), num), " candidates");
	}
	return c.s < 0 ? 0 : c.s > 100 ? 100 : c.s;
}

/* What a weight can add at most: a bonus as it is, a cost when it is negative
 * (--weights takes any integer). */
static int gain_of_bonus(int w) { return w > 0 ? w : 0; }
static int gain_of_cost(int w) { return w < 0 ? -w : 0; }

int gm__score_gain(const gm_gazetteer *g, const gm_match *m, const gm_parent *parent)
{
	const gm_resolve_weights *w = &g->w;
	/* step by step through gm__score_candidate after the name: what each
	 * adds at most where it adds anything (score_length only takes away) */
	int gain = 0;
	if (m->type_class > GM_TW_AREA)   /* score_type_word: a type word that fits */
		gain += 25;
	if (m->hinterland)                /* score_context: after ريف */
		gain += gain_of_bonus(w->hinterland_admin);
	if (parent && parent->place != GM_GAZ_NO_PLACE)   /* score_parent: parent_bonus is 20 at most */
		gain += 20 + gain_of_cost(w->list_abroad);
	/* score_evidence: its costs, where a weight makes one a gain */
	int lex = 0;
	const int lex_costs[] = {w->lex_country, w->lex_large_in, w->lex_large_none, w->lex_large_else, w->lex_mid_in,
	                         w->lex_mid_def_in, w->lex_mid_none, w->lex_small, w->lex_small_else};
	for (size_t i = 0; i < sizeof lex_costs / sizeof *lex_costs; i++)
		lex = gain_of_cost(lex_costs[i]) > lex ? gain_of_cost(lex_costs[i]) : lex;
	return gain + lex + gain_of_cost(w->abroad_town) + gain_of_cost(w->abroad_city);
}

/* score_name's part of the score: the static score (prior and kind of
 * name) less what the reading costs, and 5 more for an untagged name behind
 * a clitic. */
static int name_part(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p, int static_score)
{
	return static_score - reading_cost(&g->w, m) - (gm__gaz_kind_untagged(p->kind) && m->clitic[0] ? 5 : 0);
}

/* What the context's two bonuses add at most. */
static int context_gain(const gm_gazetteer *g, const gm_context *ctx)
{
	return ctx ? gain_of_bonus(g->w.context_country) + gain_of_bonus(g->w.context_admin1) : 0;
}

/* a later step may set the score to 0 (a quarter abroad, a Latin name out
 * of its country) and the steps after it add what they add: a bound starts
 * from 0 where the name's part is below */
static int from_zero(int s) { return s > 0 ? s : 0; }

int gm__score_bound(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p, const gm_context *ctx,
                    int gain)
{
	const gm_gaz_place *pl = &g->places[p->place];
	/* score_context: the country and admin1 in context, asked as it asks */
	int in_context = ctx && gm__context_count(ctx, pl->country, NULL) > 0;
	int name = name_part(g, m, p, gm__gaz_static_score(&g->w, pl, p));
	return from_zero(name) + gain + (in_context ? context_gain(g, ctx) : 0);
}

int gm__score_stop_bound(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p, const gm_context *ctx,
                         int gain)
{
	/* the name's part is at most the static score less the reading's cost,
	 * which no candidate after p exceeds in the file's order; the context's
	 * bonuses as if every country were in it */
	return from_zero(gm__gaz_static_score(&g->w, &g->places[p->place], p) - reading_cost(&g->w, m)) + gain +
	       context_gain(g, ctx);
}

int gm__score_triage(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p, const gm_context *ctx,
                     int gain, int needed, int may_stop)
{
	/* gm__score_stop_bound and gm__score_bound from one static score, the
	 * context asked only where its bonuses decide */
	const gm_gaz_place *pl = &g->places[p->place];
	int st = gm__gaz_static_score(&g->w, pl, p), cg = context_gain(g, ctx);
	int rest = from_zero(st - reading_cost(&g->w, m)) + gain;   /* the stop bound but for the context */
	if (may_stop && rest + cg < needed)
		return GM_TRIAGE_STOP;
	int flag = may_stop && rest < needed ? GM_TRIAGE_REST_IN_CONTEXT : 0;
	int b = from_zero(name_part(g, m, p, st)) + gain;
	if (b >= needed)
		return GM_TRIAGE_SCORE | flag;
	if (cg && b + cg >= needed && gm__context_count(ctx, pl->country, NULL) > 0)
		return GM_TRIAGE_SCORE | flag;
	return GM_TRIAGE_SKIP | flag;
}
