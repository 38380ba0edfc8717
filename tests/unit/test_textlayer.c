/* test_textlayer.c: our GeoJSON and CSV layer writers give the very bytes
 * GDAL's drivers give (GeoJSON: once the blanks between tokens, which ours
 * leaves out, are taken out of GDAL's too) with the options geomention used
 * for them (GeoJSON:
 * RFC7946=YES, COORDINATE_PRECISION=7; CSV: GEOMETRY=AS_XY, WRITE_BOM=YES,
 * STRING_QUOTING=IF_NEEDED, dates as text) for the same features: awkward
 * strings, NULLs, dates, integers, and coordinates from 100,000 random points
 * (CSV: also projected metres) plus the edges of rounding and of the globe. */
#include "check.h"
#include "reference.h"
#include "textlayer.h"

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
	{"name", GM_F_STR, 254}, {"count", GM_F_INT, 10}, {"date", GM_F_DATE, 0}, {"note", GM_F_STR, 254},
};
#define N_FIELDS (sizeof fields / sizeof *fields)

typedef struct feature {
	double lon, lat;
	gm_value v[N_FIELDS];
} feature;

static const char *const strings[] = {
	"", "باكو", "a/b\"c\\d", "tab\tnew\nline\rret", "\b\f\x01\x1b\x1f\x7f", "ستيباناكيرت / خانكندي",
	"\xe2\x80\xa8 line separator, é, 中", "{not json}", "a,b", "semi;colon", " lead and trail ", "\"quoted\"",
	"12", "-3.5e2", "#hash", "'apos",
};
#define N_STRINGS (sizeof strings / sizeof *strings)


static void make(feature *f, size_t i, int metres)
{
	static const double edges[][2] = {
		{0, 0}, {-0.0, -0.0}, {-1e-9, 1e-9}, {-0.00000005, 0.00000005}, {179.99999999, -89.99999999},
		{-180, 90}, {180, -90}, {22, 39}, {36.29128, 33.5102}, {46.7519, 39.8177}, {0.1 + 0.2, 1.0 / 3},
		{12.34567895, -12.34567895}, {1e-300, -5e-8}, {NAN, NAN}, {NAN, 10},
	};
	size_t n_edges = sizeof edges / sizeof *edges;
	if (i < n_edges) {
		f->lon = edges[i][0];
		f->lat = edges[i][1];
	} else {
		/* some with few decimals, as gazetteers give them, most with many */
		int places = (int)(ref_next() % 10);
		double scale = pow(10, places);
		double span = metres && i % 2 ? 2e7 : 1;   /* half of them in metres, as --t_srs gives */
		f->lon = round(ref_uniform(-180, 180) * span * scale) / scale;
		f->lat = round(ref_uniform(-90, 90) * span * scale) / scale;
	}
	static const long long ints[] = {0, 1, -1, 42, 2147483647LL, -2147483648LL, 1000000};
	f->v[0].s = strings[i % N_STRINGS];
	f->v[1].i = ints[i % 7];
	f->v[1].null = i % 11 == 3;
	f->v[2].s = i % 5 == 0 ? "" : i % 7 == 0 ? "2025-1-2" : "2023-09-27";
	f->v[3].s = i % 3 ? strings[(i / 3) % N_STRINGS] : NULL;
}

