/* test_utf8.c: decoding, encoding, repair, counting and clipping of UTF-8,
 * and the date codes the aggregates key on (util/). */
#include "check.h"
#include "datecode.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static void decode_valid(void)
{
	uint32_t cp;
	CHECK_INT(gm__utf8_decode((const unsigned char *)"a", 1, &cp), 1);
	CHECK_INT(cp, 'a');
	CHECK_INT(gm__utf8_decode((const unsigned char *)"ب", 2, &cp), 2);
	CHECK_INT(cp, 0x0628);
	CHECK_INT(gm__utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);   /* € */
	CHECK_INT(cp, 0x20AC);
	CHECK_INT(gm__utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
	CHECK_INT(cp, 0x1F600);
}

static void decode_refuses_what_is_not_utf8(void)
{
	uint32_t cp;
	CHECK_INT(gm__utf8_decode((const unsigned char *)"\xff", 1, &cp), 0);
	CHECK_INT(gm__utf8_decode((const unsigned char *)"\xd8", 1, &cp), 0);                  /* truncated */
	CHECK_INT(gm__utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp), 0);              /* overlong '/' */
	CHECK_INT(gm__utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0);          /* a surrogate */
	CHECK_INT(gm__utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);      /* past U+10FFFF */
	CHECK_INT(gm__utf8_decode((const unsigned char *)"\xe2\x28\xa1", 3, &cp), 0);          /* a bad continuation */
}

static void encode_round_trips(void)
{
	static const uint32_t cps[] = {0x41, 0x7FF, 0x0628, 0xFFFD, 0x10000, 0x10FFFF};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		char buf[4];
		uint32_t back = 0;
		size_t n = gm__utf8_encode(cps[i], buf);
		CHECK(n >= 1 && n <= 4);
		CHECK_INT(gm__utf8_decode((const unsigned char *)buf, n, &back), n);
		CHECK_INT(back, cps[i]);
	}
}

static void repair_replaces_and_counts(void)
{
	size_t len;
	unsigned bad = 0;
	char *r = gm__utf8_repair("باكو \xff\xfe x", strlen("باكو \xff\xfe x"), &len, &bad);
	CHECK(r != NULL);
	CHECK_INT(bad, 2);
	CHECK_STR(r, "باكو \xef\xbf\xbd\xef\xbf\xbd x");
	CHECK_INT(len, strlen(r));
	free(r);
	r = gm__utf8_repair("", 0, &len, &bad);
	CHECK(r != NULL && len == 0 && bad == 0);
	free(r);
}

static void count_and_clip(void)
{
	CHECK_INT(gm__utf8_count("باكو", strlen("باكو")), 4);
	CHECK_INT(gm__utf8_count("a\xf0\x9f\x98\x80", 5), 2);   /* an astral character is one, as Python counts */
	/* a cut never splits a character */
	CHECK_INT(gm__utf8_clip("باكو", 8, 5), 4);
	CHECK_INT(gm__utf8_clip("باكو", 8, 8), 8);
	CHECK_INT(gm__utf8_clip("باكو", 8, 1), 0);
}

/* #17: counting eight bytes at a time and repairing after a valid prefix
 * give what a byte at a time gives, at every length and alignment, with an
 * invalid byte anywhere */
static void fast_paths_agree(void)
{
	const char *text = "قصف حلب Aleppo 2024 — «باكو»، Київ ok";
	size_t len = strlen(text), differ = 0;
	for (size_t a = 0; a < len; a++)
		for (size_t b = a; b <= len; b++) {
			size_t want = 0;
			for (size_t i = a; i < b; i++)
				want += ((unsigned char)text[i] & 0xC0) != 0x80;
			differ += gm__utf8_count(text + a, b - a) != want;
		}
	CHECK_INT(differ, 0);
	char buf[128];
	for (size_t at = 0; at <= len; at++) {
		/* a stray continuation byte put in at every place */
		memcpy(buf, text, at);
		buf[at] = (char)0x80;
		memcpy(buf + at + 1, text + at, len - at);
		size_t out_len;
		unsigned bad;
		char *fixed = gm__utf8_repair(buf, len + 1, &out_len, &bad);
		CHECK(fixed && bad >= 1 && strstr(fixed, "\xEF\xBF\xBD") && out_len == strlen(fixed));
		free(fixed);
	}
	size_t out_len;
	unsigned bad;
	char *same = gm__utf8_repair(text, len, &out_len, &bad);
	CHECK(same && bad == 0 && out_len == len && !strcmp(same, text));
	free(same);
}

/* repair on random bytes (ASCII, two-byte letters, their halves, three-
 * and four-byte sequences, overlong leads) is what a byte at a time makes
 * of them: gm__utf8_decode to the first invalid byte, then the same */
static void repair_is_bytewise(void)
{
	static const char *const parts[] = {"a", " ", "\"", "ب", "ي", "é", "ж", "\xd8", "\xa7", "\xc0\x80", "\xc1\xbf",
	                                    "\xc2\x80", "\xdf\xbf", "€", "\xe2\x82", "😀", "\xf0\x9f", "\xed\xa0\x80",
	                                    "\xff", "\x80"};
	uint64_t seed = 0x2545F4914F6CDD1Dull;
	size_t differ = 0;
	for (int round = 0; round < 20000; round++) {
		char buf[400], want[1300];
		size_t len = 0;
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		size_t n = seed % 60;
		int arabic = round % 3 == 0;   /* long runs of letters, where the eight-byte step runs */
		for (size_t k = 0; k < n; k++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			const char *p = arabic && seed % 16 ? (seed % 2 ? "ب" : "ي") : parts[seed % (sizeof parts / sizeof *parts)];
			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		size_t o = 0;
		unsigned want_bad = 0;
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			size_t k = gm__utf8_decode((const unsigned char *)buf + i, len - i, &cp);
			if (!k) {
				memcpy(want + o, "\xEF\xBF\xBD", 3);
				o += 3;
				want_bad++;
				for (i++; i < len && ((unsigned char)buf[i] & 0xC0) == 0x80; i++)
					;
				continue;
			}
			memcpy(want + o, buf + i, k);
			o += k;
			i += k;
		}
		size_t got_len;
		unsigned bad;
		char *got = gm__utf8_repair(buf, len, &got_len, &bad);
		differ += !got || got_len != o || bad != want_bad || memcmp(got, want, o) != 0;
		free(got);
	}
	CHECK_INT(differ, 0);
}

static void date_codes(void)
{
	CHECK_INT(gm__date_code("2023-09-20"), 20230920);
	CHECK_INT(gm__date_code("2023-9-20"), 0);
	CHECK_INT(gm__date_code("2023-09-2x"), 0);
	CHECK_INT(gm__date_code(NULL), 0);
	char out[11];
	gm__date_text(20230920, out);
	CHECK_STR(out, "2023-09-20");
	gm__date_text(0, out);
	CHECK_STR(out, "");
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(decode_valid),       CHECK_CASE(decode_refuses_what_is_not_utf8),
	                                   CHECK_CASE(encode_round_trips), CHECK_CASE(repair_replaces_and_counts), CHECK_CASE(repair_is_bytewise),
	                                   CHECK_CASE(count_and_clip),     CHECK_CASE(date_codes),
	                                   CHECK_CASE(fast_paths_agree)};
	return check_run("utf8", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
