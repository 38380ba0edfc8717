/* gazetteer.h: the compiled gazetteer file and its lookups (internal).
 *
 * One file, little-endian, opened by mmap and used in place, no parsing:
 *
 *   header     gm_gaz_header
 *   places     gm_gaz_place[n_places]      fixed records, strings by offset
 *   keys       gm_gaz_key[n_keys]          one per distinct folded name
 *   postings   gm_gaz_posting[n_postings]  the places each key names (its place
 *                                           candidates in the resolver's order: large places first,
 *                                           then by static score, gm__gaz_static_score)
 *   hash       gm_gaz_slot[hash_slots]     open addressing: key index + 1 (0 empty) and its hash
 *   strings    NUL-terminated UTF-8
 *
 * The checksum covers every byte, the header's checksum field read as zero;
 * opening verifies it and every index unless asked not to. Keys are folded (fold.h)
 * word tokens joined by one space. A key for the first word of a multi-word
 * name exists even when that word alone names nothing (post_count 0): its
 * max_words tells the matcher how far to look, so a word that starts no name
 * costs one probe.
 */
#ifndef GM_GAZETTEER_H
#define GM_GAZETTEER_H

#include "geomention.h"

#include "codes.h"

#define GM_GAZ_MAGIC "GMGAZ\r\n\032"   /* binary-safe: catches text-mode mangling */
#define GM_GAZ_VERSION 14u   /* 14: the checksum in four lanes (gm__gaz_checksum); 13: a hash slot holds its key's hash; 12: a posting holds its place's country; 11: a key's candidates large places first, then by static score (gm__gaz_static_score); 10: a key says the longest event word that starts with it; 9: keys hashed eight bytes at a time (hash.h); 8: a key says which kinds of posting it has; 7: five more event types (trigger codes after them moved); 6: trigger notes hold 6 bits of code; 5: the disaster type; 4: the checksum covers the header */
#define GM_GAZ_MAX_WORDS 8
#define GM_GAZ_NO_PLACE 0xFFFFFFFFu

enum gm_name_kind {
	GM_NAME_TAGGED = 0,    /* a source says it is Arabic (NE, WOF, world-countries) */
	GM_NAME_UNTAGGED = 1,  /* GeoNames alternatenames in Arabic script: may be Persian/Urdu */
	GM_NAME_CURATED = 2,   /* gazetteer/curated.tsv: reviewed news spellings */
	GM_NAME_NOT_PLACE = 3, /* gazetteer/not-places.tsv: blocks a match */
	GM_NAME_CUE = 4,       /* gazetteer/cues.tsv: a word that says something about its neighbour */
	GM_NAME_VARIANT = 5,   /* a spelling skeleton (fold.h) of a tagged or curated name: "~..." keys */
	GM_NAME_DEMONYM = 6,   /* a demonym or nisba of the place (الروسية -> Russia): never a mention */
	GM_NAME_LATIN = 7,     /* a Latin consonant skeleton of a place with no Arabic name: "^..." keys */
	GM_NAME_TRIGGER = 8    /* gazetteer/event-triggers.tsv: note is an enum gm_trigger (events.h) */
};

/* Cue words (gazetteer/cues.tsv), kept in the compiled file so that a lookup
 * is one hash probe and the lists are reviewed data, not C literals. A cue
 * posting's note is role << 4 | class. */
enum gm_cue_role {
	GM_CUE_NONE = 0,
	GM_CUE_TYPE,      /* before a name: the kind of place (class: gm_type_class) */
	GM_CUE_ORG,       /* before a name: the name is part of an organisation's (منتخب، نادي) */
	GM_CUE_TITLE,     /* before a name: a person follows (الإمام، الملك) */
	GM_CUE_PATRONYM,  /* after a name: it was a person's (بن، ابن) */
	GM_CUE_PARENT,    /* between two names: the second contains or is near the first (class: gm_parent_link) */
	GM_CUE_MEDIA,     /* after a name: the name is a news outlet's (كركوك ناو، تبريز نيوز) */
	GM_CUE_OFFICE,    /* before a nisba adjective: the names after it are its holder's
	                     (الرئيس السوري بشار الأسد، وزير الدفاع العراقي خالد العبيدي) */
	GM_CUE_LIST,      /* after a plural place word: a list of its places follows (بينها، منها، التالية) */
	GM_CUE_MANY,      /* a second row of a plural or dual type word (قرى، أحياء، قريتي): its places may
	                     follow it straight away, "أحياء الرسالة والأندلس" (gm__gaz_cue_many) */
	GM_CUE_PEOPLE,    /* before a name: its people (أهالي): the name is a place of the class, as after
	                     a type word, but no kind of place goes on a list with it */
	GM_CUE_BESIDES    /* a word of addition (بالإضافة، فضلاً، علاوة) whose preposition opens more items of
	                     the list before it: "وكنصفرة، بالإضافة إلى قريتي جبالا وأرينبة" */
};

