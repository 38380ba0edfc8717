/* test_export.c: the compiled gazetteer as a point layer to review in QGIS
 * (gm_gazetteer_export, layers/export.c): one point per place with its names
 * and how far each is trusted, in any format that writes one file; no half
 * file on failure. */
#include "check.h"
#include "mini.h"

#include <dirent.h>
#include <gdal.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static gm_gazetteer *gaz;
static char dir[] = "/tmp/gm-export-XXXXXX";

/* The features of path's one layer; *baku: Baku's names field (static). */
static long features_of(const char *path, const char **baku_names, double *baku_lon)
{
	static char names[512];
	names[0] = '\0';
	*baku_lon = 0;
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	if (!ds)
		return -1;
	OGRLayerH l = GDALDatasetGetLayer(ds, 0);
	long n = 0;
	OGRFeatureH f;
	OGR_L_ResetReading(l);
	while ((f = OGR_L_GetNextFeature(l))) {
		n++;
		if (!strcmp(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "place_id")), "t:2")) {
			snprintf(names, sizeof names, "%s", OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "names")));
			OGRGeometryH g = OGR_F_GetGeometryRef(f);
			*baku_lon = g ? OGR_G_GetX(g, 0) : 0;
		}
		OGR_F_Destroy(f);
	}
	GDALClose(ds);
	*baku_names = names;
	return n;
}

static void one_point_per_place_in_each_format(void)
{
	static const char *const formats[][2] = {{"GPKG", "gaz.gpkg"}, {"GeoJSON", "gaz.geojson"},
	                                         {"FlatGeobuf", "gaz.fgb"}};
	for (size_t i = 0; i < 3; i++) {
		char path[300];
		snprintf(path, sizeof path, "%s/%s", dir, formats[i][1]);
		gm_error err;
		CHECK_INT(gm_gazetteer_export(gaz, path, formats[i][0], &err), 0);
		const char *names;
		double lon;
		CHECK_INT(features_of(path, &names, &lon), gm_gazetteer_place_count(gaz));
		CHECK(strstr(names, "باكو") != NULL);   /* the name it is matched by, in Arabic */
		CHECK(lon > 49.89 && lon < 49.90);
	}
}

/* refused with nothing written: a Shapefile (several files), a format GDAL
 * does not know */
static void refusals_leave_nothing(void)
{
	char path[300];
	gm_error err;
	snprintf(path, sizeof path, "%s/gaz.shp", dir);
	CHECK_INT(gm_gazetteer_export(gaz, path, "ESRI Shapefile", &err), GM_EFORMAT);
	CHECK(strstr(err.message, "one file") != NULL);
	CHECK(access(path, F_OK) != 0);
	snprintf(path, sizeof path, "%s/gaz.xyz", dir);
	CHECK_INT(gm_gazetteer_export(gaz, path, "NoSuchDriver", &err), GM_EFORMAT);
	CHECK(strstr(err.message, "GPKG") != NULL);   /* says what this GDAL writes */
	CHECK(access(path, F_OK) != 0);
	snprintf(path, sizeof path, "/nonexistent-folder/gaz.gpkg");
	CHECK(gm_gazetteer_export(gaz, path, "GPKG", &err) < 0);
	/* the folder the layer is made in beside the target never stays */
	DIR *d = opendir(dir);
	int leftovers = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		leftovers += strncmp(e->d_name, ".geomention-export", 18) == 0;
	if (d)
		closedir(d);
	CHECK_INT(leftovers, 0);
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	CHECK(mkdtemp(dir) != NULL);
	if (!gaz)
		return check_done("export");
	GDALAllRegister();
	static const check_case cases[] = {CHECK_CASE(one_point_per_place_in_each_format),
	                                   CHECK_CASE(refusals_leave_nothing)};
	int rc = check_run("export", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	rc |= check_remove_tree(dir);
	return rc;
}
