/* layerfile.c: one layer file of any OGR vector format (layerfile.h). */
#include "layerfile.h"

#include "shapefile.h"
#include "textlayer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ------------------------------------------------------------ GDAL errors */


void CPL_STDCALL gm__gdal_log_handler(CPLErr cls, CPLErrorNum no, const char *msg)
{
	(void)no;
	gm_gdal_log *log = CPLGetErrorHandlerUserData();
	if (!log)
		return;
	if (cls >= CE_Failure)
		snprintf(log->last_error, sizeof log->last_error, "%s", msg);
	else if (cls == CE_Warning)
		log->warnings++;
}

/* ---------------------------------------------------------------- formats */

/* A database driver (PG:, MYSQL:, ...) writes no files: the output folder
 * cannot hold it, and its connection string (a password, maybe) must never
 * become a file name. */
int gm__driver_is_database(GDALDriverH d)
{
	return d && GDALGetMetadataItem(d, GDAL_DMD_CONNECTION_PREFIX, NULL) != NULL;
}

int gm__driver_writes_files(GDALDriverH d)
{
	return d && GDALGetMetadataItem(d, GDAL_DCAP_VECTOR, NULL) && GDALGetMetadataItem(d, GDAL_DCAP_CREATE, NULL) &&
	       !gm__driver_is_database(d);
}

/* The formats we write, by GDAL's names, and their files' extensions. */
static const struct {
	const char *name, *ext;
	int own;
} own_formats[] = {
	{"GeoJSON", "geojson", GM_OWN_GEOJSON},
	{"CSV", "csv", GM_OWN_CSV},
	{"ESRI Shapefile", "shp", GM_OWN_SHAPEFILE},
};

/* name after the list's *o bytes in buf, a comma before it */
static void list_name(char *buf, size_t cap, size_t *o, const char *name)
{
	int w = snprintf(buf + *o, *o < cap ? cap - *o : 0, "%s%s", *o ? ", " : "", name);
	if (w > 0)
		*o += (size_t)w;
}

int gm_output_formats(char *buf, size_t cap)
{
	gm_error ignored;
	size_t o = 0;
	if (cap)
		buf[0] = '\0';
	if (gm__gdal_load(&ignored) != GM_OK)   /* (no GDAL: the formats we write) */
		for (size_t i = 0; i < sizeof own_formats / sizeof *own_formats; i++)
			list_name(buf, cap, &o, own_formats[i].name);
	else
		for (int i = 0; i < GDALGetDriverCount(); i++)
			if (gm__driver_writes_files(GDALGetDriver(i)))
				list_name(buf, cap, &o, GDALGetDriverShortName(GDALGetDriver(i)));
	return o < cap ? GM_OK : GM_EINVAL;
}

