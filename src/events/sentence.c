/* sentence.c: what a sentence says of its events: casualty figures, years, the
 * words that change how they are read (reading.h). */
#include "reading.h"

#include "eventwords.h"
#include "utf8.h"

#include <string.h>

/* "خلال اتصال هاتفي", "وخلال الاجتماع": more of a meeting already told. */
static int during_before(const gm_tokens *t, size_t i, size_t s0)
{
	return i > s0 && gm__word_has(t, i - 1, GM_W_DURING, NULL);
}

/* The year an event word is told with: right after it ("حرب 2020") or after
 * عام / سنة or another event word within a few words ("قصفت حلب عام 2016"،
 * "اشتباكات حرب 2020"); not one behind منذ
 * ("for the first time since 2020" is today's news measured against then).
 * 0 when none. */
long gm__ev_year_of(const gm_tokens *t, const sentence_hits *sh, const hit *h, size_t s1)
{
	size_t after = h->tok + h->n;
	for (size_t k = after; k < s1 && k <= after + 6; k++) {
		int before = k > sh->s0 ? sh->at[k - 1 - sh->s0].code : 0;
		/* عام 2016، حرب 2020، and a date's year: "في 12 أغسطس 2019" */
		int cue = before == GM_TR_YEAR || (before > 0 && before < GM_EV_N) ||
		          (k > sh->s0 && gm__word_has(t, k - 1, GM_W_MONTH, NULL));
		if (!t->tok[k].is_number || !(k == after || cue))
			continue;
		size_t used;
		long y = gm__parse_number(t, k, &used);
		if (k >= sh->s0 + 2 && gm__word_has(t, k - 2, GM_W_SINCE, NULL))
			return 0;
		return y >= 1900 && y <= 2100 ? y : 0;
	}
	return 0;
}

/* A number written with the conjunction on it ("و5" of "7 جنود و5
 * مدنيين"), -1 when token j is none. */
static long and_digits(const gm_tokens *t, size_t j)
{
	const char *w = gm__tok_text(t, j);
	size_t n = t->tok[j].f_len, k = strlen("و");
	if (n <= k || !gm__utf8_has_prefix(w, n, "و"))
		return -1;
	long v = 0;
	for (size_t x = k; x < n; x++) {
		if (w[x] < '0' || w[x] > '9' || v > GM_FIGURE_MAX)
			return -1;
		v = v * 10 + (w[x] - '0');
	}
	return v;
}

/* "أربعة جنود ومدنيين اثنين"، "7 جنود و5 مدنيين"، "مقتل ضابط ومجند": a second
 * group joined by و adds to the figure. */
static long add_joined_group(const gm_tokens *t, const sentence_hits *sh, size_t j, long v)
{
	if (j >= sh->s1)
		return v;
	int code = gm__ev_code_at(sh, j);
	int and = gm__utf8_has_prefix(gm__tok_text(t, j), t->tok[j].f_len, "و");
	if (code == GM_TR_PEOPLE && and) {
		size_t used, after = j + sh->at[j - sh->s0].n;
		long v2 = gm__parse_number(t, after, &used);
		if (v2 > 0 && after < sh->s1)
			return v + v2;
	}
	if (code == GM_TR_PERSON && and)
		return v + 1;
	long v2 = and_digits(t, j);
	int counted = j + 1 < sh->s1 && (gm__ev_code_at(sh, j + 1) == GM_TR_PEOPLE || gm__ev_code_at(sh, j + 1) == GM_TR_PERSON);
	return v2 > 0 && counted ? v + v2 : v;
}

/* The figure a casualty word at token i states: a number right before it
 * (32 قتيلا، 32 شخصا قتلوا) that no other casualty word took, else one right
 * after it (مقتل 27، أصيب 15، جرح أكثر من 200); never one that counts hours,
 * days or vehicles. taken[] marks the number tokens already used. -1 when none. */
