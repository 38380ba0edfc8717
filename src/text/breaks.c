/* breaks.c: UAX #29 word and sentence boundaries for Arabic and Latin text
 * (see breaks.h for why and for what it covers). The rule numbers in the
 * comments are the standard's (WB3 ... WB999, SB3 ... SB998). */
#include "breaks.h"

#include "geomention.h"

#include "grow.h"
#include "utf8.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Word_Break classes as the rules below tell them apart. */
enum {
	W_OTHER, W_CR, W_LF, W_NEWLINE, W_EXTEND, W_FORMAT, W_LETTER, W_MIDLETTER, W_MIDNUM, W_MIDNUMLET,
	W_SQUOTE, W_NUMERIC, W_EXTNUMLET, W_WSEGSPACE,
	W_UNSUPPORTED   /* a class these rules do not implement: the text goes to ICU */
};

/* Sentence_Break classes. Those from S_EXTEND on are the ones the rules
 * stop at outside a sentence end (a break may fall at them or after them:
 * sentence_plain): as the high bit of the class byte, eight code points are
 * passed over at once where none of them is one (#17). */
enum {
	S_OTHER, S_SP, S_LOWER, S_UPPER, S_OLETTER, S_NUMERIC, S_CLOSE, S_SCONTINUE,
	S_EXTEND, S_FORMAT, S_ATERM, S_STERM, S_SEP, S_CR, S_LF
};
#define S_STOPS_BIT 0x80u   /* in a class byte: its sentence class is S_EXTEND or after */

/* The blocks covered: Latin (Basic to Extended-B), combining diacritics,
 * Greek, Cyrillic (names of Ukraine's and Russia's places and people, and
 * science), Arabic, Arabic Supplement and Extended-A, general punctuation,
 * currency signs, Arabic presentation forms A and B. Any other code point
 * sends the text to ICU. */
static const struct {
	uint32_t lo, hi;   /* [lo, hi) */
} blocks[] = {{0x0000, 0x0250}, {0x0300, 0x0530}, {0x0600, 0x0900}, {0x2000, 0x2070},
              {0x20A0, 0x20D0}, {0xFB50, 0xFE00}, {0xFE70, 0xFF00}};
#define N_BLOCKS (sizeof blocks / sizeof *blocks)
#define TABLE_SIZE (0x250 + 0x230 + 0x300 + 0x70 + 0x30 + 0x2B0 + 0x90)

/* Per code point of the blocks: the word class in the low four bits, the
 * sentence class in the high four; and the same for every code point below
 * U+0900 by its value (Latin, Greek, Cyrillic, Arabic: one load), those of
 * blocks not covered marked W_UNSUPPORTED. */
static uint8_t packed[TABLE_SIZE], packed_low[0x900];
static size_t block_base[N_BLOCKS];

static uint8_t word_class_of_icu(UChar32 c)
{
	switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
	case U_WB_OTHER: return W_OTHER;
	case U_WB_DOUBLE_QUOTE: return W_OTHER;   /* it joins only Hebrew letters (WB7b, WB7c) */
	case U_WB_CR: return W_CR;
	case U_WB_LF: return W_LF;
	case U_WB_NEWLINE: return W_NEWLINE;
	case U_WB_EXTEND: return W_EXTEND;
	case U_WB_FORMAT: return W_FORMAT;
	case U_WB_ALETTER: return W_LETTER;
	case U_WB_MIDLETTER: return W_MIDLETTER;
	case U_WB_MIDNUM: return W_MIDNUM;
	case U_WB_MIDNUMLET: return W_MIDNUMLET;
	case U_WB_SINGLE_QUOTE: return W_SQUOTE;
	case U_WB_NUMERIC: return W_NUMERIC;
	case U_WB_EXTENDNUMLET: return W_EXTNUMLET;
	case U_WB_WSEGSPACE: return W_WSEGSPACE;
	default: return W_UNSUPPORTED;   /* Hebrew, Katakana, regional indicators, ZWJ, emoji */
	}
}

