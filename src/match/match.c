/* match.c: gazetteer names in text, with Arabic clitics. */
#include "matcher.h"

#include "error.h"
#include "grow.h"
#include "fold.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Record the match of tokens i..i+n-1 to key k, read as variant v (its
 * clitic), and what its neighbours say of it. */
static int record_match(const gm_gazetteer *g, const char *text, const gm_tokens *t, gm_matches *out, size_t i,
                        uint32_t n, const gm_gaz_key *k, const gm_reading *v, int how, size_t prev_end,
                        gm_error *err)
{
	const gm_token *tk = &t->tok[i];
	gm_match *m = gm__push_match(out, err);
	if (!m)
		return GM_ENOMEM;
	m->tok_first = (uint32_t)i;
	m->tok_last = (uint32_t)(i + n - 1);
	m->key = k;
	m->variant = (uint8_t)how;   /* enum gm_match_variant */
	gm__copy_cut(m->clitic, sizeof m->clitic, v->clitic, strlen(v->clitic));
	uint32_t nb = tk->b0, nc = 0;
	if (v->strip)
		gm__skip_letters(text, tk->b0, tk->b1, v->strip, &nb, &nc);
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
	gm__read_neighbours(g, text, t, m, out->n > 1 && out->m[out->n - 2].not_place ? (size_t)-1 : prev_end);
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
		    tk->f_len > 4 && gm__utf8_starts(w, "ال") && gm__nisba_ending(w, tk->f_len))
			m->blocked = GM_BLOCK_ADJECTIVE, m->not_place = 1;
	}
	if (out->n > 1)
		out->m[out->n - 2].parent_link = gm__parent_link(g, text, t, &out->m[out->n - 2], m);
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

/* Whether token i stands alone between quotes (“زابوريزهزيا”، «باخموت»,
 * "X"): news quotes a foreign name it transcribes letter by letter. */
static int quoted_alone(const char *text, const gm_tokens *t, size_t i)
{
	const gm_token *tk = &t->tok[i];
	size_t from = i ? t->tok[i - 1].b1 : 0, to = i + 1 < t->n ? t->tok[i + 1].b0 : tk->b1 + 4;
	const unsigned char *u = (const unsigned char *)text;
	int open = tk->b0 > from && (u[tk->b0 - 1] == '"' ||
	                             (tk->b0 >= from + 2 && u[tk->b0 - 2] == 0xC2 && u[tk->b0 - 1] == 0xAB) ||
	                             (tk->b0 >= from + 3 && u[tk->b0 - 3] == 0xE2 && u[tk->b0 - 2] == 0x80 && u[tk->b0 - 1] == 0x9C));
	int close = to > tk->b1 && (u[tk->b1] == '"' || (u[tk->b1] == 0xC2 && u[tk->b1 + 1] == 0xBB) ||
	                            (u[tk->b1] == 0xE2 && u[tk->b1 + 1] == 0x80 && u[tk->b1 + 2] == 0x9D));
	return open && close;
}

/* How many consonant classes a Latin skeleton needs where word i stands:
 * 3 after a type word of a settlement (قرية، بلدة، مدينة), 4 for a word
 * alone in quotes, 5 after a parent cue (في، قرب، شمال), 0 elsewhere (then
 * only the clitic ب opens the gate, see latin_need): common Arabic words
 * meet some village's skeleton too often (measured on AQMAR with consonants
 * only and a gate of 4 after في: 40 false alarms for 4 hits). */
