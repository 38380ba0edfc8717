/* test_geonames.c: GeoNames dumps as downloaded into the gazetteer
 * (src/build/geonames.c): which rows become places, their Arabic names and
 * how far each is trusted, admin1 names from the codes file, the Latin-only
 * places kept for their skeletons, broken rows reported, a reviewed TSV that
 * wins where both describe a place. Fixtures: tests/data/geonames. */
#include "check.h"
#include "gazetteer.h"
#include "mini.h"

#include <string.h>

static const char *data;
static char path[300];

/* a GeoNames dump folder, merged with a reviewed TSV that wins on conflicts */
static void dumps_merged_with_a_reviewed_tsv(void)
{
	gm_error err;
	/* a GeoNames dump folder, merged with a reviewed TSV that wins on conflicts */
	{
		char dir[1024], over[1024], gpath[340];
		snprintf(dir, sizeof dir, "%s/geonames", data);
		snprintf(over, sizeof over, "%s/geonames-override.tsv", data);
		snprintf(gpath, sizeof gpath, "%s.geonames", path);
		const char *gsrc[] = {over, dir};
		gm_build_stats gs;
		CHECK_INT(gm_gazetteer_build(gsrc, 2, gpath, &gs, &err), 0);
		/* kept: Testabad (Arabic names), the rayon (ADM1), the country, the
		 * Persian-named town, the overridden place, and Latinville (a
		 * populated place with Latin names only, for the Latin skeleton) */
		CHECK_INT(gs.places, 6);
		CHECK_INT(gs.rows_skipped, 1);                       /* the broken row */
		CHECK(strstr(gs.first_problem, "cities500.txt:7") != NULL);
		gm_gazetteer *G = NULL;
		CHECK_INT(gm_gazetteer_open(&G, gpath, &err), 0);
		if (G) {
			gm_place gp;
			long t = mini_find(G, "gn:900001");
			CHECK(t >= 0);
			gm_gazetteer_get_place(G, (uint32_t)t, &gp);
			CHECK_STR(gp.name_ar, "تست آباد");               /* the preferred ar name */
			CHECK_STR(gp.admin1, "Lachin");                   /* AZ.28 via admin1CodesASCII */
			CHECK_STR(gp.feature, "PPLA");
			CHECK_STR(gp.name_en, "Testabad (second file)");  /* files in name order, first wins */
			long lv = mini_find(G, "gn:900002");
			CHECK(lv >= 0);
			/* reached by its Latin skeleton only, never as an Arabic name */
			const gm_gaz_key *lk = gm__gaz_find(G, "^latanal", strlen("^latanal"));
			CHECK(lk != NULL && lk->post_count == 1 && G->postings[lk->post_start].kind == GM_NAME_LATIN &&
			      (long)G->postings[lk->post_start].place == lv);
			CHECK(gm__gaz_find(G, "latinville", strlen("latinville")) == NULL);
			long a1 = mini_find(G, "gn:900003");
			CHECK(a1 >= 0);
			gm_gazetteer_get_place(G, (uint32_t)a1, &gp);
			CHECK_STR(gp.admin1, "Lachin Rayon");             /* an ADM1 is its own admin1 */
			long o = mini_find(G, "gn:900006");
			gm_gazetteer_get_place(G, (uint32_t)o, &gp);
			CHECK_STR(gp.name_en, "Reviewed Place");
			CHECK(gp.lat > 40.4 && gp.lat < 40.6);
			CHECK_INT(gp.population, 1234);
			/* the TSV's PPL over the dump's PPLA2: the file's code is NUL-padded,
			 * as readers that compare codes as words need */
			CHECK(memcmp(G->places[o].feature, "PPL\0\0\0\0\0", 8) == 0);
			CHECK(memcmp(G->places[o].country, "AZ\0\0", 4) == 0);
			/* kinds: ar tagged, fa untagged, colloquial dropped, alternatenames untagged */
			const gm_gaz_key *gk = gm__gaz_find(G, "تست اباد", strlen("تست اباد"));
			CHECK(gk && G->postings[gk->post_start].kind == GM_NAME_TAGGED);
			gk = gm__gaz_find(G, "تيستاباد", strlen("تيستاباد"));
			CHECK(gk && G->postings[gk->post_start].kind == GM_NAME_UNTAGGED);
			CHECK(gm__gaz_find(G, "تستي", strlen("تستي")) == NULL);
			gk = gm__gaz_find(G, "قريه فارسيه القديمه", strlen("قريه فارسيه القديمه"));
			CHECK(gk && G->postings[gk->post_start].kind == GM_NAME_UNTAGGED);  /* historic ar */
			CHECK_INT(gm_gazetteer_verify(G, &err), 0);
			gm_gazetteer_close(G);
		}
		unlink(gpath);
	}
}

/* what a folder without the place table lacks is named */
static void a_folder_without_places_is_refused(void)
{
	gm_error err;
	gm_build_stats gs;
	char gpath[320];
	snprintf(gpath, sizeof gpath, "%s.empty", path);
	const char *empty[] = {data};
	CHECK_INT(gm_gazetteer_build(empty, 1, gpath, &gs, &err), GM_EINVAL);
	CHECK(strstr(err.message, "allCountries.txt") != NULL);
	FILE *f = fopen(gpath, "rb");
	CHECK(f == NULL);   /* nothing written */
	if (f)
		fclose(f);
}

int main(int argc, char **argv)
{
	data = argc > 1 ? argv[1] : "tests/data";
	snprintf(path, sizeof path, "/tmp/gm-geonames-%ld.gmz", (long)getpid());
	static const check_case cases[] = {CHECK_CASE(dumps_merged_with_a_reviewed_tsv),
	                                   CHECK_CASE(a_folder_without_places_is_refused)};
	return check_run("geonames", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
