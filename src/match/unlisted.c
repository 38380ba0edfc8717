/* unlisted.c: names the gazetteer lacks that the text still gives as
 * places (matcher.h): a quarter or camp after a neighbourhood word, the
 * items of a list a plural place word announces, and such a name again. */
#include "matcher.h"

#include "utf8.h"

#include <string.h>

/* Whether token i, after a neighbourhood word (حي الصفطاوي، أحياء الرسالة،
 * مخيم المناصرة), names a quarter or camp the gazetteer lacks, which
 * resolve.c places at its city: a definite word of four letters or more that
 * names no place and is no event word ("أحياء كثيرة" names nothing). The
 * caller has seen that it is no cue word; v0 is its first reading (NULL: a
 * word too long to have one). */
static int unlisted_quarter(const gm_gazetteer *g, const gm_tokens *t, size_t i, const gm_reading *v0)
{
	if (i == 0 || t->tok[i - 1].gap_after == GM_GAP_BREAK)
		return 0;
	const gm_token *tk = &t->tok[i];
	uint8_t cue = gm__tok_cue(g, t, i - 1);
	const char *w = t->folded + tk->f_off;
	return GM_CUE_CLASS(cue) == GM_TW_NEIGHBOURHOOD && GM_CUE_ROLE(cue) == GM_CUE_TYPE &&
	       tk->f_len > strlen("ال") && gm__utf8_starts(w, "ال") && gm__utf8_count(w, tk->f_len) >= 6 &&
	       !(v0 && v0->key && gm__gaz_key_has_place(g, v0->key)) && !gm__event_word(g, w, tk->f_len);
}

/* No name at all after a neighbourhood word: a quarter or camp the
 * gazetteer lacks. */
int gm__match_quarter(matcher *x)
{
	const gm_tokens *t = x->t;
	size_t i = x->i;
	if (!unlisted_quarter(x->g, t, i, x->nv ? &x->v[0] : NULL))
		return 0;
	gm_match *m = gm__push_match(x->out, x->err);
	if (!m)
		return -1;
	const gm_token *tk = &t->tok[i];
	m->tok_first = m->tok_last = (uint32_t)i;
	m->b0 = tk->b0;
	m->b1 = tk->b1;
	m->c0 = tk->c0;
	m->c1 = tk->c1;
	m->quarter = 1;
	m->type_class = GM_TW_NEIGHBOURHOOD;
	gm__copy_cut(m->type_word, sizeof m->type_word, t->folded + t->tok[i - 1].f_off, t->tok[i - 1].f_len);
	if (x->out->n > 1)
		x->out->m[x->out->n - 2].parent_link = gm__parent_link(x->g, x->text, t, &x->out->m[x->out->n - 2], m);
	return 1;
}

/* An item of an open list at token i that the gazetteer lacks, k words
 * (gm__list_item_words): a match without key, which resolve.c places at the
 * town the list is of. */
static int match_listed(matcher *x, size_t k)
{
	size_t i = x->i;
	gm_match *m = gm__push_match(x->out, x->err);
	if (!m)
		return -1;
	const gm_token *first = &x->t->tok[i], *last = &x->t->tok[i + k - 1];
	uint32_t nb = first->b0, nc = 0;
	/* the conjunction is no part of the name; the و of a word that is a cue
	 * itself (وادي) is its own letter */
	const char *w = x->t->folded + first->f_off;
	if (gm__utf8_starts(w, "و") && !gm__gaz_cue(x->g, w, first->f_len)) {
		gm__skip_letters(x->text, first->b0, first->b1, 1, &nb, &nc);
		gm__copy_cut(m->clitic, sizeof m->clitic, "و", strlen("و"));
	}
	m->tok_first = (uint32_t)i;
	m->tok_last = (uint32_t)(i + k - 1);
	m->b0 = nb;
	m->b1 = last->b1;
	m->c0 = first->c0 + nc;
	m->c1 = last->c1;
	m->quarter = 1;
	m->list_class = x->list_class;
	m->list_uncued = (uint8_t)x->list_strict;
	gm__copy_cut(m->type_word, sizeof m->type_word, x->list_word, strlen(x->list_word));
	if (k == 1 && x->n_listed < sizeof x->listed / sizeof *x->listed) {
		struct listed_name *l = &x->listed[x->n_listed++];
		size_t skip = m->clitic[0] ? strlen("و") : 0;
		gm__copy_cut(l->word, sizeof l->word, w + skip, first->f_len - skip);
		l->len = strlen(l->word);
		l->match = x->out->n - 1;
	}
	return (int)k;
}

/* A name listed before that the gazetteer lacks, named again (after a
 * clitic too: وفي الحلانية، بالحلانية): the same place. */
