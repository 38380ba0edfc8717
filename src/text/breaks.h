/* breaks.h: word and sentence boundaries of our own (internal), for the text
 * Arabic news is written in: Arabic and Latin letters, digits, their marks,
 * punctuation and spaces. The rules are Unicode's (UAX #29, word and sentence
 * boundaries, as ICU 72 applies them), over the code points' Word_Break and
 * Sentence_Break classes, which are read from ICU once, so the classes are
 * ICU's own. ICU's break iterators cost a fifth of a run's instructions for
 * what, in these scripts, is a few table lookups a code point (#17).
 *
 * A text holding anything else (Hebrew, Cyrillic, CJK, emoji, ZWJ) is not
 * broken here: gm__breaks_run says so and the caller asks ICU. test_breaks
 * checks both give the same boundaries on every corpus in ../shared and on
 * random text of the characters the rules treat differently. */
#ifndef GM_BREAKS_H
#define GM_BREAKS_H

#include <stddef.h>
#include <stdint.h>

/* One word segment, as ICU's word iterator gives it: bytes [b0, b1), code
 * points [c0, c1), and its
 * rule status (0 none: spaces and punctuation; 100 a number; 200 a word of
 * letters, ICU's UBRK_WORD_NUMBER and UBRK_WORD_LETTER). */
typedef struct gm_word_seg {
	uint32_t b0, b1;
	uint32_t c0, c1;   /* the same span in code points */
	uint16_t status;
	uint8_t plain;     /* only letters, digits and their marks: no underscore, full stop,
	                      colon or other joiner inside (the tokenizer need not look) */
} gm_word_seg;

/* Where the boundaries go, sentences first (every end, the last = len),
 * then word segments in order (status 0 ones included). A callback returns
 * GM_OK, or a negative error code that stops the run and is returned. */
typedef struct gm_breaks_sink {
	int (*sentence)(void *ctx, uint32_t end);
	int (*word)(void *ctx, const gm_word_seg *seg);
	void *ctx;
	int words_only;   /* 1: segments of status 0 (spaces, punctuation) not given to word */
} gm_breaks_sink;

/* The classes of one text's code points, kept between texts (a breaker is
 * one thread's): a byte each, so a 20 MB article costs 20 MB here. */
typedef struct gm_breaker {
	uint8_t *cls;
	size_t n_cp, cls_cap;
} gm_breaker;

/* The class tables, from ICU (once per process; safe from any thread). */
void gm__breaks_init(void);
/* Break text[0..len) (valid UTF-8) into sink: 1 done; 0 the text holds what
 * these rules do not cover (nothing was given to sink: ask ICU); else a
 * negative error code (GM_ENOMEM, or the sink's). */
int gm__breaks_run(gm_breaker *bk, const char *text, size_t len, const gm_breaks_sink *sink);
void gm__breaks_free(gm_breaker *bk);

#endif
