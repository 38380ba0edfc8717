/* fold.h: Arabic folding for matching (internal).
 *
 * NFKC alone does not do it (see design notes), so folding is explicit:
 *  - removed: harakat and other non-spacing marks (incl. superscript alef U+0670),
 *    tatweel, ZWNJ/ZWJ, bidi and other format characters;
 *  - أ إ آ ٱ -> ا; ى -> ي; ة -> ه;
 *  - Arabic-Indic and Persian digits -> ASCII;
 *  - presentation forms through NFKC (ﻻ -> لا);
 *  - Persian/Urdu letters to their Arabic counterparts (ک->ك ی->ي گ->ك چ->ج پ->ب ژ->ز ڤ->ف);
 *  - other letters lower-cased (Latin names match case-insensitively).
 */
#ifndef GM_FOLD_H
#define GM_FOLD_H

#include <stddef.h>
#include <stdint.h>

/* Fill the Arabic table; called once before threads start. */
void gm__fold_init(void);
/* Fold one code point into out[0..n), n in 0..4; returns n. */
size_t gm__fold_cp(uint32_t cp, uint32_t out[4]);
/* Fold UTF-8 in[0..len) into out (cap bytes, NUL terminated when room is
 * left); returns the folded length in bytes, cut on a character boundary. */
size_t gm__fold(const char *in, size_t len, char *out, size_t cap);

/* The spelling skeleton of one folded word, for names that reach Arabic through
 * several transliteration habits at once: long vowels (ا و ي) inside the word
 * dropped, ت before ش dropped (تش/ش for ch), and letters merged into classes:
 * ج غ ق ك (g, k), ت ط ث, س ص, د ض, ز ذ ظ. The article, the first and the last
 * letter stay: they tell a country (أرمينيا) from its adjectives (الأرميني،
 * أرمينية). "~" starts it, so skeletons never collide with names in one hash
 * table. Returns its length, or 0 when fewer than five letters remain: Arabic
 * words share short skeletons with too many foreign names. */
size_t gm__skeleton(const char *folded, size_t len, char *out, size_t cap);

#endif
