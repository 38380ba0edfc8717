/* test_write.c: the layers read back through OGR, the CRS transform against
 * known coordinates, run.json, and the refusals. */
#include "check.h"
#include "crs.h"
#include "mini.h"

#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <sys/stat.h>

static gm_gazetteer *gaz;

static char *slurp(const char *path) { return check_slurp(path); }

/* The two sample documents and a skipped input, written with wo. */
static gm_run *make_run(const gm_write_options *wo)
{
	gm_error err;
	gm_ctx *ctx;
	gm_run *run;
	gm_ctx_new(&ctx, gaz, &err);
	CHECK_INT(gm_run_new(&run, gaz, wo, &err), 0);
	if (!run)
		exit(check_done("write"));
	const char *texts[] = {"قالت أذربيجان إن باكو وباردا تعرضتا للقصف.", "وصل الوفد إلى باكو قادما من روسيا."};
	const char *dates[] = {"2023-09-20", "2023-09-21"};
	for (int i = 0; i < 2; i++) {
		gm_input_item it;
		memset(&it, 0, sizeof it);
		char id[8];
		snprintf(id, sizeof id, "d%d", i);
		it.doc.id = id;
		it.doc.path = "test";
		it.doc.text = texts[i];
		it.doc.text_len = strlen(texts[i]);
		it.doc.date = dates[i];
		gm_doc_result res;
		CHECK_INT(gm_map_document(ctx, &it.doc, &res, &err), 0);
		CHECK_INT(gm_run_add(run, &it, &res, &err), 0);
		gm_doc_result_free(&res);
	}
	gm_input_item skipped;
	memset(&skipped, 0, sizeof skipped);
	skipped.skipped = 1;
	skipped.doc.id = "empty";
	skipped.doc.path = "empty.txt";
	snprintf(skipped.reason, sizeof skipped.reason, "empty file");
	CHECK_INT(gm_run_add(run, &skipped, NULL, &err), 0);
	gm_ctx_free(ctx);
	return run;
}

static OGRLayerH open_layer(GDALDatasetH *ds, const char *path)
{
	*ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
	CHECK(*ds != NULL);
	return *ds ? GDALDatasetGetLayer(*ds, 0) : NULL;
}

static char dir[] = "/tmp/gm-write-XXXXXX";
static char out[300];
static const char *formats[] = {"GeoJSON", "ESRI Shapefile", "GPKG"};

/* the first run, once, for the cases that read what it wrote */
static int first_done;
static void a_run_writes_beside_the_folder(void);
static void first_run(void)
{
	if (!first_done)
		a_run_writes_beside_the_folder();
}

static void a_run_writes_beside_the_folder(void)
{
	gm_error err;
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.out_dir = out;
	wo.formats = formats;
	wo.n_formats = 3;
	gm_run *run = make_run(&wo);
	/* while the run is open, the output folder does not exist yet: the new
	 * one is written beside it, under the lock (#15.5) */
	char cmd[1400];
	snprintf(cmd, sizeof cmd, "test ! -e '%s' && ls -A '%s' | grep -q '^.out.geomention-tmp-' && test -e '%s/.out.geomention-lock'",
	         out, dir, dir);
	CHECK_INT(system(cmd), 0);
	gm_run_summary sum;
	CHECK_INT(gm_run_finish(run, &sum, &err), 0);
	CHECK_INT(gm_run_finish(run, &sum, &err), GM_EINVAL);   /* once only */
	CHECK_INT(sum.documents, 2);
	CHECK_INT(sum.skipped, 1);
	CHECK_INT(sum.mentions, 5);   /* أذربيجان باكو باردا | باكو روسيا */
	CHECK_INT(sum.places, 4);
	gm_run_free(run);
	first_done = 1;
}

