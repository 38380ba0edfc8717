/* test_score.c: one candidate's score and reason (match/score.h): the same
 * score whether its reason is written or not, the reason naming what
 * counted, and each kind of evidence moving the score the way it should:
 * the document's country, a type word that fits the kind of place. */
#include "check.h"
#include "mini.h"
#include "score.h"

#include <string.h>

static gm_gazetteer *gaz;

/* The posting of key for place id. */
static const gm_gaz_posting *posting_of(const gm_gaz_key *k, const char *id)
{
	long want = mini_find(gaz, id);
	for (uint32_t i = 0; k && i < k->post_count; i++)
		if ((long)gaz->postings[k->post_start + i].place == want)
			return &gaz->postings[k->post_start + i];
	return NULL;
}

static gm_match match_of(const gm_gaz_key *k)
{
	gm_match m;
	memset(&m, 0, sizeof m);
	m.key = k;
	m.context_place = GM_GAZ_NO_PLACE;
	return m;
}

static int score(const gm_match *m, const gm_gaz_posting *p, const gm_context *ctx, char *rule, size_t cap)
{
	gm_parent none = {GM_GAZ_NO_PLACE, GM_PL_NONE, 0};
	return gm__score_candidate(gaz, m, p, ctx, &none, m->key->post_count, rule, cap);
}

/* the reason is written only when asked, and never changes the score */
static void the_reason_does_not_change_the_score(void)
{
	const gm_gaz_key *k = gm__gaz_find(gaz, "باكو", strlen("باكو"));
	CHECK(k != NULL && k->post_count >= 2);
	if (!k)
		return;
	gm_context ctx;
	memset(&ctx, 0, sizeof ctx);
	gm__context_add(&ctx, gaz, (uint32_t)mini_find(gaz, "t:1"));   /* Azerbaijan named */
	gm_match m = match_of(k);
	for (uint32_t i = 0; i < k->post_count; i++) {
		const gm_gaz_posting *p = &gaz->postings[k->post_start + i];
		char rule[512];
		int with = score(&m, p, &ctx, rule, sizeof rule), without = score(&m, p, &ctx, NULL, 0);
		CHECK_INT(with, without);
		CHECK(rule[0] != '\0');
	}
	gm__context_free(&ctx);
}

/* the document about the place's country lifts it, and the reason says so */
static void the_documents_country_counts(void)
{
	const gm_gaz_key *k = gm__gaz_find(gaz, "جورجيا", strlen("جورجيا"));
	const gm_gaz_posting *us = posting_of(k, "t:5");   /* Georgia, the US state */
	CHECK(us != NULL);
	if (!us)
		return;
	gm_match m = match_of(k);
	gm_context none, usa;
	memset(&none, 0, sizeof none);
	memset(&usa, 0, sizeof usa);
	long us_place = mini_find(gaz, "t:5");
	gm__context_add(&usa, gaz, (uint32_t)us_place);
	gm__context_add(&usa, gaz, (uint32_t)us_place);
	char rule[512];
	int alone = score(&m, us, &none, NULL, 0), in_context = score(&m, us, &usa, rule, sizeof rule);
	CHECK(in_context > alone);
	CHECK(strstr(rule, "context") != NULL);
	gm__context_free(&none);
	gm__context_free(&usa);
}

/* مدينة before the name: a populated place fits, a division less */
static void a_type_word_that_fits(void)
{
	const gm_gaz_key *k = gm__gaz_find(gaz, "باكو", strlen("باكو"));
	const gm_gaz_posting *city = posting_of(k, "t:2"), *district = posting_of(k, "t:3");
	CHECK(city && district);
	if (!city || !district)
		return;
	gm_context ctx;
	memset(&ctx, 0, sizeof ctx);
	gm_match plain = match_of(k), after_city = match_of(k);
	after_city.type_class = GM_TW_POPULATED;
	snprintf(after_city.type_word, sizeof after_city.type_word, "مدينه");
	int gain_city = score(&after_city, city, &ctx, NULL, 0) - score(&plain, city, &ctx, NULL, 0);
	int gain_district = score(&after_city, district, &ctx, NULL, 0) - score(&plain, district, &ctx, NULL, 0);
	CHECK(gain_city > gain_district);
	CHECK(score(&after_city, city, &ctx, NULL, 0) > score(&after_city, district, &ctx, NULL, 0));
	gm__context_free(&ctx);
}

static void large_places(void)
{
	gm_gaz_place pl;
	memset(&pl, 0, sizeof pl);
	snprintf(pl.feature, sizeof pl.feature, "PPLC");
	CHECK(gm__large_place(&pl));
	snprintf(pl.feature, sizeof pl.feature, "PPL");
	CHECK(!gm__large_place(&pl));
	pl.population = 100000;
	CHECK(gm__large_place(&pl));
	pl.population = 0;
	snprintf(pl.feature, sizeof pl.feature, "ADM1");
	CHECK(gm__large_place(&pl));
}

