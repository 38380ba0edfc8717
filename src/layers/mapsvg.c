/* mapsvg.c: map.svg, a run's static overview (preview.h). */
#include "preview.h"

#include "error.h"
#include "events.h"
#include "gazetteer.h"
#include "hash.h"
#include "strbuf.h"
#include "table.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int same_place(const void *order, size_t i, const void *place)
{
	return ((const gm_place_agg *const *)order)[i]->place == *(const uint32_t *)place;
}

/* The event types told at each place of order (n of them), from the daily
 * cells: by_type[k * (GM_EV_N - 1) + t] (malloc'd; NULL when out of memory).
 * A place's position is found through an index by place (a table of the
 * places listed, not an array the size of the gazetteer), not by a scan. */
static uint32_t *types_by_place(const gm_aggregates *r, const gm_place_agg **order, size_t n)
{
	uint32_t *by_type = calloc((r->n_places ? r->n_places : 1) * (GM_EV_N - 1), sizeof *by_type);
	gm__table pos = {0};
	if (!by_type || gm__table_reserve(&pos, n)) {
		free(by_type);
		gm__table_free(&pos);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		gm__table_add(&pos, gm__hash_u64(order[i]->place), i);   /* room reserved: cannot fail */
	for (size_t k = 0; k < r->n_cells; k++) {
		uint32_t pl = r->cells[k].place;
		const uint32_t *per_type = gm__cell_types(r, &r->cells[k]);
		size_t at = per_type ? gm__table_find(&pos, gm__hash_u64(pl), same_place, order, &pl) : GM__TABLE_NONE;
		if (at == GM__TABLE_NONE)
			continue;
		for (int t = 0; t < GM_EV_N - 1; t++)
			by_type[at * (GM_EV_N - 1) + t] += per_type[t];
	}
	gm__table_free(&pos);
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
	uint32_t *by_type = order ? types_by_place(r, order, n) : NULL;
	if (!order || !by_type) {
		free(order);
		free(by_type);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	svg_view v = view_of(c, order, n);
	char p[4400];
	FILE *f = gm__path_join(p, sizeof p, c->dir, "map.svg") == 0 ? fopen(p, "w") : NULL;
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
