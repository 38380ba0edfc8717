/* gazetteer_build.c: compiling the reviewed TSV sources into one mmap-able file.
 *
 * Sources are told apart by their header line:
 *   places.tsv      id name_en name_ar lat lon feature country admin1 population names_ar names_alt ...
 *   curated.tsv     id action name_en name_ar lat lon feature country admin1 population names_ar note
 *                   action: add (aliases, and fields that are not empty override),
 *                           fix (fields override and the sources' names are dropped),
 *                           new (a place no source has)
 *   not-places.tsv  phrase kind note
 *   cues.tsv        word role class note   (type words, organisation heads, titles, ...)
 *   demonyms.tsv    demonym id note        (irregular demonyms: أمريكي -> the United States)
 *   event-triggers.tsv  trigger type note  (event words, casualty and counting words)
 * Places files are read first, then curated, then not-places and cues, whatever the
 * order on the command line, so a correction always lands on its place.
 * Names are tokenized and folded with the same code the matcher uses, so a key
 * in the file is exactly what the text will produce.
 */
#include "gazetteer_build.h"

#include "error.h"
#include "grow.h"
#include "events.h"
#include "fold.h"
#include "tokenize.h"
#include "translit.h"
#include "utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static int add_names(bplace *p, const char *list, uint8_t kind)
{
	const char *s = list;
	while (*s) {
		const char *e = strchr(s, '|');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (gm__build_add_name(p, s, n, kind))
			return -1;
		s += n;
		if (*s == '|')
			s++;
	}
	return 0;
}

/* ---------------------------------------------------------------- TSV input */

typedef struct tsv {
	char *buf;
	char *cols[32];
	int n_cols;
	char *header[32];
	int n_header;
	char *next;
	size_t line;
	const char *path;
} tsv;

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

static int tsv_open(tsv *t, const char *path, gm_error *err)
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

static int col(const tsv *t, const char *name)
{
	for (int i = 0; i < t->n_header; i++)
		if (strcmp(t->header[i], name) == 0)
			return i;
	return -1;
}

static const char *get(const tsv *t, int c)
{
	return c >= 0 && c < t->n_cols ? t->cols[c] : "";
}

/* SRC_LIBRARY: countries.tsv, acled-regions.tsv, admin1.tsv and event-words.tsv, compiled into the
 * library (layers/acled.c), not the gazetteer: passed over, so that a glob
 * of every TSV in gazetteer/ builds */
enum { SRC_PLACES, SRC_CURATED, SRC_NOT_PLACES, SRC_CUES, SRC_DEMONYMS, SRC_TRIGGERS, SRC_LIBRARY, SRC_UNKNOWN };

static int source_kind(const tsv *t)
{
	if (col(t, "trigger") >= 0 && col(t, "type") >= 0)
		return SRC_TRIGGERS;
	if (col(t, "demonym") >= 0 && col(t, "id") >= 0)
		return SRC_DEMONYMS;
	if (col(t, "word") >= 0 && col(t, "role") >= 0)
		return SRC_CUES;
	if (col(t, "phrase") >= 0 && col(t, "kind") >= 0)
		return SRC_NOT_PLACES;
	if (col(t, "id") >= 0 && col(t, "action") >= 0)
		return SRC_CURATED;
	if (col(t, "id") >= 0 && col(t, "lat") >= 0 && col(t, "lon") >= 0)
		return SRC_PLACES;
	if (col(t, "cca2") >= 0 || col(t, "acled_region") >= 0 || col(t, "admin1_id") >= 0 || col(t, "function") >= 0)
		return SRC_LIBRARY;
	return SRC_UNKNOWN;
}

/* The next data row into t->cols: blank and # lines are passed over, a row
 * whose column count differs from the header's is reported and passed over. */
static int next_row(builder *b, tsv *t)
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

static int parse_coord(const char *s, double lo, double hi, double *out)
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

static void set_fields(bplace *p, const tsv *t, int c_en, int c_feat, int c_cc, int c_a1, int c_pop)
{
	if (*get(t, c_en))
		gm__build_set_str(&p->name_en, get(t, c_en));
	if (*get(t, c_feat))
		snprintf(p->feature, sizeof p->feature, "%.7s", get(t, c_feat));
	if (*get(t, c_cc))
		snprintf(p->country, sizeof p->country, "%.3s", get(t, c_cc));
	if (*get(t, c_a1))
		gm__build_set_str(&p->admin1, get(t, c_a1));
	if (*get(t, c_pop))
		p->population = strtoll(get(t, c_pop), NULL, 10);
}

