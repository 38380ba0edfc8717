/* match.c: gazetteer names in text, with Arabic clitics. */
#include "match.h"

#include "error.h"
#include "fold.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Folded type words before a name (fold.h: ة->ه, أ->ا, ى->ي). */
static const struct {
	const char *word;
	int cls;
} type_words[] = {
	{"منطقه", GM_TW_AREA}, {"مناطق", GM_TW_AREA}, {"المنطقه", GM_TW_AREA},
	{"مدينه", GM_TW_POPULATED}, {"مدن", GM_TW_POPULATED}, {"بلده", GM_TW_POPULATED},
	{"بلدات", GM_TW_POPULATED}, {"قريه", GM_TW_POPULATED}, {"قري", GM_TW_POPULATED},
	{"العاصمه", GM_TW_POPULATED}, {"عاصمه", GM_TW_POPULATED}, {"بلدتي", GM_TW_POPULATED},
	{"مدينتي", GM_TW_POPULATED}, {"قريتي", GM_TW_POPULATED},
	{"محافظه", GM_TW_ADMIN}, {"محافظتي", GM_TW_ADMIN}, {"محافظات", GM_TW_ADMIN},
	{"مقاطعه", GM_TW_ADMIN}, {"مقاطعتي", GM_TW_ADMIN}, {"مقاطعات", GM_TW_ADMIN},
	{"ولايه", GM_TW_ADMIN}, {"ولايتي", GM_TW_ADMIN}, {"اقليم", GM_TW_ADMIN}, {"الاقليم", GM_TW_ADMIN},
	{"جمهوريه", GM_TW_ADMIN}, {"اقاليم", GM_TW_ADMIN},
	{"جبل", GM_TW_MOUNTAIN}, {"جبال", GM_TW_MOUNTAIN}, {"مرتفعات", GM_TW_MOUNTAIN},
	{"قمه", GM_TW_MOUNTAIN}, {"تله", GM_TW_MOUNTAIN}, {"هضبه", GM_TW_MOUNTAIN},
	{"نهر", GM_TW_WATER}, {"بحر", GM_TW_WATER}, {"بحيره", GM_TW_WATER}, {"خليج", GM_TW_WATER},
	{"ممر", GM_TW_ROAD}, {"طريق", GM_TW_ROAD},
	{"مطار", GM_TW_AIRPORT}, {"ميناء", GM_TW_PORT}, {"حي", GM_TW_NEIGHBOURHOOD},
};

int gm__type_word(const char *w, size_t len)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sizeof type_words / sizeof *type_words; i++)
			if (strlen(type_words[i].word) == len && memcmp(type_words[i].word, w, len) == 0)
				return type_words[i].cls;
		/* one leading و ب ل ف (two bytes each): ومدينة، بمدينة */
		if (pass == 0 && len > 4 &&
		    (!memcmp(w, "و", 2) || !memcmp(w, "ب", 2) || !memcmp(w, "ل", 2) || !memcmp(w, "ف", 2))) {
			w += 2;
			len -= 2;
		} else {
			break;
		}
	}
	return GM_TW_NONE;
}

/* Clitic readings of a word, tried in this order after the bare word: fewer
 * letters first, so "ولبنان" is read و+لبنان before ول+بنان. */
enum { STRIP, KEEP_ARTICLE, LAM_ARTICLE };
static const struct {
	const char *prefix;
	int mode;
} clitics[] = {
	{"و", STRIP}, {"ف", STRIP}, {"ب", STRIP}, {"ل", STRIP}, {"ك", STRIP},
	{"لل", LAM_ARTICLE},
	{"وب", STRIP}, {"ول", STRIP}, {"وك", STRIP}, {"فب", STRIP}, {"فل", STRIP}, {"فك", STRIP},
	{"وال", KEEP_ARTICLE}, {"فال", KEEP_ARTICLE}, {"بال", KEEP_ARTICLE}, {"كال", KEEP_ARTICLE},
	{"ولل", LAM_ARTICLE}, {"فلل", LAM_ARTICLE},
	{"وبال", KEEP_ARTICLE}, {"وكال", KEEP_ARTICLE}, {"فبال", KEEP_ARTICLE},
};
/* The article alone is never stripped: names that carry it are in the
 * gazetteer with it (العراق، القدس), and stripping it turns nisba adjectives
 * into places (الروسية -> روسيه, the Persian name of Russia). */

#define MAX_VARIANTS 40

typedef struct variant {
	char text[256];
	size_t len;
	uint32_t strip;       /* folded code points cut from the start of the span */
	char clitic[16];
	uint32_t max_words;   /* 0: no name starts with this reading */
} variant;

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

