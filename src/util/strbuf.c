/* strbuf.c: a growable string (strbuf.h). */
#include "strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* room for n more bytes and a NUL; 0 when it cannot be had */
static int reserve(gm_strbuf *b, size_t n)
{
	if (b->failed)
		return 0;
	if (n > SIZE_MAX - b->len - 1) {
		b->failed = 1;
		return 0;
	}
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return 1;
	size_t c = b->cap ? b->cap : 256;
	while (c < need)
		c = c > SIZE_MAX / 2 ? need : c * 2;
	char *x = realloc(b->s, c);
	if (!x) {
		b->failed = 1;
		return 0;
	}
	b->s = x;
	b->cap = c;
	return 1;
}

void gm__sb_put(gm_strbuf *b, const char *s, size_t n)
{
	if (!reserve(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void gm__sb_puts(gm_strbuf *b, const char *s) { gm__sb_put(b, s, strlen(s)); }

void gm__sb_printf(gm_strbuf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if ((size_t)n < sizeof small) {
		gm__sb_put(b, small, (size_t)n);
		return;
	}
	if (!reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void gm__sb_clear(gm_strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void gm__sb_free(gm_strbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

/* "00" to "99": two digits a step, half the divisions */
static const char two_digits[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                    "8081828384858687888990919293949596979899";

size_t gm__int_text(char *out, long long v)
{
	char tmp[24];
	size_t i = sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	while (u >= 100) {
		unsigned r = (unsigned)(u % 100);
		u /= 100;
		tmp[--i] = two_digits[2 * r + 1];
		tmp[--i] = two_digits[2 * r];
	}
	if (u >= 10) {
		tmp[--i] = two_digits[2 * u + 1];
		tmp[--i] = two_digits[2 * u];
	} else {
		tmp[--i] = (char)('0' + u);
	}
	if (v < 0)
		tmp[--i] = '-';
	size_t n = sizeof tmp - i;
	memcpy(out, tmp + i, n);
	out[n] = '\0';
	return n;
}

/* ------------------------------------------------ doubles without printf */

__extension__ typedef unsigned __int128 gm__u128;

static const uint64_t pow10_u64[20] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
                                       100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
                                       1000000000000ull, 10000000000000ull, 100000000000000ull,
                                       1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
                                       1000000000000000000ull, 10000000000000000000ull};

/* round(a * 10^k) of the exact binary a (0 < a < 2^52, k <= 19), an exact
 * half to even, into *n: 0, or -1 where it does not fit 63 bits (a long
 * long, for gm__int_text) or a is too small to be shifted exactly (left to
 * printf). */
static int scaled(double a, int k, uint64_t *n)
{
	int ex;
	double f = frexp(a, &ex);   /* a = f * 2^ex, 0.5 <= f < 1 */
	uint64_t m = (uint64_t)ldexp(f, 53);   /* exact: a = m * 2^(ex - 53) */
	int shift = 53 - ex;   /* > 0: a < 2^52 */
	if (shift <= 0 || shift >= 127)
		return -1;
	gm__u128 p = (gm__u128)m * pow10_u64[k];
	gm__u128 q = p >> shift, rest = p - (q << shift), half = (gm__u128)1 << (shift - 1);
	if (rest > half || (rest == half && (q & 1)))
		q++;
	if (q >> 63)
		return -1;
	*n = (uint64_t)q;
	return 0;
}

/* n's decimal digits (n < 2^63: scaled's), at least min of them (zeros in
 * front, min <= 20), into out: the count. */
static size_t digits_of(char *out, uint64_t n, size_t min)
{
	char d[24];
	size_t nd = gm__int_text(d, (long long)n), pad = nd < min ? min - nd : 0;
	memset(out, '0', pad);
	memcpy(out + pad, d, nd);
	return pad + nd;
}

size_t gm__fixed_text(char *out, double v, int decimals)
{
	if (!isfinite(v) || decimals < 0 || decimals > 14 || fabs(v) >= 4503599627370496.0)
		return 0;
	uint64_t n = 0;
	if (v != 0 && scaled(fabs(v), decimals, &n) != 0)
		return 0;
	size_t o = 0;
	if (signbit(v))
		out[o++] = '-';   /* printf keeps the sign of -0.0 and of what rounds to 0 */
	char d[24];
	size_t nd = digits_of(d, n, (size_t)decimals + 1);
	size_t whole = nd - (size_t)decimals;
	memcpy(out + o, d, whole);
	o += whole;
	if (decimals) {
		out[o++] = '.';
		memcpy(out + o, d + whole, (size_t)decimals);
		o += (size_t)decimals;
	}
	out[o] = '\0';
	return o;
}

size_t gm__g15_text(char *out, double v)
{
	double a = fabs(v);
	if (!isfinite(v) || !(a >= 1e-5) || !(a < 1e15))
		return 0;
	/* x: the decimal exponent of the value rounded to 15 digits, the least
	 * x whose rounding keeps to 15 digits (n < 10^15; then n >= 10^14, or
	 * 10^14 where the rounding carried); log10's floor is within one of it,
	 * so the search starts one below and goes up (starting at an x too
	 * large, a rounding that carries to 10^14 looks right and is not) */
	int x = (int)floor(log10(a)) - 1;
	uint64_t n = 0;
	for (int tries = 0;; tries++, x++) {
		int k = 14 - x;
		if (tries > 3 || k < 0 || k > 19 || scaled(a, k, &n) != 0)
			return 0;
		if (n < pow10_u64[15])
			break;
	}
	if (n < pow10_u64[14])
		return 0;   /* (cannot be: left to printf all the same) */
	if (x < -4 || x >= 15)
		return 0;   /* printf writes an exponent */
	size_t o = 0;
	if (signbit(v))
		out[o++] = '-';
	char d[24];
	digits_of(d, n, 15);
	size_t keep = 15;   /* %G drops the fraction's trailing zeros */
	while (keep > (size_t)(x >= 0 ? x + 1 : 0) && d[keep - 1] == '0')
		keep--;
	if (x >= 0) {
		memcpy(out + o, d, (size_t)x + 1);
		o += (size_t)x + 1;
		if (keep > (size_t)x + 1) {
			out[o++] = '.';
			memcpy(out + o, d + x + 1, keep - (size_t)x - 1);
			o += keep - (size_t)x - 1;
		}
	} else {
		out[o++] = '0';
		out[o++] = '.';
		for (int z = 0; z < -x - 1; z++)
			out[o++] = '0';
		memcpy(out + o, d, keep);
		o += keep;
	}
	out[o] = '\0';
	return o;
}

int gm__path_join(char *out, size_t cap, const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	if (a + 1 + b + 1 > cap)
		return -1;
	memcpy(out, dir, a);
	out[a] = '/';
	memcpy(out + a + 1, name, b + 1);
	return 0;
}

void gm__sb_texts_clear(gm_strbuf *b)
{
	gm__sb_clear(b);
	b->failed = 0;   /* (a new set of texts: one that failed to fit is gone) */
	gm__sb_put(b, "", 1);
}

uint32_t gm__sb_keep(gm_strbuf *b, const char *text)
{
	size_t at = b->len;
	gm__sb_put(b, text, strlen(text) + 1);
	return b->failed || at > UINT32_MAX ? 0 : (uint32_t)at;
}

const char *gm__sb_text(const gm_strbuf *b, uint32_t at) { return b->s ? b->s + at : ""; }

size_t gm__whole_text(char *out, double v)
{
	double f = floor(v);
	if (!(v >= 0 && v < 1e15) || v - f == 0.5)
		return (size_t)snprintf(out, 32, "%.0f", v);
	return gm__int_text(out, (long long)f + (v - f > 0.5));
}

size_t gm__quotient_text(char *out, long long v, long long div, int tenths)
{
	long long unit = tenths ? div / 10 : div;
	if (v < 0 || unit <= 0 || (v % unit) * 2 == unit)
		return (size_t)snprintf(out, 40, tenths ? "%.1f" : "%.0f", (double)v / (double)div);
	long long q = v / unit + ((v % unit) * 2 > unit);
	size_t n = gm__int_text(out, tenths ? q / 10 : q);
	if (tenths) {
		out[n++] = '.';
		out[n++] = (char)('0' + q % 10);
		out[n] = '\0';
	}
	return n;
}
