/* hits.c: the event words of a sentence and its clauses (reading.h). */
#include "reading.h"

#include "eventwords.h"
#include "utf8.h"

#include <string.h>

/* The trigger that starts at token i (match.h: read once, with the word's
 * readings for places). */
static int trigger_at(const gm_gazetteer *g, const gm_tokens *t, size_t i, hit *h)
{
	gm_tok_trigger tr;
	gm__tok_trigger(g, t, i, &tr);
	if (!tr.note)
		return 0;
	h->tok = i;
	h->n = tr.n;
	h->code = GM_TRIGGER_CODE(tr.note);
	h->sub = GM_TRIGGER_SUB(tr.note);
	h->b0 = t->tok[i].b0;
	h->b1 = t->tok[i + tr.n - 1].b1;
	h->purpose = tr.purpose;
	h->key = tr.key;
	return 1;
}

int gm__ev_is_violent(int code)
{
	return code == GM_EV_SHELLING || code == GM_EV_AIR_STRIKE || code == GM_EV_ARMED_CLASH ||
	       code == GM_EV_EXPLOSION || code == GM_EV_CHEMICAL;
}

/* Types whose event carries the casualty figures of its sentence: violence,
 * violence against people (a lynching's dead are its own), and disasters
 * (a toll after an earthquake is the earthquake's). */
int gm__ev_has_toll(int code)
{
	return gm__ev_is_violent(code) || code == GM_EV_DISASTER || code == GM_EV_SEXUAL_VIOLENCE ||
	       code == GM_EV_MOB_VIOLENCE;
}

/* Types ACLED codes once per place in a list of places (قصف على A وB وC،
 * سيطرت على قرى A، B، C، نزوح من A وB، مظاهرات في A وB). */
int gm__ev_per_place(int code)
{
	return gm__ev_is_violent(code) || code == GM_EV_TERRITORY_CHANGE || code == GM_EV_DISPLACEMENT ||
	       code == GM_EV_PROTEST || code == GM_EV_ARRESTS || code == GM_EV_ABDUCTION ||
	       code == GM_EV_PROPERTY_DESTRUCTION || code == GM_EV_SEXUAL_VIOLENCE || code == GM_EV_MOB_VIOLENCE;
}

/* The code of the trigger at token j, 0 when none or outside the sentence. */
int gm__ev_code_at(const sentence_hits *sh, size_t j)
{
	return j >= sh->s0 && j < sh->s1 ? sh->at[j - sh->s0].code : 0;
}

/* The word at i carries the article, behind any clitics (القتال، والاشتباكات،
 * بالهجوم، للقصف). */
int gm__ev_is_definite(const gm_tokens *t, size_t i)
{
	const char *w = gm__tok_text(t, i);
	size_t n = t->tok[i].f_len;
	for (int clitics = 0; clitics < 3; clitics++) {
		size_t letters = gm__utf8_count(w, n);
		if (letters > 3 && (gm__utf8_has_prefix(w, n, "ال") || gm__utf8_has_prefix(w, n, "لل")))
			return 1;
		if (letters <= 4 || (!gm__utf8_has_prefix(w, n, "و") && !gm__utf8_has_prefix(w, n, "ف") && !gm__utf8_has_prefix(w, n, "ب") &&
		                     !gm__utf8_has_prefix(w, n, "ك")))
			break;
		size_t c = strlen("و");   /* each clitic is one letter of two bytes */
		w += c;
		n -= c;
	}
	return 0;
}

/* "اقرأ أيضا: ..." and the like open a link to another article: what follows
 * is that article's headline, not this one's report. */
int gm__ev_related_link(const gm_tokens *t, size_t s0, size_t s1)
{
	return s1 - s0 >= 2 && gm__word_has(t, s0 + 1, GM_W_ALSO, NULL) && gm__word_has(t, s0, GM_W_SEE, NULL);
}

/* The end of the clause token i is in: the first punctuation after it. */
/* Words that open a clause of their own where news runs two on without a
 * comma (event-triggers.tsv, clause): "قصفت القوات الفلوجة كما أغارت
 * مقاتلات على أحياء ..." */
static int clause_opener(const sentence_hits *sh, size_t i)
{
	return gm__ev_code_at(sh, i) == GM_TR_CLAUSE;   /* the sentence's event words are read once, in sh */
}

