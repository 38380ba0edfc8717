/* lists.c: the lists a match stands in (match.h): which matches are next
 * items of one ("شمسطار، الحلانية، سرعين التحتا"، "وكنصفرة، بالإضافة إلى قريتي
 * جبالا"), and where a plural place word or a list cue opens one and how many
 * words its items take. */
#include "match.h"

#include "utf8.h"

#include <string.h>

int gm__listed_together(const gm_match *m, size_t a) { return m[a].list_next != 0; }

/* Whether token i starts with the conjunction و (and more than it). */
static int and_word(const gm_tokens *t, size_t i)
{
	const char *w = t->folded + t->tok[i].f_off;
	return t->tok[i].f_len > strlen("و") + 2 && gm__utf8_starts(w, "و");
}

/* Where a list goes on after token i: behind a word of addition (cues.tsv,
 * besides), its preposition if it takes one and perhaps the next items' type
 * word, in one sentence ("وكنصفرة، بالإضافة إلى قريتي جبالا"، "والنهود،
 * وكذلك مدني والمناقل"); 0 when no such phrase follows i. */
static size_t besides_after(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	size_t w = i + 1;
	if (w + 1 >= t->n || GM_CUE_ROLE(gm__tok_cue(g, t, w)) != GM_CUE_BESIDES)
		return 0;
	/* (the preposition: إلى، عن، على, folded: a short word that names no
	 * place, or that not-places.tsv and the lexicon say is none) */
	const gm_token *prep = &t->tok[w + 1];
	const gm_gaz_key *pk = gm__gaz_find(g, t->folded + prep->f_off, prep->f_len);
	size_t after = w + 1 + (gm__utf8_count(t->folded + prep->f_off, prep->f_len) <= 3 &&
	                        !(pk && gm__gaz_key_has_place(g, pk) && !GM_GAZ_HAS(pk, GM_NAME_NOT_PLACE)));
	size_t next = after + (after < t->n && GM_CUE_ROLE(gm__tok_cue(g, t, after)) == GM_CUE_TYPE);
	for (size_t x = w; x < next; x++)
		if (next >= t->n || t->tok[x].gap_after == GM_GAP_BREAK || t->tok[x].sentence != t->tok[w].sentence)
			return 0;
	return next;
}

/* Do the words g0..g1 between two names hold the count of the first, as a
 * list that shares something out says it ("محافظات المفرق نحو 620 مواطنًا،
 * ومعان 315 مواطنًا"): one number, at most a word before and after it, and
 * the comma that ends the item right before the next? */
static int count_gap(const gm_tokens *t, size_t g0, size_t g1)
{
	if (g1 - g0 < 1 || g1 - g0 > 3 || t->tok[g1 - 1].gap_after != GM_GAP_BREAK ||
	    t->tok[g1].sentence != t->tok[g0].sentence)
		return 0;
	size_t numbers = 0;
	for (size_t x = g0; x < g1; x++) {
		numbers += t->tok[x].is_number;
		if (x + 1 < g1 && t->tok[x].gap_after == GM_GAP_BREAK)
			return 0;
	}
	return numbers == 1;
}

/* Do the words between matches a and b hold only items of a list: runs of one
 * or two words cut by commas, the last joined by و (شمسطار، الحلانية، سرعين
 * التحتا): villages the gazetteer lacks do not end the list. */
static int list_gap(const gm_gazetteer *g, const gm_tokens *t, const gm_match *m, size_t a, size_t b)
{
	size_t g0 = m[a].tok_last + 1, g1 = m[b].tok_first;
	if (g1 <= g0 || g1 - g0 > 8)
		return 0;
	/* only directions as adverbs between, behind a comma or و ("قصيعر
	 * شرقاً، وغرباً فوة"): the next item */
	int adverbs = 1, joined = gm__utf8_starts(m[b].clitic, "و");
	for (size_t x = g0; x < g1 && adverbs; x++) {
		adverbs = gm__compass_adverb(g, t, x) && t->tok[x].sentence == t->tok[g0].sentence;
		joined |= t->tok[x - 1].gap_after == GM_GAP_BREAK || and_word(t, x);
	}
	if (adverbs)
		return joined;
	if (t->tok[m[a].tok_last].gap_after != GM_GAP_BREAK) {
		/* "باردا وتيرتر وأغدام": items joined by و, one or two the gazetteer
		 * does not know; each a word of its own behind و, as b is */
		if (g1 - g0 > 2 || !gm__utf8_starts(m[b].clitic, "و"))
			return 0;
		for (size_t x = g0; x < g1; x++) {
			const char *w = t->folded + t->tok[x].f_off;
			if (t->tok[x].is_number || t->tok[x].gap_after == GM_GAP_QUOTE ||
			    gm__utf8_count(w, t->tok[x].f_len) < 4 || !and_word(t, x))
				return 0;
		}
		return 1;
	}
	size_t run = 0;
	for (size_t x = g0; x < g1; x++) {
		if (t->tok[x].is_number || ++run > 2)
			return 0;
		if (t->tok[x].gap_after == GM_GAP_BREAK)
			run = 0;
	}
	/* b is the next item: right after the comma, behind its و, or behind
	 * one word of the item that carries the و, in the same sentence and no
	 * event word ("، ومشروع بيت لاهيا"; "، وقصفت إدلب" is a new clause) */
	const gm_token *lead = &t->tok[g1 - run];
	return run == 0 || gm__utf8_starts(m[b].clitic, "و") ||
	       (run == 1 && lead->sentence == t->tok[m[a].tok_last].sentence && and_word(t, g1 - run) &&
	        !gm__event_word(g, t->folded + lead->f_off + strlen("و"), lead->f_len - strlen("و")));
}

