/* part.c: one part of a merge read into the merged run (part.h): an
 * output folder (its run.json, and the layers through OGR in whatever format
 * it has them) or a file of GeoJSON Sequence records from geomention map
 * --stream, from which places and daily are counted afresh. */
#include "part.h"

#include "error.h"
#include "gdalapi.h"
#include "grow.h"
#include "hash.h"
#include "json.h"
#include "run.h"
#include "write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------- place ids to index */


/* the gazetteer's own hash (FNV-1a): one hash in the project */
static uint32_t hash_str(const char *s) { return gm__gaz_hash(s, strlen(s)); }

int gm__id_index_build(id_index *x, const gm_gazetteer *gaz, gm_error *err)
{
	uint32_t n = gm_gazetteer_place_count(gaz);
	x->gaz = gaz;
	x->places = (gm__table){0};
	if (gm__table_reserve(&x->places, n))
		return gm__fail(err, GM_ENOMEM, "out of memory indexing place ids");
	for (uint32_t i = 0; i < n; i++) {
		gm_place p;
		if (gm_gazetteer_get_place(gaz, i, &p) == GM_OK)
			gm__table_add(&x->places, hash_str(p.id), i);   /* room reserved: cannot fail */
	}
	return GM_OK;
}

static int same_id(const void *gaz, size_t i, const void *id)
{
	gm_place p;
	return gm_gazetteer_get_place(gaz, (uint32_t)i, &p) == GM_OK && !strcmp(p.id, id);
}

/* The index of a place id; GM_NO_PLACE for "" and for an id not in the gazetteer (*unknown 1). */
static uint32_t id_lookup(const id_index *x, const char *id, int *unknown)
{
	*unknown = 0;
	if (!id || !*id)
		return GM_NO_PLACE;
	size_t i = gm__table_find(&x->places, hash_str(id), same_id, x->gaz, id);
	*unknown = i == GM__TABLE_NONE;
	return *unknown ? GM_NO_PLACE : (uint32_t)i;
}

/* -------------------------------------------------------------- one part */



static const char *str_of(const gm_json_object *o, const char *name)
{
	const gm_json_field *f = gm__json_get(o, name);
	return f && f->value ? f->value : NULL;
}

static long num_of(const gm_json_object *o, const char *name)
{
	const char *v = str_of(o, name);
	return v ? strtol(v, NULL, 10) : 0;
}

static uint64_t doc_key(const char *id, const char *path, long line)
{
	uint64_t h = GM__FNV64_BASIS;   /* 64 bits: a key, not a slot */
	char num[24];
	snprintf(num, sizeof num, "%ld", line);
	const char *parts[] = {id, "\t", path, "\t", num};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		h = gm__fnv1a64(h, parts[i], strlen(parts[i]));
	return h;
}

/* 1 when the document was merged before (*where: the part), 0 new, -1 out of memory. */
static int same_doc(const void *docs, size_t i, const void *key)
{
	return ((const struct seen_doc *)docs)[i].key == *(const uint64_t *)key;
}

static int seen_before(doc_seen *x, uint64_t key, const char *part_name, const char **where)
{
	uint32_t h = (uint32_t)key;   /* key is a hash already */
	size_t i = gm__table_find(&x->index, h, same_doc, x->docs, &key);
	if (i != GM__TABLE_NONE) {
		*where = x->docs[i].first_part;
		return 1;
	}
	if (GM__GROW(x->docs, x->cap, x->n + 1) || gm__table_add(&x->index, h, x->n))
		return -1;
	x->docs[x->n++] = (struct seen_doc){key, part_name};
	return 0;
}

static int doc_from(part *pt, const gm_json_object *o, const char *id_name, gm_error *err)
{
	const char *status = str_of(o, "status"), *id = str_of(o, id_name), *path = str_of(o, "path");
	gm_doc_rec d = {id ? id : "", path ? path : "", str_of(o, "reason"), str_of(o, "warning"), str_of(o, "date"),
	                num_of(o, "line"), status && !strcmp(status, "skipped"), (unsigned)num_of(o, "invalid_utf8_replaced"),
	                (size_t)num_of(o, "mentions"), (size_t)num_of(o, "demonyms"), (size_t)num_of(o, "events"),
	                str_of(o, "url"), str_of(o, "source"), str_of(o, "title")};
	if (d.skipped && !d.reason)
		d.reason = "skipped";
	const char *where = NULL;
	int again = pt->seen ? seen_before(pt->seen, doc_key(d.id, d.path, d.line), pt->name, &where) : 0;
	if (again < 0)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	if (again)
		return gm__fail(err, GM_EINVAL,
		                "document %s (%s%s%ld) is in %s and in %s: a shard merged twice would count it twice; "
		                "give each part once",
		                d.id, d.path, d.line ? " line " : "", d.line, where, pt->name);
	pt->documents++;
	pt->doc_mentions += d.n_mentions;
	pt->doc_demonyms += d.n_demonyms;
	pt->doc_events += d.n_events;
	return gm__run_doc(pt->run, &d, err);
}

