/* write.c: the layers (OGR, any vector driver that can create files) and
 * run.json (runjson.c) of a run. Everything is written into a new folder
 * beside the output folder and swapped in as a whole when every file is
 * whole (outdir.h), so a failed or killed run never leaves half a layer, nor
 * a mix of two runs. */
#include "write.h"

#include "acled.h"

#include "crs.h"
#include "error.h"
#include "grow.h"
#include "events.h"
#include "gazetteer.h"
#include "layerfile.h"
#include "layers.h"
#include "outdir.h"
#include "preview.h"
#include "runjson.h"
#include "strbuf.h"
#include "textlayer.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const default_formats[] = {"GeoJSON", "ESRI Shapefile"};

int gm__check_write_options(const gm_write_options *opts, gm_error *err)
{
	const char *const *formats = opts->n_formats ? opts->formats : default_formats;
	size_t nf = opts->n_formats ? opts->n_formats : 2;
	for (size_t i = 0; i < nf; i++) {
		/* (FlatGeobuf on GDAL before 3.6.4 cannot hold a feature without a
		 * place: layerfile.c counts them, run.json says which file lacks them) */
		gm_format f;
		int rc = gm__format_find(&f, formats[i], err);
		if (rc != GM_OK)
			return rc;
	}
	if (opts->t_srs) {
		gm_crs c;
		int rc = gm__crs_open(&c, opts->t_srs, err);
		gm__crs_close(&c);
		if (rc)
			return rc;
	}
	return gm__outdir_check(opts->out_dir, err);
}

/* ----------------------------------------------------------------- writer */

/* The layers written feature by feature while documents are mapped. */
enum { L_MENTIONS, L_DEMONYMS, L_EVENTS, N_STREAMED };

struct gm_writer {
	const gm_gazetteer *gaz;
	gm_write_options opts;
	gm_outdir dir;           /* the new folder (dir.tmp), swapped in by finish */
	int dir_open;
	gm_crs crs;
	int crs_open;
	gm_gdal_log log;
	size_t n_formats;
	gm_format *formats;
	gm_layer_file *layers;    /* n_formats x N_STREAMED; ds NULL where not open */
	int uses_gdal;           /* some layer is written through GDAL: opened, its messages into log */
	FILE *docs;              /* run.json's document entries, one a line */
	gm_textlayer *acled;     /* events.csv, ACLED's shape */
	gm_textlayer *map_events;   /* what map.html shows of each event (GM_MAP_EVENTS), NULL: no map */
	size_t n_acled;
	pthread_mutex_t warn_lock;   /* warnings, from the threads that write places and daily */
	size_t n_docs;
	int finished;
	char warnings[4][320];   /* what a layer file lacks (gm_run_summary's) */
	size_t n_warnings;
};

/* map.html's copy of the events, when there is a map to make (preview.h). */
static int open_map_events(gm_writer *w, gm_error *err)
{
	int geojson = 0;
	for (size_t f = 0; f < w->n_formats; f++)
		geojson |= w->formats[f].own == GM_OWN_GEOJSON;
	return geojson && w->opts.web_dir ? gm__map_events_open(&w->map_events, w->dir.tmp, err) : GM_OK;
}

const char *gm__layer_stem(const char *layer, int is_csv)
{
	return is_csv && !strcmp(layer, "events") ? "events_layer" : layer;
}

/* Where a format's layers go and in which CRS. */
static void layer_crs(const gm_writer *w, const gm_format *fmt, int *use_target, const char **srs_def, int *rfc7946)
{
	int is_geojson = fmt->own == GM_OWN_GEOJSON;
	/* GeoJSON stays WGS 84 lon/lat (RFC 7946) unless the user turned that off */
	*use_target = w->opts.t_srs && !(is_geojson && w->opts.geojson_rfc7946);
	*srs_def = *use_target ? w->opts.t_srs : (is_geojson ? "OGC:CRS84" : "EPSG:4326");
	*rfc7946 = is_geojson && w->opts.geojson_rfc7946;
}