/* Whether token i is و and a type word: "مدينة كفرنبل وبلدات حاس وكفرومة",
 * a list going on with a new kind of place. */
static int and_type_word(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	const gm_token *tk = &t->tok[i];
	const size_t cl = strlen("و");
	return and_word(t, i) &&
	       GM_CUE_ROLE(gm__gaz_cue(g, t->folded + tk->f_off + cl, tk->f_len - cl)) == GM_CUE_TYPE;
}

/* "بلدة برنو شمال غربي مدينة كادوقلي": a compass phrase read as a name of
 * its own stands between a name and its parent; the name's link is the
 * phrase's direction, the parent the match after it (gm__parent_of passes
 * over the phrase), with at most the parent's type word between. */
static void link_past_compass(const gm_gazetteer *g, const gm_tokens *t, gm_matches *out)
{
	for (size_t a = 0; a + 2 < out->n; a++) {
		gm_match *x = &out->m[a], *c = &out->m[a + 1], *p = &out->m[a + 2];
		if (c->lexicon != 2 || x->parent_link || x->tok_last + 1 != c->tok_first ||
		    t->tok[x->tok_last].gap_after == GM_GAP_BREAK || t->tok[c->tok_last].gap_after == GM_GAP_BREAK ||
		    p->tok_first > c->tok_last + 2)
			continue;
		if (p->tok_first == c->tok_last + 2) {
			const gm_token *w = &t->tok[c->tok_last + 1];
			if (GM_CUE_ROLE(gm__tok_cue(g, t, c->tok_last + 1)) != GM_CUE_TYPE || w->gap_after == GM_GAP_BREAK)
				continue;
		}
		uint8_t cue = gm__tok_cue(g, t, c->tok_first);
		int cls = GM_CUE_CLASS(cue);
		if (GM_CUE_ROLE(cue) == GM_CUE_PARENT && cls >= GM_PL_NORTH && cls <= GM_PL_WEST)
			x->parent_link = (uint8_t)cls;
	}
}

/* Which matches are next items of a list (gm_match.list_next). */
void gm__link_lists(const gm_gazetteer *g, const gm_tokens *t, gm_matches *out)
{
	link_past_compass(g, t, out);
	for (size_t a = 0; a + 1 < out->n; a++) {
		gm_match *x = &out->m[a], *y = &out->m[a + 1];
		/* (a word of the phrase or the count, إلى، نحو, may be a match of
		 * its own that is no place: it carries the list on too) */
		/* (both phrases are at most four words: the walk stops there, so a
		 * run of blocked words costs no more than its length) */
		size_t b = a + 1;
		while (b < out->n && out->m[b].not_place && out->m[b].tok_first <= x->tok_last + 4)
			b++;
		size_t more = besides_after(g, t, x->tok_last);
		int goes_on = b < out->n && ((more && out->m[b].tok_first == more) ||
		                             (t->tok[x->tok_last].gap_after != GM_GAP_BREAK &&
		                              count_gap(t, x->tok_last + 1, out->m[b].tok_first)));
		if (goes_on) {
			for (size_t c = a; c < b; c++)
				out->m[c].list_next = 2;
			a = b - 1;
			continue;
		}
		if (x->tok_last + 1 == y->tok_first)
			x->list_next = x->parent_link == GM_PL_COMMA || gm__utf8_starts(y->clitic, "و");
		else if (x->tok_last + 2 == y->tok_first && t->tok[x->tok_last].gap_after != GM_GAP_BREAK &&
		         and_type_word(g, t, x->tok_last + 1))
			x->list_next = 1;
		else
			x->list_next = list_gap(g, t, out->m, a, a + 1) ? 2 : 0;
	}
}

/* ----------------------------------------------------------- lists of places */

/* The class of a place word at token i under which places are listed (قرى،
 * بلدات، أحياء، حارات، مناطق; البلدات with the article): a type cue of a
 * populated, neighbourhood or area class; 0 when none. */