static uint8_t sentence_class_of_icu(UChar32 c)
{
	switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
	case U_SB_CR: return S_CR;
	case U_SB_LF: return S_LF;
	case U_SB_SEP: return S_SEP;
	case U_SB_EXTEND: return S_EXTEND;
	case U_SB_FORMAT: return S_FORMAT;
	case U_SB_SP: return S_SP;
	case U_SB_LOWER: return S_LOWER;
	case U_SB_UPPER: return S_UPPER;
	case U_SB_OLETTER: return S_OLETTER;
	case U_SB_NUMERIC: return S_NUMERIC;
	case U_SB_ATERM: return S_ATERM;
	case U_SB_STERM: return S_STERM;
	case U_SB_CLOSE: return S_CLOSE;
	case U_SB_SCONTINUE: return S_SCONTINUE;
	default: return S_OTHER;
	}
}

static void init_sentence_plain(void);

static void init_tables(void)
{
	memset(packed_low, W_UNSUPPORTED, sizeof packed_low);
	size_t at = 0;
	for (size_t b = 0; b < N_BLOCKS; b++) {
		block_base[b] = at;
		for (uint32_t c = blocks[b].lo; c < blocks[b].hi; c++, at++) {
			uint8_t w = word_class_of_icu((UChar32)c);
			/* ICU's root word rules differ from the standard's classes in
			 * two places: '@' is a letter (handles, addresses stay one word)
			 * and the colon joins no letters */
			if (c == '@')
				w = W_LETTER;
			if (c == ':' || c == 0xFE55)
				w = W_OTHER;
			/* an emoji joins what a ZWJ before it starts (WB3c): not done here */
			if (u_hasBinaryProperty((UChar32)c, UCHAR_EXTENDED_PICTOGRAPHIC))
				w = W_UNSUPPORTED;
			packed[at] = (uint8_t)(w | sentence_class_of_icu((UChar32)c) << 4);
			if (c < sizeof packed_low)
				packed_low[c] = packed[at];
		}
	}
	init_sentence_plain();
}

static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

void gm__breaks_init(void) { pthread_once(&tables_once, init_tables); }

/* The table index of cp, or -1 outside the blocks covered. */
static long table_index(uint32_t cp)
{
	for (size_t b = 0; b < N_BLOCKS; b++)
		if (cp < blocks[b].hi)
			return cp >= blocks[b].lo ? (long)(block_base[b] + (cp - blocks[b].lo)) : -1;
	return -1;
}

void gm__breaks_free(gm_breaker *bk)
{
	free(bk->cls);
	memset(bk, 0, sizeof *bk);
}

/* Decode text into per code point classes (the word class in the low four
 * bits, the sentence class in the high four): 0 when a code point lies
 * outside the blocks or is of a class not implemented. */
static int classify(gm_breaker *bk, const char *text, size_t len)
{
	bk->n_cp = 0;
	/* a code point takes a byte at least: len entries hold any text */
	if (GM__GROW(bk->cls, bk->cls_cap, len + 1))
		return -1;
	const unsigned char *u = (const unsigned char *)text;
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		/* four two-byte letters at once where they come so (most of an
		 * Arabic word): one test of the eight bytes, four table loads */
		if (i + 8 <= len && gm__utf8_four_pairs(gm__utf8_load8(u + i))) {
			uint8_t c4[4];
			int unsupported = 0;
			for (int k = 0; k < 4; k++) {
				c4[k] = packed_low[(u[i + 2 * k] & 0x1F) << 6 | (u[i + 2 * k + 1] & 0x3F)];
				unsupported |= (c4[k] & 15) == W_UNSUPPORTED;
			}
			if (unsupported)
				return 0;
			memcpy(bk->cls + n, c4, 4);
			n += 4;
			i += 8;
			continue;
		}
		uint32_t cp = u[i];
		size_t l = 1;
		uint8_t c;
		if (cp < 0x80) {
			c = packed_low[cp];
		} else if (cp >= 0xC2 && cp < 0xE0 && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
			/* two bytes (Latin, Greek, Cyrillic, Arabic) decoded here: this
			 * loop runs once a code point */
			c = packed_low[(cp & 0x1F) << 6 | (u[i + 1] & 0x3F)];
			l = 2;
		} else {
			if (!(l = gm__utf8_decode(u + i, len - i, &cp)))
				return 0;   /* not valid UTF-8: ICU decides what it is */
			long x = cp < sizeof packed_low ? -1 : table_index(cp);
			if (cp < sizeof packed_low)
				c = packed_low[cp];
			else if (x >= 0)
				c = packed[x];
			else
				return 0;
		}
		if ((c & 15) == W_UNSUPPORTED)
			return 0;
		bk->cls[n++] = c;
		i += l;
	}
	bk->n_cp = n;
	return 1;
}

