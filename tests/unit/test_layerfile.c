/* test_layerfile.c: one layer file in any format (layers/layerfile.h): our
 * own writers for GeoJSON, CSV and Shapefiles, OGR for the rest, all read
 * back the same through OGR: Arabic text whole, an integer not stated as
 * NULL, a point where there is one and none where there is not (FlatGeobuf
 * on GDAL before 3.6.4 cannot hold that one: counted); the drivers told
 * apart (files, databases) and their extensions; our own formats found
 * without opening GDAL, every other through it. */
#include "check.h"
#include "layerfile.h"

#include <cpl_conv.h>
#include <ogr_srs_api.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char dir[] = "/tmp/gm-layerfile-XXXXXX";

/* GDAL opened for a case that reads through it (our_formats_found_without_gdal
 * runs first: before it, nothing opens GDAL) */
static void open_gdal(void)
{
	gm_error err = {0, ""};
	CHECK_INT(gm__gdal_load(&err), 0);
}

static const gm_field fields[] = {{"name", GM_F_STR, 254}, {"n", GM_F_INT, 10}, {"date", GM_F_DATE, 0}};

/* Two features into file: a located one with every field, and one with no
 * place and nothing stated; *dropped: features the format could not hold. */
static int write_two(const char *driver, const char *file, size_t *dropped, gm_error *err)
{
	gm_format fmt;
	int rc = gm__format_find(&fmt, driver, err);
	if (rc != GM_OK)
		return rc;
	gm_gdal_log log;
	memset(&log, 0, sizeof log);
	gm_layer_file w;
	memset(&w, 0, sizeof w);
	w.log = &log;
	char path[300];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	CPLPushErrorHandlerEx(gm__gdal_log_handler, &log);
	rc = gm__layer_file_open(&w, &fmt, path, "test", fields, 3, "EPSG:4326", 1, err);
	gm_value a[3] = {{"حلب «الشهباء»", 0, 0}, {NULL, 7, 0}, {"2023-09-20", 0, 0}};
	gm_value b[3] = {{"", 0, 0}, {NULL, 0, 1}, {"", 0, 0}};
	if (rc == GM_OK)
		rc = gm__layer_file_feature(&w, 37.16, 36.2, a, err);
	if (rc == GM_OK)
		rc = gm__layer_file_feature(&w, NAN, NAN, b, err);
	*dropped = w.n_dropped;
	int crc = gm__layer_file_close(&w, rc == GM_OK, err);
	CPLPopErrorHandler();
	return rc ? rc : crc;
}

static void read_back_the_same(const char *file, size_t dropped)
{
	char path[300];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	CHECK(ds != NULL);
	if (!ds)
		return;
	OGRLayerH l = GDALDatasetGetLayer(ds, 0);
	CHECK_INT(OGR_L_GetFeatureCount(l, 1), 2 - (long)dropped);
	OGR_L_ResetReading(l);
	OGRFeatureH f = OGR_L_GetNextFeature(l);
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "name")), "حلب «الشهباء»");
		CHECK_INT(OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "n")), 7);
		OGRGeometryH g = OGR_F_GetGeometryRef(f);
		CHECK(g && fabs(OGR_G_GetX(g, 0) - 37.16) < 1e-6 && fabs(OGR_G_GetY(g, 0) - 36.2) < 1e-6);
		OGR_F_Destroy(f);
	}
	f = dropped ? NULL : OGR_L_GetNextFeature(l);
	CHECK(f != NULL || dropped);
	if (f) {
		int i = OGR_F_GetFieldIndex(f, "n");
		CHECK(!OGR_F_IsFieldSetAndNotNull(f, i));   /* not stated: NULL, never 0 */
		OGRGeometryH g = OGR_F_GetGeometryRef(f);
		CHECK(!g || OGR_G_IsEmpty(g));
		OGR_F_Destroy(f);
	}
	GDALClose(ds);
}

static void each_writer_reads_back_the_same(void)
{
	open_gdal();
	static const char *const formats[][2] = {{"GeoJSON", "t.geojson"}, {"GPKG", "t.gpkg"},
	                                         {"ESRI Shapefile", "t.shp"}, {"FlatGeobuf", "t.fgb"}};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		gm_error err = {0, ""};
		size_t dropped = 0;
		int rc = write_two(formats[i][0], formats[i][1], &dropped, &err);
		if (rc)
			fprintf(stderr, "  %s: %s\n", formats[i][0], err.message);
		CHECK_INT(rc, 0);
		/* only FlatGeobuf, and only with a GDAL that drops them, loses the
		 * placeless feature: counted, so the run can say so */
		int fgb_drops = !strcmp(formats[i][0], "FlatGeobuf") && atoi(GDALVersionInfo("VERSION_NUM")) < 3060400;
		CHECK_INT(dropped, fgb_drops);
		read_back_the_same(formats[i][1], dropped);
	}
}