static uint8_t listing_class(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	const char *w = t->folded + t->tok[i].f_off;
	size_t n = t->tok[i].f_len, al = strlen("ال");
	uint8_t cue = gm__tok_cue(g, t, i);
	if (!cue && n > al && gm__utf8_starts(w, "ال"))
		cue = gm__cue(g, w + al, n - al);
	int cls = GM_CUE_CLASS(cue);
	if (GM_CUE_ROLE(cue) != GM_CUE_TYPE)
		return 0;
	return cls == GM_TW_POPULATED || cls == GM_TW_NEIGHBOURHOOD || cls == GM_TW_AREA ? (uint8_t)cls : 0;
}

/* Whether a word between the place word and the list cue keeps them one
 * phrase: a cue (قرب، ومزارع), a place's name (باكو), a definite word
 * (الخرطوم، القديمة) but the relative pronouns (التي، الذي: "المدينة التي
 * انسحبت منها" is no list). */
static int within_phrase(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	const char *w = t->folded + t->tok[i].f_off;
	size_t n = t->tok[i].f_len;
	if (t->tok[i].is_number || gm__tok_cue(g, t, i))
		return 1;
	if (gm__utf8_starts(w, "ال") && gm__utf8_count(w, n) >= 5)
		return 1;
	const gm_gaz_key *k = gm__gaz_find(g, w, n);
	return k && gm__gaz_key_has_place(g, k);
}

uint8_t gm__list_opens(const gm_gazetteer *g, const gm_tokens *t, size_t i, char *head, size_t head_cap)
{
	const gm_token *tk = &t->tok[i];
	if (GM_CUE_ROLE(gm__tok_cue(g, t, i)) != GM_CUE_LIST || i + 1 >= t->n ||
	    t->tok[i + 1].sentence != tk->sentence)
		return 0;
	uint8_t cls = 0;
	for (size_t back = 1; back <= GM_LIST_REACH + 1 && back <= i; back++) {
		size_t h = i - back;
		if (t->tok[h].sentence != tk->sentence)
			break;
		uint8_t c = listing_class(g, t, h);
		if (c) {   /* the farthest: "حارات البلدة القديمة، بينها" lists حارات */
			cls = c;
			gm__copy_cut(head, head_cap, t->folded + t->tok[h].f_off, t->tok[h].f_len);
		} else if (!within_phrase(g, t, h)) {
			break;
		}
	}
	return cls;
}

/* The class of the plural or dual type word at token i (cues.tsv, role
 * many; after و too: ومناطق) where the items of a
 * list follow it straight away: a first item right after it that can be a
 * name, then a second behind a comma or و within three words ("قريتي جبالا
 * وأرينبة"، "أحياء الرسالة والأندلس"); 0 when not. "مناطق متفرقة" has no
 * second item, "أحياء سكنية ومنازل" starts with an adjective, "قرى وبلدات"
 * with a conjunction. */
static uint8_t many_opens(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t i)
{
	const gm_token *tk = &t->tok[i];
	const char *w = t->folded + tk->f_off;
	size_t n = tk->f_len;
	if (i + 2 >= t->n || tk->gap_after == GM_GAP_BREAK || t->tok[i + 1].sentence != tk->sentence)
		return 0;
	if (and_word(t, i)) {
		w += strlen("و");
		n -= strlen("و");
	}
	/* (the plural with the article is followed by its adjectives, not by
	 * names: "المناطق الأكثر خطورة"; a list's head is in construct state) */
	uint8_t cls = gm__gaz_cue_many(g, w, n);
	const gm_token *first = &t->tok[i + 1];
	const char *fw = t->folded + first->f_off;
	int first_role = GM_CUE_ROLE(gm__tok_cue(g, t, i + 1));
	if (!cls || first->is_number || and_word(t, i + 1) || gm__event_word(g, fw, first->f_len) ||
	    first_role == GM_CUE_PARENT || first_role == GM_CUE_LIST)
		return 0;   /* "قرى قرب باكو"، "قرى منها": the place or the list comes after */
	/* an adjective of the plural (سكنية، كشميرية، عديدة) is indefinite, and
	 * no place's name (folded: ة is ه) */
	if (!gm__utf8_starts(fw, "ال") &&
	    (gm__nisba_ending(fw, first->f_len) || gm__utf8_has_suffix(fw, first->f_len, "ه"))) {
		const gm_gaz_key *k = gm__gaz_find(g, fw, first->f_len);
		if (!k || !gm__gaz_key_has_place(g, k))
			return 0;
	}
	size_t k = gm__list_item_words_strict(g, text, t, i + 1);
	return k && gm__list_next(text, t, i + 1 + k) != (size_t)-1 ? cls : 0;
}