static long figure_near(const gm_tokens *t, const sentence_hits *sh, size_t i, uint8_t *taken)
{
	size_t used, s0 = sh->s0, s1 = sh->s1;
	/* before: a number, perhaps then a people noun */
	for (size_t back = 1; back <= 3 && i >= s0 + back; back++) {
		size_t j = i - back;
		/* (not across punctuation: "عمان 18 ديسمبر 2016 / قتل عشرة أشخاص") */
		if (t->tok[j].gap_after == GM_GAP_BREAK)
			break;
		long v = gm__parse_number(t, j, &used);
		if (v >= 0 && j + used <= i) {
			if (taken[j - s0] || (j + used < i && gm__ev_code_at(sh, j + used) == GM_TR_UNIT))
				break;
			taken[j - s0] = 1;
			return v;
		}
		if (gm__ev_code_at(sh, j) != GM_TR_PEOPLE && gm__ev_code_at(sh, j) != GM_TR_PERSON)
			break;
	}
	/* a number of a group before, "اثنين من الحوثيين قتلا": the number, من
	 * and the group's one word */
	if (i >= s0 + 3 && gm__word_has(t, i - 2, GM_W_FROM, NULL) && t->tok[i - 3].gap_after != GM_GAP_BREAK &&
	    t->tok[i - 2].gap_after != GM_GAP_BREAK && t->tok[i - 1].gap_after != GM_GAP_BREAK) {
		long v = gm__parse_number(t, i - 3, &used);
		if (v >= 0 && used == 1 && !taken[i - 3 - s0]) {
			taken[i - 3 - s0] = 1;
			return v;
		}
	}
	/* a singular person right before, no number before him: "أنَّ شخصًا
	 * مدنيًا قتل" is one killed */
	for (size_t j = i; j > s0 && gm__ev_code_at(sh, j - 1) == GM_TR_PERSON && t->tok[j - 1].gap_after != GM_GAP_BREAK;) {
		j--;
		if (j == s0 || (gm__parse_number(t, j - 1, &used) < 0 && gm__ev_code_at(sh, j - 1) != GM_TR_PERSON &&
		                gm__ev_code_at(sh, j - 1) != GM_TR_PEOPLE))
			return 1;
	}
	/* a dual people noun right after or before: قتل جنديان، جنديين قتلا */
	const size_t around[2] = {i + 1, i - 1};   /* i - 1 wraps past s1 when i is 0 */
	for (size_t a = 0; a < 2; a++) {
		size_t j = around[a];
		if (j >= s0 && j < s1 && gm__ev_code_at(sh, j) == GM_TR_PEOPLE_TWO && !taken[j - s0]) {
			taken[j - s0] = 1;
			return 2;
		}
	}
	/* after: skip "more than" words (ما لا يقل عن: one of four words) and one
	 * people noun, up to four of them */
	for (size_t j = i + 1, skipped = 0; j < s1 && skipped < 4; j++, skipped++) {
		long v = gm__parse_number(t, j, &used);
		if (v >= 0) {
			if (taken[j - s0] || gm__ev_code_at(sh, j + used) == GM_TR_UNIT)
				break;
			taken[j - s0] = 1;
			size_t k = j + used;
			if (k < s1 && (gm__ev_code_at(sh, k) == GM_TR_PEOPLE || gm__ev_code_at(sh, k) == GM_TR_PERSON))
				v = add_joined_group(t, sh, k + sh->at[k - s0].n, v);
			return v;
		}
		int code = gm__ev_code_at(sh, j);
		/* "مقتل ضابط"، "استشهد مجند": one person, and those joined to him,
		 * past his name ("استشهد الملازم عبد الله أحمد و4 مجندين آخرين") */
		if (code == GM_TR_PERSON && skipped == 0) {
			for (size_t x = j + sh->at[j - s0].n; x < s1 && x <= j + 4; x++) {
				long sum = add_joined_group(t, sh, x, 1);
				if (sum > 1 || t->tok[x].gap_after == GM_GAP_BREAK || (x > j + 1 && gm__ev_code_at(sh, x)))
					return sum;
			}
			return 1;
		}
		if (code != GM_TR_AT_LEAST && code != GM_TR_PEOPLE)
			break;
		j += sh->at[j - s0].n - 1;
	}
	return -1;
}

