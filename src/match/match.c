/* match.c: gazetteer names in text, with Arabic clitics. */
#include "match.h"

#include "error.h"
#include "grow.h"
#include "fold.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t gm__cue(const gm_gazetteer *g, const char *w, size_t len)
{
	uint8_t c = gm__gaz_cue(g, w, len);
	/* one leading و ب ل ف (two bytes each) on a word of three letters or more */
	if (!c && len > 4 &&
	    (!memcmp(w, "و", 2) || !memcmp(w, "ب", 2) || !memcmp(w, "ل", 2) || !memcmp(w, "ف", 2)))
		c = gm__gaz_cue(g, w + 2, len - 2);
	return c;
}

/* Clitic readings of a word, tried in this order after the bare word: fewer
 * letters first, so "ولبنان" is read و+لبنان before ول+بنان. */
enum { STRIP, KEEP_ARTICLE, LAM_ARTICLE };
/* the prefixes with their length in bytes (every letter here is 2 bytes) */
#define CLITIC(s, mode) {s, sizeof s - 1, mode}
static const struct {
	const char *prefix;
	size_t len;
	int mode;
} clitics[] = {
	CLITIC("و", STRIP), CLITIC("ف", STRIP), CLITIC("ب", STRIP),
	/* لموصل for للموصل: one lam for preposition and article (news-dev README);
	 * before ل + موصل, which would find only the untagged alternate */
	CLITIC("ل", LAM_ARTICLE), CLITIC("ل", STRIP),
	CLITIC("لل", LAM_ARTICLE),
	CLITIC("وب", STRIP), CLITIC("ول", STRIP), CLITIC("فب", STRIP), CLITIC("فل", STRIP),
	CLITIC("وال", KEEP_ARTICLE), CLITIC("فال", KEEP_ARTICLE), CLITIC("بال", KEEP_ARTICLE),
	/* ك with the article (كالفاشر "like El Fasher", in lists of towns); ك
	 * alone stays out, below */
	CLITIC("كال", KEEP_ARTICLE),
	CLITIC("ولل", LAM_ARTICLE), CLITIC("فلل", LAM_ARTICLE),
	CLITIC("وبال", KEEP_ARTICLE), CLITIC("فبال", KEEP_ARTICLE),
};
/* ك ("like, as") alone is left out: before a place name it is rare in news,
 * and read as a clitic it turns common words into places (كبيرا -> Beira,
 * كمية -> Mie). With the article (كالفاشر) the name keeps its article and the
 * lexicon's evidence rules guard the common words (كالعادة). */
/* The article alone is never stripped: names that carry it are in the
 * gazetteer with it (العراق، القدس), and stripping it turns nisba adjectives
 * into places (الروسية -> روسيه, the Persian name of Russia). */

/* Byte and code point offsets after skipping `letters` folded code points at
 * the start of text[b0..b1), and any marks that follow them. */
static void skip_letters(const char *text, uint32_t b0, uint32_t b1, uint32_t letters, uint32_t *nb, uint32_t *nc)
{
	const unsigned char *u = (const unsigned char *)text;
	uint32_t i = b0, seen = 0, cps = 0;
	while (i < b1) {
		uint32_t cp, f[4];
		size_t n = gm__utf8_decode(u + i, b1 - i, &cp);
		if (!n)
			n = 1;
		size_t k = gm__fold_cp(cp, f);
		if (seen >= letters && k > 0)
			break;
		seen += (uint32_t)k;
		i += (uint32_t)n;
		cps++;
	}
	*nb = i;
	*nc = cps;
}

