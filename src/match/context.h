/* context.h: what a document's confident matches name (internal): the
 * countries and first-level areas the resolver weighs each candidate
 * against. resolve.c fills it (gm__resolve_context), score.c asks it. */
#ifndef GM_CONTEXT_H
#define GM_CONTEXT_H

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

/* Count place once more in the context: its country, and its "CC/admin1". */
void gm__context_add(gm_context *ctx, const gm_gazetteer *g, uint32_t place);
/* Once the context is complete: what each name named more than once adds,
 * summed once per name (so that gm__context_exclude costs the same however
 * long the document). */
void gm__context_count_keys(const gm_gazetteer *g, gm_context *ctx);
/* Release what the context allocated. */
void gm__context_free(gm_context *ctx);
/* Make x (one of ctx->all, or NULL: none) the match whose name the context
 * leaves out while its candidates are scored. */
void gm__context_exclude(const gm_gazetteer *g, gm_context *ctx, const gm_match *x);
/* How many confident matches other than the excluded name's name this
 * country (admin1 NULL) or this first-level area of it. */
uint32_t gm__context_count(const gm_context *ctx, const char *cc, const char *admin1);
/* Whether names other than the excluded one make the document about a
 * country other than cc. */
int gm__context_other_countries(const gm_context *ctx, const char *cc);

#endif
