/* tokenize.h: word and sentence breaking on the original UTF-8 (internal):
 * our own rules for Arabic and Latin text (breaks.h), ICU's for the rest.
 * Every token keeps its byte and code point span in the original text and its
 * folded form (fold.h), so matching works on folded text while output offsets
 * stay true to what was written. */
#ifndef GM_TOKENIZE_H
#define GM_TOKENIZE_H

#include "geomention.h"

#include "breaks.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

enum gm_gap {
	GM_GAP_JOIN = 0,   /* spaces, or one hyphen: the words may form one name */
	GM_GAP_QUOTE = 1,  /* spaces and quotation marks only: «ممر "لاشين"» */
	GM_GAP_BREAK = 2   /* a line break, punctuation, or the end of the text */
};

typedef struct gm_token {
	uint32_t b0, b1;      /* bytes in the original text, b1 exclusive */
	uint32_t c0, c1;      /* code points */
	uint32_t f_off;       /* folded form: tokens->folded + f_off, NUL terminated */
	uint16_t f_len;
	uint8_t is_number;
	uint8_t gap_after;    /* enum gm_gap: what separates it from the next token */
	uint32_t sentence;    /* index into tokens->sentences */
} gm_token;

typedef struct gm_span {
	uint32_t b0, b1;
} gm_span;

struct gm_gaz_key;
/* The event word that starts at a token, as the matcher read it: the
 * word's clitic readings serve places and event words alike, read once
 * (match.h, gm__tok_trigger). */
typedef struct gm_tok_trigger {
	const struct gm_gaz_key *key;   /* the key it was read as */
	uint8_t known;     /* 0: not read yet (a number, or a word inside a name the matcher took) */
	uint8_t note;      /* its trigger note (gm__gaz_trigger); 0: no event word starts here */
	uint8_t n;         /* its words */
	uint8_t purpose;   /* read behind the clitic ل alone (لاستعادة) */
} gm_tok_trigger;

typedef struct gm_tokens {
	gm_token *tok;
	size_t n, cap;
	char *folded;
	size_t folded_len, folded_cap;
	gm_span *sentences;
	size_t n_sentences, sentences_cap;
	/* per token, its cue as gm__tok_cue found it (0x100 | the cue), 0 not
	 * yet asked: a dozen rules ask of the words around a name, and each
	 * answer was a lookup (n entries, zeroed by gm__tokenize; NULL: none
	 * kept) */
	uint16_t *cue_memo;
	size_t cue_memo_cap;
	gm_tok_trigger *trigger_memo;   /* per token, likewise (n entries, zeroed) */
	size_t trigger_memo_cap;
	uint64_t cue_memo_gaz;   /* the gazetteer both memos' answers are of */
	/* per token, the functions of event-words.tsv it has (gm__word_mask), with
	 * the top bit set once asked; 0 not yet (n entries, zeroed) */
	uint64_t *word_mask_memo;
	size_t word_mask_memo_cap;
} gm_tokens;

typedef struct gm_tokenizer {
	gm_breaker own;            /* Arabic and Latin text */
	UBreakIterator *words;     /* the rest, by ICU */
	UBreakIterator *sentences;
	UText *text;
} gm_tokenizer;

int gm__tokenizer_init(gm_tokenizer *tz, gm_error *err);
void gm__tokenizer_free(gm_tokenizer *tz);
/* Tokenize text[0..len) (valid UTF-8) into out, reusing its buffers. */
int gm__tokenize(gm_tokenizer *tz, const char *text, size_t len, gm_tokens *out, gm_error *err);
void gm__tokens_free(gm_tokens *t);

#endif