size_t gm__ev_clause_end(const sentence_hits *sh, const gm_tokens *t, size_t i, size_t s1)
{
	size_t start = i;
	while (i < s1 && t->tok[i].gap_after != GM_GAP_BREAK && !(i + 1 < s1 && i + 1 > start && clause_opener(sh, i + 1)))
		i++;
	return i < s1 ? i + 1 : s1;
}

/* Where the clause of token i opened by a word of its own (كما، بينما)
 * starts: a town before that word is another clause's, not one this event
 * word tells of ("قصفت القوات على باردا كما أغارت طائرات على لاشين"). s0
 * when no such word stands before i in its sentence. */
size_t gm__ev_opened_at(const sentence_hits *sh, size_t i, size_t s0)
{
	while (i > s0 && !clause_opener(sh, i))
		i--;
	return i;
}

/* The first token of the clause token i is in. */
size_t gm__ev_clause_start(const sentence_hits *sh, const gm_tokens *t, size_t i, size_t s0)
{
	while (i > s0 && t->tok[i - 1].gap_after != GM_GAP_BREAK && !clause_opener(sh, i))
		i--;
	return i;
}

/* وقف "stop" with its clitics and article: وقف، لوقف، بوقف، الوقف، للوقف. */
int gm__ev_stop_word(const gm_tokens *t, size_t i)
{
	return gm__word_has(t, i, GM_W_STOP, NULL);
}

/* The event words of sentence [s0, s1) into hits (hits[j - s0] for token j;
 * code 0 where none starts): every event word once, a multi-word trigger
 * covering its words, none inside an organisation's name. */
void gm__ev_find_hits(const gm_gazetteer *g, const gm_tokens *t, const gm_match *m, size_t k0, size_t k1, size_t s0,
                      size_t s1, hit *hits)
{
	/* the words of an organisation's name state no event ("هيئة تحرير
	 * الشام"، "الحشد الشعبي": a reviewed phrase of not-places.tsv; "حركة
	 * تحرير السودان": after an organisation head of cues.tsv) */
	uint8_t in_name[512];
	memset(in_name, 0, sizeof in_name);
	for (size_t k = k0; k < k1; k++)
		if (m[k].blocked == GM_BLOCK_PHRASE && m[k].tok_last > m[k].tok_first)
			for (size_t x = m[k].tok_first; x <= m[k].tok_last && x < s1; x++)
				if (x >= s0)
					in_name[x - s0] = 1;
	/* every event word once; a multi-word trigger covers its words */
	for (size_t j = s0; j < s1; j++) {
		hits[j - s0].code = 0;
		if (in_name[j - s0] || (j > s0 && t->tok[j - 1].gap_after != GM_GAP_BREAK &&
		                        GM_CUE_ROLE(gm__tok_cue(g, t, j - 1)) == GM_CUE_ORG))
			continue;
		if (!trigger_at(g, t, j, &hits[j - s0]))
			continue;
		for (size_t x = 1; x < hits[j - s0].n && j + x < s1; x++)
			hits[j - s0 + x].code = 0;
		j += hits[j - s0].n - 1;
	}
}

/* A round of fighting is no visit, and the weapons a clash is fought with
 * are no fire of their own (gm__ev_reread_hits' first passes). */
static void reread_rounds_and_arms(const gm_tokens *t, size_t s0, size_t s1, hit *hits)
{
	/* "جولة الاشتباكات"، "الجولة الثانية للمعارك": a round of fighting,
	 * not a visit */
	/* (and "جولة جديدة من التصعيد": of escalation; "حصيلة ضحايا الجولة":
	 * a round that has victims) */
	for (size_t j = s0; j < s1; j++)
		if (hits[j - s0].code == GM_EV_DIPLOMACY && gm__word_has(t, j, GM_W_ROUND, NULL)) {
			int code_before = j > s0 ? hits[j - 1 - s0].code : 0;
			if (code_before == GM_TR_KILLED || code_before == GM_TR_KILLED_ONE || code_before == GM_TR_INJURED)
				hits[j - s0].code = 0;
			for (size_t x = j + 1; x <= j + 3 && x < s1 && hits[j - s0].code; x++)
				if (gm__ev_is_violent(hits[x - s0].code) || hits[x - s0].code == GM_TR_ATTACK ||
				    gm__word_has(t, x, GM_W_ESCALATION, NULL)) {
					hits[j - s0].code = 0;
					break;
				}
		}
	/* "اشتباكات ... حيث يتمّ استخدام الأسلحة الرشّاشة إضافةً إلى القذائف":
	 * in a sentence of clashes, weapons after a word of use are their arms */
	int clash = 0;
	for (size_t j = s0; j < s1 && !clash; j++)
		clash = hits[j - s0].code == GM_EV_ARMED_CLASH;
	for (size_t j = s0; clash && j < s1; j++) {
		int code = hits[j - s0].code;
		if (code != GM_EV_SHELLING && code != GM_EV_AIR_STRIKE)
			continue;
		for (size_t back = 1; back <= 8 && j >= s0 + back; back++)
			if (gm__word_has(t, j - back, GM_W_USE, NULL)) {
				hits[j - s0].code = 0;
				break;
			}
	}
}

