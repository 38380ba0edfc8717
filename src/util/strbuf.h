/* strbuf.h: a growable string (internal). Growth is checked for overflow and
 * a failed allocation is remembered (failed), so a caller appends freely and
 * looks once at the end. s is NUL-terminated whenever len > 0. */
#ifndef GM_STRBUF_H
#define GM_STRBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct gm_strbuf {
	char *s;
	size_t len, cap;
	int failed;
} gm_strbuf;

void gm__sb_put(gm_strbuf *b, const char *s, size_t n);
void gm__sb_puts(gm_strbuf *b, const char *s);
void gm__sb_printf(gm_strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* v in decimal ("%lld") into out (at least 21 bytes), NUL-terminated: its
 * length. Without printf: the layers write millions of integers. */
size_t gm__int_text(char *out, long long v);
/* v >= 0 as "%.0f" writes it, into out (32 bytes at least): its length.
 * Without printf for the rules of every mention; an exact half, which printf
 * rounds to even, and values out of range are left to printf. */
size_t gm__whole_text(char *out, double v);
/* (double)v / div as "%.0f" (tenths 0) or "%.1f" (tenths 1) writes it, for v
 * >= 0 and div a multiple of 10 (into 40 bytes): its length. An exact half is
 * left to printf (the binary quotient decides which way it goes). */
size_t gm__quotient_text(char *out, long long v, long long div, int tenths);
/* v as printf's "%.<decimals>f" writes it (decimals 0 to 14), into out
 * (19 + decimals bytes at least: a sign, 16 digits, the point, the
 * decimals, the NUL): its length; 0 for what is left to printf (|v| of 2^52
 * or more, not finite). The digits come from the exact binary value, as
 * glibc's do (an exact half to even), without printf's 2,000 instructions:
 * every coordinate of the CSV and ACLED layers (#17). */
size_t gm__fixed_text(char *out, double v, int decimals);
/* v as printf's "%.15G" writes it, into out (24 bytes at least): its
 * length; 0 for what is left to printf (an exponent: |v| below 1e-4 or of
 * 1e15 or more once rounded; zero; not finite). */
size_t gm__g15_text(char *out, double v);
/* dir "/" name into out (cap bytes): 0, or -1 when it does not fit (nothing
 * cut short is ever opened). */
int gm__path_join(char *out, size_t cap, const char *dir, const char *name);
/* Texts one after another, each NUL-terminated, named by where they start:
 * empty again (and not failed), with the empty text at 0. */
void gm__sb_texts_clear(gm_strbuf *b);
/* text kept after the others: where it starts; 0 (the empty text) once an
 * allocation failed (failed is set) or past 4 GB. */
uint32_t gm__sb_keep(gm_strbuf *b, const char *text);
const char *gm__sb_text(const gm_strbuf *b, uint32_t at);
/* Empty again, its memory kept. */
void gm__sb_clear(gm_strbuf *b);
void gm__sb_free(gm_strbuf *b);

#endif