int gm__match_listed_again(matcher *x)
{
	for (size_t j = 0; j < x->nv; j++)
		for (size_t l = 0; l < x->n_listed; l++) {
			const gm_reading *r = &x->v[j];
			if (r->len != x->listed[l].len || memcmp(r->text, x->listed[l].word, r->len) != 0)
				continue;
			const gm_match *was = &x->out->m[x->listed[l].match];
			gm_match *m = gm__push_match(x->out, x->err);
			if (!m)
				return -1;
			const gm_token *tk = &x->t->tok[x->i];
			uint32_t nb = tk->b0, nc = 0;
			if (r->strip)
				gm__skip_letters(x->text, tk->b0, tk->b1, r->strip, &nb, &nc);
			m->tok_first = m->tok_last = (uint32_t)x->i;
			m->b0 = nb;
			m->b1 = tk->b1;
			m->c0 = tk->c0 + nc;
			m->c1 = tk->c1;
			gm__copy_cut(m->clitic, sizeof m->clitic, r->clitic, strlen(r->clitic));
			m->quarter = 1;
			m->list_class = was->list_class;
			m->list_uncued = was->list_uncued;
			memcpy(m->type_word, was->type_word, sizeof m->type_word);
			m->same_as = (uint32_t)x->listed[l].match + 1;
			return 1;
		}
	return 0;
}

/* Where the next item of the open list starts after an item ending before
 * token e, (size_t)-1 when the list ends; a direction as an adverb after
 * the item is passed over ("وقصيعر شرقاً، وغرباً فوة"). */
static size_t next_item(const matcher *x, size_t e)
{
	size_t next = gm__list_next(x->text, x->t, e);
	if (next == (size_t)-1 && x->list_strict && e + 1 < x->t->n && gm__compass_adverb(x->g, x->t, e))
		next = gm__list_next(x->text, x->t, e + 1);
	return next;
}

/* The list state after token i was read and n words taken (0: none): an
 * item ends where the next must start, or the list; a list cue opens one. */
int gm__follow_list(matcher *x, size_t i, int n)
{
	if (x->list_next == i && x->list_strict && n <= 1 && gm__compass_adverb(x->g, x->t, i) &&
	    gm__list_item_words_strict(x->g, x->text, x->t, i + 1)) {
		/* "، وغرباً فوة": the item is فوة; the direction is no name (a
		 * spelling that meets one gives way) */
		if (n) {
			x->out->n--;
			if (x->out->n)
				x->out->m[x->out->n - 1].parent_link = GM_PL_NONE;
		}
		x->list_next = i + 1;
		return 0;
	}
	if (x->list_next == i) {
		size_t next = n > 0 ? next_item(x, i + (size_t)n) : (size_t)-1;
		/* (a cue word starts an item only with a name after it) */
		size_t item = next != (size_t)-1  ? 0
		              : x->list_strict ? gm__list_item_words_strict(x->g, x->text, x->t, i)
		                               : gm__list_item_words(x->g, x->text, x->t, i);
		/* a known word that is only the start of an item (حدث بعلبك، عين
		 * بورضاي): the item is one name the gazetteer lacks */
		if (n > 0 && item > (size_t)n) {
			x->out->n--;
			if (x->out->n)
				x->out->m[x->out->n - 1].parent_link = GM_PL_NONE;
			n = 0;
		}
		if (!n && item) {
			if ((n = match_listed(x, item)) < 0)
				return -1;
			next = next_item(x, i + (size_t)n);
		}
		gm_match *last = n ? &x->out->m[x->out->n - 1] : NULL;
		if (last && !last->list_class) {   /* a known name listed */
			last->list_class = x->list_class;
			last->list_uncued = (uint8_t)x->list_strict;
			if (!last->type_word[0])
				gm__copy_cut(last->type_word, sizeof last->type_word, x->list_word, strlen(x->list_word));
		}
		x->list_next = n ? next : (size_t)-1;
	}
	/* (a list cue is a gazetteer key: a word that is none opens nothing,
	 * and most words are none) */
	/* (and a plural's many row is a posting of a key read here: no probe
	 * for the words that have none) */
	int keyed = 0, many = 0;
	for (size_t j = 0; !n && j < x->nv; j++) {
		keyed |= x->v[j].key != NULL;
		many |= gm__gaz_key_cue_note(x->g, x->v[j].key, 1) != 0;
	}
	if (keyed) {
		uint8_t cls = x->v[0].key ? gm__list_opens(x->g, x->t, i, x->list_word, sizeof x->list_word) : 0;
		x->list_strict = !cls;
		if (!cls && many)
			cls = gm__list_opens_many(x->g, x->text, x->t, i, x->list_word, sizeof x->list_word);
		if (cls) {
			x->list_class = cls;
			x->list_next = i + 1;
		}
	}
	return n;
}
