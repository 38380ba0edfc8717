/* input.c: turning input paths into documents. Every input is accounted for:
 * each file, and each JSON Lines line, comes out either as a document or as a
 * skipped item with the reason, never silently dropped. */
#include "reader.h"

#include "error.h"
#include "json.h"
#include "utf8.h"

#include "geomention.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int gm__valid_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

int gm_reader_open(gm_reader **out, const char *const *inputs, size_t n_inputs, const char *default_date, gm_error *err)
{
	*out = NULL;
	if (!n_inputs)
		return gm__fail(err, GM_EINVAL, "no input given");
	if (default_date && !gm__valid_date(default_date))
		return gm__fail(err, GM_EINVAL, "date %s is not a valid YYYY-MM-DD date", default_date);
	gm_reader *r = calloc(1, sizeof *r);
	if (!r)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	if (default_date && !(r->default_date = strdup(default_date))) {
		gm_reader_free(r);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	int stdin_seen = 0;
	for (size_t i = 0; i < n_inputs; i++) {
		int rc = gm__reader_add_input(r, inputs[i], &stdin_seen, err);
		if (rc != GM_OK) {
			gm_reader_free(r);
			return rc;
		}
	}
	*out = r;
	return GM_OK;
}

static void release_item(gm_reader *r)
{
	free(r->text);
	free(r->id);
	free(r->date);
	r->text = r->id = r->date = NULL;
	r->source = r->title = r->url = NULL;
	gm__json_object_free(&r->obj);
}

static char *stem(const char *path)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	const char *dot = strrchr(b, '.');
	size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
	/* the id goes into every layer: a file name that is not UTF-8 (a Latin-1
	 * disk) gets U+FFFD where its bytes are not, so the layers stay valid */
	size_t len;
	unsigned bad;
	return gm__utf8_repair(b, n, &len, &bad);
}

/* "feed-12": the id of a JSON Lines record that has none */
static char *line_id(const char *path, long line)
{
	char *s = strcmp(path, "-") ? stem(path) : NULL;
	size_t l = (s ? strlen(s) : 0) + 24;
	char *id = malloc(l);
	if (id)
		snprintf(id, l, "%s-%ld", s ? s : "stdin", line);
	free(s);
	return id;
}

static int only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n\f\v", s[i]))
			return 0;
	return 1;
}

static void set_date(gm_reader *r, gm_input_item *item, const char *d)
{
	if (d && strlen(d) >= 10) {
		char buf[11];
		memcpy(buf, d, 10);  /* 2023-09-20T10:00:00Z: the day is what counts */
		buf[10] = '\0';
		if (gm__valid_date(buf) && (d[10] == '\0' || d[10] == 'T' || d[10] == ' ')) {
			r->date = strdup(buf);
			item->doc.date = r->date;
			return;
		}
	}
	if (d)
		snprintf(item->warning, sizeof item->warning, "date \"%.40s\" is not YYYY-MM-DD: left empty", d);
	item->doc.date = r->default_date;
}

/* Open an input for reading, checking what it is on the open descriptor
 * (the file may have changed since the walk): a regular file, or a pipe
 * named on the command line. Opened without blocking, so a FIFO with no
 * writer cannot hang the run; NULL with why filled when refused. */
static FILE *open_input(const src *s, char *why, size_t cap)
{
	int fd = open(s->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, cap, "cannot read: %s", strerror(errno));
		return NULL;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !(S_ISREG(sb.st_mode) || (S_ISFIFO(sb.st_mode) && !s->walked))) {
		snprintf(why, cap, "%s: only regular files are read in a folder", gm__file_kind(sb.st_mode));
		close(fd);
		return NULL;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);   /* a pipe the user gave: wait for its writer */
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		snprintf(why, cap, "cannot read: %s", strerror(errno));
		close(fd);
	}
	return f;
}

static int read_text_file(gm_reader *r, const src *s, gm_input_item *item, gm_error *err)
{
	const char *path = s->path;
	FILE *f = open_input(s, item->reason, sizeof item->reason);
	item->doc.path = path;
	item->doc.line = 0;
	r->id = stem(path);
	if (!r->id) {
		if (f)
			fclose(f);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	item->doc.id = r->id;
	if (!f) {
		item->skipped = 1;
		return 1;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			fclose(f);
			return gm__fail(err, GM_ENOMEM, "out of memory reading %s", path);
		}
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		char *nb = realloc(buf, cap);
		if (!nb)
			free(buf);
		buf = nb;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		item->skipped = 1;
		snprintf(item->reason, sizeof item->reason, "read error");
		return 1;
	}
	if (n == 0 || only_space(buf, n)) {
		free(buf);
		item->skipped = 1;
		snprintf(item->reason, sizeof item->reason, "empty file");
		return 1;
	}
	if (memchr(buf, '\0', n)) {
		free(buf);
		item->skipped = 1;
		snprintf(item->reason, sizeof item->reason, "binary file (NUL bytes): not text");
		return 1;
	}
	size_t len, bom = n >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3) ? 3 : 0;   /* no part of the text */
	r->text = gm__utf8_repair(buf + bom, n - bom, &len, &item->invalid_utf8);
	free(buf);
	if (!r->text)
		return gm__fail(err, GM_ENOMEM, "out of memory reading %s", path);
	item->doc.text = r->text;
	item->doc.text_len = len;
	item->doc.date = r->default_date;
	return 1;
}

