/* neighbours.c: what the words around a match say of it (match.h): the type
 * word, organisation head or title before it, an office holder's name, a
 * patronym or nisba after it, and its parent ("X في Y"); lists.c the lists it
 * stands in. */
#include "match.h"

#include "utf8.h"

#include <string.h>

/* Does folded w end like a nisba adjective (ـي، ـية, folded ي / يه)? */
int gm__nisba_ending(const char *w, size_t len)
{
	return gm__utf8_has_suffix(w, len, "يه") || gm__utf8_has_suffix(w, len, "ي");
}

int gm__comma_between(const char *text, const gm_token *a, const gm_token *b)
{
	for (uint32_t i = a->b1; i < b->b0; i++) {
		if (text[i] == ',')
			return 1;
		if (i + 1 < b->b0 && gm__utf8_starts(text + i, "،"))
			return 1;
	}
	return 0;
}

/* s[0..n) into dst (cap bytes), cut where it does not fit, NUL-terminated:
 * snprintf's "%.*s" without its cost (every match copies its clitic). */
void gm__copy_cut(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* "الرئيس السوري بشار الأسد"، "وزير الدفاع خالد العبيدي"، "نظيره التركي
 * هاكان فيدان": an office (cues.tsv, office), one or two definite words (its
 * ministry, its adjective), then at most one name of four letters or more
 * (the given name) before the match: the match is the holder's name, not a
 * place. A preposition between ("السفير الروسي في بيروت") is no name, and an
 * office right before a place ("محافظ حلب") leaves it a place. */
/* The article as written: a bare alef and lam (folding makes ألكسندر and
 * إلهام look like it), three letters after it at least. */
static int definite_word(const char *text, const gm_tokens *t, size_t i)
{
	const gm_token *tk = &t->tok[i];
	return tk->f_len > 6 && tk->b1 - tk->b0 >= 4 && gm__utf8_starts(text + tk->b0, "ال");
}

static int after_office(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t first)
{
	size_t k = first;   /* the token after the words walked back over */
	if (k > 0 && t->tok[k - 1].gap_after == GM_GAP_JOIN && !definite_word(text, t, k - 1)) {
		const gm_token *pt = &t->tok[k - 1];
		const char *w = t->folded + pt->f_off;
		if (gm__tok_cue(g, t, k - 1) || gm__utf8_count(w, pt->f_len) < 4)
			return 0;
		k--;   /* the given name */
	}
	for (int defs = 0; k > 0 && t->tok[k - 1].gap_after == GM_GAP_JOIN; defs++, k--) {
		if (GM_CUE_ROLE(gm__tok_cue(g, t, k - 1)) == GM_CUE_OFFICE)
			return defs > 0;
		if (defs == 2 || !definite_word(text, t, k - 1))
			return 0;
	}
	return 0;
}

/* What the words around a match say about it: the type word, organisation
 * head or title before it, a patronym after it, and adjective agreement. */
void gm__read_neighbours(const gm_gazetteer *g, const char *text, const gm_tokens *t, gm_match *m,
                         size_t prev_match_end)
{
	/* (a name behind a preposition, لإيران، بحلب, is no holder's name) */
	if (!m->clitic[0] && after_office(g, text, t, m->tok_first)) {
		m->blocked = GM_BLOCK_TITLE;
		return;
	}
	const gm_token *first = &t->tok[m->tok_first], *last = &t->tok[m->tok_last];
	if (m->tok_first > 0 && t->tok[m->tok_first - 1].gap_after != GM_GAP_BREAK) {
		const gm_token *pt = &t->tok[m->tok_first - 1];
		const char *pw = t->folded + pt->f_off;
		uint8_t cue = gm__tok_cue(g, t, m->tok_first - 1);
		int role = GM_CUE_ROLE(cue);
		if (role == GM_CUE_TYPE || role == GM_CUE_PEOPLE || role == GM_CUE_ORG || role == GM_CUE_TITLE)
			gm__copy_cut(m->type_word, sizeof m->type_word, pw, pt->f_len);
		if (role == GM_CUE_TYPE || role == GM_CUE_PEOPLE)
			m->type_class = GM_CUE_CLASS(cue);
		else if (role == GM_CUE_PARENT && GM_CUE_CLASS(cue) == GM_PL_HINTERLAND)
			m->hinterland = 1;
		else if (role == GM_CUE_ORG)
			m->blocked = GM_BLOCK_ORG;
		else if (role == GM_CUE_TITLE)
			m->blocked = GM_BLOCK_TITLE;
		else if (role == GM_CUE_PATRONYM && !m->clitic[0])
			m->blocked = GM_BLOCK_PATRONYM;   /* "عثمان بن عفان": the father's name (a town
			                                     named so, بنت جبيل، بن قردان, is one key;
			                                     a name behind a clitic, بن ببغداد, is none) */
		else if (!cue && !m->clitic[0] && m->tok_first != prev_match_end &&
		         gm__utf8_count(pw, pt->f_len) >= 5 && gm__utf8_starts(pw, "ال")) {
			/* "الكنيسة الغربية": a definite noun, then a definite nisba that
			 * agrees with it, is an adjective, not the province Gharbia (a noun
			 * of three letters or more after the article: إلى folds to الي) */
			const char *w = t->folded + first->f_off;
			if (m->tok_first == m->tok_last && first->f_len > 4 && gm__utf8_starts(w, "ال") &&
			    gm__nisba_ending(w, first->f_len))
				m->blocked = GM_BLOCK_ADJECTIVE;
		}
	}
	if (m->tok_last + 1 < t->n && last->gap_after != GM_GAP_BREAK) {
		uint8_t cue = gm__tok_cue(g, t, m->tok_last + 1);
		if (GM_CUE_ROLE(cue) == GM_CUE_PATRONYM && !m->blocked)
			m->blocked = GM_BLOCK_PATRONYM;
		else if (GM_CUE_ROLE(cue) == GM_CUE_MEDIA && !m->blocked)
			m->blocked = GM_BLOCK_ORG;
	}
}

