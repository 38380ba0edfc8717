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

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(no_target_is_identity), CHECK_CASE(web_mercator_and_utm),
	                                   CHECK_CASE(unknown_crs_refused), CHECK_CASE(geodesic_distances)};
	return check_run("crs", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
