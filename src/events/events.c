/* events.c: triggers, casualty figures, dates and places of the events one
 * document reports. */
#include "events.h"

#include "eventwords.h"

#include "resolve.h"

#include "crs.h"
#include "error.h"
#include "grow.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------- events */

typedef struct hit {
	size_t tok, n;   /* the tokens of the trigger */
	int code;
	uint32_t b0, b1;
	int purpose;     /* read behind the clitic ل alone (لاستعادة، لقصف) */
	int sub;         /* the ACLED sub-event type its row gives (GM_TRIGGER_SUB) */
	const gm_gaz_key *key;   /* the gazetteer key it was read as */
} hit;

/* The trigger that starts at token i, read through clitics, longest first. */
static int trigger_at(const gm_gazetteer *g, const gm_tokens *t, size_t i, hit *h)
{
	gm_reading rd[GM_MAX_READINGS];
	const gm_token *tk = &t->tok[i];
	if (tk->is_number)
		return 0;
	size_t nr = gm__readings(g, gm__tok_text(t, i), tk->f_len, rd);
	/* event words take the article freely (المظاهرات، القصف): unlike place
	 * names, stripping it turns nothing into something else */
	for (size_t j = 0, n0 = nr; j < n0 && nr < GM_MAX_READINGS; j++) {
		if (gm__utf8_count(rd[j].text, rd[j].len) <= 3 || !gm__utf8_has_prefix(rd[j].text, rd[j].len, "ال"))
			continue;
		gm_reading *x = &rd[nr];
		*x = rd[j];
		memmove(x->text, x->text + 4, x->len - 4);
		x->len -= 4;
		const gm_gaz_key *k = gm__gaz_find(g, x->text, x->len);
		x->key = k;
		x->max_words = k ? (k->max_words ? k->max_words : 1) : 0;
		nr++;
	}
	uint32_t run = 1;
	while (i + run < t->n && run < GM_GAZ_MAX_WORDS && t->tok[i + run - 1].gap_after == GM_GAP_JOIN)
		run++;
	char key[1024];
	for (uint32_t n = run; n >= 1; n--) {
		for (size_t j = 0; j < nr; j++) {
			if (rd[j].max_words < n)
				continue;
			const gm_gaz_key *k = gm__reading_key(g, t, &rd[j], i, n, key, sizeof key);
			uint8_t note = k ? gm__gaz_trigger(g, k) : 0;
			if (note) {
				h->tok = i;
				h->n = n;
				h->code = GM_TRIGGER_CODE(note);
				h->sub = GM_TRIGGER_SUB(note);
				h->b0 = tk->b0;
				h->b1 = t->tok[i + n - 1].b1;
				h->purpose = !strcmp(rd[j].clitic, "ل") && !rd[j].lam_article;
				h->key = k;
				return 1;
			}
		}
	}
	return 0;
}

static int is_violent(int code)
{
	return code == GM_EV_SHELLING || code == GM_EV_AIR_STRIKE || code == GM_EV_ARMED_CLASH ||
	       code == GM_EV_EXPLOSION;
}

/* Types whose event carries the casualty figures of its sentence: violence,
 * and disasters (a toll after an earthquake is the earthquake's). */
static int has_toll(int code) { return is_violent(code) || code == GM_EV_DISASTER; }

/* Types ACLED codes once per place in a list of places (قصف على A وB وC،
 * سيطرت على قرى A، B، C، نزوح من A وB، مظاهرات في A وB). */
static int per_place(int code)
{
	return is_violent(code) || code == GM_EV_TERRITORY_CHANGE || code == GM_EV_DISPLACEMENT ||
	       code == GM_EV_PROTEST || code == GM_EV_ARRESTS || code == GM_EV_ABDUCTION ||
	       code == GM_EV_PROPERTY_DESTRUCTION;
}

/* Matches x and x + 1 are one item of a list: a place and the word after
 * it, side by side, that the gazetteer reads as a name of its own or as none
 * (جباليا النزلة، جباليا البلد: Jabalia's quarters). A word read as no place
 * before a name (خالد العبيدي) starts no item. */
static int one_item(const gm_match *m, const gm_resolved *r, size_t x)
{
	return m[x].tok_last + 1 == m[x + 1].tok_first && r[x].place != GM_GAZ_NO_PLACE;
}

/* Is match k an item of a list whose earlier item j (k > j) the event has
 * taken: the same run of names joined by و or commas, perhaps past items the
 * gazetteer does not know? */
static int listed_after(const gm_match *m, const gm_resolved *r, size_t j, size_t k)
{
	for (size_t x = j; x < k; x++)
		if (!gm__listed_together(m, x) && !one_item(m, r, x))
			return 0;
	return 1;
}

/* Precision of a place as ACLED geo_precision: 1 a town or village, 2 a
 * district or a point near a town, 3 a region, country or natural feature. */
static int precision_of(const gm_gazetteer *g, uint32_t place, int near)
{
	const char *f = g->places[place].feature;
	if (!strncmp(f, "PPL", 3))
		return near ? 2 : 1;
	if (!strcmp(f, "ADM2") || !strcmp(f, "ADM3") || !strcmp(f, "RD") || !strcmp(f, "PASS") || !strcmp(f, "AIRP"))
		return 2;
	return 3;
}

/* The words of one sentence as event words: hits[j - s0] is the trigger that
 * starts at token j (code 0: none), found once per sentence. */
typedef struct sentence_hits {
	const hit *at;
	size_t s0, s1;
} sentence_hits;

/* The code of the trigger at token j, 0 when none or outside the sentence. */
static int code_at(const sentence_hits *sh, size_t j)
{
	return j >= sh->s0 && j < sh->s1 ? sh->at[j - sh->s0].code : 0;
}

/* Words that put a place after a trigger: في على من قرب باتجاه نحو, right
 * before the name or before its type word (في منطقة ساريبابا): 1; 2 when
 * the place follows the event word itself, as its object or its agent. */
