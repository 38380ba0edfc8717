/* geojson.c: GeoJSON layer files written directly (see geojson.h for why).
 * The layout is GDAL 3.6's: a head of four lines, one feature a line
 * ("{ "type": "Feature", "properties": { ... }, "geometry": ... }"), ",\n"
 * between features, and "\n]\n}\n" at the end. */
#include "geojson.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes are gathered here and handed to stdio in large writes: stdio's own
 * per-call locking was measurable at a few calls per field. */
#define BUF_CAP (256 * 1024)

struct gm_geojson_file {
	FILE *f;
	char *path;
	size_t n_features;
	size_t len;
	int failed;     /* a write failed: errno kept in err_no */
	int err_no;
	char buf[BUF_CAP];
};

static void flush(gm_geojson_file *g)
{
	if (g->len && !g->failed && fwrite(g->buf, 1, g->len, g->f) != g->len) {
		g->failed = 1;
		g->err_no = errno;
	}
	g->len = 0;
}

static void put(gm_geojson_file *g, const char *s, size_t n)
{
	if (g->len + n > BUF_CAP) {
		flush(g);
		if (n > BUF_CAP) {   /* longer than the buffer: straight through */
			if (!g->failed && fwrite(s, 1, n, g->f) != n) {
				g->failed = 1;
				g->err_no = errno;
			}
			return;
		}
	}
	memcpy(g->buf + g->len, s, n);
	g->len += n;
}

#define PUT_LIT(g, lit) put((g), (lit), sizeof(lit) - 1)

static void put_str(gm_geojson_file *g, const char *s) { put(g, s, strlen(s)); }

static void put_int(gm_geojson_file *g, long long v)
{
	char tmp[24];
	size_t i = sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	put(g, tmp + i, sizeof tmp - i);
}

/* A JSON string as json-c writes it: '"' and '\\' escaped, \b \f \n \r \t
 * by name, other control bytes as \u00XX, everything else (UTF-8, '/', DEL)
 * as it is. */
static void put_json_string(gm_geojson_file *g, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	PUT_LIT(g, "\"");
	const unsigned char *u = (const unsigned char *)s, *run = u;
	for (; *u; u++) {
		if (*u >= 0x20 && *u != '"' && *u != '\\')
			continue;
		put(g, (const char *)run, (size_t)(u - run));
		run = u + 1;
		char esc[6] = {'\\', 0, 0, 0, 0, 0};
		size_t n = 2;
		switch (*u) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[*u >> 4];
			esc[5] = hex[*u & 15];
			n = 6;
		}
		put(g, esc, n);
	}
	put(g, (const char *)run, (size_t)(u - run));
	PUT_LIT(g, "\"");
}

size_t gm__geojson_coord(char *buf, size_t cap, double v)
{
	int n = snprintf(buf, cap, "%.7f", v);
	if (n <= 0 || (size_t)n >= cap)
		return 0;
	if (!memchr(buf, '.', (size_t)n))
		return (size_t)n;   /* inf or nan: never for a place, but never cut digits */
	while (buf[n - 1] == '0')
		n--;
	if (buf[n - 1] == '.')
		buf[n++] = '0';
	buf[n] = '\0';
	return (size_t)n;
}

static int failure(gm_geojson_file *g, gm_error *err)
{
	return gm__fail(err, GM_EIO, "cannot write %s: %s", g->path, strerror(g->err_no ? g->err_no : EIO));
}

int gm__geojson_create(gm_geojson_file **out, const char *path, const char *layer_name, gm_error *err)
{
	*out = NULL;
	gm_geojson_file *g = malloc(sizeof *g);
	if (!g || !(g->path = strdup(path))) {
		free(g);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	g->n_features = g->len = 0;
	g->failed = g->err_no = 0;
	g->f = fopen(path, "w");
	if (!g->f) {
		int rc = gm__fail(err, GM_EIO, "cannot create %s: %s", path, strerror(errno));
		free(g->path);
		free(g);
		return rc;
	}
	PUT_LIT(g, "{\n\"type\": \"FeatureCollection\",\n\"name\": ");
	put_json_string(g, layer_name);
	PUT_LIT(g, ",\n\"features\": [\n");
	*out = g;
	return GM_OK;
}

int gm__geojson_feature(gm_geojson_file *g, double lon, double lat, const gm_field *fields, size_t n_fields,
                        const gm_value *v, gm_error *err)
{
	if (g->n_features++)
		PUT_LIT(g, ",\n");
	PUT_LIT(g, "{ \"type\": \"Feature\", \"properties\": { ");
	for (size_t i = 0; i < n_fields; i++) {
		if (i)
			PUT_LIT(g, ", ");
		PUT_LIT(g, "\"");
		put_str(g, fields[i].name);   /* our own ASCII names: nothing to escape */
		PUT_LIT(g, "\": ");
		switch (fields[i].type) {
		case GM_F_INT:
			if (v[i].null)
				PUT_LIT(g, "null");
			else
				put_int(g, v[i].i);
			break;
		case GM_F_DATE:
			/* GDAL keeps a date only when whole (YYYY-MM-DD), else NULL */
			if (v[i].s && strlen(v[i].s) == 10)
				put_json_string(g, v[i].s);
			else
				PUT_LIT(g, "null");
			break;
		default:
			put_json_string(g, v[i].s ? v[i].s : "");
		}
	}
	if (n_fields)
		PUT_LIT(g, " ");
	PUT_LIT(g, "}, \"geometry\": ");
	if (isnan(lon) || isnan(lat)) {
		PUT_LIT(g, "null }");
	} else {
		char num[64];
		PUT_LIT(g, "{ \"type\": \"Point\", \"coordinates\": [ ");
		put(g, num, gm__geojson_coord(num, sizeof num, lon));
		PUT_LIT(g, ", ");
		put(g, num, gm__geojson_coord(num, sizeof num, lat));
		PUT_LIT(g, " ] } }");
	}
	return g->failed ? failure(g, err) : GM_OK;
}

int gm__geojson_close(gm_geojson_file *g, int ok, gm_error *err)
{
	if (!g)
		return GM_OK;
	int rc = GM_OK;
	if (ok) {
		PUT_LIT(g, "\n]\n}\n");
		flush(g);
		if (fflush(g->f) != 0 && !g->failed) {
			g->failed = 1;
			g->err_no = errno;
		}
		if (g->failed)
			rc = failure(g, err);
	}
	if (fclose(g->f) != 0 && ok && rc == GM_OK)
		rc = gm__fail(err, GM_EIO, "cannot write %s: %s", g->path, strerror(errno));
	free(g->path);
	free(g);
	return rc;
}
