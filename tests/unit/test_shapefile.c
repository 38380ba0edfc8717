/* test_shapefile.c: our Shapefile writer gives the very files GDAL's driver
 * gives (ENCODING=UTF-8) for the same features: .shp, .shx, .dbf, .cpg and
 * .prj compared byte for byte, for an empty layer, a layer of NULL shapes
 * only, and 50,000 features with random points (degrees and metres), NULL
 * numbers and dates, and Arabic longer than a DBF field (which geomention
 * cut on a character boundary before handing it to GDAL, and which this
 * writer cuts itself). Then what GDAL never had to do: refuse a number wider
 * than its field. */
#include "check.h"
#include "reference.h"
#include "shapefile.h"
#include "utf8.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const gm_field fields[] = {
	{"name", GM_F_STR, GM_DBF_BYTES}, {"code", GM_F_STR, 8},   {"count", GM_F_INT, 10},
	{"score", GM_F_INT, 3},           {"date", GM_F_DATE, 0},  {"a_very_long_field_name", GM_F_INT, 10},
};
#define N_FIELDS (sizeof fields / sizeof *fields)

typedef struct feature {
	double x, y;
	gm_value v[N_FIELDS];
} feature;


static char long_arabic[700];

static void make(feature *f, size_t i, int metres, int no_shapes)
{
	static const char *const names[] = {"", "باكو", "a, \"quoted\" text", "ستيباناكيرت / خانكندي", long_arabic, "x"};
	static const char *const dates[] = {"2023-09-27", "", "2025-1-2", "1999-12-31"};
	double span = metres ? 2e7 : 1;
	f->x = no_shapes || i % 17 == 5 ? NAN : ref_uniform(-180, 180) * span;
	f->y = no_shapes || i % 17 == 5 ? NAN : ref_uniform(-90, 90) * span;
	f->v[0].s = names[i % 6];
	f->v[1].s = i % 3 ? "PPLC" : "";
	f->v[2].i = (long long)(ref_next() % 2000000000) - (i % 2 ? 999999999 : 0);
	f->v[2].null = i % 13 == 4;
	f->v[3].i = (long long)(ref_next() % 101);
	f->v[4].s = dates[i % 4];
	f->v[5].i = (long long)i;
	f->v[5].null = i % 7 == 1;
}

/* what write.c did before handing text to GDAL: cut to the field on a
 * character boundary */
static const char *clip_to_field(const gm_field *f, const char *s)
{
	static char buf[GM_DBF_BYTES + 1];
	size_t len = strlen(s), keep = len > (size_t)f->width ? gm__utf8_clip(s, len, (size_t)f->width) : len;
	memcpy(buf, s, keep);
	buf[keep] = '\0';
	return buf;
}

static int write_gdal(const char *path, const char *srs_def, const feature *fs, size_t n)
{
	GDALDatasetH ds = GDALCreate(GDALGetDriverByName("ESRI Shapefile"), path, 0, 0, 0, GDT_Unknown, NULL);
	if (!ds)
		return -1;
	OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
	OSRSetFromUserInput(srs, srs_def);
	OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
	char **lco = CSLSetNameValue(NULL, "ENCODING", "UTF-8");
	OGRLayerH l = GDALDatasetCreateLayer(ds, "t", srs, wkbPoint, lco);
	CSLDestroy(lco);
	OSRRelease(srs);
	for (size_t i = 0; i < N_FIELDS; i++)
		ref_create_field(l, &fields[i], 0, 1);
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		const feature *f = &fs[k];
		OGRFeatureH h = OGR_F_Create(OGR_L_GetLayerDefn(l));
		ref_set_fields(h, fields, N_FIELDS, f->v, 0, clip_to_field);
		if (!isnan(f->x)) {
			OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
			OGR_G_SetPoint_2D(g, 0, f->x, f->y);
			OGR_F_SetGeometryDirectly(h, g);
		}
		if (OGR_L_CreateFeature(l, h) != OGRERR_NONE)
			rc = -1;
		OGR_F_Destroy(h);
	}
	GDALClose(ds);
	return rc;
}