void gm__driver_extension(GDALDriverH d, char *ext, size_t cap)
{
	const char *name = GDALGetDriverShortName(d);
	const char *e = NULL;
	if (strcmp(name, "GeoJSON") == 0)
		e = "geojson";
	else if (strcmp(name, "ESRI Shapefile") == 0)
		e = "shp";
	else
		e = GDALGetMetadataItem(d, GDAL_DMD_EXTENSION, NULL);
	if (e && *e) {
		snprintf(ext, cap, "%s", e);
		char *sp = strchr(ext, ' ');
		if (sp)
			*sp = '\0';
		return;
	}
	/* no extension known: the driver's name, lower case, no spaces */
	size_t o = 0;
	for (const char *p = name; *p && o + 1 < cap; p++)
		if (*p != ' ')
			ext[o++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
	ext[o] = '\0';
}

int gm__format_find(gm_format *f, const char *name, gm_error *err)
{
	memset(f, 0, sizeof *f);
	for (size_t i = 0; i < sizeof own_formats / sizeof *own_formats; i++)
		if (strcasecmp(name, own_formats[i].name) == 0) {
			f->name = own_formats[i].name;
			f->own = own_formats[i].own;
			snprintf(f->ext, sizeof f->ext, "%s", own_formats[i].ext);
			return GM_OK;
		}
	int rc = gm__gdal_load(err);
	if (rc != GM_OK)
		return rc;
	GDALDriverH d = GDALGetDriverByName(name);
	if (gm__driver_is_database(d))
		return gm__fail(err, GM_EFORMAT,
		                "%s is a database, not a file format: -f names the formats of the files in the "
		                "output folder; for PostGIS give --pg \"PG:dbname=... host=...\" (tables that a "
		                "document mapped again replaces its rows in)",
		                name);
	if (!gm__driver_writes_files(d)) {
		char list[4096];
		gm_output_formats(list, sizeof list);
		return gm__fail(err, GM_EFORMAT, "unknown output format \"%s\"; valid formats: %s", name, list);
	}
	f->name = GDALGetDriverShortName(d);
	f->drv = d;
	gm__driver_extension(d, f->ext, sizeof f->ext);
	return GM_OK;
}

int gm__format_needs_gdal(const gm_format *f, const char *srs_def, int rfc7946)
{
	switch (f->own) {
	case GM_OWN_GEOJSON: return !rfc7946;
	case GM_OWN_CSV: return 0;
	case GM_OWN_SHAPEFILE: return strcmp(srs_def, "EPSG:4326") != 0;
	default: return 1;
	}
}

int gm__format_driver(gm_format *f, gm_error *err)
{
	if (f->drv)
		return GM_OK;
	int rc = gm__gdal_load(err);
	if (rc != GM_OK)
		return rc;
	if (!(f->drv = GDALGetDriverByName(f->name)))
		return gm__fail(err, GM_EGDAL, "this GDAL has no %s driver", f->name);
	return GM_OK;
}

/* ----------------------------------------------------------------- layers */


const char gm__wgs84_esri_wkt[] = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
                                  "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

/* A Shapefile: ours to write too (shapefile.h), with the .prj GDAL would
 * write: the CRS as ESRI WKT. The default CRS's is the text GDAL writes
 * (gm__wgs84_esri_wkt): asking GDAL for it opens PROJ's database, 30 M
 * instructions, the most of a default run's start after the dynamic linking. */
static int open_shapefile(gm_layer_file *w, const char *path, const gm_field *fields, size_t n_fields,
                          const char *srs_def, gm_error *err)
{
	char *wkt = NULL;
	if (strcmp(srs_def, "EPSG:4326") != 0) {
		int rc = gm__gdal_load(err);
		if (rc != GM_OK)
			return rc;
		OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
		const char *const wkt_opts[] = {"FORMAT=WKT1_ESRI", NULL};
		if (OSRSetFromUserInput(srs, srs_def) != OGRERR_NONE || OSRExportToWktEx(srs, &wkt, wkt_opts) != OGRERR_NONE) {
			OSRRelease(srs);
			CPLFree(wkt);
			return gm__fail(err, GM_ECRS, "GDAL cannot write the CRS \"%s\" as ESRI WKT for a .prj", srs_def);
		}
		OSRRelease(srs);
	}
	char base[4096];
	size_t n = strlen(path);
	int rc = GM_OK;
	if (n < 4 || n - 4 >= sizeof base || strcmp(path + n - 4, ".shp") != 0) {
		rc = gm__fail(err, GM_EINVAL, "a Shapefile's path must end in .shp: %s", path);
	} else {
		memcpy(base, path, n - 4);
		base[n - 4] = '\0';
		w->fields = fields;
		w->n_fields = n_fields;
		rc = gm__shapefile_create(&w->shp, base, fields, n_fields, wkt ? wkt : gm__wgs84_esri_wkt, err);
	}
	if (wkt)   /* (GDAL's, only when GDAL made it: no GDAL to free NULL with otherwise) */
		CPLFree(wkt);
	return rc;
}

/* The OGR dataset and layer of w (w->fmt's driver, found at open, path,
 * name, srs_def, fields), FlatGeobuf with its spatial index only when asked
 * (fgb_index). */
static int create_ogr(gm_layer_file *w, int fgb_index, gm_error *err)
{
	const char *drv_name = w->fmt->name, *path = w->path, *name = w->name, *srs_def = w->srs_def;
	const gm_field *fields = w->fields;
	size_t n_fields = w->n_fields;
	int rfc7946 = w->rfc7946;
	w->ds = GDALCreate(w->fmt->drv, path, 0, 0, 0, GDT_Unknown, NULL);
	if (!w->ds)
		return gm__fail(err, GM_EGDAL, "%s: cannot create %s: %s", drv_name, path, w->log->last_error);
	OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
	if (OSRSetFromUserInput(srs, srs_def) != OGRERR_NONE) {
		OSRRelease(srs);
		return gm__fail(err, GM_ECRS, "GDAL does not read the CRS \"%s\"", srs_def);
	}
	/* x = longitude/easting in every file, as web maps and QGIS expect */
	OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
	char **lco = NULL;
	if (strcmp(drv_name, "GeoJSON") == 0) {
		if (rfc7946)
			lco = CSLSetNameValue(lco, "RFC7946", "YES");
		lco = CSLSetNameValue(lco, "COORDINATE_PRECISION", rfc7946 ? "7" : "3");
	}
	/* FlatGeobuf's spatial index sorts features along a curve: places would
	 * lose their most-mentioned-first order (#18); a reader that wants the
	 * index builds its own */
	if (strcmp(drv_name, "FlatGeobuf") == 0)
		lco = CSLSetNameValue(lco, "SPATIAL_INDEX", fgb_index ? "YES" : "NO");
	w->layer = GDALDatasetCreateLayer(w->ds, name, srs, wkbPoint, lco);
	CSLDestroy(lco);
	OSRRelease(srs);
	if (!w->layer)
		return gm__fail(err, GM_EGDAL, "%s: cannot create layer %s in %s: %s", drv_name, name, path, w->log->last_error);
	for (size_t i = 0; i < n_fields; i++) {
		OGRFieldType t = fields[i].type == GM_F_INT ? OFTInteger : fields[i].type == GM_F_DATE ? OFTDate : OFTString;
		OGRFieldDefnH fd = OGR_Fld_Create(fields[i].name, t);
		if (fields[i].width && fields[i].type != GM_F_STR)
			OGR_Fld_SetWidth(fd, fields[i].width);
		OGRErr e = OGR_L_CreateField(w->layer, fd, TRUE);
		OGR_Fld_Destroy(fd);
		if (e != OGRERR_NONE)
			return gm__fail(err, GM_EGDAL, "%s: cannot create field %s in %s: %s", drv_name, fields[i].name, path,
			                w->log->last_error);
	}
	return GM_OK;
}

void gm__layer_file_cut_text(gm_layer_file *w, size_t snippet_bytes, size_t rule_bytes)
{
	w->snippet_field = w->focus_field = w->rule_field = -1;
	w->dbf_snippet = snippet_bytes;
	w->dbf_rule = rule_bytes;
	for (size_t i = 0; i < w->n_fields; i++) {
		if (!strcmp(w->fields[i].name, "snippet") && snippet_bytes < GM_DBF_BYTES)
			w->snippet_field = (int)i;
		else if (!strcmp(w->fields[i].name, "surface") || !strcmp(w->fields[i].name, "trigger"))
			w->focus_field = (int)i;
		else if (!strcmp(w->fields[i].name, "rule") && rule_bytes < GM_DBF_BYTES)
			w->rule_field = (int)i;
	}
}

void gm__layer_file_zeros_left_out(gm_layer_file *w, size_t first)
{
	if (w->text)
		gm__textlayer_zeros_left_out(w->text, first);
}

int gm__layer_file_open(gm_layer_file *w, gm_format *fmt, const char *path, const char *name, const gm_field *fields,
                        size_t n_fields, const char *srs_def, int rfc7946, gm_error *err)
{
	const char *drv_name = fmt->name;
	w->snippet_field = w->focus_field = w->rule_field = -1;
	w->is_shapefile = fmt->own == GM_OWN_SHAPEFILE;
	/* GeoJSON in WGS 84 and CSV (X and Y columns so the point survives, a
	 * BOM so spreadsheets read Arabic as UTF-8, ISO dates) are ours to write:
	 * the same bytes as GDAL's drivers, a fraction of the time (textlayer.h) */
	int is_csv = fmt->own == GM_OWN_CSV;
	if ((fmt->own == GM_OWN_GEOJSON && rfc7946) || is_csv) {
		w->fields = fields;
		w->n_fields = n_fields;
		return gm__textlayer_create(&w->text, is_csv ? GM_TEXT_CSV : GM_TEXT_GEOJSON, path, name, fields, n_fields,
		                            err);
	}
	if (w->is_shapefile)
		return open_shapefile(w, path, fields, n_fields, srs_def, err);
	int rc = gm__format_driver(fmt, err);   /* (GDAL opened, the driver found) */
	if (rc != GM_OK)
		return rc;
	w->drops_unlocated = strcmp(drv_name, "FlatGeobuf") == 0 && atoi(GDALVersionInfo("VERSION_NUM")) < 3060400;
	w->fmt = fmt;
	w->fields = fields;
	w->n_fields = n_fields;
	snprintf(w->path, sizeof w->path, "%s", path);
	w->name = name;
	w->srs_def = srs_def;
	w->rfc7946 = rfc7946;
	if ((rc = create_ogr(w, 0, err)) != GM_OK)
		return rc;
	/* one transaction per layer where the driver has them (GPKG: much faster) */
	GDALDatasetStartTransaction(w->ds, FALSE);
	return GM_OK;
}

int gm__layer_file_feature(gm_layer_file *w, double lon, double lat, const gm_value *v, gm_error *err)
{
	double x = lon, y = lat;
	int located = !isnan(lon) && !isnan(lat);   /* NaN: no place, NULL geometry */
	if (w->transform && located) {
		int rc = gm__crs_forward(w->crs, lon, lat, &x, &y, err);
		if (rc)
			return rc;
	}
	if (w->text)
		return gm__textlayer_feature(w->text, x, y, v, err);
	if (w->shp && (w->snippet_field >= 0 || w->rule_field >= 0)) {
		gm_value cut[GM_MAX_FIELDS];
		char window[GM_DBF_BYTES + 1], clauses[GM_DBF_BYTES + 1];
		memcpy(cut, v, w->n_fields * sizeof *v);
		if (w->snippet_field >= 0) {
			gm__snippet_around(v[w->snippet_field].s, w->focus_field >= 0 ? v[w->focus_field].s : NULL,
			                   w->dbf_snippet, window);
			cut[w->snippet_field].s = window;
		}
		if (w->rule_field >= 0) {
			gm__rule_clauses(v[w->rule_field].s, w->dbf_rule, clauses);
			cut[w->rule_field].s = clauses;
		}
		return gm__shapefile_feature(w->shp, x, y, cut, err);
	}
	if (w->shp)
		return gm__shapefile_feature(w->shp, x, y, v, err);
	if (!located && w->drops_unlocated) {
		w->n_dropped++;
		return GM_OK;
	}
	OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(w->layer));
	for (size_t i = 0; i < w->n_fields; i++) {
		switch (w->fields[i].type) {
		case GM_F_INT:
			if (v[i].null)
				OGR_F_SetFieldNull(f, (int)i);
			else
				OGR_F_SetFieldInteger64(f, (int)i, v[i].i);
			break;
		case GM_F_DATE:
			if (v[i].s && strlen(v[i].s) == 10)
				OGR_F_SetFieldDateTime(f, (int)i, atoi(v[i].s), atoi(v[i].s + 5), atoi(v[i].s + 8), 0, 0, 0, 0);
			else
				OGR_F_SetFieldNull(f, (int)i);
			break;
		default:
			OGR_F_SetFieldString(f, (int)i, v[i].s ? v[i].s : "");
		}
	}
	if (located) {
		OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
		OGR_G_SetPoint_2D(g, 0, x, y);
		OGR_F_SetGeometryDirectly(f, g);
	}
	int rc = GM_OK;
	if (OGR_L_CreateFeature(w->layer, f) != OGRERR_NONE)
		rc = gm__fail(err, GM_EGDAL, "cannot write a feature: %s", w->log->last_error);
	else
		w->n_ogr_features++;
	OGR_F_Destroy(f);
	return rc;
}