static int write_gdal(gm_text_format format, const char *path, const feature *fs, size_t n)
{
	int csv = format == GM_TEXT_CSV;
	GDALDriverH drv = GDALGetDriverByName(csv ? "CSV" : "GeoJSON");
	GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
	if (!ds)
		return -1;
	OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
	OSRSetFromUserInput(srs, csv ? "EPSG:4326" : "OGC:CRS84");
	char **lco = NULL;
	if (csv) {
		lco = CSLSetNameValue(lco, "GEOMETRY", "AS_XY");
		lco = CSLSetNameValue(lco, "WRITE_BOM", "YES");
		lco = CSLSetNameValue(lco, "STRING_QUOTING", "IF_NEEDED");
	} else {
		lco = CSLSetNameValue(lco, "RFC7946", "YES");
		lco = CSLSetNameValue(lco, "COORDINATE_PRECISION", "7");
	}
	OGRLayerH l = GDALDatasetCreateLayer(ds, "test layer", srs, wkbPoint, lco);
	CSLDestroy(lco);
	OSRRelease(srs);
	for (size_t i = 0; i < N_FIELDS; i++)
		ref_create_field(l, &fields[i], csv, 0);   /* CSV: dates as text (the driver writes 2023/09/20) */
	for (size_t k = 0; k < n; k++) {
		const feature *f = &fs[k];
		OGRFeatureH h = OGR_F_Create(OGR_L_GetLayerDefn(l));
		ref_set_fields(h, fields, N_FIELDS, f->v, csv, NULL);
		if (!isnan(f->lon) && !isnan(f->lat)) {
			OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
			OGR_G_SetPoint_2D(g, 0, f->lon, f->lat);
			OGR_F_SetGeometryDirectly(h, g);
		}
		OGRErr e = OGR_L_CreateFeature(l, h);
		OGR_F_Destroy(h);
		if (e != OGRERR_NONE)
			return -1;
	}
	GDALClose(ds);
	return 0;
}

static int write_ours(gm_text_format format, const char *path, const feature *fs, size_t n)
{
	gm_error err;
	gm_textlayer *t;
	if (gm__textlayer_create(&t, format, path, "test layer", fields, N_FIELDS, &err) != GM_OK)
		return -1;
	int rc = GM_OK;
	for (size_t k = 0; k < n && rc == GM_OK; k++)
		rc = gm__textlayer_feature(t, fs[k].lon, fs[k].lat, fs[k].v, &err);
	int crc = gm__textlayer_close(t, rc == GM_OK, &err);
	return rc ? rc : crc;
}

/* the first line where two files differ, for the failure message */
static void show_difference(const char *a, const char *b)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "cmp '%s' '%s'; diff '%s' '%s' | head -4 >&2", a, b, a, b);
	if (system(cmd) != 0)
		fprintf(stderr, "(diff shown above)\n");
}

static int same_file(const char *a, const char *b)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
	int same = system(cmd) == 0;
	if (!same)
		show_difference(a, b);
	return same;
}

/* GDAL's GeoJSON with the blanks outside strings taken out and a line
 * break after "[" and before "]" of the feature list and after each feature
 * (",\n"), as ours lays it out: the file to compare ours with */
static int without_blanks(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		fclose(f);
		return -1;
	}
	char *in = malloc((size_t)st.st_size + 1), *out = malloc((size_t)st.st_size + 1);
	size_t n = in && out ? fread(in, 1, (size_t)st.st_size, f) : 0, k = 0;
	fclose(f);
	int in_string = 0, depth = 0;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		if (in_string) {
			out[k++] = c;
			if (c == '\\' && i + 1 < n)
				out[k++] = in[++i];
			else if (c == '"')
				in_string = 0;
			continue;
		}
		if (c == ' ' || c == '\n')
			continue;
		if (c == ']' && depth == 2)
			out[k++] = '\n';   /* the end of the feature list */
		out[k++] = c;
		in_string = c == '"';
		depth += (c == '{' || c == '[') - (c == '}' || c == ']');
		if ((c == '[' && depth == 2) || (c == ',' && depth == 2))
			out[k++] = '\n';   /* after "features":[ and between features */
	}
	f = fopen(path, "wb");
	int rc = f && out && fwrite(out, 1, k, f) == k && fputc('\n', f) != EOF ? 0 : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	free(in);
	free(out);
	return rc;
}

