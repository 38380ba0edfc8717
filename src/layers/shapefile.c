/* shapefile.c: point Shapefiles written directly (see shapefile.h for why).
 *
 * .shp and .shx: a 100-byte header (file code 9994 and lengths big-endian,
 * in 16-bit words; version, shape type and bounds little-endian), then per
 * record a big-endian number and length and the shape: type 1 and x, y, or
 * type 0 for none. .dbf (dBASE III): a 32-byte header, 32 bytes per field,
 * 0x0D, then fixed-width records, a space each for "not deleted", and 0x1A
 * at the end. Headers are written last, when the counts and bounds are
 * known. */
#include "shapefile.h"

#include "strbuf.h"
#include "utf8.h"

#include <errno.h>
#include <unistd.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SHP_HEADER 100
#define MAX_FILE_BYTES 4294967295ULL   /* 32-bit lengths and offsets */

enum { F_SHP, F_SHX, F_DBF, N_FILES };
static const char *const extensions[N_FILES] = {"shp", "shx", "dbf"};

struct gm_shapefile {
	FILE *f[N_FILES];
	char *path[N_FILES];
	const gm_field *fields;
	size_t n_fields;
	unsigned widths[GM_MAX_FIELDS];
	unsigned used[GM_MAX_FIELDS];   /* a field's longest value so far, in bytes (a number's digits and sign) */
	int keep_widths;            /* no narrowing at close */
	size_t record_len;          /* DBF: 1 + the widths */
	char *record;
	uint64_t shp_bytes;         /* .shp length so far */
	uint32_t n_records;
	int has_bounds;
	double xmin, ymin, xmax, ymax;
	int failed;                 /* a write failed; errno in err_no, file in failed_file */
	int err_no, failed_file;
};

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void put_le16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put_le_double(unsigned char *p, double d)
{
	uint64_t v;
	memcpy(&v, &d, 8);
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void write_bytes(gm_shapefile *s, int file, const void *p, size_t n)
{
	if (!s->failed && fwrite(p, 1, n, s->f[file]) != n) {
		s->failed = 1;
		s->err_no = errno;
		s->failed_file = file;
	}
}

static int failure(gm_shapefile *s, gm_error *err)
{
	return gm__fail(err, GM_EIO, "cannot write %s: %s", s->path[s->failed_file],
	                strerror(s->err_no ? s->err_no : EIO));
}

/* The .shp/.shx header: file length in 16-bit words, type Point, bounds. */
static void shp_header(const gm_shapefile *s, unsigned char *h, uint64_t file_bytes)
{
	memset(h, 0, SHP_HEADER);
	put_be32(h, 9994);
	put_be32(h + 24, (uint32_t)(file_bytes / 2));
	put_le32(h + 28, 1000);
	put_le32(h + 32, 1);
	if (s->has_bounds) {
		put_le_double(h + 36, s->xmin);
		put_le_double(h + 44, s->ymin);
		put_le_double(h + 52, s->xmax);
		put_le_double(h + 60, s->ymax);
	}
}

/* The .dbf header and field descriptors. */
static void dbf_header(const gm_shapefile *s, unsigned char *h, size_t header_len)
{
	memset(h, 0, header_len);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	h[0] = 0x03;   /* dBASE III, no memo */
	h[1] = (unsigned char)tm.tm_year;   /* last update: years since 1900 */
	h[2] = (unsigned char)(tm.tm_mon + 1);
	h[3] = (unsigned char)tm.tm_mday;
	put_le32(h + 4, s->n_records);
	put_le16(h + 8, (uint16_t)header_len);
	put_le16(h + 10, (uint16_t)s->record_len);
	for (size_t i = 0; i < s->n_fields; i++) {
		unsigned char *d = h + 32 + 32 * i;
		size_t nl = strlen(s->fields[i].name);
		memcpy(d, s->fields[i].name, nl > 10 ? 10 : nl);   /* 10 characters and a NUL */
		d[11] = s->fields[i].type == GM_F_INT ? 'N' : s->fields[i].type == GM_F_DATE ? 'D' : 'C';
		d[16] = (unsigned char)s->widths[i];
	}
	h[header_len - 1] = 0x0D;
}

static size_t dbf_header_len(const gm_shapefile *s) { return 32 + 32 * s->n_fields + 1; }

static void close_files(gm_shapefile *s)
{
	for (int i = 0; i < N_FILES; i++) {
		if (s->f[i])
			fclose(s->f[i]);
		free(s->path[i]);
	}
	free(s->record);
	free(s);
}

static int write_small_file(const char *base, const char *ext, const char *text, gm_error *err)
{
	char p[4096];
	if (snprintf(p, sizeof p, "%s.%s", base, ext) >= (int)sizeof p)
		return gm__fail(err, GM_EIO, "path too long: %s", base);
	FILE *f = fopen(p, "w");
	if (!f)
		return gm__fail(err, GM_EIO, "cannot create %s: %s", p, strerror(errno));
	size_t n = strlen(text);
	int ok = fwrite(text, 1, n, f) == n;
	if (fclose(f) != 0 || !ok)
		return gm__fail(err, GM_EIO, "cannot write %s: %s", p, strerror(errno));
	return GM_OK;
}

int gm__shapefile_create(gm_shapefile **out, const char *base, const gm_field *fields, size_t n_fields,
                         const char *prj_wkt, gm_error *err)
{
	*out = NULL;
	if (n_fields > GM_MAX_FIELDS)
		return gm__fail(err, GM_EINVAL, "a layer of %zu fields; at most %d", n_fields, GM_MAX_FIELDS);
	gm_shapefile *s = calloc(1, sizeof *s);
	if (!s)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	s->fields = fields;
	s->n_fields = n_fields;
	s->record_len = 1;
	for (size_t i = 0; i < n_fields; i++) {
		unsigned w = fields[i].type == GM_F_DATE ? 8 : fields[i].width ? (unsigned)fields[i].width : 10;
		if (fields[i].type == GM_F_STR && (!fields[i].width || fields[i].width > GM_DBF_BYTES))
			w = GM_DBF_BYTES;
		s->widths[i] = w;
		s->record_len += w;
	}
	s->record = malloc(s->record_len);
	if (!s->record) {
		close_files(s);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	for (int i = 0; i < N_FILES; i++) {
		size_t n = strlen(base) + 5;
		s->path[i] = malloc(n);
		if (!s->path[i]) {
			close_files(s);
			return gm__fail(err, GM_ENOMEM, "out of memory");
		}
		snprintf(s->path[i], n, "%s.%s", base, extensions[i]);
		s->f[i] = fopen(s->path[i], "w+b");
		if (!s->f[i]) {
			int rc = gm__fail(err, GM_EIO, "cannot create %s: %s", s->path[i], strerror(errno));
			close_files(s);
			return rc;
		}
		/* large writes: records are small and many */
		setvbuf(s->f[i], NULL, _IOFBF, 1 << 18);
	}
	/* headers as placeholders now, rewritten whole at the end */
	unsigned char h[32 + 32 * GM_MAX_FIELDS + 1];
	shp_header(s, h, SHP_HEADER);
	write_bytes(s, F_SHP, h, SHP_HEADER);
	write_bytes(s, F_SHX, h, SHP_HEADER);
	dbf_header(s, h, dbf_header_len(s));
	write_bytes(s, F_DBF, h, dbf_header_len(s));
	s->shp_bytes = SHP_HEADER;
	int rc = s->failed ? failure(s, err) : GM_OK;
	if (rc == GM_OK)
		rc = write_small_file(base, "cpg", "UTF-8", err);   /* the encoding, for QGIS and ArcGIS */
	if (rc == GM_OK && prj_wkt)
		rc = write_small_file(base, "prj", prj_wkt, err);
	if (rc != GM_OK) {
		close_files(s);
		return rc;
	}
	*out = s;
	return GM_OK;
}

/* one DBF value into its fixed-width slot; -1 when a number does not fit.
 * *used: the bytes of a text written */
static int put_value(char *slot, unsigned width, const gm_field *f, const gm_value *v, unsigned *used)
{
	if (f->type == GM_F_INT) {
		if (v->null) {
			memset(slot, '*', width);   /* dBASE's NULL, as GDAL writes it */
			return 0;
		}
		char num[32];
		size_t n = gm__int_text(num, v->i);
		if (n > width)
			return -1;
		memset(slot, ' ', width - n);   /* numbers right-aligned */
		memcpy(slot + width - n, num, n);
		if (n > *used)
			*used = (unsigned)n;
		return 0;
	}
	if (f->type == GM_F_DATE) {
		const char *d = v->s;
		if (d && strlen(d) == 10 && d[4] == '-' && d[7] == '-') {
			memcpy(slot, d, 4);
			memcpy(slot + 4, d + 5, 2);
			memcpy(slot + 6, d + 8, 2);
		} else {
			memset(slot, '0', width);   /* no date: GDAL's NULL date */
		}
		return 0;
	}
	const char *t = v->s ? v->s : "";
	size_t n = strlen(t);
	if (n > width)
		n = gm__utf8_clip(t, n, width);   /* never cut inside a letter */
	memcpy(slot, t, n);
	memset(slot + n, ' ', width - n);
	if (n > *used)
		*used = (unsigned)n;
	return 0;
}

int gm__shapefile_feature(gm_shapefile *s, double x, double y, const gm_value *v, gm_error *err)
{
	int located = !isnan(x) && !isnan(y);
	uint32_t content_words = located ? 10 : 2;
	uint64_t record_bytes = 8 + 2ULL * content_words;
	uint64_t dbf_after = dbf_header_len(s) + (uint64_t)s->record_len * (s->n_records + 1ULL) + 1;
	if (s->shp_bytes + record_bytes > MAX_FILE_BYTES || dbf_after > MAX_FILE_BYTES)
		return gm__fail(err, GM_EIO,
		                "%s would pass the Shapefile's 4 GB limit; write this run as GPKG or FlatGeobuf (-f GPKG)",
		                dbf_after > MAX_FILE_BYTES ? s->path[F_DBF] : s->path[F_SHP]);
	/* the attributes first: a value that does not fit writes nothing */
	char *r = s->record;
	r[0] = ' ';   /* not deleted */
	size_t off = 1;
	for (size_t i = 0; i < s->n_fields; i++) {
		if (put_value(r + off, s->widths[i], &s->fields[i], &v[i], &s->used[i]) != 0)
			return gm__fail(err, GM_EINVAL, "%lld does not fit the %u characters of field %s in %s", v[i].i,
			                s->widths[i], s->fields[i].name, s->path[F_DBF]);
		off += s->widths[i];
	}
	write_bytes(s, F_DBF, r, s->record_len);

	unsigned char rec[28];
	put_be32(rec, s->n_records + 1);   /* numbered from 1 */
	put_be32(rec + 4, content_words);
	put_le32(rec + 8, located ? 1 : 0);
	if (located) {
		put_le_double(rec + 12, x);
		put_le_double(rec + 20, y);
		if (!s->has_bounds) {
			s->xmin = s->xmax = x;
			s->ymin = s->ymax = y;
			s->has_bounds = 1;
		} else {
			s->xmin = x < s->xmin ? x : s->xmin;
			s->xmax = x > s->xmax ? x : s->xmax;
			s->ymin = y < s->ymin ? y : s->ymin;
			s->ymax = y > s->ymax ? y : s->ymax;
		}
	}
	write_bytes(s, F_SHP, rec, (size_t)record_bytes);
	unsigned char idx[8];
	put_be32(idx, (uint32_t)(s->shp_bytes / 2));
	put_be32(idx + 4, content_words);
	write_bytes(s, F_SHX, idx, 8);
	s->shp_bytes += record_bytes;
	s->n_records++;
	return s->failed ? failure(s, err) : GM_OK;
}

void gm__shapefile_keep_widths(gm_shapefile *s) { s->keep_widths = 1; }

static void io_failed(gm_shapefile *s, int file)
{
	if (!s->failed) {
		s->failed = 1;
		s->err_no = errno ? errno : EIO;
		s->failed_file = file;
	}
}

/* Narrow every text and number field to its longest value (at least 1
 * byte: a field of NULLs keeps one star), as GDAL's RESIZE=YES does; a
 * daily row's twenty counts of one digit took 10 bytes each. The records are
 * rewritten in place from the front: a record's new place never lies past
 * its old one, and a chunk is read before it is overwritten. */
static void narrow_dbf(gm_shapefile *s)
{
	unsigned nw[GM_MAX_FIELDS];
	size_t new_len = 1;
	for (size_t i = 0; i < s->n_fields; i++) {
		nw[i] = s->fields[i].type == GM_F_DATE ? s->widths[i] : s->used[i] ? s->used[i] : 1;
		new_len += nw[i];
	}
	if (new_len == s->record_len || s->failed)
		return;
	FILE *f = s->f[F_DBF];
	size_t head = dbf_header_len(s), per_chunk = (1u << 20) / s->record_len + 1;
	char *in = malloc(per_chunk * s->record_len), *out = malloc(per_chunk * new_len);
	if (!in || !out) {
		free(in);
		free(out);
		return;   /* out of memory: the file stays as written, whole and wider */
	}
	for (uint32_t k = 0; k < s->n_records && !s->failed;) {
		size_t m = s->n_records - k < per_chunk ? s->n_records - k : per_chunk;
		if (fseek(f, (long)(head + (uint64_t)k * s->record_len), SEEK_SET) != 0 ||
		    fread(in, s->record_len, m, f) != m) {
			io_failed(s, F_DBF);
			break;
		}
		for (size_t r = 0; r < m; r++) {
			const char *from = in + r * s->record_len;
			char *to = out + r * new_len;
			*to++ = *from++;   /* the deletion flag */
			for (size_t i = 0; i < s->n_fields; i++) {
				/* a text is padded after it, a number before it */
				size_t skip = s->fields[i].type == GM_F_INT ? s->widths[i] - nw[i] : 0;
				memcpy(to, from + skip, nw[i]);
				to += nw[i];
				from += s->widths[i];
			}
		}
		if (fseek(f, (long)(head + (uint64_t)k * new_len), SEEK_SET) != 0 || fwrite(out, new_len, m, f) != m)
			io_failed(s, F_DBF);
		k += (uint32_t)m;
	}
	free(in);
	free(out);
	if (s->failed)
		return;
	uint64_t end = head + (uint64_t)s->n_records * new_len;
	if (fflush(f) != 0 || ftruncate(fileno(f), (off_t)end) != 0 || fseek(f, (long)end, SEEK_SET) != 0) {
		io_failed(s, F_DBF);
		return;
	}
	memcpy(s->widths, nw, sizeof nw);
	s->record_len = new_len;
}

int gm__shapefile_close(gm_shapefile *s, int ok, gm_error *err)
{
	if (!s)
		return GM_OK;
	if (ok) {
		static const unsigned char eof = 0x1A;
		if (!s->keep_widths)
			narrow_dbf(s);
		write_bytes(s, F_DBF, &eof, 1);
		unsigned char h[32 + 32 * GM_MAX_FIELDS + 1];
		uint64_t lens[2] = {s->shp_bytes, SHP_HEADER + 8ULL * s->n_records};
		for (int i = F_SHP; i <= F_SHX; i++) {
			shp_header(s, h, lens[i]);
			if (!s->failed && fseek(s->f[i], 0, SEEK_SET) != 0) {
				s->failed = 1;
				s->err_no = errno;
				s->failed_file = i;
			}
			write_bytes(s, i, h, SHP_HEADER);
		}
		dbf_header(s, h, dbf_header_len(s));
		if (!s->failed && fseek(s->f[F_DBF], 0, SEEK_SET) != 0) {
			s->failed = 1;
			s->err_no = errno;
			s->failed_file = F_DBF;
		}
		write_bytes(s, F_DBF, h, dbf_header_len(s));
		for (int i = 0; i < N_FILES; i++) {
			if (!s->failed && fflush(s->f[i]) != 0) {
				s->failed = 1;
				s->err_no = errno;
				s->failed_file = i;
			}
		}
	}
	int rc = ok && s->failed ? failure(s, err) : GM_OK;
	for (int i = 0; i < N_FILES; i++) {
		if (s->f[i] && fclose(s->f[i]) != 0 && ok && rc == GM_OK)
			rc = gm__fail(err, GM_EIO, "cannot write %s: %s", s->path[i], strerror(errno));
		s->f[i] = NULL;
	}
	close_files(s);
	return rc;
}
