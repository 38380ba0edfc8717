/* tokenize.c: words and sentences, by our own rules for Arabic and Latin
 * text (breaks.h) and by ICU's break iterators for the rest, over UTF-8, so
 * break positions are byte offsets into the original text. */
#include "tokenize.h"

#include "error.h"
#include "grow.h"
#include "fold.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

int gm__tokenizer_init(gm_tokenizer *tz, gm_error *err)
{
	memset(tz, 0, sizeof *tz);
	UErrorCode st = U_ZERO_ERROR;
	/* "ar" has no rules of its own: ICU answers with root rules and a warning
	 * status, which is fine; only U_FAILURE matters. */
	tz->words = ubrk_open(UBRK_WORD, "ar", NULL, 0, &st);
	if (U_FAILURE(st))
		return gm__fail(err, GM_EICU, "ICU word break iterator: %s", u_errorName(st));
	st = U_ZERO_ERROR;
	tz->sentences = ubrk_open(UBRK_SENTENCE, "ar", NULL, 0, &st);
	if (U_FAILURE(st)) {
		gm__tokenizer_free(tz);
		return gm__fail(err, GM_EICU, "ICU sentence break iterator: %s", u_errorName(st));
	}
	gm__fold_init();
	gm__breaks_init();
	return GM_OK;
}

void gm__tokenizer_free(gm_tokenizer *tz)
{
	ubrk_close(tz->words);   /* (ICU's closers take NULL: a tokenizer half made) */
	ubrk_close(tz->sentences);
	utext_close(tz->text);
	gm__breaks_free(&tz->own);
	memset(tz, 0, sizeof *tz);
}

void gm__tokens_free(gm_tokens *t)
{
	free(t->tok);
	free(t->folded);
	free(t->sentences);
	free(t->cue_memo);
	free(t->trigger_memo);
	free(t->word_mask_memo);
	memset(t, 0, sizeof *t);
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x00A0 || cp == 0x202F || cp == 0x2009 ||
	       cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

static int is_hyphen(uint32_t cp)
{
	/* the underscore of hashtags joins words as a hyphen does (#دير_الزور) */
	return cp == '-' || cp == '_' || (cp >= 0x2010 && cp <= 0x2014) || cp == 0x2212;
}

static int is_quote(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == 0x00AB || cp == 0x00BB || cp == 0x201C ||
	       cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x201E || cp == 0x2039 || cp == 0x203A;
}

/* Whether an Arabic letter (not a mark, digit or punctuation) starts at
 * text[i] / ends at text[i] (i: the byte after it). */
static int arabic_letter(uint32_t cp) { return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x0671 && cp <= 0x06D3); }

static int arabic_letter_at(const char *text, size_t len, size_t i)
{
	uint32_t cp;
	return i < len && gm__utf8_decode((const unsigned char *)text + i, len - i, &cp) && arabic_letter(cp);
}

static int arabic_letter_before(const char *text, size_t i)
{
	size_t k = i;
	while (k > 0 && ((unsigned char)text[k - 1] & 0xC0) == 0x80)
		k--;
	uint32_t cp;
	return k > 0 && gm__utf8_decode((const unsigned char *)text + k - 1, i - k + 1, &cp) && arabic_letter(cp);
}

/* A full stop or colon run into the next word with no space, between two
 * Arabic letters ("في كل لبنان.وكان"، "كركوك:الشرطة"): scraped news loses the
 * space, and ICU keeps such letters one word (as in "e.g."). Arabic writes
 * no abbreviation so that a name could hang on it. */
static int run_on_stop(const char *text, size_t len, size_t i)
{
	return (text[i] == '.' || text[i] == ':') && arabic_letter_before(text, i) && arabic_letter_at(text, len, i + 1);
}

static uint8_t classify_gap(const char *s, size_t len)
{
	if (len == 0)
		return GM_GAP_BREAK;  /* two words with nothing between: not one name */
	int hyphens = 0, quotes = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = gm__utf8_decode(u + i, len - i, &cp);
		if (n == 0)
			return GM_GAP_BREAK;
		i += n;
		if (is_space(cp))
			continue;
		if (is_hyphen(cp))
			hyphens++;
		else if (is_quote(cp))
			quotes++;
		else
			return GM_GAP_BREAK;
	}
	if (quotes)
		return hyphens ? GM_GAP_BREAK : GM_GAP_QUOTE;
	return hyphens <= 1 ? GM_GAP_JOIN : GM_GAP_BREAK;
}

