/* textlayer.c: GeoJSON and CSV layer files written directly (see
 * textlayer.h for why). The layouts:
 * - GeoJSON: GDAL 3.6's without the blanks between tokens: a head line
 *   ("{"type":"FeatureCollection","name":...,"features":["), one feature a
 *   line ("{"type":"Feature","properties":{...},"geometry":...}"), ",\n"
 *   between features, and "\n]}\n" at the end;
 * - CSV: a UTF-8 BOM, "X,Y," and the field names, then a row a feature; a
 *   text is quoted (quotes doubled) only when it holds " , ; tab CR or LF. */
#include "textlayer.h"

#include "json.h"
#include "strbuf.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes are gathered here and handed to stdio in large writes: stdio's own
 * per-call locking was measurable at a few calls per field. */
#define BUF_CAP (256 * 1024)

struct gm_textlayer {
	gm_text_format format;
	const gm_field *fields;
	size_t n_fields;
	size_t zeros_from;   /* GeoJSON: a 0 from this field on is left out (gm__textlayer_zeros_left_out) */
	FILE *f;
	char *path;
	size_t n_features;
	size_t len;
	int failed;     /* a write failed: errno kept in err_no */
	int err_no;
	char buf[BUF_CAP];
};

static void flush(gm_textlayer *g)
{
	if (g->len && !g->failed && fwrite(g->buf, 1, g->len, g->f) != g->len) {
		g->failed = 1;
		g->err_no = errno;
	}
	g->len = 0;
}

static void put(gm_textlayer *g, const char *s, size_t n)
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

static void put_str(gm_textlayer *g, const char *s) { put(g, s, strlen(s)); }

static void put_int(gm_textlayer *g, long long v)
{
	char tmp[24];
	put(g, tmp, gm__int_text(tmp, v));
}

static void textlayer_sink(void *g, const char *s, size_t n) { put((gm_textlayer *)g, s, n); }

/* A JSON string as json-c writes it (GDAL's GeoJSON driver, byte for byte):
 * \b and \f by name; the text was made valid UTF-8 when it was read. */
static void put_json_string(gm_textlayer *g, const char *s)
{
	/* nothing to escape (nearly every string): quotes and bytes into the
	 * buffer at once, not three calls through the sink (#17) */
	size_t n = strlen(s);
	if (g->len + n + 2 <= BUF_CAP && gm__json_plain(s, n)) {
		g->buf[g->len] = '"';
		memcpy(g->buf + g->len + 1, s, n);
		g->buf[g->len + 1 + n] = '"';
		g->len += n + 2;
		return;
	}
	gm__json_escape(s, GM__JSON_NAMED_BF, textlayer_sink, g);
}

/* A CSV text: as it is unless it holds a character a CSV reader would split
 * on (GDAL counts ';' and tab too), then quoted with quotes doubled. */
static void put_csv_string(gm_textlayer *g, const char *s)
{
	if (!s[strcspn(s, "\",;\t\r\n")]) {
		put_str(g, s);
		return;
	}
	PUT_LIT(g, "\"");
	for (const char *run = s;;) {
		const char *q = strchr(run, '"');
		if (!q) {
			put_str(g, run);
			break;
		}
		put(g, run, (size_t)(q - run + 1));
		PUT_LIT(g, "\"");
		run = q + 1;
	}
	PUT_LIT(g, "\"");
}

/* drop trailing zeros after a decimal point; keep_one: leave "x.0" */
static int trim_zeros(char *buf, int n, int keep_one)
{
	if (!memchr(buf, '.', (size_t)n))
		return n;
	while (buf[n - 1] == '0')
		n--;
	if (buf[n - 1] == '.') {
		if (keep_one)
			buf[n++] = '0';
		else
			n--;
	}
	buf[n] = '\0';
	return n;
}

/* One coordinate. GeoJSON: "%.7f", trailing zeros dropped, one kept after
 * the point. CSV (GDAL's WKT rule): 15 significant digits, ".0" added when
 * there is no point, small numbers in full with 15 decimals ("0.00005";
 * 1e-300 is "0.0") instead of an exponent. */
