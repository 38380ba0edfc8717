/* write.c: the layers (OGR, any vector driver that can create files) and
 * run.json. Everything is written into a temporary folder inside the output
 * folder and renamed into place only when every file is whole, so a failed
 * run never leaves half a layer beside a whole one. */
#include "run.h"

#include "crs.h"
#include "error.h"
#include "events.h"
#include "gazetteer.h"
#include "json.h"
#include "utf8.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_error.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DBF_BYTES 254

/* dir/name into out; -1 when it does not fit (paths are checked, not cut) */
static int join_path(char *out, size_t cap, const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	if (a + 1 + b + 1 > cap)
		return -1;
	memcpy(out, dir, a);
	out[a] = '/';
	memcpy(out + a + 1, name, b + 1);
	return 0;
}

static pthread_once_t gdal_once = PTHREAD_ONCE_INIT;
static void register_drivers(void) { GDALAllRegister(); }

static const char *const default_formats[] = {"GeoJSON", "ESRI Shapefile"};

/* ------------------------------------------------------------ GDAL errors */

typedef struct gdal_log {
	char last_error[384];
	unsigned warnings;
} gdal_log;

static void CPL_STDCALL gdal_handler(CPLErr cls, CPLErrorNum no, const char *msg)
{
	(void)no;
	gdal_log *log = CPLGetErrorHandlerUserData();
	if (!log)
		return;
	if (cls >= CE_Failure)
		snprintf(log->last_error, sizeof log->last_error, "%s", msg);
	else if (cls == CE_Warning)
		log->warnings++;
}

/* ---------------------------------------------------------------- formats */

static int is_writable_vector(GDALDriverH d)
{
	return d && GDALGetMetadataItem(d, GDAL_DCAP_VECTOR, NULL) && GDALGetMetadataItem(d, GDAL_DCAP_CREATE, NULL);
}

int gm_output_formats(char *buf, size_t cap)
{
	pthread_once(&gdal_once, register_drivers);
	size_t o = 0;
	if (cap)
		buf[0] = '\0';
	for (int i = 0; i < GDALGetDriverCount(); i++) {
		GDALDriverH d = GDALGetDriver(i);
		if (!is_writable_vector(d))
			continue;
		int w = snprintf(buf + o, o < cap ? cap - o : 0, "%s%s", o ? ", " : "", GDALGetDriverShortName(d));
		if (w > 0)
			o += (size_t)w;
	}
	return o < cap ? GM_OK : GM_EINVAL;
}

static void extension_of(GDALDriverH d, char *ext, size_t cap)
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

