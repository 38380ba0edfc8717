/* test_strbuf.c: the growable string (util/strbuf.h). */
#include "check.h"
#include "strbuf.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grows_and_terminates(void)
{
	gm_strbuf b = {0};
	for (int i = 0; i < 10000; i++)
		gm__sb_puts(&b, "قصف ");
	CHECK(!b.failed);
	CHECK_INT(b.len, 10000 * strlen("قصف "));
	CHECK(b.s[b.len] == '\0');
	CHECK(b.cap >= b.len + 1);
	gm__sb_free(&b);
	CHECK(b.s == NULL && b.len == 0 && b.cap == 0);
}

static void printf_short_and_long(void)
{
	gm_strbuf b = {0};
	gm__sb_printf(&b, "%d-%s", 42, "x");
	CHECK_STR(b.s, "42-x");
	char big[2000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	gm__sb_printf(&b, "[%s]", big);   /* past the small buffer: formatted again in place */
	CHECK_INT(b.len, 4 + 2 + sizeof big - 1);
	CHECK(b.s[4] == '[' && b.s[b.len - 1] == ']');
	gm__sb_free(&b);
}

static void clear_keeps_memory(void)
{
	gm_strbuf b = {0};
	gm__sb_puts(&b, "abc");
	char *p = b.s;
	gm__sb_clear(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.s, "");
	gm__sb_puts(&b, "d");
	CHECK(b.s == p);
	CHECK_STR(b.s, "d");
	gm__sb_free(&b);
}

/* a size that cannot be had fails once and for all, nothing written */
static void overflow_is_remembered(void)
{
	gm_strbuf b = {0};
	gm__sb_puts(&b, "ab");
	gm__sb_put(&b, "x", SIZE_MAX - 1);
	CHECK(b.failed);
	CHECK_INT(b.len, 2);
	gm__sb_puts(&b, "more");
	CHECK_INT(b.len, 2);   /* a failed builder takes nothing more */
	gm__sb_free(&b);
}

/* integers as "%lld" writes them, the extremes too */
static void int_text_is_printf(void)
{
	const long long v[] = {0, 7, -7, 9, 10, 99, 100, 101, 999, 1000, 1234567890123LL, -1000, LLONG_MAX, LLONG_MIN};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char got[32], want[32];
		size_t n = gm__int_text(got, v[i]);
		snprintf(want, sizeof want, "%lld", v[i]);
		CHECK_STR(got, want);
		CHECK_INT(n, strlen(want));
	}
	/* every number to 100,000 and random ones of every length */
	size_t differ = 0;
	uint64_t s = 88172645463325252ull;
	for (long long k = -100000; k <= 100000; k++) {
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		long long r = (long long)(s >> (s % 64)) * (s & 1 ? 1 : -1);
		for (int which = 0; which < 2; which++) {
			char got[32], want[32];
			long long x = which ? r : k;
			size_t n = gm__int_text(got, x);
			snprintf(want, sizeof want, "%lld", x);
			differ += n != strlen(want) || strcmp(got, want) != 0;
		}
	}
	CHECK_INT(differ, 0);
}

/* texts kept one after another are found by where they start, also after
 * the buffer moved to grow; 0 is the empty text, before and after a clear */
static void texts_kept_by_offset(void)
{
	gm_strbuf b = {0};
	gm__sb_texts_clear(&b);
	CHECK_STR(gm__sb_text(&b, 0), "");
	uint32_t at[500];
	char want[32];
	for (int i = 0; i < 500; i++) {
		snprintf(want, sizeof want, "rule %d; قصف", i);
		at[i] = gm__sb_keep(&b, want);
		CHECK(at[i] > 0);
	}
	for (int i = 0; i < 500; i++) {
		snprintf(want, sizeof want, "rule %d; قصف", i);
		CHECK_STR(gm__sb_text(&b, at[i]), want);
	}
	CHECK_INT(gm__sb_keep(&b, ""), at[499] + strlen(gm__sb_text(&b, at[499])) + 1);
	gm__sb_texts_clear(&b);
	CHECK_STR(gm__sb_text(&b, 0), "");
	CHECK_INT(gm__sb_keep(&b, "x"), 1);
	gm__sb_free(&b);
	gm_strbuf none = {0};
	CHECK_STR(gm__sb_text(&none, 0), "");   /* never cleared: still the empty text */
}

/* whole numbers and quotients as printf writes them: every population from
 * 0 to 3.2 million by steps that hit every remainder class near the halves,
 * and distances with exact halves (printf rounds those to even) */
