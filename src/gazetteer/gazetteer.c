/* gazetteer.c: opening the compiled gazetteer and looking names up. */
#include "gazetteer.h"

#include "error.h"
#include "hash.h"

#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const not_place_kinds[] = {"not a place", "organisation", "media", "demonym", "person", "common word",
                                              /* GM_NP_LEXICON_WORD.. (gazetteer.h) */
                                              "lexicon word", "whole word", "compass phrase"};

const char *gm__gaz_not_place_kind(uint8_t note)
{
	return note < sizeof not_place_kinds / sizeof *not_place_kinds ? not_place_kinds[note] : not_place_kinds[0];
}

uint8_t gm__gaz_not_place_code(const char *kind)
{
	for (uint8_t i = 1; i < sizeof not_place_kinds / sizeof *not_place_kinds; i++)
		if (strcmp(kind, not_place_kinds[i]) == 0)
			return i;
	if (strcmp(kind, "common") == 0)
		return 5;
	return 0;
}

static const char *const cue_roles[] = {"",      "type",   "org",    "title", "patronym",
                                        "parent", "media", "office", "list",  "many", "people",
                                        "besides"};
static const char *const type_classes[] = {"", "area", "populated", "admin", "mountain", "water",
                                           "road", "airport", "port", "neighbourhood"};
static const char *const parent_links[] = {"", "in", "north", "south", "east", "west", "near", "hinterland"};