static int locative_before(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, size_t i,
                           int from_counts)
{
	for (size_t back = 1; back <= 3 && i >= back; back++) {
		if (gm__word_has(t, i - back, GM_W_LOCATIVE, NULL))
			/* "من داخل أرمينيا": where fire came from */
			return !(i - back >= 1 && gm__word_has(t, i - back - 1, GM_W_FROM, NULL) && !from_counts);
		/* a verb whose object is the place reached (event-triggers.tsv, reach):
		 * "طال القصف كلاً من ..." */
		if (code_at(sh, i - back) == GM_TR_REACH)
			return 1;
		/* the event word itself, with at most its subject between: the place
		 * is its object ("قصفت المدفعية باردا وتيرتر"، "قصف جباليا"), unless
		 * the caller finds it an actor ("استعادة باكو السيطرة"، "قصف أذربيجان") */
		int code = code_at(sh, i - back);
		if (code > 0 && code < GM_EV_N)
			return 2;
		/* "بما يشمل X"، "من بينها مدينة X": a place the event reached too */
		if (gm__word_has(t, i - back, GM_W_INCLUDING, NULL))
			return 1;
		/* "كلاً من X وY": each of them, not where from */
		if (gm__word_has(t, i - back, GM_W_FROM, NULL) && i - back >= 1 && gm__word_has(t, i - back - 1, GM_W_EACH, NULL))
			return 1;
		/* "من" is where fire comes from, but where people flee from */
		if (from_counts && gm__word_has(t, i - back, GM_W_FROM, NULL))
			return 1;
		/* a type word or an adjective may stand between: في العاصمة الأرمينية يريفان */
		const gm_token *pt = &t->tok[i - back];
		const char *w = gm__tok_text(t, i - back);
		size_t ya = strlen("ي"), yah = strlen("يه");
		int adjective = gm__utf8_count(w, pt->f_len) > 3 && gm__utf8_has_prefix(w, pt->f_len, "ال") &&
		                (!memcmp(w + pt->f_len - ya, "ي", ya) || !memcmp(w + pt->f_len - yah, "يه", yah));
		/* or who strikes, between the event word and its object: قصفت قوات الاحتلال X */
		if (GM_CUE_ROLE(gm__cue(g, w, pt->f_len)) != GM_CUE_TYPE && !adjective &&
		    !gm__word_has(t, i - back, GM_W_AGENT, NULL))
			return 0;
	}
	return 0;
}

/* "قصف على مناطق عدة، بما يشمل جباليا، وبيت لاهيا": a place behind an
 * including word (event-words.tsv) that opens the clause right after the
 * event's own still belongs to the event's clause, though a comma stands
 * between. */
static int included_after(const gm_gazetteer *g, const gm_tokens *t, size_t i, size_t clause_after)
{
	for (size_t back = 1; back <= 3 && i >= back; back++) {
		size_t w = i - back;
		if (gm__word_has(t, w, GM_W_INCLUDING, NULL))
			return w < clause_after + 2;
		const gm_token *pt = &t->tok[w];
		if (GM_CUE_ROLE(gm__cue(g, gm__tok_text(t, w), pt->f_len)) != GM_CUE_TYPE)
			return 0;
	}
	return 0;
}

static int is_country_place(const gm_gazetteer *g, uint32_t place)
{
	return !strncmp(g->places[place].feature, "PCL", 3);
}

/* Countries and capitals named in a report are mostly its actors ("قالت
 * باكو", "اتهمت أذربيجان"), not where it happened. */
static int is_actor_place(const gm_gazetteer *g, uint32_t place)
{
	return is_country_place(g, place) || !strcmp(g->places[place].feature, "PPLC");
}

/* A word of that function (event-words.tsv) stands right before the name
 * at token i, or before a type word in front of it (رئيس جمهورية تتارستان،
 * عاصمة جمهورية تتارستان). */
static int word_before_name(const gm_gazetteer *g, const gm_tokens *t, size_t i, int function)
{
	for (size_t back = 1; back <= 2 && i >= back; back++) {
		if (gm__word_has(t, i - back, function, NULL))
			return 1;
		const gm_token *pt = &t->tok[i - back];
		if (GM_CUE_ROLE(gm__cue(g, gm__tok_text(t, i - back), pt->f_len)) != GM_CUE_TYPE)
			return 0;
	}
	return 0;
}

/* "رئيس جمهورية تتارستان", "محافظ كورسك": a place named in an official's
 * title speaks or acts; it is not where the event happened. */
static int in_title(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	return word_before_name(g, t, i, GM_W_OFFICIAL);
}

/* A country's capital or a division's seat, as the gazetteer build found
 * it; GM_NO_PLACE when not known. */
static uint32_t seat_of(const gm_gazetteer *g, uint32_t place)
{
	uint32_t s = g->places[place].seat;
	return s && s <= g->h->n_places ? s - 1 : GM_NO_PLACE;
}

/* "عاصمة جمهورية تتارستان": the name at token i follows "capital of". */
static int capital_before(const gm_gazetteer *g, const gm_tokens *t, size_t i)
{
	return word_before_name(g, t, i, GM_W_CAPITAL);
}

/* The word at i carries the article, behind any clitics (القتال، والاشتباكات،
 * بالهجوم، للقصف). */
static int is_definite(const gm_tokens *t, size_t i)
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
static int related_link(const gm_tokens *t, size_t s0, size_t s1)
{
	return s1 - s0 >= 2 && gm__word_has(t, s0 + 1, GM_W_ALSO, NULL) && gm__word_has(t, s0, GM_W_SEE, NULL);
}

/* The end of the clause token i is in: the first punctuation after it. */
/* Words that open a clause of their own where news runs two on without a
 * comma (event-triggers.tsv, clause): "قصفت القوات الفلوجة كما أغارت
 * مقاتلات على أحياء ..." */
static int clause_opener(const sentence_hits *sh, size_t i)
{
	return code_at(sh, i) == GM_TR_CLAUSE;   /* the sentence's event words are read once, in sh */
}

static size_t clause_end(const sentence_hits *sh, const gm_tokens *t, size_t i, size_t s1)
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
static size_t opened_at(const sentence_hits *sh, size_t i, size_t s0)
{
	while (i > s0 && !clause_opener(sh, i))
		i--;
	return i;
}

