/* pipeline.c: one document through tokenize -> match -> resolve, with the
 * per-thread state those stages need (gm_ctx). */
#include "error.h"
#include "grow.h"
#include "fold.h"
#include "events.h"
#include "gazetteer.h"
#include "match.h"
#include "resolve.h"
#include "tokenize.h"
#include "utf8.h"

#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct gm_ctx {
	const gm_gazetteer *gaz;
	gm_tokenizer tz;
	gm_translit *tr;
	gm_event_list events;
	gm_tokens toks;
	gm_matches matches;
	gm_resolved *resolved;
	size_t resolved_cap;
	gm_strbuf rules;   /* the texts of the resolved matches' rules */
};

int gm_ctx_new(gm_ctx **out, const gm_gazetteer *gaz, gm_error *err)
{
	*out = NULL;
	if (!gaz)
		return gm__fail(err, GM_EINVAL, "no gazetteer");
	gm_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	c->gaz = gaz;
	int rc = gm__tokenizer_init(&c->tz, err);
	if (rc == GM_OK)
		rc = gm__translit_open(&c->tr, GM_TRANSLIT_LAZY, err);
	if (rc != GM_OK) {
		gm_ctx_free(c);   /* (each part frees safely unmade or half made) */
		return rc;
	}
	*out = c;
	return GM_OK;
}

void gm_ctx_free(gm_ctx *c)
{
	if (!c)
		return;
	gm__tokenizer_free(&c->tz);
	gm__translit_close(c->tr);
	free(c->events.e);
	free(c->events.aside);
	gm__tokens_free(&c->toks);
	gm__matches_free(&c->matches);
	free(c->resolved);
	gm__sb_free(&c->rules);
	free(c);
}

/* Tokenize, match and resolve text; results stay in the context. */
static int analyse(gm_ctx *c, const char *text, size_t len, gm_error *err)
{
	int rc = gm__tokenize(&c->tz, text, len, &c->toks, err);
	if (rc)
		return rc;
	rc = gm__match(c->gaz, c->tr, text, &c->toks, &c->matches, err);
	if (rc)
		return rc;
	if (GM__GROW(c->resolved, c->resolved_cap, c->matches.n))
		return gm__fail(err, GM_ENOMEM, "out of memory resolving");
	gm__resolve(c->gaz, c->matches.m, c->matches.n, c->resolved, &c->rules);
	if (c->rules.failed)
		return gm__fail(err, GM_ENOMEM, "out of memory resolving");
	return GM_OK;
}