/* the same features both ways, compared: empty, one, all */
static void compare(gm_text_format format, const char *dir, feature *fs, size_t n)
{
	char a[64], b[64];
	const char *ext = format == GM_TEXT_CSV ? "csv" : "geojson";
	snprintf(a, sizeof a, "%s/gdal.%s", dir, ext);
	snprintf(b, sizeof b, "%s/ours.%s", dir, ext);
	for (size_t i = 0; i < n; i++)
		make(&fs[i], i, format == GM_TEXT_CSV);
	size_t counts[] = {0, 1, n};
	for (int k = 0; k < 3; k++) {
		CHECK_INT(write_gdal(format, a, fs + (k == 1 ? 8 : 0), counts[k]), 0);
		if (format == GM_TEXT_GEOJSON)
			CHECK_INT(without_blanks(a), 0);
		CHECK_INT(write_ours(format, b, fs + (k == 1 ? 8 : 0), counts[k]), 0);
		CHECK(same_file(a, b));
	}
	remove(a);
	remove(b);
}

static char dir[] = "/tmp/gm-textlayer-XXXXXX";
static feature *fs;
#define N_FEATURES 100000

static void geojson_as_gdal_writes_it(void) { compare(GM_TEXT_GEOJSON, dir, fs, N_FEATURES); }
static void csv_as_gdal_writes_it(void) { compare(GM_TEXT_CSV, dir, fs, N_FEATURES); }

/* A text that looks like a JSON object stays a string. GDAL 3.6's driver
 * writes it as an object, so a snippet or id "{...}" would come back as
 * another type; this is the one place we differ from it, on purpose. */
static void object_text_stays_a_string(void)
{
	char b[300];
	snprintf(b, sizeof b, "%s/ours.geojson", dir);
	feature obj = fs[1];
	obj.v[0].s = "{\"a\": 1}";
	CHECK_INT(write_ours(GM_TEXT_GEOJSON, b, &obj, 1), 0);
	FILE *fb = fopen(b, "r");
	char text[1024] = "";
	CHECK(fb && fread(text, 1, sizeof text - 1, fb) > 0);
	if (fb)
		fclose(fb);
	CHECK(strstr(text, "\"name\":\"{\\\"a\\\": 1}\"") != NULL);
	remove(b);
}

/* Counts of 0 left out after the first feature: OGR reads every column, in
 * order, from the first, and NULL where a later one leaves a 0 out; a
 * NULL and a non-zero count are written as ever. */
static void zeros_left_out_after_the_first(void)
{
	static const gm_field cf[] = {{"id", GM_F_STR, 20}, {"total", GM_F_INT, 10}, {"a", GM_F_INT, 10},
	                              {"b", GM_F_INT, 10}};
	char b[300];
	snprintf(b, sizeof b, "%s/zeros.geojson", dir);
	gm_error err;
	gm_textlayer *t;
	CHECK_INT(gm__textlayer_create(&t, GM_TEXT_GEOJSON, b, "zeros", cf, 4, &err), 0);
	if (!t)
		return;
	gm__textlayer_zeros_left_out(t, 2);
	gm_value rows[3][4] = {{{.s = "first"}, {.i = 0}, {.i = 0}, {.i = 0}},
	                       {{.s = "second"}, {.i = 0}, {.i = 0}, {.i = 3}},
	                       {{.s = "third"}, {.i = 2}, {.null = 1}, {.i = 0}}};
	for (size_t i = 0; i < 3; i++)
		CHECK_INT(gm__textlayer_feature(t, 10, 20, rows[i], &err), 0);
	CHECK_INT(gm__textlayer_close(t, 1, &err), 0);
	FILE *fb = fopen(b, "r");
	char text[2048] = "";
	CHECK(fb && fread(text, 1, sizeof text - 1, fb) > 0);
	if (fb)
		fclose(fb);
	CHECK(strstr(text, "\"id\":\"first\",\"total\":0,\"a\":0,\"b\":0}") != NULL);   /* whole */
	CHECK(strstr(text, "\"id\":\"second\",\"total\":0,\"b\":3}") != NULL);   /* total comes before field 2: kept */
	CHECK(strstr(text, "\"id\":\"third\",\"total\":2,\"a\":null}") != NULL);
	GDALDatasetH ds = GDALOpenEx(b, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	CHECK(ds != NULL);
	if (!ds)
		return;
	OGRLayerH l = GDALDatasetGetLayer(ds, 0);
	OGRFeatureDefnH d = OGR_L_GetLayerDefn(l);
	CHECK_INT(OGR_FD_GetFieldCount(d), 4);
	static const char *const order[] = {"id", "total", "a", "b"};
	for (int i = 0; i < 4 && i < OGR_FD_GetFieldCount(d); i++)
		CHECK_STR(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i)), order[i]);
	OGRFeatureH f;
	int n = 0;
	while ((f = OGR_L_GetNextFeature(l)) != NULL) {
		if (n == 0)
			CHECK(OGR_F_IsFieldSetAndNotNull(f, 2) && OGR_F_GetFieldAsInteger(f, 2) == 0);
		if (n == 1) {
			CHECK(!OGR_F_IsFieldSetAndNotNull(f, 2));   /* the 0 left out: NULL */
			CHECK_INT(OGR_F_GetFieldAsInteger(f, 3), 3);
		}
		if (n == 2)
			CHECK_INT(OGR_F_GetFieldAsInteger(f, 1), 2);
		OGR_F_Destroy(f);
		n++;
	}
	CHECK_INT(n, 3);
	GDALClose(ds);
	remove(b);
}