/* The first token of the clause token i is in. */
static size_t clause_start(const sentence_hits *sh, const gm_tokens *t, size_t i, size_t s0)
{
	while (i > s0 && t->tok[i - 1].gap_after != GM_GAP_BREAK && !clause_opener(sh, i))
		i--;
	return i;
}

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
static long year_of(const gm_tokens *t, const sentence_hits *sh, const hit *h, size_t s1)
{
	size_t after = h->tok + h->n;
	for (size_t k = after; k < s1 && k <= after + 4; k++) {
		int before = k > sh->s0 ? sh->at[k - 1 - sh->s0].code : 0;
		int cue = before == GM_TR_YEAR || (before > 0 && before < GM_EV_N);   /* عام 2016، حرب 2020 */
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


/* "أربعة جنود ومدنيين اثنين": a second group joined by و adds to the figure. */
static long add_joined_group(const gm_tokens *t, const sentence_hits *sh, size_t j, long v)
{
	if (code_at(sh, j) == GM_TR_PEOPLE && gm__utf8_has_prefix(gm__tok_text(t, j), t->tok[j].f_len, "و")) {
		size_t used, after = j + sh->at[j - sh->s0].n;
		long v2 = gm__parse_number(t, after, &used);
		if (v2 > 0 && after < sh->s1)
			return v + v2;
	}
	return v;
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
		long v = gm__parse_number(t, j, &used);
		if (v >= 0 && j + used <= i) {
			if (taken[j - s0] || (j + used < i && code_at(sh, j + used) == GM_TR_UNIT))
				break;
			taken[j - s0] = 1;
			return v;
		}
		if (code_at(sh, j) != GM_TR_PEOPLE)
			break;
	}
	/* a dual people noun right after or before: قتل جنديان، جنديين قتلا */
	const size_t around[2] = {i + 1, i - 1};   /* i - 1 wraps past s1 when i is 0 */
	for (size_t a = 0; a < 2; a++) {
		size_t j = around[a];
		if (j >= s0 && j < s1 && code_at(sh, j) == GM_TR_PEOPLE_TWO && !taken[j - s0]) {
			taken[j - s0] = 1;
			return 2;
		}
	}
	/* after: skip "more than" words and one people noun */
	for (size_t j = i + 1; j < s1 && j <= i + 4; j++) {
		long v = gm__parse_number(t, j, &used);
		if (v >= 0) {
			if (taken[j - s0] || code_at(sh, j + used) == GM_TR_UNIT)
				break;
			taken[j - s0] = 1;
			size_t k = j + used;
			if (code_at(sh, k) == GM_TR_PEOPLE)
				v = add_joined_group(t, sh, k + sh->at[k - s0].n, v);
			return v;
		}
		int code = code_at(sh, j);
		if (code != GM_TR_AT_LEAST && code != GM_TR_PEOPLE)
			break;
		j += sh->at[j - s0].n - 1;
	}
	return -1;
}

/* Two places an analyst would not tell apart on a map of events: the same
 * one, or two names of one region (Karabakh, Nagorno-Karabakh) within 25 km. */
static int same_spot(const gm_gazetteer *g, uint32_t a, uint32_t b)
{
	if (a == b)
		return 1;
	if (a == GM_NO_PLACE || b == GM_NO_PLACE)
		return 0;
	/* towns, corridors and districts next to each other are distinct events */
	if (precision_of(g, a, 0) < 3 || precision_of(g, b, 0) < 3)
		return 0;
	const gm_gaz_place *x = &g->places[a], *y = &g->places[b];
	return gm__geodesic_km(x->lat, x->lon, y->lat, y->lon, NULL) <= 25.0;
}

/* وقف "stop" with its clitics and article: وقف، لوقف، بوقف، الوقف، للوقف. */
static int stop_word(const gm_tokens *t, size_t i)
{
	return gm__word_has(t, i, GM_W_STOP, NULL);
}

static gm_event *push_event(gm_event_list *out, gm_error *err)
{
	if (GM__GROW(out->e, out->cap, out->n + 1) || GM__GROW(out->bare, out->bare_cap, out->n + 1)) {
		gm__fail(err, GM_ENOMEM, "out of memory");
		return NULL;
	}
	out->bare[out->n] = 0;
	gm_event *e = &out->e[out->n++];
	memset(e, 0, sizeof *e);
	e->place = GM_NO_PLACE;
	e->fatalities = e->injured = -1;
	return e;
}


/* The document's focus: the place most mentioned, the most specific (not a
 * country) where one is mentioned at least twice; a tie goes to the one
 * named first. (Counted by sorting: linear-log in the mentions.) */
static uint32_t focus_place(const gm_gazetteer *g, const gm_resolved *r, size_t n)
{
	gm_place_at *pf = malloc((n ? n : 1) * sizeof *pf);
	size_t k = 0;
	for (size_t i = 0; pf && i < n; i++)
		if (r[i].place != GM_GAZ_NO_PLACE)
			pf[k++] = (gm_place_at){r[i].place, i};
	if (k)
		qsort(pf, k, sizeof *pf, gm__cmp_place_at);
	uint32_t best = GM_NO_PLACE, best_country = GM_NO_PLACE;
	size_t best_n = 0, best_cn = 0, best_at = 0, best_cat = 0;
	for (size_t a = 0; a < k;) {
		size_t b = a;
		while (b < k && pf[b].place == pf[a].place)
			b++;
		size_t c = b - a, at = pf[a].first;
		if (!strncmp(g->places[pf[a].place].feature, "PCL", 3)) {
			if (c > best_cn || (c == best_cn && at < best_cat)) {
				best_cn = c;
				best_cat = at;
				best_country = pf[a].place;
			}
		} else if (c > best_n || (c == best_n && at < best_at)) {
			best_n = c;
			best_at = at;
			best = pf[a].place;
		}
		a = b;
	}
	free(pf);
	return best_n >= 2 || best == GM_NO_PLACE ? (best != GM_NO_PLACE ? best : best_country) : best;
}

/* What one sentence says: its first trigger of each event type, the
 * casualty figures, and the words that change how they are read. */
typedef struct sentence_report {
	hit ev[GM_EV_N];
	int have[GM_EV_N];
	int generic[GM_EV_N];   /* the event came from هجوم/استهدف, no specific word */
	long killed, injured;
	int unhurt;             /* دون تسجيل إصابات */
	int during;             /* a meeting word behind خلال: more of one already told */
	int toll_only;          /* casualty words and no event word: the toll of some violence */
} sentence_report;

static void read_sentence(const gm_tokens *t, const sentence_hits *sh, uint8_t *taken, sentence_report *sr)
{
	size_t s0 = sh->s0, s1 = sh->s1;
	memset(sr, 0, sizeof *sr);
	sr->killed = sr->injured = -1;
	hit attack = {0}, targeting = {0};
	size_t quiet_until = s0;   /* before it, event words are demanded or promised, not done */
	for (size_t j = s0; j < s1; j++) {
		const hit *h = &sh->at[j - s0];
		if (!h->code)
			continue;
		size_t next = j + h->n - 1;
		int code = h->code;
		int event_word = code < GM_EV_N || code == GM_TR_ATTACK || code == GM_TR_TARGETING;
		/* "وقف القتال", "وقف فوري للقتال": a call to stop, not fighting */
		int stopped = (j > s0 && stop_word(t, j - 1)) || (j > s0 + 1 && stop_word(t, j - 2));
		/* "40 نظام مدفعية", "30 قذيفة هاون": weapons counted (destroyed,
		 * seized), not fire */
		size_t u;
		int counted = (j > s0 && gm__parse_number(t, j - 1, &u) >= 0) ||
		              (j > s0 + 1 && gm__parse_number(t, j - 2, &u) >= 0 && u == 1);
		int violent_word = (code < GM_EV_N && is_violent(code)) || code == GM_TR_ATTACK || code == GM_TR_TARGETING;
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
		if (code == GM_TR_IRREALIS)
			quiet_until = clause_end(sh, t, j + h->n, s1);
		else if (code == GM_TR_UNHURT)
			sr->unhurt = 1;
		else if ((event_word && (j < quiet_until || asked || purpose)) || (violent_word && (stopped || counted)))
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
		} else if (code == GM_TR_KILLED && sr->killed < 0) {
			sr->killed = figure_near(t, sh, j, taken);
		} else if (code == GM_TR_INJURED && sr->injured < 0) {
			sr->injured = figure_near(t, sh, j, taken);
		} else if (code == GM_TR_KILLED_TWO && sr->killed < 0) {
			sr->killed = 2;   /* قتيلين، شهيدان */
		} else if (code == GM_TR_INJURED_TWO && sr->injured < 0) {
			sr->injured = 2;
		}
		j = next;
	}
	/* an attack by drones or aircraft is an air strike, not a clash */
	if (sr->have[GM_EV_AIR_STRIKE])
		sr->have[GM_EV_ARMED_CLASH] = 0;
	int any_violent = 0;
	for (int c = 1; c < GM_EV_N; c++)
		any_violent |= sr->have[c] && is_violent(c);
	/* "استهدف مناطق سكنية في باردا ... منظومة سميرش الصاروخية": the specific
	 * word says what, the generic word before it where the sentence tells it */
	const hit *first_generic = attack.code && (!targeting.code || attack.tok < targeting.tok) ? &attack
	                           : targeting.code                                            ? &targeting
	                                                                                       : NULL;
	for (int c = 1; c < GM_EV_N && first_generic; c++)
		if (sr->have[c] && is_violent(c) && first_generic->tok < sr->ev[c].tok) {
			int said = sr->ev[c].sub;   /* what the specific word says of it (انتحاري: a suicide bomb) */
			sr->ev[c] = *first_generic;
			sr->ev[c].sub = said;
		}
	/* a generic word alone: targeting is mostly fire, an attack a clash */
	if (!any_violent && (targeting.code || attack.code)) {
		int c = targeting.code ? GM_EV_SHELLING : GM_EV_ARMED_CLASH;
		sr->have[c] = sr->generic[c] = 1;
		sr->ev[c] = targeting.code ? targeting : attack;
		any_violent = 1;
	}
	/* a fire or a collapse in a sentence of violence is that violence's
	 * damage (اندلع حريق إثر القصف), not a disaster of its own */
	if (any_violent)
		sr->have[GM_EV_DISASTER] = 0;
	/* "أجبر العناصر على الفرار": fighters routed, not people displaced
	 * (event-triggers.tsv, combatant: within three words of the flight) */
	for (size_t d = 1; d <= 3 && sr->have[GM_EV_DISPLACEMENT]; d++) {
		size_t at = sr->ev[GM_EV_DISPLACEMENT].tok;
		if ((at >= s0 + d && code_at(sh, at - d) == GM_TR_COMBATANT) || code_at(sh, at + d) == GM_TR_COMBATANT)
			sr->have[GM_EV_DISPLACEMENT] = 0;
	}
	/* "عملية إعصار الجنوب": an operation's name (event-triggers.tsv, operation) */
	for (size_t back = 1; back <= 3 && sr->have[GM_EV_DISASTER] && sr->ev[GM_EV_DISASTER].tok >= s0 + back; back++)
		if (code_at(sh, sr->ev[GM_EV_DISASTER].tok - back) == GM_TR_OPERATION)
			sr->have[GM_EV_DISASTER] = 0;
	/* people killed or hurt with no other event word: fighting (ACLED codes
	 * a casualty report under the violence that caused it); a disaster's
	 * word (قتلى الزلزال) keeps its toll */
	if (!any_violent && !sr->have[GM_EV_DISASTER] && (sr->killed >= 0 || sr->injured >= 0)) {
		for (size_t j = s0; j < s1; j++) {
			int code = sh->at[j - s0].code;
			if (code == GM_TR_KILLED || code == GM_TR_INJURED || code == GM_TR_KILLED_TWO ||
			    code == GM_TR_INJURED_TWO) {
				sr->have[GM_EV_ARMED_CLASH] = 1;
				sr->ev[GM_EV_ARMED_CLASH] = sh->at[j - s0];
				sr->toll_only = 1;
				break;
			}
		}
	}
	if (sr->unhurt) {
		if (sr->killed < 0)
			sr->killed = 0;
		if (sr->injured < 0)
			sr->injured = 0;
	}
}

