/* matcher.h: the matcher's state, shared by match.c (names the gazetteer
 * has) and unlisted.c (names it lacks that the text gives as places)
 * (internal to src/match). */
#ifndef GM_MATCHER_H
#define GM_MATCHER_H

#include "match.h"

/* The document being matched, and the word at token i being read. */
typedef struct matcher {
	const gm_gazetteer *g;
	gm_translit *tr;
	const char *text;
	const gm_tokens *t;
	gm_matches *out;
	gm_error *err;
	size_t prev_end;   /* the token after the last match */
	/* the word at i */
	size_t i;
	uint32_t min_words;   /* 2 after a cue word: a name that starts with it must be longer */
	uint32_t run;         /* words from i on that may join into one name, as far as a key of its readings reaches */
	gm_reading *v;        /* its readings (GM_MAX_READINGS of room, gm__match's: 13 KB not
	                         cleared with the rest for every document) */
	size_t nv;
	int whole;            /* a word of its own: not cut into clitic + a one-word name */
	/* an open list of places (gm__list_opens): where its next item starts,
	 * (size_t)-1 when none is open; the plural's class and word */
	size_t list_next;
	uint8_t list_class;
	int list_strict;      /* opened by a plural with no list cue: gm__list_item_words_strict */
	char list_word[32];
	/* the listed names the gazetteer lacks, so far: found again where the
	 * document names them again */
	struct listed_name {
		char word[64];   /* folded, without the conjunction */
		size_t len;
		size_t match;    /* its match */
	} listed[16];
	size_t n_listed;
} matcher;

/* Byte and code point offsets after skipping `letters` folded code points at
 * the start of text[b0..b1), and any marks that follow them. */
void gm__skip_letters(const char *text, uint32_t b0, uint32_t b1, uint32_t letters, uint32_t *nb, uint32_t *nc);
/* A new match at the end of out, zeroed; NULL when out of memory (err set). */
gm_match *gm__push_match(gm_matches *out, gm_error *err);

/* No name at all after a neighbourhood word: a quarter or camp the
 * gazetteer lacks. 1 taken, 0 not, -1 out of memory. */
int gm__match_quarter(matcher *x);
/* A listed name the gazetteer lacks, named again: 1, 0 or -1. */
int gm__match_listed_again(matcher *x);
/* The list state after token i was read and n words taken (0: none); the
 * words taken, an unlisted item's included, or -1. */
int gm__follow_list(matcher *x, size_t i, int n);

#endif