long gm__ev_toll_at(const gm_tokens *t, const sentence_hits *sh, size_t i)
{
	uint8_t taken[512];
	if (sh->s1 - sh->s0 > sizeof taken)
		return -1;
	memset(taken, 0, sh->s1 - sh->s0);
	int code = gm__ev_code_at(sh, i);
	if (code == GM_TR_KILLED_TWO)
		return 2;
	if (code != GM_TR_KILLED && code != GM_TR_KILLED_ONE)
		return -1;
	long v = figure_near(t, sh, i, taken);
	return v < 0 && code == GM_TR_KILLED_ONE && !gm__ev_is_definite(t, i) ? 1 : v;
}

/* "ارتفعت حصيلة القتلى إلى 9"، "لترتفع محصّلة ضحايا الجولة الثانية للمعارك
 * إلى ثمانية": after a count word and the casualty word at i, the number
 * behind إلى within eight words is the toll; -1 when none. */
static long toll_rose_to(const gm_tokens *t, const sentence_hits *sh, size_t i, uint8_t *taken)
{
	if (i == sh->s0 || !gm__word_has(t, i - 1, GM_W_TOLL, NULL))
		return -1;
	for (size_t j = i + 1; j + 1 < sh->s1 && j <= i + 8; j++) {
		/* (not a toll since a date: "حصيلة ضحايا العدوان منذ 7 أكتوبر
		 * إلى ..." counts a war, not this event) */
		if (t->tok[j - 1].gap_after == GM_GAP_BREAK || gm__word_has(t, j, GM_W_SINCE, NULL))
			break;
		/* (إلى as folding writes it: alef, ى as ي) */
		if (t->tok[j].f_len == strlen("الي") && !memcmp(gm__tok_text(t, j), "الي", strlen("الي"))) {
			size_t used;
			long v = gm__parse_number(t, j + 1, &used);
			if (v >= 0 && !taken[j + 1 - sh->s0]) {
				taken[j + 1 - sh->s0] = 1;
				return v;
			}
			break;
		}
	}
	return -1;
}

/* "170 قتيلًا وجريحًا"، "مقتل وإصابة ستة": a casualty word of the dead at
 * token j joined by و to one of the hurt right after it counts both
 * together; the index of that word, or 0 when none. */
static size_t joined_injured(const gm_tokens *t, const sentence_hits *sh, size_t j)
{
	size_t k = j + sh->at[j - sh->s0].n;
	if (k >= sh->s1 || gm__ev_code_at(sh, k) != GM_TR_INJURED || t->tok[k - 1].gap_after == GM_GAP_BREAK ||
	    !gm__utf8_has_prefix(gm__tok_text(t, k), t->tok[k].f_len, "و"))
		return 0;
	return k;
}

/* Whether the event word at token j tells of something not done: demanded
 * or promised (before quiet_until), asked for, a purpose, a call to stop,
 * weapons counted. */
