/* match.h: finding gazetteer names in tokenized text (internal).
 *
 * Longest match first: at each word, the longest run of joinable words whose
 * folded form is a gazetteer key wins. The bare word is tried before any
 * clitic reading (و ف ب ل ك and the article ال, alone and combined), so a name
 * that starts with one of those letters is never cut. The span reported
 * excludes the clitic; the article stays when the name carries it (القدس). */
#ifndef GM_MATCH_H
#define GM_MATCH_H

#include "gazetteer.h"
#include "tokenize.h"
#include "translit.h"


/* Why a match is not a mention (gm_match.blocked). */
enum gm_block {
	GM_BLOCK_NONE = 0,
	GM_BLOCK_PHRASE,      /* a reviewed not-place phrase (not-places.tsv) */
	GM_BLOCK_ORG,         /* after an organisation head: منتخب البرتغال */
	GM_BLOCK_TITLE,       /* after a person's title: السلطان صلاح الدين */
	GM_BLOCK_PATRONYM,    /* before بن/ابن: a person's name */
	GM_BLOCK_ADJECTIVE,   /* a nisba adjective after a definite noun: الكنيسة الغربية */
	GM_BLOCK_DEMONYM      /* a demonym (الروسية): counted for its place (demonym_of), never a mention */
};

typedef struct gm_match {
	uint32_t tok_first, tok_last;   /* inclusive */
	uint32_t b0, b1, c0, c1;        /* the name's span, without clitics */
	const gm_gaz_key *key;          /* NULL only for a quarter (below) */
	char clitic[16];                /* folded clitic letters stripped, "" when none */
	uint8_t not_place;              /* blocked (see blocked): is not a mention */
	uint8_t blocked;                /* enum gm_block */
	uint8_t type_class;             /* enum gm_type_class of the word before it */
	uint8_t type_inherited;         /* type_class said of a list before it ("قريتي A وB"), not of this word */
	uint8_t hinterland;             /* after ريف / ضواحي: the countryside of the name, its province or district */
	uint8_t list_next;              /* the next match is the next item of the same list: 1 next to it (و
	                                   or a comma), 2 past items the gazetteer lacks (gm__match) */
	uint8_t parent_link;            /* enum gm_parent_link: the next match is this one's parent */
	uint8_t variant;                /* GM_MATCH_NAME, or how else the key was reached */
	char type_word[32];             /* the cue word before it (type, organisation, title), folded */
	uint32_t context_place;         /* the place this match adds to the document context, or GM_GAZ_NO_PLACE (resolve.c) */
	uint32_t demonym_of;            /* blocked == GM_BLOCK_DEMONYM: the place it is the demonym of */
	uint8_t quarter;                /* no gazetteer name: a quarter or camp after حي / أحياء / مخيم that
	                                   the gazetteer lacks (key is NULL); resolve.c places it at its city */
	uint8_t lexicon;                /* 1: the name (without clitics) is a common Arabic word, 2: a compass
	                                   phrase (common-words.tsv): the resolver asks it for evidence */
	uint8_t list_class;             /* an item of a list of places after a plural place word and a list
	                                   cue ("قرى منها A وB"): the plural's gm_type_class; 0 none */
	uint8_t list_uncued;            /* that list has no cue: the items follow the plural straight away
	                                   ("قريتي جبالا وأرينبة"); an event word does not reach it by the list */
	uint32_t same_as;               /* a name the gazetteer lacks named again ("شهيدان في الحلانية" after
	                                   the list that named الحلانية): the earlier match's index + 1 */
} gm_match;

typedef struct gm_matches {
	gm_match *m;
	size_t n, cap;
} gm_matches;

/* A reading of one folded word: bare, or with clitics stripped (و ف ب ل and
 * their combinations; وال بال لل keep or restore the article). */
