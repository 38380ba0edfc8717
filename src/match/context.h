/* context.h: what a document's confident matches name (internal): the
 * countries and first-level areas the resolver weighs each candidate
 * against. resolve.c fills it (gm__resolve_context), score.c asks it. */
#ifndef GM_CONTEXT_H
#define GM_CONTEXT_H

#include "match.h"

#include "codes.h"
#include "table.h"

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
	gm__table by_key_index;
	/* the places the confident matches name, once per (place, name), by
	 * latitude: what a candidate is measured against for "near a place the
	 * document names" (score.c), the band of latitude only */
	struct gm__named_place {
		double lat, lon;
		const gm_gaz_key *key;
	} *named;
	size_t n_named;
} gm_context;

/* Count place once more in the context: its country, and its "CC/admin1". */
void gm__context_add(gm_context *ctx, const gm_gazetteer *g, uint32_t place);
/* Once the context is complete: what each name named more than once adds,
 * summed once per name (so that gm__context_exclude costs the same however
 * long the document). */
void gm__context_count_keys(const gm_gazetteer *g, gm_context *ctx);
/* Whether (lat, lon) lies within km of a place the context's matches name
 * by another name than key. */
int gm__context_near_named(const gm_context *ctx, const gm_gaz_key *key, double lat, double lon, double km);
/* Release what the context allocated. */
void gm__context_free(gm_context *ctx);
/* Make x (one of ctx->all, or NULL: none) the match whose name the context
 * leaves out while its candidates are scored. */
void gm__context_exclude(const gm_gazetteer *g, gm_context *ctx, const gm_match *x);

/* The counts below are asked for every candidate scored: inline. */
/* The slot of a country / "CC/admin1" key in the context; ctx->n /
 * ctx->n_admin1 when it is not there. */
static inline size_t gm__context_country_slot(const gm_context *ctx, const char *cc)
{
	size_t i = 0;
	while (i < ctx->n && !gm__code_eq(ctx->country[i], cc))
		i++;
	return i;
}

/* Whether k is the key admin1_key makes of (cc, a1), "CC/admin1" cut to the
 * 63 bytes a context slot holds, compared where it stands: scoring asks
 * this for every candidate, and printing the key each time cost more than
 * all the rest of the scoring (#17). */
static inline int gm__context_is_admin1_key(const char *k, const char *cc, const char *a1)
{
	const size_t max = sizeof ((gm_context *)0)->admin1[0] - 1;
	size_t n = 0;
	for (const char *parts[3] = {cc, "/", a1}, **p = parts; p < parts + 3; p++)
		for (const char *s = *p; *s; s++, n++) {
			if (n == max)
				return k[n] == '\0';
			if (k[n] != *s)
				return 0;
		}
	return k[n] == '\0';
}

static inline size_t gm__context_admin1_slot_of(const gm_context *ctx, const char *cc, const char *a1)
{
	size_t i = 0;
	while (i < ctx->n_admin1 && !gm__context_is_admin1_key(ctx->admin1[i], cc, a1))
		i++;
	return i;
}

/* How many confident matches other than ctx->exclude's name this country /
 * admin1. */
static inline uint32_t gm__context_count(const gm_context *ctx, const char *cc, const char *admin1)
{
	if (!admin1) {
		size_t i = gm__context_country_slot(ctx, cc);
		return i < ctx->n && ctx->count[i] > ctx->excluded[i] ? ctx->count[i] - ctx->excluded[i] : 0;
	}
	size_t i = gm__context_admin1_slot_of(ctx, cc, admin1);
	return i < ctx->n_admin1 && ctx->admin1_count[i] > ctx->excluded_admin1[i]
	               ? ctx->admin1_count[i] - ctx->excluded_admin1[i]
	               : 0;
}

/* Whether other names than ctx->exclude's make the document about a country
 * other than cc (the name's own contribution does not count). */
static inline int gm__context_other_countries(const gm_context *ctx, const char *cc)
{
	for (size_t i = 0; i < ctx->n; i++)
		if (ctx->count[i] > ctx->excluded[i] && !gm__code_eq(ctx->country[i], cc))
			return 1;
	return 0;
}

#endif