/* A feature's fields: an OGR feature of a part's layer, or the properties of
 * a stream line, read through the same two accessors. */
typedef struct fields {
	OGRFeatureH ogr;              /* NULL: json */
	const gm_json_object *json;
} fields;

/* a field as text: dates as YYYY-MM-DD, "" when null or absent */
static const char *text_of(const fields *fs, const char *name, char *buf, size_t cap)
{
	if (!fs->ogr) {
		const gm_json_field *x = gm__json_get(fs->json, name);
		return x && x->value ? x->value : "";
	}
	OGRFeatureH f = fs->ogr;
	int i = OGR_F_GetFieldIndex(f, name);
	if (i < 0 || !OGR_F_IsFieldSetAndNotNull(f, i))
		return "";
	OGRFieldDefnH fd = OGR_F_GetFieldDefnRef(f, i);
	if (OGR_Fld_GetType(fd) == OFTDate || OGR_Fld_GetType(fd) == OFTDateTime) {
		int y, m, d, h, mi, tz;
		float sec;
		OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &d, &h, &mi, &sec, &tz);
		snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
		return buf;
	}
	return OGR_F_GetFieldAsString(f, i);
}

static long int_of(const fields *fs, const char *name, long null_value)
{
	if (!fs->ogr) {
		const gm_json_field *x = gm__json_get(fs->json, name);
		return x && x->value ? strtol(x->value, NULL, 10) : null_value;
	}
	int i = OGR_F_GetFieldIndex(fs->ogr, name);
	if (i < 0 || !OGR_F_IsFieldSetAndNotNull(fs->ogr, i))
		return null_value;
	/* a CSV part has no NULL: its "not stated" is an empty text, not 0 */
	if (OGR_Fld_GetType(OGR_F_GetFieldDefnRef(fs->ogr, i)) == OFTString && !*OGR_F_GetFieldAsString(fs->ogr, i))
		return null_value;
	return (long)OGR_F_GetFieldAsInteger64(fs->ogr, i);
}

static int place_of(part *pt, const char *id, uint32_t *out, gm_error *err)
{
	int unknown;
	*out = id_lookup(pt->ids, id, &unknown);
	if (unknown)
		return gm__fail(err, GM_EINVAL, "%s: place %s is not in this gazetteer: merge with the gazetteer the "
		                "parts were mapped with (--gazetteer)", pt->name, id);
	return GM_OK;
}

enum { K_MENTION, K_DEMONYM, K_EVENT, K_PLACE, K_DAILY };

