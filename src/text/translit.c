/* translit.c: ICU transliteration and the Latin consonant skeleton. */
#include "translit.h"

#include "error.h"
#include "hash.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* The skeletons of recent words. ICU's compound transliterator costs some
 * 36,000 instructions a word, and the words it is asked of (after a type
 * word, behind ب) come back: callgrind put a twentieth of a run in it with
 * 3,722 calls on 2 MB of news. Direct-mapped by the word's hash; an entry
 * holds the word whole, so an answer is never another word's. */
#define SKEL_MEMO 4096
#define SKEL_WORD 48
typedef struct skel_entry {
	uint8_t len;                  /* the word's bytes, 0: empty */
	uint8_t k;                    /* the skeleton's bytes (0: none) */
	char word[SKEL_WORD];
	char skel[62];
} skel_entry;

struct gm_translit {
	UTransliterator *tr;          /* NULL until a word the table does not cover (lazy) */
	unsigned flags;
	int failed;                   /* ICU could not open it: gm__translit_error says so */
	char error[160];
	UChar buf[512];
	skel_entry memo[SKEL_MEMO];
};

/* Arabic-Latin leaves Latin text alone, so one chain serves both sides. */
static const char translit_id[] = "Arabic-Latin; Latin-ASCII; Lower";

/* What that chain gives, as ASCII, for each letter of the Arabic block
 * U+0621 ... U+064A, the letters a folded word is written in: it writes them
 * one by one (no rule of it looks at a neighbour but those of the vowel
 * marks, which folding removes), so a word of these letters and of ASCII
 * letters (lower-cased) is transliterated here from the table, and only
 * other words go to ICU. Opening ICU's transliterator cost 159 M
 * instructions a process (its registry), a tenth of mapping 2 MB;
 * unit_translit checks the table against ICU letter by letter and on every
 * word of the gazetteer, the samples and ../shared's corpora. "" for the
 * hamza and ain, which ICU writes as modifier letters (not ASCII, so they
 * leave no trace); NULL where ICU keeps the letter itself (rare Persian and
 * Kurdish letters of the block): such a word goes to ICU. */
static const char *const arabic_letters[0x064A - 0x0621 + 1] = {
	"",  "a", "a", "w",  "a", "y",  "a",  "b",  "t",  "t",  "th", "j",  "h",  "kh", "d",  "dh", /* 0621-0630 */
	"r", "z", "s", "sh", "s", "d",  "t",  "z",  "",   "gh", NULL, NULL, NULL, NULL, NULL, /* 0631-063F */
	"",  "f", "q", "k",  "l", "m",  "n",  "h",  "w",  "y",  "y", /* 0640 (tatweel) - 064A */
};
_Static_assert(sizeof arabic_letters / sizeof *arabic_letters == 0x064A - 0x0621 + 1, "a row per letter");

static int open_icu(gm_translit *t)
{
	UChar id[64];
	u_uastrcpy(id, translit_id);
	UErrorCode st = U_ZERO_ERROR;
	UParseError pe;
	t->tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
	if (U_FAILURE(st)) {
		t->tr = NULL;
		t->failed = 1;
		snprintf(t->error, sizeof t->error, "ICU has no transliterator \"%s\": %s", translit_id, u_errorName(st));
		return -1;
	}
	return 0;
}

int gm__translit_open(gm_translit **out, unsigned flags, gm_error *err)
{
	*out = NULL;
	gm_translit *t = calloc(1, sizeof *t);
	if (!t)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	t->flags = flags;
	if (!(flags & GM_TRANSLIT_LAZY) && open_icu(t) != 0) {
		int rc = gm__fail(err, GM_EICU, "%s", t->error);
		free(t);
		return rc;
	}
	*out = t;
	return GM_OK;
}

const char *gm__translit_error(const gm_translit *t) { return t && t->failed ? t->error : NULL; }

void gm__translit_close(gm_translit *t)
{
	if (!t)
		return;
	utrans_close(t->tr);
	free(t);
}

static int is_vowelish(char c)
{
	/* vowels and the letters Arabic writes as vowels or drops: h (ه ح ة), w
	 * and v (و), y (ي), f (ف or و for v), and the glottal marks */
	return strchr("aeiouhwyfv'`", c) != NULL;
}