/* Where an event of type c told by hit h happened, among the sentence's
 * places: for diplomacy, the speaker right after the trigger (دعت موسكو; a
 * country speaks from its capital), else a city next to it, else none; for
 * the rest, the first mention after the trigger behind في/على (من for
 * displacement), else the nearest that is not an actor. *told_at says the
 * place came behind a locative word; *towns counts the towns struck. */
/* The matches of one sentence, [*k0, *k1): found by binary search, as the
 * matcher gives them in text order (sorted says it checked), so a sentence
 * costs its own matches, not the document's. */
typedef struct match_index {
	const gm_match *m;
	size_t n;
	int sorted;
} match_index;

static void sentence_matches(const match_index *mi, size_t s0, size_t s1, size_t *k0, size_t *k1)
{
	if (!mi->sorted) {
		*k0 = 0;
		*k1 = mi->n;
		return;
	}
	size_t lo = 0, hi = mi->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (mi->m[mid].tok_first < s0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*k0 = lo;
	while (hi < mi->n && mi->m[hi].tok_first < s1)
		hi++;
	*k1 = hi;
}

static long place_of_event(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                           const gm_resolved *r,
                           size_t k0, size_t k1, size_t s0, size_t s1, int c, const hit *h, int *told_at, long *towns)
{
	long pick = -1, nearest = -1;
	size_t best_d = (size_t)-1;
	uint32_t last_town = GM_NO_PLACE;
	*towns = 0;
	*told_at = 0;
	/* a town behind a locative in another clause (... ، وقال مسؤول في باكو)
	 * is not one struck */
	size_t clause_after = clause_end(sh, t, h->tok, s1);
	for (size_t k = k0; k < k1; k++) {
		if (r[k].place == GM_GAZ_NO_PLACE || m[k].tok_first < s0 || m[k].tok_first >= s1)
			continue;
		size_t mt = m[k].tok_first;
		if (c == GM_EV_DIPLOMACY) {
			if (mt == h->tok + h->n)
				pick = (long)k;
			else if (!strncmp(g->places[r[k].place].feature, "PPL", 3) && nearest < 0 &&
			         (mt + 2 >= h->tok && mt <= h->tok + h->n + 2))
				nearest = (long)k;
			continue;
		}
		int loc = locative_before(g, t, sh, mt, c == GM_EV_DISPLACEMENT);
		/* right after the event word, a country or capital is who acts */
		if (loc == 2 && is_actor_place(g, r[k].place))
			loc = 0;
		loc = loc || !strcmp(m[k].clitic, "ب");
		int in_clause = mt < clause_after || (mt > h->tok && included_after(g, t, mt, clause_after));
		if (mt > h->tok && pick < 0 && loc) {
			pick = (long)k;
			*told_at = 1;
		}
		if ((is_actor_place(g, r[k].place) || in_title(g, t, mt)) && !loc)
			continue;
		/* the towns shelled: named before the trigger (توفوز ... تعرضت
		 * للقصف) or behind في/على after it, or listed with one that is;
		 * not where fire came from */
		if (!strncmp(g->places[r[k].place].feature, "PPL", 3) && r[k].place != last_town &&
		    (mt < h->tok || (loc && in_clause && mt > h->tok) ||
		     (*towns && k > 0 && (gm__listed_together(m, k - 1) || one_item(m, r, k - 1))))) {
			(*towns)++;
			last_town = r[k].place;
		}
		size_t d = mt > h->tok ? mt - h->tok : (h->tok - mt) + 1;
		if (d < best_d) {
			best_d = d;
			nearest = (long)k;
		}
	}
	return pick >= 0 ? pick : nearest;
}

/* The latest event of type c told before index `before` (for a generic
 * word, the latest violent one): what "the attack", "the meeting" refer to. */
static gm_event *told_before(gm_event_list *out, size_t before, int c, int generic)
{
	for (size_t x = before; x-- > 0;) {
		int xc = gm__trigger_code(out->e[x].type);
		if (xc == c || (generic && xc > 0 && has_toll(xc)))
			return &out->e[x];
	}
	return NULL;
}

/* Figures a later sentence gives to an event already told: only where it
 * stated none (the first report's figures stand). */
static void add_figures(gm_event *to, long killed, long injured)
{
	if (to->fatalities < 0)
		to->fatalities = killed;
	if (to->injured < 0)
		to->injured = injured;
}

/* Event words that, with the article and no place of their own, tell again
 * of one already told (الهجوم، القتال، الاجتماع، المتظاهرين); weapons with
 * the article (بالمسيرات، المدفعية) are how, not which. */
static int told_again(int c, int generic)
{
	return generic || c == GM_EV_ARMED_CLASH || c == GM_EV_PROTEST || c == GM_EV_DIPLOMACY || c == GM_EV_AGREEMENT;
}

/* Two tokens that name who speaks after a diplomacy word (دعا الاتحاد
 * الأوروبي): the same caller twice in a report is one call. */
static int same_speaker(const gm_tokens *t, size_t a, size_t b, size_t end)
{
	if (a + 2 > end || b + 2 > end || !is_definite(t, a))
		return 0;
	for (size_t k = 0; k < 2; k++)
		if (t->tok[a + k].f_len != t->tok[b + k].f_len ||
		    memcmp(gm__tok_text(t, a + k), gm__tok_text(t, b + k), t->tok[a + k].f_len) != 0)
			return 0;
	return 1;
}

/* ------------------------------------------------------- told twice */

/* The events kept so far, by type and place, so that finding an earlier
 * report of the same event costs the reports of that place, not all of
 * them: bucket (code, place) holds the kept indices in order; per code, the
 * regions (precision 3 and up, which same_spot joins within 25 km) seen. */
typedef struct told_bucket {
	uint64_t key;        /* code << 32 | place; 0 with n 0: free */
	size_t *idx, n, cap;
} told_bucket;

typedef struct told_index {
	told_bucket *b;
	size_t cap, used;
	struct {
		uint32_t place;
		size_t bucket;
	} *regions[GM_EV_N];
	size_t n_regions[GM_EV_N], cap_regions[GM_EV_N];
} told_index;

static size_t told_slot(const told_index *x, uint64_t key)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ull;
	size_t s = (size_t)(h >> 20) & (x->cap - 1);
	while (x->b[s].cap && x->b[s].key != key)
		s = (s + 1) & (x->cap - 1);
	return s;
}