/* The event words read again in their sentence: what the words beside
 * them say they are (a round of fighting, an event begun before, an attack
 * from the air, the displaced helped, a march). */
void gm__ev_reread_hits(const gm_tokens *t, size_t s0, size_t s1, hit *hits)
{
	reread_rounds_and_arms(t, s0, s1, hits);
	/* "وجّه عبر اتصالات هاتفية إنذارات": calls as the means, no diplomacy */
	for (size_t j = s0 + 1; j < s1; j++)
		if (hits[j - s0].code == GM_EV_DIPLOMACY && gm__word_has(t, j - 1, GM_W_VIA, NULL))
			hits[j - s0].code = 0;
	/* "القوات المهاجمة": the participle of an attack word (with the article,
	 * its stem opening with the م of مُفاعِل) after who attacks is said of
	 * them, the attacking forces; "صد الجيش الهجوم" is an attack repelled */
	for (size_t j = s0 + 1; j < s1; j++)
		if (hits[j - s0].code == GM_TR_ATTACK && hits[j - s0].n == 1 && gm__word_has(t, j - 1, GM_W_AGENT, NULL) &&
		    t->tok[j - 1].gap_after != GM_GAP_BREAK &&
		    gm__utf8_has_prefix(gm__tok_text(t, j), t->tok[j].f_len, "المه"))
			hits[j - s0].code = 0;
	/* "منذ بدء هجومها"، "منذ اندلاع الاشتباكات"، "منذ الهجوم": an event begun
	 * before, the time since it, no new one */
	for (size_t j = s0; j < s1; j++) {
		int c = hits[j - s0].code;
		if ((c <= 0 || c >= GM_EV_N) && c != GM_TR_ATTACK && c != GM_TR_TARGETING)
			continue;
		size_t k = j;
		if (k > s0 && gm__word_has(t, k - 1, GM_W_OUTSET, NULL))
			k--;
		if (k > s0 && gm__word_has(t, k - 1, GM_W_SINCE, NULL))
			hits[j - s0].code = 0;
	}
	/* "هجمات جوية"، "هجماتها الجوية": an attack from the air is an air strike */
	for (size_t j = s0; j + 1 < s1; j++)
		if (hits[j - s0].code == GM_TR_ATTACK && hits[j - s0].n == 1 && gm__word_has(t, j + 1, GM_W_AIR, NULL) &&
		    !hits[j + 1 - s0].code) {
			hits[j - s0].code = GM_EV_AIR_STRIKE;
			hits[j - s0].sub = 0;
		}
	/* "اكتظاظا شديدا بالنازحين"، "مساعدات للنازحين": the displaced as
	 * people crowded in or helped, not a flight told */
	for (size_t j = s0; j < s1; j++)
		if (hits[j - s0].code == GM_EV_DISPLACEMENT && gm__word_has(t, j, GM_W_FOR_DISPLACED, NULL))
			hits[j - s0].code = 0;
	/* "وكانت مسيرة داعمة للجيش انطلقت"، "ونظموا مسيرات": a march, not a
	 * drone, when a marching word stands within two words of it */
	for (size_t j = s0; j < s1; j++) {
		if (hits[j - s0].code != GM_EV_AIR_STRIKE || hits[j - s0].n != 1 || !gm__word_has(t, j, GM_W_MASIRA, NULL))
			continue;
		for (size_t x = j >= s0 + 2 ? j - 2 : s0; x <= j + 2 && x < s1; x++)
			if (x != j && gm__word_has(t, x, GM_W_MARCHING, NULL)) {
				hits[j - s0].code = GM_EV_PROTEST;
				hits[j - s0].sub = 0;
				break;
			}
	}
}