/* One line of the open JSON Lines source; 0 at its end. */
static int read_jsonl_line(gm_reader *r, const char *path, gm_input_item *item, gm_error *err)
{
	for (;;) {
		errno = 0;
		ssize_t got = getline(&r->line, &r->line_cap, r->jf);
		if (got < 0) {
			if (ferror(r->jf))
				return gm__fail(err, GM_EIO, "read error in %s: %s", path, strerror(errno));
			return 0;
		}
		r->jline++;
		size_t n = (size_t)got;
		if (r->jline == 1 && n >= 3 && !memcmp(r->line, "\xef\xbb\xbf", 3)) {
			/* a UTF-8 BOM (Windows editors, Excel exports) is no part of the record */
			memmove(r->line, r->line + 3, n - 3);
			n -= 3;
		}
		while (n && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
			n--;
		if (only_space(r->line, n))
			continue;  /* blank lines hold no record */
		item->doc.path = path;
		item->doc.line = r->jline;
		size_t len;
		char *fixed = gm__utf8_repair(r->line, n, &len, &item->invalid_utf8);
		if (!fixed)
			return gm__fail(err, GM_ENOMEM, "out of memory");
		char why[160];
		int bad = memchr(r->line, '\0', n) != NULL;
		if (bad || gm__json_parse_object(fixed, len, &r->obj, why, sizeof why) != 0) {
			free(fixed);
			/* the record's own id is unreadable: name it by file and line */
			r->id = line_id(path, r->jline);
			item->doc.id = r->id ? r->id : "";
			item->skipped = 1;
			snprintf(item->reason, sizeof item->reason, "%s:%ld: malformed JSON: %s", path, r->jline,
			         bad ? "NUL byte in line" : why);
			return 1;
		}
		free(fixed);
		const gm_json_field *id = gm__json_get(&r->obj, "id");
		const gm_json_field *text = gm__json_get(&r->obj, "text");
		const gm_json_field *date = gm__json_get(&r->obj, "date");
		const gm_json_field *f;
		if (id && id->value) {
			r->id = strdup(id->value);
		} else {
			r->id = line_id(path, r->jline);
			snprintf(item->warning, sizeof item->warning, "no \"id\": named %s", r->id ? r->id : "");
		}
		if (!r->id)
			return gm__fail(err, GM_ENOMEM, "out of memory");
		item->doc.id = r->id;
		if (!text || !text->is_string) {
			item->skipped = 1;
			snprintf(item->reason, sizeof item->reason, "%s:%ld: no \"text\" string", path, r->jline);
			return 1;
		}
		if (only_space(text->value, strlen(text->value))) {
			item->skipped = 1;
			snprintf(item->reason, sizeof item->reason, "%s:%ld: empty text", path, r->jline);
			return 1;
		}
		item->doc.text = text->value;
		item->doc.text_len = strlen(text->value);
		if (r->obj.nul_escapes && !item->warning[0])
			snprintf(item->warning, sizeof item->warning, "%u \\u0000 escapes replaced by U+FFFD",
			         r->obj.nul_escapes);
		set_date(r, item, date && date->is_string ? date->value : NULL);
		if ((f = gm__json_get(&r->obj, "source")) && f->is_string)
			item->doc.source = r->source = f->value;
		if ((f = gm__json_get(&r->obj, "title")) && f->is_string)
			item->doc.title = r->title = f->value;
		if ((f = gm__json_get(&r->obj, "url")) && f->is_string)
			item->doc.url = r->url = f->value;
		return 1;
	}
}

int gm_reader_next(gm_reader *r, gm_input_item *item, gm_error *err)
{
	release_item(r);
	memset(item, 0, sizeof *item);
	while (r->cur < r->n) {
		src *s = &r->srcs[r->cur];
		if (s->kind == SRC_TEXT) {
			r->cur++;
			return read_text_file(r, s, item, err);
		}
		if (s->kind == SRC_REFUSED) {
			r->cur++;
			item->skipped = 1;
			item->doc.path = s->path;
			r->id = stem(s->path);
			item->doc.id = r->id ? r->id : "";
			snprintf(item->reason, sizeof item->reason, "%s", s->reason);
			return 1;
		}
		if (!r->jf) {
			r->jline = 0;
			r->jrecords = 0;
			r->jf = s->kind == SRC_STDIN ? stdin : open_input(s, item->reason, sizeof item->reason);
			if (!r->jf) {
				r->cur++;
				item->skipped = 1;
				item->doc.path = s->path;
				r->id = stem(s->path);
				item->doc.id = r->id ? r->id : "";
				return 1;
			}
		}
		int rc = read_jsonl_line(r, s->path, item, err);
		if (rc > 0)
			r->jrecords++;
		if (rc != 0)
			return rc;
		if (r->jf != stdin)
			fclose(r->jf);
		r->jf = NULL;
		r->cur++;
		if (r->jrecords == 0) {
			/* a JSON Lines input with no record is still an input: say so */
			item->skipped = 1;
			item->doc.path = s->path;
			r->id = strcmp(s->path, "-") ? stem(s->path) : strdup("stdin");
			item->doc.id = r->id ? r->id : "";
			snprintf(item->reason, sizeof item->reason, "no JSON Lines records");
			return 1;
		}
	}
	return 0;
}

void gm_reader_free(gm_reader *r)
{
	if (!r)
		return;
	release_item(r);
	if (r->jf && r->jf != stdin)
		fclose(r->jf);
	for (size_t i = 0; i < r->n; i++) {
		free(r->srcs[i].path);
		free(r->srcs[i].reason);
	}
	free(r->srcs);
	free(r->dirs);
	free(r->files);
	free(r->line);
	free(r->default_date);
	free(r);
}
