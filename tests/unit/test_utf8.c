/* test_utf8.c: decoding, encoding, repair, counting and clipping of UTF-8,
 * and the date codes the aggregates key on (util/). */
#include "check.h"
#include "datecode.h"
#include "utf8.h"

#include <stdlib.h>

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
	                                   CHECK_CASE(encode_round_trips), CHECK_CASE(repair_replaces_and_counts),
	                                   CHECK_CASE(count_and_clip),     CHECK_CASE(date_codes)};
	return check_run("utf8", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