size_t gm__readings(const gm_gazetteer *g, const char *w, size_t wlen, gm_reading *v)
{
	/* this runs for every word of every document, twice (places, events):
	 * no strlen, no printf, one count of the word's letters */
	size_t n = 0;
	/* the bare word */
	if (wlen < sizeof v->text) {
		memcpy(v[0].text, w, wlen);
		v[0].len = wlen;
		v[0].strip = 0;
		v[0].clitic[0] = '\0';
		v[0].lam_article = 0;
		v[0].short_rest = 0;
		n = 1;
	}
	size_t letters = 0;
	static const size_t al = sizeof "ال" - 1;
	for (size_t i = 0; i < sizeof clitics / sizeof *clitics && n < GM_MAX_READINGS; i++) {
		size_t pl = clitics[i].len;
		/* the clitic's first letter (two bytes) first: most words start with
		 * none, and a call to memcmp costs more than the test */
		if (wlen <= pl || w[1] != clitics[i].prefix[1] || w[0] != clitics[i].prefix[0] ||
		    memcmp(w, clitics[i].prefix, pl) != 0)
			continue;
		if (!letters)
			letters = gm__utf8_count(w, wlen);
		const char *rest = w + pl;
		size_t rl = wlen - pl;
		uint32_t pcp = (uint32_t)(pl / 2);
		/* a clitic on a two-letter remainder is most often a plain word: kept
		 * only where a longer name starts with it (وتل عرن), checked below */
		int short_rest = letters < pcp + 3;
		gm_reading *x = &v[n];
		if (clitics[i].mode == STRIP) {
			if (rl >= sizeof x->text)
				continue;
			memcpy(x->text, rest, rl);
			x->len = rl;
			x->strip = pcp;
		} else {
			/* both look up الX: وال+X keeps the name's article in the span (cut
			 * 2 letters fewer); لل+X is ل + الX with the alef dropped (1 fewer) */
			if (rl + al >= sizeof x->text)
				continue;
			memcpy(x->text, "ال", al);
			memcpy(x->text + al, rest, rl);
			x->len = rl + al;
			x->strip = pcp - (clitics[i].mode == KEEP_ARTICLE ? 2 : 1);
		}
		/* the clitic as reported: the letters left outside the span */
		size_t shown = pl;
		if (clitics[i].mode == KEEP_ARTICLE)
			shown = pl - al;
		else if (clitics[i].mode == LAM_ARTICLE)
			shown = pl - 2;
		memcpy(x->clitic, clitics[i].prefix, shown);
		x->clitic[shown] = '\0';
		x->lam_article = clitics[i].mode == LAM_ARTICLE && pl == sizeof "ل" - 1;
		x->short_rest = (uint8_t)short_rest;
		/* the same reading twice (وال STRIP after و STRIP of القدس, ...) is tried once */
		int dup = 0;
		for (size_t j = 0; j < n; j++)
			if (v[j].len == x->len && memcmp(v[j].text, x->text, x->len) == 0)
				dup = 1;
		if (!dup)
			n++;
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		const gm_gaz_key *k = gm__gaz_find(g, v[i].text, v[i].len);
		v[i].key = k;
		v[i].max_words = k ? (k->max_words ? k->max_words : 1) : 0;
		if (v[i].short_rest && v[i].max_words < 2)
			continue;
		if (kept != i)
			v[kept] = v[i];
		kept++;
	}
	return kept;
}

const gm_gaz_key *gm__reading_key(const gm_gazetteer *g, const gm_tokens *t, const gm_reading *r, size_t i,
                                  uint32_t n, char *key, size_t cap)
{
	if (n == 1)
		return r->key;   /* looked up with the reading */
	size_t kl = gm__join_key(t, r, i, n, key, cap);
	return kl ? gm__gaz_find(g, key, kl) : NULL;
}

size_t gm__join_key(const gm_tokens *t, const gm_reading *r, size_t i, uint32_t n, char *key, size_t cap)
{
	size_t kl = r->len;
	if (kl >= cap)
		return 0;
	memcpy(key, r->text, kl);
	for (uint32_t x = 1; x < n; x++) {
		const gm_token *nt = &t->tok[i + x];
		if (kl + 1 + nt->f_len >= cap)
			return 0;
		key[kl++] = ' ';
		memcpy(key + kl, t->folded + nt->f_off, nt->f_len);
		kl += nt->f_len;
	}
	return kl;
}

/* Does folded w end like a nisba adjective (ـي، ـية, folded ي / يه)? */
static int nisba_ending(const char *w, size_t len)
{
	return (len >= 4 && !memcmp(w + len - 4, "يه", 4)) || (len >= 2 && !memcmp(w + len - 2, "ي", 2));
}

/* Whether the text between two tokens holds a comma (، or ,). */
static int comma_between(const char *text, const gm_token *a, const gm_token *b)
{
	for (uint32_t i = a->b1; i < b->b0; i++) {
		if (text[i] == ',')
			return 1;
		if (i + 1 < b->b0 && !memcmp(text + i, "،", 2))
			return 1;
	}
	return 0;
}

/* What the words around a match say about it: the type word, organisation
 * head or title before it, a patronym after it, and adjective agreement. */