static int index_of(const char *const *names, int n, const char *name)
{
	for (int i = 1; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int gm__gaz_cue_role(const char *name)
{
	return index_of(cue_roles, (int)(sizeof cue_roles / sizeof *cue_roles), name);
}

int gm__gaz_cue_class(int role, const char *name)
{
	if (role == GM_CUE_TYPE || role == GM_CUE_MANY || role == GM_CUE_PEOPLE)
		return index_of(type_classes, (int)(sizeof type_classes / sizeof *type_classes), name);
	if (role == GM_CUE_PARENT)
		return index_of(parent_links, (int)(sizeof parent_links / sizeof *parent_links), name);
	return name[0] ? -1 : 0;  /* the other roles have no class */
}

uint8_t gm__gaz_key_cue_note(const gm_gazetteer *g, const gm_gaz_key *k, int many)
{
	if (!k || !GM_GAZ_HAS(k, GM_NAME_CUE))
		return 0;
	const gm_gaz_posting *p = &g->postings[k->post_start];
	for (uint32_t i = 0; i < k->post_count; i++)
		if (p[i].kind == GM_NAME_CUE && (p[i].note >> 4 == GM_CUE_MANY) == many)
			return p[i].note;
	return 0;
}

static uint8_t cue_note(const gm_gazetteer *g, const char *s, size_t len, int many)
{
	return gm__gaz_key_cue_note(g, gm__gaz_find(g, s, len), many);
}

uint8_t gm__gaz_cue(const gm_gazetteer *g, const char *s, size_t len) { return cue_note(g, s, len, 0); }

uint8_t gm__gaz_cue_many(const gm_gazetteer *g, const char *s, size_t len) { return cue_note(g, s, len, 1) & 15; }

int gm__gaz_soft_block(const gm_gaz_posting *p)
{
	/* lexicon word, whole word, compass phrase: common-words.tsv */
	return p->kind == GM_NAME_NOT_PLACE && p->note >= GM_NP_LEXICON_WORD;
}

int gm__gaz_key_has_place(const gm_gazetteer *g, const gm_gaz_key *k)
{
	const gm_gaz_posting *p = &g->postings[k->post_start];
	for (uint32_t i = 0; i < k->post_count; i++)
		if (p[i].kind != GM_NAME_CUE && p[i].kind != GM_NAME_DEMONYM && p[i].kind != GM_NAME_TRIGGER &&
		    !gm__gaz_soft_block(&p[i]))
			return 1;
	return 0;
}

uint8_t gm__gaz_trigger(const gm_gazetteer *g, const gm_gaz_key *k)
{
	if (!GM_GAZ_HAS(k, GM_NAME_TRIGGER))
		return 0;
	const gm_gaz_posting *p = &g->postings[k->post_start];
	for (uint32_t i = 0; i < k->post_count; i++)
		if (p[i].kind == GM_NAME_TRIGGER)
			return p[i].note;
	return 0;
}

uint32_t gm__gaz_demonym_of(const gm_gazetteer *g, const gm_gaz_key *k)
{
	if (!GM_GAZ_HAS(k, GM_NAME_DEMONYM))
		return GM_GAZ_NO_PLACE;   /* (the loop below finds a place only in a demonym's posting) */
	const gm_gaz_posting *p = &g->postings[k->post_start];
	uint32_t place = GM_GAZ_NO_PLACE;
	for (uint32_t i = 0; i < k->post_count; i++) {
		if (p[i].kind == GM_NAME_CURATED || (p[i].kind == GM_NAME_NOT_PLACE && !gm__gaz_soft_block(&p[i])))
			return GM_GAZ_NO_PLACE;
		/* a tagged name wins where its place is one news names by itself (مالي
		 * is Mali); a village called التركمانية does not make the adjective a place */
		if (p[i].kind == GM_NAME_TAGGED && p[i].place < g->h->n_places) {
			const gm_gaz_place *pl = &g->places[p[i].place];
			if (!strncmp(pl->feature, "PCL", 3) || !strcmp(pl->feature, "ADM1") || !strcmp(pl->feature, "PPLC") ||
			    pl->population >= 100000)
				return GM_GAZ_NO_PLACE;
		}
		if (p[i].kind == GM_NAME_DEMONYM && place == GM_GAZ_NO_PLACE && p[i].place < g->h->n_places)
			place = p[i].place;
	}
	return place;
}

uint32_t gm__gaz_hash(const char *s, size_t len) { return gm__word_hash32(s, len); }

static uint64_t checksum_update(uint64_t h, const unsigned char *p, size_t len)
{
	/* four lanes over each 32 bytes, folded into one at the end: four
	 * multiplies in flight instead of one chain, whose latency bound the
	 * open of a large file (5 M names: 800 MB, 0.3 s), and a quarter of the
	 * loop's own instructions (#17) */
	size_t i = 0;
	if (len >= 32) {
		uint64_t lane[4] = {h, h ^ 1u, h ^ 2u, h ^ 3u};
		for (; i + 32 <= len; i += 32)
			for (int k = 0; k < 4; k++) {
				uint64_t w;
				memcpy(&w, p + i + 8 * k, 8);
				lane[k] = (lane[k] ^ w) * 1099511628211ull;
			}
		h = lane[0];
		for (int k = 1; k < 4; k++)
			h = (h ^ lane[k]) * 1099511628211ull;
	}
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h ^= w;
		h *= 1099511628211ull;
	}
	for (; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return h;
}

uint64_t gm__gaz_checksum(const unsigned char *file, size_t len)
{
	/* FNV-1a over 64-bit words in four lanes (then the tail), over every
	 * byte of the file with the header's checksum field read as zero: fast
	 * enough to verify a large file at every open (a few ms for 30 MB), and
	 * it catches flipped or truncated bytes anywhere, the header's name and
	 * date included. */
	gm_gaz_header h;
	if (len < sizeof h)
		return 0;
	memcpy(&h, file, sizeof h);
	h.checksum = 0;
	uint64_t sum = checksum_update(GM__FNV64_BASIS, (const unsigned char *)&h, sizeof h);
	return checksum_update(sum, file + sizeof h, len - sizeof h);
}

const char *gm__gaz_str(const gm_gazetteer *g, uint32_t off)
{
	return off < g->h->strings_size ? g->strings + off : "";
}

static const gm_gaz_key *find_hashed(const gm_gazetteer *g, const char *s, size_t len, uint32_t h)
{
	if (!g->h->hash_slots)
		return NULL;
	uint32_t mask = g->h->hash_slots - 1;
	for (uint32_t i = h & mask, probes = 0; probes < g->h->hash_slots; i = (i + 1) & mask, probes++) {
		uint32_t k = g->hash[i].key;
		if (k == 0)
			return NULL;
		if (g->hash[i].hash != h || k > g->h->n_keys)
			continue;   /* another key, or a damaged slot (a lazy open reads what verify would refuse) */
		const gm_gaz_key *key = &g->keys[k - 1];
		/* bounds are checked here, not at open: opening stays O(1) whatever
		 * the file's size, and a damaged key is never followed out of the map */
		if (key->hash == h && key->len == len && key->str + len < g->h->strings_size &&
		    key->post_start <= g->h->n_postings && key->post_count <= g->h->n_postings - key->post_start &&
		    memcmp(g->strings + key->str, s, len) == 0)
			return key;
	}
	return NULL;
}

/* The lookup memo. Every word of every document is looked up several times
 * (bare and through clitics, for places, cues and event words), and news
 * repeats its words: a few thousand make most of the text. The hash table
 * and keys are far larger than a core's cache (a 5 M-name gazetteer's table
 * is tens of MB), so a lookup was two cache misses, which perf showed as a
 * fifth of a run. The memo is 16384 recent answers in 1 MB per thread, a
 * core's L2 here (one cache line an entry, misses included), direct-mapped
 * by the same hash: 85 % of lookups on the bench corpus answer from it; an entry is tagged with the gazetteer's id, never reused, so a
 * gazetteer closed and another opened at the same address cannot answer
 * from it. */
#define MEMO_SLOTS 16384
#define MEMO_TEXT 40
typedef struct memo_entry {
	uint64_t gaz_id;        /* 0: empty */
	const gm_gaz_key *key;  /* the answer, NULL included */
	uint32_t hash, len;
	char text[MEMO_TEXT];
} memo_entry;
static _Thread_local memo_entry memo[MEMO_SLOTS];
static atomic_uint_fast64_t next_gaz_id = 1;

const gm_gaz_key *gm__gaz_find(const gm_gazetteer *g, const char *s, size_t len)
{
	uint32_t h = gm__gaz_hash(s, len);
	if (len > MEMO_TEXT)
		return find_hashed(g, s, len, h);
	memo_entry *m = &memo[h & (MEMO_SLOTS - 1)];
	if (m->gaz_id == g->id && m->hash == h && m->len == len && memcmp(m->text, s, len) == 0)
		return m->key;
	const gm_gaz_key *key = find_hashed(g, s, len, h);
	m->gaz_id = g->id;
	m->key = key;
	m->hash = h;
	m->len = (uint32_t)len;
	memcpy(m->text, s, len);
	return key;
}

static int section_ok(const gm_gaz_header *h, uint64_t off, uint64_t count, uint64_t elem)
{
	if (off < h->header_size || off > h->file_size)
		return 0;
	if (elem && count > (h->file_size - off) / elem)
		return 0;
	return off % 8 == 0;
}

/* The checks every open makes whatever its flags, in constant time: the
 * header and the bounds of each section. */
static int check_header(const gm_gaz_header *h, size_t size, const char *path, gm_error *err)
{
	if (memcmp(h->magic, GM_GAZ_MAGIC, 8) != 0)
		return gm__fail(err, GM_EVERSION, "%s is not a geomention gazetteer (build one with: geomention gazetteer build)",
		                path);
	if (h->version != GM_GAZ_VERSION)
		return gm__fail(err, GM_EVERSION, "gazetteer %s has format version %u; this geomention reads version %u: rebuild it",
		                path, h->version, GM_GAZ_VERSION);
	if (h->file_size != size)
		return gm__fail(err, GM_ECORRUPT, "gazetteer %s is %zu bytes but its header says %llu: truncated or damaged", path,
		                size, (unsigned long long)h->file_size);
	if (h->header_size != sizeof(gm_gaz_header) || !section_ok(h, h->off_places, h->n_places, sizeof(gm_gaz_place)) ||
	    !section_ok(h, h->off_keys, h->n_keys, sizeof(gm_gaz_key)) ||
	    !section_ok(h, h->off_postings, h->n_postings, sizeof(gm_gaz_posting)) ||
	    !section_ok(h, h->off_hash, h->hash_slots, sizeof(gm_gaz_slot)) || !section_ok(h, h->off_strings, h->strings_size, 1) ||
	    (h->hash_slots & (h->hash_slots - 1)) != 0 || h->hash_slots < h->n_keys)
		return gm__fail(err, GM_ECORRUPT, "gazetteer %s has an inconsistent header: corrupt", path);
	const char *strings = (const char *)h + h->off_strings;
	if (h->strings_size == 0 || strings[h->strings_size - 1] != '\0')
		return gm__fail(err, GM_ECORRUPT, "gazetteer %s has an unterminated string section: corrupt", path);
	return GM_OK;
}

/* Wrap a whole gazetteer file held in memory; owned: munmap it at close. */
static int attach(gm_gazetteer **out, const unsigned char *b, size_t size, int owned, unsigned flags, const char *path,
                  gm_error *err)
{
	*out = NULL;
	if (size < sizeof(gm_gaz_header)) {
		if (size >= 8 && memcmp(b, GM_GAZ_MAGIC, 8) == 0)
			return gm__fail(err, GM_ECORRUPT, "gazetteer %s is %zu bytes: truncated", path, size);
		return gm__fail(err, GM_EVERSION, "%s is not a geomention gazetteer (build one with: geomention gazetteer build)",
		                path);
	}
	const gm_gaz_header *h = (const gm_gaz_header *)b;
	int rc = check_header(h, size, path, err);
	if (rc != GM_OK)
		return rc;
	gm_gazetteer *g = calloc(1, sizeof *g);
	if (!g)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	g->map = b;
	g->size = size;
	g->owned = owned;
	g->h = h;
	g->id = atomic_fetch_add(&next_gaz_id, 1);
	gm_resolve_weights_default(&g->w);
	g->places = (const gm_gaz_place *)(b + h->off_places);
	g->keys = (const gm_gaz_key *)(b + h->off_keys);
	g->postings = (const gm_gaz_posting *)(b + h->off_postings);
	g->hash = (const gm_gaz_slot *)(b + h->off_hash);
	g->strings = (const char *)(b + h->off_strings);
	if (!(flags & GM_GAZ_OPEN_NO_VERIFY) && (rc = gm_gazetteer_verify(g, err)) != GM_OK) {
		g->owned = 0;   /* the caller still holds the memory */
		gm_gazetteer_close(g);
		if (err) {
			char why[sizeof err->message];
			memcpy(why, err->message, sizeof why);
			gm__fail(err, rc, "gazetteer %s: %s", path, why);
		}
		return rc;
	}
	*out = g;
	return GM_OK;
}

int gm__gazetteer_open_memory(gm_gazetteer **out, const void *data, size_t size, unsigned flags, gm_error *err)
{
	return attach(out, data, size, 0, flags, "(memory)", err);
}

int gm_gazetteer_open_flags(gm_gazetteer **out, const char *path, unsigned flags, gm_error *err)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return gm__fail(err, errno == ENOENT ? GM_ENOENT : GM_EIO, "cannot open gazetteer %s: %s", path, strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return gm__fail(err, GM_EIO, "gazetteer %s is not a regular file", path);
	}
	size_t size = (size_t)sb.st_size;
	if (size < sizeof(gm_gaz_header)) {
		unsigned char head[8] = {0};
		ssize_t got = read(fd, head, sizeof head);
		close(fd);
		return attach(out, head, got > 0 ? (size_t)got : 0, 0, flags, path, err);
	}
	void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return gm__fail(err, GM_EIO, "cannot map gazetteer %s: %s", path, strerror(errno));
	int rc = attach(out, map, size, 1, flags, path, err);
	if (rc != GM_OK)
		munmap(map, size);
	return rc;
}

int gm_gazetteer_open(gm_gazetteer **out, const char *path, gm_error *err)
{
	return gm_gazetteer_open_flags(out, path, 0, err);
}

/* Every index the file holds points inside it: what lookups would otherwise
 * follow blindly after a lazy open. */
static int check_indexes(const gm_gazetteer *g, gm_error *err)
{
	const gm_gaz_header *h = g->h;
	/* (a slot's hash is no index: the checksum answers for it, and a lookup
	 * compares the key's own before it takes the key) */
	for (uint32_t i = 0; i < h->hash_slots; i++)
		if (g->hash[i].key > h->n_keys)
			return gm__fail(err, GM_ECORRUPT, "hash slot %u names key %u of %u: corrupt", i, g->hash[i].key, h->n_keys);
	for (uint32_t i = 0; i < h->n_keys; i++) {
		const gm_gaz_key *k = &g->keys[i];
		if ((uint64_t)k->str + k->len >= h->strings_size || k->post_start > h->n_postings ||
		    k->post_count > h->n_postings - k->post_start || k->max_words > GM_GAZ_MAX_WORDS ||
		    k->trigger_words > k->max_words)
			return gm__fail(err, GM_ECORRUPT, "key %u points outside the file: corrupt", i);
	}
	for (uint32_t i = 0; i < h->n_postings; i++)
		if (g->postings[i].place != GM_GAZ_NO_PLACE && g->postings[i].place >= h->n_places)
			return gm__fail(err, GM_ECORRUPT, "a name points to place %u of %u: corrupt", g->postings[i].place,
			                h->n_places);
	for (uint32_t i = 0; i < h->n_places; i++) {
		const gm_gaz_place *p = &g->places[i];
		if (p->id >= h->strings_size || p->name_en >= h->strings_size || p->name_ar >= h->strings_size ||
		    p->admin1 >= h->strings_size || p->seat > h->n_places)
			return gm__fail(err, GM_ECORRUPT, "place %u points outside the file: corrupt", i);
	}
	return GM_OK;
}

int gm_gazetteer_verify(const gm_gazetteer *g, gm_error *err)
{
	if (gm__gaz_checksum(g->map, g->size) != g->h->checksum)
		return gm__fail(err, GM_ECORRUPT, "the gazetteer fails its checksum: the file is corrupt, rebuild it");
	return check_indexes(g, err);
}

void gm_gazetteer_close(gm_gazetteer *g)
{
	if (!g)
		return;
	if (g->owned)
		munmap((void *)g->map, g->size);
	free(g);
}

void gm_gazetteer_get_info(const gm_gazetteer *g, gm_gazetteer_info *out)
{
	memset(out, 0, sizeof *out);
	out->format_version = g->h->version;
	out->places = g->h->n_places;
	out->keys = g->h->n_keys;
	out->file_size = g->h->file_size;
	memcpy(out->build_date, g->h->build_date, sizeof g->h->build_date);
	out->build_date[sizeof out->build_date - 1] = '\0';
	memcpy(out->name, g->h->name, sizeof g->h->name);
	out->name[sizeof g->h->name] = '\0';
	snprintf(out->checksum, sizeof out->checksum, "%016llx", (unsigned long long)g->h->checksum);
}

uint32_t gm_gazetteer_place_count(const gm_gazetteer *g)
{
	return g->h->n_places;
}

int gm_gazetteer_get_place(const gm_gazetteer *g, uint32_t index, gm_place *out)
{
	if (index >= g->h->n_places)
		return GM_EINVAL;
	const gm_gaz_place *p = &g->places[index];
	out->id = gm__gaz_str(g, p->id);
	out->name_en = gm__gaz_str(g, p->name_en);
	out->name_ar = gm__gaz_str(g, p->name_ar);
	out->admin1 = gm__gaz_str(g, p->admin1);
	out->feature = p->feature;
	out->country = p->country;
	out->lat = p->lat;
	out->lon = p->lon;
	out->population = p->population;
	return GM_OK;
}