static int mkdir_p(const char *path)
{
	char buf[4096];
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return -1;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

int gm__check_write_options(const gm_write_options *opts, gm_error *err)
{
	pthread_once(&gdal_once, register_drivers);
	const char *const *formats = opts->n_formats ? opts->formats : default_formats;
	size_t nf = opts->n_formats ? opts->n_formats : 2;
	for (size_t i = 0; i < nf; i++) {
		GDALDriverH d = GDALGetDriverByName(formats[i]);
		if (!is_writable_vector(d)) {
			char list[4096];
			gm_output_formats(list, sizeof list);
			return gm__fail(err, GM_EFORMAT, "unknown output format \"%s\"; valid formats: %s", formats[i], list);
		}
		/* FlatGeobuf (GDAL 3.6) drops NULL geometries silently; every
		 * feature here has a point, so it is safe for these layers. */
	}
	if (opts->t_srs) {
		gm_crs c;
		int rc = gm__crs_open(&c, opts->t_srs, err);
		gm__crs_close(&c);
		if (rc)
			return rc;
	}
	if (!opts->out_dir || !*opts->out_dir)
		return gm__fail(err, GM_EINVAL, "no output folder");
	struct stat sb;
	if (stat(opts->out_dir, &sb) == 0 && !S_ISDIR(sb.st_mode))
		return gm__fail(err, GM_EIO, "output %s exists and is not a folder", opts->out_dir);
	if (mkdir_p(opts->out_dir) != 0)
		return gm__fail(err, GM_EIO, "cannot create output folder %s: %s", opts->out_dir, strerror(errno));
	if (access(opts->out_dir, W_OK | X_OK) != 0)
		return gm__fail(err, GM_EIO, "output folder %s is not writable: %s", opts->out_dir, strerror(errno));
	return GM_OK;
}

/* ----------------------------------------------------------------- layers */

enum ftype { F_STR, F_INT, F_DATE };
typedef struct field {
	const char *name;
	int type;
	int width;
} field;

static const field place_fields[] = {
	{"place_id", F_STR, 64}, {"name_ar", F_STR, DBF_BYTES}, {"name_en", F_STR, DBF_BYTES},
	{"country", F_STR, 3}, {"admin1", F_STR, DBF_BYTES}, {"feature", F_STR, 8},
	{"mentions", F_INT, 10}, {"docs", F_INT, 10}, {"first_date", F_DATE, 0}, {"last_date", F_DATE, 0},
	{"demonyms", F_INT, 10}, {"events", F_INT, 10}, {"fatalities", F_INT, 10}, {"injured", F_INT, 10},
};
static const field mention_fields[] = {
	{"doc_id", F_STR, DBF_BYTES}, {"start", F_INT, 10}, {"end", F_INT, 10},
	{"surface", F_STR, DBF_BYTES}, {"place_id", F_STR, 64}, {"name_en", F_STR, DBF_BYTES},
	{"score", F_INT, 3}, {"rule", F_STR, DBF_BYTES}, {"date", F_DATE, 0}, {"snippet", F_STR, DBF_BYTES},
};
static const field event_fields[] = {
	{"event_id", F_STR, DBF_BYTES}, {"doc_id", F_STR, DBF_BYTES}, {"date", F_DATE, 0}, {"type", F_STR, 20},
	{"place_id", F_STR, 64}, {"name_en", F_STR, DBF_BYTES}, {"precision", F_INT, 1}, {"fatalities", F_INT, 10},
	{"injured", F_INT, 10}, {"trigger", F_STR, DBF_BYTES}, {"snippet", F_STR, DBF_BYTES},
};
/* daily: one row per place and date; the event-type counts follow in the
 * order of enum gm_trigger, named to fit 10 characters */
static const field daily_fields[] = {
	{"place_id", F_STR, 64}, {"name_ar", F_STR, DBF_BYTES}, {"name_en", F_STR, DBF_BYTES},
	{"country", F_STR, 3}, {"date", F_DATE, 0}, {"mentions", F_INT, 10}, {"events", F_INT, 10},
	{"fatalities", F_INT, 10}, {"injured", F_INT, 10},
	{"shelling", F_INT, 10}, {"air_strike", F_INT, 10}, {"clash", F_INT, 10}, {"territory", F_INT, 10},
	{"explosion", F_INT, 10}, {"protest", F_INT, 10}, {"agreement", F_INT, 10}, {"mobilize", F_INT, 10},
	{"displace", F_INT, 10}, {"blockade", F_INT, 10}, {"diplomacy", F_INT, 10},
};
#define N_DAILY_FIELDS (sizeof daily_fields / sizeof *daily_fields)
#define DAILY_FIRST_TYPE 9   /* daily_fields[9] counts GM_EV_SHELLING */
_Static_assert(N_DAILY_FIELDS - DAILY_FIRST_TYPE == GM_EV_N - 1, "one daily column per event type");
#define N_EVENT_FIELDS (sizeof event_fields / sizeof *event_fields)
#define N_PLACE_FIELDS (sizeof place_fields / sizeof *place_fields)
#define N_MENTION_FIELDS (sizeof mention_fields / sizeof *mention_fields)

typedef struct value {
	const char *s;   /* F_STR and F_DATE (YYYY-MM-DD or empty) */
	long long i;
	int null;        /* F_INT: not stated (NULL, not 0) */
} value;

typedef struct layer_writer {
	GDALDatasetH ds;
	OGRLayerH layer;
	int is_shapefile;
	int transform;    /* coordinates go through crs */
	gm_crs *crs;
	gdal_log *log;
	const field *fields;
	size_t n_fields;
	int dates_as_text;   /* dates as YYYY-MM-DD strings (CSV) */
} layer_writer;

static int open_layer(layer_writer *w, GDALDriverH drv, const char *path, const char *name, const field *fields,
                      size_t n_fields, const char *srs_def, int rfc7946, gm_error *err)
{
	const char *drv_name = GDALGetDriverShortName(drv);
	w->ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
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
	} else if (w->is_shapefile) {
		lco = CSLSetNameValue(lco, "ENCODING", "UTF-8");  /* writes the .cpg; the default LDID/87 destroys Arabic */
	} else if (strcmp(drv_name, "CSV") == 0) {
		lco = CSLSetNameValue(lco, "GEOMETRY", "AS_XY");  /* X and Y columns: the point survives */
		lco = CSLSetNameValue(lco, "WRITE_BOM", "YES");   /* spreadsheets read Arabic as UTF-8 only with it */
		lco = CSLSetNameValue(lco, "STRING_QUOTING", "IF_NEEDED");
		w->dates_as_text = 1;   /* the driver writes dates as 2023/09/20; ISO is what every reader parses */
	}
	w->layer = GDALDatasetCreateLayer(w->ds, name, srs, wkbPoint, lco);
	CSLDestroy(lco);
	OSRRelease(srs);
	if (!w->layer)
		return gm__fail(err, GM_EGDAL, "%s: cannot create layer %s in %s: %s", drv_name, name, path, w->log->last_error);
	for (size_t i = 0; i < n_fields; i++) {
		OGRFieldType t = fields[i].type == F_INT                          ? OFTInteger
		                 : fields[i].type == F_DATE && !w->dates_as_text ? OFTDate
		                                                                 : OFTString;
		OGRFieldDefnH fd = OGR_Fld_Create(fields[i].name, t);
		if (fields[i].width && (w->is_shapefile || fields[i].type != F_STR))
			OGR_Fld_SetWidth(fd, fields[i].width);
		OGRErr e = OGR_L_CreateField(w->layer, fd, TRUE);
		OGR_Fld_Destroy(fd);
		if (e != OGRERR_NONE)
			return gm__fail(err, GM_EGDAL, "%s: cannot create field %s in %s: %s", drv_name, fields[i].name, path,
			                w->log->last_error);
	}
	w->fields = fields;
	w->n_fields = n_fields;
	/* one transaction per layer where the driver has them (GPKG: much faster) */
	GDALDatasetStartTransaction(w->ds, FALSE);
	return GM_OK;
}

