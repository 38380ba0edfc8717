/* textlayer.h: layer files we write as text ourselves instead of through
 * GDAL's drivers (internal): GeoJSON (RFC 7946) and CSV.
 *
 * Why: GDAL's GeoJSON driver builds a json-c tree and prints every number
 * with printf for each feature, and its CSV driver seeks to the end of the
 * file before every row (a flush and a write(2) a row); together they were
 * most of a run's writing time. These writers append to a buffer and give
 * what GDAL 3.6 gives with the options write.c used for it (GeoJSON:
 * RFC7946=YES, COORDINATE_PRECISION=7; CSV: GEOMETRY=AS_XY, WRITE_BOM=YES,
 * STRING_QUOTING=IF_NEEDED), so readers see no difference: unit_textlayer
 * writes the same features both ways and compares the files. Two deliberate
 * differences: GeoJSON has no blanks between its tokens (GDAL's ", " and
 * ": " and "{ " were 7 % of a mentions layer and a tenth of a daily one:
 * the test compares the files with those blanks taken out; still one
 * feature a line, for grep and line-by-line readers), and GDAL's GeoJSON
 * writer turns a text that parses as a JSON object into an object, where
 * here text stays a string.
 *
 * GeoJSON in another CRS (--no-rfc7946 --t_srs) and every other format still
 * go through GDAL. */
#ifndef GM_TEXTLAYER_H
#define GM_TEXTLAYER_H

#include "error.h"
#include "layers.h"

#include <stddef.h>

/* GM_TEXT_TABLE: CSV with no point columns and no BOM, for tables whose
 * columns are another's (events.csv in ACLED's shape, acled.h) */
typedef enum gm_text_format { GM_TEXT_GEOJSON, GM_TEXT_CSV, GM_TEXT_TABLE } gm_text_format;

typedef struct gm_textlayer gm_textlayer;

/* Create path (truncating it) for a layer of these fields and write its head
 * (GeoJSON: the FeatureCollection's start; CSV: BOM and header "X,Y,...").
 * fields must outlive the layer. */
int gm__textlayer_create(gm_textlayer **out, gm_text_format format, const char *path, const char *layer_name,
                         const gm_field *fields, size_t n_fields, gm_error *err);
/* One point feature, no geometry when lon or lat is NaN. Integers as numbers
 * (NULL: null / empty), dates as YYYY-MM-DD (GeoJSON: null unless whole),
 * strings as they are, escaped or quoted as the format needs. */
int gm__textlayer_feature(gm_textlayer *t, double lon, double lat, const gm_value *v, gm_error *err);
/* GeoJSON: from field `first` on, an integer 0 is left out of the
 * properties of every feature but the first (readers see NULL there; the
 * first, written whole, gives them every column in order): daily's per-type
 * counts, mostly 0, were half of daily.geojson's bytes. CSV writes every 0. */
void gm__textlayer_zeros_left_out(gm_textlayer *t, size_t first);
/* ok: finish the file and close it, reporting any write error; !ok: just
 * close (the caller removes the file). Frees t either way. */
int gm__textlayer_close(gm_textlayer *t, int ok, gm_error *err);

/* A point's coordinates as GDAL writes them: GeoJSON "x,y" with 7 decimals,
 * trailing zeros dropped but one kept after the point ("22.0,39.0");
 * CSV "x,y" with 15 significant digits ("36.29128,33.5102"), both integers
 * when both are whole ("22,39"), else ".0" after a text of digits only
 * ("112.0,2.2" but "1.5,-112"), and
 * small numbers in full ("0.00005"). Returns the length written into buf
 * (cap >= 128). */
size_t gm__textlayer_xy(char *buf, size_t cap, gm_text_format format, double x, double y);

#endif