/* One sentence [a, b) as a break iterator gives it; a full stop run into
 * the next word ends a sentence too. */
static int add_sentence(gm_tokens *out, const char *text, size_t len, size_t a, size_t b, gm_error *err)
{
	for (size_t c = a; c < b;) {
		size_t e = c;
		/* (memchr finds the full stops a vector at a time) */
		for (const char *dot; e < b; e++) {
			if (!(dot = memchr(text + e, '.', b - e))) {
				e = b;
				break;
			}
			e = (size_t)(dot - text);
			if (run_on_stop(text, len, e))
				break;
		}
		size_t end = e < b ? e + 1 : b;
		if (GM__GROW(out->sentences, out->sentences_cap, out->n_sentences + 1))
			return gm__fail(err, GM_ENOMEM, "out of memory splitting sentences");
		out->sentences[out->n_sentences++] = (gm_span){(uint32_t)c, (uint32_t)end};
		c = end;
	}
	return GM_OK;
}

/* The sentence of the last token. */
typedef struct word_cursor {
	size_t sent;
} word_cursor;

/* One word segment: bytes [wa, wb), code points [ca, cb), of rule status
 * `status` (ICU's: below UBRK_WORD_NUMBER spaces and punctuation, below
 * UBRK_WORD_LETTER a number). */
static int add_word(gm_tokens *out, const char *text, size_t len, size_t wa, size_t wb, size_t ca, size_t cb,
                    int32_t status, int plain, word_cursor *wc, gm_error *err)
{
	if (status < UBRK_WORD_NUMBER)
		return GM_OK;  /* spaces and punctuation */
	size_t pos = wa, cpos = ca;   /* a code point count known at a byte */
	/* ICU keeps "قصف_حلب" one word (the underscore joins letters); social
	 * media text writes phrases so (#غزة_تحت_القصف): each part is a word;
	 * so is each side of a full stop or colon run on (run_on_stop) */
	for (size_t a = wa, b; a < wb; a = b + 1) {
		/* (a plain segment holds none of _ . : and needs no look; the rest
		 * are passed over a byte a step) */
		b = plain ? wb : a;
		for (; b < wb; b++) {
			char ch = text[b];
			if ((ch == '_' || ch == '.' || ch == ':') && (ch == '_' || run_on_stop(text, len, b)))
				break;
		}
		if (b == a)
			continue;
		if (GM__GROW(out->tok, out->cap, out->n + 1))
			return gm__fail(err, GM_ENOMEM, "out of memory tokenizing");
		size_t blen = b - a;
		/* folding never grows a word by more than 4 code points per code point */
		if (GM__GROW(out->folded, out->folded_cap, out->folded_len + blen * 4 + 8))
			return gm__fail(err, GM_ENOMEM, "out of memory folding");
		cpos += gm__utf8_count(text + pos, a - pos);
		size_t c0 = cpos;
		cpos = b == wb ? cb : cpos + gm__utf8_count(text + a, blen);
		pos = b;
		size_t flen = gm__fold(text + a, blen, out->folded + out->folded_len, blen * 4 + 8);
		if (flen == 0 || flen > UINT16_MAX)
			continue;  /* only marks or tatweel: nothing to match */
		while (wc->sent + 1 < out->n_sentences && out->sentences[wc->sent].b1 <= (uint32_t)a)
			wc->sent++;
		gm_token *t = &out->tok[out->n++];
		t->b0 = (uint32_t)a;
		t->b1 = (uint32_t)b;
		t->c0 = (uint32_t)c0;
		t->c1 = (uint32_t)cpos;
		t->f_off = (uint32_t)out->folded_len;
		t->f_len = (uint16_t)flen;
		t->is_number = status < UBRK_WORD_LETTER;
		t->gap_after = GM_GAP_BREAK;
		t->sentence = (uint32_t)wc->sent;
		out->folded_len += flen + 1;
		out->folded[out->folded_len - 1] = '\0';
	}
	return GM_OK;
}

/* Our own boundaries (breaks.h) into the tokens, as they come. */
typedef struct own_sink_ctx {
	gm_tokens *out;
	const char *text;
	size_t len;
	uint32_t last_end;   /* the end of the sentence before */
	word_cursor wc;
	gm_error *err;
	int failed;          /* a token could not be added: err says why */
} own_sink_ctx;