/* lonlat_only: the layer stays WGS 84 lon/lat (daily.csv) */
static int open_named(gm_writer *w, gm_layer_file *lw, gm_format *fmt, const char *name, const gm_field *fields,
                      size_t n_fields, int lonlat_only, gm_error *err)
{
	char file[64], path[4096];
	snprintf(file, sizeof file, "%s.%.40s", gm__layer_stem(name, fmt->own == GM_OWN_CSV), fmt->ext);
	if (gm__path_join(path, sizeof path, w->dir.tmp, file) != 0)
		return gm__fail(err, GM_EIO, "output path too long: %s", w->dir.tmp);
	int use_target, rfc7946;
	const char *srs_def;
	layer_crs(w, fmt, &use_target, &srs_def, &rfc7946);
	if (lonlat_only) {
		/* daily.csv written for dashboards without being asked for: its X and Y
		 * are longitude and latitude, as documented, whatever --t_srs says */
		use_target = 0;
		srs_def = "EPSG:4326";
	}
	memset(lw, 0, sizeof *lw);
	snprintf(lw->file, sizeof lw->file, "%s", file);
	lw->transform = use_target;
	lw->crs = &w->crs;
	lw->log = &w->log;
	int rc = gm__layer_file_open(lw, fmt, path, name, fields, n_fields, srs_def, rfc7946, err);
	if (rc == GM_OK && lw->is_shapefile)
		gm__layer_file_cut_text(lw, w->opts.dbf_snippet < 0 ? 0 : (size_t)w->opts.dbf_snippet,
		                        w->opts.dbf_rule < 0 ? 0 : (size_t)w->opts.dbf_rule);
	return rc;
}

/* A layer file closed: what it could not hold is said in run.json and the
 * summary, never left unsaid. */
static void note_dropped(gm_writer *w, gm_layer_file *lw)
{
	if (!lw->n_dropped)
		return;
	pthread_mutex_lock(&w->warn_lock);
	if (w->n_warnings < sizeof w->warnings / sizeof *w->warnings)
		snprintf(w->warnings[w->n_warnings++], sizeof w->warnings[0],
	         "%s lacks %zu feature%s without a place: GDAL %s writes no FlatGeobuf feature without geometry "
	         "(fixed in GDAL 3.6.4); every other format has them",
	         lw->file, lw->n_dropped, lw->n_dropped == 1 ? "" : "s", GDALVersionInfo("RELEASE_NAME"));
	pthread_mutex_unlock(&w->warn_lock);
	lw->n_dropped = 0;   /* said once */
}

static const char *const *formats_of(const gm_write_options *o, size_t *n)
{
	*n = o->n_formats ? o->n_formats : 2;
	return o->n_formats ? o->formats : default_formats;
}

