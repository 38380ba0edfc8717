/* test_crs.c: coordinates through PROJ and distances on the ellipsoid (geo/). */
#include "check.h"
#include "crs.h"

#include <math.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846   /* C11 has no M_PI; POSIX does, not under _POSIX_C_SOURCE alone */
#endif

static void no_target_is_identity(void)
{
	gm_crs c;
	gm_error err;
	double x, y;
	CHECK_INT(gm__crs_open(&c, NULL, &err), 0);
	CHECK_INT(gm__crs_forward(&c, 49.89201, 40.37767, &x, &y, &err), 0);
	CHECK(fabs(x - 49.89201) < 1e-12 && fabs(y - 40.37767) < 1e-12);
	gm__crs_close(&c);
}

static void web_mercator_and_utm(void)
{
	gm_crs c;
	gm_error err;
	double x, y;
	CHECK_INT(gm__crs_open(&c, "EPSG:3857", &err), 0);
	CHECK_INT(gm__crs_forward(&c, 49.89201, 40.37767, &x, &y, &err), 0);
	CHECK(fabs(x - 6378137.0 * 49.89201 * M_PI / 180) < 0.01);
	CHECK(fabs(y - 6378137.0 * log(tan(M_PI / 4 + 40.37767 * M_PI / 360))) < 0.01);
	gm__crs_close(&c);
	CHECK_INT(gm__crs_open(&c, "EPSG:32639", &err), 0);   /* UTM 39N: 51 E is its central meridian */
	CHECK_INT(gm__crs_forward(&c, 51.0, 0.0, &x, &y, &err), 0);
	CHECK(fabs(x - 500000.0) < 1e-6 && fabs(y) < 1e-6);
	gm__crs_close(&c);
}

static void unknown_crs_refused(void)
{
	gm_crs c;
	gm_error err;
	CHECK_INT(gm__crs_open(&c, "EPSG:999999", &err), GM_ECRS);
	CHECK(strstr(err.message, "EPSG:999999") != NULL);
	CHECK_INT(gm__crs_open(&c, "not a crs", &err), GM_ECRS);
}

static void geodesic_distances(void)
{
	double azi;
	/* Baku to Yerevan: about 456 km, heading west */
	double d = gm__geodesic_km(40.37767, 49.89201, 40.18111, 44.51361, &azi);
	CHECK(d > 450 && d < 462);
	CHECK(azi < -80 && azi > -100);
	CHECK(gm__geodesic_km(33.5, 36.3, 33.5, 36.3, NULL) < 1e-9);   /* a place is 0 km from itself */
	/* a degree of latitude is about 110.6 to 111.7 km */
	d = gm__geodesic_km(0, 30, 1, 30, NULL);
	CHECK(d > 110.5 && d < 111.8);
	/* across the antimeridian, the short way */
	CHECK(gm__geodesic_km(0, 179.5, 0, -179.5, NULL) < 112);
}

/* the quick answer is the exact one: 20,000 random pairs, most of them
 * within a few hundred km (the parent test's scale), at every latitude */
static void beyond_is_the_geodesic(void)
{
	uint32_t x = 88172645u;
	int wrong = 0, quick = 0;
	for (int i = 0; i < 20000; i++) {
		double r[5];
		for (int k = 0; k < 5; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			r[k] = (double)x / 4294967296.0;
		}
		double lat1 = r[0] * 178 - 89, lon1 = r[1] * 360 - 180;
		double spread = i % 4 ? 6 : 180;   /* near pairs mostly, some anywhere */
		double lat2 = lat1 + (r[2] - 0.5) * spread, lon2 = lon1 + (r[3] - 0.5) * spread;
		if (lat2 > 90 || lat2 < -90)
			lat2 = lat1;
		double km = r[4] * (i % 3 ? 400 : 3000);
		int exact = gm__geodesic_km(lat1, lon1, lat2, lon2, NULL) > km;
		wrong += gm__geodesic_beyond_km(lat1, lon1, lat2, lon2, km) != exact;
		quick += fabs(lat1 - lat2) * 110.5 > km;
	}
	CHECK_INT(wrong, 0);
	CHECK(quick > 2000);   /* and the quick test answered often */
	/* just across the bound: a degree of latitude at the equator is 110.574 km */
	CHECK(gm__geodesic_beyond_km(0, 30, 1, 30, 110.5));
	CHECK(!gm__geodesic_beyond_km(0, 30, 1, 30, 110.7));
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(no_target_is_identity), CHECK_CASE(web_mercator_and_utm),
	                                   CHECK_CASE(unknown_crs_refused), CHECK_CASE(geodesic_distances),
	                                   CHECK_CASE(beyond_is_the_geodesic)};
	return check_run("crs", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