/* GeoJSON's coordinates without printf where that is safe give printf's
 * "%.7f" digits: values on and a hair off the halves of the seventh decimal
 * (where rounding the scaled value could go the other way), both signs,
 * the whole range of degrees and past it. */
static void fixed_decimals_as_printf(void)
{
	size_t differ = 0, tried = 0;
	for (size_t i = 0; i < 200000; i++) {
		double base = (double)(ref_next() % 3600000000ull) / 1e7 + (i % 7 == 0 ? 0.00000005 : 0);
		if (i % 3 == 0)
			base = -base;
		if (i % 11 == 0)
			base *= 1000;   /* past 512: printf itself */
		double vs[3] = {base, nextafter(base, INFINITY), nextafter(base, -INFINITY)};
		for (int k = 0; k < 3; k++) {
			char want[64], both[160], got[64];
			int n = snprintf(want, sizeof want, "%.7f", vs[k]);
			while (n > 0 && want[n - 1] == '0')
				n--;
			if (want[n - 1] == '.')
				want[n++] = '0';
			want[n] = '\0';
			gm__textlayer_xy(both, sizeof both, GM_TEXT_GEOJSON, vs[k], 1.5);
			snprintf(got, sizeof got, "%.*s", (int)(strchr(both, ',') - both), both);
			differ += strcmp(got, want) != 0;
			tried++;
		}
	}
	CHECK_INT(differ, 0);
	CHECK_INT(tried, 600000);
}

/* the coordinate text itself */
static void coordinate_text(void)
{
	char num[128];
	CHECK_INT(gm__textlayer_xy(num, sizeof num, GM_TEXT_GEOJSON, 22, -1e-9), 9);
	CHECK_STR(num, "22.0,-0.0");
	gm__textlayer_xy(num, sizeof num, GM_TEXT_GEOJSON, 46.75190001, 39.81770004);
	CHECK_STR(num, "46.7519,39.8177");
	gm__textlayer_xy(num, sizeof num, GM_TEXT_CSV, 5e-5, 1.0 / 3);
	CHECK_STR(num, "0.00005,0.333333333333333");
	gm__textlayer_xy(num, sizeof num, GM_TEXT_CSV, -0.0, 70);
	CHECK_STR(num, "0,70");
	gm__textlayer_xy(num, sizeof num, GM_TEXT_CSV, 112, 2.2);
	CHECK_STR(num, "112.0,2.2");
	gm__textlayer_xy(num, sizeof num, GM_TEXT_CSV, 1.5, -112);
	CHECK_STR(num, "1.5,-112");
}