/* s[0..n) into dst (cap bytes), cut where it does not fit, NUL-terminated:
 * snprintf's "%.*s" without its cost (every match copies its clitic). */
static void copy_cut(char *dst, size_t cap, const char *s, size_t n)
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
	return tk->f_len > 6 && tk->b1 - tk->b0 >= 4 && !memcmp(text + tk->b0, "ال", 4);
}

static int after_office(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t first)
{
	size_t k = first;   /* the token after the words walked back over */
	if (k > 0 && t->tok[k - 1].gap_after == GM_GAP_JOIN && !definite_word(text, t, k - 1)) {
		const gm_token *pt = &t->tok[k - 1];
		const char *w = t->folded + pt->f_off;
		if (gm__cue(g, w, pt->f_len) || gm__utf8_count(w, pt->f_len) < 4)
			return 0;
		k--;   /* the given name */
	}
	for (int defs = 0; k > 0 && t->tok[k - 1].gap_after == GM_GAP_JOIN; defs++, k--) {
		const gm_token *pt = &t->tok[k - 1];
		if (GM_CUE_ROLE(gm__cue(g, t->folded + pt->f_off, pt->f_len)) == GM_CUE_OFFICE)
			return defs > 0;
		if (defs == 2 || !definite_word(text, t, k - 1))
			return 0;
	}
	return 0;
}

static void read_neighbours(const gm_gazetteer *g, const char *text, const gm_tokens *t, gm_match *m,
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
		uint8_t cue = gm__cue(g, pw, pt->f_len);
		int role = GM_CUE_ROLE(cue);
		if (role == GM_CUE_TYPE || role == GM_CUE_ORG || role == GM_CUE_TITLE)
			copy_cut(m->type_word, sizeof m->type_word, pw, strlen(pw));
		if (role == GM_CUE_TYPE)
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
		         gm__utf8_count(pw, pt->f_len) >= 5 && !memcmp(pw, "ال", 4)) {
			/* "الكنيسة الغربية": a definite noun, then a definite nisba that
			 * agrees with it, is an adjective, not the province Gharbia (a noun
			 * of three letters or more after the article: إلى folds to الي) */
			const char *w = t->folded + first->f_off;
			if (m->tok_first == m->tok_last && first->f_len > 4 && !memcmp(w, "ال", 4) &&
			    nisba_ending(w, first->f_len))
				m->blocked = GM_BLOCK_ADJECTIVE;
		}
	}
	if (m->tok_last + 1 < t->n && last->gap_after != GM_GAP_BREAK) {
		const gm_token *nt = &t->tok[m->tok_last + 1];
		uint8_t cue = gm__cue(g, t->folded + nt->f_off, nt->f_len);
		if (GM_CUE_ROLE(cue) == GM_CUE_PATRONYM && !m->blocked)
			m->blocked = GM_BLOCK_PATRONYM;
		else if (GM_CUE_ROLE(cue) == GM_CUE_MEDIA && !m->blocked)
			m->blocked = GM_BLOCK_ORG;
	}
}

/* The link from match a to the next match b, when the words between them make
 * b a's parent: "X في Y", "X بY", "X، Y", "X شمال Y", "X بالقرب من Y". */
static uint8_t parent_link(const gm_gazetteer *g, const char *text, const gm_tokens *t, const gm_match *a,
                           const gm_match *b)
{
	uint32_t gap = b->tok_first - a->tok_last - 1;
	const gm_token *la = &t->tok[a->tok_last];
	if (gap == 0) {
		if (!strcmp(b->clitic, "ب") && la->gap_after != GM_GAP_BREAK)
			return GM_PL_IN;
		if (comma_between(text, la, &t->tok[b->tok_first]))
			return GM_PL_COMMA;
		return GM_PL_NONE;
	}
	if (gap > 2 || la->gap_after == GM_GAP_BREAK)
		return GM_PL_NONE;
	const gm_token *w = &t->tok[a->tok_last + 1];
	uint8_t cue = gm__cue(g, t->folded + w->f_off, w->f_len);
	if (GM_CUE_ROLE(cue) != GM_CUE_PARENT || GM_CUE_CLASS(cue) == GM_PL_HINTERLAND)
		return GM_PL_NONE;
	if (gap == 2) {
		/* "بالقرب من Y", "شمال غرب Y" */
		const gm_token *w2 = &t->tok[a->tok_last + 2];
		const char *x = t->folded + w2->f_off;
		uint8_t cue2 = gm__cue(g, x, w2->f_len);
		if (!(w2->f_len == 4 && !memcmp(x, "من", 4)) && GM_CUE_ROLE(cue2) != GM_CUE_PARENT)
			return GM_PL_NONE;
		if (w->gap_after == GM_GAP_BREAK)
			return GM_PL_NONE;
	}
	return GM_CUE_CLASS(cue);
}