static int write_feature(layer_writer *w, double lon, double lat, const value *v, gm_error *err)
{
	OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(w->layer));
	for (size_t i = 0; i < w->n_fields; i++) {
		switch (w->fields[i].type) {
		case F_INT:
			if (v[i].null)
				OGR_F_SetFieldNull(f, (int)i);
			else
				OGR_F_SetFieldInteger64(f, (int)i, v[i].i);
			break;
		case F_DATE:
			if (w->dates_as_text)
				OGR_F_SetFieldString(f, (int)i, v[i].s ? v[i].s : "");
			else if (v[i].s && strlen(v[i].s) == 10)
				OGR_F_SetFieldDateTime(f, (int)i, atoi(v[i].s), atoi(v[i].s + 5), atoi(v[i].s + 8), 0, 0, 0, 0);
			else
				OGR_F_SetFieldNull(f, (int)i);
			break;
		default: {
			const char *s = v[i].s ? v[i].s : "";
			size_t n = strlen(s);
			if (w->is_shapefile && n > DBF_BYTES) {
				/* DBF holds 254 bytes: cut on a character boundary, never mid-letter */
				char buf[DBF_BYTES + 1];
				size_t k = gm__utf8_clip(s, n, DBF_BYTES);
				memcpy(buf, s, k);
				buf[k] = '\0';
				OGR_F_SetFieldString(f, (int)i, buf);
			} else {
				OGR_F_SetFieldString(f, (int)i, s);
			}
		}
		}
	}
	double x = lon, y = lat;
	int rc = GM_OK;
	int located = !isnan(lon) && !isnan(lat);   /* NaN: no place, NULL geometry */
	if (w->transform && located)
		rc = gm__crs_forward(w->crs, lon, lat, &x, &y, err);
	if (rc == GM_OK) {
		if (located) {
			OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
			OGR_G_SetPoint_2D(g, 0, x, y);
			OGR_F_SetGeometryDirectly(f, g);
		}
		if (OGR_L_CreateFeature(w->layer, f) != OGRERR_NONE)
			rc = gm__fail(err, GM_EGDAL, "cannot write a feature: %s", w->log->last_error);
	}
	OGR_F_Destroy(f);
	return rc;
}