static void told_free(told_index *x)
{
	for (size_t i = 0; i < x->cap; i++)
		free(x->b[i].idx);
	free(x->b);
	for (int c = 0; c < GM_EV_N; c++)
		free(x->regions[c]);
}

/* Remember kept event i (of code c at place): -1 out of memory. */
static int told_add(told_index *x, const gm_gazetteer *g, int c, uint32_t place, size_t i)
{
	uint64_t key = (uint64_t)(uint32_t)c << 32 | place;
	size_t s = told_slot(x, key);
	told_bucket *b = &x->b[s];
	if (!b->cap) {
		b->key = key;
		b->cap = 4;
		if (!(b->idx = malloc(b->cap * sizeof *b->idx)))
			return -1;
		x->used++;
		if (precision_of(g, place, 0) >= 3) {
			if (GM__GROW(x->regions[c], x->cap_regions[c], x->n_regions[c] + 1))
				return -1;
			x->regions[c][x->n_regions[c]].place = place;
			x->regions[c][x->n_regions[c]++].bucket = s;
		}
	} else if (GM__GROW(b->idx, b->cap, b->n + 1)) {
		return -1;
	}
	b->idx[b->n++] = i;
	return 0;
}

/* The latest kept report in bucket s that e may be told again of: another
 * sentence's, of its date or undated by its text. -1 when none. */