/* One feature of a part's layer into the run. */
static int take_feature(part *pt, const fields *f, int kind, int aggregate, gm_error *err)
{
	char b1[16], b2[16], b3[16];
	uint32_t place;
	int rc = place_of(pt, text_of(f, "place_id", b1, sizeof b1), &place, err);
	if (rc != GM_OK)
		return rc;
	if (kind == K_MENTION || kind == K_DEMONYM) {
		if (place == GM_NO_PLACE)
			return gm__fail(err, GM_EINVAL, "%s: a mention without place_id", pt->name);
		gm_mention_rec m = {text_of(f, "doc_id", b2, sizeof b2), text_of(f, "date", b1, sizeof b1),
		                    (uint32_t)int_of(f, "start", 0), (uint32_t)int_of(f, "end", 0), place,
		                    (int)int_of(f, "score", 0), text_of(f, "rule", b3, sizeof b3),
		                    text_of(f, "surface", b3, sizeof b3), text_of(f, "snippet", b3, sizeof b3),
		                    text_of(f, "url", b3, sizeof b3), text_of(f, "source", b3, sizeof b3),
		                    text_of(f, "title", b3, sizeof b3)};
		kind == K_DEMONYM ? pt->demonyms++ : pt->mentions++;
		return gm__run_mention(pt->run, &m, kind == K_DEMONYM, 1, aggregate, err);
	}
	if (kind == K_EVENT) {
		gm_event_rec e = {text_of(f, "event_id", b3, sizeof b3), text_of(f, "doc_id", b3, sizeof b3),
		                  text_of(f, "date", b1, sizeof b1), text_of(f, "type", b3, sizeof b3), place,
		                  (int)int_of(f, "precision", 0), int_of(f, "fatalities", -1),
		                  int_of(f, "injured", -1), text_of(f, "trigger", b3, sizeof b3),
		                  text_of(f, "snippet", b3, sizeof b3), (int)int_of(f, "background", 0),
		                  text_of(f, "event_type", b3, sizeof b3), text_of(f, "sub_type", b3, sizeof b3),
		                  text_of(f, "url", b3, sizeof b3), text_of(f, "source", b3, sizeof b3),
		                  text_of(f, "title", b3, sizeof b3)};
		pt->events++;
		return gm__run_event(pt->run, &e, 1, aggregate, err);
	}
	if (kind == K_PLACE) {
		if (place == GM_NO_PLACE)
			return gm__fail(err, GM_EINVAL, "%s: a place without place_id", pt->name);
		gm_place_agg a;
		memset(&a, 0, sizeof a);
		a.place = place;
		a.n.mentions = (uint32_t)int_of(f, "mentions", 0);
		a.docs = (uint32_t)int_of(f, "docs", 0);
		a.demonyms = (uint32_t)int_of(f, "demonyms", 0);
		a.n.events = (uint32_t)int_of(f, "events", 0);
		a.n.fatalities = int_of(f, "fatalities", 0);
		a.n.injured = int_of(f, "injured", 0);
		a.first_date = gm__date_code(text_of(f, "first_date", b2, sizeof b2));
		a.last_date = gm__date_code(text_of(f, "last_date", b2, sizeof b2));
		return gm__run_add_place(pt->run, &a, err);
	}
	gm_daily_cell c;
	memset(&c, 0, sizeof c);
	c.place = place;
	c.date = gm__date_code(text_of(f, "date", b2, sizeof b2));
	c.n.mentions = (uint32_t)int_of(f, "mentions", 0);
	c.n.events = (uint32_t)int_of(f, "events", 0);
	c.n.fatalities = int_of(f, "fatalities", 0);
	c.n.injured = int_of(f, "injured", 0);
	gm_type_counts per_type;
	for (int t = 0; t < GM_EV_N - 1; t++)
		per_type[t] = (uint32_t)int_of(f, gm__daily_fields[GM_DAILY_FIRST_TYPE + t].name, 0);
	return gm__run_add_daily(pt->run, &c, per_type, err);
}

/* The first of a layer's files the part has, in the formats OGR reads best first. */
int gm__part_find_layer(const char *dir, const char *layer, char *path, size_t cap)
{
	static const char *const exts[] = {"geojson", "gpkg", "fgb", "shp", "csv", "sqlite", "gml", "kml"};
	struct stat sb;
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		snprintf(path, cap, "%s/%s.%s", dir, gm__layer_stem(layer, !strcmp(exts[i], "csv")), exts[i]);
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
			return 1;
	}
	snprintf(path, cap, "%s/%s", dir, GM_GEOPACKAGE);
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	int has = ds && GDALDatasetGetLayerByName(ds, layer) != NULL;
	if (ds)
		GDALClose(ds);
	return has ? 2 : 0;
}