/* The link from match a to the next match b, when the words between them make
 * b a's parent: "X في Y", "X بY", "X، Y", "X شمال Y", "X بالقرب من Y". */
uint8_t gm__parent_link(const gm_gazetteer *g, const char *text, const gm_tokens *t, const gm_match *a,
                        const gm_match *b)
{
	uint32_t gap = b->tok_first - a->tok_last - 1;
	const gm_token *la = &t->tok[a->tok_last];
	/* the parent's own type word is no part of the link: "شمال غربي مدينة
	 * كادوقلي" links as "شمال غربي كادوقلي" */
	if (gap >= 2) {
		const gm_token *last = &t->tok[b->tok_first - 1];
		if (GM_CUE_ROLE(gm__tok_cue(g, t, b->tok_first - 1)) == GM_CUE_TYPE &&
		    last->gap_after != GM_GAP_BREAK)
			gap--;
	}
	if (gap == 0) {
		if (!strcmp(b->clitic, "ب") && la->gap_after != GM_GAP_BREAK)
			return GM_PL_IN;
		/* "حلب، سوريا" names the parent; "بيت لاهيا، وبيت حانون" lists a
		 * sibling: a comma and then و is a list's */
		if (gm__comma_between(text, la, &t->tok[b->tok_first]) && strcmp(b->clitic, "و") != 0)
			return GM_PL_COMMA;
		return GM_PL_NONE;
	}
	if (gap > 2 || la->gap_after == GM_GAP_BREAK)
		return GM_PL_NONE;
	const gm_token *w = &t->tok[a->tok_last + 1];
	/* "البلدة القديمة بمدينة الخليل": ب on the parent's type word is في */
	const char *ww = t->folded + w->f_off;
	if (gap == 1 && w->f_len > strlen("ب") && gm__utf8_starts(ww, "ب") && w->gap_after != GM_GAP_BREAK &&
	    GM_CUE_ROLE(gm__gaz_cue(g, ww + strlen("ب"), w->f_len - strlen("ب"))) == GM_CUE_TYPE)
		return GM_PL_IN;
	uint8_t cue = gm__tok_cue(g, t, a->tok_last + 1);
	if (GM_CUE_ROLE(cue) != GM_CUE_PARENT || GM_CUE_CLASS(cue) == GM_PL_HINTERLAND)
		return GM_PL_NONE;
	if (gap == 2) {
		/* "بالقرب من Y", "شمال غرب Y" */
		const gm_token *w2 = &t->tok[a->tok_last + 2];
		const char *x = t->folded + w2->f_off;
		uint8_t cue2 = gm__tok_cue(g, t, a->tok_last + 2);
		if (!(w2->f_len == strlen("من") && gm__utf8_starts(x, "من")) && GM_CUE_ROLE(cue2) != GM_CUE_PARENT)
			return GM_PL_NONE;
		if (w->gap_after == GM_GAP_BREAK)
			return GM_PL_NONE;
	}
	return GM_CUE_CLASS(cue);
}
