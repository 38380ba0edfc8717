/* export.c: the compiled gazetteer as a point layer to review in QGIS
 * (gm_gazetteer_export): every place with the names it is matched by. */
#include "geomention.h"

#include "error.h"
#include "gazetteer.h"
#include "layerfile.h"
#include "outdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const gm_field gazetteer_fields[] = {
	{"place_id", GM_F_STR, 64}, {"name_ar", GM_F_STR, GM_DBF_BYTES}, {"name_en", GM_F_STR, GM_DBF_BYTES},
	{"country", GM_F_STR, 3}, {"admin1", GM_F_STR, GM_DBF_BYTES}, {"feature", GM_F_STR, 8},
	{"population", GM_F_INT, 12}, {"names", GM_F_STR, GM_DBF_BYTES},
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
	/* (GDAL opened: its messages are caught below, and the default is GPKG) */
	gm_format fmt;
	int rc = gm__gdal_load(err);
	if (rc == GM_OK)
		rc = gm__format_find(&fmt, format ? format : "GPKG", err);
	if (rc != GM_OK)
		return rc;
	if (fmt.own == GM_OWN_SHAPEFILE)
		return gm__fail(err, GM_EFORMAT, "export writes one file: use GPKG, GeoJSON or FlatGeobuf, not a Shapefile");
	/* GDAL creates the file by name: in a folder of our own beside the
	 * target (mkdtemp, so no planted link is followed), then renamed */
	char dir[4096], tmp[4400];
	const char *slash = strrchr(path, '/');
	int dl = slash ? (int)(slash - path) : 1;
	if (snprintf(dir, sizeof dir, "%.*s/.geomention-export-XXXXXX", dl, slash ? path : ".") >= (int)sizeof dir)
		return gm__fail(err, GM_EINVAL, "path too long: %s", path);
	if (!mkdtemp(dir))
		return gm__fail(err, GM_EIO, "cannot write beside %s: %s", path, strerror(errno));
	snprintf(tmp, sizeof tmp, "%s/%s", dir, slash ? slash + 1 : path);
	char **names = names_by_place(g);
	if (!names) {
		gm__remove_tree(dir);
		return gm__fail(err, GM_ENOMEM, "out of memory exporting the gazetteer");
	}
	gm_gdal_log log;
	memset(&log, 0, sizeof log);
	CPLPushErrorHandlerEx(gm__gdal_log_handler, &log);
	gm_layer_file w;
	memset(&w, 0, sizeof w);
	w.log = &log;
	int is_geojson = fmt.own == GM_OWN_GEOJSON;
	rc = gm__layer_file_open(&w, &fmt, tmp, "gazetteer", gazetteer_fields, N_GAZETTEER_FIELDS,
	                    is_geojson ? "OGC:CRS84" : "EPSG:4326", is_geojson, err);
	for (uint32_t i = 0; rc == GM_OK && i < g->h->n_places; i++) {
		gm_place p;
		gm_gazetteer_get_place(g, i, &p);
		gm_value v[N_GAZETTEER_FIELDS] = {
			{p.id, 0, 0}, {p.name_ar, 0, 0}, {p.name_en, 0, 0}, {p.country, 0, 0}, {p.admin1, 0, 0},
			{p.feature, 0, 0}, {NULL, p.population, 0}, {names[i] ? names[i] : "", 0, 0},
		};
		rc = gm__layer_file_feature(&w, p.lon, p.lat, v, err);
	}
	int crc = gm__layer_file_close(&w, rc == GM_OK, err);
	if (rc == GM_OK)
		rc = crc;
	CPLPopErrorHandler();
	for (uint32_t i = 0; i < g->h->n_places; i++)
		free(names[i]);
	free(names);
	if (rc == GM_OK && rename(tmp, path) != 0)
		rc = gm__fail(err, GM_EIO, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
	gm__remove_tree(dir);   /* empty, or what a failed layer left */
	return rc;
}
