/* shapefile.h: point Shapefiles (.shp, .shx, .dbf, .prj, .cpg) written by us
 * instead of through GDAL's driver (internal).
 *
 * Why: GDAL's Shapefile driver formats every field of every record through
 * OGR features and shapelib (printf per number, a seek and a small write per
 * record); it was about a fifth of a default run and most of the writing
 * left on the calling thread. The format is small and fixed (ESRI's 1998
 * white paper, dBASE III): this writer appends fixed-width records to three
 * buffered files and writes the headers at the end. The bytes are the ones
 * GDAL 3.6 writes with ENCODING=UTF-8 (unit_shapefile writes the same
 * features both ways and compares all five files), so QGIS and every reader
 * see what they saw before.
 *
 * Text fields hold UTF-8 cut on a character boundary to the field's width;
 * a number wider than its field is refused (never written as stars, which
 * DBF readers take for NULL); the files stop at the format's 4 GB.
 *
 * At close, each text and number field is narrowed to its longest value (GDAL's
 * RESIZE=YES, #17): records are fixed-width, so a 254-byte field holding
 * names of 20 bytes cost a mention 2 KB of .dbf; the file is compacted in
 * place, nothing of any value lost. gm__shapefile_keep_widths turns that off
 * (the byte-for-byte comparison with GDAL's default). */
#ifndef GM_SHAPEFILE_H
#define GM_SHAPEFILE_H

#include "error.h"
#include "layers.h"

#include <stddef.h>

typedef struct gm_shapefile gm_shapefile;

/* Create base.shp, base.shx, base.dbf, base.cpg and base.prj (prj_wkt: the
 * CRS as ESRI WKT, NULL for none). fields must outlive the writer; a text
 * field's width is its byte width (GM_DBF_BYTES when 0). */
int gm__shapefile_create(gm_shapefile **out, const char *base, const gm_field *fields, size_t n_fields,
                         const char *prj_wkt, gm_error *err);
/* One point record (a NULL shape when x or y is NaN) and its attributes. */
int gm__shapefile_feature(gm_shapefile *s, double x, double y, const gm_value *v, gm_error *err);
/* Keep every field at its declared width at close (no narrowing). */
void gm__shapefile_keep_widths(gm_shapefile *s);
/* ok: write the headers and close, reporting any write error; !ok: just
 * close (the caller removes the files). Frees s either way. */
int gm__shapefile_close(gm_shapefile *s, int ok, gm_error *err);

#endif