static int read_places(builder *b, tsv *t)
{
	int c_id = col(t, "id"), c_en = col(t, "name_en"), c_ar = col(t, "name_ar"), c_lat = col(t, "lat"),
	    c_lon = col(t, "lon"), c_feat = col(t, "feature"), c_cc = col(t, "country"), c_a1 = col(t, "admin1"),
	    c_pop = col(t, "population"), c_names = col(t, "names_ar"), c_alt = col(t, "names_alt"),
	    c_latin = col(t, "names_latin");
	while (next_row(b, t)) {
		const char *id = get(t, c_id);
		double lat, lon;
		if (!*id) {
			gm__build_problem(b, t->path, t->line, "no id");
			continue;
		}
		if (parse_coord(get(t, c_lat), -90, 90, &lat) || parse_coord(get(t, c_lon), -180, 180, &lon)) {
			gm__build_problem(b, t->path, t->line, "latitude or longitude missing or out of range");
			continue;
		}
		long at = gm__build_find_place(b, id);
		bplace *p;
		if (at >= 0 && b->places[at].from_dump) {
			/* the reviewed TSV wins over a GeoNames dump: its fields replace
			 * the dump's, the dump's names stay as further names */
			p = &b->places[at];
			p->from_dump = 0;
		} else if (at >= 0) {
			gm__build_problem(b, t->path, t->line, "duplicate id");
			continue;
		} else {
			p = gm__build_add_place(b, id);
		}
		if (!p)
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		p->lat = lat;
		p->lon = lon;
		set_fields(p, t, c_en, c_feat, c_cc, c_a1, c_pop);
		if (*get(t, c_ar) || !p->name_ar[0])
			gm__build_set_str(&p->name_ar, get(t, c_ar));
		if (gm__build_add_name(p, get(t, c_ar), strlen(get(t, c_ar)), GM_NAME_TAGGED) ||
		    add_names(p, get(t, c_names), GM_NAME_TAGGED) || add_names(p, get(t, c_alt), GM_NAME_UNTAGGED) ||
		    (c_latin >= 0 && add_names(p, get(t, c_latin), GM_NAME_LATIN)))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		/* name_ar may come from the untagged list: keep its weight low */
		if (!*get(t, c_names) && *get(t, c_ar)) {
			for (size_t i = 0; i < p->n_names; i++)
				if (strcmp(p->names[i].text, get(t, c_ar)) == 0)
					p->names[i].kind = GM_NAME_UNTAGGED;
		}
	}
	return GM_OK;
}

static int read_curated(builder *b, tsv *t)
{
	int c_id = col(t, "id"), c_act = col(t, "action"), c_en = col(t, "name_en"), c_ar = col(t, "name_ar"), c_lat = col(t, "lat"),
	    c_lon = col(t, "lon"), c_feat = col(t, "feature"), c_cc = col(t, "country"), c_a1 = col(t, "admin1"),
	    c_pop = col(t, "population"), c_names = col(t, "names_ar");
	while (next_row(b, t)) {
		const char *id = get(t, c_id), *act = get(t, c_act);
		long at = gm__build_find_place(b, id);
		bplace *p;
		if (strcmp(act, "new") == 0) {
			double lat, lon;
			if (at >= 0) {
				gm__build_problem(b, t->path, t->line, "action new for an id the sources already have");
				continue;
			}
			if (parse_coord(get(t, c_lat), -90, 90, &lat) || parse_coord(get(t, c_lon), -180, 180, &lon) ||
			    !*get(t, c_en) || !*get(t, c_feat)) {
				gm__build_problem(b, t->path, t->line, "a new place needs name_en, lat, lon and feature");
				continue;
			}
			p = gm__build_add_place(b, id);
			if (!p)
				return gm__fail(b->err, GM_ENOMEM, "out of memory");
			p->lat = lat;
			p->lon = lon;
		} else if (strcmp(act, "add") == 0 || strcmp(act, "fix") == 0) {
			if (at < 0) {
				gm__build_problem(b, t->path, t->line, "no place with this id in the sources");
				continue;
			}
			p = &b->places[at];
			double v;
			if (parse_coord(get(t, c_lat), -90, 90, &v) == 0)
				p->lat = v;
			if (parse_coord(get(t, c_lon), -180, 180, &v) == 0)
				p->lon = v;
			if (strcmp(act, "fix") == 0) {
				for (size_t i = 0; i < p->n_names; i++)
					free(p->names[i].text);
				p->n_names = 0;
				gm__build_set_str(&p->name_ar, "");
			}
		} else {
			gm__build_problem(b, t->path, t->line, "action is not add, fix or new");
			continue;
		}
		set_fields(p, t, c_en, c_feat, c_cc, c_a1, c_pop);
		if (*get(t, c_ar))
			gm__build_set_str(&p->name_ar, get(t, c_ar));  /* the preferred Arabic name users see */
		if (add_names(p, get(t, c_names), GM_NAME_CURATED) ||
		    gm__build_add_name(p, get(t, c_ar), strlen(get(t, c_ar)), GM_NAME_CURATED))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		if (!*p->name_ar && p->n_names) {
			const char *first = get(t, c_names);
			const char *bar = strchr(first, '|');
			char *d = gm__build_strndup(first, bar ? (size_t)(bar - first) : strlen(first));
			if (d) {
				free(p->name_ar);
				p->name_ar = d;
			}
		}
	}
	return GM_OK;
}

/* Tokenize and fold a name into a key ("word word"); returns its word count,
 * 0 when it is unusable. */