int gm__layer_file_close(gm_layer_file *w, int ok, gm_error *err)
{
	if (w->text) {
		int rc = gm__textlayer_close(w->text, ok, err);
		w->text = NULL;
		return rc;
	}
	if (w->shp) {
		int rc = gm__shapefile_close(w->shp, ok, err);
		w->shp = NULL;
		return rc;
	}
	if (!w->ds)
		return GM_OK;
	if (ok)
		GDALDatasetCommitTransaction(w->ds);
	w->log->last_error[0] = '\0';
	GDALClose(w->ds);  /* flushes; returns void in GDAL 3.6, so look at the log */
	w->ds = NULL;
	if (ok && w->log->last_error[0])
		return gm__fail(err, GM_EGDAL, "closing a layer: %s", w->log->last_error);
	if (ok && !w->n_ogr_features && !strcmp(w->fmt->name, "FlatGeobuf")) {
		/* an empty FlatGeobuf layer made again, readable (see layerfile.h) */
		unlink(w->path);
		int rc = create_ogr(w, 1, err);
		if (w->ds)
			GDALClose(w->ds);
		w->ds = NULL;
		if (rc == GM_OK && w->log->last_error[0])
			rc = gm__fail(err, GM_EGDAL, "closing a layer: %s", w->log->last_error);
		return rc;
	}
	return GM_OK;
}

