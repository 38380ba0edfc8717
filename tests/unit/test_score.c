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

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("score");
	static const check_case cases[] = {CHECK_CASE(the_reason_does_not_change_the_score),
	                                   CHECK_CASE(the_documents_country_counts), CHECK_CASE(a_type_word_that_fits),
	                                   CHECK_CASE(large_places)};
	int rc = check_run("score", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	return rc;
}