static uint32_t make_key(builder *b, const char *name, char *out, size_t cap)
{
	gm_error e;
	if (gm__tokenize(&b->tz, name, strlen(name), &b->toks, &e) != GM_OK || b->toks.n == 0 ||
	    b->toks.n > GM_GAZ_MAX_WORDS)
		return 0;
	size_t o = 0;
	for (size_t i = 0; i < b->toks.n; i++) {
		const gm_token *tk = &b->toks.tok[i];
		if (o + tk->f_len + 2 > cap)
			return 0;
		if (i)
			out[o++] = ' ';
		memcpy(out + o, b->toks.folded + tk->f_off, tk->f_len);
		o += tk->f_len;
	}
	out[o] = '\0';
	if (gm__utf8_count(out, o) < 2)
		return 0;  /* one letter names nothing reliably */
	return (uint32_t)b->toks.n;
}

static int add_triple(builder *b, const char *key, uint32_t words, uint32_t place, uint8_t kind, uint8_t note)
{
	if (GM__GROW(b->triples, b->cap_triples, b->n_triples + 1))
		return -1;
	char *k = gm__build_strdup(key);
	if (!k)
		return -1;
	b->triples[b->n_triples++] = (triple){k, words, place, kind, note};
	return 0;
}

static int read_not_places(builder *b, tsv *t)
{
	int c_ph = col(t, "phrase"), c_kind = col(t, "kind");
	char key[1024];
	while (next_row(b, t)) {
		uint32_t w = make_key(b, get(t, c_ph), key, sizeof key);
		if (!w) {
			gm__build_problem(b, t->path, t->line, "phrase has no words to match");
			continue;
		}
		if (add_triple(b, key, w, GM_GAZ_NO_PLACE, GM_NAME_NOT_PLACE, gm__gaz_not_place_code(get(t, c_kind))))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		b->stats->not_places++;
	}
	return GM_OK;
}

static int read_cues(builder *b, tsv *t)
{
	int c_word = col(t, "word"), c_role = col(t, "role"), c_class = col(t, "class");
	char key[1024];
	while (next_row(b, t)) {
		int role = gm__gaz_cue_role(get(t, c_role));
		int cls = role > 0 ? gm__gaz_cue_class(role, c_class >= 0 ? get(t, c_class) : "") : -1;
		if (role < 0 || cls < 0) {
			gm__build_problem(b, t->path, t->line, "unknown cue role or class (roles: type, org, title, patronym, parent, media, office)");
			continue;
		}
		uint32_t w = make_key(b, get(t, c_word), key, sizeof key);
		if (w != 1) {
			gm__build_problem(b, t->path, t->line, "a cue is one word");
			continue;
		}
		if (add_triple(b, key, 1, GM_GAZ_NO_PLACE, GM_NAME_CUE, (uint8_t)(role << 4 | cls)))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		b->stats->cues++;
	}
	return GM_OK;
}

/* The inflections of a demonym from its stem (the masculine singular without
 * its final ي): singular, feminine, plurals and duals, bare and with the
 * article. Clitics before them are the matcher's business. */
static const char *const demonym_endings[] = {"ي", "يه", "يون", "يين", "يان", "يتان", "يتين", "يات"};

static int add_demonym_forms(builder *b, const char *stem, uint32_t place)
{
	char key[512];
	for (size_t i = 0; i < sizeof demonym_endings / sizeof *demonym_endings; i++)
		for (int article = 0; article < 2; article++) {
			int n = snprintf(key, sizeof key, "%s%s%s", article ? "ال" : "", stem, demonym_endings[i]);
			if (n <= 0 || (size_t)n >= sizeof key)
				return GM_OK;
			if (add_triple(b, key, 1, place, GM_NAME_DEMONYM, 0))
				return GM_ENOMEM;
		}
	b->stats->demonyms++;
	return GM_OK;
}

/* The demonym stem of a one-word country or region name by the regular rule:
 * the article and a final ا، يا، ية or ة dropped (روسيا -> روس, السعودية ->
 * سعود, فرنسا -> فرنس, العراق -> عراق). The article is judged on the name as
 * written, since folding makes ألمانيا start with ال too. 0 when the rule
 * does not apply (the name ends in ي or leaves fewer than three letters). */
static size_t demonym_stem(builder *b, const char *name, char *out, size_t cap)
{
	const char *s = name;
	if (!strncmp(s, "ال", strlen("ال")))
		s += strlen("ال");
	if (make_key(b, s, out, cap) != 1)
		return 0;
	size_t n = strlen(out);
	static const char *const finals[] = {"يه", "يا", "ا", "ه"};
	for (size_t i = 0; i < sizeof finals / sizeof *finals; i++) {
		size_t fl = strlen(finals[i]);
		if (n > fl && !memcmp(out + n - fl, finals[i], fl)) {
			n -= fl;
			break;
		}
	}
	out[n] = '\0';
	if (n >= 2 && !memcmp(out + n - 2, "ي", 2))
		return 0;
	return gm__utf8_count(out, n) >= 3 ? n : 0;
}

/* Places whose names give regular demonyms: countries, continents and regions. */
static int demonym_worthy(const bplace *p)
{
	const char *f = p->feature;
	return !strncmp(f, "PCL", 3) || !strcmp(f, "CONT") || !strcmp(f, "RGN");
}

