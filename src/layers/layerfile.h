/* layerfile.h: one layer file of any OGR vector format (internal), and what
 * the writers need of GDAL: the drivers that create files, their extensions,
 * and GDAL's messages caught for the caller's error instead of stderr.
 *
 * A layer is written by us where that is faster and gives GDAL's bytes
 * (textlayer.h: RFC 7946 GeoJSON and CSV; shapefile.h), through OGR for every
 * other driver (one transaction per layer where the driver has them). The run
 * writer (write.h) and the gazetteer export (export.c) both write through it. */
#ifndef GM_LAYERFILE_H
#define GM_LAYERFILE_H

#include "geomention.h"

#include "crs.h"
#include "error.h"
#include "layers.h"

#include "gdalapi.h"

/* The .prj of EPSG:4326, the default layers' CRS, as GDAL writes it (ESRI
 * WKT): written without asking GDAL, which opens PROJ's database for it. */
extern const char gm__wgs84_esri_wkt[];

/* GDAL's last failure and its warnings, while a gm__gdal_log_handler with
 * this as its user data is pushed (CPLPushErrorHandlerEx). */
typedef struct gm_gdal_log {
	char last_error[384];
	unsigned warnings;
} gm_gdal_log;
void CPL_STDCALL gm__gdal_log_handler(CPLErr cls, CPLErrorNum no, const char *msg);

/* A database driver (PG:, ...): no files to write. */
int gm__driver_is_database(GDALDriverH d);
/* A vector driver that creates files. */
int gm__driver_writes_files(GDALDriverH d);
/* The extension of the driver's files (geojson, shp, gpkg ...), into ext. */
void gm__driver_extension(GDALDriverH d, char *ext, size_t cap);

/* An output format, by GDAL's name for it (case aside, as GDAL reads it).
 * GeoJSON, CSV and ESRI Shapefile are ours to write (own), and are found
 * without GDAL, so a run of the default layers never opens it (gdalapi.h);
 * any other format is a GDAL driver's, looked up in GDAL. */
enum { GM_OWN_NONE, GM_OWN_GEOJSON, GM_OWN_CSV, GM_OWN_SHAPEFILE };
typedef struct gm_format {
	const char *name;   /* as GDAL spells it: GeoJSON, CSV, ESRI Shapefile, GPKG ... */
	int own;            /* GM_OWN_*: which of ours writes it, GM_OWN_NONE: GDAL's */
	GDALDriverH drv;    /* GDAL's driver; NULL for ours until gm__format_driver */
	char ext[24];       /* its files' extension */
} gm_format;
/* The format called name: GM_EFORMAT for one no driver writes as files (a
 * database, a raster or read-only driver, a name unknown), saying which are. */
int gm__format_find(gm_format *f, const char *name, gm_error *err);
/* Whether writing a layer of f in srs_def (rfc7946: GeoJSON as RFC 7946)
 * takes GDAL: for ours, GeoJSON outside RFC 7946 and a Shapefile's .prj of a
 * CRS other than EPSG:4326. */
int gm__format_needs_gdal(const gm_format *f, const char *srs_def, int rfc7946);
/* f's GDAL driver in f->drv, GDAL opened (ours: GDAL's of the same name). */
int gm__format_driver(gm_format *f, gm_error *err);

struct gm_textlayer;
struct gm_shapefile;
typedef struct gm_layer_file {
	GDALDatasetH ds;
	OGRLayerH layer;
	struct gm_textlayer *text;   /* RFC 7946 GeoJSON and CSV: written by textlayer.c, not by ds */
	struct gm_shapefile *shp;    /* Shapefiles: written by shapefile.c, not by ds */
	int is_shapefile;   /* (set by gm__layer_file_open) */
	/* the snippet field a Shapefile cuts and the field it is centred on
	 * (surface, trigger), and the rule field it cuts, -1 when none
	 * (gm__layer_file_cut_text) */
	int snippet_field, focus_field, rule_field;
	size_t dbf_snippet, dbf_rule;
	int transform;    /* coordinates go through crs */
	gm_crs *crs;
	gm_gdal_log *log;
	const gm_field *fields;
	size_t n_fields;
	/* GDAL before 3.6.4 writes no FlatGeobuf feature without geometry
	 * (GDAL issue 7401): such features are counted here, for run.json to
	 * say so, instead of vanishing unsaid */
	int drops_unlocated;
	size_t n_dropped;
	char file[64];    /* the file's name in the run's folder, for messages */
	/* what made an OGR layer, to make it again: GDAL 3.6's FlatGeobuf
	 * writer without a spatial index leaves a layer of no feature a file
	 * of no byte, which nothing opens; such a layer is made again empty,
	 * with the index (no order to lose) */
	gm_format *fmt;
	char path[4096];
	const char *name, *srs_def;
	int rfc7946;
	size_t n_ogr_features;
} gm_layer_file;

/* Keep snippet_bytes of the snippet field (0 none) around the surface or
 * trigger, and rule_bytes of the rule field in whole clauses, in this file's
 * records, as a Shapefile's .dbf is given (gm_write_options' dbf_snippet and
 * dbf_rule); every other format keeps its whole GM_DBF_BYTES. */
void gm__layer_file_cut_text(gm_layer_file *w, size_t snippet_bytes, size_t rule_bytes);
/* A GeoJSON we write ourselves leaves out an integer 0 from field first
 * on, but in its first feature (gm__textlayer_zeros_left_out); every other
 * format writes them. */
void gm__layer_file_zeros_left_out(gm_layer_file *w, size_t first);
/* Open the layer name at path in the format fmt (which must outlive w), with
 * these fields, in the CRS srs_def (rfc7946: GeoJSON as RFC 7946 asks),
 * opening GDAL where fmt needs it (gm__format_needs_gdal). w's log,
 * transform and crs are the caller's to set before. */
int gm__layer_file_open(gm_layer_file *w, gm_format *fmt, const char *path, const char *name, const gm_field *fields,
                        size_t n_fields, const char *srs_def, int rfc7946, gm_error *err);
/* One feature (no geometry when lon or lat is NaN). */
int gm__layer_file_feature(gm_layer_file *w, double lon, double lat, const gm_value *v, gm_error *err);
/* ok: finish and close; !ok: close only. */
int gm__layer_file_close(gm_layer_file *w, int ok, gm_error *err);

/* The layers written one file each in dir (LAYER.EXT of drv's extension)
 * gathered into one file, target, of the same driver, in the order given,
 * and their files removed: a GeoPackage of every layer. *out: the new file,
 * open (the caller adds to it and closes it, also after an error). */
int gm__layer_files_gather(const char *dir, const char *target, GDALDriverH drv, const char *const *layers, size_t n,
                           gm_gdal_log *log, GDALDatasetH *out, gm_error *err);

#endif