static int not_done(const gm_tokens *t, const sentence_hits *sh, size_t j, size_t quiet_until)
{
	size_t s0 = sh->s0;
	const hit *h = &sh->at[j - s0];
	int code = h->code;
	int event_word = code < GM_EV_N || code == GM_TR_ATTACK || code == GM_TR_TARGETING;
	/* "وقف القتال", "وقف فوري للقتال": a call to stop, not fighting */
	int stopped = (j > s0 && gm__ev_stop_word(t, j - 1)) || (j > s0 + 1 && gm__ev_stop_word(t, j - 2));
	/* "40 نظام مدفعية", "30 قذيفة هاون": weapons counted (destroyed,
	 * seized), not fire */
	size_t u;
	int counted = (j > s0 && gm__parse_number(t, j - 1, &u) >= 0) ||
	              (j > s0 + 1 && gm__parse_number(t, j - 2, &u) >= 0 && u == 1);
	int violent_word = (code < GM_EV_N && gm__ev_is_violent(code)) || code == GM_TR_ATTACK || code == GM_TR_TARGETING;
	/* "طالبت بانسحاب القوات", "طالب بوقف": what a call asks for, behind
	 * ب right after it, is not done */
	int asked = 0;
	if (event_word && gm__utf8_count(gm__tok_text(t, j), t->tok[j].f_len) > 2 && gm__utf8_has_prefix(gm__tok_text(t, j), t->tok[j].f_len, "ب"))
		for (size_t back = 1; back <= 3 && j >= s0 + back && !asked; back++) {
			int prev = sh->at[j - back - s0].code;
			if (prev)
				asked = prev == GM_EV_DIPLOMACY ? 1 : -1;   /* the nearest event word before decides */
		}
	asked = asked > 0;
	/* ل + a verbal noun is a purpose (لاستعادة المدينة "to retake the town"),
	 * not a deed, unless it is what a place underwent (تعرضت لقصف) */
	int purpose = event_word && h->purpose;
	for (size_t back = 1; back <= 3 && purpose && j >= s0 + back; back++)
		purpose = sh->at[j - back - s0].code != GM_TR_UNDERGO;   /* تعرضت مدينة باردا لقصف */
	/* "نزوح محتمل"، "هجوم وشيك": feared or expected, not told */
	int feared = event_word && j + h->n < sh->s1 && gm__word_has(t, j + h->n, GM_W_POSSIBLE, NULL);
	return (event_word && (j < quiet_until || asked || purpose || feared)) || (violent_word && (stopped || counted));
}

/* The event types the generic words of a sentence (هجوم، استهدف) tell:
 * what the specific word says, where the generic word is; fire or a clash
 * when alone. Whether the sentence tells of violence. */
static int generic_words(sentence_report *sr, const hit *attack, const hit *targeting)
{
	/* an attack by drones or aircraft is an air strike, not a clash */
	if (sr->have[GM_EV_AIR_STRIKE])
		sr->have[GM_EV_ARMED_CLASH] = 0;
	int any_violent = 0;
	for (int c = 1; c < GM_EV_N; c++)
		any_violent |= sr->have[c] && gm__ev_is_violent(c);
	/* "استهدف مناطق سكنية في باردا ... منظومة سميرش الصاروخية": the specific
	 * word says what, the generic word before it where the sentence tells it */
	const hit *first_generic = attack->code && (!targeting->code || attack->tok < targeting->tok) ? attack
	                           : targeting->code                                               ? targeting
	                                                                                           : NULL;
	for (int c = 1; c < GM_EV_N && first_generic; c++)
		if (sr->have[c] && gm__ev_is_violent(c) && first_generic->tok < sr->ev[c].tok) {
			int said = sr->ev[c].sub;   /* what the specific word says of it (انتحاري: a suicide bomb) */
			sr->ev[c] = *first_generic;
			sr->ev[c].sub = said;
		}
	/* a generic word alone: targeting is mostly fire, an attack a clash */
	if (!any_violent && (targeting->code || attack->code)) {
		int c = targeting->code ? GM_EV_SHELLING : GM_EV_ARMED_CLASH;
		sr->have[c] = sr->generic[c] = 1;
		sr->ev[c] = targeting->code ? *targeting : *attack;
		any_violent = 1;
	}
	return any_violent;
}

/* Types a sentence's other words undo: a fire in violence, fighters routed,
 * an operation's name; and a toll with no event word is fighting. */