static int read_demonyms(builder *b, tsv *t)
{
	int c_dem = col(t, "demonym"), c_id = col(t, "id");
	char key[512];
	while (next_row(b, t)) {
		long at = gm__build_find_place(b, get(t, c_id));
		if (at < 0) {
			gm__build_problem(b, t->path, t->line, "no place with this id in the sources");
			continue;
		}
		/* the masculine singular as written, its final ي the ending */
		if (make_key(b, get(t, c_dem), key, sizeof key) != 1) {
			gm__build_problem(b, t->path, t->line, "a demonym is one word");
			continue;
		}
		size_t n = strlen(key);
		if (n < 2 + 6 || memcmp(key + n - 2, "ي", 2) != 0) {
			gm__build_problem(b, t->path, t->line, "a demonym is the masculine singular ending in ي (أمريكي)");
			continue;
		}
		key[n - 2] = '\0';
		if (add_demonym_forms(b, key, (uint32_t)at))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
	}
	return GM_OK;
}

static int read_triggers(builder *b, tsv *t)
{
	int c_tr = col(t, "trigger"), c_type = col(t, "type"), c_forms = col(t, "forms"), c_sub = col(t, "sub_type");
	char key[1024];
	char forms[GM_TRIGGER_FORM_MAX][128];
	while (next_row(b, t)) {
		int code = gm__trigger_code(get(t, c_type));
		if (code <= 0) {
			gm__build_problem(b, t->path, t->line, "unknown trigger type (see ../shared/design/event-types.md)");
			continue;
		}
		/* the ACLED sub-event type the row refines its type to, packed above the code */
		int sub = 0;
		if (c_sub >= 0 && get(t, c_sub)[0]) {
			sub = gm__acled_sub_index(code, get(t, c_sub));
			if (sub < 0) {
				gm__build_problem(b, t->path, t->line, "sub_type is not one of ACLED's for this type");
				continue;
			}
		}
		/* the row's word, and the forms its forms column asks for (a verb's
		 * persons and tenses, a noun's dual and plural), generated here as
		 * demonyms are */
		const char *spec = c_forms >= 0 ? get(t, c_forms) : "";
		size_t nf = gm__trigger_forms(get(t, c_tr), spec, forms, GM_TRIGGER_FORM_MAX);
		/* the dual of a casualty or people noun carries its count (قتيلين: 2
		 * killed); the duals are the forms "dual" alone gives */
		char duals[4][128];
		size_t nd = gm__trigger_forms(get(t, c_tr), strstr(spec, "dual") || strstr(spec, "noun") ? "dual" : "", duals, 4);
		int two = code == GM_TR_KILLED ? GM_TR_KILLED_TWO : code == GM_TR_INJURED ? GM_TR_INJURED_TWO
		        : code == GM_TR_PEOPLE ? GM_TR_PEOPLE_TWO : code;
		for (size_t f = 0; f <= nf; f++) {
			int is_dual = 0;
			for (size_t d = 0; f && d < nd; d++)
				is_dual |= !strcmp(forms[f - 1], duals[d]);
			uint32_t w = make_key(b, f ? forms[f - 1] : get(t, c_tr), key, sizeof key);
			if (!w) {
				gm__build_problem(b, t->path, t->line, "trigger has no words to match");
				break;
			}
			if (add_triple(b, key, w, GM_GAZ_NO_PLACE, GM_NAME_TRIGGER, GM_TRIGGER_NOTE(is_dual ? two : code, sub)))
				return gm__fail(b->err, GM_ENOMEM, "out of memory");
			b->stats->triggers++;
		}
	}
	return GM_OK;
}

/* best kind first, so deduplication keeps it: curated, tagged, untagged */
static int kind_rank(uint8_t kind)
{
	switch (kind) {
	case GM_NAME_CURATED: return 0;
	case GM_NAME_TAGGED: return 1;
	case GM_NAME_UNTAGGED: return 2;
	case GM_NAME_VARIANT: return 3;
	case GM_NAME_LATIN: return 4;
	case GM_NAME_DEMONYM: return 5;
	case GM_NAME_NOT_PLACE: return 6;
	case GM_NAME_CUE: return 7;
	case GM_NAME_TRIGGER: return 8;
	default: return 9;  /* first-word markers */
	}
}

static int cmp_triple(const void *a, const void *b)
{
	const triple *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return kind_rank(x->kind) - kind_rank(y->kind);
}

/* -------------------------------------------------------------- file output */

typedef struct obuf {
	unsigned char *p;
	size_t len, cap;
} obuf;

static int put(obuf *o, const void *d, size_t n)
{
	if (n > SIZE_MAX - o->len || GM__GROW(o->p, o->cap, o->len + n))
		return -1;
	memcpy(o->p + o->len, d, n);
	o->len += n;
	return 0;
}

static int align8(obuf *o)
{
	static const unsigned char zero[8];
	return put(o, zero, (8 - o->len % 8) % 8);
}