static void geojson_rfc7946(void)
{
	first_run();
	char p[400];
	/* GeoJSON: RFC 7946 lon/lat, no crs member, dates, counts */
	snprintf(p, sizeof p, "%s/places.geojson", out);
	char *gj = slurp(p);
	CHECK(gj && strstr(gj, "\"crs\"") == NULL);
	CHECK(gj && strstr(gj, "49.89201") != NULL);  /* Baku's longitude comes first */
	GDALDatasetH ds;
	OGRLayerH l = open_layer(&ds, p);
	CHECK_INT(OGR_L_GetFeatureCount(l, TRUE), 4);
	OGRFeatureH f;
	int seen_baku = 0;
	while ((f = OGR_L_GetNextFeature(l))) {
		if (!strcmp(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "place_id")), "t:2")) {
			seen_baku = 1;
			CHECK_INT(OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "mentions")), 2);
			CHECK_INT(OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "docs")), 2);
			CHECK_STR(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "first_date")), "2023/09/20");
			CHECK_STR(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "last_date")), "2023/09/21");
			OGRGeometryH g = OGR_F_GetGeometryRef(f);
			CHECK(fabs(OGR_G_GetX(g, 0) - 49.89201) < 1e-6 && fabs(OGR_G_GetY(g, 0) - 40.37767) < 1e-6);
		}
		OGR_F_Destroy(f);
	}
	CHECK(seen_baku);
	GDALClose(ds);
}

static void shapefile_utf8_and_prj(void)
{
	first_run();
	char p[400];
	GDALDatasetH ds;
	OGRLayerH l;
	OGRFeatureH f;
	/* Shapefile: .cpg UTF-8, .prj WGS 84, Arabic intact, names within 10 characters */
	snprintf(p, sizeof p, "%s/places.cpg", out);
	CHECK(slurp(p) && strncmp(slurp(p), "UTF-8", 5) == 0);
	snprintf(p, sizeof p, "%s/places.prj", out);
	CHECK(slurp(p) && strstr(slurp(p), "WGS") != NULL);
	snprintf(p, sizeof p, "%s/places.shp", out);
	l = open_layer(&ds, p);
	CHECK_INT(OGR_L_GetFeatureCount(l, TRUE), 4);
	CHECK(OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(l), "first_date") >= 0);
	int arabic_ok = 0;
	while ((f = OGR_L_GetNextFeature(l))) {
		if (!strcmp(OGR_F_GetFieldAsString(f, 0), "t:1"))
			arabic_ok = !strcmp(OGR_F_GetFieldAsString(f, 1), "أذربيجان");
		OGR_F_Destroy(f);
	}
	CHECK(arabic_ok);
	GDALClose(ds);
	snprintf(p, sizeof p, "%s/mentions.shp", out);
	l = open_layer(&ds, p);
	CHECK_INT(OGR_L_GetFeatureCount(l, TRUE), 5);
	f = OGR_L_GetNextFeature(l);
	CHECK_STR(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "surface")), "أذربيجان");
	CHECK_INT(OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "start")), 5);
	CHECK_INT(OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "end")), 13);
	CHECK(strlen(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "snippet"))) > 0);
	OGR_F_Destroy(f);
	GDALClose(ds);
}

static void gpkg_too(void)
{
	first_run();
	char p[400];
	GDALDatasetH ds;
	OGRLayerH l;
	/* GPKG: one file holding every layer (#18) */
	snprintf(p, sizeof p, "%s/geomention.gpkg", out);
	open_layer(&ds, p);
	CHECK(ds != NULL);
	if (ds) {
		static const char *const names[] = {"places", "mentions", "events", "daily"};
		static const int counts[] = {4, 5, -1, -1};
		for (int i = 0; i < 4; i++) {
			l = GDALDatasetGetLayerByName(ds, names[i]);
			CHECK(l != NULL);
			if (l && counts[i] >= 0)
				CHECK_INT(OGR_L_GetFeatureCount(l, TRUE), counts[i]);
		}
		GDALClose(ds);
	}
	snprintf(p, sizeof p, "%s/mentions.gpkg", out);
	CHECK(access(p, F_OK) != 0);   /* no layer left in a file of its own */
}