static int close_layer(layer_writer *w, int ok, gm_error *err)
{
	if (!w->ds)
		return GM_OK;
	if (ok)
		GDALDatasetCommitTransaction(w->ds);
	w->log->last_error[0] = '\0';
	GDALClose(w->ds);  /* flushes; returns void in GDAL 3.6, so look at the log */
	w->ds = NULL;
	if (ok && w->log->last_error[0])
		return gm__fail(err, GM_EGDAL, "closing a layer: %s", w->log->last_error);
	return GM_OK;
}

/* A place is listed when it is mentioned or has events, or, with the
 * demonyms layer asked for, when only its demonyms occur. */
static int place_listed(const gm_place_agg *a, const gm_write_options *opts)
{
	return a->mentions > 0 || a->events > 0 || (opts->demonyms && a->demonyms > 0);
}

static void place_values(const gm_run *r, const gm_place_agg *a, value *v, gm_place *p)
{
	gm_gazetteer_get_place(r->gaz, a->place, p);
	v[0].s = p->id;
	v[1].s = p->name_ar;
	v[2].s = p->name_en;
	v[3].s = p->country;
	v[4].s = p->admin1;
	v[5].s = p->feature;
	v[6].i = a->mentions;
	v[7].i = a->docs;
	v[8].s = a->first_date;
	v[9].s = a->last_date;
	v[10].i = a->demonyms;
	v[11].i = a->events;
	v[12].i = a->fatalities;
	v[13].i = a->injured;
}

/* An event's fields; its point, or NaN when the text ties it to no place. */
static void event_values(const gm_run *r, const gm_run_event *e, value *v, gm_place *p, char *id, size_t id_cap,
                         double *lon, double *lat)
{
	memset(p, 0, sizeof *p);
	*lon = *lat = NAN;
	if (e->place != GM_NO_PLACE && gm_gazetteer_get_place(r->gaz, e->place, p) == GM_OK) {
		*lon = p->lon;
		*lat = p->lat;
	}
	snprintf(id, id_cap, "%s#%u", r->docs[e->doc].id, e->n);
	v[0].s = id;
	v[1].s = r->docs[e->doc].id;
	v[2].s = e->date;
	v[3].s = e->type;
	v[4].s = p->id ? p->id : "";
	v[5].s = p->name_en ? p->name_en : "";
	v[6].i = e->precision;
	v[6].null = e->precision == 0;
	v[7].i = e->fatalities;
	v[7].null = e->fatalities < 0;
	v[8].i = e->injured;
	v[8].null = e->injured < 0;
	v[9].s = e->trigger;
	v[10].s = e->snippet;
}

static void mention_values(const gm_run *r, const gm_run_mention *m, value *v, gm_place *p)
{
	gm_gazetteer_get_place(r->gaz, m->place, p);
	v[0].s = r->docs[m->doc].id;
	v[1].i = m->start;
	v[2].i = m->end;
	v[3].s = m->surface;
	v[4].s = p->id;
	v[5].s = p->name_en;
	v[6].i = m->score;
	v[7].s = m->rule;
	v[8].s = r->docs[m->doc].date;
	v[9].s = m->snippet;
}

/* ------------------------------------------------------------------ daily */

/* One mention or event as it counts towards a (place, date) row. */
typedef struct daily_item {
	uint32_t place;       /* GM_NO_PLACE for events the text ties to no place */
	const char *date;     /* "" when not known */
	int type;             /* 0 for a mention, else the event's gm_trigger code */
	long fatalities, injured;
} daily_item;

/* By date (known dates first, oldest first), then place (placeless last). */
static int cmp_daily(const void *pa, const void *pb)
{
	const daily_item *a = pa, *b = pb;
	if (!a->date[0] != !b->date[0])
		return a->date[0] ? -1 : 1;
	int c = strcmp(a->date, b->date);
	if (c)
		return c;
	return a->place < b->place ? -1 : a->place > b->place;
}

/* Every mention (at its document's date) and event (at its own date), sorted
 * so that each (place, date) row is one run; NULL when out of memory. */
static daily_item *daily_items(const gm_run *r, size_t *n)
{
	*n = r->n_mentions + r->n_events;
	daily_item *it = malloc((*n ? *n : 1) * sizeof *it);
	if (!it)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < r->n_mentions; i++)
		it[k++] = (daily_item){r->mentions[i].place, r->docs[r->mentions[i].doc].date, 0, -1, -1};
	for (size_t i = 0; i < r->n_events; i++) {
		const gm_run_event *e = &r->events[i];
		it[k++] = (daily_item){e->place, e->date, gm__trigger_code(e->type), e->fatalities, e->injured};
	}
	qsort(it, k, sizeof *it, cmp_daily);
	return it;
}

