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

#define GM_RESOLVE_MAX_CONTEXT 32

/* What the document's confident matches name: countries, and first-level
 * areas as "CC/admin1". A match's own contribution is excluded when it is
 * scored: a name is not its own context (gm__context_exclude). */
typedef struct gm_context {
	char country[GM_RESOLVE_MAX_CONTEXT][4];
	uint32_t count[GM_RESOLVE_MAX_CONTEXT];
	size_t n;
	char admin1[GM_RESOLVE_MAX_CONTEXT][64];
	uint32_t admin1_count[GM_RESOLVE_MAX_CONTEXT];
	size_t n_admin1;
	const gm_match *all;   /* the document's matches: a name repeated is not its own context either */
	size_t n_all;
	/* the match being scored, and what its name adds to count[] and
	 * admin1_count[]: set once per match, since every candidate asks */
	const gm_match *exclude;
	uint32_t excluded[GM_RESOLVE_MAX_CONTEXT];
	uint32_t excluded_admin1[GM_RESOLVE_MAX_CONTEXT];
	/* what each repeated name adds to the counts, summed once per key so
	 * that excluding a name costs the same however long the document
	 * (gm__context_free releases it; NULL: computed by a scan instead) */
	struct gm__key_counts *by_key;
	size_t by_key_cap;     /* slots, a power of two */
} gm_context;

/* A place and where it is first named: sorted by gm__cmp_place_at (place,
 * then first), runs of one place give its count and first mention, so that
 * counting the places of a document is linear-log, not pair by pair. */
typedef struct gm_place_at {
	uint32_t place;
	size_t first;
} gm_place_at;
int gm__cmp_place_at(const void *a, const void *b);

/* Release what gm__resolve_context allocated. */
void gm__context_free(gm_context *ctx);

/* The place a match's explicit parent resolved to ("X في Y": Y), and how it is linked. */
typedef struct gm_parent {
	uint32_t place;       /* GM_GAZ_NO_PLACE: none */
	uint8_t link;         /* enum gm_parent_link */
} gm_parent;

typedef struct gm_resolved {
	uint32_t place;     /* GM_GAZ_NO_PLACE when nothing scores well enough */
	int score;
	char rule[160];
	uint8_t quarter;    /* a quarter the gazetteer lacks, placed at its town (place_quarters) */
} gm_resolved;

/* Score one candidate (a posting of m->key) in context; rule (may be NULL:
 * not wanted) gets the reason. */
int gm__score_candidate(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p,
                        const gm_context *ctx, const gm_parent *parent, uint32_t n_candidates, char *rule,
                        size_t rule_cap);
/* The parent of match i (from its parent_link and the next match's resolution). */
gm_parent gm__parent_of(const gm_match *m, size_t n, size_t i, const gm_resolved *out);
/* Whether a candidate (score s, place) beats the best so far; ties go to the
 * larger place. gm__resolve and gm_explain choose by this one rule. */
int gm__candidate_better(const gm_gazetteer *g, int s, uint32_t place, int best_score, uint32_t best_place);
/* Resolve every match of one document: the context from confident matches,
 * then a choice for each, then again for matches with an explicit parent. */
void gm__resolve(const gm_gazetteer *g, gm_match *m, size_t n, gm_resolved *out);
/* The document context of the confident matches, as gm__resolve builds it. */
/* Also records in each match the place it contributes (context_place). */
void gm__resolve_context(const gm_gazetteer *g, gm_match *m, size_t n, gm_context *ctx);
/* Make x (one of ctx->all, or NULL: none) the match whose name the context
 * leaves out while its candidates are scored. */
void gm__context_exclude(const gm_gazetteer *g, gm_context *ctx, const gm_match *x);

#endif