static void run_json_and_no_leftovers(void)
{
	first_run();
	char cmd[1400];
	char p[400];
	/* run.json: every input, with its fate */
	snprintf(p, sizeof p, "%s/run.json", out);
	char *rj = slurp(p);
	CHECK(rj && strstr(rj, "\"status\": \"skipped\", \"reason\": \"empty file\"") != NULL);
	CHECK(rj && strstr(rj, "\"checksum\"") != NULL);
	CHECK(rj && strstr(rj, "\"inputs\": 3") != NULL);
	/* no temporary folder left behind, in it or beside it */
	snprintf(cmd, sizeof cmd, "ls -A '%s' '%s' | grep -q 'geomention-tmp\\|geomention-lock'", out, dir);
	CHECK(system(cmd) != 0);
}

static void t_srs_for_other_formats(void)
{
	gm_error err;
	char p[400];
	GDALDatasetH ds;
	OGRLayerH l;
	OGRFeatureH f;
	/* --t_srs: GeoJSON stays lon/lat, the Shapefile takes Web Mercator */
	char out2[320];
	snprintf(out2, sizeof out2, "%s/merc", dir);
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.formats = formats;
	wo.out_dir = out2;
	wo.n_formats = 2;
	wo.t_srs = "EPSG:3857";
	gm_run *run = make_run(&wo);
	gm_run_summary sum;
	CHECK_INT(gm_run_finish(run, &sum, &err), 0);
	snprintf(p, sizeof p, "%s/places.shp", out2);
	l = open_layer(&ds, p);
	double want_x = 6378137.0 * 49.89201 * M_PI / 180.0;
	double want_y = 6378137.0 * log(tan(M_PI / 4 + 40.37767 * M_PI / 360.0));
	int merc_ok = 0;
	while ((f = OGR_L_GetNextFeature(l))) {
		if (!strcmp(OGR_F_GetFieldAsString(f, 0), "t:2")) {
			OGRGeometryH g = OGR_F_GetGeometryRef(f);
			merc_ok = fabs(OGR_G_GetX(g, 0) - want_x) < 0.01 && fabs(OGR_G_GetY(g, 0) - want_y) < 0.01;
		}
		OGR_F_Destroy(f);
	}
	CHECK(merc_ok);
	OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(l);
	CHECK(srs && OSRGetAuthorityCode(srs, NULL) && !strcmp(OSRGetAuthorityCode(srs, NULL), "3857"));
	GDALClose(ds);
	snprintf(p, sizeof p, "%s/places.geojson", out2);
	CHECK(slurp(p) && strstr(slurp(p), "49.89201") != NULL);
	gm_run_free(run);
}

static void proj_directly(void)
{
	gm_error err;
	/* PROJ directly: UTM 39N puts (51 E, 0 N) on its central meridian */
	gm_crs crs;
	double x, y;
	CHECK_INT(gm__crs_open(&crs, "EPSG:32639", &err), 0);
	CHECK_INT(gm__crs_forward(&crs, 51.0, 0.0, &x, &y, &err), 0);
	CHECK(fabs(x - 500000.0) < 1e-6 && fabs(y) < 1e-6);
	gm__crs_close(&crs);
	CHECK_INT(gm__crs_open(&crs, "EPSG:999999", &err), GM_ECRS);
	CHECK(strstr(err.message, "EPSG:999999") != NULL);
}

static void refusals_before_writing(void)
{
	gm_error err;
	/* refusals, before anything is written */
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.out_dir = out;
	wo.t_srs = "NOT:A:CRS";
	CHECK_INT(gm_run_check_options(&wo, &err), GM_ECRS);
	wo.t_srs = NULL;
	const char *bad_format[] = {"NoSuchDriver"};
	wo.formats = bad_format;
	wo.n_formats = 1;
	CHECK_INT(gm_run_check_options(&wo, &err), GM_EFORMAT);
	CHECK(strstr(err.message, "GPKG") != NULL && strstr(err.message, "ESRI Shapefile") != NULL);
	wo.n_formats = 0;
	wo.out_dir = "/proc/geomention-cannot-write-here";
	{
		gm_run *run2 = NULL;
		CHECK(gm_run_check_options(&wo, &err) == GM_EIO || gm_run_new(&run2, gaz, &wo, &err) == GM_EIO);
		gm_run_free(run2);
	}
}