static void settle_types(const sentence_hits *sh, sentence_report *sr, int any_violent)
{
	size_t s0 = sh->s0, s1 = sh->s1;
	/* a fire or a collapse in a sentence of violence is that violence's
	 * damage (اندلع حريق إثر القصف), not a disaster of its own */
	if (any_violent)
		sr->have[GM_EV_DISASTER] = 0;
	/* "قصفت الطائرات البلدة بغاز السارين": ACLED codes a chemical attack
	 * as a chemical weapon, whatever carried it */
	if (sr->have[GM_EV_CHEMICAL])
		sr->have[GM_EV_SHELLING] = sr->have[GM_EV_AIR_STRIKE] = 0;
	/* "أجبر العناصر على الفرار": fighters routed, not people displaced
	 * (event-triggers.tsv, combatant: within three words of the flight) */
	for (size_t d = 1; d <= 3 && sr->have[GM_EV_DISPLACEMENT]; d++) {
		size_t at = sr->ev[GM_EV_DISPLACEMENT].tok;
		if ((at >= s0 + d && gm__ev_code_at(sh, at - d) == GM_TR_COMBATANT) || gm__ev_code_at(sh, at + d) == GM_TR_COMBATANT)
			sr->have[GM_EV_DISPLACEMENT] = 0;
	}
	/* "عملية إعصار الجنوب": an operation's name (event-triggers.tsv, operation) */
	for (size_t back = 1; back <= 3 && sr->have[GM_EV_DISASTER] && sr->ev[GM_EV_DISASTER].tok >= s0 + back; back++)
		if (gm__ev_code_at(sh, sr->ev[GM_EV_DISASTER].tok - back) == GM_TR_OPERATION)
			sr->have[GM_EV_DISASTER] = 0;
	/* people killed or hurt with no other event word: fighting (ACLED codes
	 * a casualty report under the violence that caused it); a disaster's
	 * word (قتلى الزلزال) keeps its toll */
	/* (and no other event word: "بالآلاف من المتظاهرين في أحد الشهداء" is a
	 * protest, not fighting) */
	int any = 0;
	for (int c = 1; c < GM_EV_N; c++)
		any |= sr->have[c];
	if (!any && (sr->killed >= 0 || sr->injured >= 0)) {
		for (size_t j = s0; j < s1; j++) {
			int code = sh->at[j - s0].code;
			if (code == GM_TR_KILLED || code == GM_TR_KILLED_ONE || code == GM_TR_INJURED || code == GM_TR_KILLED_TWO ||
			    code == GM_TR_INJURED_TWO) {
				sr->have[GM_EV_ARMED_CLASH] = 1;
				sr->ev[GM_EV_ARMED_CLASH] = sh->at[j - s0];
				sr->toll_only = 1;
				break;
			}
		}
	}
}

/* What a word of the dead at token j says of the sentence's killed: the
 * first such word's figure; a risen toll over it ("سقوط قتيل اليوم، لترتفع
 * بذلك محصّلة ضحايا الجولة إلى ثمانية": the event's count so far, the day's
 * dead in it); nothing where it is joined to a word of the hurt, the dead
 * and the hurt in one figure (ACLED keeps no combined count as fatalities;
 * the figure is taken, so no other casualty word reads it). Returns the last
 * token the words read take. */
static size_t read_killed(const gm_tokens *t, const sentence_hits *sh, size_t j, uint8_t *taken, sentence_report *sr)
{
	size_t k = joined_injured(t, sh, j);
	if (k) {
		(void)figure_near(t, sh, j, taken);
		(void)figure_near(t, sh, k, taken);
		return k + sh->at[k - sh->s0].n - 1;
	}
	if (sr->killed < 0) {
		sr->killed = figure_near(t, sh, j, taken);
		if (sr->killed < 0)
			sr->killed = toll_rose_to(t, sh, j, taken);
		if (sr->killed < 0 && gm__ev_code_at(sh, j) == GM_TR_KILLED_ONE && !gm__ev_is_definite(t, j))
			sr->killed = 1;   /* "شهيد في شمسطار"; "الشهيد علاء أبو فخر" is one known */
	} else {
		long risen = toll_rose_to(t, sh, j, taken);
		if (risen > sr->killed)
			sr->killed = risen;
	}
	return j + sh->at[j - sh->s0].n - 1;
}