static int format_coord(char *buf, size_t cap, gm_text_format format, double v)
{
	/* printf's digits without printf (strbuf.h), which cost some 2,000
	 * instructions a number, most of a feature's writing; printf for what
	 * those leave to it */
	int n = cap < 26 ? 0 : (int)(format == GM_TEXT_GEOJSON ? gm__fixed_text(buf, v, 7) : gm__g15_text(buf, v));
	if (!n)
		n = snprintf(buf, cap, format == GM_TEXT_GEOJSON ? "%.7f" : "%.15G", v);
	if (n <= 0 || (size_t)n >= cap)
		return 0;
	if (format == GM_TEXT_GEOJSON)
		return trim_zeros(buf, n, 1);   /* inf and nan have no point: left whole */
	if (strchr(buf, 'E')) {
		if (fabs(v) >= 1)
			return n;   /* 1E+20, as GDAL writes it */
		n = snprintf(buf, cap, "%.15f", v);
		return n <= 0 || (size_t)n >= cap ? 0 : trim_zeros(buf, n, 1);
	}
	/* GDAL adds ".0" to a text of digits only: "112.0", but "-112" stays */
	if (buf[strspn(buf, "0123456789")] == '\0' && (size_t)n + 2 < cap) {
		memcpy(buf + n, ".0", 3);
		n += 2;
	}
	return n;
}

static size_t format_xy(char *buf, size_t cap, gm_text_format format, double x, double y);

/* The points written last, by their bits: a layer names the same places
 * over and over (mentions, daily), and printing a double costs more than the
 * rest of a feature. Per thread, so any thread may write. */
#define XY_SLOTS 256
static _Thread_local struct xy_memo {
	uint64_t x, y;
	int format;       /* -1: empty */
	uint8_t len;
	char text[80];
} xy_memo[XY_SLOTS];
static _Thread_local int xy_memo_ready;

size_t gm__textlayer_xy(char *buf, size_t cap, gm_text_format format, double x, double y)
{
	if (cap < 128)
		return 0;
	if (!xy_memo_ready) {
		for (size_t i = 0; i < XY_SLOTS; i++)
			xy_memo[i].format = -1;
		xy_memo_ready = 1;
	}
	uint64_t bx, by;
	memcpy(&bx, &x, sizeof bx);
	memcpy(&by, &y, sizeof by);
	uint64_t h = (bx ^ (by * 0x9E3779B97F4A7C15ull) ^ (uint64_t)format) * 0x9E3779B97F4A7C15ull;
	struct xy_memo *m = &xy_memo[h >> 56];
	if (m->format == (int)format && m->x == bx && m->y == by) {
		memcpy(buf, m->text, (size_t)m->len + 1);
		return m->len;
	}
	size_t n = format_xy(buf, cap, format, x, y);
	if (n < sizeof m->text) {
		m->x = bx;
		m->y = by;
		m->format = (int)format;
		m->len = (uint8_t)n;
		memcpy(m->text, buf, n + 1);
	}
	return n;
}

static size_t format_xy(char *buf, size_t cap, gm_text_format format, double x, double y)
{
	/* CSV: a point on whole numbers is written as two integers, "22,39"
	 * (GDAL's rule for WKT, which its CSV writer follows) */
	if (format == GM_TEXT_CSV && x >= -2147483648.0 && x <= 2147483647.0 && y >= -2147483648.0 &&
	    y <= 2147483647.0 && x == (double)(int)x && y == (double)(int)y)
		return (size_t)snprintf(buf, cap, "%d,%d", (int)x, (int)y);
	int n = format_coord(buf, cap / 2, format, x);
	buf[n++] = ',';
	n += format_coord(buf + n, cap - (size_t)n, format, y);
	return (size_t)n;
}

static int failure(gm_textlayer *t, gm_error *err)
{
	return gm__fail(err, GM_EIO, "cannot write %s: %s", t->path, strerror(t->err_no ? t->err_no : EIO));
}

