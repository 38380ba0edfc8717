/* translit.h: Latin skeletons, for places that have no Arabic name at all
 * (internal).
 *
 * A village GeoNames knows only as "Soledar" still reaches Arabic news as
 * سوليدار. Both sides are brought to the same key: the Arabic word through
 * ICU's Arabic-Latin transliterator, the Latin name as it is, then both
 * through Latin-ASCII and lower case, and then through one skeleton
 * (gm__latin_skeleton) tolerant of the habits by which foreign names reach
 * Arabic: consonants in classes (g j k q c x kh gh, as ج for g in Egypt, غ or
 * ق elsewhere, ك/ق for k; s z sh ch tsh ts, as ش or تش for ch; t d th dh;
 * b p), and every run of vowels, with h, w, y, f and v (و is a vowel or v,
 * ف or و write v), as one vowel mark "a". The vowel marks stay, since names
 * transliterated into Arabic write most vowels long (سوليدار), and without
 * them common Arabic words meet some village's consonants; a final vowel goes
 * (ا، ة، ه or nothing). Where Arabic leaves a short vowel out (آسكران for
 * Askeran), the matcher tries the key with one vowel mark put back. */
#ifndef GM_TRANSLIT_H
#define GM_TRANSLIT_H

#include "geomention.h"

#include <stddef.h>

typedef struct gm_translit gm_translit;

/* Consonant classes a Latin key needs: fewer meet too many unrelated words. */
#define GM_LATIN_MIN_LETTERS 3

/* gm__translit_open's flags. GM_TRANSLIT_LAZY: open ICU's transliterator
 * only at the first word the letter table does not cover (a run of folded
 * Arabic never needs it); should it then fail, that word gets no key and
 * gm__translit_error says why. GM_TRANSLIT_ICU_ONLY: every word through ICU
 * (tests compare the two). 0: ICU opened now, a failure refused here. */
#define GM_TRANSLIT_LAZY 1u
#define GM_TRANSLIT_ICU_ONLY 2u
/* One transliterator per thread (ICU's are not shareable). */
int gm__translit_open(gm_translit **out, unsigned flags, gm_error *err);
/* Why a lazy transliterator's ICU could not be opened; NULL when it could,
 * or has not been asked. */
const char *gm__translit_error(const gm_translit *t);
void gm__translit_close(gm_translit *t);

/* The skeleton key ("^" then the classes) of a word in any script, or 0 when
 * it has fewer than min_letters consonant classes. */
size_t gm__translit_key(gm_translit *t, const char *utf8, size_t len, size_t min_letters, char *out, size_t cap);

/* The skeleton of ASCII text already lower-cased: the pure part, for tests.
 * 0 when it has no consonant. */
size_t gm__latin_skeleton(const char *ascii, size_t len, char *out, size_t cap);
/* Consonant classes in a skeleton. */
size_t gm__latin_consonants(const char *skel);

#endif