static gm_match *push_match(gm_matches *out, gm_error *err)
{
	if (GM__GROW(out->m, out->cap, out->n + 1)) {
		gm__fail(err, GM_ENOMEM, "out of memory matching");
		return NULL;
	}
	gm_match *m = &out->m[out->n++];
	memset(m, 0, sizeof *m);
	return m;
}

/* Record the match of tokens i..i+n-1 to key k, read as variant v (its
 * clitic), and what its neighbours say of it. */
static int record_match(const gm_gazetteer *g, const char *text, const gm_tokens *t, gm_matches *out, size_t i,
                        uint32_t n, const gm_gaz_key *k, const gm_reading *v, int how, size_t prev_end,
                        gm_error *err)
{
	const gm_token *tk = &t->tok[i];
	gm_match *m = push_match(out, err);
	if (!m)
		return GM_ENOMEM;
	m->tok_first = (uint32_t)i;
	m->tok_last = (uint32_t)(i + n - 1);
	m->key = k;
	m->variant = (uint8_t)how;   /* enum gm_match_variant */
	copy_cut(m->clitic, sizeof m->clitic, v->clitic, strlen(v->clitic));
	uint32_t nb = tk->b0, nc = 0;
	if (v->strip)
		skip_letters(text, tk->b0, tk->b1, v->strip, &nb, &nc);
	m->b0 = nb;
	m->c0 = tk->c0 + nc;
	m->b1 = t->tok[m->tok_last].b1;
	m->c1 = t->tok[m->tok_last].c1;
	/* a reviewed not-place reading wins over place readings of the same words */
	const gm_gaz_posting *p = &g->postings[k->post_start];
	int common_word = 0;
	for (uint32_t x = 0; x < k->post_count; x++)
		if (p[x].kind == GM_NAME_NOT_PLACE) {
			/* a word the Arabic lexicon knows is not blocked: it needs evidence (resolve.c) */
			if (p[x].note == GM_NP_LEXICON_WORD || p[x].note == GM_NP_COMPASS) {
				m->lexicon = p[x].note == GM_NP_COMPASS ? 2 : 1;
				continue;
			}
			if (gm__gaz_soft_block(&p[x]))
				continue;
			m->blocked = GM_BLOCK_PHRASE;
			common_word = !strcmp(gm__gaz_not_place_kind(p[x].note), "common word");
		}
	/* the adjective rule looks past a word that is a blocked phrase, not a
	 * place (الداخلية السعودية: the Saudi interior ministry) */
	read_neighbours(g, text, t, m, out->n > 1 && out->m[out->n - 2].not_place ? (size_t)-1 : prev_end);
	/* tanween (روسيّاً، دولياً) marks an indefinite noun or adjective: a name
	 * takes none, so the word is not the place its letters spell */
	for (uint32_t b = m->b0; b + 1 < m->b1 && !m->blocked; b++)
		if ((unsigned char)text[b] == 0xD9 && (unsigned char)text[b + 1] >= 0x8B && (unsigned char)text[b + 1] <= 0x8D)
			m->blocked = GM_BLOCK_ADJECTIVE;
	/* a common word after a type word that fits it is the place again:
	 * "مدينة العمارة" is Amarah, "العمارة" architecture */
	if (m->blocked == GM_BLOCK_PHRASE && common_word && m->type_class > GM_TW_AREA)
		m->blocked = GM_BLOCK_NONE;
	m->not_place = m->blocked != GM_BLOCK_NONE;
	/* "أوروبا الغربية"، "آسيا الوسطى": a definite nisba right after a place
	 * name is that place's adjective, not the province Gharbia */
	if (out->n > 1 && !m->blocked && !m->clitic[0] && m->tok_first == m->tok_last) {
		const gm_match *pm = &out->m[out->n - 2];
		const char *w = t->folded + tk->f_off;
		if (!pm->not_place && pm->tok_last + 1 == m->tok_first && t->tok[pm->tok_last].gap_after == GM_GAP_JOIN &&
		    tk->f_len > 4 && !memcmp(w, "ال", 4) && nisba_ending(w, tk->f_len))
			m->blocked = GM_BLOCK_ADJECTIVE, m->not_place = 1;
	}
	if (out->n > 1)
		out->m[out->n - 2].parent_link = parent_link(g, text, t, &out->m[out->n - 2], m);
	return GM_OK;
}

