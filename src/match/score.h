/* score.h: one candidate's score, 0-100, and the reason for it (internal).
 *
 * The priors (feature class, population), the kind of name that matched,
 * clitics, the type word before the name, an explicit parent, the common-word
 * cost and the document's context, weighed by the gazetteer's weights
 * (gazetteer/weights.c). resolve.c chooses among the scores. */
#ifndef GM_SCORE_H
#define GM_SCORE_H

#include "codes.h"
#include "context.h"
#include "match.h"

/* The place a match's explicit parent resolved to ("X في Y": Y), and how it is linked. */
typedef struct gm_parent {
	uint32_t place;       /* GM_GAZ_NO_PLACE: none */
	uint8_t link;         /* enum gm_parent_link */
	uint8_t settlement;   /* named as one by its type word (بمدينة الخليل): a place in it lies in its streets */
} gm_parent;

/* Score one candidate (a posting of m->key) in context; rule (may be NULL:
 * not wanted) gets the reason. */
int gm__score_candidate(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p,
                        const gm_context *ctx, const gm_parent *parent, uint32_t n_candidates, char *rule,
                        size_t rule_cap);
/* The most the steps after a candidate's prior and name can add to its
 * score, but for the context's, for any candidate of m with this parent
 * (may be NULL). */
int gm__score_gain(const gm_gazetteer *g, const gm_match *m, const gm_parent *parent);
/* A bound on what gm__score_candidate gives p in context ctx (may be NULL)
 * and with a parent whose gain (gm__score_gain) is gain: never below the
 * score, and cheap (the prior, the name's kind, whether its country is in
 * context). A candidate whose bound is below a score the resolver needs is
 * not scored (a common name has hundreds of places; a 5 M-name gazetteer's,
 * thousands). The two bounds say what gm__score_triage answers, which is
 * what the resolver asks (the tests check it against them). */
int gm__score_bound(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p, const gm_context *ctx,
                    int gain);
/* A bound on gm__score_bound of p and of every candidate after p in its
 * key's postings that is no large place, where the file's order holds
 * (gm__gaz_order_holds): p a candidate and no large place. The resolver
 * stops at the first candidate whose stop bound is below what it needs. */
int gm__score_stop_bound(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p, const gm_context *ctx,
                         int gain);
/* What the resolver does with candidate p where it needs a score of needed:
 * STOP (may_stop, and its stop bound is below: p and the rest cannot reach
 * it), SKIP (its bound is below) or SCORE; the two bounds' answers, from one
 * static score. With may_stop, the answer (GM_TRIAGE_ACTION of it) carries
 * GM_TRIAGE_REST_IN_CONTEXT where only the candidates after p whose country
 * is in context can still reach it (the stop bound without the context's
 * bonuses is below). */
enum { GM_TRIAGE_SCORE, GM_TRIAGE_SKIP, GM_TRIAGE_STOP, GM_TRIAGE_ACTION = 3, GM_TRIAGE_REST_IN_CONTEXT = 4 };
int gm__score_triage(const gm_gazetteer *g, const gm_match *m, const gm_gaz_posting *p, const gm_context *ctx,
                     int gain, int needed, int may_stop);

#endif
