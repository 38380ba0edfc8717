/* readings.c: a word read through its clitics (match.h): the readings the
 * matcher and the event reader look up, the keys of names of several words,
 * cue words behind one clitic. */
#include "match.h"

#include "utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

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

/* The first letters of the clitics, as bits of their second UTF-8 byte, one
 * mask per lead byte (D8, D9: every letter of the table is one of those): most
 * words start with none of them, and then no entry of the table is tried. */
static uint64_t clitic_leads[2];
static pthread_once_t clitic_leads_once = PTHREAD_ONCE_INIT;

static void init_clitic_leads(void)
{
	for (size_t i = 0; i < sizeof clitics / sizeof *clitics; i++) {
		const unsigned char *u = (const unsigned char *)clitics[i].prefix;
		clitic_leads[u[0] & 1] |= 1ull << (u[1] & 0x3F);
	}
}

static int clitic_may_lead(const char *w, size_t len)
{
	const unsigned char *u = (const unsigned char *)w;
	return len >= 2 && (u[0] == 0xD8 || u[0] == 0xD9) && (u[1] & 0xC0) == 0x80 &&
	       (clitic_leads[u[0] & 1] >> (u[1] & 0x3F) & 1);
}

/* (defined below: the same rule, from a word's readings where it has them) */
static uint8_t cue_from_readings(const gm_gazetteer *g, const char *w, size_t len, const gm_reading *rd, size_t nr);

uint8_t gm__cue(const gm_gazetteer *g, const char *w, size_t len) { return cue_from_readings(g, w, len, NULL, 0); }

/* The tokens' memos answer for gazetteer g: those of another are forgotten
 * (the tokens are one thread's, as their memos are). */
static void memos_for(const gm_gazetteer *g, const gm_tokens *t)
{
	if (t->cue_memo_gaz == g->id)
		return;
	if (t->cue_memo)
		memset(t->cue_memo, 0, t->cue_memo_cap * sizeof *t->cue_memo);
	if (t->trigger_memo)
		memset(t->trigger_memo, 0, t->trigger_memo_cap * sizeof *t->trigger_memo);
	((gm_tokens *)t)->cue_memo_gaz = g->id;
}

/* The cue of folded w: the word's own, or, for a word of three letters or
 * more behind one و ب ل ف, the rest's. Read from its readings rd[0..nr)
 * where they hold those keys (the bare word, the word behind one clitic
 * letter), from the gazetteer where they do not (none given, or a reading
 * dropped as a clitic on a two-letter word: وفي). */
static uint8_t cue_from_readings(const gm_gazetteer *g, const char *w, size_t len, const gm_reading *rd, size_t nr)
{
	const size_t cl = strlen("و");
	uint8_t c = nr && rd[0].len == len && !rd[0].strip ? gm__gaz_key_cue_note(g, rd[0].key, 0) : gm__gaz_cue(g, w, len);
	if (!c && len > 2 * cl &&
	    (gm__utf8_starts(w, "و") || gm__utf8_starts(w, "ب") || gm__utf8_starts(w, "ل") || gm__utf8_starts(w, "ف"))) {
		for (size_t j = 0; j < nr; j++)
			if (rd[j].strip == 1 && rd[j].len == len - cl && !memcmp(rd[j].text, w + cl, len - cl))
				return gm__gaz_key_cue_note(g, rd[j].key, 0);
		c = gm__gaz_cue(g, w + cl, len - cl);
	}
	return c;
}

void gm__tok_read_cue(const gm_gazetteer *g, const gm_tokens *t, size_t i, const gm_reading *rd, size_t nr)
{
	if (!t->cue_memo || i >= t->cue_memo_cap)
		return;
	memos_for(g, t);
	if (!t->cue_memo[i]) {
		const gm_token *tk = &t->tok[i];
		t->cue_memo[i] = (uint16_t)(0x100 | cue_from_readings(g, t->folded + tk->f_off, tk->f_len, rd, nr));
	}
}

uint8_t gm__tok_cue_read(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	const gm_token *tk = &t->tok[i];
	if (!t->cue_memo || i >= t->cue_memo_cap)
		return gm__cue(g, t->folded + tk->f_off, tk->f_len);
	memos_for(g, t);
	if (!t->cue_memo[i])
		t->cue_memo[i] = (uint16_t)(0x100 | gm__cue(g, t->folded + tk->f_off, tk->f_len));
	return (uint8_t)t->cue_memo[i];
}

/* The trigger that starts at token i, read through rd (its readings),
 * longest first; event words take the article freely (المظاهرات، القصف):
 * unlike place names, stripping it turns nothing into something else, so the
 * readings without it are tried after the others. */
