/* keys.c: the keys a name is found by: folded words, a two-word name written
 * as one, the spelling skeleton, the demonyms, the Latin skeleton
 * (gazetteer_build.h). */
#include "gazetteer_build.h"

#include "error.h"
#include "grow.h"
#include "fold.h"
#include "translit.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tokenize and fold a name into a key ("word word"); returns its word count,
 * 0 when it is unusable. */
uint32_t gm__build_key(builder *b, const char *name, char *out, size_t cap)
{
	gm_error e;
	if (gm__tokenize(&b->tz, name, strlen(name), &b->toks, &e) != GM_OK || b->toks.n == 0 ||
	    b->toks.n > GM_GAZ_MAX_WORDS)
		return 0;
	size_t o = 0;
	for (size_t i = 0; i < b->toks.n; i++) {
		const gm_token *tk = &b->toks.tok[i];
		if (o + tk->f_len + 2 > cap)
			return 0;
		if (i)
			out[o++] = ' ';
		memcpy(out + o, b->toks.folded + tk->f_off, tk->f_len);
		o += tk->f_len;
	}
	out[o] = '\0';
	if (gm__utf8_count(out, o) < 2)
		return 0;  /* one letter names nothing reliably */
	return (uint32_t)b->toks.n;
}

int gm__build_add_triple(builder *b, const char *key, uint32_t words, uint32_t place, uint8_t kind, uint8_t note)
{
	if (GM__GROW(b->triples, b->cap_triples, b->n_triples + 1))
		return -1;
	char *k = gm__build_strdup(key);
	if (!k)
		return -1;
	b->triples[b->n_triples++] = (triple){k, words, place, kind, note};
	return 0;
}

/* The inflections of a demonym from its stem (the masculine singular without
 * its final ي): singular, feminine, plurals and duals, bare and with the
 * article, and the indefinite accusative ("هجومًا إسرائيليًا": tanween gone
 * in folding, its alef stays; where that spelling is a country's own name,
 * روسيا، تركيا، أوكرانيا، the name wins, gm__gaz_demonym_of). Clitics before
 * them are the matcher's business. */
static const char *const demonym_endings[] = {"ي", "يه", "يون", "يين", "يان", "يتان", "يتين", "يات", "يا"};

int gm__build_demonym_forms(builder *b, const char *stem, uint32_t place)
{
	char key[512];
	for (size_t i = 0; i < sizeof demonym_endings / sizeof *demonym_endings; i++)
		for (int article = 0; article < 2; article++) {
			int n = snprintf(key, sizeof key, "%s%s%s", article ? "ال" : "", stem, demonym_endings[i]);
			if (n <= 0 || (size_t)n >= sizeof key)
				return GM_OK;
			if (gm__build_add_triple(b, key, 1, place, GM_NAME_DEMONYM, 0))
				return GM_ENOMEM;
		}
	b->stats->demonyms++;
	return GM_OK;
}

/* The demonym stem of a one-word country or region name by the regular rule:
 * the article and a final ا، يا، ية or ة dropped (روسيا -> روس, السعودية ->
 * سعود, فرنسا -> فرنس, العراق -> عراق). The article is judged on the name as
 * written, since folding makes ألمانيا start with ال too. 0 when the rule
 * does not apply (the name ends in ي or leaves fewer than three letters). */
static size_t demonym_stem(builder *b, const char *name, char *out, size_t cap)
{
	const char *s = name;
	if (gm__utf8_starts(s, "ال"))
		s += strlen("ال");
	if (gm__build_key(b, s, out, cap) != 1)
		return 0;
	size_t n = strlen(out);
	static const char *const finals[] = {"يه", "يا", "ا", "ه"};
	for (size_t i = 0; i < sizeof finals / sizeof *finals; i++) {
		size_t fl = strlen(finals[i]);
		if (n > fl && !memcmp(out + n - fl, finals[i], fl)) {
			n -= fl;
			break;
		}
	}
	out[n] = '\0';
	if (gm__utf8_has_suffix(out, n, "ي"))
		return 0;
	return gm__utf8_count(out, n) >= 3 ? n : 0;
}

/* Places whose names give regular demonyms: countries, continents and regions. */
static int demonym_worthy(const bplace *p)
{
	const char *f = p->feature;
	return !strncmp(f, "PCL", 3) || !strcmp(f, "CONT") || !strcmp(f, "RGN");
}