static void free_builder(builder *b)
{
	for (size_t i = 0; i < b->n_places; i++) {
		bplace *p = &b->places[i];
		free(p->id);
		free(p->name_en);
		free(p->name_ar);
		free(p->admin1);
		for (size_t j = 0; j < p->n_names; j++)
			free(p->names[j].text);
		free(p->names);
	}
	free(b->places);
	free(b->id_slots);
	for (size_t i = 0; i < b->n_triples; i++)
		free(b->triples[i].key);
	free(b->triples);
	gm__tokens_free(&b->toks);
	gm__tokenizer_free(&b->tz);
	gm__translit_close(b->tr);
}

/* ------------------------------------------------------------------ seats */

/* A division's name as a comparable key: lower case, the words that only say
 * what kind of division it is dropped, the rest sorted, so GeoNames'
 * "Republic of Tatarstan" (the ADM1) and "Tatarstan Republic" (its seat's
 * admin1) meet. */
static void division_key(const char *name, char *out, size_t cap)
{
	static const char *const kind_words[] = {"republic", "of", "the", "oblast", "province", "governorate", "region",
	                                         "state", "krai", "kray", "district", "autonomous", "okrug", "county",
	                                         "muhafazat", "rayon", "city", "municipality", "prefecture", "territory"};
	char words[8][48];
	size_t n = 0;
	for (const char *p = name; *p && n < 8;) {
		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80))
			p++;
		size_t l = 0;
		while (*p && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80)) {
			if (l + 1 < sizeof words[0])
				words[n][l++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
			p++;
		}
		words[n][l] = '\0';
		if (!l)
			continue;
		int kind = 0;
		for (size_t k = 0; k < sizeof kind_words / sizeof *kind_words; k++)
			kind |= !strcmp(words[n], kind_words[k]);
		if (!kind)
			n++;
	}
	for (size_t i = 1; i < n; i++)   /* insertion sort: a handful of words */
		for (size_t j = i; j > 0 && strcmp(words[j - 1], words[j]) > 0; j--) {
			char tmp[48];
			memcpy(tmp, words[j], sizeof tmp);
			memcpy(words[j], words[j - 1], sizeof tmp);
			memcpy(words[j - 1], tmp, sizeof tmp);
		}
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(out + o, o < cap ? cap - o : 0, "%s%s", i ? " " : "", words[i]);
		if (w > 0)
			o += (size_t)w;
	}
}

/* Every country's capital (its most populous PPLC) and every first-level
 * division's seat (the most populous PPLA of the same country whose admin1
 * names the division): events told of "the capital of X" and statements of a
 * government go there. Only the few thousand PPLC/PPLA are compared. */
static int assign_seats(builder *b)
{
	size_t n_seats = 0;
	for (size_t i = 0; i < b->n_places; i++)
		n_seats += !strcmp(b->places[i].feature, "PPLC") || !strcmp(b->places[i].feature, "PPLA");
	size_t *seat = malloc((n_seats ? n_seats : 1) * sizeof *seat);
	char(*key)[128] = malloc((n_seats ? n_seats : 1) * sizeof *key);
	if (!seat || !key) {
		free(seat);
		free(key);
		return gm__fail(b->err, GM_ENOMEM, "out of memory");
	}
	n_seats = 0;
	for (size_t i = 0; i < b->n_places; i++)
		if (!strcmp(b->places[i].feature, "PPLC") || !strcmp(b->places[i].feature, "PPLA")) {
			division_key(b->places[i].admin1, key[n_seats], sizeof key[0]);
			seat[n_seats++] = i;
		}
	for (size_t i = 0; i < b->n_places; i++) {
		bplace *p = &b->places[i];
		p->seat = 0;
		int country = !strncmp(p->feature, "PCL", 3), adm1 = !strcmp(p->feature, "ADM1");
		if (!country && !adm1)
			continue;
		char want[128];
		want[0] = '\0';
		if (adm1)
			division_key(p->name_en, want, sizeof want);
		int64_t best_pop = -1;
		for (size_t k = 0; k < n_seats; k++) {
			const bplace *q = &b->places[seat[k]];
			if (strcmp(q->country, p->country) != 0 || q->population <= best_pop)
				continue;
			if (country ? strcmp(q->feature, "PPLC") != 0
			            : strcmp(q->feature, "PPLA") != 0 || !want[0] || strcmp(want, key[k]) != 0)
				continue;
			best_pop = q->population;
			p->seat = (uint32_t)seat[k] + 1;
		}
	}
	free(seat);
	free(key);
	return GM_OK;
}

/* The first word of every multi-word key gets a key too (a marker, kind
 * 255, where it is no name of its own), so the matcher knows how far a word
 * may reach; the triples end sorted by key. */
static int add_first_words(builder *b)
{
	if (b->n_triples)   /* qsort(NULL, 0) is undefined: a source with no name at all */
		qsort(b->triples, b->n_triples, sizeof *b->triples, cmp_triple);
	for (size_t i = 0; i < b->n_triples; i++) {
		if (b->triples[i].words < 2 || (i && strcmp(b->triples[i].key, b->triples[i - 1].key) == 0))
			continue;
		char *sp = strchr(b->triples[i].key, ' ');
		*sp = '\0';
		if (add_triple(b, b->triples[i].key, 1, GM_GAZ_NO_PLACE, 255, 0)) {
			*sp = ' ';
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		}
		*sp = ' ';
	}
	if (b->n_triples)
		qsort(b->triples, b->n_triples, sizeof *b->triples, cmp_triple);
	return GM_OK;
}

