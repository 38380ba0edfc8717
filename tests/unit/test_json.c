/* test_json.c: the JSON Lines record reader. */
#include "check.h"
#include "json.h"

#include <stdlib.h>

static int parse(const char *s, gm_json_object *o, char *why)
{
	return gm__json_parse_object(s, strlen(s), o, why, 160);
}

static void a_record(void)
{
	gm_json_object o;
	char why[160];
	CHECK_INT(parse("{\"id\": \"a-1\", \"text\": \"\\u0628\\u0627\\u0643\\u0648 \\\"q\\\"\", \"n\": 12, "
	                "\"date\": null, \"tags\": [1, {\"x\": [2]}], \"ok\": true}", &o, why), 0);
	CHECK_STR(gm__json_get(&o, "id")->value, "a-1");
	CHECK_STR(gm__json_get(&o, "text")->value, "باكو \"q\"");
	CHECK_STR(gm__json_get(&o, "n")->value, "12");
	CHECK(!gm__json_get(&o, "n")->is_string);
	CHECK(gm__json_get(&o, "date")->value == NULL);
	CHECK(gm__json_get(&o, "tags") != NULL);
	CHECK(gm__json_get(&o, "missing") == NULL);
	gm__json_object_free(&o);
}

static void surrogate_pair(void)
{
	gm_json_object o;
	char why[160];
	/* a surrogate pair becomes one 4-byte character */
	CHECK_INT(parse("{\"t\": \"\\ud83d\\ude00\"}", &o, why), 0);
	CHECK_STR(gm__json_get(&o, "t")->value, "\xF0\x9F\x98\x80");
	gm__json_object_free(&o);
}

static void malformed_says_where(void)
{
	gm_json_object o;
	char why[160];
	/* malformed: each says where */
	CHECK_INT(parse("{\"id\": \"x\", }", &o, why), -1);
	CHECK(strstr(why, "byte") != NULL);
	CHECK_INT(parse("{\"id\": \"unterminated}", &o, why), -1);
	CHECK(strstr(why, "unterminated") != NULL);
	CHECK_INT(parse("[1, 2]", &o, why), -1);
	CHECK_INT(parse("{\"a\": 1} trailing", &o, why), -1);
	CHECK_INT(parse("{\"a\": tru}", &o, why), -1);
	CHECK_INT(parse("{\"a\": \"\\x\"}", &o, why), -1);
}

static void numbers_as_rfc8259(void)
{
	gm_json_object o;
	char why[160];
	/* #15.8: numbers as RFC 8259 writes them, nothing strtod alone takes */
	static const char *const good_numbers[] = {"0", "-0", "12", "-3.25", "1e9", "2.5E-3", "1E+2"};
	static const char *const bad_numbers[] = {"nan", "inf", "+1", "01", "0x10", "1.", ".5", "1e", "--1", "1e+"};
	char doc[64];
	for (size_t i = 0; i < sizeof good_numbers / sizeof *good_numbers; i++) {
		snprintf(doc, sizeof doc, "{\"n\": %s}", good_numbers[i]);
		CHECK_INT(parse(doc, &o, why), 0);
		gm__json_object_free(&o);
	}
	for (size_t i = 0; i < sizeof bad_numbers / sizeof *bad_numbers; i++) {
		snprintf(doc, sizeof doc, "{\"n\": %s}", bad_numbers[i]);
		CHECK_INT(parse(doc, &o, why), -1);
	}
}

static void nul_escape(void)
{
	gm_json_object o;
	char why[160];
	/* \u0000 would cut the text: U+FFFD in its place, counted */
	CHECK_INT(parse("{\"text\": \"a\\u0000b\"}", &o, why), 0);
	CHECK_STR(gm__json_get(&o, "text")->value, "a\xEF\xBF\xBD" "b");
	CHECK_INT(o.nul_escapes, 1);
	gm__json_object_free(&o);
}

static void writing_not_utf8(void)
{
	/* writing: a string that is not UTF-8 still gives valid JSON (U+FFFD per bad byte) */
	char *buf = NULL;
	size_t blen = 0;
	FILE *mf = open_memstream(&buf, &blen);
	gm__json_write_string(mf, "caf\xe9 \xd8\xa8 \"q\" \x01");
	fclose(mf);
	CHECK_STR(buf, "\"caf\xEF\xBF\xBD \xd8\xa8 \\\"q\\\" \\u0001\"");
	free(buf);
}

/* the escaper's sink: into a fixed buffer */
typedef struct sink_buf {
	char s[256];
	size_t n;
	int calls;
} sink_buf;

static void to_buf(void *ctx, const char *s, size_t n)
{
	sink_buf *b = ctx;
	if (b->n + n < sizeof b->s) {
		memcpy(b->s + b->n, s, n);
		b->n += n;
		b->s[b->n] = '\0';
	}
	b->calls++;
}

/* every control byte escaped, \b \f by name only when asked (GDAL's GeoJSON
 * writes them so), bytes past 0x7f kept as they are without VALID_UTF8 */