static long told_latest(const told_index *x, size_t s, const gm_event *kept, const gm_event *e)
{
	const told_bucket *b = &x->b[s];
	for (size_t j = b->n; j-- > 0;) {
		const gm_event *k = &kept[b->idx[j]];
		if (k->snippet_start != e->snippet_start && (!strcmp(k->date, e->date) || !k->date_said || !e->date_said))
			return (long)b->idx[j];
	}
	return -1;
}

/* An air strike event's place and index, for merge_bare_fire's binary search. */
typedef struct strike_at {
	uint32_t place;
	size_t idx;
} strike_at;

static int cmp_strike_at(const void *a, const void *b)
{
	const strike_at *x = a, *y = b;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* "تفاصيل القصف التركي على سنجار" above "استهدفت الطائرات الحربية ...
 * سنجار"، "قصفت الطائرات X": a shelling told by a bare word of bombardment
 * (bare_fire) at a place where the document tells an air strike of its date
 * is that strike told again: dropped, its figures given to the strike where
 * it gave none. Strikes are found by binary search over their places, so a
 * long document costs n log n. */
static int merge_bare_fire(gm_event_list *out, gm_error *err)
{
	size_t n_strikes = 0, n_bare = 0;
	for (size_t a = 0; a < out->n; a++) {
		n_strikes += gm__trigger_code(out->e[a].type) == GM_EV_AIR_STRIKE && out->e[a].place != GM_NO_PLACE;
		n_bare += out->bare[a];
	}
	if (!n_strikes || !n_bare)
		return GM_OK;
	strike_at *strikes = malloc(n_strikes * sizeof *strikes);
	if (!strikes)
		return gm__fail(err, GM_ENOMEM, "out of memory");
	n_strikes = 0;
	for (size_t a = 0; a < out->n; a++)
		if (gm__trigger_code(out->e[a].type) == GM_EV_AIR_STRIKE && out->e[a].place != GM_NO_PLACE)
			strikes[n_strikes++] = (strike_at){out->e[a].place, a};
	qsort(strikes, n_strikes, sizeof *strikes, cmp_strike_at);
	for (size_t a = 0; a < out->n; a++) {
		const gm_event *e = &out->e[a];
		if (!out->bare[a] || e->place == GM_NO_PLACE || e->background)
			continue;
		size_t lo = 0, hi = n_strikes;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (strikes[mid].place < e->place)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < n_strikes && strikes[lo].place == e->place; lo++) {
			gm_event *k = &out->e[strikes[lo].idx];
			if (!strcmp(k->date, e->date) || !k->date_said || !e->date_said) {
				add_figures(k, e->fatalities, e->injured);
				out->bare[a] = 2;   /* dropped below */
				break;
			}
		}
	}
	size_t w = 0;
	for (size_t a = 0; a < out->n; a++) {
		if (out->bare[a] == 2)
			continue;
		out->e[w] = out->e[a];
		out->bare[w] = out->bare[a];
		w++;
	}
	out->n = w;
	free(strikes);
	return GM_OK;
}

static int dedupe_events(const gm_gazetteer *g, gm_event_list *out, gm_error *err)
{
	told_index x;
	memset(&x, 0, sizeof x);
	x.cap = 64;
	while (x.cap < 2 * out->n)
		x.cap *= 2;
	if (!(x.b = calloc(x.cap, sizeof *x.b)))
		return gm__fail(err, GM_ENOMEM, "out of memory");
	size_t w = 0;
	for (size_t a = 0; a < out->n; a++) {
		gm_event *e = &out->e[a];
		int c = gm__trigger_code(e->type);
		long dup = -1;
		/* with no place there is nothing to tell two reports apart by: both stay */
		/* (events of one sentence are distinct by construction: the quarters
		 * of a list placed at one town) */
		if (e->place != GM_NO_PLACE && c > 0) {
			uint64_t key = (uint64_t)(uint32_t)c << 32 | e->place;
			size_t s = told_slot(&x, key);
			if (x.b[s].cap)
				dup = told_latest(&x, s, out->e, e);
			/* a region's other names within 25 km (same_spot) */
			for (size_t r = 0; precision_of(g, e->place, 0) >= 3 && r < x.n_regions[c]; r++) {
				if (x.regions[c][r].place == e->place || !same_spot(g, x.regions[c][r].place, e->place))
					continue;
				long d = told_latest(&x, x.regions[c][r].bucket, out->e, e);
				if (d > dup)
					dup = d;
			}
		}
		if (dup >= 0) {
			gm_event *k = &out->e[dup];
			/* a headline dated only by the document takes the body's date */
			if (!k->date_said && e->date_said) {
				memcpy(k->date, e->date, sizeof k->date);
				k->date_said = 1;
			}
			add_figures(k, e->fatalities, e->injured);
			continue;
		}
		out->e[w] = *e;
		if (e->place != GM_NO_PLACE && c > 0 && told_add(&x, g, c, e->place, w) != 0) {
			told_free(&x);
			return gm__fail(err, GM_ENOMEM, "out of memory");
		}
		w++;
	}
	told_free(&x);
	out->n = w;
	return GM_OK;
}

/* The event words of sentence [s0, s1) into hits (hits[j - s0] for token j;
 * code 0 where none starts): every event word once, a multi-word trigger
 * covering its words, none inside an organisation's name. */
