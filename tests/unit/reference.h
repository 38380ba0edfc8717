/* reference.h: what the writer tests share: a seeded random number source
 * (a failure is the same on every run) and GDAL as the reference writer,
 * fed the same field values as geomention's own writers. */
#ifndef GM_REFERENCE_H
#define GM_REFERENCE_H

#include "layers.h"

#include <ogr_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t ref_rng = 88172645463325252ULL;   /* xorshift64 */
static inline uint64_t ref_next(void)
{
	ref_rng ^= ref_rng << 13;
	ref_rng ^= ref_rng >> 7;
	ref_rng ^= ref_rng << 17;
	return ref_rng;
}
static inline double ref_uniform(double lo, double hi)
{
	return lo + (hi - lo) * (double)(ref_next() >> 11) / 9007199254740992.0;
}

/* An OGR field for f, as write.c declared them for GDAL: dates as text where
 * the driver would write them otherwise (CSV), text widths where the format
 * has them (Shapefile). */
static inline void ref_create_field(OGRLayerH l, const gm_field *f, int dates_as_text, int text_widths)
{
	OGRFieldType t = f->type == GM_F_INT                     ? OFTInteger
	                 : f->type == GM_F_DATE && !dates_as_text ? OFTDate
	                                                          : OFTString;
	OGRFieldDefnH fd = OGR_Fld_Create(f->name, t);
	if (f->width && (text_widths || f->type != GM_F_STR))
		OGR_Fld_SetWidth(fd, f->width);
	OGR_L_CreateField(l, fd, TRUE);
	OGR_Fld_Destroy(fd);
}

/* Field values into an OGR feature; text goes through clip (NULL: as is). */
static inline void ref_set_fields(OGRFeatureH h, const gm_field *fields, size_t n, const gm_value *v, int dates_as_text,
                                  const char *(*clip)(const gm_field *f, const char *s))
{
	for (size_t i = 0; i < n; i++) {
		if (fields[i].type == GM_F_INT) {
			if (v[i].null)
				OGR_F_SetFieldNull(h, (int)i);
			else
				OGR_F_SetFieldInteger64(h, (int)i, v[i].i);
		} else if (fields[i].type == GM_F_DATE && !dates_as_text) {
			if (v[i].s && strlen(v[i].s) == 10)
				OGR_F_SetFieldDateTime(h, (int)i, atoi(v[i].s), atoi(v[i].s + 5), atoi(v[i].s + 8), 0, 0, 0, 0);
			else
				OGR_F_SetFieldNull(h, (int)i);
		} else {
			const char *s = v[i].s ? v[i].s : "";
			OGR_F_SetFieldString(h, (int)i, clip ? clip(&fields[i], s) : s);
		}
	}
}

#endif