enum gm_type_class {
	GM_TW_NONE = 0,
	GM_TW_AREA,          /* منطقة: says nothing about the kind of place */
	GM_TW_POPULATED,     /* مدينة بلدة قرية العاصمة */
	GM_TW_ADMIN,         /* محافظة مقاطعة ولاية إقليم جمهورية */
	GM_TW_MOUNTAIN,      /* جبل مرتفعات */
	GM_TW_WATER,         /* نهر بحر بحيرة خليج */
	GM_TW_ROAD,          /* ممر طريق */
	GM_TW_AIRPORT,       /* مطار */
	GM_TW_PORT,          /* ميناء */
	GM_TW_NEIGHBOURHOOD  /* حي */
};

enum gm_parent_link {
	GM_PL_NONE = 0,
	GM_PL_IN,          /* في */
	GM_PL_NORTH, GM_PL_SOUTH, GM_PL_EAST, GM_PL_WEST,
	GM_PL_NEAR,        /* قرب */
	GM_PL_HINTERLAND,  /* ريف، ضواحي: before the parent, "ريف حلب" */
	GM_PL_COMMA,       /* "X، Y": punctuation, no cue word names it */
	GM_PL_LIST         /* resolve.c only: X is listed with Y ("سرمدا وحارم"), a sibling, not a parent */
};

typedef struct gm_gaz_header {
	char magic[8];
	uint32_t version;
	uint32_t header_size;
	uint64_t file_size;
	uint64_t checksum;
	uint32_t n_places, n_keys, n_postings, hash_slots;
	uint64_t off_places, off_keys, off_postings, off_hash, off_strings, strings_size;
	uint32_t max_words;
	uint32_t reserved;
	char build_date[24];
	char name[16];
} gm_gaz_header;

typedef struct gm_gaz_place {
	double lat, lon;
	int64_t population;
	uint32_t id, name_en, name_ar, admin1;  /* string offsets */
	char feature[8];      /* NUL-padded */
	char country[4];      /* NUL-padded */
	uint32_t seat;        /* a country's capital or a first-level division's seat:
	                       * place index + 1, 0 when not known (so older files read
	                       * as "not known"); set at build time so nothing scans at run time */
} gm_gaz_place;

typedef struct gm_gaz_key {
	uint32_t hash;
	uint32_t str;         /* string offset of the folded key */
	uint32_t len;
	uint32_t post_start, post_count;
	uint8_t max_words;    /* the longest name (in words) that starts with this key's first word */
	uint8_t trigger_words;   /* the longest event word (in words) that starts with this key's first
	                            word (a phrase's key: at least its own length); 0: none. The
	                            event reader reads a word's readings for event words only where
	                            one starts (format 10) */
	/* 1 << kind for every kind of posting the key has (enum gm_name_kind):
	 * "is this word a cue, an event word, a demonym?" answered without
	 * walking its postings, asked of every word several times a run */
	uint16_t kinds;
} gm_gaz_key;
#define GM_GAZ_HAS(k, kind) (((k)->kinds >> (kind)) & 1u)

/* A slot of the key hash: a probe compares the hash where it stands, so one
 * that meets another key (most words are no name) does not load that key: a
 * cache miss each in a large file's keys. */
typedef struct gm_gaz_slot {
	uint32_t key;    /* key index + 1, 0 empty */
	uint32_t hash;   /* the key's hash (gm_gaz_key.hash) */
} gm_gaz_slot;

typedef struct gm_gaz_posting {
	uint32_t place;       /* GM_GAZ_NO_PLACE for a not-place phrase */
	uint8_t kind;         /* enum gm_name_kind */
	uint8_t note;         /* not-place: index into the kind names (organisation, media, ...) */
	char country[2];      /* its place's country code, NUL-padded, so that the resolver asks
	                         whether a candidate's country is in context without loading the
	                         place (a 5 M-name file's places are hundreds of MB); both bytes
	                         0xFF where the code is longer (then the place says), "" without a place */
} gm_gaz_posting;

struct gm_gazetteer {
	uint64_t id;          /* unique per open in this process: the lookup memo's tag */
	const unsigned char *map;
	size_t size;
	int owned;            /* map is this gazetteer's mmap, unmapped at close */
	const gm_gaz_header *h;
	const gm_gaz_place *places;
	const gm_gaz_key *keys;
	const gm_gaz_posting *postings;
	const gm_gaz_slot *hash;
	const char *strings;
	gm_resolve_weights w; /* the resolver's weights (resolve.c), defaults at open */
};

uint32_t gm__gaz_hash(const char *s, size_t len);
/* The checksum of a whole file (its header's checksum field read as zero). */
uint64_t gm__gaz_checksum(const unsigned char *file, size_t len);
/* A gazetteer over a file's bytes held by the caller, who keeps them alive
 * until gm_gazetteer_close (the fuzzers hand it a heap copy, so that ASan sees
 * any read past the end). */