static size_t make_variants(const gm_gazetteer *g, const char *w, size_t wlen, variant *v)
{
	size_t n = 0;
	/* the bare word */
	if (wlen < sizeof v->text) {
		memcpy(v[0].text, w, wlen);
		v[0].len = wlen;
		v[0].strip = 0;
		v[0].clitic[0] = '\0';
		n = 1;
	}
	for (size_t i = 0; i < sizeof clitics / sizeof *clitics && n < MAX_VARIANTS; i++) {
		size_t pl = strlen(clitics[i].prefix);
		if (wlen <= pl || memcmp(w, clitics[i].prefix, pl) != 0)
			continue;
		const char *rest = w + pl;
		size_t rl = wlen - pl;
		if (gm__utf8_count(rest, rl) < 3)
			continue;  /* a clitic on a two-letter remainder is most often a plain word */
		variant *x = &v[n];
		uint32_t pcp = (uint32_t)gm__utf8_count(clitics[i].prefix, pl);
		if (clitics[i].mode == STRIP) {
			if (rl >= sizeof x->text)
				continue;
			memcpy(x->text, rest, rl);
			x->len = rl;
			x->strip = pcp;
		} else {
			/* both look up الX: وال+X keeps the name's article in the span (cut
			 * 2 letters fewer); لل+X is ل + الX with the alef dropped (1 fewer) */
			size_t al = strlen("ال");
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
			shown = pl - strlen("ال");
		else if (clitics[i].mode == LAM_ARTICLE)
			shown = pl - strlen("ل");
		snprintf(x->clitic, sizeof x->clitic, "%.*s", (int)shown, clitics[i].prefix);
		/* the same reading twice (وال STRIP after و STRIP of القدس, ...) is tried once */
		int dup = 0;
		for (size_t j = 0; j < n; j++)
			if (v[j].len == x->len && memcmp(v[j].text, x->text, x->len) == 0)
				dup = 1;
		if (!dup)
			n++;
	}
	for (size_t i = 0; i < n; i++) {
		const gm_gaz_key *k = gm__gaz_find(g, v[i].text, v[i].len);
		v[i].max_words = k ? (k->max_words ? k->max_words : 1) : 0;
	}
	return n;
}

int gm__match(const gm_gazetteer *g, const char *text, const gm_tokens *t, gm_matches *out, gm_error *err)
{
	out->n = 0;
	variant v[MAX_VARIANTS];
	char key[1024];
	for (size_t i = 0; i < t->n;) {
		const gm_token *tk = &t->tok[i];
		const char *w = t->folded + tk->f_off;
		if (tk->is_number) {
			i++;
			continue;
		}
		int tw = gm__type_word(w, tk->f_len);
		if (tw != GM_TW_NONE && i + 1 < t->n && tk->gap_after != GM_GAP_BREAK) {
			/* a type word starts no name: "مدينة X" is X, with its class */
			i++;
			continue;
		}
		/* how many words after i are joinable */
		uint32_t run = 1;
		while (i + run < t->n && run < GM_GAZ_MAX_WORDS && t->tok[i + run - 1].gap_after == GM_GAP_JOIN &&
		       !t->tok[i + run].is_number)
			run++;
		size_t nv = make_variants(g, w, tk->f_len, v);
		uint32_t top = 0;
		for (size_t j = 0; j < nv; j++)
			if (v[j].max_words > top)
				top = v[j].max_words;
		if (top > run)
			top = run;
		int found = 0;
		for (uint32_t n = top; n >= 1 && !found; n--) {
			for (size_t j = 0; j < nv && !found; j++) {
				if (v[j].max_words < n)
					continue;
				size_t kl = v[j].len;
				if (kl >= sizeof key)
					continue;
				memcpy(key, v[j].text, kl);
				int fits = 1;
				for (uint32_t x = 1; x < n; x++) {
					const gm_token *nt = &t->tok[i + x];
					if (kl + 1 + nt->f_len >= sizeof key) {
						fits = 0;
						break;
					}
					key[kl++] = ' ';
					memcpy(key + kl, t->folded + nt->f_off, nt->f_len);
					kl += nt->f_len;
				}
				if (!fits)
					continue;
				const gm_gaz_key *k = gm__gaz_find(g, key, kl);
				if (!k || k->post_count == 0)
					continue;
				found = 1;
				if (out->n == out->cap) {
					size_t c = out->cap ? out->cap * 2 : 64;
					gm_match *m = realloc(out->m, c * sizeof *m);
					if (!m)
						return gm__fail(err, GM_ENOMEM, "out of memory matching");
					out->m = m;
					out->cap = c;
				}
				gm_match *m = &out->m[out->n++];
				memset(m, 0, sizeof *m);
				m->tok_first = (uint32_t)i;
				m->tok_last = (uint32_t)(i + n - 1);
				m->key = k;
				snprintf(m->clitic, sizeof m->clitic, "%s", v[j].clitic);
				uint32_t nb = tk->b0, nc = 0;
				if (v[j].strip)
					skip_letters(text, tk->b0, tk->b1, v[j].strip, &nb, &nc);
				m->b0 = nb;
				m->c0 = tk->c0 + nc;
				m->b1 = t->tok[m->tok_last].b1;
				m->c1 = t->tok[m->tok_last].c1;
				const gm_gaz_posting *p = &g->postings[k->post_start];
				m->not_place = 1;
				for (uint32_t x = 0; x < k->post_count; x++)
					if (p[x].kind != GM_NAME_NOT_PLACE)
						m->not_place = 0;
				/* a reviewed not-place reading wins over place readings of the same words */
				for (uint32_t x = 0; x < k->post_count; x++)
					if (p[x].kind == GM_NAME_NOT_PLACE)
						m->not_place = 1;
				if (i > 0 && t->tok[i - 1].gap_after != GM_GAP_BREAK) {
					const gm_token *pt = &t->tok[i - 1];
					m->type_class = (uint8_t)gm__type_word(t->folded + pt->f_off, pt->f_len);
					if (m->type_class)
						snprintf(m->type_word, sizeof m->type_word, "%s", t->folded + pt->f_off);
				}
				i += n;
			}
		}
		if (!found)
			i++;
	}
	return GM_OK;
}

void gm__matches_free(gm_matches *m)
{
	free(m->m);
	memset(m, 0, sizeof *m);
}
