/* fold.c: Arabic folding; the per-token hot path, so no allocation and a
 * table for the Arabic block. ICU is only asked about characters outside it. */
#include "fold.h"

#include "utf8.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* Arabic block U+0600-U+06FF: 0 = drop, 1 = keep, else the replacement. */
static uint32_t arabic_map[256];
/* The same as the UTF-8 gm__fold writes: [0] its bytes (0 to 2), then them */
static unsigned char arabic_utf8[256][3];
static int arabic_map_ready;

static void init_arabic_map(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t cp = 0x0600 + i;
		UCharCategory t = (UCharCategory)u_charType((UChar32)cp);
		if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_FORMAT_CHAR)
			arabic_map[i] = 0;
		else
			arabic_map[i] = 1;
	}
	arabic_map[0x40] = 0;                          /* tatweel */
	arabic_map[0x22] = arabic_map[0x23] = arabic_map[0x25] = 0x0627; /* آ أ إ */
	arabic_map[0x71] = arabic_map[0x72] = arabic_map[0x73] = 0x0627; /* ٱ ٲ ٳ */
	arabic_map[0x49] = 0x064A;                     /* ى */
	arabic_map[0x29] = 0x0647;                     /* ة */
	for (uint32_t d = 0; d < 10; d++) {
		arabic_map[0x60 + d] = '0' + d;           /* Arabic-Indic digits */
		arabic_map[0xF0 + d] = '0' + d;           /* Persian digits */
	}
	arabic_map[0xCC] = 0x064A;                     /* Farsi yeh ی */
	arabic_map[0xD0] = 0x064A;                     /* yeh with vertical dots */
	arabic_map[0xA9] = 0x0643;                     /* keheh ک */
	arabic_map[0xAA] = 0x0643;                     /* swash kaf */
	arabic_map[0xAF] = 0x0643;                     /* gaf گ */
	arabic_map[0x86] = 0x062C;                     /* tcheh چ */
	arabic_map[0x7E] = 0x0628;                     /* peh پ */
	arabic_map[0x98] = 0x0632;                     /* jeh ژ */
	arabic_map[0xA4] = 0x0641;                     /* veh ڤ */
	arabic_map[0xC1] = 0x0647;                     /* heh goal ہ */
	arabic_map[0xD5] = 0x0647;                     /* ae ە */
	arabic_map[0xC0] = 0x0647;                     /* heh with yeh above ۀ */
	arabic_map[0xBE] = 0x0647;                     /* heh doachashmee ھ */
	arabic_map[0xD2] = 0x064A;                     /* yeh barree ے */
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t m = arabic_map[i] == 1 ? 0x0600 + i : arabic_map[i];
		char b[4];
		size_t bl = m ? gm__utf8_encode(m, b) : 0;
		arabic_utf8[i][0] = (unsigned char)bl;
		memcpy(&arabic_utf8[i][1], b, bl);
	}
	/* gm__fold_init is called from gm_ctx_new and the gazetteer builder, before
	 * any worker thread folds, so the table is complete before it is shared. */
	arabic_map_ready = 1;
}

static pthread_once_t arabic_map_once = PTHREAD_ONCE_INIT;

/* Contexts may be made on several threads at once (map --jobs): the table is
 * filled once, by whichever comes first. */
void gm__fold_init(void)
{
	pthread_once(&arabic_map_once, init_arabic_map);
}

static size_t fold_nonarabic(uint32_t cp, uint32_t out[4], int depth);

size_t gm__fold_cp(uint32_t cp, uint32_t out[4])
{
	return fold_nonarabic(cp, out, 0);
}

static size_t fold_nonarabic(uint32_t cp, uint32_t out[4], int depth)
{
	if (!arabic_map_ready)
		gm__fold_init();
	if (cp < 0x80) {
		out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
		return 1;
	}
	if (cp >= 0x0600 && cp <= 0x06FF) {
		uint32_t m = arabic_map[cp - 0x0600];
		if (m == 0)
			return 0;
		out[0] = m == 1 ? cp : m;
		return 1;
	}
	/* presentation forms: NFKC, then fold what it gives */
	if (depth == 0 && ((cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))) {
		UErrorCode st = U_ZERO_ERROR;
		const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
		UChar src[2], dst[16];
		int32_t sl = 0, dl;
		U16_APPEND_UNSAFE(src, sl, (UChar32)cp);
		if (U_SUCCESS(st)) {
			dl = unorm2_normalize(nfkc, src, sl, dst, 16, &st);
			if (U_SUCCESS(st)) {
				size_t n = 0;
				for (int32_t i = 0; i < dl && n < 4;) {
					UChar32 c;
					U16_NEXT(dst, i, dl, c);
					uint32_t sub[4];
					size_t k = fold_nonarabic((uint32_t)c, sub, depth + 1);
					for (size_t j = 0; j < k && n < 4; j++)
						out[n++] = sub[j];
				}
				return n;
			}
		}
	}
	UCharCategory t = (UCharCategory)u_charType((UChar32)cp);
	if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_FORMAT_CHAR)
		return 0;  /* ZWNJ, ZWJ, LRM/RLM, bidi embeddings, BOM, combining marks */
	if (t == U_DECIMAL_DIGIT_NUMBER) {
		int32_t d = u_charDigitValue((UChar32)cp);
		if (d >= 0 && d <= 9) {
			out[0] = '0' + (uint32_t)d;
			return 1;
		}
	}
	out[0] = (uint32_t)u_tolower((UChar32)cp);
	return 1;
}