#define GM_MAX_READINGS 40
typedef struct gm_reading {
	char text[256];
	size_t len;
	uint32_t strip;       /* folded code points cut from the start of the span */
	char clitic[16];
	uint32_t max_words;   /* 0: no gazetteer key starts with this reading */
	uint8_t lam_article;  /* read as ل + the article (لموصل = للموصل) */
	uint8_t short_rest;   /* two letters left after the clitic: only as the start of a longer name */
	const gm_gaz_key *key;   /* the reading itself as a key, or NULL */
} gm_reading;

/* Are matches a and a + 1 two items of one list: next to each other, joined by
 * a comma or by the و the second one carries ("مارع والباب، وإعزاز"), or with
 * only items the gazetteer lacks between (شمسطار، الحلانية، سرعين التحتا)? */
int gm__listed_together(const gm_match *m, size_t a);

/* Is folded w an event word, as it is or without its article (النزوح)? */
int gm__event_word(const gm_gazetteer *g, const char *w, size_t len);

/* The readings of folded word w, bare first, fewer clitic letters first. */
size_t gm__readings(const gm_gazetteer *g, const char *w, size_t len, gm_reading *out);
/* The key of reading r of token i joined with the n-1 folded tokens after it
 * ("word word"), into key; its length, 0 when it does not fit in cap. */
size_t gm__join_key(const gm_tokens *t, const gm_reading *r, size_t i, uint32_t n, char *key, size_t cap);
/* The key of reading r of token i and the n-1 tokens after it, or NULL;
 * key (cap bytes) is the buffer for joining. */
static inline const gm_gaz_key *gm__reading_key(const gm_gazetteer *g, const gm_tokens *t, const gm_reading *r,
                                                size_t i, uint32_t n, char *key, size_t cap)
{
	if (n == 1)
		return r->key;   /* looked up with the reading */
	size_t kl = gm__join_key(t, r, i, n, key, cap);
	return kl ? gm__gaz_find(g, key, kl) : NULL;
}

/* Lists of places a plural place word announces ("قرى ومزارع منها
 * النمرودية وقرتاجة"، "حارات البلدة القديمة، بينها غيث والسلايمة"، "البلدات
 * التالية: شمسطار، الحلانية"): the place word within GM_LIST_REACH words
 * before a list cue (cues.tsv, role list). gm__list_opens: the class of the
 * plural when token i is a list cue that opens one (its folded word into
 * head), else 0. gm__list_next: the token after an item ending before token
 * e where the next item starts (a comma, or the conjunction و), (size_t)-1
 * when the list ends there. gm__list_item_words: the words of an item the
 * gazetteer lacks at token i (a definite word or two may follow its first),
 * 0 when token i cannot be one (a number, a cue, an event word, two letters,
 * or a word that is neither after و nor followed by the next item). */
#define GM_LIST_REACH 3
uint8_t gm__list_opens(const gm_gazetteer *g, const gm_tokens *t, size_t i, char *head, size_t head_cap);
/* gm__list_opens_many: the same for a plural or dual type word with its
 * items right after it and no list cue ("قريتي جبالا وأرينبة"، "أحياء
 * الرسالة والأندلس والضباط"): the class when token i is one, else 0. */
uint8_t gm__list_opens_many(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t i, char *head,
                            size_t head_cap);
size_t gm__list_next(const char *text, const gm_tokens *t, size_t e);
size_t gm__list_item_words(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t i);
/* gm__list_item_words_strict: the same for a list with no cue, whose items
 * must look like items more: one or two words (no pronoun on the second), that
 * ends where the sentence, its clause, the next item or a parent cue starts
 * ("أحياء ... وجبيل جنوبها وأسفرت عن": the list ends at جبيل). */
size_t gm__list_item_words_strict(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t i);
/* Whether token i is a direction as an adverb (شرقاً، وغرباً: a compass cue
 * and the alef of its accusative), which stands beside a list's items and is
 * none of them. */
int gm__compass_adverb(const gm_gazetteer *g, const gm_tokens *t, size_t i);

/* The cue note (role << 4 | class, gazetteer.h) of a folded word; a leading
 * و ب ل ف is allowed (ومدينة، بمدينة). 0 when the word is no cue. */
