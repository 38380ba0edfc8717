/* test_context.c: what a document's confident matches name (match/context.h):
 * countries and "CC/admin1" counted, a name left out of its own context
 * (every occurrence of it, by the one-per-name table or by the scan, the
 * same), and the admin1 key compared where it stands, cut as a slot holds it. */
#include "check.h"
#include "crs.h"
#include "context.h"
#include "mini.h"

#include <math.h>
#include <string.h>

static gm_gazetteer *gaz;

static uint32_t place(const char *id) { return (uint32_t)mini_find(gaz, id); }

/* A match of name key (any key will do: only its identity counts) adding place. */
static gm_match match_of(const gm_gaz_key *key, uint32_t at)
{
	gm_match m;
	memset(&m, 0, sizeof m);
	m.key = key;
	m.context_place = at;
	return m;
}

static void countries_and_divisions_counted(void)
{
	gm_context ctx;
	memset(&ctx, 0, sizeof ctx);
	gm__context_add(&ctx, gaz, place("t:2"));   /* Baku, AZ/Baku */
	gm__context_add(&ctx, gaz, place("t:2"));
	gm__context_add(&ctx, gaz, place("t:6"));   /* Lachin, AZ/Lachin */
	gm__context_add(&ctx, gaz, place("t:4"));   /* Georgia: a country counts under no admin1 */
	CHECK_INT(ctx.n, 2);
	CHECK_INT(gm__context_count(&ctx, "AZ", NULL), 3);
	CHECK_INT(gm__context_count(&ctx, "GE", NULL), 1);
	CHECK_INT(gm__context_count(&ctx, "RU", NULL), 0);
	CHECK_INT(gm__context_count(&ctx, "AZ", "Baku"), 2);
	CHECK_INT(gm__context_count(&ctx, "AZ", "Lachin"), 1);
	CHECK_INT(ctx.n_admin1, 2);
	CHECK(gm__context_other_countries(&ctx, "AZ"));
	CHECK(gm__context_other_countries(&ctx, "GE"));
	gm__context_free(&ctx);
}

/* the document names Baku twice (one name), Lachin and Georgia once: while
 * Baku's name is scored, both its occurrences leave the context */
static void a_name_is_not_its_own_context(void)
{
	const gm_gaz_key *k_baku = &gaz->keys[0], *k_lachin = &gaz->keys[1], *k_georgia = &gaz->keys[2];
	gm_match m[4] = {match_of(k_baku, place("t:2")), match_of(k_lachin, place("t:6")),
	                 match_of(k_baku, place("t:2")), match_of(k_georgia, place("t:4"))};
	for (int table = 0; table <= 1; table++) {
		gm_context ctx;
		memset(&ctx, 0, sizeof ctx);
		ctx.all = m;
		ctx.n_all = 4;
		for (size_t i = 0; i < 4; i++)
			gm__context_add(&ctx, gaz, m[i].context_place);
		if (table)
			gm__context_count_keys(gaz, &ctx);   /* the one-per-name table; else the scan */
		CHECK(table ? ctx.by_key != NULL : ctx.by_key == NULL);
		gm__context_exclude(gaz, &ctx, &m[0]);
		CHECK_INT(gm__context_count(&ctx, "AZ", NULL), 1);        /* Lachin's only */
		CHECK_INT(gm__context_count(&ctx, "AZ", "Baku"), 0);
		CHECK_INT(gm__context_count(&ctx, "GE", NULL), 1);
		gm__context_exclude(gaz, &ctx, &m[1]);
		CHECK_INT(gm__context_count(&ctx, "AZ", NULL), 2);
		CHECK_INT(gm__context_count(&ctx, "AZ", "Lachin"), 0);
		gm__context_exclude(gaz, &ctx, NULL);
		CHECK_INT(gm__context_count(&ctx, "AZ", NULL), 3);
		gm__context_free(&ctx);
	}
}

/* in a document of one country a repeated name does count: "مدينة درعا"
 * twice in news of Daraa alone makes Syria its country */
static void one_country_repeats_count(void)
{
	const gm_gaz_key *k = &gaz->keys[0];
	gm_match m[2] = {match_of(k, place("t:2")), match_of(k, place("t:2"))};
	gm_context ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.all = m;
	ctx.n_all = 2;
	for (size_t i = 0; i < 2; i++)
		gm__context_add(&ctx, gaz, m[i].context_place);
	gm__context_count_keys(gaz, &ctx);
	gm__context_exclude(gaz, &ctx, &m[0]);
	CHECK_INT(gm__context_count(&ctx, "AZ", NULL), 1);   /* the other occurrence still counts */
	gm__context_free(&ctx);
}

/* near a place the document names by another name: within km of Baku
 * (40.378 N, 49.892 E), not by Baku's own name, not 100 km away */
