/* test_pipeline.c: one document through the stages (run/pipeline.c):
 * gm_map_document's results, a context reused, and gm_explain's account of a
 * name (what `gazetteer lookup` prints). */
#include "check.h"
#include "mini.h"

#include <limits.h>

static gm_gazetteer *gaz;
static gm_ctx *ctx;

static const char *id_of(uint32_t place)
{
	static gm_place p;
	gm_gazetteer_get_place(gaz, place, &p);
	return p.id;
}

static void explain(const char *text, gm_explanation *e)
{
	gm_error err;
	CHECK_INT(gm_explain(ctx, text, e, &err), 0);
}

static void case_explain_no_name(void)
{
	gm_explanation e;
	explain("كلمة عادية", &e);
	CHECK_STR(e.how, "no gazetteer name");
	CHECK_STR(e.key, "");
	CHECK_INT(e.n_candidates, 0);
	CHECK_INT(e.winner, -1);
}

/* the winner is the resolver's choice, shown with its reason, and no shown
 * candidate scores above it */
static void case_explain_winner(void)
{
	gm_explanation e;
	explain("باكو", &e);
	CHECK_STR(e.how, "exact");
	CHECK_STR(e.key, "باكو");
	CHECK(e.n_candidates >= 2 && e.n_candidates <= 16);
	CHECK(e.winner >= 0 && (size_t)e.winner < e.n_candidates);
	if (e.winner < 0)
		return;
	CHECK_STR(id_of(e.candidates[e.winner].place), "t:2");   /* the capital, not the district */
	for (size_t i = 0; i < e.n_candidates; i++) {
		CHECK(e.candidates[i].score <= e.candidates[e.winner].score);
		CHECK(e.candidates[i].rule[0] != '\0');
	}
	CHECK(strstr(e.candidates[e.winner].rule, "capital") != NULL);
}

static void case_explain_clitic(void)
{
	gm_explanation e;
	explain("وباكو", &e);
	CHECK_STR(e.how, "clitic و");
	CHECK(e.winner >= 0);
	CHECK(e.winner >= 0 && strstr(e.candidates[e.winner].rule, "clitic و") != NULL);
}

/* a name after an organisation head is no place, and says why */
static void case_explain_blocked(void)
{
	gm_explanation e;
	explain("منتخب أذربيجان", &e);
	CHECK(strncmp(e.how, "not a place", strlen("not a place")) == 0);
	CHECK(strstr(e.how, "منتخب") != NULL);
	CHECK_INT(e.n_candidates, 0);
	CHECK_INT(e.winner, -1);
}

/* one context maps document after document: the same text gives the same
 * results, and a result freed is empty */
static void case_context_reused(void)
{
	gm_document d = {0};
	d.id = "p";
	d.text = "قصفت القوات باردا وتواصلت الاشتباكات في باكو";
	d.text_len = strlen(d.text);
	gm_doc_result a = {0}, b = {0};
	gm_error err;
	CHECK_INT(gm_map_document(ctx, &d, &a, &err), 0);
	/* a result's rules are its own: the context mapping more keeps them */
	char rule0[160] = "";
	if (a.n_mentions)
		snprintf(rule0, sizeof rule0, "%s", a.mentions[0].rule);
	CHECK(rule0[0] != '\0');
	gm_document other = {.id = "q", .text = "جورجيا", .text_len = strlen("جورجيا")};
	gm_doc_result c = {0};
	CHECK_INT(gm_map_document(ctx, &other, &c, &err), 0);
	CHECK_INT(c.n_mentions, 1);
	CHECK(c.n_mentions == 0 || strcmp(c.mentions[0].rule, rule0) != 0);
	CHECK_INT(gm_map_document(ctx, &d, &b, &err), 0);
	CHECK_INT(a.n_mentions, 2);
	CHECK(a.n_mentions == 0 || strcmp(a.mentions[0].rule, rule0) == 0);
	CHECK_INT(b.n_mentions, a.n_mentions);
	for (size_t i = 0; i < a.n_mentions && i < b.n_mentions; i++) {
		CHECK_INT(b.mentions[i].place, a.mentions[i].place);
		CHECK_INT(b.mentions[i].start, a.mentions[i].start);
		CHECK_INT(b.mentions[i].score, a.mentions[i].score);
		CHECK_STR(b.mentions[i].rule, a.mentions[i].rule);
		CHECK(b.mentions[i].rule != a.mentions[i].rule);
	}
	CHECK_INT(b.n_events, a.n_events);
	CHECK(a.n_events >= 1);
	gm_doc_result_free(&a);
	CHECK_INT(a.n_mentions, 0);
	CHECK(a.mentions == NULL);
	gm_doc_result_free(&b);
	gm_doc_result_free(&c);
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("pipeline");
	gm_error err;
	CHECK_INT(gm_ctx_new(&ctx, gaz, &err), 0);
	static const check_case cases[] = {CHECK_CASE(case_explain_no_name), CHECK_CASE(case_explain_winner),
	                                   CHECK_CASE(case_explain_clitic), CHECK_CASE(case_explain_blocked),
	                                   CHECK_CASE(case_context_reused)};
	int rc = check_run("pipeline", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_ctx_free(ctx);
	gm_gazetteer_close(gaz);
	return rc;
}