#define WB(bk, i) ((uint8_t)((bk)->cls[i] & 15))
#define SB(bk, i) ((uint8_t)((bk)->cls[i] >> 4))

/* The bytes of the (valid) UTF-8 sequence that starts with lead, by its top
 * four bits (a load instead of a chain of tests, at every code point of the
 * word pass). */
static const uint8_t seq_lens[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
static size_t seq_len(unsigned char lead) { return seq_lens[lead >> 4]; }

/* Where code point i of the (valid) text starts, from a cursor that only
 * moves forward: eight bytes a step while eight code points or more lie
 * ahead (their lead bytes counted at once: a byte that is no continuation,
 * 10xxxxxx, starts one), then a byte a step. The sentence pass asks it
 * only where a sentence ends, instead of moving a byte offset on at every
 * code point (#17); the word pass, which needs one at every word's two ends,
 * moves its own. */
typedef struct cp_cursor {
	size_t cp, byte;   /* cp: the lead bytes before byte */
} cp_cursor;

static size_t byte_of(cp_cursor *c, const char *text, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)text;
	while (c->cp + 8 <= i && c->byte + 8 <= len) {
		uint64_t x;
		memcpy(&x, u + c->byte, 8);
		uint64_t cont = x & ~(x << 1) & 0x8080808080808080ull;
		c->cp += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
		c->byte += 8;
	}
	/* (past the continuations of a sequence the last step cut into) */
	while (c->byte < len && (c->cp < i || (u[c->byte] & 0xC0) == 0x80)) {
		c->cp += (u[c->byte] & 0xC0) != 0x80;
		c->byte++;
	}
	return c->byte;
}

/* Sets of word classes as bit masks (a class is below 16): one shift and a
 * test where a chain of compares ran at every code point. */
#define W_SET(c) (1u << (c))
static int w_ignored(uint8_t c) { return (W_SET(W_EXTEND) | W_SET(W_FORMAT)) >> c & 1u; }
static int w_line(uint8_t c) { return (W_SET(W_CR) | W_SET(W_LF) | W_SET(W_NEWLINE)) >> c & 1u; }

/* The word rules that look at the two code points that count on either
 * side of a position (WB5 ... WB13b), as a table over their classes (p
 * before, cur after): whether they join, or join when the code point after
 * cur (WB6, WB12) or the one before p (WB7, WB11) is of p's or cur's kind.
 * Anything not in it breaks (WB999). */