int gm__gazetteer_open_memory(gm_gazetteer **out, const void *data, size_t size, unsigned flags, gm_error *err);
/* The key for folded s[0..len), or NULL. Recent answers are kept in a small
 * memo per thread (see gazetteer.c), so it is safe from any thread. */
const gm_gaz_key *gm__gaz_find(const gm_gazetteer *g, const char *s, size_t len);
const char *gm__gaz_str(const gm_gazetteer *g, uint32_t off);
const char *gm__gaz_not_place_kind(uint8_t note);
uint8_t gm__gaz_not_place_code(const char *kind);
/* Cue roles and classes by name (cues.tsv), -1 when unknown. */
int gm__gaz_cue_role(const char *name);
int gm__gaz_cue_class(int role, const char *name);
/* The cue note (role << 4 | class) of folded s[0..len), 0 when it is no cue;
 * a word's many row is not this note (gm__gaz_cue_many says it). */
uint8_t gm__gaz_cue(const gm_gazetteer *g, const char *s, size_t len);
/* Whether folded s[0..len) is a type word that names several places
 * (cues.tsv role many: a plural or a dual), its class; 0 when not. */
uint8_t gm__gaz_cue_many(const gm_gazetteer *g, const char *s, size_t len);
/* The same for a key already found (NULL: none): the note of its cue row of
 * the many role (many = 1) or of its other one (many = 0); 0 when none. */
uint8_t gm__gaz_key_cue_note(const gm_gazetteer *g, const gm_gaz_key *k, int many);
/* Whether a posting is a place candidate: a name, not a block or cue, whose
 * place index lies inside the file (lookups check what they follow). */
static inline int gm__gaz_kind_is_candidate(uint8_t kind)
{
	return kind != GM_NAME_NOT_PLACE && kind != GM_NAME_CUE && kind != GM_NAME_DEMONYM && kind != GM_NAME_TRIGGER;
}
static inline int gm__gaz_is_candidate(const gm_gazetteer *g, const gm_gaz_posting *p)
{
	return gm__gaz_kind_is_candidate(p->kind) && p->place < g->h->n_places;
}
/* A province, capital, provincial capital or city of 100k: what a document's
 * country in context lifts. */
static inline int gm__large_place(const gm_gaz_place *pl)
{
	return gm__feature_is_admin1(pl->feature) || gm__code_eq(pl->feature, "PPLC") || gm__code_eq(pl->feature, "PPLA") ||
	       pl->population >= 100000;
}

/* The resolver's priors (weights.c): what a place of feature code and
 * population scores before any evidence (what: its kind, for the reason),
 * and what the kind of name that matched adds (the untagged kinds take
 * another cost behind a clitic: score.c). */
int gm__gaz_prior(const gm_resolve_weights *w, const char code[8], int64_t pop, const char **what);
int gm__gaz_kind_bonus(const gm_resolve_weights *w, uint8_t kind, uint8_t note);
int gm__gaz_kind_untagged(uint8_t kind);
/* A candidate's prior and kind of name together: the part of its score no
 * context changes. The file lists a key's candidates large places first,
 * then by this score under the default weights, highest first, then by
 * place index (build/layout.c); gm__gaz_order_holds says whether w orders
 * them the same (it sets the two weights the score reads as the defaults). */
int gm__gaz_static_score(const gm_resolve_weights *w, const gm_gaz_place *pl, const gm_gaz_posting *p);
int gm__gaz_order_holds(const gm_resolve_weights *w);

/* A candidate posting's country code, NUL-terminated, into cc[4]: from the
 * posting where it holds it, else from its place. */
static inline const char *gm__gaz_posting_country(const gm_gazetteer *g, const gm_gaz_posting *p, char cc[4])
{
	if ((unsigned char)p->country[0] == 0xFF && (unsigned char)p->country[1] == 0xFF)
		return g->places[p->place].country;
	cc[0] = p->country[0];
	cc[1] = p->country[1];
	cc[2] = cc[3] = '\0';
	return cc;
}

/* Whether a key names at least one place or blocks a phrase (not only cues,
 * demonyms or event triggers). */
int gm__gaz_key_has_place(const gm_gazetteer *g, const gm_gaz_key *k);
/* The not-place notes of common-words.tsv (derived from the Arabic lexicon),
 * after the reviewed kinds of gazetteer.c's list: they ask for evidence or
 * stop clitic readings, they do not block a name outright. */
enum { GM_NP_LEXICON_WORD = 6, GM_NP_WHOLE_WORD = 7, GM_NP_COMPASS = 8 };
int gm__gaz_soft_block(const gm_gaz_posting *p);
/* The place a key is the demonym of, or GM_GAZ_NO_PLACE: only when no
 * reviewed name, and no tagged name of a country, province, capital or city
 * of 100k, has the same spelling (مالي is Mali). */
uint32_t gm__gaz_demonym_of(const gm_gazetteer *g, const gm_gaz_key *k);
/* The enum gm_trigger code of a key, 0 when it is no trigger. */
uint8_t gm__gaz_trigger(const gm_gazetteer *g, const gm_gaz_key *k);

#endif
