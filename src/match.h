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

typedef struct gm_match {
	uint32_t tok_first, tok_last;   /* inclusive */
	uint32_t b0, b1, c0, c1;        /* the name's span, without clitics */
	const gm_gaz_key *key;
	char clitic[16];                /* folded clitic letters stripped, "" when none */
	uint8_t not_place;              /* a reviewed not-place phrase: blocks, is not a mention */
	uint8_t type_class;             /* enum gm_type_class of the word before it */
	char type_word[32];             /* that word, folded */
	char context_cc[4];             /* the country this match adds to the document context (resolve.c) */
} gm_match;

typedef struct gm_matches {
	gm_match *m;
	size_t n, cap;
} gm_matches;

/* The type class of a folded word (a leading و ب ل ف is allowed), GM_TW_NONE if it is none. */
int gm__type_word(const char *folded, size_t len);
/* All matches in text, in order, into out (reused). */
int gm__match(const gm_gazetteer *gaz, const char *text, const gm_tokens *toks, gm_matches *out, gm_error *err);
void gm__matches_free(gm_matches *m);

#endif
