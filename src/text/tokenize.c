/* tokenize.c: words and sentences with ICU's break iterators, over UTF-8
 * UText, so break positions are byte offsets into the original text. */
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
	return GM_OK;
}

void gm__tokenizer_free(gm_tokenizer *tz)
{
	if (tz->words)
		ubrk_close(tz->words);
	if (tz->sentences)
		ubrk_close(tz->sentences);
	if (tz->text)
		utext_close(tz->text);
	memset(tz, 0, sizeof *tz);
}

void gm__tokens_free(gm_tokens *t)
{
	free(t->tok);
	free(t->folded);
	free(t->sentences);
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

int gm__tokenize(gm_tokenizer *tz, const char *text, size_t len, gm_tokens *out, gm_error *err)
{
	out->n = 0;
	out->folded_len = 0;
	out->n_sentences = 0;
	if (len > INT32_MAX)
		return gm__fail(err, GM_EINVAL, "document of %zu bytes is larger than 2 GiB", len);
	UErrorCode st = U_ZERO_ERROR;
	tz->text = utext_openUTF8(tz->text, text, (int64_t)len, &st);
	if (U_FAILURE(st))
		return gm__fail(err, GM_EICU, "ICU UText: %s", u_errorName(st));

	/* sentences */
	ubrk_setUText(tz->sentences, tz->text, &st);
	if (U_FAILURE(st))
		return gm__fail(err, GM_EICU, "ICU sentence break: %s", u_errorName(st));
	for (int32_t a = ubrk_first(tz->sentences), b; (b = ubrk_next(tz->sentences)) != UBRK_DONE; a = b) {
		/* a full stop run into the next word ends a sentence too */
		for (int32_t c = a; c < b;) {
			int32_t e = c;
			while (e < b && !(text[e] == '.' && run_on_stop(text, len, (size_t)e)))
				e++;
			int32_t end = e < b ? e + 1 : b;
			if (GM__GROW(out->sentences, out->sentences_cap, out->n_sentences + 1))
				return gm__fail(err, GM_ENOMEM, "out of memory splitting sentences");
			out->sentences[out->n_sentences++] = (gm_span){(uint32_t)c, (uint32_t)end};
			c = end;
		}
	}

	/* words */
	ubrk_setUText(tz->words, tz->text, &st);
	if (U_FAILURE(st))
		return gm__fail(err, GM_EICU, "ICU word break: %s", u_errorName(st));
	size_t cp_pos = 0, byte_pos = 0, sent = 0;
	for (int32_t wa = ubrk_first(tz->words), wb; (wb = ubrk_next(tz->words)) != UBRK_DONE; wa = wb) {
		int32_t status = ubrk_getRuleStatus(tz->words);
		if (status < UBRK_WORD_NUMBER)
			continue;  /* spaces and punctuation */
		/* ICU keeps "قصف_حلب" one word (the underscore joins letters); social
		 * media text writes phrases so (#غزة_تحت_القصف): each part is a word;
		 * so is each side of a full stop or colon run on (run_on_stop) */
		for (int32_t a = wa, b; a < wb; a = b + 1) {
			b = a;
			while (b < wb && text[b] != '_' && !run_on_stop(text, len, (size_t)b))
				b++;
			if (b == a)
				continue;
			if (GM__GROW(out->tok, out->cap, out->n + 1))
				return gm__fail(err, GM_ENOMEM, "out of memory tokenizing");
			size_t blen = (size_t)(b - a);
			/* folding never grows a word by more than 4 code points per code point */
			if (GM__GROW(out->folded, out->folded_cap, out->folded_len + blen * 4 + 8))
				return gm__fail(err, GM_ENOMEM, "out of memory folding");
			cp_pos += gm__utf8_count(text + byte_pos, (size_t)a - byte_pos);
			size_t c0 = cp_pos;
			cp_pos += gm__utf8_count(text + a, blen);
			byte_pos = (size_t)b;
			size_t flen = gm__fold(text + a, blen, out->folded + out->folded_len, blen * 4 + 8);
			if (flen == 0 || flen > UINT16_MAX)
				continue;  /* only marks or tatweel: nothing to match */
			while (sent + 1 < out->n_sentences && out->sentences[sent].b1 <= (uint32_t)a)
				sent++;
			gm_token *t = &out->tok[out->n++];
			t->b0 = (uint32_t)a;
			t->b1 = (uint32_t)b;
			t->c0 = (uint32_t)c0;
			t->c1 = (uint32_t)cp_pos;
			t->f_off = (uint32_t)out->folded_len;
			t->f_len = (uint16_t)flen;
			t->is_number = status < UBRK_WORD_LETTER;
			t->gap_after = GM_GAP_BREAK;
			t->sentence = (uint32_t)sent;
			out->folded_len += flen + 1;
			out->folded[out->folded_len - 1] = '\0';
		}
	}
	for (size_t i = 0; i + 1 < out->n; i++) {
		gm_token *t = &out->tok[i], *u = &out->tok[i + 1];
		t->gap_after = t->sentence == u->sentence ? classify_gap(text + t->b1, u->b0 - t->b1) : GM_GAP_BREAK;
	}
	return GM_OK;
}
