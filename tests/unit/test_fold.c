/* test_fold.c: Arabic folding, character by character class. */
#include "check.h"
#include "fold.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

static const char *fold(const char *s)
{
	static char buf[512];
	gm__fold(s, strlen(s), buf, sizeof buf);
	return buf;
}

static void marks_go(void)
{
	/* harakat, shadda, sukun and superscript alef go */
	CHECK_STR(fold("مُحَمَّد"), "محمد");
	CHECK_STR(fold("هٰذا"), "هذا");
	/* tatweel */
	CHECK_STR(fold("دمــشق"), "دمشق");
}

static void letters_fold(void)
{
	/* alef forms */
	CHECK_STR(fold("أإآٱا"), "ااااا");
	CHECK_STR(fold("أذربيجان"), "اذربيجان");
	/* alef maqsura, teh marbuta */
	CHECK_STR(fold("مصطفى"), "مصطفي");
	CHECK_STR(fold("قرة"), "قره");
	/* digits: Arabic-Indic and Persian */
	CHECK_STR(fold("٣٢ و۴۵"), "32 و45");
}

static void invisible_marks(void)
{
	/* ZWNJ, ZWJ and bidi marks */
	CHECK_STR(fold("قره\u200cباغ"), "قرهباغ");
	CHECK_STR(fold("\u200fباكو\u200e"), "باكو");
	CHECK_STR(fold("\u202bباكو\u202c"), "باكو");
}

static void other_forms_and_scripts(void)
{
	/* presentation forms through NFKC */
	CHECK_STR(fold("\ufefb"), "لا");
	CHECK_STR(fold("\ufe91\ufe8e\ufedb\ufeee"), "باكو");
	/* Persian and Urdu letters to their Arabic counterparts */
	CHECK_STR(fold("کی"), "كي");
	CHECK_STR(fold("گنجه"), "كنجه");
	CHECK_STR(fold("چ"), "ج");
	CHECK_STR(fold("پ"), "ب");
	CHECK_STR(fold("ژ"), "ز");
	/* Latin lower-cased; punctuation kept */
	CHECK_STR(fold("Baku-City"), "baku-city");
}

static void bounds(void)
{
	/* a cap cuts on a character boundary */
	char small[6];
	size_t n = gm__fold("باكو", strlen("باكو"), small, sizeof small);
	CHECK_INT(n, 4);
	CHECK_STR(small, "با");
	/* one code point at a time */
	uint32_t out[4];
	CHECK_INT(gm__fold_cp(0x064E, out), 0);   /* fatha */
	CHECK_INT(gm__fold_cp(0x0623, out), 1);
	CHECK_INT(out[0], 0x0627);
}

static void skeletons(void)
{
	/* spelling skeletons: vowels and g-letters vary, the article and the
	 * last letter do not (a country is not its adjective) */
	{
		char a[128], b[128];
#define SK(w, out) gm__skeleton(w, strlen(w), out, sizeof out)
		CHECK(SK("الدانمارك", a) > 0 && SK("الدنمارك", b) > 0 && strcmp(a, b) == 0);
		CHECK(SK("تاجيكستان", a) > 0 && SK("طاجكستان", b) > 0 && strcmp(a, b) == 0);
		CHECK(SK("فينزويلا", a) > 0 && SK("فنزويلا", b) > 0 && strcmp(a, b) == 0);
		CHECK(SK("ارمينيا", a) > 0 && SK("ارمينيه", b) > 0 && strcmp(a, b) != 0);
		CHECK(SK("الاسبانيا", a) > 0 && SK("اسبانيا", b) > 0 && strcmp(a, b) != 0);
		CHECK(SK("بروتوكول", a) > 0 && SK("البرتغال", b) > 0 && strcmp(a, b) != 0);
		CHECK_INT(SK("عمان", a), 0);          /* too short to say anything */
		CHECK_INT(SK("Paris", a), 0);         /* Arabic words only */
		CHECK(a[0] == '~' || a[0] == '\0');
#undef SK
	}
}

/* #17: the tables gm__fold reads ASCII and the Arabic block from write
 * what folding each code point one by one writes, and a buffer too small
 * cuts both at the same letter */
static void tables_fold_as_code_points(void)
{
	size_t differ = 0;
	for (uint32_t cp = 1; cp < 0x0700; cp = cp == 0x7F ? 0x0600 : cp + 1) {
		char in[8], want[32], got[32];
		size_t il = gm__utf8_encode(cp, in), wl = 0;
		uint32_t f[4];
		size_t k = gm__fold_cp(cp, f);
		for (size_t j = 0; j < k; j++)
			wl += gm__utf8_encode(f[j], want + wl);
		want[wl] = '\0';
		/* the letter between two others, and alone in a buffer that holds it or not */
		char three[24], w3[64], g3[64];
		snprintf(three, sizeof three, "a%.*sb", (int)il, in);
		snprintf(w3, sizeof w3, "a%sb", want);
		differ += gm__fold(in, il, got, sizeof got) != wl || strcmp(got, want) != 0;
		differ += gm__fold(three, strlen(three), g3, sizeof g3) != strlen(w3) || strcmp(g3, w3) != 0;
		differ += gm__fold(in, il, got, wl) != 0;   /* no room for it and its NUL: nothing */
	}
	CHECK_INT(differ, 0);
}

/* #17: runs of Arabic letters are folded four at a time: random words of
 * the Arabic block (letters, marks, digits, tatweel) and ASCII fold as their
 * code points one by one do, and every buffer size cuts the fold at the last
 * letter that fits (the longest prefix of whole letters, with its NUL) */