int gm__textlayer_create(gm_textlayer **out, gm_text_format format, const char *path, const char *layer_name,
                         const gm_field *fields, size_t n_fields, gm_error *err)
{
	*out = NULL;
	gm_textlayer *t = malloc(sizeof *t);
	if (!t || !(t->path = strdup(path))) {
		free(t);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	t->format = format;
	t->fields = fields;
	t->n_fields = n_fields;
	t->zeros_from = SIZE_MAX;
	t->n_features = t->len = 0;
	t->failed = t->err_no = 0;
	t->f = fopen(path, "w");
	if (!t->f) {
		int rc = gm__fail(err, GM_EIO, "cannot create %s: %s", path, strerror(errno));
		free(t->path);
		free(t);
		return rc;
	}
	if (format == GM_TEXT_GEOJSON) {
		PUT_LIT(t, "{\"type\":\"FeatureCollection\",\"name\":");
		put_json_string(t, layer_name);
		PUT_LIT(t, ",\"features\":[\n");
	} else {
		/* the BOM: spreadsheets read Arabic as UTF-8 only with it */
		if (format == GM_TEXT_CSV)
			PUT_LIT(t, "\xEF\xBB\xBFX,Y");
		for (size_t i = 0; i < n_fields; i++) {
			if (i || format == GM_TEXT_CSV)
				PUT_LIT(t, ",");
			put_csv_string(t, fields[i].name);
		}
		PUT_LIT(t, "\n");
	}
	*out = t;
	return GM_OK;
}

static void geojson_feature(gm_textlayer *t, double lon, double lat, const gm_value *v)
{
	if (t->n_features)
		PUT_LIT(t, ",\n");
	PUT_LIT(t, "{\"type\":\"Feature\",\"properties\":{");
	/* (the first feature is whole: readers take the columns, and their
	 * order, from the first feature that has them) */
	size_t zeros_from = t->n_features ? t->zeros_from : SIZE_MAX;
	for (size_t i = 0, written = 0; i < t->n_fields; i++) {
		if (i >= zeros_from && t->fields[i].type == GM_F_INT && !v[i].null && v[i].i == 0)
			continue;
		if (written++)
			PUT_LIT(t, ",");
		PUT_LIT(t, "\"");
		put_str(t, t->fields[i].name);   /* our own ASCII names: nothing to escape */
		PUT_LIT(t, "\":");
		switch (t->fields[i].type) {
		case GM_F_INT:
			if (v[i].null)
				PUT_LIT(t, "null");
			else
				put_int(t, v[i].i);
			break;
		case GM_F_DATE:
			/* GDAL keeps a date only when whole (YYYY-MM-DD), else NULL */
			if (v[i].s && strlen(v[i].s) == 10)
				put_json_string(t, v[i].s);
			else
				PUT_LIT(t, "null");
			break;
		default:
			put_json_string(t, v[i].s ? v[i].s : "");
		}
	}
	PUT_LIT(t, "},\"geometry\":");
	if (isnan(lon) || isnan(lat)) {
		PUT_LIT(t, "null}");
	} else {
		char num[128];
		PUT_LIT(t, "{\"type\":\"Point\",\"coordinates\":[");
		put(t, num, gm__textlayer_xy(num, sizeof num, GM_TEXT_GEOJSON, lon, lat));
		PUT_LIT(t, "]}}");
	}
}

static void csv_feature(gm_textlayer *t, double lon, double lat, const gm_value *v)
{
	if (t->format == GM_TEXT_TABLE) {
		/* no point columns */
	} else if (!isnan(lon) && !isnan(lat)) {
		char num[128];
		put(t, num, gm__textlayer_xy(num, sizeof num, GM_TEXT_CSV, lon, lat));
	} else {
		PUT_LIT(t, ",");
	}
	for (size_t i = 0; i < t->n_fields; i++) {
		if (i || t->format != GM_TEXT_TABLE)
			PUT_LIT(t, ",");
		if (t->fields[i].type == GM_F_INT) {
			if (!v[i].null)
				put_int(t, v[i].i);
		} else {
			put_csv_string(t, v[i].s ? v[i].s : "");   /* dates too: as text, ISO */
		}
	}
	PUT_LIT(t, "\n");
}

void gm__textlayer_zeros_left_out(gm_textlayer *t, size_t first)
{
	if (t->format == GM_TEXT_GEOJSON)
		t->zeros_from = first;
}

int gm__textlayer_feature(gm_textlayer *t, double lon, double lat, const gm_value *v, gm_error *err)
{
	if (t->format == GM_TEXT_GEOJSON)
		geojson_feature(t, lon, lat, v);
	else
		csv_feature(t, lon, lat, v);
	t->n_features++;
	return t->failed ? failure(t, err) : GM_OK;
}

int gm__textlayer_close(gm_textlayer *t, int ok, gm_error *err)
{
	if (!t)
		return GM_OK;
	int rc = GM_OK;
	if (ok) {
		if (t->format == GM_TEXT_GEOJSON)
			PUT_LIT(t, "\n]}\n");
		flush(t);
		if (fflush(t->f) != 0 && !t->failed) {
			t->failed = 1;
			t->err_no = errno;
		}
		if (t->failed)
			rc = failure(t, err);
	}
	if (fclose(t->f) != 0 && ok && rc == GM_OK)
		rc = gm__fail(err, GM_EIO, "cannot write %s: %s", t->path, strerror(errno));
	free(t->path);
	free(t);
	return rc;
}
