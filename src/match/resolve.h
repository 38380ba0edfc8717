/* resolve.h: choosing one place for each matched name (internal).
 *
 * Each candidate gets a score 0-100 from priors (feature class, population),
 * the kind of name that matched (curated, tagged Arabic, untagged), clitics,
 * the type word before the name, and the document's context: countries the
 * document confidently names make their places win. The best candidate is
 * kept when it reaches the weights' min_score; below it there is no mention.
 * The weights live in the gazetteer handle (gm_gazetteer_set_weights). */
#ifndef GM_RESOLVE_H
#define GM_RESOLVE_H

#include "match.h"

#include "context.h"
#include "score.h"
#include "strbuf.h"

/* A place and where it is first named: sorted by gm__cmp_place_at (place,
 * then first), runs of one place give its count and first mention, so that
 * counting the places of a document is linear-log, not pair by pair. */
typedef struct gm_place_at {
	uint32_t place;
	size_t first;
} gm_place_at;
int gm__cmp_place_at(const void *a, const void *b);

typedef struct gm_resolved {
	uint32_t place;     /* GM_GAZ_NO_PLACE when nothing scores well enough */
	int score;
	uint32_t rule;      /* how it was chosen: its text in the rules gm__resolve is given
	                       (gm__sb_text); 0, the empty text, with no place. Not 160 bytes
	                       in every resolution: a long document keeps hundreds of
	                       thousands, and most reasons are a few dozen bytes */
	uint8_t quarter;    /* a quarter the gazetteer lacks, placed at its town (place_quarters) */
	uint8_t ruled_out;  /* no place: the text's parent ruled out every candidate (against_parent) */
} gm_resolved;

/* The longest a reason is written (its buffer while it is written; it is
 * then kept in the document's rules, gm__sb_keep). */
#define GM_RULE_MAX 160

/* The parent of match i (from its parent_link and the next match's resolution). */
gm_parent gm__parent_of(const gm_match *m, size_t n, size_t i, const gm_resolved *out);
/* Whether a candidate (score s, place) beats the best so far; ties go to the
 * larger place. gm__resolve and gm_explain choose by this one rule. */
int gm__candidate_better(const gm_gazetteer *g, int s, uint32_t place, int best_score, uint32_t best_place);
/* Resolve every match of one document: the context from confident matches,
 * then a choice for each, then again for matches with an explicit parent. */
void gm__resolve(const gm_gazetteer *g, gm_match *m, size_t n, gm_resolved *out, gm_strbuf *rules);
/* The names no candidate fits (quarters.c): a quarter, camp or listed
 * village placed at its town (quarter = 1); by_parent: only towns a parent
 * places, settled before quarters and lists are placed at them. */
void gm__place_quarters(const gm_gazetteer *g, const gm_match *m, size_t n, gm_resolved *out, gm_strbuf *rules,
                        int by_parent);
/* A name placed so and named again later keeps that place (one sense per
 * document). */
void gm__same_as_listed(const gm_gazetteer *g, const gm_match *m, size_t n, gm_resolved *out, gm_strbuf *rules);
/* The document context of the confident matches, as gm__resolve builds it. */
/* Also records in each match the place it contributes (context_place). */
void gm__resolve_context(const gm_gazetteer *g, gm_match *m, size_t n, gm_context *ctx);

#endif