int gm__writer_open(gm_writer **out, const gm_gazetteer *gaz, const gm_write_options *opts, gm_error *err)
{
	*out = NULL;
	int rc = gm__check_write_options(opts, err);
	if (rc)
		return rc;
	gm_writer *w = calloc(1, sizeof *w);
	size_t nf;
	const char *const *formats = formats_of(opts, &nf);
	if (w) {
		pthread_mutex_init(&w->warn_lock, NULL);
		w->formats = calloc(nf, sizeof *w->formats);
		w->layers = calloc(nf * N_STREAMED, sizeof *w->layers);
	}
	if (!w || !w->formats || !w->layers) {
		gm__writer_free(w);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	w->gaz = gaz;
	w->opts = *opts;
	w->n_formats = nf;
	/* GDAL opened only for a format that needs it (gdalapi.h): a run of
	 * our own formats never loads it */
	for (size_t f = 0; f < nf && rc == GM_OK; f++) {
		int use_target, rfc7946;
		const char *srs_def;
		rc = gm__format_find(&w->formats[f], formats[f], err);
		layer_crs(w, &w->formats[f], &use_target, &srs_def, &rfc7946);
		w->uses_gdal |= rc == GM_OK && gm__format_needs_gdal(&w->formats[f], srs_def, rfc7946);
	}
	if (rc == GM_OK && w->uses_gdal)
		rc = gm__gdal_load(err);
	if (rc != GM_OK) {
		gm__writer_free(w);
		return rc;
	}
	if ((rc = gm__outdir_open(&w->dir, opts->out_dir, err)) != GM_OK) {
		gm__writer_free(w);
		return rc;
	}
	w->dir_open = 1;
	rc = gm__crs_open(&w->crs, opts->t_srs, err);
	w->crs_open = rc == GM_OK;
	if (w->uses_gdal)
		CPLPushErrorHandlerEx(gm__gdal_log_handler, &w->log);
	for (size_t f = 0; f < nf && rc == GM_OK; f++) {
		gm_layer_file *lw = &w->layers[f * N_STREAMED];
		gm_format *fmt = &w->formats[f];
		rc = open_named(w, &lw[L_MENTIONS], fmt, "mentions", gm__mention_fields, gm__n_mention_fields, 0, err);
		if (rc == GM_OK && opts->demonyms)
			rc = open_named(w, &lw[L_DEMONYMS], fmt, "demonyms", gm__mention_fields, gm__n_mention_fields, 0, err);
		if (rc == GM_OK)
			rc = open_named(w, &lw[L_EVENTS], fmt, "events", gm__event_fields, gm__n_event_fields, 0, err);
	}
	if (w->uses_gdal)
		CPLPopErrorHandler();
	char p[4096];
	if (rc == GM_OK && (gm__path_join(p, sizeof p, w->dir.tmp, ".documents") != 0 || !(w->docs = fopen(p, "w+"))))
		rc = gm__fail(err, GM_EIO, "cannot write in %s: %s", w->dir.tmp, strerror(errno));
	if (rc == GM_OK)
		rc = open_map_events(w, err);
	if (rc == GM_OK)
		rc = gm__path_join(p, sizeof p, w->dir.tmp, GM_ACLED_CSV) != 0
		             ? gm__fail(err, GM_EIO, "output path too long: %s", w->dir.tmp)
		             : gm__textlayer_create(&w->acled, GM_TEXT_TABLE, p, "events", gm__acled_fields,
		                                    GM_ACLED_N_COLUMNS, err);
	if (rc != GM_OK) {
		gm__writer_free(w);
		return rc;
	}
	*out = w;
	return GM_OK;
}

int gm__writer_mention(gm_writer *w, const gm_mention_rec *m, int demonym, gm_error *err)
{
	gm_value v[GM_MAX_FIELDS];
	gm_place p;
	gm__mention_values(w->gaz, m, v, &p);
	int rc = GM_OK;
	if (w->uses_gdal)   /* GDAL's messages go to the run's log, not to stderr */
		CPLPushErrorHandlerEx(gm__gdal_log_handler, &w->log);
	for (size_t f = 0; f < w->n_formats && rc == GM_OK; f++)
		rc = gm__layer_file_feature(&w->layers[f * N_STREAMED + (demonym ? L_DEMONYMS : L_MENTIONS)], p.lon, p.lat, v, err);
	if (w->uses_gdal)
		CPLPopErrorHandler();
	return rc;
}

int gm__writer_event(gm_writer *w, const gm_event_rec *e, gm_error *err)
{
	gm_value v[GM_MAX_FIELDS];
	gm_place p;
	double lon, lat;
	gm__event_values(w->gaz, e, v, &p, &lon, &lat);
	int rc = GM_OK;
	if (w->uses_gdal)
		CPLPushErrorHandlerEx(gm__gdal_log_handler, &w->log);
	for (size_t f = 0; f < w->n_formats && rc == GM_OK; f++)
		rc = gm__layer_file_feature(&w->layers[f * N_STREAMED + L_EVENTS], lon, lat, v, err);
	if (w->uses_gdal)
		CPLPopErrorHandler();
	if (rc == GM_OK && w->map_events)
		rc = gm__map_events_feature(w->map_events, lon, lat, v, err);
	if (rc == GM_OK && gm__acled_listed(e)) {
		gm_value av[GM_ACLED_N_COLUMNS];
		char scratch[GM_ACLED_SCRATCH];
		gm__acled_values(w->gaz, e, av, scratch, sizeof scratch);
		rc = gm__textlayer_feature(w->acled, NAN, NAN, av, err);
		w->n_acled++;
	}
	return rc;
}

int gm__writer_doc(gm_writer *w, const gm_doc_rec *d, gm_error *err)
{
	fputc('{', w->docs);
	gm__write_doc_members(w->docs, d, "id");
	if (fputs("}\n", w->docs) == EOF || ferror(w->docs))
		return gm__fail(err, GM_EIO, "cannot write in %s: %s", w->dir.tmp, strerror(errno));
	w->n_docs++;
	return GM_OK;
}

/* The run's sums in layer order, for every format's places and daily layers. */
typedef struct sums_in_order {
	const gm_aggregates *r;
	const gm_place_agg **places;
	size_t n_places;
	const gm_daily_cell **cells;
} sums_in_order;

static int write_places(gm_writer *w, const sums_in_order *o, gm_layer_file *lw, gm_error *err)
{
	int rc = GM_OK;
	for (size_t i = 0; i < o->n_places && rc == GM_OK; i++) {
		gm_value v[GM_MAX_FIELDS];
		gm_place p;
		char first[11], last[11];
		gm__place_values(w->gaz, o->places[i], v, &p, first, last);
		rc = gm__layer_file_feature(lw, p.lon, p.lat, v, err);
	}
	return rc;
}

static int write_daily(gm_writer *w, const sums_in_order *o, gm_layer_file *lw, gm_error *err)
{
	int rc = GM_OK;
	for (size_t i = 0; i < o->r->n_cells && rc == GM_OK; i++) {
		gm_value v[GM_MAX_FIELDS];
		gm_place p;
		char date[11];
		double lon, lat;
		gm__daily_values(w->gaz, o->cells[i], gm__cell_types(o->r, o->cells[i]), v, &p, date, &lon, &lat);
		rc = gm__layer_file_feature(lw, lon, lat, v, err);
	}
	return rc;
}

/* The places and daily layers of one format (only daily: the CSV every run
 * gets, lon/lat whatever the CRS). */
static int write_aggregates(gm_writer *w, const sums_in_order *o, gm_format *fmt, int only_daily, gm_error *err)
{
	int rc = GM_OK;
	for (int which = only_daily; which < 2 && rc == GM_OK; which++) {
		gm_layer_file lw;
		rc = which ? open_named(w, &lw, fmt, "daily", gm__daily_fields, gm__n_daily_fields, only_daily, err)
		           : open_named(w, &lw, fmt, "places", gm__place_fields, gm__n_place_fields, 0, err);
		if (rc == GM_OK && which)   /* most days see no event of most types */
			gm__layer_file_zeros_left_out(&lw, GM_DAILY_FIRST_TYPE);
		if (rc == GM_OK)
			rc = which ? write_daily(w, o, &lw, err) : write_places(w, o, &lw, err);
		note_dropped(w, &lw);
		int crc = gm__layer_file_close(&lw, rc == GM_OK, err);
		if (rc == GM_OK)
			rc = crc;
	}
	return rc;
}

/* ------------------------------------------------------------- the whole run */

/* The places and daily layers, a format each: on up to opts.jobs threads
 * where the format is ours and its points need no CRS transformation (a
 * file each, written as one thread would: the same bytes), on the calling
 * thread where GDAL or PROJ writes them (neither is shared between
 * threads here). They were a twentieth of a 20 MB run's instructions, all
 * after the mapping had ended (#17). */
typedef struct sums_task {
	gm_writer *w;
	const sums_in_order *o;
	gm_format *fmt;
	int only_daily, threaded;
	int rc;
	gm_error err;
} sums_task;

typedef struct sums_tasks {
	sums_task *t;
	size_t n;
	pthread_mutex_t lock;
	size_t next;   /* the next threaded task to take */
} sums_tasks;

static void *run_sums_tasks(void *arg)
{
	sums_tasks *q = arg;
	for (;;) {
		pthread_mutex_lock(&q->lock);
		while (q->next < q->n && !q->t[q->next].threaded)
			q->next++;
		size_t i = q->next < q->n ? q->next++ : q->n;
		pthread_mutex_unlock(&q->lock);
		if (i == q->n)
			return NULL;
		sums_task *t = &q->t[i];
		t->rc = write_aggregates(t->w, t->o, t->fmt, t->only_daily, &t->err);
	}
}

static int write_sums(gm_writer *w, const gm_aggregates *r, gm_error *err)
{
	sums_in_order o = {r, NULL, 0, NULL};
	o.places = gm__places_in_order(r, &o.n_places);
	o.cells = gm__cells_in_order(r);
	gm_format csv;
	sums_task *t = calloc(w->n_formats + 1, sizeof *t);
	pthread_t *th = calloc(w->n_formats + 1, sizeof *th);
	size_t n = 0;
	int rc = o.places && o.cells && t && th ? GM_OK : gm__fail(err, GM_ENOMEM, "out of memory");
	int csv_asked = 0;
	for (size_t f = 0; rc == GM_OK && f < w->n_formats; f++) {
		csv_asked |= w->formats[f].own == GM_OWN_CSV;
		t[n++] = (sums_task){w, &o, &w->formats[f], 0, 0, GM_OK, {0, ""}};
	}
	/* dashboards read the daily counts as CSV whatever else was asked for */
	if (rc == GM_OK && !csv_asked && (rc = gm__format_find(&csv, "CSV", err)) == GM_OK)
		t[n++] = (sums_task){w, &o, &csv, 1, 0, GM_OK, {0, ""}};
	size_t n_threaded = 0;
	for (size_t i = 0; i < n; i++) {
		int use_target, rfc7946;
		const char *srs_def;
		layer_crs(w, t[i].fmt, &use_target, &srs_def, &rfc7946);
		use_target &= !t[i].only_daily;   /* (daily.csv of its own stays lon/lat) */
		t[i].threaded = t[i].fmt->own != GM_OWN_NONE && !use_target && !gm__format_needs_gdal(t[i].fmt, srs_def, rfc7946);
		n_threaded += (size_t)t[i].threaded;
	}
	int jobs = w->opts.jobs;
	sums_tasks q = {t, n, PTHREAD_MUTEX_INITIALIZER, 0};
	size_t started = 0;
	/* the threaded tasks on jobs - 1 threads and this one, which then
	 * writes the rest (GDAL's error handler is per thread: it is pushed on
	 * this one) */
	for (size_t k = 1; rc == GM_OK && k < (size_t)jobs && k < n_threaded; k++)
		if (pthread_create(&th[started], NULL, run_sums_tasks, &q) == 0)
			started++;
	if (rc == GM_OK)
		run_sums_tasks(&q);
	for (size_t k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	for (size_t i = 0, failed = 0; rc == GM_OK && i < n && !failed; i++)
		if (!t[i].threaded)
			failed = (t[i].rc = write_aggregates(w, &o, t[i].fmt, t[i].only_daily, &t[i].err)) != GM_OK;
	/* the first failure in the formats' order, as one thread would have stopped at */
	for (size_t i = 0; rc == GM_OK && i < n; i++)
		if (t[i].rc != GM_OK) {
			if (err)
				*err = t[i].err;
			rc = t[i].rc;
		}
	pthread_mutex_destroy(&q.lock);
	free(t);
	free(th);
	free(o.places);
	free(o.cells);
	return rc;
}

/* What preview.c needs of the writer. */
static gm_preview_ctx preview_ctx(const gm_writer *w)
{
	gm_preview_ctx c = {&w->opts, w->dir.tmp, w->gaz, 0, 0, 0, 0};
	for (size_t f = 0; f < w->n_formats; f++) {
		const char *name = w->formats[f].name;
		c.gpkg |= !strcmp(name, "GPKG");
		c.geojson |= !strcmp(name, "GeoJSON");
		c.files |= strcmp(name, "GPKG") != 0;
		c.csv |= !strcmp(name, "CSV");
	}
	return c;
}

/* GeoPackage is one file with every layer, as QGIS users expect (#18):
 * gathered (layerfile.c) in the order places, mentions, events, daily,
 * demonyms, with the layers' styles. */
static int one_geopackage(gm_writer *w, gm_format *fmt, gm_error *err)
{
	static const char *const order[] = {"places", "mentions", "events", "daily", "demonyms"};
	GDALDatasetH out = NULL;
	int rc = gm__format_driver(fmt, err);
	if (rc == GM_OK)
		rc = gm__layer_files_gather(w->dir.tmp, GM_GEOPACKAGE, fmt->drv, order, sizeof order / sizeof *order, &w->log,
	                                &out, err);
	if (rc == GM_OK) {
		gm_preview_ctx pc = preview_ctx(w);
		rc = gm__preview_gpkg_styles(&pc, out, err);
	}
	if (out)
		GDALClose(out);
	return rc;
}

static int close_streamed(gm_writer *w, int ok, gm_error *err)
{
	int rc = GM_OK;
	for (size_t i = 0; w->layers && i < w->n_formats * N_STREAMED; i++) {
		note_dropped(w, &w->layers[i]);
		int crc = gm__layer_file_close(&w->layers[i], ok && rc == GM_OK, err);
		if (rc == GM_OK)
			rc = crc;
	}
	return rc;
}

/* Every layer file: the streamed ones closed, places and daily in each
 * format (daily.csv always), the GeoPackage made one file, and what is for
 * looking at: styles, the QGIS project, map.html, map.svg. */
static int write_layers(gm_writer *w, const gm_aggregates *r, gm_error *err)
{
	int rc = close_streamed(w, 1, err);
	int arc = gm__textlayer_close(w->acled, 1, err);
	w->acled = NULL;
	if (rc == GM_OK)
		rc = arc;
	int mrc = gm__textlayer_close(w->map_events, 1, err);
	w->map_events = NULL;
	if (rc == GM_OK)
		rc = mrc;
	if (rc == GM_OK)
		rc = write_sums(w, r, err);
	for (size_t f = 0; f < w->n_formats && rc == GM_OK; f++)
		if (!strcmp(w->formats[f].name, "GPKG"))
			rc = one_geopackage(w, &w->formats[f], err);
	gm_preview_ctx pc = preview_ctx(w);
	if (rc == GM_OK)
		rc = gm__preview_styles(&pc, err);
	if (rc == GM_OK)
		rc = gm__preview_map_html(&pc, err);
	char p[4096];
	if (gm__path_join(p, sizeof p, w->dir.tmp, GM_MAP_EVENTS) == 0)
		unlink(p);   /* (in the page now, or no page: never in the folder) */
	if (rc == GM_OK)
		rc = gm__preview_project(&pc, err);
	if (rc == GM_OK)
		rc = gm__preview_map_svg(&pc, r, err);
	return rc;
}

/* run.json, listing the files written (the summary the first 32). */
static int finish_run_json(gm_writer *w, const gm_aggregates *r, gm_run_summary *summary, char **names,
                           size_t n_names, gm_error *err)
{
	summary->n_files_total = n_names + 1;
	for (size_t i = 0; i < n_names && summary->n_files < 31; i++)
		snprintf(summary->files[summary->n_files++], sizeof summary->files[0], "%s", names[i]);
	snprintf(summary->files[summary->n_files++], sizeof summary->files[0], "run.json");
	memcpy(summary->warnings, w->warnings, sizeof summary->warnings);
	summary->n_warnings = w->n_warnings;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double secs = (double)(now.tv_sec - r->started.tv_sec) + (double)(now.tv_nsec - r->started.tv_nsec) / 1e9;
	char p[4096];
	if (gm__path_join(p, sizeof p, w->dir.tmp, "run.json") != 0)
		return gm__fail(err, GM_EIO, "cannot write run.json in %s: the path is too long", w->dir.tmp);
	gm_runjson j = {w->gaz, w->opts.options_json, secs, r->n_inputs, summary, w->n_acled, (const char *const *)names,
	                n_names, w->docs, w->n_docs};
	return gm__runjson_write(p, &j, err);
}

int gm__writer_finish(gm_writer *w, const gm_aggregates *r, gm_run_summary *summary, gm_error *err)
{
	gm_run_summary local;
	if (!summary)
		summary = &local;
	gm__summary_counts(r, summary);
	if (w->uses_gdal)
		CPLPushErrorHandlerEx(gm__gdal_log_handler, &w->log);
	int rc = write_layers(w, r, err);
	if (w->uses_gdal)
		CPLPopErrorHandler();
	/* what is in the new folder is the set of files written (run.json lists
	 * them all) */
	char **names = NULL;
	size_t n_names = 0;
	if (rc == GM_OK)
		rc = gm__outdir_files(&w->dir, &names, &n_names, err);
	if (rc == GM_OK)
		rc = finish_run_json(w, r, summary, names, n_names, err);
	for (size_t i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
	/* every file is whole: the scratch list of documents goes, and the new
	 * folder replaces the output folder in one rename */
	if (rc == GM_OK) {
		char p[4096];
		if (w->docs)
			fclose(w->docs);
		w->docs = NULL;
		if (gm__path_join(p, sizeof p, w->dir.tmp, ".documents") == 0)
			unlink(p);
		rc = gm__outdir_commit(&w->dir, err);
	}
	w->finished = rc == GM_OK;
	return rc;
}

void gm__writer_free(gm_writer *w)
{
	if (!w)
		return;
	gm_error ignored;
	if (w->uses_gdal && gm__gdal_loaded())
		CPLPushErrorHandlerEx(gm__gdal_log_handler, &w->log);
	close_streamed(w, 0, &ignored);
	if (w->uses_gdal && gm__gdal_loaded())
		CPLPopErrorHandler();
	gm__textlayer_close(w->acled, 0, &ignored);
	gm__textlayer_close(w->map_events, 0, &ignored);
	if (w->docs)
		fclose(w->docs);
	if (w->crs_open)
		gm__crs_close(&w->crs);
	/* not finished: nothing of the new folder may stay, the lock goes */
	if (w->dir_open)
		gm__outdir_abandon(&w->dir);
	pthread_mutex_destroy(&w->warn_lock);
	free(w->formats);
	free(w->layers);
	free(w);
}