/* A small deterministic generator for the cases below. */
static uint32_t next_random(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* The resolver skips a candidate on its bound (score.h): no score may pass
 * it, for every name and place of the mini gazetteer, every kind of match
 * (clitics, variants, type words, countryside, common words), document
 * context, parent and link, under the default weights and under weights
 * that turn costs into gains (--weights takes any integer). It stops at a
 * candidate whose stop bound is below what it needs: under the default
 * weights no candidate after it in the file (past the large places) has a
 * bound above it. The triage gives both bounds' answers. */
static void no_score_above_its_bound(void)
{
	gm_resolve_weights saved = gaz->w;
	gm_context ctxs[3];
	memset(ctxs, 0, sizeof ctxs);
	gm__context_add(&ctxs[1], gaz, (uint32_t)mini_find(gaz, "t:1"));   /* Azerbaijan */
	gm__context_add(&ctxs[2], gaz, (uint32_t)mini_find(gaz, "t:5"));   /* Georgia, the US state */
	gm__context_add(&ctxs[2], gaz, (uint32_t)mini_find(gaz, "t:2"));   /* Baku */
	gm__context_count_keys(gaz, &ctxs[1]);
	gm__context_count_keys(gaz, &ctxs[2]);
	uint32_t x = 2463534242u, n_places = gm_gazetteer_place_count(gaz);
	long checked = 0, above = 0, plain = 0, tight = 0, below_min = 0, triage_wrong = 0, ordered = 0, order_wrong = 0;
	for (int round = 0; round < 2; round++) {
		if (round == 1) {   /* every weight drawn from -40..40 */
			int *wf = (int *)&gaz->w;
			for (size_t i = 0; i < sizeof gaz->w / sizeof(int); i++)
				wf[i] = (int)(next_random(&x) % 81) - 40;
		}
		for (uint32_t ki = 0; ki < gaz->h->n_keys; ki++) {
			const gm_gaz_key *k = &gaz->keys[ki];
			for (int trial = 0; trial < 60; trial++) {
				gm_match m = match_of(k);
				/* the first trial of each key a bare name, no context or parent */
				uint32_t r = trial ? next_random(&x) : 1u << 14;   /* (bit 14: no context) */
				m.type_class = trial ? (uint8_t)(r % (GM_TW_NEIGHBOURHOOD + 1)) : 0;
				m.type_inherited = (uint8_t)(r >> 4 & 1);
				m.hinterland = (uint8_t)(r >> 5 & 1);
				m.lexicon = (uint8_t)(r >> 6 & 3) % 3;
				m.variant = (uint8_t)(r >> 8 & 3);
				if (r >> 10 & 1)
					memcpy(m.clitic, "و", sizeof "و");
				snprintf(m.type_word, sizeof m.type_word, "مدينة");
				gm_parent parent = {GM_GAZ_NO_PLACE, GM_PL_NONE, (uint8_t)(r >> 11 & 1)};
				if (trial && r >> 12 & 1) {
					parent.place = next_random(&x) % n_places;
					parent.link = (uint8_t)(1 + next_random(&x) % GM_PL_LIST);
				}
				const gm_context *ctx = r >> 14 & 1 ? NULL : &ctxs[(r >> 15) % 3];
				if (ctx)
					gm__context_exclude(gaz, (gm_context *)ctx, NULL);
				int gain = gm__score_gain(gaz, &m, &parent), min_stop = 1 << 20, min_stop_out = 1 << 20;
				for (uint32_t j = 0; j < k->post_count; j++) {
					const gm_gaz_posting *p = &gaz->postings[k->post_start + j];
					if (!gm__gaz_is_candidate(gaz, p))
						continue;
					int s = gm__score_candidate(gaz, &m, p, ctx, &parent, k->post_count, NULL, 0);
					int b = gm__score_bound(gaz, &m, p, ctx, gain);
					checked++;
					above += s > b;
					int sb = gm__score_stop_bound(gaz, &m, p, ctx, gain), needed = (int)(next_random(&x) % 101);
					/* (the stop bound, and the bound out of context, without the context) */
					int sb_out = gm__score_stop_bound(gaz, &m, p, NULL, gain), b_out = gm__score_bound(gaz, &m, p, NULL, gain);
					int want = sb < needed ? GM_TRIAGE_STOP : b < needed ? GM_TRIAGE_SKIP : GM_TRIAGE_SCORE;
					if (want != GM_TRIAGE_STOP && sb_out < needed)
						want |= GM_TRIAGE_REST_IN_CONTEXT;
					triage_wrong += gm__score_triage(gaz, &m, p, ctx, gain, needed, 1) != want;
					triage_wrong += gm__score_triage(gaz, &m, p, ctx, gain, needed, 0) !=
					                (b < needed ? GM_TRIAGE_SKIP : GM_TRIAGE_SCORE);
					if (round == 0 && !gm__large_place(&gaz->places[p->place])) {
						if (min_stop < (1 << 20)) {
							ordered++;
							order_wrong += b > min_stop || b_out > min_stop_out;
						}
						min_stop = sb < min_stop ? sb : min_stop;
						min_stop_out = sb_out < min_stop_out ? sb_out : min_stop_out;
					}
					if (round == 0 && !trial) {
						plain++;
						tight += s == b;
						below_min += b < gaz->w.min_score;
					}
				}
			}
		}
	}
	gaz->w = saved;
	CHECK(checked > 5000);
	CHECK_INT(above, 0);
	CHECK_INT(triage_wrong, 0);
	CHECK_INT(order_wrong, 0);
	CHECK(ordered > 100);   /* names with several small places: the order was tested */
	/* and a bound that prunes: a bare name's is its score where no cost
	 * counts (most of them), below min_score for the small places */
	CHECK(tight > plain / 2);
	CHECK(below_min > 0);
	for (int i = 0; i < 3; i++)
		gm__context_free(&ctxs[i]);
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("score");
	static const check_case cases[] = {CHECK_CASE(the_reason_does_not_change_the_score),
	                                   CHECK_CASE(the_documents_country_counts), CHECK_CASE(a_type_word_that_fits),
	                                   CHECK_CASE(large_places), CHECK_CASE(no_score_above_its_bound)};
	int rc = check_run("score", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	return rc;
}
