/* utf8.h: decoding, repair and counting of UTF-8 (internal). */
#ifndef GM_UTF8_H
#define GM_UTF8_H

#include <stddef.h>
#include <string.h>
#include <stdint.h>

/* Decode one code point at s[0..len). Returns its length in bytes (1-4) and
 * stores it in *cp; an invalid or truncated sequence returns 0. */
size_t gm__utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Encode cp into out (room for 4); returns the bytes written. */
size_t gm__utf8_encode(uint32_t cp, char *out);
/* A copy of s with every invalid sequence replaced by U+FFFD (malloc'd, NUL
 * terminated); *n_invalid counts the replacements, *out_len the bytes. */
char *gm__utf8_repair(const char *s, size_t len, size_t *out_len, unsigned *n_invalid);
/* Code points in s[0..len) (valid UTF-8). */
size_t gm__utf8_count(const char *s, size_t len);
/* The largest n <= max such that s[0..n) ends on a character boundary. */
size_t gm__utf8_clip(const char *s, size_t len, size_t max);

/* Eight bytes from u, the first in the lowest byte of the word. */
static inline uint64_t gm__utf8_load8(const unsigned char *u)
{
	uint64_t w;
	memcpy(&w, u, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* Whether the eight bytes of w (gm__utf8_load8) are four whole two-byte
 * sequences (a lead C2 to DF, then 10xxxxxx): the Arabic, Latin, Greek and
 * Cyrillic letters of the text, four tested at once. */
static inline int gm__utf8_four_pairs(uint64_t w)
{
	return (w & 0xC0E0C0E0C0E0C0E0ull) == 0x80C080C080C080C0ull &&
	       (((w & 0x001E001E001E001Eull) + 0x7FFF7FFF7FFF7FFFull) & 0x8000800080008000ull) == 0x8000800080008000ull;
}

/* Whether the eight bytes of w (gm__utf8_load8) are four two-byte sequences
 * of the Arabic block (leads D8 to DB, U+0600 to U+06FF): most of an Arabic
 * word, four letters tested at once. */
static inline int gm__utf8_four_arabic(uint64_t w)
{
	return (w & 0xC0FCC0FCC0FCC0FCull) == 0x80D880D880D880D8ull;
}

/* Whether s[0..len) starts with the bytes of prefix (a whole UTF-8 text). */
static inline int gm__utf8_has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && !memcmp(s, prefix, n);
}

/* Whether s[0..len) ends with the bytes of suffix. */
static inline int gm__utf8_has_suffix(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && !memcmp(s + len - n, suffix, n);
}

/* The same for a NUL-terminated s: byte lengths of Arabic letters are
 * never counted by hand (strncmp(w, "ال", 4)). */
static inline int gm__utf8_starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

#endif
