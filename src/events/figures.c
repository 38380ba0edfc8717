/* figures.c: the numbers an event is told with (digits, Arabic-Indic digits
 * and number words, event-words.tsv) and the date the text gives it
 * (اليوم، أمس، a weekday), for events.c (events.h). */
#include "events.h"

#include "eventwords.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- numbers */

/* A number word (event-words.tsv: unit, ten, hundred, thousand, many) and
 * its kind: u unit 1-10, t tens, h hundreds, k thousands, v vague plural. */
static int word_value(const char *w, size_t len, long *v, char *kind)
{
	static const struct {
		int function;
		char kind;
	} kinds[] = {{GM_W_UNIT, 'u'}, {GM_W_TEN, 't'}, {GM_W_HUNDRED, 'h'}, {GM_W_THOUSAND, 'k'}, {GM_W_MANY, 'v'}};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (gm__function_word(w, len, kinds[i].function, v)) {
			*kind = kinds[i].kind;
			return 1;
		}
	return 0;
}



long gm__parse_number(const gm_tokens *t, size_t i, size_t *used)
{
	*used = 0;
	if (i >= t->n)
		return -1;
	const gm_token *tk = &t->tok[i];
	const char *w = gm__tok_text(t, i);
	if (tk->is_number) {
		/* folding made Arabic-Indic digits ASCII; thousands separators (2,000)
		 * join. A figure past GM_FIGURE_MAX is no figure: the digits stop
		 * counting there, so 20 of them cannot wrap to a small number. */
		long v = 0;
		size_t k = 0;
		int too_large = 0;
		for (; k < tk->f_len && ((w[k] >= '0' && w[k] <= '9') || w[k] == ','); k++)
			if (w[k] != ',' && !too_large) {
				v = v * 10 + (w[k] - '0');
				too_large = v > GM_FIGURE_MAX;
			}
		if (k == 0 || too_large)
			return -1;
		*used = 1;
		return v;
	}
	long v;
	char kind;
	/* (after the conjunction too: "وثلاثة شهداء في تل عرن") */
	size_t and = strlen("و");
	if (!word_value(w, tk->f_len, &v, &kind) &&
	    !(tk->f_len > and && gm__utf8_has_prefix(w, tk->f_len, "و") && word_value(w + and, tk->f_len - and, &v, &kind)))
		return -1;
	*used = 1;
	if (kind == 'u' && i + 1 < t->n && t->tok[i].gap_after == GM_GAP_JOIN) {
		const char *x = gm__tok_text(t, i + 1);
		size_t xl = t->tok[i + 1].f_len;
		long v2;
		char k2;
		/* خمسة عشر، أحد عشر، اثنا عشر */
		if (gm__function_word(x, xl, GM_W_TEEN, NULL)) {
			*used = 2;
			return (v == 10 ? 0 : v) + 10;
		}
		/* ثلاثة وعشرون */
		size_t wl = strlen("و");
		if (xl > wl && gm__utf8_has_prefix(x, xl, "و") && word_value(x + wl, xl - wl, &v2, &k2) && k2 == 't') {
			*used = 2;
			return v + v2;
		}
	}
	return v;
}

/* ------------------------------------------------------------------ dates */


/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's
 * algorithms): no timegm, which C11 and POSIX lack. */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int gm__event_date(const char *doc_date, const gm_tokens *t, size_t t0, size_t t1, char out[11])
{
	out[0] = '\0';
	int y, mo, d, said = 0;
	/* YYYY-MM-DD (the reader checked it): digits read here, once a sentence */
	if (!doc_date || strlen(doc_date) != 10 || doc_date[4] != '-' || doc_date[7] != '-')
		return 0;
	for (int k = 0; k < 10; k++)
		if (k != 4 && k != 7 && (doc_date[k] < '0' || doc_date[k] > '9'))
			return 0;
	y = (doc_date[0] - '0') * 1000 + (doc_date[1] - '0') * 100 + (doc_date[2] - '0') * 10 + (doc_date[3] - '0');
	mo = (doc_date[5] - '0') * 10 + (doc_date[6] - '0');
	d = (doc_date[8] - '0') * 10 + (doc_date[9] - '0');
	long base = days_from_civil(y, mo, d);
	int weekday = (int)(((base % 7) + 11) % 7);   /* 1970-01-01 was a Thursday (4) */
	long back = 0;
	const uint64_t day_words = GM_W_BIT(GM_W_TODAY) | GM_W_BIT(GM_W_YESTERDAY) | GM_W_BIT(GM_W_NIGHT) |
	                           GM_W_BIT(GM_W_WEEKDAY);
	for (size_t i = t0; i < t1; i++) {
		if (!(gm__word_mask(t, i) & day_words))
			continue;   /* most words: one lookup, no day */
		if (gm__word_has(t, i, GM_W_TODAY, NULL)) {
			said = 1;   /* and a weekday may follow: اليوم الأربعاء */
			continue;
		}
		long days;
		if (gm__word_has(t, i, GM_W_YESTERDAY, &days)) {
			back = days;
			said = 1;
			break;
		}
		if (gm__word_has(t, i, GM_W_NIGHT, NULL) && i + 1 < t1 && gm__word_has(t, i + 1, GM_W_PAST, NULL)) {
			back = 1;   /* الليلة الماضية */
			said = 1;
			break;
		}
		/* a weekday: the last such day on or before the document date */
		long wd;
		if (gm__word_has(t, i, GM_W_WEEKDAY, &wd) && wd >= 0 && wd < 7) {
			back = (weekday - wd + 7) % 7;
			said = 1;
			break;
		}
	}
	civil_from_days(base - back, &y, &mo, &d);
	if (y < 0 || y > 9999)
		return 0;
	/* (digits by hand: snprintf cost this function, called once a sentence,
	 * two thousand instructions) */
	unsigned v[3] = {(unsigned)y % 10000u, (unsigned)mo % 100u, (unsigned)d % 100u}, width[3] = {4, 2, 2};
	char *o = out;
	for (int k = 0; k < 3; k++) {
		if (k)
			*o++ = '-';
		for (unsigned w = width[k], x = v[k]; w-- > 0; x /= 10)
			o[w] = (char)('0' + x % 10);
		o += width[k];
	}
	*o = '\0';
	return said;
}