static void runs_fold_as_code_points(void)
{
	uint64_t s = 0x9E3779B97F4A7C15ull;
	size_t differ = 0, fast = 0;
	for (int round = 0; round < 4000; round++) {
		char in[160];
		char want[400];
		size_t bounds_at[80], nb = 0, il = 0, wl = 0;
		size_t n = 1 + round % 40;
		bounds_at[nb++] = 0;
		for (size_t c = 0; c < n; c++) {
			s ^= s << 13, s ^= s >> 7, s ^= s << 17;
			uint32_t cp = (s >> 8) % 16 == 0 ? (uint32_t)('a' + (s >> 20) % 26) : 0x0600 + (uint32_t)((s >> 24) % 256);
			size_t l = gm__utf8_encode(cp, in + il);
			il += l;
			uint32_t f[4];
			size_t k = gm__fold_cp(cp, f);
			for (size_t j = 0; j < k; j++)
				wl += gm__utf8_encode(f[j], want + wl);
			bounds_at[nb++] = wl;
		}
		want[wl] = '\0';
		fast += il >= 8;
		for (size_t cap = 1; cap <= wl + 12; cap++) {
			char got[400];
			size_t keep = 0;   /* the longest prefix of whole letters that fits with its NUL */
			for (size_t b = 0; b < nb; b++)
				if (bounds_at[b] + 1 <= cap)
					keep = bounds_at[b];
			size_t gl = gm__fold(in, il, got, cap);
			differ += gl != keep || memcmp(got, want, keep) != 0 || got[gl] != '\0';
		}
	}
	CHECK_INT(differ, 0);
	CHECK(fast > 3000);
}

/* The skeleton as it was first written, by code points (the specification
 * gm__skeleton's one pass over the bytes is held to). */
static size_t skeleton_by_code_points(const char *w, size_t len, char *out, size_t cap)
{
	uint32_t cps[128];
	size_t n = 0;
	const unsigned char *u = (const unsigned char *)w;
	for (size_t i = 0; i < len && n < 128; i += 2) {
		if (u[i] < 0xD8 || u[i] > 0xDB || i + 1 >= len || (u[i + 1] & 0xC0) != 0x80)
			return 0;
		cps[n++] = ((uint32_t)(u[i] & 0x1F) << 6) | (u[i + 1] & 0x3Fu);
	}
	size_t a = n > 4 && cps[0] == 0x0627 && cps[1] == 0x0644 ? 2 : 0;
	if (cap < 6)
		return 0;
	size_t o = 0, consonants = 0;
	out[o++] = '~';
	if (a) {
		memcpy(out + o, "\xd8\xa7\xd9\x84", 4);
		o += 4;
	}
	for (size_t i = a; i < n; i++) {
		uint32_t cp = cps[i];
		if (i > a && i + 1 < n && (cp == 0x0627 || cp == 0x0648 || cp == 0x064A))
			continue;
		if (cp == 0x062A && i + 1 < n && cps[i + 1] == 0x0634)
			continue;
		cp = cp == 0x063A ? 0x062C : cp == 0x0637 ? 0x062A : cp;
		if (o + 3 > cap)
			return 0;
		out[o++] = (char)(0xC0 | (cp >> 6));
		out[o++] = (char)(0x80 | (cp & 0x3F));
		consonants++;
	}
	out[o] = '\0';
	return consonants >= 5 ? o : 0;
}

/* #17: gm__skeleton reads the bytes in one pass: on random words of the
 * letters its rules name (ا ل و ي ت ش غ ط and others), of other letters of
 * the block, a stray byte, ASCII, up to 140 letters, at several buffer
 * sizes, it gives what the code-point version gives */
static void skeleton_as_by_code_points(void)
{
	static const uint32_t letters[] = {0x0627, 0x0644, 0x0648, 0x064A, 0x062A, 0x0634, 0x063A, 0x0637, 0x0628,
	                                   0x0631, 0x0646, 0x0645, 0x0621, 0x0649, 0x06A9, 0x064E, 0x0660, 0x06FF};
	uint64_t s = 0x2545F4914F6CDD1Dull;
	size_t differ = 0, made = 0;
	for (int round = 0; round < 20000; round++) {
		char in[400], a[600], b[600];
		size_t il = 0, n = 1 + (size_t)round % 140;
		for (size_t c = 0; c < n; c++) {
			s ^= s << 13, s ^= s >> 7, s ^= s << 17;
			uint32_t cp = letters[(s >> 11) % (sizeof letters / sizeof *letters)];
			if ((s >> 40) % 500 == 0)
				cp = 'x';   /* not an Arabic word */
			il += gm__utf8_encode(cp, in + il);
		}
		if ((s >> 50) % 300 == 0)
			in[il++] = (char)0xD9;   /* cut in the middle of a letter */
		size_t caps[] = {600, 5, 6, 20, (size_t)(s >> 32) % 300};
		for (size_t c = 0; c < sizeof caps / sizeof *caps; c++) {
			memset(a, 0, sizeof a);
			memset(b, 0, sizeof b);
			size_t ga = gm__skeleton(in, il, a, caps[c]), gb = skeleton_by_code_points(in, il, b, caps[c]);
			differ += ga != gb || (ga && strcmp(a, b) != 0);
			made += ga > 0;
		}
	}
	CHECK_INT(differ, 0);
	CHECK(made > 10000);
}

int main(int argc, char **argv)
{
	gm__fold_init();
	static const check_case cases[] = {CHECK_CASE(marks_go), CHECK_CASE(letters_fold), CHECK_CASE(invisible_marks),
	                                   CHECK_CASE(other_forms_and_scripts), CHECK_CASE(bounds),
	                                   CHECK_CASE(skeletons), CHECK_CASE(tables_fold_as_code_points),
	                                   CHECK_CASE(runs_fold_as_code_points), CHECK_CASE(skeleton_as_by_code_points)};
	return check_run("fold", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