/* The file's sections, made before they are laid out. */
typedef struct sections {
	gm_gaz_key *keys;
	gm_gaz_posting *posts;
	uint32_t nk, np;
	uint32_t max_words;   /* the longest key, in words */
	uint32_t *hash;       /* open addressing: key index + 1, 0 empty */
	uint32_t slots;
	gm_gaz_place *places;
	obuf strings;         /* every string, NUL-terminated; offset 0 is "" */
} sections;

static void sections_free(sections *x)
{
	free(x->keys);
	free(x->posts);
	free(x->hash);
	free(x->places);
	free(x->strings.p);
}

/* Keys and their postings from the sorted triples (a place once per key, by
 * its strongest kind of name), and each first word's reach: 0, or -1 out of
 * memory. */
static int make_keys(const builder *b, sections *x)
{
	x->keys = calloc(b->n_triples + 1, sizeof *x->keys);
	x->posts = calloc(b->n_triples + 1, sizeof *x->posts);
	if (!x->keys || !x->posts || put(&x->strings, "", 1))
		return -1;
	gm_gaz_key *keys = x->keys;
	uint32_t nk = 0, np = 0;
	for (size_t i = 0; i < b->n_triples;) {
		size_t j = i;
		gm_gaz_key *k = &keys[nk++];
		k->len = (uint32_t)strlen(b->triples[i].key);
		k->hash = gm__gaz_hash(b->triples[i].key, k->len);
		k->str = (uint32_t)x->strings.len;
		if (put(&x->strings, b->triples[i].key, k->len + 1))
			return -1;
		k->post_start = np;
		k->max_words = 0;
		uint32_t last_place = UINT32_MAX - 1;
		for (; j < b->n_triples && strcmp(b->triples[j].key, b->triples[i].key) == 0; j++) {
			const triple *t = &b->triples[j];
			if (t->kind == 255)
				continue;  /* a first-word marker, not a name */
			if (t->place == last_place && t->place != GM_GAZ_NO_PLACE)
				continue;  /* the same place by a weaker kind of name */
			last_place = t->place;
			x->posts[np++] = (gm_gaz_posting){t->place, t->kind, t->note, 0};
			if (k->max_words < t->words)
				k->max_words = t->words;
		}
		k->post_count = np - k->post_start;
		i = j;
	}
	/* max_words of a first word: the longest key that starts with it */
	for (size_t i = 0; i < b->n_triples; i++) {
		const triple *t = &b->triples[i];
		if (t->words < 2)
			continue;
		const char *sp = strchr(t->key, ' ');
		/* find the key of the first word: keys are sorted like the triples */
		size_t lo = 0, hi = nk;
		size_t wlen = (size_t)(sp - t->key);
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			const char *ks = (const char *)x->strings.p + keys[mid].str;
			int c = strncmp(ks, t->key, wlen);
			if (c == 0)
				c = ks[wlen] == '\0' ? 0 : 1;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < nk && keys[lo].len == wlen && memcmp(x->strings.p + keys[lo].str, t->key, wlen) == 0 &&
		    keys[lo].max_words < t->words)
			keys[lo].max_words = t->words;
	}
	x->max_words = 1;
	for (uint32_t i = 0; i < nk; i++)
		if (keys[i].max_words > x->max_words)
			x->max_words = keys[i].max_words;
	x->nk = nk;
	x->np = np;
	return 0;
}

/* The hash of the keys: at most half full, linear probing. */
static int make_hash(sections *x)
{
	x->slots = 16;
	while (x->slots < x->nk * 2u)
		x->slots *= 2;
	if (!(x->hash = calloc(x->slots, sizeof *x->hash)))
		return -1;
	for (uint32_t i = 0; i < x->nk; i++) {
		uint32_t s = x->keys[i].hash & (x->slots - 1);
		while (x->hash[s])
			s = (s + 1) & (x->slots - 1);
		x->hash[s] = i + 1;
	}
	return 0;
}

/* The places as the file holds them, their strings after the keys'. */
static int make_places(const builder *b, sections *x)
{
	if (!(x->places = calloc(b->n_places ? b->n_places : 1, sizeof *x->places)))
		return -1;
	for (size_t i = 0; i < b->n_places; i++) {
		const bplace *p = &b->places[i];
		gm_gaz_place *q = &x->places[i];
		q->lat = p->lat;
		q->lon = p->lon;
		q->population = p->population;
		memcpy(q->feature, p->feature, sizeof q->feature);
		memcpy(q->country, p->country, sizeof q->country);
		q->seat = p->seat;
		const char *const texts[] = {p->id, p->name_en, p->name_ar, p->admin1};
		uint32_t *const at[] = {&q->id, &q->name_en, &q->name_ar, &q->admin1};
		for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
			*at[k] = (uint32_t)x->strings.len;
			if (put(&x->strings, texts[k], strlen(texts[k]) + 1))
				return -1;
		}
	}
	return 0;
}