int gm__layer_files_gather(const char *dir, const char *target, GDALDriverH drv, const char *const *layers, size_t n,
                           gm_gdal_log *log, GDALDatasetH *out, gm_error *err)
{
	char to[4096], from[4096];
	*out = NULL;
	if (snprintf(to, sizeof to, "%s/%s", dir, target) >= (int)sizeof to)
		return gm__fail(err, GM_EIO, "output path too long: %s", dir);
	GDALDatasetH ds = GDALCreate(drv, to, 0, 0, 0, GDT_Unknown, NULL);
	if (!ds)
		return gm__fail(err, GM_EGDAL, "%s: cannot create %s: %s", GDALGetDriverShortName(drv), to, log->last_error);
	*out = ds;
	char ext[32];
	gm__driver_extension(drv, ext, sizeof ext);
	for (size_t i = 0; i < n; i++) {
		if (snprintf(from, sizeof from, "%s/%s.%s", dir, layers[i], ext) >= (int)sizeof from || access(from, F_OK) != 0)
			continue;   /* a layer not written (demonyms only when asked for) */
		GDALDatasetH in = GDALOpenEx(from, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
		OGRLayerH l = in ? GDALDatasetGetLayerByName(in, layers[i]) : NULL;
		int copied = l && GDALDatasetCopyLayer(ds, l, layers[i], NULL);
		if (in)
			GDALClose(in);
		if (!copied)
			return gm__fail(err, GM_EGDAL, "%s: cannot copy layer %s into %s: %s", GDALGetDriverShortName(drv),
			                layers[i], to, log->last_error);
		unlink(from);
	}
	return GM_OK;
}