size_t gm__latin_skeleton(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0, consonants = 0;
	char last = 0;
	for (size_t i = 0; i < len && o + 1 < cap;) {
		char c = s[i], cls = 0;
		size_t used = 1;
		if ((c == 't' && i + 2 < len && s[i + 1] == 's' && s[i + 2] == 'h') ||
		    (c == 't' && i + 2 < len && s[i + 1] == 'c' && s[i + 2] == 'h')) {
			cls = 's';
			used = 3;
		} else if (i + 1 < len && ((c == 's' || c == 'c' || c == 'z') && s[i + 1] == 'h')) {
			cls = 's';
			used = 2;
		} else if (i + 1 < len && (c == 't' || c == 'd') && (s[i + 1] == 's' || s[i + 1] == 'z')) {
			cls = 's';   /* ts, tz, dz */
			used = 2;
		} else if (i + 1 < len && (c == 'k' || c == 'g') && s[i + 1] == 'h') {
			cls = 'k';
			used = 2;
		} else if (i + 1 < len && (c == 't' || c == 'd') && s[i + 1] == 'h') {
			cls = 't';
			used = 2;
		} else if (is_vowelish(c)) {
			cls = 'a';
		} else if (c >= 'a' && c <= 'z') {
			switch (c) {
			case 'p': cls = 'b'; break;
			case 'd': cls = 't'; break;
			case 'z': cls = 's'; break;
			case 'g': case 'j': case 'q': case 'c': case 'x': cls = 'k'; break;
			default: cls = c;   /* b t s k l m n r */
			}
		} else {
			/* a space or hyphen between words ends nothing: "Chasiv Yar" */
			i += used;
			continue;
		}
		i += used;
		/* a class repeated collapses (tt, ss, and vowel runs: ayi, ou) */
		if (cls == last)
			continue;
		out[o++] = cls;
		consonants += cls != 'a';
		last = cls;
	}
	/* a final vowel is dropped: Arabic writes it as ا, ة, ه or not at all */
	if (o && out[o - 1] == 'a')
		o--;
	out[o] = '\0';
	return consonants ? o : 0;
}

size_t gm__latin_consonants(const char *skel)
{
	size_t n = 0;
	for (; *skel; skel++)
		n += *skel != 'a' && *skel != '^';
	return n;
}

/* The skeleton of a word from the table, into out (cap bytes): its length,
 * or -1 when a character of it is not in the table. */
static long table_skeleton(const char *utf8, size_t len, char *out, size_t cap)
{
	char ascii[512];
	size_t a = 0;
	const unsigned char *u = (const unsigned char *)utf8;
	for (size_t i = 0; i < len;) {
		const char *lat;
		char one[2] = {0, 0};
		if ((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z')) {
			one[0] = (char)(u[i] | 0x20);
			lat = one;
			i++;
		} else {
			uint32_t cp;
			size_t used = gm__utf8_decode(u + i, len - i, &cp);
			if (!used || cp < 0x0621 || cp > 0x064A || !(lat = arabic_letters[cp - 0x0621]))
				return -1;
			i += used;
		}
		size_t n = strlen(lat);
		if (a + n >= sizeof ascii)
			return -1;
		memcpy(ascii + a, lat, n);
		a += n;
	}
	return (long)gm__latin_skeleton(ascii, a, out, cap);
}

/* The skeleton of a word through ICU, into out (cap bytes); its length (0
 * also when ICU's transliterator cannot be opened: gm__translit_error). */
static size_t icu_skeleton(gm_translit *t, const char *utf8, size_t len, char *out, size_t cap)
{
	if (!t->tr && (t->failed || open_icu(t) != 0))
		return 0;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8(t->buf, (int32_t)(sizeof t->buf / sizeof *t->buf), &n, utf8, (int32_t)len, &st);
	if (U_FAILURE(st) || n <= 0)
		return 0;
	int32_t limit = n;
	utrans_transUChars(t->tr, t->buf, &n, (int32_t)(sizeof t->buf / sizeof *t->buf), 0, &limit, &st);
	if (U_FAILURE(st))
		return 0;
	char ascii[512];
	size_t a = 0;
	for (int32_t i = 0; i < n && a + 1 < sizeof ascii; i++)
		if (t->buf[i] < 128)
			ascii[a++] = (char)t->buf[i];   /* what Latin-ASCII could not fold (ə) is a vowel */
	return gm__latin_skeleton(ascii, a, out, cap);
}

size_t gm__translit_key(gm_translit *t, const char *utf8, size_t len, size_t min_letters, char *out, size_t cap)
{
	if (cap < 3)
		return 0;
	out[0] = '^';
	size_t k;
	skel_entry *e = len < SKEL_WORD ? &t->memo[gm__fnv1a32(GM__FNV32_BASIS, utf8, len) & (SKEL_MEMO - 1)] : NULL;
	/* (an answer serves a caller whose buffer would not have cut it, and
	 * only an answer no buffer cut is kept: a skeleton of cap - 3 bytes or
	 * more may have been cut, then lost its final vowel) */
	if (e && e->len == len && !memcmp(e->word, utf8, len) && (size_t)e->k + 3 < cap) {
		k = e->k;
		memcpy(out + 1, e->skel, k);
		out[1 + k] = '\0';
	} else {
		long from_table = t->flags & GM_TRANSLIT_ICU_ONLY ? -1 : table_skeleton(utf8, len, out + 1, cap - 1);
		k = from_table >= 0 ? (size_t)from_table : icu_skeleton(t, utf8, len, out + 1, cap - 1);
		if (e && k < sizeof e->skel && k + 3 < cap) {
			/* (a word, and a skeleton, too long for an entry are just not kept) */
			e->len = (uint8_t)len;
			memcpy(e->word, utf8, len);
			e->k = (uint8_t)k;
			memcpy(e->skel, out + 1, k);
		}
	}
	if (!k || gm__latin_consonants(out + 1) < min_letters) {
		out[0] = '\0';
		return 0;
	}
	return k + 1;
}