static int write_ours(const char *base, const char *srs_def, const feature *fs, size_t n, int narrow)
{
	OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
	OSRSetFromUserInput(srs, srs_def);
	char *wkt = NULL;
	const char *const opts[] = {"FORMAT=WKT1_ESRI", NULL};
	OSRExportToWktEx(srs, &wkt, opts);
	OSRRelease(srs);
	gm_error err;
	gm_shapefile *s;
	int rc = gm__shapefile_create(&s, base, fields, N_FIELDS, wkt, &err);
	CPLFree(wkt);
	if (rc)
		return rc;
	if (!narrow)
		gm__shapefile_keep_widths(s);   /* GDAL's default: the declared widths */
	for (size_t k = 0; k < n && rc == GM_OK; k++)
		rc = gm__shapefile_feature(s, fs[k].x, fs[k].y, fs[k].v, &err);
	int crc = gm__shapefile_close(s, rc == GM_OK, &err);
	return rc ? rc : crc;
}

static int same_files(const char *dir)
{
	static const char *const ext[] = {"shp", "shx", "dbf", "cpg", "prj"};
	int same = 1;
	for (int i = 0; i < 5; i++) {
		char cmd[600];
		snprintf(cmd, sizeof cmd, "cmp '%s/gdal.%s' '%s/ours.%s' >&2", dir, ext[i], dir, ext[i]);
		if (system(cmd) != 0)
			same = 0;
	}
	return same;
}

static void compare(const char *dir, const char *srs_def, feature *fs, size_t n, int metres, int no_shapes)
{
	char a[128], b[128];
	snprintf(a, sizeof a, "%s/gdal.shp", dir);
	snprintf(b, sizeof b, "%s/ours", dir);
	for (size_t i = 0; i < n; i++)
		make(&fs[i], i, metres, no_shapes);
	CHECK_INT(write_gdal(a, srs_def, fs, n), 0);
	CHECK_INT(write_ours(b, srs_def, fs, n, 0), 0);
	CHECK(same_files(dir));
}

static char dir[] = "/tmp/gm-shapefile-XXXXXX";
static feature *fs;
#define N_FEATURES 50000

static void empty_layer(void) { compare(dir, "EPSG:4326", fs, 0, 0, 0); }
static void null_shapes_only(void) { compare(dir, "EPSG:4326", fs, 40, 0, 1); }
static void fifty_thousand_in_degrees(void) { compare(dir, "EPSG:4326", fs, N_FEATURES, 0, 0); }
static void fifty_thousand_in_metres(void) { compare(dir, "EPSG:32638", fs, N_FEATURES, 1, 0); }   /* UTM 38N */

/* At close our writer narrows text and number fields to their longest
 * value (#17): the same records as the declared widths give, read back by
 * GDAL, the same shapes, and each field exactly as wide as its longest
 * value (a number's digits and sign). */