/* points are remembered by their bits (a layer names the same places over
 * and over): asked again, in another format, or among thousands that share
 * memo slots, each point still gets its own text */
static void coordinate_text_remembered(void)
{
	char num[128], again[128], csv[128];
	gm__textlayer_xy(num, sizeof num, GM_TEXT_GEOJSON, 46.75190001, 39.81770004);
	gm__textlayer_xy(csv, sizeof csv, GM_TEXT_CSV, 46.75190001, 39.81770004);
	gm__textlayer_xy(again, sizeof again, GM_TEXT_GEOJSON, 46.75190001, 39.81770004);
	CHECK_STR(num, "46.7519,39.8177");
	CHECK_STR(again, num);
	CHECK_STR(csv, "46.75190001,39.81770004");
	gm__textlayer_xy(num, sizeof num, GM_TEXT_GEOJSON, -0.0, 0.0);
	CHECK_STR(num, "-0.0,0.0");   /* -0.0 and 0.0 differ in their bits, and so in text */
	/* 5000 points twice over 256 slots: every text as printf and trimming make it */
	int same = 1;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 5000; i++) {
			double xy[2] = {30 + i * 0.001, 35 - i * 0.0007};
			char want[128] = "";
			for (int k = 0; k < 2; k++) {
				char c[64];
				int n = snprintf(c, sizeof c, "%.7f", xy[k]);
				while (n > 2 && c[n - 1] == '0' && c[n - 2] != '.')
					c[--n] = '\0';
				strcat(want, k ? "," : "");
				strcat(want, c);
			}
			gm__textlayer_xy(num, sizeof num, GM_TEXT_GEOJSON, xy[0], xy[1]);
			same &= strcmp(num, want) == 0;
		}
	CHECK(same);
}

/* a write that fails is reported, not lost: /dev/full takes nothing; a
 * folder that does not exist */
static void failed_writes_reported(void)
{
	gm_error err;
	gm_textlayer *t;
	for (int format = GM_TEXT_GEOJSON; format <= GM_TEXT_CSV; format++) {
		if (access("/dev/full", W_OK) != 0 ||
		    gm__textlayer_create(&t, (gm_text_format)format, "/dev/full", "x", fields, N_FIELDS, &err) != GM_OK)
			continue;
		int rc = GM_OK;
		for (size_t k = 0; k < 20000 && rc == GM_OK; k++)   /* more than the buffer holds */
			rc = gm__textlayer_feature(t, fs[k].lon, fs[k].lat, fs[k].v, &err);
		int crc = gm__textlayer_close(t, rc == GM_OK, &err);
		CHECK(rc == GM_EIO || crc == GM_EIO);
		CHECK(strstr(err.message, "/dev/full") != NULL);
	}
	CHECK_INT(gm__textlayer_create(&t, GM_TEXT_CSV, "/nonexistent-folder/x.csv", "x", fields, N_FIELDS, &err), GM_EIO);
}

int main(int argc, char **argv)
{
	GDALAllRegister();
	CPLSetErrorHandler(CPLQuietErrorHandler);
	CHECK(mkdtemp(dir) != NULL);
	fs = calloc(N_FEATURES, sizeof *fs);
	CHECK(fs != NULL);
	if (!fs)
		return check_done("textlayer");
	static const check_case cases[] = {CHECK_CASE(geojson_as_gdal_writes_it), CHECK_CASE(csv_as_gdal_writes_it),
	                                   CHECK_CASE(object_text_stays_a_string),
	                                   CHECK_CASE(zeros_left_out_after_the_first), CHECK_CASE(fixed_decimals_as_printf),
	                                   CHECK_CASE(coordinate_text),
	                                   CHECK_CASE(coordinate_text_remembered),
	                                   CHECK_CASE(failed_writes_reported)};
	int rc = check_run("textlayer", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	free(fs);
	rmdir(dir);
	return rc;
}
