/* preview.c: what a run writes for looking at (see preview.h). */
#include "preview.h"

#include "error.h"
#include "events.h"
#include "gazetteer.h"

#include <cpl_error.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int join_path(char *out, size_t cap, const char *dir, const char *name)
{
	return snprintf(out, cap, "%s/%s", dir, name) < (int)cap ? 0 : -1;
}

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
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '<' && i + 1 < n && s[i + 1] == '/') {
			if (fputs("<\\/", f) < 0)
				return -1;
			i++;
			continue;
		}
		if (fputc(s[i], f) == EOF)
			return -1;
	}
	return 0;
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
	if (join_path(p, sizeof p, dir, GM_MAP_EVENTS) != 0)
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
	if (join_path(data_path[1], sizeof data_path[1], c->dir, GM_MAP_EVENTS) == 0 && stat(data_path[1], &st) == 0)
		data[1] = GM_MAP_EVENTS;
	for (int i = 0; i < 2; i++) {
		ready &= join_path(data_path[i], sizeof data_path[i], c->dir, data[i]) == 0 && stat(data_path[i], &st) == 0;
		plen[3 + i] = ready ? (size_t)st.st_size : 0;
	}
	for (int i = 0; i < 3; i++)
		ready &= part[i] != NULL;
	if (ready && plen[3] + plen[4] <= GM_MAP_HTML_MAX) {
		FILE *f = join_path(p, sizeof p, c->dir, "map.html") == 0 ? fopen(p, "wb") : NULL;
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
			FILE *o = join_path(p, sizeof p, c->dir, file) == 0 ? fopen(p, "wb") : NULL;
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

/* map.svg (#18): a static overview for reports and e-mail, written directly:
 * the places on an equirectangular grid around them, circles sized by
 * mentions, ringed in the colour of the event type most told there, the most
 * mentioned named in Arabic, a legend and a title. */
static const struct {
	const char *type, *colour;
} svg_colours[] = {{"shelling", "#e41a1c"}, {"air_strike", "#984ea3"}, {"armed_clash", "#ff7f00"},
                   {"territory_change", "#a65628"}, {"explosion", "#f781bf"}, {"protest", "#377eb8"},
                   {"agreement", "#4daf4a"}, {"mobilization", "#999999"}, {"displacement", "#ffd92f"},
                   {"blockade", "#66c2a5"}, {"diplomacy", "#8da0cb"}, {"arrests", "#1b9e77"},
                   {"abduction", "#d95f02"}, {"property_destruction", "#7570b3"}, {"disaster", "#1f78b4"},
                   {"chemical", "#66a61e"}, {"sexual_violence", "#e7298a"}, {"mob_violence", "#a6761d"},
                   {"group_change", "#666666"}, {"disrupted_weapons", "#e6ab02"}};
_Static_assert(sizeof svg_colours / sizeof *svg_colours == GM_EV_N - 1, "a colour per event type");

static void svg_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* The event types told at each place of order (n of them), from the daily
 * cells: by_type[k * (GM_EV_N - 1) + t] (malloc'd; NULL when out of memory).
 * A place's position is found through an index by place, not by a scan. */
static uint32_t *types_by_place(const gm_preview_ctx *c, const gm_aggregates *r, const gm_place_agg **order, size_t n)
{
	uint32_t *by_type = calloc((r->n_places ? r->n_places : 1) * (GM_EV_N - 1), sizeof *by_type);
	uint32_t n_gaz = gm_gazetteer_place_count(c->gaz);
	uint32_t *pos = calloc(n_gaz ? n_gaz : 1, sizeof *pos);
	if (!by_type || !pos) {
		free(by_type);
		free(pos);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (order[i]->place < n_gaz)
			pos[order[i]->place] = (uint32_t)i + 1;
	for (size_t k = 0; k < r->n_cells; k++) {
		uint32_t pl = r->cells[k].place;
		if (pl >= n_gaz || !pos[pl])
			continue;
		for (int t = 0; t < GM_EV_N - 1; t++)
			by_type[(pos[pl] - 1) * (GM_EV_N - 1) + t] += r->cells[k].per_type[t];
	}
	free(pos);
	return by_type;
}

/* The map's frame: the places' extent padded, one scale for both axes. */
typedef struct svg_view {
	double lon0, lon1, lat0, lat1, s;
} svg_view;
#define SVG_W 960.0
#define SVG_H 600.0
#define SVG_TOP 40.0

static svg_view view_of(const gm_preview_ctx *c, const gm_place_agg **order, size_t n)
{
	svg_view v = {180, -180, 90, -90, 0};
	for (size_t i = 0; i < n; i++) {
		gm_place p;
		gm_gazetteer_get_place(c->gaz, order[i]->place, &p);
		v.lon0 = p.lon < v.lon0 ? p.lon : v.lon0, v.lon1 = p.lon > v.lon1 ? p.lon : v.lon1;
		v.lat0 = p.lat < v.lat0 ? p.lat : v.lat0, v.lat1 = p.lat > v.lat1 ? p.lat : v.lat1;
	}
	if (!n)
		v.lon0 = -20, v.lon1 = 80, v.lat0 = 0, v.lat1 = 50;
	double pad = 1 + 0.08 * ((v.lon1 - v.lon0) > (v.lat1 - v.lat0) ? v.lon1 - v.lon0 : v.lat1 - v.lat0);
	v.lon0 -= pad, v.lon1 += pad, v.lat0 -= pad, v.lat1 += pad;
	double sx = SVG_W / (v.lon1 - v.lon0), sy = (SVG_H - SVG_TOP) / (v.lat1 - v.lat0);
	v.s = sx < sy ? sx : sy;
	return v;
}

/* The background and the graticule, every 1, 5 or 10 degrees as the extent asks. */
static void svg_frame(FILE *f, const svg_view *v)
{
	const double W = SVG_W, H = SVG_H, top = SVG_TOP, s = v->s;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
	           "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\">\n<rect width=\"100%%\" "
	           "height=\"100%%\" fill=\"#f4f4f0\"/>\n", W, H, W, H);
	double step = v->lon1 - v->lon0 > 60 ? 10 : v->lon1 - v->lon0 > 15 ? 5 : 1;
	fprintf(f, "<g stroke=\"#d8d8d0\" stroke-width=\"1\">\n");
	for (double g = ceil(v->lon0 / step) * step; g <= v->lon1; g += step)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\"/>\n", (g - v->lon0) * s, top,
		        (g - v->lon0) * s, H);
	for (double g = ceil(v->lat0 / step) * step; g <= v->lat1; g += step)
		fprintf(f, "<line x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>\n", top + (v->lat1 - g) * s, W,
		        top + (v->lat1 - g) * s);
	fprintf(f, "</g>\n");
}

/* A circle per place, its size by mentions, its ring by the event type told
 * most there (seen[t]: a type drawn); the most mentioned last, on top. */
static void svg_places(FILE *f, const gm_preview_ctx *c, const svg_view *v, const gm_place_agg **order, size_t n,
                       const uint32_t *by_type, int *seen)
{
	fprintf(f, "<g fill=\"#d7301f\" fill-opacity=\"0.7\">\n");
	for (size_t k = n; k-- > 0;) {
		gm_place pl;
		gm_gazetteer_get_place(c->gaz, order[k]->place, &pl);
		const uint32_t *bt = &by_type[k * (GM_EV_N - 1)];
		int best = -1;
		for (int t = 0; t < GM_EV_N - 1; t++)
			if (bt[t] && (best < 0 || bt[t] > bt[best]))
				best = t;
		fprintf(f, "<circle class=\"place\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", (pl.lon - v->lon0) * v->s,
		        SVG_TOP + (v->lat1 - pl.lat) * v->s, 2.5 + 1.6 * sqrt((double)order[k]->n.mentions));
		if (best >= 0) {
			fprintf(f, " stroke=\"%s\" stroke-width=\"2.5\"", svg_colours[best].colour);
			seen[best] = 1;
		}
		fprintf(f, "><title>");
		svg_text(f, pl.name_ar[0] ? pl.name_ar : pl.name_en);
		fprintf(f, " (%s): %u mentions, %u events</title></circle>\n", pl.name_en, order[k]->n.mentions,
		        order[k]->n.events);
	}
	fprintf(f, "</g>\n<g font-size=\"12\" fill=\"#222\">\n");
	for (size_t k = 0; k < n && k < 12; k++) {
		gm_place pl;
		gm_gazetteer_get_place(c->gaz, order[k]->place, &pl);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" direction=\"rtl\">", (pl.lon - v->lon0) * v->s + 6,
		        SVG_TOP + (v->lat1 - pl.lat) * v->s - 6);
		svg_text(f, pl.name_ar[0] ? pl.name_ar : pl.name_en);
		fprintf(f, "</text>\n");
	}
	fprintf(f, "</g>\n");
}

