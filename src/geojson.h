/* geojson.h: a GeoJSON (RFC 7946) layer file written by us, not by GDAL's
 * driver (internal). GDAL's GeoJSON writer builds a json-c object tree and
 * prints it with a printf per number for every feature, which was the largest
 * part of a run's writing time; this writer appends bytes to a buffer and
 * gives the very bytes GDAL 3.6 gives with RFC7946=YES and
 * COORDINATE_PRECISION=7 (unit_geojson compares the two on every gazetteer
 * place), so readers see no difference. Other formats, and GeoJSON in another
 * CRS (--no-rfc7946 with --t_srs), still go through GDAL. */
#ifndef GM_GEOJSON_H
#define GM_GEOJSON_H

#include "error.h"
#include "layers.h"

#include <stddef.h>

typedef struct gm_geojson_file gm_geojson_file;

/* Create path (truncating it) and write the FeatureCollection's head. */
int gm__geojson_create(gm_geojson_file **out, const char *path, const char *layer_name, gm_error *err);
/* One Point feature (NULL geometry when lon or lat is NaN) with the fields'
 * values in order: integers as numbers, dates as "YYYY-MM-DD" (null when
 * empty), strings escaped as json-c escapes them. */
int gm__geojson_feature(gm_geojson_file *g, double lon, double lat, const gm_field *fields, size_t n_fields,
                        const gm_value *v, gm_error *err);
/* ok: write the collection's end and close, reporting any write error;
 * !ok: just close (the caller removes the file). Frees g either way. */
int gm__geojson_close(gm_geojson_file *g, int ok, gm_error *err);

/* A coordinate as GDAL writes it with 7 decimals: "%.7f" with the trailing
 * zeros dropped but one kept after the point ("39.0", "-0.0"). Returns the
 * length written into buf (cap >= 32). */
size_t gm__geojson_coord(char *buf, size_t cap, double v);

#endif