static void find_hits(const gm_gazetteer *g, const gm_tokens *t, const gm_match *m, size_t k0, size_t k1, size_t s0,
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
		                        GM_CUE_ROLE(gm__cue(g, gm__tok_text(t, j - 1), t->tok[j - 1].f_len)) == GM_CUE_ORG))
			continue;
		if (!trigger_at(g, t, j, &hits[j - s0]))
			continue;
		for (size_t x = 1; x < hits[j - s0].n && j + x < s1; x++)
			hits[j - s0 + x].code = 0;
		j += hits[j - s0].n - 1;
	}
}

/* The event words read again in their sentence: what the words beside
 * them say they are (a round of fighting, an event begun before, an attack
 * from the air, the displaced helped, a march). */
static void reread_hits(const gm_tokens *t, size_t s0, size_t s1, hit *hits)
{
	/* "جولة الاشتباكات"، "الجولة الثانية للمعارك": a round of fighting,
	 * not a visit */
	for (size_t j = s0; j < s1; j++)
		if (hits[j - s0].code == GM_EV_DIPLOMACY && gm__word_has(t, j, GM_W_ROUND, NULL))
			for (size_t x = j + 1; x <= j + 3 && x < s1; x++)
				if (is_violent(hits[x - s0].code) || hits[x - s0].code == GM_TR_ATTACK) {
					hits[j - s0].code = 0;
					break;
				}
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

/* The towns of a list sentence sh tells an event of type c at (hit h; the
 * event's clause ends before clause_after): named before the event word,
 * behind a locative in its clause, or listed with one taken; into places
 * (up to 64), in text order. Quarters placed at their town each count. */
static size_t list_towns(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                         const gm_resolved *r, size_t k0, size_t k1, int c, const hit *h, size_t clause_after,
                         uint32_t places[64])
{
	size_t s0 = sh->s0, s1 = sh->s1, n_places = 0;
	size_t last_taken = (size_t)-1, opened = opened_at(sh, h->tok, s0);
	for (size_t k = k0; k < k1 && n_places < 64; k++) {
		if (r[k].place == GM_GAZ_NO_PLACE || m[k].tok_first < s0 || m[k].tok_first >= s1 ||
		    strncmp(g->places[r[k].place].feature, "PPL", 3) != 0)
			continue;
		int loc = locative_before(g, t, sh, m[k].tok_first, c == GM_EV_DISPLACEMENT);
		if (loc == 2 && is_actor_place(g, r[k].place))
			loc = 0;
		loc = loc || !strcmp(m[k].clitic, "ب");
		int listed = last_taken != (size_t)-1 && listed_after(m, r, last_taken, k);
		int in_clause = m[k].tok_first < clause_after ||
		                (m[k].tok_first > h->tok && included_after(g, t, m[k].tok_first, clause_after));
		if ((is_actor_place(g, r[k].place) && !loc && !listed) ||
		    !((m[k].tok_first < h->tok && m[k].tok_first >= opened) || (loc && in_clause && m[k].tok_first > h->tok) ||
		      listed))
			continue;
		last_taken = k;
		/* quarters placed at their town are each a place of the list
		 * (أحياء الرسالة والأندلس والضباط: three strikes in Fallujah) */
		int seen = 0;
		for (size_t x = 0; x < n_places && !r[k].quarter; x++)
			seen |= places[x] == r[k].place;
		if (!seen)
			places[n_places++] = r[k].place;
	}
	return n_places;
}

/* Fire in sentence sh is told only by words of bombardment that say not
 * from where (قصف, event-words.tsv) or by a generic word alone (استهدف):
 * no artillery, rocket or mortar word stands in it. */
static int bare_fire(const gm_gazetteer *g, const sentence_hits *sh, const sentence_report *sr)
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

/* What the event reader keeps of a document while it reads its sentences. */
typedef struct doc_reader {
	const gm_gazetteer *g;
	const gm_tokens *t;
	const gm_match *m;
	const gm_resolved *r;
	gm_event_list *out;
	uint32_t focus;          /* where events the text ties to no place go */
	long doc_year;           /* a year told before it is history */
	size_t speakers[64], n_speakers;   /* after the words of placeless diplomacy events */
} doc_reader;

/* The events sentence sh reports (sr: what read_sentence found in it), each
 * at its place, into d->out: a type at one place, or at each town of a list;
 * "the attack" with no place of its own is more of the one told before. */
static int report_sentence(doc_reader *d, const sentence_hits *sh, sentence_report *sr, size_t k0, size_t k1,
                           size_t sent, const char *date, int date_said, gm_error *err)
{
	const gm_gazetteer *g = d->g;
	const gm_tokens *t = d->t;
	const gm_match *m = d->m;
	const gm_resolved *r = d->r;
	gm_event_list *out = d->out;
	uint32_t focus = d->focus;
	long doc_year = d->doc_year;
	size_t s0 = sh->s0, s1 = sh->s1;
	int bare = bare_fire(g, sh, sr);
	int figures_given = 0;
	size_t told_earlier = out->n;   /* events of the sentences before this one */
	/* a toll after an air strike or shelling was told ("شهيد في شمسطار،
	 * شهيدان في الحلانية" after the strikes) is that violence's, place by
	 * place, not a clash of its own */
	if (sr->toll_only) {
		gm_event *before = told_before(out, told_earlier, GM_EV_ARMED_CLASH, 1);
		int bc = before ? gm__trigger_code(before->type) : 0;
		if (bc > 0 && bc != GM_EV_ARMED_CLASH) {
			sr->have[bc] = 1;
			sr->ev[bc] = sr->ev[GM_EV_ARMED_CLASH];
			sr->have[GM_EV_ARMED_CLASH] = 0;
		}
	}
	for (int c = 1; c < GM_EV_N; c++) {
		if (!sr->have[c])
			continue;
		const hit *h = &sr->ev[c];
		int told_at;
		long towns;
		long pick = place_of_event(g, t, sh, m, r, k0, k1, s0, s1, c, h, &told_at, &towns);
		size_t clause_after = clause_end(sh, t, h->tok, s1);
		/* "the attack", "the meeting" with no place of its own: the one
		 * told before; its figures may come here ("وأدى الهجوم ... دون
		 * تسجيل إصابات") */
		gm_event *before = NULL;
		if (c == GM_EV_DIPLOMACY && sr->during)
			before = told_before(out, told_earlier, c, 0);
		else if (told_again(c, sr->generic[c]) && is_definite(t, h->tok) &&
		         !(pick >= 0 && m[pick].tok_first >= clause_start(sh, t, h->tok, s0) &&
		           m[pick].tok_first < clause_after))
			before = told_before(out, told_earlier, c, sr->generic[c]);
		/* no place in its sentence: more of the latest event of its type */
		if (!before && pick < 0 && c != GM_EV_DIPLOMACY)
			before = told_before(out, told_earlier, c, 0);
		if (before) {
			if (has_toll(c) && !figures_given) {
				add_figures(before, sr->killed, sr->injured);
				figures_given = 1;
			}
			continue;
		}
		uint32_t place = pick >= 0 ? r[pick].place : GM_NO_PLACE;
		int precision = 0;
		if (place != GM_NO_PLACE && c == GM_EV_DIPLOMACY && is_country_place(g, place))
			place = seat_of(g, place);
		/* "في عاصمة جمهورية تتارستان": the seat of the division */
		else if (place != GM_NO_PLACE && capital_before(g, t, m[pick].tok_first) &&
		         seat_of(g, place) != GM_NO_PLACE)
			place = seat_of(g, place);
		if (place != GM_NO_PLACE) {
			int near = m[pick].tok_first >= 1 && gm__word_has(t, m[pick].tok_first - 1, GM_W_NEAR, NULL);
			precision = precision_of(g, place, near);
		} else if (c != GM_EV_DIPLOMACY && focus != GM_NO_PLACE) {
			/* the text ties it to no place: the document's focus, no finer than 2 */
			place = focus;
			precision = precision_of(g, focus, 0);
			if (precision < 2)
				precision = 2;
		}
		if (c == GM_EV_DIPLOMACY && place == GM_NO_PLACE) {
			size_t sp = h->tok + h->n;
			int again = 0;
			for (size_t x = 0; x < d->n_speakers && !again; x++)
				again = same_speaker(t, sp, d->speakers[x], t->n);
			if (again)
				continue;
			if (d->n_speakers < sizeof d->speakers / sizeof *d->speakers)
				d->speakers[d->n_speakers++] = sp;
		}
		/* "هجوم قازان", "استهداف مدينة قازان": a generic word where a strike
		 * was already told is that strike */
		if (sr->generic[c] && place != GM_NO_PLACE && precision <= 2) {
			gm_event *same = NULL;
			for (size_t x = 0; x < told_earlier && !same; x++) {
				int xc = gm__trigger_code(out->e[x].type);
				if (xc > 0 && is_violent(xc) && same_spot(g, out->e[x].place, place))
					same = &out->e[x];
			}
			if (same) {
				if (!figures_given) {
					add_figures(same, sr->killed, sr->injured);
					figures_given = 1;
				}
				continue;
			}
		}
		/* shelling of several towns named in one sentence ("توفوز، ومدن
		 * غاداباي وداشكيسن"), a list of villages struck or taken ("طال
		 * كلاً من كفرنبل وحاس وكفرومة"): one event per town, as ACLED
		 * codes them */
		size_t n_places = 0;
		uint32_t places[64];
		if (per_place(c) && towns >= 2)
			n_places = list_towns(g, t, sh, m, r, k0, k1, c, h, clause_after, places);
		else
			places[n_places++] = place;
		/* history: the event word's own year is before the document's */
		long year = year_of(t, sh, h, s1);
		int background = doc_year && year && year < doc_year;
		for (size_t pi = 0; pi < n_places; pi++) {
			gm_event *e = push_event(out, err);
			if (!e)
				return GM_ENOMEM;
			out->bare[out->n - 1] = (uint8_t)(c == GM_EV_SHELLING && bare);
			e->type = gm__trigger_name(c);
			gm__acled_of(c, h->sub, &e->event_type, &e->sub_type);
			e->place = places[pi];
			e->precision = n_places > 1 ? precision_of(g, places[pi], 0) : precision;
			if (has_toll(c) && !figures_given) {
				e->fatalities = sr->killed;
				e->injured = sr->injured;
				figures_given = 1;
			}
			memcpy(e->date, date, sizeof e->date);
			e->date_said = date_said;
			e->background = background;
			e->trigger_start = h->b0;
			e->trigger_end = h->b1;
			e->snippet_start = t->sentences[sent].b0;
			e->snippet_end = t->sentences[sent].b1;
		}
	}
	return GM_OK;
}

int gm__extract_events(const gm_gazetteer *g, const gm_tokens *t, const gm_match *m, const gm_resolved *r,
                       size_t n_matches, const char *doc_date, gm_event_list *out, gm_error *err)
{
	out->n = 0;
	long doc_year = doc_date && strlen(doc_date) >= 4 ? atol(doc_date) : 0;
	doc_reader d = {g, t, m, r, out, focus_place(g, r, n_matches), doc_year, {0}, 0};
	match_index mi = {m, n_matches, 1};
	for (size_t k = 1; k < n_matches && mi.sorted; k++)
		mi.sorted = m[k - 1].tok_first <= m[k].tok_first;
	hit hits[512];
	for (size_t s = 0, i = 0; s < t->n_sentences; s++) {
		size_t s0 = i;
		while (i < t->n && t->tok[i].sentence == s)
			i++;
		size_t s1 = i;
		if (s0 == s1 || related_link(t, s0, s1))
			continue;
		uint8_t taken[512];
		memset(taken, 0, sizeof taken);
		if (s1 - s0 > sizeof taken)
			s1 = s0 + sizeof taken;   /* a "sentence" of 512 words is a list, not a report */
		size_t k0, k1;
		sentence_matches(&mi, s0, s1, &k0, &k1);
		find_hits(g, t, m, k0, k1, s0, s1, hits);
		reread_hits(t, s0, s1, hits);
		sentence_hits sh = {hits, s0, s1};
		sentence_report sr;
		read_sentence(t, &sh, taken, &sr);
		char date[11];
		int date_said = gm__event_date(doc_date, t, s0, s1, date);
		int rc = report_sentence(&d, &sh, &sr, k0, k1, s, date, date_said, err);
		if (rc != GM_OK)
			return rc;
	}
	/* one event per occurrence: the same type, place and date told twice
	 * (headline and body) is one; the figures of the first that gives them */
	int rc = merge_bare_fire(out, err);
	return rc != GM_OK ? rc : dedupe_events(g, out, err);
}