/* Does folded w end like an Arabic noun or adjective (ـة، ـات، ـية، ـون)?
 * Foreign place names reach Arabic with ا for a final a (أفدييفكا), so these
 * endings mark a native word that a village's skeleton meets by chance. */
static int native_ending(const char *w, size_t len)
{
	static const char *const endings[] = {"ه", "ات", "ون", "يه"};
	for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
		size_t n = strlen(endings[i]);
		if (len > n && !memcmp(w + len - n, endings[i], n))
			return 1;
	}
	return 0;
}

/* How many consonant classes a Latin skeleton needs where word i stands:
 * 3 after a type word of a settlement (قرية، بلدة، مدينة), 5 after a parent
 * cue (في، قرب، شمال), 0 elsewhere (then only the clitic ب opens the gate,
 * see latin_need): common Arabic words meet some village's skeleton too
 * often (measured on AQMAR with consonants only and a gate of 4 after في:
 * 40 false alarms for 4 hits). */
static size_t latin_position(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	if (i == 0 || t->tok[i - 1].gap_after == GM_GAP_BREAK)
		return 0;
	const gm_token *pt = &t->tok[i - 1];
	uint8_t cue = gm__cue(g, t->folded + pt->f_off, pt->f_len);
	int role = GM_CUE_ROLE(cue), cls = GM_CUE_CLASS(cue);
	if (role == GM_CUE_TYPE && cls == GM_TW_POPULATED)
		return GM_LATIN_MIN_LETTERS;
	if (role == GM_CUE_PARENT)
		return GM_LATIN_MIN_LETTERS + 2;
	return 0;
}

/* The gate for one reading of the word: its position, or the clitic ب; never
 * a native ending. */
static size_t latin_need(size_t position, const gm_reading *v)
{
	if (native_ending(v->text, v->len))
		return 0;
	if (position)
		return position;
	if (!strcmp(v->clitic, "ب") || !strcmp(v->clitic, "وب"))
		return GM_LATIN_MIN_LETTERS + 2;
	return 0;
}

/* Is the bare word a word of its own that a clitic reading would cut into a
 * name (لغات "languages" is not ل + Ghat, بسيطة "simple" not ب + Saytah)?
 * common-words.tsv lists them, from the Arabic lexicon. */
static int whole_word(const gm_gazetteer *g, const gm_gaz_key *k)
{
	if (!k)
		return 0;
	const gm_gaz_posting *p = &g->postings[k->post_start];
	for (uint32_t x = 0; x < k->post_count; x++)
		if (p[x].kind == GM_NAME_NOT_PLACE && p[x].note == GM_NP_WHOLE_WORD)
			return 1;
	return 0;
}

int gm__listed_together(const gm_match *m, size_t a) { return m[a].list_next != 0; }

/* Do the words between matches a and b hold only items of a list: runs of one
 * or two words cut by commas, the last joined by و (شمسطار، الحلانية، سرعين
 * التحتا): villages the gazetteer lacks do not end the list. */
