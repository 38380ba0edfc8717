/* preview.h: what a run writes for looking at, beside its layers (internal):
 * QGIS styles (LAYER.qml, and the GeoPackage's layer_styles), a QGIS project
 * (geomention.qgs), map.html (Leaflet inlined, no network) and map.svg (a
 * static overview). Each is written into the run's new folder at its end,
 * from the options' asset folders (styles_dir, web_dir); a missing asset
 * means that file is not written, never an error. */
#ifndef GM_PREVIEW_H
#define GM_PREVIEW_H

#include "geomention.h"

#include "aggregates.h"
#include "layers.h"
#include "textlayer.h"

#include "gdalapi.h"

typedef struct gm_preview_ctx {
	const gm_write_options *opts;
	const char *dir;          /* the run's new folder */
	const gm_gazetteer *gaz;
	int gpkg, geojson, files; /* written: a GeoPackage, GeoJSON, any format but GPKG */
	int csv;                  /* CSV layers: the events layer is events_layer.csv */
} gm_preview_ctx;

/* LAYER.qml beside file-based layers. */
int gm__preview_styles(const gm_preview_ctx *c, gm_error *err);
/* The styles into the GeoPackage's layer_styles table. */
int gm__preview_gpkg_styles(const gm_preview_ctx *c, GDALDatasetH ds, gm_error *err);
/* geomention.qgs, for the GeoPackage if written, else the GeoJSON layers. */
int gm__preview_project(const gm_preview_ctx *c, gm_error *err);
/* The hidden file in the run's folder with what map.html shows of the events
 * (the writer's; the page inlines it where it is, else events.geojson). */
#define GM_MAP_EVENTS ".map-events.geojson"
/* That file opened in dir, and one event into it from its values in the
 * events layer's fields (gm__event_fields): what the page's markers and
 * popups show, not the layer whole a second time (an event's ids, ACLED
 * names, admin1 and article fields made the page as large as
 * events.geojson). */
int gm__map_events_open(gm_textlayer **out, const char *dir, gm_error *err);
int gm__map_events_feature(gm_textlayer *t, double lon, double lat, const gm_value *event, gm_error *err);
/* map.html, when GeoJSON layers are written and Leaflet is there. */
int gm__preview_map_html(const gm_preview_ctx *c, gm_error *err);
/* map.svg from the run's places and daily cells. */
int gm__preview_map_svg(const gm_preview_ctx *c, const gm_aggregates *r, gm_error *err);

#endif