static int own_sentence(void *ctx, uint32_t end)
{
	own_sink_ctx *c = ctx;
	int rc = add_sentence(c->out, c->text, c->len, c->last_end, end, c->err);
	c->last_end = end;
	c->failed |= rc != GM_OK;
	return rc;
}

static int own_word(void *ctx, const gm_word_seg *w)
{
	own_sink_ctx *c = ctx;   /* (words only: the sink is words_only) */
	int rc = add_word(c->out, c->text, c->len, w->b0, w->b1, w->c0, w->c1, w->status, w->plain, &c->wc, c->err);
	c->failed |= rc != GM_OK;
	return rc;
}

/* ICU's break iterators, for text of other scripts (breaks.h). */
static int icu_breaks(gm_tokenizer *tz, const char *text, size_t len, gm_tokens *out, gm_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	tz->text = utext_openUTF8(tz->text, text, (int64_t)len, &st);
	if (U_FAILURE(st))
		return gm__fail(err, GM_EICU, "ICU UText: %s", u_errorName(st));
	ubrk_setUText(tz->sentences, tz->text, &st);
	if (U_FAILURE(st))
		return gm__fail(err, GM_EICU, "ICU sentence break: %s", u_errorName(st));
	int rc;
	for (int32_t a = ubrk_first(tz->sentences), b; (b = ubrk_next(tz->sentences)) != UBRK_DONE; a = b)
		if ((rc = add_sentence(out, text, len, (size_t)a, (size_t)b, err)) != GM_OK)
			return rc;
	ubrk_setUText(tz->words, tz->text, &st);
	if (U_FAILURE(st))
		return gm__fail(err, GM_EICU, "ICU word break: %s", u_errorName(st));
	word_cursor wc = {0};
	size_t cp = 0;   /* code points before a */
	for (int32_t a = ubrk_first(tz->words), b; (b = ubrk_next(tz->words)) != UBRK_DONE; a = b) {
		size_t cpb = cp + gm__utf8_count(text + a, (size_t)(b - a));
		if ((rc = add_word(out, text, len, (size_t)a, (size_t)b, cp, cpb, ubrk_getRuleStatus(tz->words), 0, &wc, err)) != GM_OK)
			return rc;
		cp = cpb;
	}
	return GM_OK;
}

int gm__tokenize(gm_tokenizer *tz, const char *text, size_t len, gm_tokens *out, gm_error *err)
{
	out->n = 0;
	out->folded_len = 0;
	out->n_sentences = 0;
	if (len > INT32_MAX)
		return gm__fail(err, GM_EINVAL, "document of %zu bytes is larger than 2 GiB", len);
	/* Arabic and Latin text by our own rules, anything else by ICU's */
	own_sink_ctx sc = {out, text, len, 0, {0}, err, 0};
	/* (spaces and punctuation, half the segments, are not given to own_word) */
	const gm_breaks_sink sink = {own_sentence, own_word, &sc, 1};
	int rc = gm__breaks_run(&tz->own, text, len, &sink);
	if (rc < 0 && !sc.failed)
		return gm__fail(err, rc, "out of memory breaking words");
	if (rc == 0)
		rc = icu_breaks(tz, text, len, out, err);
	else if (rc == 1)
		rc = GM_OK;
	if (rc != GM_OK)
		return rc;
	for (size_t i = 0; i + 1 < out->n; i++) {
		gm_token *t = &out->tok[i], *u = &out->tok[i + 1];
		t->gap_after = t->sentence == u->sentence ? classify_gap(text + t->b1, u->b0 - t->b1) : GM_GAP_BREAK;
	}
	if (GM__GROW(out->cue_memo, out->cue_memo_cap, out->n + 1) ||
	    GM__GROW(out->trigger_memo, out->trigger_memo_cap, out->n + 1) ||
	    GM__GROW(out->word_mask_memo, out->word_mask_memo_cap, out->n + 1))
		return gm__fail(err, GM_ENOMEM, "out of memory tokenizing");
	memset(out->cue_memo, 0, (out->n + 1) * sizeof *out->cue_memo);
	memset(out->trigger_memo, 0, (out->n + 1) * sizeof *out->trigger_memo);
	memset(out->word_mask_memo, 0, (out->n + 1) * sizeof *out->word_mask_memo);
	return GM_OK;
}