/* The daily rows: counts summed over each run of equal (place, date). */
static int write_daily(const gm_run *r, layer_writer *w, gm_error *err)
{
	size_t n;
	daily_item *it = daily_items(r, &n);
	if (!it)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	int rc = GM_OK;
	for (size_t a = 0; a < n && rc == GM_OK;) {
		size_t b = a;
		value v[N_DAILY_FIELDS];
		memset(v, 0, sizeof v);
		for (; b < n && it[b].place == it[a].place && !strcmp(it[b].date, it[a].date); b++) {
			if (!it[b].type) {
				v[5].i++;
				continue;
			}
			v[6].i++;
			if (it[b].fatalities > 0)
				v[7].i += it[b].fatalities;
			if (it[b].injured > 0)
				v[8].i += it[b].injured;
			if (it[b].type > 0 && it[b].type < GM_EV_N)
				v[DAILY_FIRST_TYPE + it[b].type - 1].i++;
		}
		gm_place p;
		memset(&p, 0, sizeof p);
		double lon = NAN, lat = NAN;
		if (it[a].place != GM_NO_PLACE && gm_gazetteer_get_place(r->gaz, it[a].place, &p) == GM_OK) {
			lon = p.lon;
			lat = p.lat;
		}
		v[0].s = p.id ? p.id : "";
		v[1].s = p.name_ar ? p.name_ar : "";
		v[2].s = p.name_en ? p.name_en : "";
		v[3].s = p.country ? p.country : "";
		v[4].s = it[a].date;
		rc = write_feature(w, lon, lat, v, err);
		a = b;
	}
	free(it);
	return rc;
}

static int write_layers_in(const gm_run *r, GDALDriverH drv, const char *dir, const gm_write_options *opts,
                           int only_daily, gm_crs *crs, gdal_log *log, gm_error *err)
{
	char ext[32], path[4096];
	extension_of(drv, ext, sizeof ext);
	const char *drv_name = GDALGetDriverShortName(drv);
	int is_geojson = strcmp(drv_name, "GeoJSON") == 0;
	/* GeoJSON stays WGS 84 lon/lat (RFC 7946) unless the user turned that off */
	int use_target = opts->t_srs && !(is_geojson && opts->geojson_rfc7946);
	const char *srs_def = use_target ? opts->t_srs : (is_geojson ? "OGC:CRS84" : "EPSG:4326");
	static const char *const layer_names[] = {"places", "mentions", "demonyms", "events", "daily"};
	for (int which = 0; which < 5; which++) {
		if ((which == 2 && !opts->demonyms) || (only_daily && which != 4))
			continue;
		layer_writer w;
		memset(&w, 0, sizeof w);
		w.is_shapefile = strcmp(drv_name, "ESRI Shapefile") == 0;
		w.transform = use_target;
		w.crs = crs;
		w.log = log;
		const char *name = layer_names[which];
		char file[64];
		snprintf(file, sizeof file, "%s.%.40s", name, ext);
		if (join_path(path, sizeof path, dir, file) != 0)
			return gm__fail(err, GM_EIO, "output path too long: %s", dir);
		const field *fields = which == 0 ? place_fields : which == 3 ? event_fields : which == 4 ? daily_fields
		                                                                                          : mention_fields;
		size_t n_fields = which == 0   ? N_PLACE_FIELDS
		                  : which == 3 ? N_EVENT_FIELDS
		                  : which == 4 ? N_DAILY_FIELDS
		                               : N_MENTION_FIELDS;
		int rc = open_layer(&w, drv, path, name, fields, n_fields, srs_def, is_geojson && opts->geojson_rfc7946, err);
		value v[16];
		memset(v, 0, sizeof v);
		gm_place p;
		if (which == 4 && rc == GM_OK) {
			rc = write_daily(r, &w, err);
		} else if (which == 3) {
			for (size_t i = 0; i < r->n_events && rc == GM_OK; i++) {
				char id[300];
				double lon, lat;
				event_values(r, &r->events[i], v, &p, id, sizeof id, &lon, &lat);
				rc = write_feature(&w, lon, lat, v, err);
			}
		} else if (which == 0) {
			for (size_t i = 0; i < r->n_aggs && rc == GM_OK; i++) {
				if (!place_listed(&r->aggs[i], opts))
					continue;
				place_values(r, &r->aggs[i], v, &p);
				rc = write_feature(&w, p.lon, p.lat, v, err);
			}
		} else {
			const gm_run_mention *list = which == 1 ? r->mentions : r->demonyms;
			size_t n = which == 1 ? r->n_mentions : r->n_demonyms;
			for (size_t i = 0; i < n && rc == GM_OK; i++) {
				mention_values(r, &list[i], v, &p);
				rc = write_feature(&w, p.lon, p.lat, v, err);
			}
		}
		int crc = close_layer(&w, rc == GM_OK, err);
		if (rc == GM_OK)
			rc = crc;
		if (rc)
			return rc;
	}
	return GM_OK;
}