static void numbers_are_printf(void)
{
	char got[48], want[48];
	int bad = 0;
	for (long long v = 0; v < 3200000; v += (v % 1000 > 490 && v % 1000 < 510) ? 1 : 7) {
		gm__quotient_text(got, v, 1000, 0);
		snprintf(want, sizeof want, "%.0f", (double)v / 1e3);
		bad += strcmp(got, want) != 0;
		gm__quotient_text(got, v, 1000000, 1);
		snprintf(want, sizeof want, "%.1f", (double)v / 1e6);
		bad += strcmp(got, want) != 0;
	}
	const long long halves[] = {1250000, 1350000, 2450000, 999500, 500, 1500, 2500};
	for (size_t i = 0; i < sizeof halves / sizeof *halves; i++) {
		gm__quotient_text(got, halves[i], 1000000, 1);
		snprintf(want, sizeof want, "%.1f", (double)halves[i] / 1e6);
		CHECK_STR(got, want);
		gm__quotient_text(got, halves[i], 1000, 0);
		snprintf(want, sizeof want, "%.0f", (double)halves[i] / 1e3);
		CHECK_STR(got, want);
	}
	const double km[] = {0, 0.49, 0.5, 1.5, 2.5, 2.5000001, 12.4999, 12.5, 13.5, 59.99, 150.5, 19999.7};
	for (size_t i = 0; i < sizeof km / sizeof *km; i++) {
		size_t n = gm__whole_text(got, km[i]);
		snprintf(want, sizeof want, "%.0f", km[i]);
		CHECK_STR(got, want);
		CHECK_INT(n, strlen(want));
	}
	for (double v = 0; v < 500; v += 0.0173) {
		gm__whole_text(got, v);
		snprintf(want, sizeof want, "%.0f", v);
		bad += strcmp(got, want) != 0;
	}
	CHECK_INT(bad, 0);
}

/* #17: "%.<d>f" and "%.15G" without printf give printf's text exactly (or
 * leave the value to it): on random coordinates, projected metres, every
 * scale from 1e-6 to 1e16, exact halves at every decimal count (printf
 * rounds them to even), integers, negative zero, and values a hair either
 * side of a half; printf is asked for each */
static size_t doubles_checked, doubles_left;
static void one_double(double v, size_t *differ)
{
	char want[64], got[64];
	for (int d = 0; d <= 14; d += d < 8 ? 1 : 3) {
		snprintf(want, sizeof want, "%.*f", d, v);
		size_t n = gm__fixed_text(got, v, d);
		doubles_checked++;
		if (!n) {
			doubles_left++;
			continue;
		}
		if (n != strlen(want) || strcmp(got, want) != 0) {
			if (*differ < 5)
				fprintf(stderr, "  %%.%df of %.17g: %s, printf %s\n", d, v, got, want);
			(*differ)++;
		}
	}
	snprintf(want, sizeof want, "%.15G", v);
	size_t n = gm__g15_text(got, v);
	doubles_checked++;
	if (!n) {
		doubles_left++;
		/* left to printf only where printf writes an exponent, or for zero */
		if (v != 0 && isfinite(v) && !strchr(want, 'E') && fabs(v) >= 1e-4)
			(*differ)++;
		return;
	}
	if (n != strlen(want) || strcmp(got, want) != 0) {
		if (*differ < 5)
			fprintf(stderr, "  %%.15G of %.17g: %s, printf %s\n", v, got, want);
		(*differ)++;
	}
}

static void doubles_are_printf(void)
{
	size_t differ = 0;
	uint64_t s = 0x853C49E6748FEA9Bull;
#define NEXT() (s ^= s << 13, s ^= s >> 7, s ^= s << 17, s)
	for (int i = 0; i < 140000; i++) {
		double u = (double)(NEXT() >> 11) / 9007199254740992.0;   /* [0, 1) */
		double v;
		switch (i % 7) {
		case 6: {   /* a hair below or above a power of ten */
			double t = pow(10, (double)(NEXT() % 21) - 5);
			v = (NEXT() & 1) ? t * (1 - u * 1e-14) : t * (1 + u * 1e-14);
			break;
		}
		case 0: v = u * 360 - 180; break;                            /* a longitude */
		case 1: v = floor(u * 1.8e7) / 1e5 - 90; break;              /* five decimals, as the gazetteer's */
		case 2: v = (u * 4e7 - 2e7); break;                          /* metres (EPSG:3857) */
		case 3: {   /* any scale */
			int e = (int)(NEXT() % 60) - 20;
			v = ldexp(u + 0.5, e) * (NEXT() & 1 ? 1 : -1);
			break;
		}
		case 4: v = (double)(int64_t)(NEXT() % 2000001) / 8 - 125000; break;   /* exact halves, quarters, eighths */
		default: {
			double h = floor(u * 1e6) / 1e4 + 0.00005;   /* near a half of the fourth decimal */
			v = NEXT() & 1 ? nextafter(h, 1e9) : nextafter(h, -1e9);
		}
		}
		one_double(v, &differ);
	}
#undef NEXT
	static const double corners[] = {0.0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-4, 9.99999999999999e-5,
	                                 1e-5, 999999999999999.0, 1e15, 9.999999999999995e14, 123456789012345.6,
	                                 0.1, 0.2, 0.3, 36.2021, -73.98765, 180, -180, 4503599627370495.5};
	for (size_t i = 0; i < sizeof corners / sizeof *corners; i++)
		one_double(corners[i], &differ);
	CHECK_INT(differ, 0);
	CHECK(doubles_left * 10 < doubles_checked);   /* (most are ours to write) */
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(doubles_are_printf), CHECK_CASE(grows_and_terminates), CHECK_CASE(printf_short_and_long),
	                                   CHECK_CASE(clear_keeps_memory), CHECK_CASE(overflow_is_remembered),
	                                   CHECK_CASE(int_text_is_printf), CHECK_CASE(texts_kept_by_offset),
	                                   CHECK_CASE(numbers_are_printf)};
	return check_run("strbuf", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
