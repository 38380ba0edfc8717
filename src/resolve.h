/* resolve.h: choosing one place for each matched name (internal).
 *
 * Each candidate gets a score 0-100 from priors (feature class, population),
 * the kind of name that matched (curated, tagged Arabic, untagged), clitics,
 * the type word before the name, and the document's context: countries the
 * document confidently names make their places win. The best candidate is
 * kept when it reaches GM_RESOLVE_MIN_SCORE; below it there is no mention. */
#ifndef GM_RESOLVE_H
#define GM_RESOLVE_H

#include "match.h"

#define GM_RESOLVE_MIN_SCORE 35
#define GM_RESOLVE_MAX_CONTEXT 32

typedef struct gm_context {
	char country[GM_RESOLVE_MAX_CONTEXT][4];
	uint32_t count[GM_RESOLVE_MAX_CONTEXT];
	size_t n;
	const char *exclude;   /* the scored mention's own contribution: a name is not its own context */
} gm_context;

typedef struct gm_resolved {
	uint32_t place;     /* GM_GAZ_NO_PLACE when nothing scores well enough */
	int score;
	char rule[160];
} gm_resolved;

/* Score one candidate (a posting of m->key) in context; rule gets the reason. */
int gm__score_candidate(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p,
                        const gm_context *ctx, uint32_t n_candidates, char *rule, size_t rule_cap);
/* Whether a candidate (score s, place) beats the best so far; ties go to the
 * larger place. gm__resolve and gm_explain choose by this one rule. */
int gm__candidate_better(const gm_gazetteer *g, int s, uint32_t place, int best_score, uint32_t best_place);
/* Resolve every match of one document (two passes: context, then choice). */
void gm__resolve(const gm_gazetteer *g, gm_match *m, size_t n, gm_resolved *out);
/* The document context of the confident matches, as gm__resolve builds it. */
/* Also records in each match the country it contributes (context_cc). */
void gm__resolve_context(const gm_gazetteer *g, gm_match *m, size_t n, gm_context *ctx);

#endif