enum { BREAK, JOIN, JOIN_IF_NEXT_IS_P, JOIN_IF_PP_IS_CUR };
#define MID_LETTER_OR_NUM(then) [W_MIDNUMLET] = then, [W_SQUOTE] = then
static const uint8_t word_pairs[W_UNSUPPORTED][W_UNSUPPORTED] = {
	[W_LETTER] = {[W_LETTER] = JOIN,                       /* WB5 */
	              [W_MIDLETTER] = JOIN_IF_NEXT_IS_P,       /* WB6 */
	              MID_LETTER_OR_NUM(JOIN_IF_NEXT_IS_P),    /* WB6 */
	              [W_NUMERIC] = JOIN,                      /* WB9 */
	              [W_EXTNUMLET] = JOIN},                   /* WB13a */
	[W_NUMERIC] = {[W_NUMERIC] = JOIN,                     /* WB8 */
	               [W_LETTER] = JOIN,                      /* WB10 */
	               [W_MIDNUM] = JOIN_IF_NEXT_IS_P,         /* WB12 */
	               MID_LETTER_OR_NUM(JOIN_IF_NEXT_IS_P),   /* WB12 */
	               [W_EXTNUMLET] = JOIN},                  /* WB13a */
	[W_MIDLETTER] = {[W_LETTER] = JOIN_IF_PP_IS_CUR},      /* WB7 */
	[W_MIDNUM] = {[W_NUMERIC] = JOIN_IF_PP_IS_CUR},        /* WB11 */
	/* a MidNumLet or quote between letters (WB7) or digits (WB11) */
	[W_MIDNUMLET] = {[W_LETTER] = JOIN_IF_PP_IS_CUR, [W_NUMERIC] = JOIN_IF_PP_IS_CUR},
	[W_SQUOTE] = {[W_LETTER] = JOIN_IF_PP_IS_CUR, [W_NUMERIC] = JOIN_IF_PP_IS_CUR},
	[W_EXTNUMLET] = {[W_EXTNUMLET] = JOIN,                 /* WB13a */
	                 [W_LETTER] = JOIN, [W_NUMERIC] = JOIN},   /* WB13b */
};

/* Whether the word rules break between code points i - 1 and i. p and pp
 * are the classes of the last two code points before i that count (WB4:
 * marks and format characters belong to the one before them); next the
 * next that counts after i (or W_OTHER at the end). */
static int word_break(uint8_t raw_prev, uint8_t cur, uint8_t p, uint8_t pp, uint8_t next)
{
	if (cur == W_LETTER && raw_prev == W_LETTER)
		return 0;   /* WB5, the common case, first */
	if (w_line(raw_prev) || w_line(cur))
		return !(raw_prev == W_CR && cur == W_LF);   /* WB3, WB3a, WB3b */
	if ((raw_prev == W_WSEGSPACE && cur == W_WSEGSPACE) || w_ignored(cur))
		return 0;   /* WB3d, WB4 */
	switch (word_pairs[p][cur]) {
	case JOIN: return 0;
	case JOIN_IF_NEXT_IS_P: return next != p;
	case JOIN_IF_PP_IS_CUR: return pp != cur;
	default: return 1;
	}
}

/* ICU's status of a segment is the tag of the last rule that joined it, so
 * it follows the segment's last character that counts and the one before:
 * "a5" is a number (WB9 is tagged so), "5a" a word, "5_" a number, "5__" a
 * word (WB13a between two underscores is tagged a word), "_" alone none; and
 * an underscore with a mark or format character after it ends in no tagged
 * rule: none (marked: a mark ends the segment). */
static uint16_t segment_status(uint8_t last, uint8_t before, int marked)
{
	if (last == W_LETTER)
		return 200;
	if (last == W_NUMERIC)
		return 100;
	if (last == W_EXTNUMLET && !marked)
		return before == W_LETTER || before == W_EXTNUMLET ? 200 : before == W_NUMERIC ? 100 : 0;
	return 0;
}

/* A class a plain segment holds (gm_word_seg.plain): letters, digits, marks. */
static int w_plain(uint8_t c)
{
	return (W_SET(W_LETTER) | W_SET(W_NUMERIC) | W_SET(W_EXTEND) | W_SET(W_FORMAT)) >> c & 1u;
}

