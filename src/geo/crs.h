/* crs.h: WGS 84 lon/lat to a target CRS, through PROJ (internal). */
#ifndef GM_CRS_H
#define GM_CRS_H

#include "geomention.h"

#include <proj.h>

typedef struct gm_crs {
	PJ_CONTEXT *ctx;
	PJ *pj;           /* NULL: the target is WGS 84 lon/lat itself */
	char log[256];    /* PROJ's last log line: its errno strings alone say little */
} gm_crs;

/* t_srs: anything PROJ reads (EPSG:3857, a WKT, a PROJ string); NULL for none. */
int gm__crs_open(gm_crs *c, const char *t_srs, gm_error *err);
/* Transform one point; a point PROJ cannot transform is GM_ECRS. */
int gm__crs_forward(gm_crs *c, double lon, double lat, double *x, double *y, gm_error *err);
void gm__crs_close(gm_crs *c);
/* Geodesic distance in km on the WGS 84 ellipsoid (PROJ's geod_inverse), and
 * the azimuth in degrees from point 1 towards point 2 when azi is not NULL. */
double gm__geodesic_km(double lat1, double lon1, double lat2, double lon2, double *azi);
/* Whether the geodesic distance is over km: gm__geodesic_km(...) > km, the
 * same answer, without the inverse problem where the latitudes alone are
 * farther apart (a resolver's parent test asks it of hundreds of candidates). */
int gm__geodesic_beyond_km(double lat1, double lon1, double lat2, double lon2, double km);

#endif