/* a layer of no feature is a file every format's reader opens, with its
 * fields (GDAL 3.6's FlatGeobuf writer left 0 bytes without the index) */
static void an_empty_layer_is_a_readable_file(void)
{
	open_gdal();
	static const char *const formats[][2] = {{"GPKG", "e.gpkg"}, {"FlatGeobuf", "e.fgb"}, {"GeoJSON", "e.geojson"},
	                                         {"ESRI Shapefile", "e.shp"}};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		gm_gdal_log log;
		memset(&log, 0, sizeof log);
		gm_layer_file w;
		memset(&w, 0, sizeof w);
		w.log = &log;
		char path[300];
		snprintf(path, sizeof path, "%s/%s", dir, formats[i][1]);
		gm_error err = {0, ""};
		gm_format fmt;
		CHECK_INT(gm__format_find(&fmt, formats[i][0], &err), 0);
		CPLPushErrorHandlerEx(gm__gdal_log_handler, &log);
		CHECK_INT(gm__layer_file_open(&w, &fmt, path, "empty", fields, 3, "EPSG:4326", 1, &err), 0);
		CHECK_INT(gm__layer_file_close(&w, 1, &err), 0);
		CPLPopErrorHandler();
		GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
		CHECK(ds != NULL);
		if (!ds) {
			fprintf(stderr, "  %s: an empty layer cannot be opened\n", formats[i][0]);
			continue;
		}
		OGRLayerH l = GDALDatasetGetLayer(ds, 0);
		CHECK(l && OGR_L_GetFeatureCount(l, 1) == 0);
		/* (GeoJSON has no schema: its fields are those its features have) */
		CHECK(l && (OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(l), "name") >= 0 || !strcmp(formats[i][0], "GeoJSON")));
		GDALClose(ds);
	}
}

/* a CRS GDAL does not read is refused at open */
static void an_unknown_crs_is_refused(void)
{
	open_gdal();
	gm_gdal_log log;
	memset(&log, 0, sizeof log);
	gm_layer_file w;
	memset(&w, 0, sizeof w);
	w.log = &log;
	char path[300];
	snprintf(path, sizeof path, "%s/bad.gpkg", dir);
	gm_error err = {0, ""};
	gm_format fmt;
	CHECK_INT(gm__format_find(&fmt, "GPKG", &err), 0);
	CPLPushErrorHandlerEx(gm__gdal_log_handler, &log);
	int rc = gm__layer_file_open(&w, &fmt, path, "t", fields, 3, "EPSG:nonsense", 0, &err);
	gm__layer_file_close(&w, 0, &err);
	CPLPopErrorHandler();
	CHECK_INT(rc, GM_ECRS);
	CHECK(strstr(err.message, "EPSG:nonsense") != NULL);
}

/* GeoJSON, CSV and Shapefiles are ours: found by GDAL's names, any case,
 * without opening GDAL (the first case: nothing has opened it yet); what
 * they need GDAL for is said; any other format is GDAL's driver, found
 * once GDAL is open, and a database or an unknown name is refused */