static int words(const gm_breaker *bk, const char *text, const gm_breaks_sink *sink)
{
	size_t n = bk->n_cp;
	if (!n)
		return GM_OK;
	/* p, pp: the classes that count (WB4) behind the current position */
	uint8_t p = WB(bk, 0), pp = W_OTHER;
	size_t start = 0, start_byte = 0, byte = 0;   /* byte: where code point i starts */
	size_t next_at = 0;   /* the next code point that counts, from i on (cached) */
	int plain = w_plain(WB(bk, 0));   /* the segment so far (letters after letters keep it) */
	for (size_t i = 1; i <= n; i++) {
		byte += seq_len((unsigned char)text[byte]);
		/* letters after a letter (WB5), most of the text: no break, and
		 * the state moves on as below (p and pp both letters after two) */
		if (i < n && WB(bk, i) == W_LETTER && WB(bk, i - 1) == W_LETTER) {
			pp = p;
			p = W_LETTER;
			for (i++; i < n && WB(bk, i) == W_LETTER; i++) {
				byte += seq_len((unsigned char)text[byte]);
				pp = W_LETTER;
			}
			if (i == n) {
				i--;
				continue;   /* (the segment ends at the text's end, next round) */
			}
			byte += seq_len((unsigned char)text[byte]);
		}
		int cut = i == n;
		if (!cut) {
			if (next_at <= i) {
				next_at = i + 1;
				while (next_at < n && w_ignored(WB(bk, next_at)))
					next_at++;
			}
			uint8_t next = next_at < n ? WB(bk, next_at) : W_OTHER;
			cut = word_break(WB(bk, i - 1), WB(bk, i), p, pp, next);
		}
		if (cut) {
			gm_word_seg seg = {(uint32_t)start_byte, (uint32_t)byte, (uint32_t)start, (uint32_t)i,
			                   segment_status(p, pp, i > start + 1 && w_ignored(WB(bk, i - 1))), (uint8_t)plain};
			int rc = seg.status || !sink->words_only ? sink->word(sink->ctx, &seg) : GM_OK;
			if (rc != GM_OK)
				return rc;
			start = i;
			start_byte = byte;
			plain = i < n && w_plain(WB(bk, i));
		} else {
			plain &= w_plain(WB(bk, i));
		}
		if (i == n)
			break;
		/* a mark or format character belongs to what stands before it (WB4);
		 * one that starts a segment (after a line break) stands for itself */
		if (!w_ignored(WB(bk, i)) || cut) {
			pp = p;
			p = WB(bk, i);
		}
	}
	return GM_OK;
}

static int s_ignored(uint8_t c) { return c == S_EXTEND || c == S_FORMAT; }
static int s_parasep(uint8_t c) { return c == S_SEP || c == S_CR || c == S_LF; }
static int s_term(uint8_t c) { return c == S_ATERM || c == S_STERM; }
/* what ends SB8's look-ahead: a letter, a paragraph end, a sentence end */
static int s_decisive(uint8_t c)
{
	return c == S_OLETTER || c == S_UPPER || c == S_LOWER || s_parasep(c) || s_term(c);
}

/* What the sentence rules' common case asks of a code point's class byte,
 * as bits (init_tables): S_PLAIN_BEFORE, it is a paragraph separator (a
 * break after it); S_PLAIN_AT, it is a mark, format character or sentence
 * end (not just the next of the last two classes). */
enum { S_PLAIN_BEFORE = 1, S_PLAIN_AT = 2 };
static uint8_t sentence_plain[256];
#define SENTENCE_PLAIN(bk, i) sentence_plain[(bk)->cls[i]]