/* ---------------------------------------------------------------- run.json */

static void write_run_json(FILE *f, const gm_run *r, const gm_write_options *opts, double seconds,
                           const gm_run_summary *s)
{
	gm_gazetteer_info gi;
	gm_gazetteer_get_info(r->gaz, &gi);
	fprintf(f, "{\n  \"tool\": \"geomention\",\n  \"version\": ");
	gm__json_write_string(f, GM_VERSION_STRING);
	fprintf(f, ",\n  \"gazetteer\": {\"name\": ");
	gm__json_write_string(f, gi.name);
	fprintf(f, ", \"build_date\": ");
	gm__json_write_string(f, gi.build_date);
	fprintf(f, ", \"checksum\": \"%s\", \"format_version\": %u, \"places\": %u},\n", gi.checksum, gi.format_version,
	        gi.places);
	fprintf(f, "  \"options\": %s,\n", opts->options_json && *opts->options_json ? opts->options_json : "{}");
	fprintf(f, "  \"timing\": {\"seconds\": %.3f},\n", seconds);
	fprintf(f,
	        "  \"counts\": {\"inputs\": %zu, \"documents\": %zu, \"skipped\": %zu, \"mentions\": %zu, \"places\": %zu, "
	        "\"demonyms\": %zu, \"events\": %zu},\n",
	        r->n_docs, s->documents, s->skipped, s->mentions, s->places, s->demonyms, s->events);
	fprintf(f, "  \"files\": [");
	for (size_t i = 0; i < s->n_files; i++) {
		fprintf(f, "%s", i ? ", " : "");
		gm__json_write_string(f, s->files[i]);
	}
	fprintf(f, "],\n  \"documents\": [\n");
	for (size_t i = 0; i < r->n_docs; i++) {
		const gm_run_doc *d = &r->docs[i];
		fprintf(f, "    {\"id\": ");
		gm__json_write_string(f, d->id);
		fprintf(f, ", \"path\": ");
		gm__json_write_string(f, d->path);
		if (d->line)
			fprintf(f, ", \"line\": %ld", d->line);
		fprintf(f, ", \"status\": \"%s\"", d->skipped ? "skipped" : "processed");
		if (d->reason) {
			fprintf(f, ", \"reason\": ");
			gm__json_write_string(f, d->reason);
		}
		if (d->warning) {
			fprintf(f, ", \"warning\": ");
			gm__json_write_string(f, d->warning);
		}
		if (d->invalid_utf8)
			fprintf(f, ", \"invalid_utf8_replaced\": %u", d->invalid_utf8);
		if (d->date[0])
			fprintf(f, ", \"date\": \"%s\"", d->date);
		if (!d->skipped)
			fprintf(f, ", \"mentions\": %zu, \"demonyms\": %zu, \"events\": %zu", d->n_mentions, d->n_demonyms,
			        d->n_events);
		fprintf(f, "}%s\n", i + 1 < r->n_docs ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
}

/* ------------------------------------------------------------- the whole run */

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char p[4096];
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				if (join_path(p, sizeof p, dir, e->d_name) == 0)
					remove(p);
			}
		closedir(d);
	}
	rmdir(dir);
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int gm__write_run(const gm_run *r, const gm_write_options *opts, gm_run_summary *summary, gm_error *err)
{
	gm_run_summary local;
	if (!summary)
		summary = &local;
	memset(summary, 0, sizeof *summary);
	int rc = gm__check_write_options(opts, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < r->n_docs; i++)
		r->docs[i].skipped ? summary->skipped++ : summary->documents++;
	summary->mentions = r->n_mentions;
	summary->demonyms = r->n_demonyms;
	summary->events = r->n_events;
	for (size_t i = 0; i < r->n_aggs; i++)
		summary->places += place_listed(&r->aggs[i], opts);

	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s/.geomention-tmp-XXXXXX", opts->out_dir);
	if (!mkdtemp(tmp))
		return gm__fail(err, GM_EIO, "cannot create a temporary folder in %s: %s", opts->out_dir, strerror(errno));

	gm_crs crs;
	rc = gm__crs_open(&crs, opts->t_srs, err);
	gdal_log log;
	memset(&log, 0, sizeof log);
	CPLPushErrorHandlerEx(gdal_handler, &log);
	const char *const *formats = opts->n_formats ? opts->formats : default_formats;
	size_t nf = opts->n_formats ? opts->n_formats : 2;
	int csv_asked = 0;
	for (size_t i = 0; i < nf && rc == GM_OK; i++) {
		csv_asked |= strcmp(formats[i], "CSV") == 0;
		rc = write_layers_in(r, GDALGetDriverByName(formats[i]), tmp, opts, 0, &crs, &log, err);
	}
	/* dashboards read the daily counts as CSV whatever else was asked for */
	if (rc == GM_OK && !csv_asked) {
		GDALDriverH csv = GDALGetDriverByName("CSV");
		rc = csv ? write_layers_in(r, csv, tmp, opts, 1, &crs, &log, err)
		         : gm__fail(err, GM_EGDAL, "this GDAL has no CSV driver for daily.csv");
	}
	CPLPopErrorHandler();
	gm__crs_close(&crs);

	/* what is in the temporary folder is the set of files to move */
	char *names[256];
	size_t n_names = 0;
	if (rc == GM_OK) {
		DIR *d = opendir(tmp);
		struct dirent *e;
		while (d && (e = readdir(d)))
			if (e->d_name[0] != '.' && n_names < 256)
				names[n_names++] = strdup(e->d_name);
		if (d)
			closedir(d);
		qsort(names, n_names, sizeof *names, cmp_name);
		for (size_t i = 0; i < n_names && summary->n_files < 31; i++)
			if (names[i])
				snprintf(summary->files[summary->n_files++], sizeof summary->files[0], "%s", names[i]);
		snprintf(summary->files[summary->n_files++], sizeof summary->files[0], "run.json");

		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double secs = (double)(now.tv_sec - r->started.tv_sec) + (double)(now.tv_nsec - r->started.tv_nsec) / 1e9;
		char p[4096];
		FILE *f = join_path(p, sizeof p, tmp, "run.json") == 0 ? fopen(p, "w") : NULL;
		if (!f) {
			rc = gm__fail(err, GM_EIO, "cannot write %s: %s", p, strerror(errno));
		} else {
			write_run_json(f, r, opts, secs, summary);
			if (fclose(f) != 0)
				rc = gm__fail(err, GM_EIO, "cannot write %s: %s", p, strerror(errno));
		}
	}
	/* every file is whole: move them into place, run.json last */
	for (size_t i = 0; i <= n_names && rc == GM_OK; i++) {
		const char *name = i < n_names ? names[i] : "run.json";
		if (!name)
			continue;
		char from[4096], to[4096];
		if (join_path(from, sizeof from, tmp, name) != 0 || join_path(to, sizeof to, opts->out_dir, name) != 0 ||
		    rename(from, to) != 0)
			rc = gm__fail(err, GM_EIO, "cannot move %s into %s: %s", name, opts->out_dir, strerror(errno));
	}
	for (size_t i = 0; i < n_names; i++)
		free(names[i]);
	remove_tree(tmp);
	return rc;
}

