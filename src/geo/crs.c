/* crs.c: PROJ with its log routed into our error messages, and the output
 * normalised to lon/lat (east/north) order whatever the CRS's axis order. */
#include "crs.h"

#include <geodesic.h>

#include "error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void log_to_buffer(void *data, int level, const char *msg)
{
	(void)level;
	gm_crs *c = data;
	snprintf(c->log, sizeof c->log, "%s", msg);
}

int gm__crs_open(gm_crs *c, const char *t_srs, gm_error *err)
{
	memset(c, 0, sizeof *c);
	if (!t_srs || !*t_srs)
		return GM_OK;
	c->ctx = proj_context_create();
	if (!c->ctx)
		return gm__fail(err, GM_ECRS, "PROJ: cannot create a context");
	proj_log_func(c->ctx, c, log_to_buffer);
	PJ *target = proj_create(c->ctx, t_srs);
	if (!target) {
		int rc = gm__fail(err, GM_ECRS, "unknown CRS \"%s\"%s%s", t_srs, c->log[0] ? ": " : "", c->log);
		gm__crs_close(c);
		return rc;
	}
	PJ_TYPE type = proj_get_type(target);
	int is_crs = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
	             type == PJ_TYPE_PROJECTED_CRS || type == PJ_TYPE_COMPOUND_CRS || type == PJ_TYPE_GEOCENTRIC_CRS ||
	             type == PJ_TYPE_BOUND_CRS || type == PJ_TYPE_OTHER_CRS || type == PJ_TYPE_GEODETIC_CRS;
	proj_destroy(target);
	if (!is_crs) {
		gm__crs_close(c);
		return gm__fail(err, GM_ECRS, "\"%s\" is not a coordinate reference system", t_srs);
	}
	PJ *raw = proj_create_crs_to_crs(c->ctx, "OGC:CRS84", t_srs, NULL);
	if (!raw) {
		int rc = gm__fail(err, GM_ECRS, "no transformation from WGS 84 to \"%s\"%s%s", t_srs, c->log[0] ? ": " : "", c->log);
		gm__crs_close(c);
		return rc;
	}
	/* traditional GIS order: x = easting/longitude, whatever EPSG says */
	c->pj = proj_normalize_for_visualization(c->ctx, raw);
	proj_destroy(raw);
	if (!c->pj) {
		gm__crs_close(c);
		return gm__fail(err, GM_ECRS, "PROJ cannot normalise the axis order of \"%s\"", t_srs);
	}
	return GM_OK;
}

int gm__crs_forward(gm_crs *c, double lon, double lat, double *x, double *y, gm_error *err)
{
	if (!c->pj) {
		*x = lon;
		*y = lat;
		return GM_OK;
	}
	PJ_COORD in = proj_coord(lon, lat, 0, 0);
	PJ_COORD outc = proj_trans(c->pj, PJ_FWD, in);
	/* a failed point is HUGE_VAL, and errno can be stale: check the values */
	if (!isfinite(outc.xy.x) || !isfinite(outc.xy.y))
		return gm__fail(err, GM_ECRS, "cannot transform lon %.5f lat %.5f%s%s", lon, lat, c->log[0] ? ": " : "", c->log);
	*x = outc.xy.x;
	*y = outc.xy.y;
	return GM_OK;
}

void gm__crs_close(gm_crs *c)
{
	proj_destroy(c->pj);   /* (both take NULL: a CRS never opened) */
	proj_context_destroy(c->ctx);
	memset(c, 0, sizeof *c);
}

/* The least meridional radius of curvature of WGS 84, at the equator:
 * a(1 - e^2) = 6,335.439 km, taken a little short. */
#define MERIDIAN_RADIUS_MIN_KM 6335.0
#define KM_PER_DEGREE_MIN (MERIDIAN_RADIUS_MIN_KM * 3.14159265358979323846 / 180.0)

int gm__geodesic_beyond_km(double lat1, double lon1, double lat2, double lon2, double km)
{
	/* the shortest way between two parallels is along a meridian, and a
	 * meridian's arc is at least its latitude span times the least radius
	 * of curvature: a bound below every geodesic between the two points */
	if (fabs(lat1 - lat2) * KM_PER_DEGREE_MIN > km)
		return 1;
	return gm__geodesic_km(lat1, lon1, lat2, lon2, NULL) > km;
}

double gm__geodesic_km(double lat1, double lon1, double lat2, double lon2, double *azi)
{
	/* WGS84's constants, made once per thread (geod_init costs as much as an
	 * inverse problem: half of all geodesic time, callgrind shows) */
	static _Thread_local struct geod_geodesic g;
	static _Thread_local int ready;
	if (!ready) {
		geod_init(&g, 6378137.0, 1 / 298.257223563);
		ready = 1;
	}
	double s12 = 0, azi1 = 0, azi2 = 0;
	geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
	if (azi)
		*azi = azi1;
	return s12 / 1000.0;
}
