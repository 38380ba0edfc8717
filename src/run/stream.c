/* stream.c: a run's features as a GeoJSON Text Sequence (RFC 8142), written
 * as each document is mapped: the shape that GNU parallel, Hadoop Streaming,
 * Spark's RDD.pipe and Slurm arrays drive, and that geomention merge reads.
 * Each record is RS (0x1E), one GeoJSON Feature on one line with no blanks
 * between its tokens (as the .geojson layers), LF; GDAL's
 * GeoJSONSeq driver, QGIS and jq --seq read it. */
#include "geomention.h"

#include "error.h"
#include "json.h"
#include "layers.h"
#include "run.h"
#include "runjson.h"
#include "textlayer.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void begin_feature(FILE *f, double lon, double lat, const char *kind)
{
	fputs("\x1e{\"type\":\"Feature\",\"geometry\":", f);
	if (isnan(lon) || isnan(lat)) {
		fputs("null", f);
	} else {
		/* the coordinates as the GeoJSON layer files have them (7 decimals) */
		char xy[128];
		gm__textlayer_xy(xy, sizeof xy, GM_TEXT_GEOJSON, lon, lat);
		fprintf(f, "{\"type\":\"Point\",\"coordinates\":[%s]}", xy);
	}
	fprintf(f, ",\"properties\":{\"kind\":\"%s\"", kind);
}

/* The properties of a layer record: the layer's fields in its order. */
static void write_props(FILE *f, const gm_field *fields, size_t n, const gm_value *v)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(f, ",\"%s\":", fields[i].name);
		if (fields[i].type == GM_F_INT) {
			if (v[i].null)
				fputs("null", f);
			else
				fprintf(f, "%lld", v[i].i);
		} else if (fields[i].type == GM_F_DATE && !(v[i].s && v[i].s[0])) {
			fputs("null", f);
		} else {
			gm__json_write_string(f, v[i].s ? v[i].s : "");
		}
	}
	fputs("}}\n", f);
}

typedef struct stream_out {
	FILE *f;
	const gm_gazetteer *gaz;
} stream_out;

static int check(FILE *f, gm_error *err)
{
	if (ferror(f))
		return gm__fail(err, GM_EIO, "cannot write the stream: %s", strerror(errno));
	return GM_OK;
}

static int put_mention(void *user, const gm_mention_rec *m, int demonym, gm_error *err)
{
	stream_out *s = user;
	gm_value v[GM_MAX_FIELDS];
	gm_place p;
	gm__mention_values(s->gaz, m, v, &p);
	begin_feature(s->f, p.lon, p.lat, demonym ? "demonym" : "mention");
	write_props(s->f, gm__mention_fields, gm__n_mention_fields, v);
	return check(s->f, err);
}

static int put_event(void *user, const gm_event_rec *e, gm_error *err)
{
	stream_out *s = user;
	gm_value v[GM_MAX_FIELDS];
	gm_place p;
	double lon, lat;
	gm__event_values(s->gaz, e, v, &p, &lon, &lat);
	begin_feature(s->f, lon, lat, "event");
	write_props(s->f, gm__event_fields, gm__n_event_fields, v);
	return check(s->f, err);
}

/* run.json's entry for the input, as properties (doc_id for run.json's id,
 * the name the other features use) */
static int put_doc(void *user, const gm_doc_rec *d, gm_error *err)
{
	stream_out *s = user;
	begin_feature(s->f, NAN, NAN, "document");
	fputs(",", s->f);
	gm__write_doc_members(s->f, d, "doc_id");
	fputs("}}\n", s->f);
	return check(s->f, err);
}

int gm_stream_write(FILE *out, const gm_gazetteer *gaz, const gm_input_item *item, const gm_doc_result *res,
                    gm_error *err)
{
	static const gm_record_sink sink = {put_mention, put_event, put_doc};
	stream_out s = {out, gaz};
	return gm__records_of(item, item->skipped ? NULL : res, &sink, &s, err);
}
