/* tsv.c: reading one TSV source: its header, its rows, its kind (gazetteer_build.h). */
#include "gazetteer_build.h"

#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int split(char *line, char **cols, int max)
{
	int n = 0;
	size_t len = strlen(line);
	if (len && line[len - 1] == '\r')
		line[len - 1] = '\0';
	cols[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			cols[n++] = p + 1;
		}
	return n;
}

static char *next_line(tsv *t)
{
	if (!t->next || !*t->next)
		return NULL;
	char *l = t->next;
	char *e = strchr(l, '\n');
	if (e) {
		*e = '\0';
		t->next = e + 1;
	} else {
		t->next = l + strlen(l);
	}
	t->line++;
	return l;
}

int gm__tsv_open(tsv *t, const char *path, gm_error *err)
{
	memset(t, 0, sizeof *t);
	t->path = path;
	FILE *f = fopen(path, "rb");
	if (!f)
		return gm__fail(err, errno == ENOENT ? GM_ENOENT : GM_EIO, "cannot read gazetteer source %s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	if (sz < 0) {
		fclose(f);
		return gm__fail(err, GM_EIO, "cannot read gazetteer source %s", path);
	}
	t->buf = malloc((size_t)sz + 1);
	if (!t->buf) {
		fclose(f);
		return gm__fail(err, GM_ENOMEM, "out of memory reading %s", path);
	}
	size_t got = fread(t->buf, 1, (size_t)sz, f);
	fclose(f);
	t->buf[got] = '\0';
	if (memchr(t->buf, '\0', got))
		return gm__fail(err, GM_EINVAL, "gazetteer source %s is binary, not TSV", path);
	t->next = t->buf;
	/* comment lines (#) before the header say what the file is for */
	char *h;
	while ((h = next_line(t)) && (*h == '#' || !*h))
		;
	if (!h)
		return gm__fail(err, GM_EINVAL, "gazetteer source %s is empty", path);
	if ((unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB && (unsigned char)h[2] == 0xBF)
		h += 3;
	t->n_header = split(h, t->header, 32);
	return GM_OK;
}

int gm__tsv_col(const tsv *t, const char *name)
{
	for (int i = 0; i < t->n_header; i++)
		if (strcmp(t->header[i], name) == 0)
			return i;
	return -1;
}

const char *gm__tsv_get(const tsv *t, int c)
{
	return c >= 0 && c < t->n_cols ? t->cols[c] : "";
}

int gm__tsv_kind(const tsv *t)
{
	if (gm__tsv_col(t, "trigger") >= 0 && gm__tsv_col(t, "type") >= 0)
		return SRC_TRIGGERS;
	if (gm__tsv_col(t, "demonym") >= 0 && gm__tsv_col(t, "id") >= 0)
		return SRC_DEMONYMS;
	if (gm__tsv_col(t, "word") >= 0 && gm__tsv_col(t, "role") >= 0)
		return SRC_CUES;
	if (gm__tsv_col(t, "phrase") >= 0 && gm__tsv_col(t, "kind") >= 0)
		return SRC_NOT_PLACES;
	if (gm__tsv_col(t, "id") >= 0 && gm__tsv_col(t, "action") >= 0)
		return SRC_CURATED;
	if (gm__tsv_col(t, "id") >= 0 && gm__tsv_col(t, "lat") >= 0 && gm__tsv_col(t, "lon") >= 0)
		return SRC_PLACES;
	if (gm__tsv_col(t, "cca2") >= 0 || gm__tsv_col(t, "acled_region") >= 0 || gm__tsv_col(t, "admin1_id") >= 0 || gm__tsv_col(t, "function") >= 0)
		return SRC_LIBRARY;
	return SRC_UNKNOWN;
}

/* The next data row into t->cols: blank and # lines are passed over, a row
 * whose column count differs from the header's is reported and passed over. */
int gm__tsv_next_row(builder *b, tsv *t)
{
	char *l;
	while ((l = next_line(t))) {
		if (!*l || *l == '#')
			continue;
		t->n_cols = split(l, t->cols, 32);
		if (t->n_cols == t->n_header)
			return 1;
		gm__build_problem(b, t->path, t->line, "wrong number of columns");
	}
	return 0;
}

int gm__tsv_coord(const char *s, double lo, double hi, double *out)
{
	char *e;
	if (!*s)
		return -1;
	errno = 0;
	double v = strtod(s, &e);
	if (errno || *e || v != v || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}