uint8_t gm__list_opens_many(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t i, char *head,
                            size_t head_cap)
{
	uint8_t cls = many_opens(g, text, t, i);
	if (cls)
		gm__copy_cut(head, head_cap, t->folded + t->tok[i].f_off, t->tok[i].f_len);
	return cls;
}

size_t gm__list_next(const char *text, const gm_tokens *t, size_t e)
{
	if (e == 0 || e >= t->n || t->tok[e].sentence != t->tok[e - 1].sentence || t->tok[e].is_number)
		return (size_t)-1;
	if (gm__comma_between(text, &t->tok[e - 1], &t->tok[e]))
		return e;
	return t->tok[e - 1].gap_after == GM_GAP_JOIN && and_word(t, e) ? e : (size_t)-1;
}

size_t gm__list_item_words(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t i)
{
	const char *w = t->folded + t->tok[i].f_off;
	size_t n = t->tok[i].f_len, skip = and_word(t, i) ? strlen("و") : 0;
	/* a cue word starts an item only with a name after it (وتل رميدة) */
	int cue = gm__tok_cue(g, t, i) != 0;
	if (t->tok[i].is_number || gm__event_word(g, w + skip, n - skip))
		return 0;
	/* two letters start an item only as a known name's first word (تل رفعت) */
	if (gm__utf8_count(w + skip, n - skip) < 3) {
		const gm_gaz_key *k = gm__gaz_find(g, w + skip, n - skip);
		if (!k || k->max_words < 2)
			return 0;
	}
	/* a name of up to three words, up to the next item (حدث بعلبك، سرعين
	 * التحتا، النبي شيت) */
	for (size_t k = 1; k <= 3 && i + k <= t->n; k++) {
		if (gm__list_next(text, t, i + k) != (size_t)-1)
			return cue && k == 1 ? 0 : k;
		if (i + k >= t->n || t->tok[i + k - 1].gap_after != GM_GAP_JOIN || t->tok[i + k].is_number)
			break;
	}
	if (!skip)
		return 0;   /* the last item carries و; any other is followed by the next */
	/* the last: itself, and the definite words after it (وحوش الرافقة.) */
	size_t k = 1;
	while (k < 3 && i + k < t->n && t->tok[i + k - 1].gap_after == GM_GAP_JOIN && !t->tok[i + k].is_number &&
	       !and_word(t, i + k) && gm__utf8_starts(t->folded + t->tok[i + k].f_off, "ال") &&
	       !gm__tok_cue(g, t, i + k))
		k++;
	return cue && k == 1 ? 0 : k;
}

int gm__compass_adverb(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	const char *w = t->folded + t->tok[i].f_off;
	size_t n = t->tok[i].f_len;
	if (and_word(t, i)) {
		w += strlen("و");
		n -= strlen("و");
	}
	if (n <= strlen("ا") || !gm__utf8_has_suffix(w, n, "ا"))
		return 0;
	uint8_t cue = gm__cue(g, w, n - strlen("ا"));
	int cls = GM_CUE_CLASS(cue);
	return GM_CUE_ROLE(cue) == GM_CUE_PARENT && cls >= GM_PL_NORTH && cls <= GM_PL_WEST;
}

size_t gm__list_item_words_strict(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t i)
{
	size_t k = gm__list_item_words(g, text, t, i);
	if (!k || k > 2)
		return 0;
	/* "وقصيعر شرقاً، وغرباً فوة": a direction after the name is no part
	 * of it */
	size_t past = k == 2 && gm__compass_adverb(g, t, i + 1);
	if (past)
		k = 1;
	if (k == 2) {
		const char *w2 = t->folded + t->tok[i + 1].f_off;
		size_t n2 = t->tok[i + 1].f_len;
		/* no name's second word: one with a pronoun on it (جبيل جنوبها), a
		 * preposition (التخزين في), an adjective of a common noun
		 * (التبادل الثقافي; الحي العسكري is a quarter by its type word) */
		if (gm__utf8_has_suffix(w2, n2, "ها") || GM_CUE_ROLE(gm__cue(g, w2, n2)) == GM_CUE_PARENT ||
		    (gm__utf8_starts(w2, "ال") && gm__nisba_ending(w2, n2) && !listing_class(g, t, i)))
			return 0;
	}
	/* it ends the sentence or its clause, or the next item or a parent cue
	 * follows (وجبيل جنوبها: the list ends) */
	size_t e = i + k + past;
	if (e >= t->n || t->tok[e - 1].gap_after == GM_GAP_BREAK || t->tok[e].sentence != t->tok[i].sentence ||
	    gm__list_next(text, t, e) != (size_t)-1)
		return k;
	return GM_CUE_ROLE(gm__tok_cue(g, t, e)) == GM_CUE_PARENT ? k : 0;
}