static void unfinished_run_leaves_nothing(void)
{
	char cmd[1400];
	/* a run freed unfinished leaves nothing behind: no layer, no run.json */
	char out3[320];
	snprintf(out3, sizeof out3, "%s/aborted", dir);
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.out_dir = out3;
	wo.formats = formats;
	wo.n_formats = 2;
	gm_run *run = make_run(&wo);
	gm_run_free(run);
	snprintf(cmd, sizeof cmd, "test ! -e '%s' && ! ls -A '%s' | grep -q 'aborted.geomention-tmp'", out3, dir);
	CHECK_INT(system(cmd), 0);
}

/* the places and daily layers are written a format each on opts.jobs
 * threads (ours) and the calling thread (GDAL's): the same bytes as one
 * thread writes, every file there (GDAL's GeoPackage too) */
static void threads_write_the_same_files(void)
{
	static const char *many[] = {"GeoJSON", "ESRI Shapefile", "CSV", "GPKG"};
	static const char *files[] = {"places.geojson", "daily.geojson", "places.shp", "places.dbf", "places.shx",
	                              "daily.shp",      "daily.dbf",     "daily.shx",  "places.csv", "daily.csv",
	                              "mentions.csv",   "events.csv"};
	char dirs[2][320];
	for (int k = 0; k < 2; k++) {
		gm_error err;
		snprintf(dirs[k], sizeof dirs[k], "%s/jobs%d", dir, k ? 4 : 1);
		gm_write_options wo = GM_WRITE_OPTIONS_INIT;
		wo.out_dir = dirs[k];
		wo.formats = many;
		wo.n_formats = 4;
		wo.jobs = k ? 4 : 1;
		gm_run *run = make_run(&wo);
		gm_run_summary sum;
		CHECK_INT(gm_run_finish(run, &sum, &err), 0);
		gm_run_free(run);
	}
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char cmd[1000];
		snprintf(cmd, sizeof cmd, "test -s '%s/%s' && cmp -s '%s/%s' '%s/%s'", dirs[0], files[i], dirs[0], files[i],
		         dirs[1], files[i]);
		if (system(cmd) != 0) {
			fprintf(stderr, "  %s differs or is missing\n", files[i]);
			CHECK(0);
		} else {
			CHECK(1);
		}
	}
	/* (the GeoPackage holds a timestamp: its layers are there, places and daily among them) */
	char p[400];
	snprintf(p, sizeof p, "%s/geomention.gpkg", dirs[1]);
	GDALDatasetH ds = GDALOpenEx(p, GDAL_OF_VECTOR, NULL, NULL, NULL);
	CHECK(ds && GDALDatasetGetLayerByName(ds, "places") && GDALDatasetGetLayerByName(ds, "daily"));
	if (ds)
		GDALClose(ds);
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("write");
	GDALAllRegister();
	CHECK(mkdtemp(dir) != NULL);
	snprintf(out, sizeof out, "%s/out", dir);
	static const check_case cases[] = {CHECK_CASE(a_run_writes_beside_the_folder), CHECK_CASE(geojson_rfc7946),
	                                   CHECK_CASE(shapefile_utf8_and_prj),          CHECK_CASE(gpkg_too),
	                                   CHECK_CASE(run_json_and_no_leftovers),       CHECK_CASE(t_srs_for_other_formats),
	                                   CHECK_CASE(proj_directly),                   CHECK_CASE(refusals_before_writing),
	                                   CHECK_CASE(unfinished_run_leaves_nothing), CHECK_CASE(threads_write_the_same_files)};
	int rc = check_run("write", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	rc |= check_remove_tree(dir);
	return rc;
}