/* The title with the run's counts, and a legend of the types drawn. */
static void svg_legend(FILE *f, const gm_aggregates *r, size_t n, const int *seen)
{
	size_t events = 0;
	for (size_t i = 0; i < r->n_places; i++)
		events += r->places[i].n.events;
	fprintf(f, "<text x=\"10\" y=\"24\" font-size=\"15\" font-weight=\"bold\">geomention: %zu places, %zu "
	           "mentions, %zu events (located)</text>\n<g font-size=\"11\">\n", n, r->n_mentions, events);
	double lx = 10, ly = SVG_H - 12;
	for (int t = 0; t < GM_EV_N - 1; t++) {
		if (!seen[t])
			continue;
		fprintf(f, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"5\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>"
		           "<text x=\"%.0f\" y=\"%.0f\">%s</text>\n", lx + 5, ly - 4, svg_colours[t].colour, lx + 14, ly,
		        svg_colours[t].type);
		lx += 24 + 6.5 * (double)strlen(svg_colours[t].type);
	}
	fprintf(f, "</g>\n</svg>\n");
}

int gm__preview_map_svg(const gm_preview_ctx *c, const gm_aggregates *r, gm_error *err)
{
	size_t n;
	const gm_place_agg **order = gm__places_in_order(r, &n);
	uint32_t *by_type = order ? types_by_place(c, r, order, n) : NULL;
	if (!order || !by_type) {
		free(order);
		free(by_type);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	svg_view v = view_of(c, order, n);
	char p[4400];
	FILE *f = join_path(p, sizeof p, c->dir, "map.svg") == 0 ? fopen(p, "w") : NULL;
	if (!f) {
		free(order);
		free(by_type);
		return gm__fail(err, GM_EIO, "cannot write map.svg: %s", strerror(errno));
	}
	int seen[GM_EV_N - 1] = {0};
	svg_frame(f, &v);
	svg_places(f, c, &v, order, n, by_type, seen);
	svg_legend(f, r, n, seen);
	free(order);
	free(by_type);
	if (fclose(f) != 0)
		return gm__fail(err, GM_EIO, "cannot write map.svg: %s", strerror(errno));
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
	FILE *o = join_path(p, sizeof p, c->dir, "geomention.qgs") == 0 ? fopen(p, "wb") : NULL;
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