/* The header and the sections, 8-byte aligned, into file, the checksum over
 * it all; the build's counts into b->stats. 0, or -1 out of memory. */
static int lay_out(builder *b, const sections *x, obuf *file)
{
	gm_gaz_header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, GM_GAZ_MAGIC, 8);
	h.version = GM_GAZ_VERSION;
	h.header_size = sizeof h;
	h.n_places = (uint32_t)b->n_places;
	h.n_keys = x->nk;
	h.n_postings = x->np;
	h.hash_slots = x->slots;
	h.max_words = x->max_words;
	snprintf(h.name, sizeof h.name, "geomention");
	/* SOURCE_DATE_EPOCH makes the file reproducible byte for byte */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tmv;
	gmtime_r(&now, &tmv);
	strftime(h.build_date, sizeof h.build_date, "%Y-%m-%dT%H:%M:%SZ", &tmv);

	if (put(file, &h, sizeof h) || align8(file))
		return -1;
	h.off_places = file->len;
	if (put(file, x->places, b->n_places * sizeof *x->places) || align8(file))
		return -1;
	h.off_keys = file->len;
	if (put(file, x->keys, (size_t)x->nk * sizeof *x->keys) || align8(file))
		return -1;
	h.off_postings = file->len;
	if (put(file, x->posts, (size_t)x->np * sizeof *x->posts) || align8(file))
		return -1;
	h.off_hash = file->len;
	if (put(file, x->hash, (size_t)x->slots * sizeof *x->hash) || align8(file))
		return -1;
	h.off_strings = file->len;
	h.strings_size = x->strings.len;
	if (put(file, x->strings.p, x->strings.len) || align8(file))
		return -1;
	h.file_size = file->len;
	h.checksum = 0;
	memcpy(file->p, &h, sizeof h);
	h.checksum = gm__gaz_checksum(file->p, file->len);
	memcpy(file->p, &h, sizeof h);

	b->stats->places = h.n_places;
	b->stats->keys = x->nk;
	b->stats->names = x->np - b->stats->not_places - b->stats->cues;
	return 0;
}

/* A new file beside the target, then rename: never a half file. mkstemp
 * makes a name no one can plant a link at (O_CREAT | O_EXCL). */
static int write_atomically(const obuf *file, const char *out_path, gm_error *err)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", out_path) >= (int)sizeof tmp)
		return gm__fail(err, GM_EINVAL, "output path too long: %s", out_path);
	int fd = mkstemp(tmp);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f) {
		int rc = gm__fail(err, GM_EIO, "cannot write beside %s: %s", out_path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			remove(tmp);
		}
		return rc;
	}
	fchmod(fd, 0644);   /* a file to share, not mkstemp's 0600 */
	size_t wrote = fwrite(file->p, 1, file->len, f);
	int closed = fclose(f);
	if (wrote != file->len || closed != 0) {
		remove(tmp);
		return gm__fail(err, GM_EIO, "cannot write %s: %s", tmp, strerror(errno));
	}
	if (rename(tmp, out_path) != 0) {
		remove(tmp);
		return gm__fail(err, GM_EIO, "cannot rename %s to %s: %s", tmp, out_path, strerror(errno));
	}
	return GM_OK;
}

static int write_file(builder *b, const char *out_path)
{
	int rc = add_first_words(b);
	if (rc != GM_OK)
		return rc;
	sections x;
	memset(&x, 0, sizeof x);
	obuf file = {0};
	if (make_keys(b, &x) || make_hash(&x) || make_places(b, &x) || lay_out(b, &x, &file))
		rc = gm__fail(b->err, GM_ENOMEM, "out of memory compiling the gazetteer");
	else
		rc = write_atomically(&file, out_path, b->err);
	sections_free(&x);
	free(file.p);
	return rc;
}

/* Places whose names get a spelling skeleton: countries, first-level areas,
 * capitals, cities of half a million, and the reviewed features (continents,
 * seas, rivers): the names news spells many ways. */
static int variant_worthy(const bplace *p)
{
	const char *f = p->feature;
	return !strncmp(f, "PCL", 3) || !strcmp(f, "ADM1") || !strcmp(f, "PPLC") || !strcmp(f, "CONT") ||
	       !strcmp(f, "OCN") || !strcmp(f, "SEA") || !strcmp(f, "STM") || !strcmp(f, "RGN") ||
	       !strcmp(f, "PPLA") || !strcmp(f, "PPLA2") || p->population >= 20000;
}

