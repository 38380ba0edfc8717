/* tolls.c: casualty figures told apart from their event word (report.h): a
 * toll after the violence it counts, split place by place, or a count of what
 * was told before; and which of a sentence's types its figures go to. */
#include "report.h"

#include "eventwords.h"
#include "utf8.h"

#include <string.h>

/* A toll after an air strike or shelling was told ("شهيد في شمسطار، شهيدان
 * في الحلانية" after the strikes) is that violence's, place by place, not a
 * clash of its own. */
void gm__ev_toll_of_violence_told(sentence_reporter *sp)
{
	sentence_report *sr = sp->sr;
	if (!sr->toll_only)
		return;
	/* "القوات الأوكرانية قتلت ثلاثة وثمانين جنديّاً روسيّاً": forces that
	 * kill (an agent word within two words before the casualty word) fight,
	 * a clash of its own, not the toll of the strike told before */
	size_t at = sr->ev[GM_EV_ARMED_CLASH].tok;
	for (size_t back = 1; back <= 2 && at >= sp->sh->s0 + back; back++)
		if (gm__word_has(sp->d->t, at - back, GM_W_AGENT, NULL))
			return;
	gm_event *before = gm__ev_told_before(sp->d->out, sp->told_earlier, GM_EV_ARMED_CLASH, 1);
	int bc = before ? gm__trigger_code(before->type) : 0;
	if (bc > 0 && bc != GM_EV_ARMED_CLASH) {
		sr->have[bc] = 1;
		sr->ev[bc] = sr->ev[GM_EV_ARMED_CLASH];
		sr->have[GM_EV_ARMED_CLASH] = 0;
	}
}

/* The number of a stretch [a, b) when it is the stretch's first and nothing
 * follows it (not "تسعة منازل", which counts houses); -1 otherwise. */
static long elided_count(const gm_tokens *t, size_t a, size_t b)
{
	for (size_t j = a; j < b; j++) {
		size_t used;
		long v = gm__parse_number(t, j, &used);
		if (v >= 0)
			return j + used == b ? v : -1;
	}
	return -1;
}

/* "وتوزع الشهداء كالآتي: شهيد في شمسطار، شهيدان في الحلانية، ... وفي بلدة
 * الحفير استشهد 12 شخصا": a toll split place by place, each stretch between
 * commas with one killed word and one place, given to the violent event the
 * document told at that place (a quarter by its own name) where it stated
 * none. Returns how many stretches found their event. */
size_t gm__ev_tolls_by_place(sentence_reporter *sp)
{
	const doc_reader *d = sp->d;
	const gm_tokens *t = d->t;
	const sentence_hits *sh = sp->sh;
	size_t given = 0;
	int split = 0;   /* a stretch before this one counted its dead */
	for (size_t a = sh->s0; a < sh->s1;) {
		size_t b = a;
		while (b + 1 < sh->s1 && t->tok[b].gap_after != GM_GAP_BREAK)
			b++;
		b++;   /* the stretch [a, b) */
		long killed = -1;
		int words = 0;
		for (size_t j = a; j < b; j++) {
			long v = gm__ev_toll_at(t, sh, j);
			if (v >= 0) {
				killed = v;
				words++;
			}
		}
		/* "... وفي يونين شهيدتان، وفي الرام تسعة": once the split has
		 * named its dead, a stretch that ends in a bare number leaves the
		 * noun out; the number counts the same dead */
		if (!words && split && (killed = elided_count(t, a, b)) >= 0)
			words = 1;
		long at = -1;
		int places = 0;
		for (size_t k = sp->k0; words == 1 && k < sp->k1; k++)
			if (d->m[k].tok_first >= a && d->m[k].tok_first < b && d->r[k].place != GM_GAZ_NO_PLACE &&
			    !strncmp(d->g->places[d->r[k].place].feature, "PPL", 3)) {
				at = (long)k;
				places++;
			}
		if (words == 1)
			split = 1;
		if (words == 1 && places == 1 && killed >= 0) {
			uint32_t q = gm__ev_quarter_key(t, &d->m[at], &d->r[at]);
			for (size_t x = sp->told_earlier; x-- > 0;) {
				gm_event *e = &d->out->e[x];
				int xc = gm__trigger_code(e->type);
				if (e->place == d->r[at].place && d->out->aside[x].quarter == q && xc > 0 && gm__ev_is_violent(xc)) {
					if (e->fatalities < 0) {
						e->fatalities = killed;
						given++;
					}
					break;
				}
			}
		}
		a = b;
	}
	return given;
}

/* Whether a count word stands right before a casualty word of the sentence
 * ("عدد الشهداء"، "حصيلة القتلى"). */
int gm__ev_toll_told_before(const gm_tokens *t, const sentence_hits *sh)
{
	for (size_t j = sh->s0 + 1; j < sh->s1; j++) {
		int code = gm__ev_code_at(sh, j);
		if ((code == GM_TR_KILLED || code == GM_TR_KILLED_ONE || code == GM_TR_INJURED) &&
		    (gm__word_has(t, j - 1, GM_W_TOLL, NULL) || (j >= sh->s0 + 2 && gm__word_has(t, j - 2, GM_W_TOLL, NULL))))
			return 1;
	}
	return 0;
}

/* Which of the sentence's types carrying a toll stands nearest its first
 * casualty word (0 when it gave no figure or has no such type). */
int gm__ev_toll_type(const sentence_report *sr)
{
	if (sr->killed < 0 && sr->injured < 0)
		return 0;
	int best = 0;
	size_t best_d = (size_t)-1;
	for (int c = 1; c < GM_EV_N; c++) {
		if (!sr->have[c] || !gm__ev_has_toll(c))
			continue;
		size_t at = sr->ev[c].tok, d = at > sr->toll_at ? at - sr->toll_at : sr->toll_at - at;
		if (d < best_d) {
			best_d = d;
			best = c;
		}
	}
	return best;
}