static void escaper_flags(void)
{
	const char *in = "a\b\f\n\r\t\x1f\\/\x7f \xd8\xa8\xe9";
	sink_buf b = {{0}, 0, 0};
	gm__json_escape(in, GM__JSON_NAMED_BF, to_buf, &b);
	CHECK_STR(b.s, "\"a\\b\\f\\n\\r\\t\\u001f\\\\/\x7f \xd8\xa8\xe9\"");
	sink_buf c = {{0}, 0, 0};
	gm__json_escape(in, GM__JSON_VALID_UTF8, to_buf, &c);
	CHECK_STR(c.s, "\"a\\u0008\\u000c\\n\\r\\t\\u001f\\\\/\x7f \xd8\xa8\xEF\xBF\xBD\"");
	sink_buf e = {{0}, 0, 0};
	gm__json_escape("", 0, to_buf, &e);
	CHECK_STR(e.s, "\"\"");
}

/* a text that needs no escape goes to the sink in one piece, quotes aside */
static void escaper_runs(void)
{
	sink_buf b = {{0}, 0, 0};
	gm__json_escape("قصف على حلب", GM__JSON_VALID_UTF8, to_buf, &b);
	CHECK_STR(b.s, "\"قصف على حلب\"");
	CHECK_INT(b.calls, 3);
}

/* gm__json_plain says a text needs no escape exactly where the escaper
 * writes it as it is between its quotes: every byte value at every place
 * of texts of every length up to 40 */
static void plain_is_what_escapes_to_itself(void)
{
	static const unsigned char bytes[] = {0x00, 0x01, 0x08, 0x0c, 0x1f, 0x20, '!', '"', '#', '[', '\\', ']', 0x7f, 0x80, 0xd8, 0xff};
	size_t differ = 0, plain = 0;
	for (size_t len = 1; len <= 40; len++)
		for (size_t at = 0; at < len; at++)
			for (size_t b = 0; b < sizeof bytes; b++) {
				char s[48];
				memset(s, 'a', len);
				s[at] = (char)bytes[b];
				s[len] = '\0';
				size_t n = bytes[b] ? len : at;   /* (a NUL ends the text) */
				sink_buf o = {{0}, 0, 0};
				gm__json_escape(s, GM__JSON_NAMED_BF, to_buf, &o);
				int as_is = o.n == n + 2 && !memcmp(o.s + 1, s, n);
				differ += gm__json_plain(s, n) != as_is;
				plain += (size_t)as_is;
			}
	CHECK_INT(differ, 0);
	CHECK(plain > 0);
}

/* Runs found eight bytes at a time: a byte to escape at every place of a
 * text of every length up to 40, written and read back, as a byte at a time
 * would (each of the bytes the word test looks for, and bytes beside them:
 * 0x1f, 0x20, '!', '#', '[', ']', 0x7f, 0x80, 0xff) */
static void escaper_and_reader_at_every_place(void)
{
	static const unsigned char special[] = {'"', '\\', 0x01, 0x1f, 0x20, '!', '#', '[', ']', 0x7f, 0x80, 0xff, '\n'};
	size_t wrong = 0, tried = 0;
	for (size_t len = 1; len <= 40; len++)
		for (size_t at = 0; at < len; at++)
			for (size_t k = 0; k < sizeof special; k++) {
				char in[48];
				for (size_t i = 0; i < len; i++)
					in[i] = (char)('a' + i % 26);
				in[at] = (char)special[k];
				in[len] = '\0';
				/* what a byte at a time writes */
				char want[400];
				size_t w = 0;
				want[w++] = '"';
				for (size_t i = 0; i < len; i++) {
					unsigned char c = (unsigned char)in[i];
					if (c == '"' || c == '\\')
						want[w++] = '\\', want[w++] = (char)c;
					else if (c == '\n')
						want[w++] = '\\', want[w++] = 'n';
					else if (c < 0x20)
						w += (size_t)snprintf(want + w, 8, "\\u%04x", c);
					else
						want[w++] = (char)c;
				}
				want[w++] = '"';
				want[w] = '\0';
				sink_buf b = {{0}, 0, 0};
				gm__json_escape(in, 0, to_buf, &b);
				wrong += strcmp(b.s, want) != 0;
				/* and read back as a member (bytes past 0x7f alone are no
				 * UTF-8: the reader repairs them, so only ASCII here) */
				if (special[k] < 0x80) {
					char doc[480];
					snprintf(doc, sizeof doc, "{\"t\":%s}", want);
					gm_json_object o;
					char why[128];
					if (gm__json_parse_object(doc, strlen(doc), &o, why, sizeof why) != 0) {
						wrong++;
						continue;
					}
					const gm_json_field *f = gm__json_get(&o, "t");
					wrong += !f || !f->value || strcmp(f->value, in) != 0;
					gm__json_object_free(&o);
				}
				tried++;
			}
	CHECK_INT(wrong, 0);
	CHECK_INT(tried, 40 * 41 / 2 * 13);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(a_record),          CHECK_CASE(surrogate_pair),
	                                   CHECK_CASE(malformed_says_where), CHECK_CASE(numbers_as_rfc8259),
	                                   CHECK_CASE(nul_escape),          CHECK_CASE(writing_not_utf8),
	                                   CHECK_CASE(escaper_flags),       CHECK_CASE(escaper_runs),
	                                   CHECK_CASE(escaper_and_reader_at_every_place),
	                                   CHECK_CASE(plain_is_what_escapes_to_itself)};
	return check_run("json", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
