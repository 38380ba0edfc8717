/* preview.c: what a run writes for looking at (see preview.h). */
#include "preview.h"

#include "error.h"
#include "events.h"
#include "gazetteer.h"
#include "strbuf.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A whole file, NUL-terminated, malloc'd (*len its bytes); NULL when unreadable. */
static char *slurp_path(const char *p, size_t *len)
{
	FILE *f = fopen(p, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, 4096, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* The QGIS style of a layer (styles_dir/LAYER.qml), malloc'd; NULL when none. */
static char *style_of(const gm_preview_ctx *c, const char *layer)
{
	if (!c->opts->styles_dir)
		return NULL;
	char p[4200];
	snprintf(p, sizeof p, "%s/%s.qml", c->opts->styles_dir, layer);
	return slurp_path(p, NULL);
}

/* Text put inside a <script> or <style>: "</" written "<\/", which JSON and
 * JavaScript read the same and which cannot end the element early. */
static int put_inline(FILE *f, const char *s, size_t n)
{
	/* the runs between one "</" and the next, a write each (the layers
	 * inlined are megabytes, with hardly a "</" in them) */
	size_t from = 0;
	for (const char *lt = memchr(s, '<', n); lt; lt = memchr(lt + 1, '<', n - (size_t)(lt + 1 - s))) {
		size_t i = (size_t)(lt - s);
		if (i + 1 >= n || s[i + 1] != '/')
			continue;
		if (fwrite(s + from, 1, i - from, f) != i - from || fputs("<\\/", f) < 0)
			return -1;
		from = i + 2;
		if (from >= n)
			break;
		lt = s + i + 1;
	}
	return fwrite(s + from, 1, n - from, f) == n - from ? 0 : -1;
}

/* The bytes of file path into f as put_inline writes them, a chunk at a
 * time: the layers grow with the run, and no copy of them is held in memory
 * (a "<" that ends a chunk waits for the next one's first byte). -1 when the
 * file cannot be read or f written. */
static int put_inline_file(FILE *f, const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return -1;
	char buf[65536];
	int rc = 0, held = 0;
	size_t got;
	while (rc == 0 && (got = fread(buf, 1, sizeof buf, in)) > 0) {
		size_t i = 0, n = got;
		if (held) {
			held = 0;
			if (buf[0] == '/') {
				rc = fputs("<\\/", f) < 0 ? -1 : 0;
				i = 1;
			} else {
				rc = fputc('<', f) == EOF ? -1 : 0;
			}
		}
		if (rc == 0 && n > i && buf[n - 1] == '<') {
			held = 1;
			n--;
		}
		if (rc == 0 && n > i)
			rc = put_inline(f, buf + i, n - i);
	}
	if (rc == 0 && held)
		rc = fputc('<', f) == EOF ? -1 : 0;
	if (ferror(in))
		rc = -1;
	fclose(in);
	return rc;
}

/* map.html (#18): the run's places and events on one page with Leaflet
 * inlined, to look at without QGIS and without network. Written when the
 * layers include GeoJSON (the page inlines places.geojson and what it shows of
 * the events, GM_MAP_EVENTS)
 * and the web assets are there (gm_write_options.web_dir: the template and
 * Leaflet, which the build fetches); a run of more than GM_MAP_HTML_MAX bytes
 * of GeoJSON gets none (a browser would not hold it), which run.json shows by
 * its absence from files. */
static const gm_field map_event_fields[] = {
	{"type", GM_F_STR, 20}, {"date", GM_F_DATE, 0}, {"name_en", GM_F_STR, GM_DBF_BYTES},
	{"fatalities", GM_F_INT, 10}, {"snippet", GM_F_STR, GM_DBF_BYTES},
};
#define N_MAP_FIELDS (sizeof map_event_fields / sizeof *map_event_fields)

/* Where each of them stands in gm__event_fields: found once, the tables
 * being constant. */
static int map_field_at[N_MAP_FIELDS];
static pthread_once_t map_fields_once = PTHREAD_ONCE_INIT;
static void find_map_fields(void)
{
	for (size_t k = 0; k < N_MAP_FIELDS; k++)
		for (size_t i = 0; i < gm__n_event_fields; i++)
			if (!strcmp(gm__event_fields[i].name, map_event_fields[k].name))
				map_field_at[k] = (int)i;
}

int gm__map_events_open(gm_textlayer **out, const char *dir, gm_error *err)
{
	char p[4400];
	if (gm__path_join(p, sizeof p, dir, GM_MAP_EVENTS) != 0)
		return gm__fail(err, GM_EIO, "output path too long: %s", dir);
	return gm__textlayer_create(out, GM_TEXT_GEOJSON, p, "events", map_event_fields, N_MAP_FIELDS, err);
}

int gm__map_events_feature(gm_textlayer *t, double lon, double lat, const gm_value *event, gm_error *err)
{
	pthread_once(&map_fields_once, find_map_fields);
	gm_value v[N_MAP_FIELDS];
	for (size_t k = 0; k < N_MAP_FIELDS; k++)
		v[k] = event[map_field_at[k]];
	return gm__textlayer_feature(t, lon, lat, v, err);
}

#define GM_MAP_HTML_MAX (64u << 20)
int gm__preview_map_html(const gm_preview_ctx *c, gm_error *err)
{
	if (!c->opts->web_dir)
		return GM_OK;
	static const char *const marks[] = {"/*GM:LEAFLET_CSS*/", "/*GM:LEAFLET_JS*/", "/*GM:LEAFLET_LICENSE*/",
	                                    "/*GM:PLACES*/", "/*GM:EVENTS*/"};
	char *part[5] = {0}, *tpl = NULL;
	size_t plen[5] = {0}, tlen = 0;
	char p[4400];
	snprintf(p, sizeof p, "%s/map.html", c->opts->web_dir);
	tpl = slurp_path(p, &tlen);
	const char *web[3] = {"leaflet.css", "leaflet.js", "LICENSE"};
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", c->opts->web_dir, web[i]);
		part[i] = slurp_path(p, &plen[i]);
	}
	/* (the layers are copied from their files as the page is written) */
	const char *data[2] = {"places.geojson", "events.geojson"};
	char data_path[2][4400];
	int rc = GM_OK, ready = tpl != NULL;
	struct stat st;
	if (gm__path_join(data_path[1], sizeof data_path[1], c->dir, GM_MAP_EVENTS) == 0 && stat(data_path[1], &st) == 0)
		data[1] = GM_MAP_EVENTS;
	for (int i = 0; i < 2; i++) {
		ready &= gm__path_join(data_path[i], sizeof data_path[i], c->dir, data[i]) == 0 && stat(data_path[i], &st) == 0;
		plen[3 + i] = ready ? (size_t)st.st_size : 0;
	}
	for (int i = 0; i < 3; i++)
		ready &= part[i] != NULL;
	if (ready && plen[3] + plen[4] <= GM_MAP_HTML_MAX) {
		FILE *f = gm__path_join(p, sizeof p, c->dir, "map.html") == 0 ? fopen(p, "wb") : NULL;
		int bad = !f;
		const char *at = tpl;
		while (!bad) {
			const char *next = NULL;
			int which = -1;
			for (int i = 0; i < 5; i++) {
				const char *m = strstr(at, marks[i]);
				if (m && (!next || m < next))
					next = m, which = i;
			}
			if (!next) {
				bad = fputs(at, f) < 0;
				break;
			}
			bad = fwrite(at, 1, (size_t)(next - at), f) != (size_t)(next - at) ||
			      (which < 3 ? put_inline(f, part[which], plen[which]) : put_inline_file(f, data_path[which - 3])) != 0;
			at = next + strlen(marks[which]);
		}
		if (f && fclose(f) != 0)
			bad = 1;
		if (bad)
			rc = gm__fail(err, GM_EIO, "cannot write %s: %s", p, strerror(errno));
	}
	free(tpl);
	for (int i = 0; i < 5; i++)
		free(part[i]);
	return rc;
}

static const char *const styled_layers[] = {"places", "mentions", "events", "daily", "demonyms"};

/* QGIS opens LAYER.qml beside a file-based layer as its style (#18): one
 * beside each layer written (places.qml serves places.shp and places.geojson). */
int gm__preview_styles(const gm_preview_ctx *c, gm_error *err)
{
	for (size_t i = 0; i < sizeof styled_layers / sizeof *styled_layers; i++) {
		if (!strcmp(styled_layers[i], "demonyms") && !c->opts->demonyms)
			continue;
		char *qml = c->files ? style_of(c, styled_layers[i]) : NULL;
		if (!qml)
			continue;
		/* the CSV events layer's own name (events.csv is ACLED's table) */
		int twice = c->csv && !strcmp(styled_layers[i], "events");
		int bad = 0;
		char p[4096];
		for (int k = 0; k <= twice && !bad; k++) {
			char file[64];
			snprintf(file, sizeof file, "%s.qml", k ? "events_layer" : styled_layers[i]);
			FILE *o = gm__path_join(p, sizeof p, c->dir, file) == 0 ? fopen(p, "wb") : NULL;
			bad = !o || fputs(qml, o) < 0;
			if (o && fclose(o) != 0)
				bad = 1;
		}
		free(qml);
		if (bad)
			return gm__fail(err, GM_EIO, "cannot write %s: %s", p, strerror(errno));
	}
	return GM_OK;
}

/* geomention.qgs (#18): a QGIS project opening every layer of the folder
 * styled, its paths relative to itself (scripts/make-styles makes one for
 * the GeoPackage and one for GeoJSON layers); the GeoPackage's when it was
 * written, else the GeoJSON one's, else none. */
int gm__preview_project(const gm_preview_ctx *c, gm_error *err)
{
	if (!c->opts->styles_dir)
		return GM_OK;
	int gpkg = c->gpkg, geojson = c->geojson;
	if (!gpkg && !geojson)
		return GM_OK;
	char p[4400];
	snprintf(p, sizeof p, "%s/geomention-%s.qgs", c->opts->styles_dir, gpkg ? "gpkg" : "geojson");
	size_t n;
	char *qgs = slurp_path(p, &n);
	if (!qgs)
		return GM_OK;
	FILE *o = gm__path_join(p, sizeof p, c->dir, "geomention.qgs") == 0 ? fopen(p, "wb") : NULL;
	int bad = !o || fwrite(qgs, 1, n, o) != n;
	if (o && fclose(o) != 0)
		bad = 1;
	free(qgs);
	return bad ? gm__fail(err, GM_EIO, "cannot write %s: %s", p, strerror(errno)) : GM_OK;
}

/* The GeoPackage's styles: QGIS reads a layer's default style from the
 * layer_styles table. */
int gm__preview_gpkg_styles(const gm_preview_ctx *c, GDALDatasetH ds, gm_error *err)
{
	int rc = GM_OK, table = 0;
	for (size_t i = 0; i < sizeof styled_layers / sizeof *styled_layers && rc == GM_OK; i++) {
		if (!GDALDatasetGetLayerByName(ds, styled_layers[i]))
			continue;
		char *qml = style_of(c, styled_layers[i]);
		if (!qml)
			continue;
		if (!table) {
			OGRLayerH r = GDALDatasetExecuteSQL(
			        ds,
			        "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), "
			        "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
			        "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
			        "update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
			        NULL, NULL);
			if (r)
				GDALDatasetReleaseResultSet(ds, r);
			table = 1;
		}
		/* SQL text: every ' doubled */
		size_t q = 0, len = strlen(qml);
		for (size_t k = 0; k < len; k++)
			q += qml[k] == '\'';
		char *sql = malloc(len + q + 512);
		if (!sql) {
			free(qml);
			return gm__fail(err, GM_ENOMEM, "out of memory");
		}
		size_t o = (size_t)sprintf(sql,
		                           "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
		                           "f_geometry_column, styleName, styleQML, useAsDefault, description) VALUES "
		                           "('', '', '%s', 'geom', '%s', '",
		                           styled_layers[i], styled_layers[i]);
		for (size_t k = 0; k < len; k++) {
			sql[o++] = qml[k];
			if (qml[k] == '\'')
				sql[o++] = '\'';
		}
		strcpy(sql + o, "', 1, 'geomention')");
		CPLErrorReset();
		OGRLayerH r = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
		if (r)
			GDALDatasetReleaseResultSet(ds, r);
		if (CPLGetLastErrorType() >= CE_Failure)
			rc = gm__fail(err, GM_EGDAL, "GPKG: cannot store the style of %s: %s", styled_layers[i],
			              CPLGetLastErrorMsg());
		free(sql);
		free(qml);
	}
	return rc;
}