void gm__ev_read_sentence(const gm_tokens *t, const sentence_hits *sh, uint8_t *taken, sentence_report *sr)
{
	size_t s0 = sh->s0, s1 = sh->s1;
	memset(sr, 0, sizeof *sr);
	sr->killed = sr->injured = -1;
	hit attack = {0}, targeting = {0};
	size_t quiet_until = s0;   /* before it, event words are demanded or promised, not done */
	int toll_seen = 0;
	for (size_t j = s0; j < s1; j++) {
		const hit *h = &sh->at[j - s0];
		if (!h->code)
			continue;
		size_t next = j + h->n - 1;
		int code = h->code;
		if (code == GM_TR_IRREALIS)
			quiet_until = gm__ev_clause_end(sh, t, j + h->n, s1);
		else if (code == GM_TR_UNHURT)
			sr->unhurt = 1;
		else if (not_done(t, sh, j, quiet_until))
			; /* not an event */
		else if (code == GM_TR_ATTACK && !attack.code)
			attack = *h;
		else if (code == GM_TR_TARGETING && !targeting.code)
			targeting = *h;
		else if (code < GM_EV_N) {
			if (code == GM_EV_DIPLOMACY && during_before(t, j, s0))
				sr->during = 1;
			if (!sr->have[code]) {
				sr->have[code] = 1;
				sr->ev[code] = *h;
			}
		} else if (code == GM_TR_KILLED || code == GM_TR_KILLED_ONE) {
			next = read_killed(t, sh, j, taken, sr);
		} else if (code == GM_TR_INJURED && sr->injured < 0) {
			sr->injured = figure_near(t, sh, j, taken);
		} else if (code == GM_TR_KILLED_TWO && sr->killed < 0) {
			sr->killed = 2;   /* قتيلين، شهيدان */
		} else if (code == GM_TR_INJURED_TWO && sr->injured < 0) {
			sr->injured = 2;
		}
		if (!toll_seen && (sr->killed >= 0 || sr->injured >= 0)) {
			toll_seen = 1;
			sr->toll_at = j;
		}
		j = next;
	}
	settle_types(sh, sr, generic_words(sr, &attack, &targeting));
	/* "لقصف مدفعي مكثف مع إطلاق نار من آليات الاحتلال": fire that goes with a
	 * shelling is the shelling's, no clash of its own */
	if (sr->have[GM_EV_SHELLING] && sr->have[GM_EV_ARMED_CLASH]) {
		size_t c = sr->ev[GM_EV_ARMED_CLASH].tok;
		if (c > sr->ev[GM_EV_SHELLING].tok && c > s0 && t->tok[c - 1].f_len == strlen("مع") &&
		    gm__utf8_starts(gm__tok_text(t, c - 1), "مع"))
			sr->have[GM_EV_ARMED_CLASH] = 0;
	}
	if (sr->unhurt) {
		if (sr->killed < 0)
			sr->killed = 0;
		if (sr->injured < 0)
			sr->injured = 0;
	}
}

size_t gm__ev_later_hit(const gm_tokens *t, const sentence_hits *sh, int c, size_t from)
{
	size_t quiet_until = sh->s0;
	for (size_t j = sh->s0; j < sh->s1; j++) {
		const hit *h = &sh->at[j - sh->s0];
		if (!h->code)
			continue;
		if (h->code == GM_TR_IRREALIS)
			quiet_until = gm__ev_clause_end(sh, t, j + h->n, sh->s1);
		else if (j >= from && h->code == c && !not_done(t, sh, j, quiet_until))
			return j;
		j += h->n - 1;
	}
	return (size_t)-1;
}

/* Fire in sentence sh is told only by words of bombardment that say not
 * from where (قصف, event-words.tsv) or by a generic word alone (استهدف):
 * no artillery, rocket or mortar word stands in it. */
int gm__ev_bare_fire(const gm_gazetteer *g, const sentence_hits *sh, const sentence_report *sr)
{
	if (!sr->have[GM_EV_SHELLING])
		return 0;
	if (sr->generic[GM_EV_SHELLING])
		return 1;
	for (size_t j = sh->s0; j < sh->s1; j++) {
		const hit *h = &sh->at[j - sh->s0];
		if (h->code == GM_EV_SHELLING &&
		    !(h->key && gm__function_word(gm__gaz_str(g, h->key->str), h->key->len, GM_W_BOMBARD, NULL)))
			return 0;
	}
	return 1;
}