/* --------------------------------------------------------- gazetteer export */

static const field gazetteer_fields[] = {
	{"place_id", F_STR, 64}, {"name_ar", F_STR, DBF_BYTES}, {"name_en", F_STR, DBF_BYTES},
	{"country", F_STR, 3}, {"admin1", F_STR, DBF_BYTES}, {"feature", F_STR, 8},
	{"population", F_INT, 12}, {"names", F_STR, DBF_BYTES},
};
#define N_GAZETTEER_FIELDS (sizeof gazetteer_fields / sizeof *gazetteer_fields)

/* Every place's names, as the matcher holds them (folded, "|" between), with
 * a mark for their kind: * curated, ~ untagged. Built in one pass over the keys. */
static char **names_by_place(const gm_gazetteer *g)
{
	uint32_t n = g->h->n_places;
	char **names = calloc(n ? n : 1, sizeof *names);
	size_t *lens = calloc(n ? n : 1, sizeof *lens);
	if (!names || !lens) {
		free(names);
		free(lens);
		return NULL;
	}
	for (uint32_t k = 0; k < g->h->n_keys; k++) {
		const gm_gaz_key *key = &g->keys[k];
		if (key->post_start > g->h->n_postings || key->post_count > g->h->n_postings - key->post_start)
			continue;
		const char *s = gm__gaz_str(g, key->str);
		for (uint32_t j = 0; j < key->post_count; j++) {
			const gm_gaz_posting *p = &g->postings[key->post_start + j];
			if (p->place >= n || p->kind > GM_NAME_CURATED)
				continue;
			size_t add = strlen(s) + 2, old = lens[p->place];
			char *x = realloc(names[p->place], old + add + 1);
			if (!x)
				continue;  /* a shorter list, never a crash */
			names[p->place] = x;
			int w = snprintf(x + old, add + 1, "%s%s%s", old ? "|" : "",
			                 p->kind == GM_NAME_CURATED ? "*" : p->kind == GM_NAME_UNTAGGED ? "~" : "", s);
			lens[p->place] = old + (w > 0 ? (size_t)w : 0);
		}
	}
	free(lens);
	return names;
}