/* Places whose names get a spelling skeleton: countries, first-level areas,
 * capitals, cities of half a million, and the reviewed features (continents,
 * seas, rivers): the names news spells many ways. */
static int variant_worthy(const bplace *p)
{
	const char *f = p->feature;
	return !strncmp(f, "PCL", 3) || !strcmp(f, "ADM1") || !strcmp(f, "PPLC") || !strcmp(f, "CONT") ||
	       !strcmp(f, "OCN") || !strcmp(f, "SEA") || !strcmp(f, "STM") || !strcmp(f, "RGN") ||
	       !strcmp(f, "PPLA") || !strcmp(f, "PPLA2") || p->population >= 20000;
}

/* The keys of place i's name j; -1 when out of memory. */
static int name_keys(builder *b, uint32_t i, size_t j, int arabic_named)
{
	const bplace *p = &b->places[i];
	char key[1024];
	if (p->names[j].kind == GM_NAME_LATIN) {
		/* a Latin name is matched by its consonant skeleton, and only for
		 * places no Arabic name reaches */
		char lk[256];
		if (!arabic_named && b->tr &&
		    gm__translit_key(b->tr, p->names[j].text, strlen(p->names[j].text), GM_LATIN_MIN_LETTERS, lk,
		                     sizeof lk) &&
		    gm__build_add_triple(b, lk, 1, i, GM_NAME_LATIN, 0))
			return -1;
		return 0;
	}
	uint32_t w = gm__build_key(b, p->names[j].text, key, sizeof key);
	if (w && gm__build_add_triple(b, key, w, i, p->names[j].kind, 0))
		return -1;
	/* a two-word name written as one (كفرنبل، ديرالزور، امدرمان): news and
	 * sources join them often; a variant key with note 1 */
	if (w == 2 && p->names[j].kind != GM_NAME_UNTAGGED) {
		char joined[1024];
		size_t o = 0;
		for (const char *c = key; *c; c++)
			if (*c != ' ')
				joined[o++] = *c;
		joined[o] = '\0';
		if (gm__utf8_count(joined, o) >= 5 && gm__build_add_triple(b, joined, 1, i, GM_NAME_VARIANT, 1))
			return -1;
	}
	/* the spelling skeleton of a reviewed or tagged one-word name of a place
	 * news is likely to name: bounded to one key per name */
	char skel[1024];
	if (w == 1 && p->names[j].kind != GM_NAME_UNTAGGED && variant_worthy(p) && gm__utf8_count(key, strlen(key)) >= 5 &&
	    gm__skeleton(key, strlen(key), skel, sizeof skel) && gm__build_add_triple(b, skel, 1, i, GM_NAME_VARIANT, 0))
		return -1;
	/* the regular demonym of a reviewed or tagged name (روسيا -> الروسية) */
	char stem[512];
	if (p->names[j].kind != GM_NAME_UNTAGGED && demonym_worthy(p) &&
	    demonym_stem(b, p->names[j].text, stem, sizeof stem) && gm__build_demonym_forms(b, stem, i))
		return -1;
	return 0;
}

int gm__build_name_keys(builder *b, uint32_t i)
{
	const bplace *p = &b->places[i];
	int arabic_named = 0;
	for (size_t j = 0; j < p->n_names; j++)
		arabic_named |= p->names[j].kind != GM_NAME_LATIN;
	for (size_t j = 0; j < p->n_names; j++)
		if (name_keys(b, i, j, arabic_named))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
	/* a town news names often is also written letter by letter from its
	 * English spelling (زابوريزهزيا for Zaporizhzhia, whose Arabic name is
	 * زاباروجيا): its English name's Latin skeleton too; not a province's,
	 * which mostly spells its capital's (Zaporizhzhia Oblast, Donetsk) */
	char lk[256];
	if (arabic_named && b->tr && p->name_en && variant_worthy(p) && !strncmp(p->feature, "PPL", 3) &&
	    gm__translit_key(b->tr, p->name_en, strlen(p->name_en), GM_LATIN_MIN_LETTERS, lk, sizeof lk) &&
	    gm__build_add_triple(b, lk, 1, i, GM_NAME_LATIN, 0))
		return gm__fail(b->err, GM_ENOMEM, "out of memory");
	return GM_OK;
}