uint8_t gm__cue(const gm_gazetteer *g, const char *folded, size_t len);
/* gm__cue of token i's folded text, asked of the gazetteer once per token
 * and document (gm_tokens.cue_memo): the memo read here, inline (the
 * matcher and the events stage ask millions of times, mostly again);
 * gm__tok_cue_read fills it. */
uint8_t gm__tok_cue_read(const gm_gazetteer *g, const gm_tokens *t, size_t i);
static inline uint8_t gm__tok_cue(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	if (t->cue_memo && i < t->cue_memo_cap && t->cue_memo_gaz == g->id && t->cue_memo[i])
		return (uint8_t)t->cue_memo[i];
	return gm__tok_cue_read(g, t, i);
}
/* The same, read by the matcher from the word's readings rd[0..nr) as it
 * reads the word (their keys are looked up already). */
void gm__tok_read_cue(const gm_gazetteer *g, const gm_tokens *t, size_t i, const gm_reading *rd, size_t nr);
/* The event word that starts at token i (note 0: none), longest first:
 * read from rd[0..nr), the word's readings, by the matcher as it reads the
 * word (gm__tok_read_trigger), so that the events stage reads no word twice;
 * gm__tok_trigger answers from that, reading the word itself where the
 * matcher did not (a number, a word inside a name it took). */
void gm__tok_read_trigger(const gm_gazetteer *g, const gm_tokens *t, size_t i, const gm_reading *rd, size_t nr);
void gm__tok_trigger(const gm_gazetteer *g, const gm_tokens *t, size_t i, gm_tok_trigger *out);
#define GM_CUE_ROLE(note) ((note) >> 4)
#define GM_CUE_CLASS(note) ((note) & 15)
enum gm_match_variant {
	GM_MATCH_NAME = 0,      /* a gazetteer name, after clitics */
	GM_MATCH_SKELETON = 1,  /* an Arabic spelling skeleton (fold.h): الدانمارك for الدنمارك */
	GM_MATCH_LATIN = 2,     /* a Latin consonant skeleton (translit.h): سوليدار for Soledar */
	GM_MATCH_LETTERS = 3    /* an emphatic letter for its plain pair, or back (match.c):
	                           كنصفرة for كنسفرة, where the text says a place follows */
};

/* All matches in text, in order, into out (reused). tr (may be NULL: none)
 * transliterates words that match nothing else, where the words before them
 * say a place follows (a type word or a parent cue), for Latin skeletons. */
int gm__match(const gm_gazetteer *gaz, gm_translit *tr, const char *text, const gm_tokens *toks, gm_matches *out,
              gm_error *err);
void gm__matches_free(gm_matches *m);

/* neighbours.c: what the words around a match say of it */
/* Does folded w end like a nisba adjective (ـي، ـية, folded ي / يه)? */
int gm__nisba_ending(const char *w, size_t len);
/* Whether the text between two tokens holds a comma (، or ,). */
int gm__comma_between(const char *text, const gm_token *a, const gm_token *b);
/* s[0..n) into dst (cap bytes), cut where it does not fit, NUL-terminated:
 * snprintf's "%.*s" without its cost (every match copies its clitic). */
void gm__copy_cut(char *dst, size_t cap, const char *s, size_t n);
/* What the words around a match say about it: the type word, organisation
 * head or title before it, a patronym after it, and adjective agreement. */
void gm__read_neighbours(const gm_gazetteer *g, const char *text, const gm_tokens *t, gm_match *m,
                         size_t prev_match_end);
/* The link from match a to the next match b, when the words between them make
 * b a's parent: "X في Y", "X بY", "X، Y", "X شمال Y", "X بالقرب من Y". */
uint8_t gm__parent_link(const gm_gazetteer *g, const char *text, const gm_tokens *t, const gm_match *a,
                        const gm_match *b);
/* lists.c: which matches are next items of a list (gm_match.list_next). */
void gm__link_lists(const gm_gazetteer *g, const gm_tokens *t, gm_matches *out);

#endif