int gm_gazetteer_export(const gm_gazetteer *g, const char *path, const char *format, gm_error *err)
{
	pthread_once(&gdal_once, register_drivers);
	GDALDriverH drv = GDALGetDriverByName(format ? format : "GPKG");
	if (!drv || !is_writable_vector(drv)) {
		char list[2048];
		gm_output_formats(list, sizeof list);
		return gm__fail(err, GM_EFORMAT, "unknown output format \"%s\"; this GDAL writes: %s", format, list);
	}
	if (strcmp(GDALGetDriverShortName(drv), "ESRI Shapefile") == 0)
		return gm__fail(err, GM_EFORMAT, "export writes one file: use GPKG, GeoJSON or FlatGeobuf, not a Shapefile");
	char tmp[4096];
	const char *slash = strrchr(path, '/');
	int dl = slash ? (int)(slash - path) : 1;
	if (snprintf(tmp, sizeof tmp, "%.*s/.geomention-export-%ld-%s", dl, slash ? path : ".", (long)getpid(),
	             slash ? slash + 1 : path) >= (int)sizeof tmp)
		return gm__fail(err, GM_EINVAL, "path too long: %s", path);
	char **names = names_by_place(g);
	if (!names)
		return gm__fail(err, GM_ENOMEM, "out of memory exporting the gazetteer");
	gdal_log log;
	memset(&log, 0, sizeof log);
	CPLPushErrorHandlerEx(gdal_handler, &log);
	layer_writer w;
	memset(&w, 0, sizeof w);
	w.log = &log;
	int is_geojson = strcmp(GDALGetDriverShortName(drv), "GeoJSON") == 0;
	int rc = open_layer(&w, drv, tmp, "gazetteer", gazetteer_fields, N_GAZETTEER_FIELDS,
	                    is_geojson ? "OGC:CRS84" : "EPSG:4326", is_geojson, err);
	for (uint32_t i = 0; rc == GM_OK && i < g->h->n_places; i++) {
		gm_place p;
		gm_gazetteer_get_place(g, i, &p);
		value v[N_GAZETTEER_FIELDS] = {
			{p.id, 0, 0}, {p.name_ar, 0, 0}, {p.name_en, 0, 0}, {p.country, 0, 0}, {p.admin1, 0, 0},
			{p.feature, 0, 0}, {NULL, p.population, 0}, {names[i] ? names[i] : "", 0, 0},
		};
		rc = write_feature(&w, p.lon, p.lat, v, err);
	}
	int crc = close_layer(&w, rc == GM_OK, err);
	if (rc == GM_OK)
		rc = crc;
	CPLPopErrorHandler();
	for (uint32_t i = 0; i < g->h->n_places; i++)
		free(names[i]);
	free(names);
	if (rc == GM_OK && rename(tmp, path) != 0)
		rc = gm__fail(err, GM_EIO, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
	if (rc != GM_OK)
		unlink(tmp);
	return rc;
}
