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

size_t gm__int_text(char *out, long long v)
{
	char tmp[24];
	size_t i = sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	size_t n = sizeof tmp - i;
	memcpy(out, tmp + i, n);
	out[n] = '\0';
	return n;
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