static int is_trim(char ch) { return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t'; }

/* The sentence around a match, without surrounding blanks, as a snippet. */
static void sentence_of(const gm_ctx *c, const char *text, const gm_match *m, gm_mention *x)
{
	const gm_span *s = &c->toks.sentences[c->toks.tok[m->tok_first].sentence];
	uint32_t a = s->b0, b = s->b1;
	while (a < b && is_trim(text[a]))
		a++;
	while (b > a && is_trim(text[b - 1]))
		b--;
	x->snippet_start = a;
	x->snippet_end = b;
}

static void fill_mention(const gm_ctx *c, const char *text, const gm_match *m, uint32_t place, int score,
                         const char *rule, gm_mention *x)
{
	x->start = m->c0;
	x->end = m->c1;
	x->byte_start = m->b0;
	x->byte_end = m->b1;
	x->place = place;
	x->score = score;
	x->rule = rule;
	sentence_of(c, text, m, x);
}

int gm_map_document(gm_ctx *c, const gm_document *doc, gm_doc_result *out, gm_error *err)
{
	memset(out, 0, sizeof *out);
	int rc = analyse(c, doc->text, doc->text_len, err);
	if (rc)
		return rc;
	size_t n = 0, nd = 0;
	for (size_t i = 0; i < c->matches.n; i++) {
		n += c->resolved[i].place != GM_GAZ_NO_PLACE;
		nd += c->matches.m[i].blocked == GM_BLOCK_DEMONYM;
	}
	out->n_tokens = c->toks.n;
	/* the result outlives the context's next document: its rules are its
	 * own, the document's block of them copied whole (the mentions point
	 * into it at the offsets the resolutions hold) */
	if (n && (!(out->mentions = calloc(n, sizeof *out->mentions)) || !(out->rules = malloc(c->rules.len)))) {
		gm_doc_result_free(out);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	if (n)
		memcpy(out->rules, c->rules.s, c->rules.len);
	if (nd && !(out->demonyms = calloc(nd, sizeof *out->demonyms))) {
		gm_doc_result_free(out);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	rc = gm__extract_events(c->gaz, &c->toks, c->matches.m, c->resolved, c->matches.n, doc->date, &c->events, err);
	if (rc) {
		gm_doc_result_free(out);
		return rc;
	}
	if (c->events.n && !(out->events = calloc(c->events.n, sizeof *out->events))) {
		gm_doc_result_free(out);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < c->events.n; i++) {
		gm_event *e = &out->events[out->n_events++];
		*e = c->events.e[i];
		while (e->snippet_start < e->snippet_end && is_trim(doc->text[e->snippet_start]))
			e->snippet_start++;
		while (e->snippet_end > e->snippet_start && is_trim(doc->text[e->snippet_end - 1]))
			e->snippet_end--;
	}
	for (size_t i = 0; i < c->matches.n; i++) {
		const gm_resolved *r = &c->resolved[i];
		const gm_match *m = &c->matches.m[i];
		if (r->place != GM_GAZ_NO_PLACE) {
			fill_mention(c, doc->text, m, r->place, r->score, out->rules + r->rule, &out->mentions[out->n_mentions++]);
		} else if (m->blocked == GM_BLOCK_DEMONYM) {
			fill_mention(c, doc->text, m, m->demonym_of, 100, m->clitic[0] ? "demonym; clitic" : "demonym",
			             &out->demonyms[out->n_demonyms++]);
		}
	}
	return GM_OK;
}

void gm_doc_result_free(gm_doc_result *res)
{
	/* (the struct is the caller's, often on its stack: its arrays go, it is left empty) */
	if (res) {
		free(res->mentions);
		free(res->rules);
		free(res->demonyms);
		free(res->events);
		memset(res, 0, sizeof *res);
	}
}

/* Why a match is no place: an organisation's word, a title, a patronym, an
 * adjective, a demonym, or a not-places row. */
static void explain_blocked(const gm_ctx *c, const gm_match *m, const gm_gaz_key *k, gm_explanation *out)
{
	const gm_gaz_posting *p = &c->gaz->postings[k->post_start];
	uint8_t note = 0;
	for (uint32_t j = 0; j < k->post_count; j++)
		if (p[j].kind == GM_NAME_NOT_PLACE)
			note = p[j].note;
	switch (m->blocked) {
	case GM_BLOCK_ORG:
		snprintf(out->how, sizeof out->how, "not a place: part of an organisation's name (after %s)", m->type_word);
		break;
	case GM_BLOCK_TITLE:
		snprintf(out->how, sizeof out->how, "not a place: a person (after the title %s)", m->type_word);
		break;
	case GM_BLOCK_PATRONYM:
		snprintf(out->how, sizeof out->how, "not a place: a person (before بن/ابن)");
		break;
	case GM_BLOCK_ADJECTIVE:
		snprintf(out->how, sizeof out->how, "not a place: an adjective after a definite noun");
		break;
	case GM_BLOCK_DEMONYM: {
		gm_place pl;
		gm_gazetteer_get_place(c->gaz, m->demonym_of, &pl);
		snprintf(out->how, sizeof out->how, "not a place: a demonym of %s (%s)", pl.name_en, pl.id);
		break;
	}
	default:
		snprintf(out->how, sizeof out->how, "not a place (%s)", gm__gaz_not_place_kind(note));
	}
}

/* How the name was read: as written or behind a clitic, a spelling variant,
 * a Latin skeleton. */
static void explain_reading(const gm_ctx *c, const gm_match *m, const gm_gaz_key *k, gm_explanation *out)
{
	if (m->clitic[0])
		snprintf(out->how, sizeof out->how, "clitic %s", m->clitic);
	else
		snprintf(out->how, sizeof out->how, "exact");
	if (m->variant == GM_MATCH_SKELETON)
		snprintf(out->how + strlen(out->how), sizeof out->how - strlen(out->how), "; spelling variant");
	else if (m->variant == GM_MATCH_LETTERS)
		snprintf(out->how + strlen(out->how), sizeof out->how - strlen(out->how),
		         "; an emphatic letter for its plain pair or back (ص س، ط ت، ض د، ظ ز)");
	else if (m->variant == GM_MATCH_LATIN)
		snprintf(out->how + strlen(out->how), sizeof out->how - strlen(out->how),
		         "; Latin skeleton %s (places with no Arabic name, in the document's countries only)",
		         k->str ? gm__gaz_str(c->gaz, k->str) + 1 : "");
}

/* The 16th best of the n scores (INT_MIN: not a candidate): candidates above
 * it are shown, and at it while room is left. */
static int sixteenth_best(const int *score, uint32_t n)
{
	int top[16];
	size_t nt = 0;
	for (uint32_t j = 0; j < n; j++) {
		if (score[j] == INT_MIN)
			continue;
		if (nt < 16) {
			top[nt++] = score[j];
		} else {
			size_t lo = 0;
			for (size_t x = 1; x < nt; x++)
				if (top[x] < top[lo])
					lo = x;
			if (score[j] > top[lo])
				top[lo] = score[j];
		}
	}
	int cut = INT_MIN;
	for (size_t x = 0; x < nt; x++)
		if (cut == INT_MIN || top[x] < cut)
			cut = top[x];
	return cut;
}

/* The best 16 candidates of match m (score: each one's), the winner among
 * them, in the gazetteer's order, each with its reason. */
static void show_candidates(const gm_ctx *c, const gm_match *m, const gm_context *ctx, const gm_parent *parent,
                            const int *score, long best, gm_explanation *out)
{
	const gm_gaz_key *k = m->key;
	const gm_gaz_posting *p = &c->gaz->postings[k->post_start];
	int cut = sixteenth_best(score, k->post_count);
	size_t room_at_cut = 16;
	for (uint32_t j = 0; j < k->post_count; j++)
		if (score[j] != INT_MIN && score[j] > cut && room_at_cut)
			room_at_cut--;
	if (best >= 0 && score[best] == cut && room_at_cut)
		room_at_cut--;   /* the winner is shown whatever its rank among equals */
	for (uint32_t j = 0; j < k->post_count && out->n_candidates < 16; j++) {
		if (score[j] == INT_MIN || score[j] < cut)
			continue;
		if (score[j] == cut && (long)j != best) {
			if (!room_at_cut)
				continue;
			room_at_cut--;
		}
		gm_candidate_explained *e = &out->candidates[out->n_candidates];
		e->place = p[j].place;
		e->score = gm__score_candidate(c->gaz, m, &p[j], ctx, parent, k->post_count, e->rule, sizeof e->rule);
		if ((long)j == best && e->score >= c->gaz->w.min_score)
			out->winner = (int)out->n_candidates;
		out->n_candidates++;
	}
}

int gm_explain(gm_ctx *c, const char *text, gm_explanation *out, gm_error *err)
{
	memset(out, 0, sizeof *out);
	out->winner = -1;
	gm__fold(text, strlen(text), out->folded, sizeof out->folded);
	int rc = analyse(c, text, strlen(text), err);
	if (rc)
		return rc;
	if (!c->matches.n) {
		snprintf(out->how, sizeof out->how, "no gazetteer name");
		return GM_OK;
	}
	gm_match *m = &c->matches.m[0];
	const gm_gaz_key *k = m->key;
	if (!k) {
		snprintf(out->how, sizeof out->how, "no gazetteer name: a quarter after %s, placed at its city in a text",
		         m->type_word);
		return GM_OK;
	}
	snprintf(out->key, sizeof out->key, "%s", gm__gaz_str(c->gaz, k->str));
	if (m->not_place) {
		explain_blocked(c, m, k, out);
		return GM_OK;
	}
	explain_reading(c, m, k, out);
	gm_context ctx;
	gm__resolve_context(c->gaz, c->matches.m, c->matches.n, &ctx);
	gm__context_exclude(c->gaz, &ctx, m);
	gm_parent parent = gm__parent_of(c->matches.m, c->matches.n, 0, c->resolved);
	const gm_gaz_posting *p = &c->gaz->postings[k->post_start];
	/* every candidate is scored, as the resolver scores them (Islamabad has
	 * 198): the winner is the resolver's */
	int *score = malloc((k->post_count ? k->post_count : 1) * sizeof *score);
	if (!score) {
		gm__context_free(&ctx);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	long best = -1;
	for (uint32_t j = 0; j < k->post_count; j++) {
		score[j] = INT_MIN;
		if (!gm__gaz_is_candidate(c->gaz, &p[j]))
			continue;
		score[j] = gm__score_candidate(c->gaz, m, &p[j], &ctx, &parent, k->post_count, NULL, 0);
		if (gm__candidate_better(c->gaz, score[j], p[j].place, best < 0 ? 0 : score[best],
		                         best < 0 ? GM_GAZ_NO_PLACE : p[best].place))
			best = (long)j;
	}
	show_candidates(c, m, &ctx, &parent, score, best, out);
	free(score);
	gm__context_free(&ctx);
	return GM_OK;
}
