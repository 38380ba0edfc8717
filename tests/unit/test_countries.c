/* test_countries.c: the country and first-level division tables (geo/countries.h). */
#include "check.h"
#include "countries.h"

#include "geomention.h"

static void country_table(void)
{
	size_t n;
	const gm_country *all = gm__countries(&n);
	CHECK(all != NULL && n >= 249);
	for (size_t i = 0; all && i < n; i++) {
		CHECK(strlen(all[i].cc2) == 2 && strlen(all[i].cc3) == 3);
		CHECK(all[i].name[0] && all[i].region[0]);
		CHECK(i == 0 || strcmp(all[i - 1].cc2, all[i].cc2) < 0);   /* sorted, no code twice */
	}
	const gm_country *sy = gm__country("SY");
	CHECK(sy != NULL);
	if (sy) {
		CHECK_STR(sy->cc3, "SYR");
		CHECK_STR(sy->ccn3, "760");
		CHECK_STR(sy->region, "Middle East");
	}
	/* where ACLED's regions are not the UN's (gazetteer/acled-regions.tsv) */
	static const char *const where[][2] = {{"AZ", "Caucasus and Central Asia"}, {"IR", "Middle East"},
	                                       {"SD", "Northern Africa"},           {"SS", "Eastern Africa"},
	                                       {"UA", "Europe"},                    {"PK", "South Asia"},
	                                       {"SO", "Eastern Africa"},            {"MX", "Central America"}};
	for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
		const gm_country *c = gm__country(where[i][0]);
		CHECK(c != NULL);
		if (c)
			CHECK_STR(c->region, where[i][1]);
	}
	CHECK(gm__country("ZZ") == NULL && gm__country("") == NULL && gm__country(NULL) == NULL);
}

static void admin1_codes(void)
{
	CHECK_STR(gm__admin1_id("SY", "Idlib"), "SY.12");
	CHECK_STR(gm__admin1_id("PS", "Gaza Strip"), "PS.GZ");
	CHECK_STR(gm__admin1_id("AZ", "Laçın"), "AZ.28");   /* GeoNames' own spelling */
	CHECK_STR(gm__admin1_id("SY", "No Such Province"), "");
	CHECK_STR(gm__admin1_id("ZZ", "Idlib"), "");
	CHECK_STR(gm__admin1_id("SY", ""), "");
	CHECK_STR(gm__admin1_id(NULL, "Idlib"), "");
}

/* every division the bundled gazetteer names has its code, but for a few
 * the sources give none (the reviewed Somali states) */
static void gazetteer_divisions_have_codes(void)
{
	gm_gazetteer *gaz = NULL;
	gm_error err;
	CHECK_INT(gm_gazetteer_open(&gaz, GM_TEST_GAZETTEER, &err), GM_OK);
	if (!gaz)
		return;
	size_t named = 0, coded = 0;
	for (uint32_t i = 0; i < gm_gazetteer_place_count(gaz); i++) {
		gm_place p;
		if (gm_gazetteer_get_place(gaz, i, &p) != GM_OK || !p.admin1 || !*p.admin1)
			continue;
		named++;
		coded += *gm__admin1_id(p.country, p.admin1) != '\0';
	}
	printf("    %zu of %zu places with a division have its code\n", coded, named);
	CHECK(named > 50000 && coded >= named - named / 200);
	gm_gazetteer_close(gaz);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(country_table), CHECK_CASE(admin1_codes),
	                                   CHECK_CASE(gazetteer_divisions_have_codes)};
	return check_run("countries", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
