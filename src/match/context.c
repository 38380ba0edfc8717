/* context.c: what the document's confident matches name (context.h). */
#include "context.h"

#include "codes.h"
#include "crs.h"
#include "hash.h"
#include "search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static size_t admin1_slot(const gm_context *ctx, const char *key)
{
	size_t i = 0;
	while (i < ctx->n_admin1 && !gm__code_eq(ctx->admin1[i], key))
		i++;
	return i;
}

/* src into dst (cap bytes), cut at cap - 1 as snprintf's "%s" would. */
static void copy_text(char *dst, size_t cap, const char *src)
{
	size_t n = strnlen(src, cap - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The admin1 key a place counts under, or 0 when it counts under none. */
static int admin1_key(const gm_gazetteer *g, const gm_gaz_place *pl, char *key, size_t cap)
{
	const char *a1 = gm__gaz_str(g, pl->admin1);
	if (!a1[0] || gm__feature_is_country(pl->feature))
		return 0;
	/* (country "/" admin1, cut at cap - 1 bytes as snprintf would: the
	 * context adds one for every confident match) */
	size_t o = 0;
	for (const char *part[] = {pl->country, "/", a1}, **x = part; x < part + 3; x++)
		for (const char *ch = *x; *ch && o + 1 < cap; ch++)
			key[o++] = *ch;
	key[o] = '\0';
	return 1;
}

/* A name is not its own context; where it is repeated, its other
 * occurrences count only in a document about more than one country: "بلدة
 * برنو" twice in Sudanese news does not make Brno's Czechia the document's
 * country, "مدينة درعا" in an article about Daraa alone does make Syria its
 * country. (A count that matters is of a country in the context, so "another
 * country" is "more than one".) */
struct gm__key_counts {
	const gm_gaz_key *key;
	uint32_t country[GM_RESOLVE_MAX_CONTEXT];
	uint32_t admin1[GM_RESOLVE_MAX_CONTEXT];
};

/* Add what match o's confident reading adds to the context into counts. */
static void add_contribution(const gm_gazetteer *g, const gm_context *ctx, const gm_match *o, uint32_t *country,
                             uint32_t *admin1)
{
	const gm_gaz_place *op = &g->places[o->context_place];
	size_t c = gm__context_country_slot(ctx, op->country);
	if (c < ctx->n)
		country[c]++;
	const char *a1 = gm__gaz_str(g, op->admin1);
	if (a1[0] && !gm__feature_is_country(op->feature) && (c = gm__context_admin1_slot_of(ctx, op->country, a1)) < ctx->n_admin1)
		admin1[c]++;
}

static uint32_t key_hash(const gm_gaz_key *k) { return gm__hash_u64((uint64_t)(uintptr_t)k); }

static int same_key(const void *counts, size_t i, const void *key)
{
	return ((const struct gm__key_counts *)counts)[i].key == key;
}

static int cmp_named(const void *a, const void *b)
{
	const struct gm__named_place *x = a, *y = b;
	if (x->lat != y->lat)
		return x->lat < y->lat ? -1 : 1;
	if (x->lon != y->lon)
		return x->lon < y->lon ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* The named places, once each by (place, name), sorted by latitude: built
 * once the context is complete, so that a candidate costs the places of its
 * band of latitude, not every match of the document (a long document names
 * the same places thousands of times). */
static void index_named(const gm_gazetteer *g, gm_context *ctx)
{
	free(ctx->named);   /* made again where a caller completes a context twice */
	ctx->named = NULL;
	ctx->n_named = 0;
	size_t n = 0;
	for (size_t i = 0; i < ctx->n_all; i++)
		n += ctx->all[i].context_place != GM_GAZ_NO_PLACE;
	if (!n || !(ctx->named = malloc(n * sizeof *ctx->named)))
		return;
	for (size_t i = 0; i < ctx->n_all; i++) {
		const gm_match *o = &ctx->all[i];
		if (o->context_place == GM_GAZ_NO_PLACE)
			continue;
		const gm_gaz_place *p = &g->places[o->context_place];
		ctx->named[ctx->n_named++] = (struct gm__named_place){p->lat, p->lon, o->key};
	}
	qsort(ctx->named, ctx->n_named, sizeof *ctx->named, cmp_named);
	size_t u = 0;
	for (size_t i = 0; i < ctx->n_named; i++)
		if (!u || cmp_named(&ctx->named[i], &ctx->named[u - 1]) != 0)
			ctx->named[u++] = ctx->named[i];
	ctx->n_named = u;
}

static int named_below(const void *named, size_t i, const void *lat)
{
	return ((const struct gm__named_place *)named)[i].lat < *(const double *)lat;
}

/* The counts of every key named more than once, once per key: built after
 * the context is complete (its slots no longer change). */
void gm__context_count_keys(const gm_gazetteer *g, gm_context *ctx)
{
	index_named(g, ctx);
	free(ctx->by_key);   /* (counted again: anew) */
	ctx->by_key = NULL;
	gm__table_free(&ctx->by_key_index);
	size_t n = 0;
	for (size_t i = 0; i < ctx->n_all; i++)
		n += ctx->all[i].context_place != GM_GAZ_NO_PLACE;
	if (ctx->n <= 1 || n == 0)
		return;   /* a repeat counts only in a document of several countries */
	struct gm__key_counts *counts = calloc(n, sizeof *counts);
	gm__table index = {0};
	if (!counts || gm__table_reserve(&index, n)) {
		free(counts);
		return;   /* gm__context_exclude scans instead */
	}
	size_t n_keys = 0;
	for (size_t i = 0; i < ctx->n_all; i++) {
		const gm_match *o = &ctx->all[i];
		if (o->context_place == GM_GAZ_NO_PLACE)
			continue;
		uint32_t h = key_hash(o->key);
		size_t k = gm__table_find(&index, h, same_key, counts, o->key);
		if (k == GM__TABLE_NONE) {
			k = n_keys++;
			counts[k].key = o->key;
			gm__table_add(&index, h, k);   /* room reserved: cannot fail */
		}
		add_contribution(g, ctx, o, counts[k].country, counts[k].admin1);
	}
	ctx->by_key = counts;
	ctx->by_key_index = index;
}

void gm__context_free(gm_context *ctx)
{
	free(ctx->by_key);
	ctx->by_key = NULL;
	gm__table_free(&ctx->by_key_index);
	free(ctx->named);
	ctx->named = NULL;
	ctx->n_named = 0;
}

int gm__context_near_named(const gm_context *ctx, const gm_gaz_key *key, double lat, double lon, double km)
{
	double band = km / 110.0 + 0.01;   /* a degree of latitude is at least 110 km */
	/* a degree of longitude is at least 110 cos(lat) km: wider where the band
	 * reaches the poles. cos is taken from below by its series to x^6 (an
	 * alternating series cut after a minus term: never above cos), so the band
	 * is never narrower than cos would make it: the geodesic below decides, as
	 * before, and every candidate of every match asks (a libm call was a
	 * third of this) */
	double x = fabs(lat) + band < 89.0 ? (fabs(lat) + band) * (3.14159265358979323846 / 180.0) : 0.0;
	double x2 = x * x;
	double widest = x > 0.0 ? 1.0 - x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0)) - 1e-12 : 0.0;   /* (and a rounding below) */
	double lon_band = widest > 0.01 ? band / widest : 360.0;
	double south = lat - band;
	for (size_t i = gm__lower_bound(ctx->named, ctx->n_named, named_below, &south);
	     i < ctx->n_named && ctx->named[i].lat <= lat + band; i++) {
		const struct gm__named_place *p = &ctx->named[i];
		double dlon = fabs(p->lon - lon);
		if (dlon > 180.0)
			dlon = 360.0 - dlon;
		double azi;
		if (p->key != key && dlon <= lon_band && gm__geodesic_km(lat, lon, p->lat, p->lon, &azi) <= km)
			return 1;
	}
	return 0;
}

void gm__context_exclude(const gm_gazetteer *g, gm_context *ctx, const gm_match *x)
{
	ctx->exclude = x;
	memset(ctx->excluded, 0, sizeof ctx->excluded);
	memset(ctx->excluded_admin1, 0, sizeof ctx->excluded_admin1);
	if (!x)
		return;
	int repeats_count = ctx->n > 1;
	if (!repeats_count || !ctx->all) {
		if (x->context_place != GM_GAZ_NO_PLACE)
			add_contribution(g, ctx, x, ctx->excluded, ctx->excluded_admin1);
		return;
	}
	if (ctx->by_key) {
		/* every occurrence of x's name, x among them */
		size_t k = gm__table_find(&ctx->by_key_index, key_hash(x->key), same_key, ctx->by_key, x->key);
		if (k != GM__TABLE_NONE) {
			memcpy(ctx->excluded, ctx->by_key[k].country, sizeof ctx->excluded);
			memcpy(ctx->excluded_admin1, ctx->by_key[k].admin1, sizeof ctx->excluded_admin1);
		}
		return;
	}
	for (size_t j = 0; j < ctx->n_all; j++) {
		const gm_match *o = &ctx->all[j];
		if ((o != x && o->key != x->key) || o->context_place == GM_GAZ_NO_PLACE)
			continue;
		add_contribution(g, ctx, o, ctx->excluded, ctx->excluded_admin1);
	}
}

void gm__context_add(gm_context *ctx, const gm_gazetteer *g, uint32_t place)
{
	const gm_gaz_place *pl = &g->places[place];
	size_t c = gm__context_country_slot(ctx, pl->country);
	if (c == ctx->n) {
		if (ctx->n == GM_RESOLVE_MAX_CONTEXT)
			return;
		copy_text(ctx->country[c], sizeof ctx->country[c], pl->country);
		ctx->n++;
	}
	ctx->count[c]++;
	char key[64];
	if (!admin1_key(g, pl, key, sizeof key))
		return;
	c = admin1_slot(ctx, key);
	if (c == ctx->n_admin1) {
		if (ctx->n_admin1 == GM_RESOLVE_MAX_CONTEXT)
			return;
		copy_text(ctx->admin1[c], sizeof ctx->admin1[c], key);
		ctx->n_admin1++;
	}
	ctx->admin1_count[c]++;
}
