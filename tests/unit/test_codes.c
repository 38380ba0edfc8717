/* test_codes.c: short ASCII codes compared inline (util/codes.h): feature and
 * country codes, whole or by prefix. */
#include "check.h"
#include "codes.h"

static void equal_whole_codes_only(void)
{
	CHECK(gm__code_eq("PPLA", "PPLA"));
	CHECK(!gm__code_eq("PPLA", "PPLA2"));
	CHECK(!gm__code_eq("PPLA2", "PPLA"));
	CHECK(gm__code_eq("", ""));
	CHECK(!gm__code_eq("", "A"));
}

static void prefixes(void)
{
	CHECK(gm__code_starts("PPLA2", "PPLA"));
	CHECK(gm__code_starts("PPL", "PPL"));
	CHECK(!gm__code_starts("PP", "PPL"));
	CHECK(gm__code_starts("ANY", ""));
}

static void countries_and_divisions(void)
{
	CHECK(gm__feature_is_country("PCLI"));
	CHECK(gm__feature_is_country("PCLD"));
	CHECK(gm__feature_is_country("TERR"));
	CHECK(!gm__feature_is_country("PPLC"));
	CHECK(!gm__feature_is_country("PC"));
	CHECK(gm__feature_is_admin1("ADM1"));
	CHECK(!gm__feature_is_admin1("ADM1H"));
	CHECK(!gm__feature_is_admin1("ADM2"));
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(equal_whole_codes_only), CHECK_CASE(prefixes),
	                                   CHECK_CASE(countries_and_divisions)};
	return check_run("codes", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