static void read_trigger(const gm_gazetteer *g, const gm_tokens *t, size_t i, const gm_reading *rd, size_t nr,
                         gm_tok_trigger *out)
{
	memset(out, 0, sizeof *out);
	out->known = 1;
	if (t->tok[i].is_number)
		return;
	gm_reading bare[GM_MAX_READINGS];
	size_t nb = 0;
	static const size_t al = sizeof "ال" - 1;
	/* the most words of an event word that starts with a reading (its key's
	 * trigger_words): most words start none, and are not read further */
	uint32_t longest = 0;
	for (size_t j = 0; j < nr; j++)
		if (rd[j].key && rd[j].key->trigger_words > longest)
			longest = rd[j].key->trigger_words;
	for (size_t j = 0; j < nr && nr + nb < GM_MAX_READINGS; j++) {
		if (!gm__utf8_has_prefix(rd[j].text, rd[j].len, "ال") || gm__utf8_count(rd[j].text, rd[j].len) <= 3)
			continue;
		/* (looked up in place: a reading copied only where an event word starts with it) */
		const gm_gaz_key *k = gm__gaz_find(g, rd[j].text + al, rd[j].len - al);
		if (!k || !k->trigger_words)
			continue;
		gm_reading *x = &bare[nb++];
		*x = rd[j];
		memmove(x->text, x->text + al, x->len - al);
		x->len -= al;
		x->text[x->len] = '\0';
		x->key = k;   /* (what the loop below reads of it: its text, clitic and key) */
		longest = k->trigger_words > longest ? k->trigger_words : longest;
	}
	uint32_t run = 1;
	/* (no event word of a reading is longer than longest: the run stops there) */
	while (run < longest && run < GM_GAZ_MAX_WORDS && i + run < t->n && t->tok[i + run - 1].gap_after == GM_GAP_JOIN)
		run++;
	if (run > longest)
		run = longest;
	char key[1024];
	for (uint32_t n = run; n >= 1; n--) {
		for (size_t j = 0; j < nr + nb; j++) {
			const gm_reading *r = j < nr ? &rd[j] : &bare[j - nr];
			if (!r->key || r->key->trigger_words < n)
				continue;
			const gm_gaz_key *k = gm__reading_key(g, t, r, i, n, key, sizeof key);
			uint8_t note = k ? gm__gaz_trigger(g, k) : 0;
			if (note) {
				out->note = note;
				out->n = (uint8_t)n;
				out->purpose = !strcmp(r->clitic, "ل") && !r->lam_article;
				out->key = k;
				return;
			}
		}
	}
}

void gm__tok_read_trigger(const gm_gazetteer *g, const gm_tokens *t, size_t i, const gm_reading *rd, size_t nr)
{
	if (!t->trigger_memo || i >= t->trigger_memo_cap)
		return;
	memos_for(g, t);
	read_trigger(g, t, i, rd, nr, &t->trigger_memo[i]);
}

void gm__tok_trigger(const gm_gazetteer *g, const gm_tokens *t, size_t i, gm_tok_trigger *out)
{
	if (t->trigger_memo && i < t->trigger_memo_cap) {
		memos_for(g, t);
		if (t->trigger_memo[i].known) {
			*out = t->trigger_memo[i];
			return;
		}
	}
	gm_reading rd[GM_MAX_READINGS];
	const gm_token *tk = &t->tok[i];
	size_t nr = tk->is_number ? 0 : gm__readings(g, t->folded + tk->f_off, tk->f_len, rd);
	read_trigger(g, t, i, rd, nr, out);
	if (t->trigger_memo && i < t->trigger_memo_cap)
		t->trigger_memo[i] = *out;
}

size_t gm__readings(const gm_gazetteer *g, const char *w, size_t wlen, gm_reading *v)
{
	/* this runs for every word of every document (the matcher's readings serve
	 * its event word too, gm__tok_read_trigger):
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
	pthread_once(&clitic_leads_once, init_clitic_leads);
	size_t n_clitics = clitic_may_lead(w, wlen) ? sizeof clitics / sizeof *clitics : 0;
	for (size_t i = 0; i < n_clitics && n < GM_MAX_READINGS; i++) {
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
int gm__event_word(const gm_gazetteer *g, const char *w, size_t len)
{
	static const size_t al = sizeof "ال" - 1;
	const gm_gaz_key *k = gm__gaz_find(g, w, len);
	if (k && gm__gaz_trigger(g, k))
		return 1;
	k = len > al && gm__utf8_starts(w, "ال") ? gm__gaz_find(g, w + al, len - al) : NULL;
	return k && gm__gaz_trigger(g, k);
}