size_t gm__fold(const char *in, size_t len, char *out, size_t cap)
{
	if (!arabic_map_ready)
		gm__fold_init();
	const unsigned char *u = (const unsigned char *)in;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		/* four letters of the Arabic block at once where they come so (most
		 * of a word): one test of the eight bytes, four table loads, the
		 * stores as below (#17) */
		if (i + 8 <= len && o + 9 <= cap && gm__utf8_four_arabic(gm__utf8_load8(u + i))) {
			for (int k = 0; k < 4; k++) {
				const unsigned char *e = arabic_utf8[((u[i + 2 * k] & 0x03u) << 6) | (u[i + 2 * k + 1] & 0x3Fu)];
				out[o] = (char)e[1];
				out[o + 1] = (char)e[2];
				o += e[0];
			}
			i += 8;
			continue;
		}
		/* ASCII and the Arabic block (lead byte D8 to DB), most of the text,
		 * straight from the tables: decoding and encoding each letter was a
		 * tenth of a run */
		unsigned char c = u[i];
		if (c < 0x80) {
			if (o + 2 > cap)
				break;
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		if (c >= 0xD8 && c <= 0xDB && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
			const unsigned char *e = arabic_utf8[((c & 0x03u) << 6) | (u[i + 1] & 0x3Fu)];
			if (o + 3 <= cap) {
				/* both bytes stored whatever the length (0 to 2): a byte
				 * not taken is written over next or cut by the NUL */
				out[o] = (char)e[1];
				out[o + 1] = (char)e[2];
				o += e[0];
			} else {
				if (e[0] && o + e[0] + 1 > cap)
					break;
				for (unsigned x = 1; x <= e[0]; x++)
					out[o++] = (char)e[x];
			}
			i += 2;
			continue;
		}
		uint32_t cp;
		size_t n = gm__utf8_decode(u + i, len - i, &cp);
		if (n == 0) {
			cp = 0xFFFD;
			n = 1;
		}
		i += n;
		uint32_t f[4];
		size_t k = gm__fold_cp(cp, f);
		for (size_t j = 0; j < k; j++) {
			char b[4];
			size_t bl = gm__utf8_encode(f[j], b);
			if (o + bl + 1 > cap) {
				if (o < cap)
					out[o] = '\0';
				return o;
			}
			for (size_t x = 0; x < bl; x++)
				out[o++] = b[x];
		}
	}
	if (o < cap)
		out[o] = '\0';
	return o;
}

/* gm__skeleton reads the word as the second bytes of its letters: in the
 * Arabic block (U+0600 to U+06FF, leads D8 to DB) a letter is its lead's
 * two low bits and its second byte's six. */
#define SK_LETTER(lead, second) ((uint32_t)((lead) & 0x03u) << 6 | ((second) & 0x3Fu))
#define SK_ALEF 0x27u   /* ا */
#define SK_LAM 0x44u    /* ل */
#define SK_WAW 0x48u    /* و */
#define SK_YEH 0x4Au    /* ي */
#define SK_TEH 0x2Au    /* ت */
#define SK_SHEEN 0x34u  /* ش */

/* The class letter of an Arabic consonant (fold.h, gm__skeleton): only the
 * pairs that spell one foreign sound; ق and ك stay apart from ج/غ (merged,
 * they turned بروتوكول into Portugal). */
static uint32_t skeleton_class(uint32_t letter)
{
	switch (letter) {
	case 0x3Au: return 0x2Cu;   /* غ -> ج (g) */
	case 0x37u: return SK_TEH;  /* ط -> ت */
	default: return letter;
	}
}

size_t gm__skeleton(const char *w, size_t len, char *out, size_t cap)
{
	/* one Arabic word only: letters of the block, read from the bytes in
	 * one pass (the first 128 letters: what the skeleton keeps of a word) */
	const unsigned char *u = (const unsigned char *)w;
	size_t bytes = len < 256 ? len : 256;
	if (bytes & 1)
		return 0;
	size_t n = bytes / 2, i = 0;
	for (; i + 8 <= bytes; i += 8)
		if (!gm__utf8_four_arabic(gm__utf8_load8(u + i)))
			return 0;
	for (; i < bytes; i += 2)
		if (u[i] < 0xD8 || u[i] > 0xDB || (u[i + 1] & 0xC0) != 0x80)
			return 0;
#define SK_AT(k) SK_LETTER(u[2 * (k)], u[2 * (k) + 1])
	size_t a = 0;
	if (n > 4 && SK_AT(0) == SK_ALEF && SK_AT(1) == SK_LAM)
		a = 2;  /* the article: kept, so that الأسباني never meets إسبانيا */
	if (cap < 6)
		return 0;
	size_t o = 0, consonants = 0;
	out[o++] = '~';
	if (a) {
		memcpy(out + o, "\xd8\xa7\xd9\x84", 4);  /* ال */
		o += 4;
	}
	for (size_t k = a; k < n; k++) {
		uint32_t c = SK_AT(k);
		/* long vowels inside the word; the first letter stays (ا at the start
		 * is a hamza seat) and so does the last: ـيا / ـية / ـي tell a country
		 * (أرمينيا) from its adjective (أرمينية، أرميني) */
		if (k > a && k + 1 < n && (c == SK_ALEF || c == SK_WAW || c == SK_YEH))
			continue;
		if (c == SK_TEH && k + 1 < n && SK_AT(k + 1) == SK_SHEEN)
			continue;  /* تش -> ش */
		c = skeleton_class(c);
		if (o + 3 > cap)
			return 0;
		out[o++] = (char)(0xD8 | (c >> 6));
		out[o++] = (char)(0x80 | (c & 0x3F));
		consonants++;
	}
#undef SK_AT
	out[o] = '\0';
	return consonants >= 5 ? o : 0;
}