static int read_layer(part *pt, const char *path, const char *name, int kind, gm_error *err)
{
	/* the CSV driver would read X and Y as fields: daily needs only its columns */
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	if (!ds)
		return gm__fail(err, GM_EIO, "%s: cannot read %s: %s", pt->name, path, CPLGetLastErrorMsg());
	/* a file of its own holds one layer; the run's GeoPackage every one, by name */
	OGRLayerH l = name ? GDALDatasetGetLayerByName(ds, name)
	                   : GDALDatasetGetLayerCount(ds) > 0 ? GDALDatasetGetLayer(ds, 0) : NULL;
	int rc = l ? GM_OK : gm__fail(err, GM_EIO, "%s: %s has no layer", pt->name, path);
	OGRFeatureH f;
	while (rc == GM_OK && (f = OGR_L_GetNextFeature(l))) {
		fields fs = {f, NULL};
		rc = take_feature(pt, &fs, kind, 0, err);
		OGR_F_Destroy(f);
	}
	GDALClose(ds);
	return rc;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *x = realloc(buf, cap * 2);
			if (!x) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = x;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

/* run.json: the gazetteer it was mapped with, and its documents (one a line,
 * as write.c writes them). */
static int read_run_json(part *pt, const char *dir, gm_error *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/run.json", dir);
	size_t len;
	char *text = slurp(path, &len);
	if (!text)
		return gm__fail(err, GM_EIO, "%s: cannot read %s: %s (is it an output folder of geomention map?)",
		                pt->name, path, strerror(errno));
	gm_gazetteer_info gi;
	gm_gazetteer_get_info(pt->run->gaz, &gi);
	char want[64];
	snprintf(want, sizeof want, "\"checksum\": \"%s\"", gi.checksum);
	int rc = GM_OK;
	if (!strstr(text, want))
		rc = gm__fail(err, GM_EINVAL, "%s was mapped with another gazetteer than %s (checksum %s): merge with the "
		              "same gazetteer (--gazetteer)", pt->name, gi.name, gi.checksum);
	char *docs = rc == GM_OK ? strstr(text, "\n  \"documents\": [\n") : NULL;
	if (rc == GM_OK && !docs)
		rc = gm__fail(err, GM_ECORRUPT, "%s: run.json lists no documents", pt->name);
	for (char *line = docs ? strchr(docs + 1, '\n') + 1 : NULL; rc == GM_OK && line && *line;) {
		char *end = strchr(line, '\n');
		if (!end)
			break;
		char *s = line;
		while (*s == ' ')
			s++;
		if (*s != '{')
			break;   /* the closing ] */
		size_t n = (size_t)(end - s);
		if (n && s[n - 1] == ',')
			n--;
		gm_json_object o;
		char why[128];
		if (gm__json_parse_object(s, n, &o, why, sizeof why) != 0) {
			rc = gm__fail(err, GM_ECORRUPT, "%s: run.json: %s", pt->name, why);
			break;
		}
		rc = doc_from(pt, &o, "id", err);
		gm__json_object_free(&o);
		line = end + 1;
	}
	free(text);
	return rc;
}

static int read_folder(part *pt, const char *dir, gm_error *err)
{
	int rc = read_run_json(pt, dir, err);
	static const char *const layers[] = {"mentions", "demonyms", "events", "places", "daily"};
	for (int k = K_MENTION; k <= K_DAILY && rc == GM_OK; k++) {
		char path[4096];
		int where = gm__part_find_layer(dir, layers[k], path, sizeof path);
		if (!where) {
			if (k == K_DEMONYM)
				continue;   /* written only with --demonyms */
			return gm__fail(err, GM_ENOENT, "%s: no %s layer in it", pt->name, layers[k]);
		}
		if (k == K_DEMONYM && !pt->run->opts.demonyms)
			continue;
		rc = read_layer(pt, path, where == 2 ? layers[k] : NULL, k, err);
	}
	return rc;
}

/* A stream: one GeoJSON Feature a line (RS before it or not); the kind
 * property says which layer it belongs to. */
static int read_stream(part *pt, const char *path, gm_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return gm__fail(err, GM_EIO, "%s: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int rc = GM_OK;
	while (rc == GM_OK && (len = getline(&line, &cap, f)) > 0) {
		lineno++;
		char *s = line;
		if (*s == '\x1e') {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue;
		gm_json_object o;
		char why[128];
		if (gm__json_parse_member(s, (size_t)len, "properties", &o, why, sizeof why) != 0) {
			rc = gm__fail(err, GM_ECORRUPT, "%s line %ld: not a feature of geomention map --stream: %s", path,
			              lineno, why);
			break;
		}
		const gm_json_field *kf = gm__json_get(&o, "kind");
		const char *kind = kf && kf->value ? kf->value : "";
		if (!strcmp(kind, "document")) {
			rc = doc_from(pt, &o, "doc_id", err);
		} else if (!strcmp(kind, "mention") || !strcmp(kind, "demonym") || !strcmp(kind, "event")) {
			fields fs = {NULL, &o};
			int k = kind[0] == 'm' ? K_MENTION : kind[0] == 'd' ? K_DEMONYM : K_EVENT;
			rc = take_feature(pt, &fs, k, 1, err);
		} else {
			rc = gm__fail(err, GM_ECORRUPT, "%s line %ld: a feature of unknown kind \"%s\"", path, lineno, kind);
		}
		gm__json_object_free(&o);
	}
	if (rc == GM_OK && ferror(f))
		rc = gm__fail(err, GM_EIO, "%s: %s", path, strerror(errno));
	free(line);
	fclose(f);
	return rc;
}

int gm__part_read(part *pt, const char *path, gm_error *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return gm__fail(err, GM_ENOENT, "%s: %s", path, strerror(errno));
	int rc = S_ISDIR(sb.st_mode) ? read_folder(pt, path, err) : read_stream(pt, path, err);
	/* nothing lost on the way: the features are what the documents say */
	if (rc == GM_OK && (pt->mentions != pt->doc_mentions || pt->events != pt->doc_events ||
	                    (pt->demonyms && pt->demonyms != pt->doc_demonyms)))
		rc = gm__fail(err, GM_ECORRUPT, "%s is incomplete: its documents list %zu mentions and %zu events, its "
		              "layers hold %zu and %zu", path, pt->doc_mentions, pt->doc_events, pt->mentions, pt->events);
	return rc;
}