int gm_gazetteer_build(const char *const *sources, size_t n_sources, const char *out_path,
                       gm_build_stats *stats, gm_error *err)
{
	gm_build_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (!n_sources)
		return gm__fail(err, GM_EINVAL, "no gazetteer sources given");
	builder b;
	memset(&b, 0, sizeof b);
	b.stats = stats;
	b.err = err;
	int rc = gm__tokenizer_init(&b.tz, err);
	if (rc)
		return rc;
	rc = gm__translit_open(&b.tr, err);
	if (rc) {
		gm__tokenizer_free(&b.tz);
		return rc;
	}
	/* folders are GeoNames dumps: read first, so that the reviewed TSV wins */
	for (size_t i = 0; i < n_sources && rc == GM_OK; i++) {
		struct stat sb;
		if (stat(sources[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			rc = gm__build_read_geonames(&b, sources[i]);
	}
	/* one pass per kind of source: places, curated, not-places, cues, demonyms */
	for (int pass = SRC_PLACES; pass <= SRC_TRIGGERS && rc == GM_OK; pass++) {
		for (size_t i = 0; i < n_sources && rc == GM_OK; i++) {
			struct stat sb;
			if (stat(sources[i], &sb) == 0 && S_ISDIR(sb.st_mode))
				continue;
			tsv t;
			rc = tsv_open(&t, sources[i], err);
			if (rc == GM_OK) {
				int kind = source_kind(&t);
				if (kind == SRC_UNKNOWN)
					rc = gm__fail(err, GM_EINVAL,
					              "%s: unknown header; expected a places file (id, lat, lon, ...), "
					              "curated (id, action, ...), not-places (phrase, kind, ...), cues (word, role, ...), demonyms (demonym, id, ...) or event triggers (trigger, type, ...)",
					              sources[i]);
				else if (kind == pass && kind == SRC_PLACES)
					rc = read_places(&b, &t);
				else if (kind == pass && kind == SRC_CURATED)
					rc = read_curated(&b, &t);
				else if (kind == pass && kind == SRC_NOT_PLACES)
					rc = read_not_places(&b, &t);
				else if (kind == pass && kind == SRC_CUES)
					rc = read_cues(&b, &t);
				else if (kind == pass && kind == SRC_DEMONYMS)
					rc = read_demonyms(&b, &t);
				else if (kind == pass && kind == SRC_TRIGGERS)
					rc = read_triggers(&b, &t);
			}
			free(t.buf);
		}
	}
	/* every (place, name) pair becomes a key posting */
	char key[1024];
	for (size_t i = 0; i < b.n_places && rc == GM_OK; i++) {
		const bplace *p = &b.places[i];
		int arabic_named = 0;
		for (size_t j = 0; j < p->n_names; j++)
			arabic_named |= p->names[j].kind != GM_NAME_LATIN;
		for (size_t j = 0; j < p->n_names; j++) {
			if (p->names[j].kind == GM_NAME_LATIN) {
				/* a Latin name is matched by its consonant skeleton, and only
				 * for places no Arabic name reaches */
				char lk[256];
				if (!arabic_named && b.tr &&
				    gm__translit_key(b.tr, p->names[j].text, strlen(p->names[j].text), GM_LATIN_MIN_LETTERS, lk,
				                     sizeof lk) &&
				    add_triple(&b, lk, 1, (uint32_t)i, GM_NAME_LATIN, 0)) {
					rc = gm__fail(err, GM_ENOMEM, "out of memory");
					break;
				}
				continue;
			}
			uint32_t w = make_key(&b, p->names[j].text, key, sizeof key);
			if (w && add_triple(&b, key, w, (uint32_t)i, p->names[j].kind, 0)) {
				rc = gm__fail(err, GM_ENOMEM, "out of memory");
				break;
			}
			/* a two-word name written as one (كفرنبل، ديرالزور، امدرمان): news
			 * and sources join them often; a variant key with note 1 */
			if (w == 2 && p->names[j].kind != GM_NAME_UNTAGGED) {
				char joined[1024];
				size_t o = 0;
				for (const char *c = key; *c; c++)
					if (*c != ' ')
						joined[o++] = *c;
				joined[o] = '\0';
				if (gm__utf8_count(joined, o) >= 5 && add_triple(&b, joined, 1, (uint32_t)i, GM_NAME_VARIANT, 1)) {
					rc = gm__fail(err, GM_ENOMEM, "out of memory");
					break;
				}
			}
			/* the spelling skeleton of a reviewed or tagged one-word name of a
			 * place news is likely to name: bounded to one key per name */
			char skel[1024];
			if (w == 1 && p->names[j].kind != GM_NAME_UNTAGGED && variant_worthy(p) &&
			    gm__utf8_count(key, strlen(key)) >= 5 && gm__skeleton(key, strlen(key), skel, sizeof skel) &&
			    add_triple(&b, skel, 1, (uint32_t)i, GM_NAME_VARIANT, 0)) {
				rc = gm__fail(err, GM_ENOMEM, "out of memory");
				break;
			}
			/* the regular demonym of a reviewed or tagged name (روسيا -> الروسية) */
			char stem[512];
			if (p->names[j].kind != GM_NAME_UNTAGGED && demonym_worthy(p) &&
			    demonym_stem(&b, p->names[j].text, stem, sizeof stem) && add_demonym_forms(&b, stem, (uint32_t)i)) {
				rc = gm__fail(err, GM_ENOMEM, "out of memory");
				break;
			}
		}
	}
	if (rc == GM_OK && b.n_places == 0)
		rc = gm__fail(err, GM_EINVAL, "the sources hold no places");
	if (rc == GM_OK)
		rc = assign_seats(&b);
	if (rc == GM_OK)
		rc = write_file(&b, out_path);
	free_builder(&b);
	return rc;
}
