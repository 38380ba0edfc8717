/* utf8.c: the small amount of UTF-8 handling that does not need ICU. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

size_t gm__utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	if (len == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if ((c & 0xE0) == 0xC0) { n = 2; v = c & 0x1F; min = 0x80; }
	else if ((c & 0xF0) == 0xE0) { n = 3; v = c & 0x0F; min = 0x800; }
	else if ((c & 0xF8) == 0xF0) { n = 4; v = c & 0x07; min = 0x10000; }
	else return 0;
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF are invalid */
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

size_t gm__utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The length of the valid UTF-8 that s starts with: ASCII and two-byte
 * letters (Arabic, Latin, Cyrillic) tested inline, the rest decoded. */
static size_t valid_prefix(const unsigned char *u, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* eight bytes a step where they are ASCII and whole two-byte
		 * sequences (Arabic words and the JSON and spaces around them): per
		 * byte, as bits, the continuation bytes 10xxxxxx must be exactly
		 * those after a lead 110xxxxx (not C0 or C1), and nothing of three
		 * or four bytes; a lead in the last byte waits for the next step */
		if (i + 8 <= len) {
			uint64_t w = gm__utf8_load8(u + i);
			const uint64_t top = 0x8080808080808080ull;
			uint64_t hi = w & top, b6 = (w << 1) & top, b5 = (w << 2) & top;
			uint64_t cont = hi & ~b6, lead = hi & b6 & ~b5, wide = hi & b6 & b5;
			uint64_t not_overlong = ((w & 0x1E1E1E1E1E1E1E1Eull) + 0x7F7F7F7F7F7F7F7Full) & top;
			size_t step = 8;
			if (lead >> 63) {
				const uint64_t first7 = 0x00FFFFFFFFFFFFFFull;
				lead &= first7;
				cont &= first7;
				wide &= first7;
				step = 7;
			}
			if (!wide && cont == lead << 8 && !(lead & ~not_overlong)) {
				i += step;
				continue;
			}
		}
		unsigned char c = u[i];
		if (c < 0x80) {
			i++;
		} else if (c >= 0xC2 && c < 0xE0 && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
			i += 2;
		} else {
			uint32_t cp;
			size_t n = gm__utf8_decode(u + i, len - i, &cp);
			if (!n)
				break;
			i += n;
		}
	}
	return i;
}

char *gm__utf8_repair(const char *s, size_t len, size_t *out_len, unsigned *n_invalid)
{
	const unsigned char *u = (const unsigned char *)s;
	/* valid text (nearly all of it) is one copy, of its own size */
	size_t ok = valid_prefix(u, len);
	/* each invalid byte becomes 3 bytes at most */
	char *out = malloc(ok == len ? len + 1 : len * 3 + 1);
	if (!out)
		return NULL;
	memcpy(out, s, ok);
	size_t o = ok;
	unsigned bad = 0;
	for (size_t i = ok; i < len;) {
		uint32_t cp;
		size_t n = gm__utf8_decode(u + i, len - i, &cp);
		if (n == 0) {
			o += gm__utf8_encode(0xFFFD, out + o);
			bad++;
			i++;
			/* skip the continuation bytes of the same broken sequence */
			while (i < len && (u[i] & 0xC0) == 0x80)
				i++;
			continue;
		}
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	*out_len = o;
	*n_invalid = bad;
	return out;
}

size_t gm__utf8_count(const char *s, size_t len)
{
	/* eight bytes at a time: a continuation byte (10xxxxxx) has its top bit
	 * set and the next one clear; the others each start a code point */
	size_t n = 0, i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t cont = x & ~(x << 1) & 0x8080808080808080ull;
		/* one bit a byte: the multiply sums the eight bytes into the top
		 * one (__builtin_popcountll is a library call on plain x86-64) */
		n += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
	}
	if (i < len && len >= 8) {
		/* the last 1 to 7 bytes: the last eight loaded, those counted above
		 * shifted out (the zero bytes shifted in are no continuations) */
		uint64_t x = gm__utf8_load8((const unsigned char *)s + len - 8) >> (8 * (8 - (len - i)));
		uint64_t cont = x & ~(x << 1) & 0x8080808080808080ull;
		return n + (len - i) - (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
	}
	for (; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

size_t gm__utf8_clip(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}