static size_t latin_position(const gm_gazetteer *g, const char *text, const gm_tokens *t, size_t i)
{
	if (quoted_alone(text, t, i))
		return GM_LATIN_MIN_LETTERS + 1;
	if (i == 0 || t->tok[i - 1].gap_after == GM_GAP_BREAK)
		return 0;
	uint8_t cue = gm__tok_cue(g, t, i - 1);
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


static void read_word(matcher *x, size_t i)
{
	const gm_tokens *t = x->t;
	const gm_token *tk = &t->tok[i];
	const char *w = t->folded + tk->f_off;
	x->i = i;
	x->nv = gm__readings(x->g, w, tk->f_len, x->v);
	gm__tok_read_trigger(x->g, t, i, x->v, x->nv);
	gm__tok_read_cue(x->g, t, i, x->v, x->nv);
	/* a cue word (مدينة، منتخب، في ...) names no place by itself: a name
	 * that starts with it must be longer (جبل طارق، جنوب أفريقيا) */
	x->min_words = gm__tok_cue(x->g, t, i) ? 2 : 1;
	/* the words joined to it, as far as a key of its readings reaches (a
	 * word rarely starts a longer name: the run is not walked past it) */
	uint32_t reach = 1;
	for (size_t j = 0; j < x->nv; j++)
		reach = x->v[j].max_words > reach ? x->v[j].max_words : reach;
	if (reach > GM_GAZ_MAX_WORDS)
		reach = GM_GAZ_MAX_WORDS;
	x->run = 1;
	while (x->run < reach && i + x->run < t->n && t->tok[i + x->run - 1].gap_after == GM_GAP_JOIN &&
	       !t->tok[i + x->run].is_number)
		x->run++;
	/* a word of its own is not cut into clitic + one-word name; a longer
	 * name may still start behind the clitic (وتل عرن) */
	x->whole = x->nv > 1 && whole_word(x->g, x->v[0].key);
}

/* A gazetteer name (or demonym) of n words from i, longest first: the
 * words it takes, 0 when none, -1 when out of memory. */
static int match_name(matcher *x)
{
	const gm_gazetteer *g = x->g;
	char key[1024];
	uint32_t top = 0;
	for (size_t j = 0; j < x->nv; j++)
		if (x->v[j].max_words > top)
			top = x->v[j].max_words;
	if (top > x->run)
		top = x->run;
	for (uint32_t n = top; n >= x->min_words; n--) {
		for (size_t j = 0; j < x->nv; j++) {
			const gm_reading *r = &x->v[j];
			if (r->max_words < n || (x->whole && j > 0 && n == 1))
				continue;
			const gm_gaz_key *k = gm__reading_key(g, x->t, r, x->i, n, key, sizeof key);
			if (!k)
				continue;
			/* a demonym wins over untagged look-alikes; a reviewed name over it */
			uint32_t dem = n == 1 ? gm__gaz_demonym_of(g, k) : GM_GAZ_NO_PLACE;
			if (dem == GM_GAZ_NO_PLACE && !gm__gaz_key_has_place(g, k))
				continue;
			/* لسورية is "to Syria", not ل + the adjective السورية */
			if (dem != GM_GAZ_NO_PLACE && r->lam_article)
				continue;
			if (record_match(g, x->text, x->t, x->out, x->i, n, k, r, GM_MATCH_NAME, x->prev_end, x->err))
				return -1;
			if (dem != GM_GAZ_NO_PLACE) {
				gm_match *m = &x->out->m[x->out->n - 1];
				m->blocked = GM_BLOCK_DEMONYM;
				m->not_place = 1;
				m->demonym_of = dem;
			}
			return (int)n;
		}
	}
	return 0;
}

/* Key k, read as r, taken as one word's match of kind how when it names a
 * place: 1 taken, 0 not, -1 out of memory. */
static int take_word(matcher *x, const gm_gaz_key *k, const gm_reading *r, int how)
{
	if (!k || !gm__gaz_key_has_place(x->g, k))
		return 0;
	return record_match(x->g, x->text, x->t, x->out, x->i, 1, k, r, how, x->prev_end, x->err) ? -1 : 1;
}

/* No name: a spelling variant of a known one (الدانمارك for الدنمارك,
 * الأوروجواي for الأوروغواي), by skeleton, one word, five letters or more. */
static int match_skeleton(matcher *x)
{
	for (size_t j = 0; j < x->nv; j++) {
		const gm_reading *r = &x->v[j];
		char skel[512];
		if (x->whole && j > 0)
			continue;
		/* (a skeleton has five Arabic consonants or more, two bytes each:
		 * a reading of fewer bytes has none, and is not counted) */
		if (r->len < 10 || !gm__skeleton(r->text, r->len, skel, sizeof skel))
			continue;
		int n = take_word(x, gm__gaz_find(x->g, skel, strlen(skel)), r, GM_MATCH_SKELETON);
		if (n)
			return n;
	}
	return 0;
}

/* The plain letter of an emphatic one, or the emphatic of a plain one, as
 * the second byte of its UTF-8 sequence after D8 (ص س، ط ت، ض د، ظ ز);
 * 0 for any other. Local spellings and transcriptions of one village swap
 * them (كنصفرة in the news, كنسفرة in the gazetteer). */
static unsigned char letter_pair(unsigned char lo)
{
	switch (lo) {
	case 0xB5: return 0xB3;   /* ص -> س */
	case 0xB3: return 0xB5;
	case 0xB7: return 0xAA;   /* ط -> ت */
	case 0xAA: return 0xB7;
	case 0xB6: return 0xAF;   /* ض -> د */
	case 0xAF: return 0xB6;
	case 0xB8: return 0xB2;   /* ظ -> ز */
	case 0xB2: return 0xB8;
	default: return 0;
	}
}

/* Where the words before say a place follows, or a list expects its next
 * item: a name the gazetteer spells with one of letter_pair's letters
 * swapped, the word five letters or more and at most three of them
 * swappable (seven probes at most). */
static int match_letters(matcher *x, size_t position)
{
	if (x->list_next != x->i && !position)
		return 0;
	for (size_t j = 0; j < x->nv; j++) {
		const gm_reading *r = &x->v[j];
		if ((x->whole && j > 0) || r->len >= 128 || gm__utf8_count(r->text, r->len) < 5)
			continue;
		size_t at[3], k = 0;
		for (size_t b = 0; b + 1 < r->len; b++)
			if ((unsigned char)r->text[b] == 0xD8 && letter_pair((unsigned char)r->text[b + 1])) {
				if (k == 3) {
					k = 0;
					break;
				}
				at[k++] = b + 1;
			}
		for (unsigned mask = 1; mask < 1u << k; mask++) {
			char w[128];
			memcpy(w, r->text, r->len);
			for (size_t b = 0; b < k; b++)
				if (mask >> b & 1)
					w[at[b]] = (char)letter_pair((unsigned char)w[at[b]]);
			int n = take_word(x, gm__gaz_find(x->g, w, r->len), r, GM_MATCH_LETTERS);
			if (n)
				return n;
		}
	}
	return 0;
}

/* The Latin key lk (kl bytes) in the gazetteer; Arabic may leave out a short
 * vowel (آسكران, Askeran): one put back between two consonants, one place
 * at a time. */
static const gm_gaz_key *find_latin(const gm_gazetteer *g, const char *lk, size_t kl, size_t cap)
{
	const gm_gaz_key *k = gm__gaz_find(g, lk, kl);
	for (size_t p = 2; (!k || !gm__gaz_key_has_place(g, k)) && p < kl && kl + 1 < cap; p++) {
		if (lk[p - 1] == 'a' || lk[p] == 'a')
			continue;
		char alt[256];
		memcpy(alt, lk, p);
		alt[p] = 'a';
		memcpy(alt + p + 1, lk + p, kl - p);
		k = gm__gaz_find(g, alt, kl + 1);
	}
	return k;
}

/* No Arabic name at all: a place known only by Latin names, where the words
 * before say a place follows; never a word with the article (foreign
 * village names do not take it). */
static int match_latin(matcher *x, size_t position)
{
	for (size_t j = 0; j < x->nv; j++) {
		const gm_reading *r = &x->v[j];
		if (x->whole && j > 0)
			continue;
		size_t need = latin_need(position, r);
		if (!need || gm__utf8_count(r->text, r->len) < 4 || gm__utf8_starts(r->text, "ال"))
			continue;
		char lk[256];
		size_t kl = gm__translit_key(x->tr, r->text, r->len, need, lk, sizeof lk);
		if (!kl)
			continue;
		int n = take_word(x, find_latin(x->g, lk, kl, sizeof lk), r, GM_MATCH_LATIN);
		if (n)
			return n;
	}
	return 0;
}

int gm__match(const gm_gazetteer *g, gm_translit *tr, const char *text, const gm_tokens *t, gm_matches *out,
              gm_error *err)
{
	out->n = 0;
	gm_reading readings[GM_MAX_READINGS];
	matcher x = {.g = g, .tr = tr, .text = text, .t = t, .out = out, .err = err, .prev_end = (size_t)-1,
	             .list_next = (size_t)-1, .v = readings};
	for (size_t i = 0; i < t->n;) {
		if (t->tok[i].is_number) {
			i++;
			continue;
		}
		read_word(&x, i);
		int n = match_name(&x);
		if (!n && x.min_words == 1)
			n = match_skeleton(&x);
		/* (what the words before say of word i, for the next two) */
		size_t position = !n && x.min_words == 1 ? latin_position(g, text, t, i) : 0;
		if (!n && x.min_words == 1)
			n = match_letters(&x, position);
		if (!n && x.min_words == 1 && tr) {
			n = match_latin(&x, position);
			if (gm__translit_error(tr))   /* (ICU opened lazily, at a word the table lacks) */
				return gm__fail(err, GM_EICU, "%s", gm__translit_error(tr));
		}
		if (!n && x.min_words == 1)
			n = gm__match_quarter(&x);
		if (!n && x.n_listed && x.list_next != i)
			n = gm__match_listed_again(&x);
		if (n >= 0)
			n = gm__follow_list(&x, i, n);
		if (n < 0)
			return GM_ENOMEM;
		if (n) {
			i += (size_t)n;
			x.prev_end = i;
		} else {
			i++;
		}
	}
	gm__link_lists(g, t, out);
	return GM_OK;
}