static int sentences(const gm_breaker *bk, const char *text, size_t len, const gm_breaks_sink *sink)
{
	size_t n = bk->n_cp;
	if (!n)
		return GM_OK;
	/* the state behind position i: the last two classes that count (SB5),
	 * and whether they end in SATerm Close* Sp* (term: which; spaces: how
	 * many Sp after it) */
	uint8_t p = SB(bk, 0), pp = S_OTHER;
	uint8_t term = s_term(p) ? p : 0;
	size_t spaces = 0;
	cp_cursor at = {0, 0};   /* (the bytes of a boundary, asked where one falls) */
	size_t lower_from = 0, lower_at = 0;   /* SB8's look-ahead, cached: from lower_from, the
	                                         first decisive code point is at lower_at */
	for (size_t i = 1; i < n; i++) {
		/* outside a sentence end, with no paragraph break, mark or end
		 * word at hand (most of the text): no break (SB998), and the state
		 * is the last two classes; run through in a tight loop, eight at a
		 * time where nine class bytes in a row have no stop (S_STOPS_BIT:
		 * none is a break before or at what follows) */
		if (!term && !(SENTENCE_PLAIN(bk, i - 1) & S_PLAIN_BEFORE) && !(SENTENCE_PLAIN(bk, i) & S_PLAIN_AT)) {
			pp = p;
			p = SB(bk, i);
			spaces = 0;
			for (i++;;) {
				while (i + 8 <= n && !(gm__utf8_load8(bk->cls + i) & 0x8080808080808080ull) &&
				       !(bk->cls[i - 1] & S_STOPS_BIT)) {
					pp = SB(bk, i + 6);
					p = SB(bk, i + 7);
					i += 8;
				}
				if (i >= n || (SENTENCE_PLAIN(bk, i - 1) & S_PLAIN_BEFORE) || (SENTENCE_PLAIN(bk, i) & S_PLAIN_AT))
					break;
				pp = p;
				p = SB(bk, i);
				i++;
			}
			if (i == n)
				break;
		}
		uint8_t a = SB(bk, i - 1), b = SB(bk, i);
		int cut;
		if (a == S_CR && b == S_LF)
			cut = 0;   /* SB3 */
		else if (s_parasep(a))
			cut = 1;   /* SB4 */
		else if (s_ignored(b))
			cut = 0;   /* SB5 */
		else if (p == S_ATERM && b == S_NUMERIC)
			cut = 0;   /* SB6 */
		else if (p == S_ATERM && (pp == S_UPPER || pp == S_LOWER) && b == S_UPPER)
			cut = 0;   /* SB7 */
		else if (term) {
			cut = 1;   /* SB11 unless one of SB8 - SB10 holds */
			if (term == S_ATERM) {
				if (lower_from > i || lower_at < i) {
					lower_at = i;
					while (lower_at < n && !s_decisive(SB(bk, lower_at)))
						lower_at++;
				}
				lower_from = i;
				if (lower_at < n && SB(bk, lower_at) == S_LOWER)
					cut = 0;   /* SB8 */
			}
			if (b == S_SCONTINUE || s_term(b))
				cut = 0;   /* SB8a */
			if (!spaces && (b == S_CLOSE || b == S_SP || s_parasep(b)))
				cut = 0;   /* SB9 */
			if (b == S_SP || s_parasep(b))
				cut = 0;   /* SB10 */
		} else {
			cut = 0;   /* SB998 */
		}
		if (cut) {
			int rc = sink->sentence(sink->ctx, (uint32_t)byte_of(&at, text, len, i));
			if (rc != GM_OK)
				return rc;
		}
		/* the state after code point i */
		if (s_ignored(b) && !cut)
			continue;   /* it belongs to the one before (SB5) */
		pp = p;
		p = b;
		if (s_term(b)) {
			term = b;
			spaces = 0;
		} else if (term && b == S_CLOSE && !spaces) {
			/* SATerm Close*: still in it */
		} else if (term && b == S_SP) {
			spaces++;
		} else {
			term = 0;
			spaces = 0;
		}
	}
	return sink->sentence(sink->ctx, (uint32_t)len);
}

static void init_sentence_plain(void)
{
	for (unsigned c = 0; c < 256; c++) {
		uint8_t sb = (uint8_t)(c >> 4);
		sentence_plain[c] = (uint8_t)((s_parasep(sb) ? S_PLAIN_BEFORE : 0) | (s_ignored(sb) || s_term(sb) ? S_PLAIN_AT : 0));
	}
}

int gm__breaks_run(gm_breaker *bk, const char *text, size_t len, const gm_breaks_sink *sink)
{
	gm__breaks_init();
	int rc = classify(bk, text, len);
	if (rc <= 0)
		return rc < 0 ? GM_ENOMEM : 0;
	if ((rc = sentences(bk, text, len, sink)) != GM_OK || (rc = words(bk, text, sink)) != GM_OK)
		return rc;
	return 1;
}
