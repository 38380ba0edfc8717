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

int main(int argc, char **argv)
{
	gm__fold_init();
	static const check_case cases[] = {CHECK_CASE(marks_go), CHECK_CASE(letters_fold), CHECK_CASE(invisible_marks),
	                                   CHECK_CASE(other_forms_and_scripts), CHECK_CASE(bounds),
	                                   CHECK_CASE(skeletons), CHECK_CASE(tables_fold_as_code_points),
	                                   CHECK_CASE(runs_fold_as_code_points)};
	return check_run("fold", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