static void near_a_named_place(void)
{
	const gm_gaz_key *k_baku = &gaz->keys[0], *k_other = &gaz->keys[5];
	gm_match m[3] = {match_of(k_baku, place("t:2")), match_of(k_baku, place("t:2")), match_of(k_other, place("t:4"))};
	gm_context ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.all = m;
	ctx.n_all = 3;
	for (size_t i = 0; i < 3; i++)
		gm__context_add(&ctx, gaz, m[i].context_place);
	gm__context_count_keys(gaz, &ctx);
	CHECK_INT(ctx.n_named, 2);                                                  /* Baku once, Georgia */
	CHECK(gm__context_near_named(&ctx, k_other, 40.45, 49.95, 30));            /* 10 km from Baku */
	CHECK(!gm__context_near_named(&ctx, k_baku, 40.45, 49.95, 30));            /* only by its own name */
	CHECK(!gm__context_near_named(&ctx, k_other, 41.30, 49.89, 30));           /* 100 km north */
	CHECK(!gm__context_near_named(&ctx, k_other, 40.378, 50.60, 30));          /* 60 km east */
	gm__context_free(&ctx);
	CHECK(ctx.named == NULL && ctx.n_named == 0);
}

/* the longitude band that passes places on to the geodesic is never too
 * narrow: at every latitude (up to the poles) and reach, the answer is a
 * geodesic check against every named place, one by one */
static void near_named_is_every_geodesic(void)
{
	struct gm__named_place named[400];
	const gm_gaz_key *k = &gaz->keys[0], *other = &gaz->keys[5];
	uint64_t seed = 0x853C49E6748FEA9Bull;
	for (size_t i = 0; i < 400; i++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		named[i].lat = -89.5 + (double)(i * 179) / 400.0;   /* sorted by latitude */
		named[i].lon = -180.0 + (double)(seed % 36000) / 100.0;
		named[i].key = i % 7 ? other : k;
	}
	gm_context ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.named = named;
	ctx.n_named = 400;
	size_t differ = 0, near = 0;
	for (int round = 0; round < 20000; round++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		size_t at = seed % 400;
		double km = 5.0 + (double)(seed >> 20 & 1023) / 4.0;
		/* a point near one of them, east or west by about the reach */
		double lat = named[at].lat + ((double)(seed >> 30 & 255) - 128.0) / 256.0 * km / 111.0;
		double lon = named[at].lon + ((double)(seed >> 40 & 1023) - 512.0) / 256.0 * km / 111.0 /
		                                 (fabs(lat) < 89.9 ? cos(lat * 3.14159265358979323846 / 180.0) : 0.002);
		if (lat > 89.99 || lat < -89.99)
			continue;
		lon = lon > 180.0 ? lon - 360.0 : lon < -180.0 ? lon + 360.0 : lon;
		int want = 0;
		for (size_t i = 0; i < 400 && !want; i++) {
			double azi;
			want = named[i].key != k && gm__geodesic_km(lat, lon, named[i].lat, named[i].lon, &azi) <= km;
		}
		near += want;
		differ += gm__context_near_named(&ctx, k, lat, lon, km) != want;
	}
	CHECK_INT(differ, 0);
	CHECK(near > 2000);   /* (the points do fall near and far) */
}

/* "CC/admin1" is compared without being printed, cut at the slot's 63 bytes
 * as gm__context_add cuts it */
static void admin1_keys_compared_where_they_stand(void)
{
	/* keys as the context holds them: in slots of 64 bytes */
	static const char slots[4][64] = {"AZ/Baku", "AZ/Bak", "AM/Baku"};
	CHECK(gm__context_is_admin1_key(slots[0], "AZ", "Baku"));
	CHECK(!gm__context_is_admin1_key(slots[0], "AZ", "Bak"));
	CHECK(!gm__context_is_admin1_key(slots[1], "AZ", "Baku"));
	CHECK(!gm__context_is_admin1_key(slots[2], "AZ", "Baku"));
	char a1[100], key[64];
	memset(a1, 'x', 99);
	a1[99] = '\0';
	memcpy(key, "SY/", 3);   /* what a slot keeps: the first 63 bytes */
	memcpy(key + 3, a1, 60);
	key[63] = '\0';
	CHECK(gm__context_is_admin1_key(key, "SY", a1));
	key[62] = 'y';
	CHECK(!gm__context_is_admin1_key(key, "SY", a1));
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("context");
	static const check_case cases[] = {CHECK_CASE(countries_and_divisions_counted),
	                                   CHECK_CASE(a_name_is_not_its_own_context), CHECK_CASE(one_country_repeats_count),
	                                   CHECK_CASE(near_a_named_place), CHECK_CASE(near_named_is_every_geodesic),
	                                   CHECK_CASE(admin1_keys_compared_where_they_stand)};
	int rc = check_run("context", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	return rc;
}