static int list_gap(const gm_tokens *t, const gm_match *m, size_t a, size_t b)
{
	size_t g0 = m[a].tok_last + 1, g1 = m[b].tok_first;
	if (g1 <= g0 || g1 - g0 > 8)
		return 0;
	if (t->tok[m[a].tok_last].gap_after != GM_GAP_BREAK) {
		/* "باردا وتيرتر وأغدام": items joined by و, one or two the gazetteer
		 * does not know; each a word of its own behind و, as b is */
		if (g1 - g0 > 2 || strncmp(m[b].clitic, "و", strlen("و")) != 0)
			return 0;
		for (size_t x = g0; x < g1; x++) {
			const char *w = t->folded + t->tok[x].f_off;
			if (t->tok[x].is_number || t->tok[x].gap_after == GM_GAP_QUOTE ||
			    gm__utf8_count(w, t->tok[x].f_len) < 4 || strncmp(w, "و", strlen("و")) != 0)
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
	return run == 0 || !strncmp(m[b].clitic, "و", strlen("و"));
}

/* Whether token i is و and a type word: "مدينة كفرنبل وبلدات حاس وكفرومة",
 * a list going on with a new kind of place. */
static int and_type_word(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	const gm_token *tk = &t->tok[i];
	const char *w = t->folded + tk->f_off;
	return tk->f_len > 4 && !memcmp(w, "و", 2) && GM_CUE_ROLE(gm__gaz_cue(g, w + 2, tk->f_len - 2)) == GM_CUE_TYPE;
}

/* Which matches are next items of a list (gm_match.list_next). */
static void link_lists(const gm_gazetteer *g, const gm_tokens *t, gm_matches *out)
{
	for (size_t a = 0; a + 1 < out->n; a++) {
		gm_match *x = &out->m[a], *y = &out->m[a + 1];
		if (x->tok_last + 1 == y->tok_first)
			x->list_next = x->parent_link == GM_PL_COMMA || !strncmp(y->clitic, "و", strlen("و"));
		else if (x->tok_last + 2 == y->tok_first && t->tok[x->tok_last].gap_after != GM_GAP_BREAK &&
		         and_type_word(g, t, x->tok_last + 1))
			x->list_next = 1;
		else
			x->list_next = list_gap(t, out->m, a, a + 1) ? 2 : 0;
	}
}

int gm__event_word(const gm_gazetteer *g, const char *w, size_t len)
{
	static const size_t al = sizeof "ال" - 1;
	const gm_gaz_key *k = gm__gaz_find(g, w, len);
	if (k && gm__gaz_trigger(g, k))
		return 1;
	k = len > al && !memcmp(w, "ال", al) ? gm__gaz_find(g, w + al, len - al) : NULL;
	return k && gm__gaz_trigger(g, k);
}

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
	const gm_token *before = &t->tok[i - 1], *tk = &t->tok[i];
	uint8_t cue = gm__cue(g, t->folded + before->f_off, before->f_len);
	const char *w = t->folded + tk->f_off;
	return GM_CUE_CLASS(cue) == GM_TW_NEIGHBOURHOOD && GM_CUE_ROLE(cue) == GM_CUE_TYPE && tk->f_len > 4 &&
	       !memcmp(w, "ال", 4) && gm__utf8_count(w, tk->f_len) >= 6 &&
	       !(v0 && v0->key && gm__gaz_key_has_place(g, v0->key)) && !gm__event_word(g, w, tk->f_len);
}

int gm__match(const gm_gazetteer *g, gm_translit *tr, const char *text, const gm_tokens *t, gm_matches *out,
              gm_error *err)
{
	out->n = 0;
	gm_reading v[GM_MAX_READINGS];
	char key[1024];
	size_t prev_end = (size_t)-1;   /* the token after the last match */
	for (size_t i = 0; i < t->n;) {
		const gm_token *tk = &t->tok[i];
		const char *w = t->folded + tk->f_off;
		if (tk->is_number) {
			i++;
			continue;
		}
		/* a cue word (مدينة، منتخب، في ...) names no place by itself: a name
		 * that starts with it must be longer (جبل طارق، جنوب أفريقيا) */
		uint32_t min_words = gm__cue(g, w, tk->f_len) ? 2 : 1;
		/* how many words after i are joinable */
		uint32_t run = 1;
		while (i + run < t->n && run < GM_GAZ_MAX_WORDS && t->tok[i + run - 1].gap_after == GM_GAP_JOIN &&
		       !t->tok[i + run].is_number)
			run++;
		size_t nv = gm__readings(g, w, tk->f_len, v);
		/* a word of its own is not cut into clitic + one-word name; a longer
		 * name may still start behind the clitic (وتل عرن) */
		int whole = nv > 1 && whole_word(g, v[0].key);
		uint32_t top = 0;
		for (size_t j = 0; j < nv; j++)
			if (v[j].max_words > top)
				top = v[j].max_words;
		if (top > run)
			top = run;
		int found = 0;
		for (uint32_t n = top; n >= min_words && !found; n--) {
			for (size_t j = 0; j < nv && !found; j++) {
				if (v[j].max_words < n || (whole && j > 0 && n == 1))
					continue;
				const gm_gaz_key *k = gm__reading_key(g, t, &v[j], i, n, key, sizeof key);
				if (!k)
					continue;
				/* a demonym wins over untagged look-alikes; a reviewed name over it */
				uint32_t dem = n == 1 ? gm__gaz_demonym_of(g, k) : GM_GAZ_NO_PLACE;
				if (dem == GM_GAZ_NO_PLACE && !gm__gaz_key_has_place(g, k))
					continue;
				/* لسورية is "to Syria", not ل + the adjective السورية */
				if (dem != GM_GAZ_NO_PLACE && v[j].lam_article)
					continue;
				found = 1;
				if (record_match(g, text, t, out, i, n, k, &v[j], GM_MATCH_NAME, prev_end, err))
					return GM_ENOMEM;
				if (dem != GM_GAZ_NO_PLACE) {
					gm_match *m = &out->m[out->n - 1];
					m->blocked = GM_BLOCK_DEMONYM;
					m->not_place = 1;
					m->demonym_of = dem;
				}
				i += n;
				prev_end = i;
			}
		}
		/* no name: a spelling variant of a known one (الدانمارك for الدنمارك,
		 * الأوروجواي for الأوروغواي), by skeleton, one word, five letters or more */
		for (size_t j = 0; j < nv && !found && min_words == 1; j++) {
			char skel[512];
			if (whole && j > 0)
				continue;
			if (gm__utf8_count(v[j].text, v[j].len) < 5 || !gm__skeleton(v[j].text, v[j].len, skel, sizeof skel))
				continue;
			const gm_gaz_key *k = gm__gaz_find(g, skel, strlen(skel));
			if (!k || !gm__gaz_key_has_place(g, k))
				continue;
			found = 1;
			if (record_match(g, text, t, out, i, 1, k, &v[j], GM_MATCH_SKELETON, prev_end, err))
				return GM_ENOMEM;
			i++;
			prev_end = i;
		}
		/* no Arabic name at all: a place known only by Latin names, where the
		 * words before say a place follows; never a word with the article
		 * (foreign village names do not take it) */
		size_t position = !found && min_words == 1 && tr ? latin_position(g, t, i) : 0;
		for (size_t j = 0; j < nv && !found && min_words == 1 && tr; j++) {
			if (whole && j > 0)
				continue;
			size_t need = latin_need(position, &v[j]);
			if (!need || gm__utf8_count(v[j].text, v[j].len) < 4 || !strncmp(v[j].text, "ال", strlen("ال")))
				continue;
			char lk[256];
			size_t kl = gm__translit_key(tr, v[j].text, v[j].len, need, lk, sizeof lk);
			if (!kl)
				continue;
			const gm_gaz_key *k = gm__gaz_find(g, lk, kl);
			/* Arabic may leave out a short vowel (آسكران, Askeran): put one
			 * back between two consonants, one place at a time */
			for (size_t p = 2; (!k || !gm__gaz_key_has_place(g, k)) && p < kl && kl + 1 < sizeof lk; p++) {
				if (lk[p - 1] == 'a' || lk[p] == 'a')
					continue;
				char alt[256];
				memcpy(alt, lk, p);
				alt[p] = 'a';
				memcpy(alt + p + 1, lk + p, kl - p);
				k = gm__gaz_find(g, alt, kl + 1);
			}
			if (!k || !gm__gaz_key_has_place(g, k))
				continue;
			found = 1;
			if (record_match(g, text, t, out, i, 1, k, &v[j], GM_MATCH_LATIN, prev_end, err))
				return GM_ENOMEM;
			i++;
			prev_end = i;
		}
		/* no name at all after a neighbourhood word: a quarter or camp the
		 * gazetteer lacks */
		if (!found && min_words == 1 && unlisted_quarter(g, t, i, nv ? &v[0] : NULL)) {
			gm_match *m = push_match(out, err);
			if (!m)
				return GM_ENOMEM;
			m->tok_first = m->tok_last = (uint32_t)i;
			m->b0 = tk->b0;
			m->b1 = tk->b1;
			m->c0 = tk->c0;
			m->c1 = tk->c1;
			m->quarter = 1;
			m->type_class = GM_TW_NEIGHBOURHOOD;
			copy_cut(m->type_word, sizeof m->type_word, t->folded + t->tok[i - 1].f_off, t->tok[i - 1].f_len);
			if (out->n > 1)
				out->m[out->n - 2].parent_link = parent_link(g, text, t, &out->m[out->n - 2], m);
			found = 1;
			i++;
			prev_end = i;
		}
		if (!found)
			i++;
	}
	link_lists(g, t, out);
	return GM_OK;
}

void gm__matches_free(gm_matches *m)
{
	free(m->m);
	memset(m, 0, sizeof *m);
}
