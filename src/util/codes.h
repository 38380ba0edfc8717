/* codes.h: equality and prefix of short ASCII codes (feature codes such as
 * PPLA2, country codes), inline: the resolver compares them for every
 * candidate many times, and a call to strcmp costs more than such short
 * codes. */
#ifndef GM_CODES_H
#define GM_CODES_H

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

#endif