static void our_formats_found_without_gdal(void)
{
	static const struct {
		const char *asked, *name, *ext;
		int own;
	} ours[] = {{"GeoJSON", "GeoJSON", "geojson", GM_OWN_GEOJSON}, {"geojson", "GeoJSON", "geojson", GM_OWN_GEOJSON},
	            {"CSV", "CSV", "csv", GM_OWN_CSV}, {"esri shapefile", "ESRI Shapefile", "shp", GM_OWN_SHAPEFILE}};
	gm_error err = {0, ""};
	CHECK_INT(gm_set_gdal_library(NULL), GM_OK);   /* (the build's: GDAL not opened yet) */
	for (size_t i = 0; i < sizeof ours / sizeof *ours; i++) {
		gm_format f;
		CHECK_INT(gm__format_find(&f, ours[i].asked, &err), 0);
		CHECK_STR(f.name, ours[i].name);
		CHECK_STR(f.ext, ours[i].ext);
		CHECK_INT(f.own, ours[i].own);
		CHECK(f.drv == NULL);
		CHECK(!gm__format_needs_gdal(&f, "EPSG:4326", 1));
	}
	CHECK(!gm__gdal_loaded());
	gm_format f;
	CHECK_INT(gm__format_find(&f, "GeoJSON", &err), 0);
	CHECK(gm__format_needs_gdal(&f, "EPSG:3857", 0));   /* GeoJSON outside RFC 7946: GDAL's */
	CHECK_INT(gm__format_find(&f, "ESRI Shapefile", &err), 0);
	CHECK(gm__format_needs_gdal(&f, "EPSG:3857", 0));   /* the .prj of another CRS */
	CHECK(!gm__gdal_loaded());
	CHECK_INT(gm__format_find(&f, "gpkg", &err), 0);
	CHECK(gm__gdal_loaded());
	CHECK_INT(gm_set_gdal_library("libgdal.so"), GM_EINVAL);   /* too late: GDAL is open */
	CHECK_STR(f.name, "GPKG");
	CHECK_STR(f.ext, "gpkg");
	CHECK(f.own == GM_OWN_NONE && f.drv != NULL && gm__format_needs_gdal(&f, "EPSG:4326", 0));
	CHECK_INT(gm__format_find(&f, "no such format", &err), GM_EFORMAT);
	CHECK(strstr(err.message, "GPKG") != NULL);   /* the formats there are, listed */
	if (GDALGetDriverByName("PostgreSQL")) {
		CHECK_INT(gm__format_find(&f, "PostgreSQL", &err), GM_EFORMAT);
		CHECK(strstr(err.message, "--pg") != NULL);
	}
	CHECK_INT(gm__format_find(&f, "CSV", &err), 0);
	CHECK_INT(gm__format_driver(&f, &err), 0);   /* GDAL's CSV driver, for what only it does */
	CHECK(f.drv != NULL && !strcmp(GDALGetDriverShortName(f.drv), "CSV"));
}

static void drivers_told_apart(void)
{
	open_gdal();
	CHECK(gm__driver_writes_files(GDALGetDriverByName("GPKG")));
	CHECK(gm__driver_writes_files(GDALGetDriverByName("GeoJSON")));
	CHECK(!gm__driver_writes_files(GDALGetDriverByName("PostgreSQL")) ||
	      gm__driver_is_database(GDALGetDriverByName("PostgreSQL")));
	GDALDriverH pg = GDALGetDriverByName("PostgreSQL");
	CHECK(!pg || gm__driver_is_database(pg));
	CHECK(!gm__driver_is_database(GDALGetDriverByName("GPKG")));
	char ext[16];
	gm__driver_extension(GDALGetDriverByName("GeoJSON"), ext, sizeof ext);
	CHECK_STR(ext, "geojson");
	gm__driver_extension(GDALGetDriverByName("ESRI Shapefile"), ext, sizeof ext);
	CHECK_STR(ext, "shp");
	gm__driver_extension(GDALGetDriverByName("FlatGeobuf"), ext, sizeof ext);
	CHECK_STR(ext, "fgb");
}

/* the default CRS's .prj, written without GDAL, is the text GDAL writes */
static void the_default_prj_is_gdals(void)
{
	open_gdal();
	OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
	char *wkt = NULL;
	const char *const opts[] = {"FORMAT=WKT1_ESRI", NULL};
	CHECK_INT(OSRSetFromUserInput(srs, "EPSG:4326"), OGRERR_NONE);
	CHECK_INT(OSRExportToWktEx(srs, &wkt, opts), OGRERR_NONE);
	CHECK(wkt && strcmp(wkt, gm__wgs84_esri_wkt) == 0);
	CPLFree(wkt);
	OSRRelease(srs);
}

int main(int argc, char **argv)
{
	CHECK(mkdtemp(dir) != NULL);
	static const check_case cases[] = {CHECK_CASE(our_formats_found_without_gdal),
	                                   CHECK_CASE(each_writer_reads_back_the_same),
	                                   CHECK_CASE(an_empty_layer_is_a_readable_file), CHECK_CASE(an_unknown_crs_is_refused),
	                                   CHECK_CASE(drivers_told_apart), CHECK_CASE(the_default_prj_is_gdals)};
	int rc = check_run("layerfile", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	rc |= check_remove_tree(dir);
	return rc;
}
