/* layout.c: the compiled file: keys, hash, places and strings laid out for
 * mmap, written atomically (gazetteer_build.h). */
#include "gazetteer_build.h"

#include "error.h"
#include "grow.h"
#include "hash.h"
#include "search.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

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
	if (x->kind != y->kind)
		return kind_rank(x->kind) - kind_rank(y->kind);
	/* (a word's two cue rows, type and many, in one order every build) */
	return (int)x->note - (int)y->note;
}

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
		if (gm__build_add_triple(b, b->triples[i].key, 1, GM_GAZ_NO_PLACE, 255, 0)) {
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
	gm_gaz_slot *hash;    /* open addressing: key index + 1 (0 empty) and its hash */
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

/* The first word of a multi-word key, to find the key of that word alone
 * among the keys sorted by text: a key sorts below it when it is smaller in
 * the word's bytes, not when it merely starts with the word. */
typedef struct first_word {
	const char *strings;
	const char *text;
	size_t len;
} first_word;

static int key_below_word(const void *keys, size_t i, const void *word)
{
	const first_word *w = word;
	const char *ks = w->strings + ((const gm_gaz_key *)keys)[i].str;
	int c = strncmp(ks, w->text, w->len);
	return c < 0;
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
		k->trigger_words = 0;
		uint32_t last_place = UINT32_MAX - 1;
		for (; j < b->n_triples && strcmp(b->triples[j].key, b->triples[i].key) == 0; j++) {
			const triple *t = &b->triples[j];
			if (t->kind == 255)
				continue;  /* a first-word marker, not a name */
			if (t->place == last_place && t->place != GM_GAZ_NO_PLACE)
				continue;  /* the same place by a weaker kind of name */
			last_place = t->place;
			x->posts[np++] = (gm_gaz_posting){t->place, t->kind, t->note, {0, 0}};
			k->kinds |= (uint16_t)(1u << t->kind);
			if (k->max_words < t->words)
				k->max_words = (uint8_t)t->words;
			if (t->kind == GM_NAME_TRIGGER && k->trigger_words < t->words)
				k->trigger_words = (uint8_t)t->words;
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
		size_t wlen = (size_t)(sp - t->key);
		first_word fw = {(const char *)x->strings.p, t->key, wlen};
		size_t lo = gm__lower_bound(keys, nk, key_below_word, &fw);
		if (lo < nk && keys[lo].len == wlen && memcmp(x->strings.p + keys[lo].str, t->key, wlen) == 0) {
			if (keys[lo].max_words < t->words)
				keys[lo].max_words = (uint8_t)t->words;
			if (t->kind == GM_NAME_TRIGGER && keys[lo].trigger_words < t->words)
				keys[lo].trigger_words = (uint8_t)t->words;
		}
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
		while (x->hash[s].key)
			s = (s + 1) & (x->slots - 1);
		x->hash[s] = (gm_gaz_slot){i + 1, x->keys[i].hash};
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
		/* NUL-padded whatever was in the builder's fields before (a reviewed
		 * row's "PPL" over a dump's "PPLA2" left "PPL\0A2"): readers compare
		 * the codes as whole words */
		memset(q->feature, 0, sizeof q->feature);
		memcpy(q->feature, p->feature, strnlen(p->feature, sizeof q->feature - 1));
		memset(q->country, 0, sizeof q->country);
		memcpy(q->country, p->country, strnlen(p->country, sizeof q->country - 1));
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

/* A candidate posting being ordered: what it sorts by, and itself. */
typedef struct ranked {
	int large, score;
	gm_gaz_posting p;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->large != y->large)
		return y->large - x->large;
	if (x->score != y->score)
		return y->score - x->score;
	return x->p.place < y->p.place ? -1 : x->p.place > y->p.place;
}

/* Every posting of a place carries its country (gm_gaz_posting.country). */
static void set_countries(sections *x)
{
	for (uint32_t i = 0; i < x->np; i++) {
		gm_gaz_posting *p = &x->posts[i];
		if (p->place == GM_GAZ_NO_PLACE)
			continue;
		const char *cc = x->places[p->place].country;
		if (strnlen(cc, sizeof x->places[p->place].country) > sizeof p->country) {
			p->country[0] = p->country[1] = (char)0xFF;
		} else {
			p->country[0] = cc[0];
			p->country[1] = cc[0] ? cc[1] : '\0';
		}
	}
}

/* Each key's place candidates in order: large places first, then by static
 * score under the default weights, highest first, then by place index; the
 * other postings (cues, demonyms, blocks, event words) keep their places and
 * their order. The resolver scores the candidates in this order and stops
 * where the rest cannot reach the score it needs (resolve.c): a common name
 * has hundreds of places in a full GeoNames. 0, or -1 out of memory. */
static int order_candidates(sections *x)
{
	gm_resolve_weights w;
	gm_resolve_weights_default(&w);
	ranked *r = NULL;
	size_t cap = 0;
	for (uint32_t k = 0; k < x->nk; k++) {
		gm_gaz_posting *p = &x->posts[x->keys[k].post_start];
		uint32_t n = x->keys[k].post_count, m = 0;
		if (n < 2)
			continue;
		if (GM__GROW(r, cap, n)) {
			free(r);
			return -1;
		}
		for (uint32_t i = 0; i < n; i++) {
			if (!gm__gaz_kind_is_candidate(p[i].kind) || p[i].place == GM_GAZ_NO_PLACE)
				continue;
			const gm_gaz_place *pl = &x->places[p[i].place];
			r[m++] = (ranked){gm__large_place(pl), gm__gaz_static_score(&w, pl, &p[i]), p[i]};
		}
		qsort(r, m, sizeof *r, cmp_ranked);
		for (uint32_t i = 0, o = 0; i < n; i++)
			if (gm__gaz_kind_is_candidate(p[i].kind) && p[i].place != GM_GAZ_NO_PLACE)
				p[i] = r[o++].p;
	}
	free(r);
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

int gm__build_write_file(builder *b, const char *out_path)
{
	int rc = add_first_words(b);
	if (rc != GM_OK)
		return rc;
	sections x;
	memset(&x, 0, sizeof x);
	obuf file = {0};
	int built = !make_keys(b, &x) && !make_hash(&x) && !make_places(b, &x);
	if (built)
		set_countries(&x);
	if (!built || order_candidates(&x) || lay_out(b, &x, &file))
		rc = gm__fail(b->err, GM_ENOMEM, "out of memory compiling the gazetteer");
	else
		rc = write_atomically(&file, out_path, b->err);
	sections_free(&x);
	free(file.p);
	return rc;
}
