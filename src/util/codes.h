/* codes.h: equality and prefix of short ASCII codes (feature codes such as
 * PPLA2, country codes), inline: the resolver compares them for every
 * candidate many times, and a call to strcmp costs more than such short
 * codes. */
#ifndef GM_CODES_H
#define GM_CODES_H

#include <stdint.h>
#include <string.h>

static inline int gm__code_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static inline int gm__code_starts(const char *s, const char *prefix)
{
	while (*prefix && *s == *prefix) {
		s++;
		prefix++;
	}
	return !*prefix;
}

/* A country (PCLI, PCLD, ... and dependent territories). */
static inline int gm__feature_is_country(const char *f) { return gm__code_starts(f, "PCL") || gm__code_eq(f, "TERR"); }
static inline int gm__feature_is_admin1(const char *f) { return gm__code_eq(f, "ADM1"); }

/* A feature code (gm_gaz_place.feature: 8 bytes, NUL-padded) as one
 * little-endian word, and a literal code as the word it would be, so that the
 * dozens of codes every candidate is compared with are one comparison each,
 * not a loop over the letters (callgrind: a twentieth of a run). */
static inline uint64_t gm__feature_word(const char f[8])
{
	uint64_t x;
	memcpy(&x, f, 8);
	return x;
}
#define GM__LIT_BYTE(s, k) ((uint64_t)(sizeof(s) > (k) + 1 ? (unsigned char)(s)[(k) + 1 < sizeof(s) ? (k) : 0] : 0) << (8 * (k)))
#define GM__LIT_WORD(s)                                                                                                \
	(GM__LIT_BYTE(s, 0) | GM__LIT_BYTE(s, 1) | GM__LIT_BYTE(s, 2) | GM__LIT_BYTE(s, 3) | GM__LIT_BYTE(s, 4) |       \
	 GM__LIT_BYTE(s, 5) | GM__LIT_BYTE(s, 6))
#define GM__LIT_MASK(s) (sizeof(s) - 1 >= 8 ? ~0ull : (1ull << (8 * (sizeof(s) - 1))) - 1)
/* a code word f is literal s, starts with literal s */
#define GM__FEATURE_IS(f, s) ((f) == GM__LIT_WORD(s))
#define GM__FEATURE_STARTS(f, s) (((f) & GM__LIT_MASK(s)) == GM__LIT_WORD(s))

#endif