static void narrowed_fields_keep_every_value(void)
{
	size_t n = 5000;
	for (size_t i = 0; i < n; i++)
		make(&fs[i], i, 0, 0);
	char wide[128], narrow[128];
	snprintf(wide, sizeof wide, "%s/wide", dir);
	snprintf(narrow, sizeof narrow, "%s/narrow", dir);
	CHECK_INT(write_ours(wide, "EPSG:4326", fs, n, 0), 0);
	CHECK_INT(write_ours(narrow, "EPSG:4326", fs, n, 1), 0);
	char a[160], b[160];
	snprintf(a, sizeof a, "%s.shp", wide);
	snprintf(b, sizeof b, "%s.shp", narrow);
	GDALDatasetH da = GDALOpenEx(a, GDAL_OF_VECTOR, NULL, NULL, NULL), db = GDALOpenEx(b, GDAL_OF_VECTOR, NULL, NULL, NULL);
	CHECK(da && db);
	if (!da || !db)
		return;
	OGRLayerH la = GDALDatasetGetLayer(da, 0), lb = GDALDatasetGetLayer(db, 0);
	CHECK_INT(OGR_L_GetFeatureCount(lb, 1), (long long)n);
	size_t longest[N_FIELDS] = {0}, differ = 0;
	OGRFeatureH fa, fb;
	while ((fa = OGR_L_GetNextFeature(la)) && (fb = OGR_L_GetNextFeature(lb))) {
		for (int i = 0; i < (int)N_FIELDS; i++) {
			const char *va = OGR_F_GetFieldAsString(fa, i), *vb = OGR_F_GetFieldAsString(fb, i);
			differ += strcmp(va, vb) != 0 || OGR_F_IsFieldNull(fa, i) != OGR_F_IsFieldNull(fb, i);
			if (strlen(va) > longest[i])
				longest[i] = strlen(va);
		}
		OGRGeometryH ga = OGR_F_GetGeometryRef(fa), gb = OGR_F_GetGeometryRef(fb);
		differ += (ga == NULL) != (gb == NULL) ||
		          (ga && (OGR_G_GetX(ga, 0) != OGR_G_GetX(gb, 0) || OGR_G_GetY(ga, 0) != OGR_G_GetY(gb, 0)));
		OGR_F_Destroy(fa);
		OGR_F_Destroy(fb);
	}
	CHECK_INT(differ, 0);
	OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lb);
	for (int i = 0; i < (int)N_FIELDS; i++)
		if (fields[i].type != GM_F_DATE)
			CHECK_INT(OGR_Fld_GetWidth(OGR_FD_GetFieldDefn(defn, i)), longest[i] ? (long long)longest[i] : 1);
	/* (the numbers too: "a_very_long_field_name" counts to 4999 in 4 digits) */
	CHECK_INT(OGR_Fld_GetWidth(OGR_FD_GetFieldDefn(defn, 5)), 4);
	GDALClose(da);
	GDALClose(db);
	struct stat sa, sb;
	snprintf(a, sizeof a, "%s.dbf", wide);
	snprintf(b, sizeof b, "%s.dbf", narrow);
	CHECK(stat(a, &sa) == 0 && stat(b, &sb) == 0 && sb.st_size < sa.st_size);
}

/* what GDAL never had to do: a number wider than its field is refused, and
 * names the field; a folder that does not exist */
static void refusals(void)
{
	char b[128];
	snprintf(b, sizeof b, "%s/ours", dir);
	gm_error err;
	gm_shapefile *s;
	CHECK_INT(gm__shapefile_create(&s, b, fields, N_FIELDS, NULL, &err), 0);
	feature f = fs[2];
	f.v[3].i = 1000;   /* score holds 3 characters */
	f.v[3].null = 0;
	CHECK_INT(gm__shapefile_feature(s, f.x, f.y, f.v, &err), GM_EINVAL);
	CHECK(strstr(err.message, "score") != NULL);
	CHECK_INT(gm__shapefile_close(s, 0, &err), 0);
	CHECK_INT(gm__shapefile_create(&s, "/nonexistent-folder/x", fields, N_FIELDS, NULL, &err), GM_EIO);
}

int main(int argc, char **argv)
{
	GDALAllRegister();
	CPLSetErrorHandler(CPLQuietErrorHandler);
	/* 300 Arabic letters: 600 bytes, more than a DBF field holds */
	for (int i = 0; i < 300; i++)
		memcpy(long_arabic + 2 * i, "ب", 2);
	long_arabic[600] = '\0';
	CHECK(mkdtemp(dir) != NULL);
	fs = calloc(N_FEATURES, sizeof *fs);
	CHECK(fs != NULL);
	if (!fs)
		return check_done("shapefile");
	static const check_case cases[] = {CHECK_CASE(empty_layer), CHECK_CASE(null_shapes_only),
	                                   CHECK_CASE(fifty_thousand_in_degrees), CHECK_CASE(fifty_thousand_in_metres),
	                                   CHECK_CASE(narrowed_fields_keep_every_value), CHECK_CASE(refusals)};
	int rc = check_run("shapefile", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	free(fs);
	rc |= check_remove_tree(dir);
	return rc;
}
