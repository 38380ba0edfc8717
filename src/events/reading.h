/* reading.h: how the event reader reads a document (internal to events/).
 *
 * events.c drives it, sentence by sentence: the event words of a sentence
 * (hits.c), what the sentence says of them (sentence.c), where each event is
 * (where.c), and at the end the events told twice (dedupe.c); tolls.c gives
 * events.c the figures told apart from their event word (report.h). Data
 * flows that way: hits.c calls none of the others, sentence.c and where.c
 * call hits.c, dedupe.c calls hits.c and where.c, tolls.c calls all four. */
#ifndef GM_READING_H
#define GM_READING_H

#include "events.h"

#include "resolve.h"

#include <stddef.h>
#include <stdint.h>

typedef struct hit {
	size_t tok, n;   /* the tokens of the trigger */
	int code;
	uint32_t b0, b1;
	int purpose;     /* read behind the clitic ل alone (لاستعادة، لقصف) */
	int sub;         /* the ACLED sub-event type its row gives (GM_TRIGGER_SUB) */
	const gm_gaz_key *key;   /* the gazetteer key it was read as */
} hit;

/* The words of one sentence as event words: hits[j - s0] is the trigger that
 * starts at token j (code 0: none), found once per sentence. */
typedef struct sentence_hits {
	const hit *at;
	size_t s0, s1;
} sentence_hits;

/* What one sentence says: its first trigger of each event type, the
 * casualty figures, and the words that change how they are read. */
typedef struct sentence_report {
	hit ev[GM_EV_N];
	int have[GM_EV_N];
	int generic[GM_EV_N];   /* the event came from هجوم/استهدف, no specific word */
	long killed, injured;
	size_t toll_at;         /* the first casualty word that gave a figure (valid when one did) */
	int unhurt;             /* دون تسجيل إصابات */
	int during;             /* a meeting word behind خلال: more of one already told */
	int toll_only;          /* casualty words and no event word: the toll of some violence */
} sentence_report;

/* ---- hits.c: the event words of a sentence and its clauses */

/* The event words of sentence [s0, s1) into hits (hits[j - s0] for token j;
 * code 0 where none starts): every event word once, a multi-word trigger
 * covering its words, none inside an organisation's name. */
void gm__ev_find_hits(const gm_gazetteer *g, const gm_tokens *t, const gm_match *m, size_t k0, size_t k1, size_t s0,
                      size_t s1, hit *hits);
/* The event words read again in their sentence: what the words beside
 * them say they are (a round of fighting, an event begun before, an attack
 * from the air, the displaced helped, a march). */
void gm__ev_reread_hits(const gm_tokens *t, size_t s0, size_t s1, hit *hits);
int gm__ev_is_violent(int code);
/* Types whose event carries the casualty figures of its sentence: violence,
 * and disasters (a toll after an earthquake is the earthquake's). */
int gm__ev_has_toll(int code);
/* Types ACLED codes once per place in a list of places (قصف على A وB وC،
 * سيطرت على قرى A، B، C، نزوح من A وB، مظاهرات في A وB). */
int gm__ev_per_place(int code);
/* The code of the trigger at token j, 0 when none or outside the sentence. */
int gm__ev_code_at(const sentence_hits *sh, size_t j);
/* The word at i carries the article, behind any clitics (القتال، والاشتباكات،
 * بالهجوم، للقصف). */
int gm__ev_is_definite(const gm_tokens *t, size_t i);
/* "اقرأ أيضا: ..." and the like open a link to another article: what follows
 * is that article's headline, not this one's report. */
int gm__ev_related_link(const gm_tokens *t, size_t s0, size_t s1);
size_t gm__ev_clause_end(const sentence_hits *sh, const gm_tokens *t, size_t i, size_t s1);
/* The first event word of type c at or after token from in sentence sh
 * that tells of something done (the reading gm__ev_read_sentence gives its
 * first), (size_t)-1 when none: a later clause's report of the same type
 * ("كثفت القوات قصفها على مدينة الفلوجة ... غرب مدينة الرمادي التي تتعرض
 * أحياؤها لقصف جوي ومدفعي"). */
size_t gm__ev_later_hit(const gm_tokens *t, const sentence_hits *sh, int c, size_t from);
/* The number of dead a killed word at token i states by itself (its figure,
 * 1 for a singular noun of the dead, 2 for a dual); -1 when none or no such
 * word. */
long gm__ev_toll_at(const gm_tokens *t, const sentence_hits *sh, size_t i);
/* The first token of the clause token i is in. */
size_t gm__ev_clause_start(const sentence_hits *sh, const gm_tokens *t, size_t i, size_t s0);
/* Where the clause of token i opened by a word of its own (كما، بينما)
 * starts: a town before that word is another clause's, not one this event
 * word tells of ("قصفت القوات على باردا كما أغارت طائرات على لاشين"). s0
 * when no such word stands before i in its sentence. */
size_t gm__ev_opened_at(const sentence_hits *sh, size_t i, size_t s0);
/* وقف "stop" with its clitics and article: وقف، لوقف، بوقف، الوقف، للوقف. */
int gm__ev_stop_word(const gm_tokens *t, size_t i);

/* ---- sentence.c: what a sentence says (figures, years, how its words are read) */

/* The year an event word is told with: right after it ("حرب 2020") or after
 * عام / سنة or another event word within a few words ("قصفت حلب عام 2016"،
 * "اشتباكات حرب 2020"); not one behind منذ
 * ("for the first time since 2020" is today's news measured against then).
 * 0 when none. */
long gm__ev_year_of(const gm_tokens *t, const sentence_hits *sh, const hit *h, size_t s1);
void gm__ev_read_sentence(const gm_tokens *t, const sentence_hits *sh, uint8_t *taken, sentence_report *sr);
/* Fire in sentence sh is told only by words of bombardment that say not
 * from where (قصف, event-words.tsv) or by a generic word alone (استهدف):
 * no artillery, rocket or mortar word stands in it. */
int gm__ev_bare_fire(const gm_gazetteer *g, const sentence_hits *sh, const sentence_report *sr);

/* ---- where.c: where an event is */

/* Precision of a place as ACLED geo_precision: 1 a town or village, 2 a
 * district or a point near a town, 3 a region, country or natural feature. */
int gm__ev_precision_of(const gm_gazetteer *g, uint32_t place, int near);
int gm__ev_is_country_place(const gm_gazetteer *g, uint32_t place);
/* A country's capital or a division's seat, as the gazetteer build found
 * it; GM_NO_PLACE when not known. */
uint32_t gm__ev_seat_of(const gm_gazetteer *g, uint32_t place);
/* "عاصمة جمهورية تتارستان": the name at token i follows "capital of". */
int gm__ev_capital_before(const gm_gazetteer *g, const gm_tokens *t, size_t i);
/* Two places an analyst would not tell apart on a map of events: the same
 * one, or two names of one region (Karabakh, Nagorno-Karabakh) within 25 km. */
int gm__ev_same_spot(const gm_gazetteer *g, uint32_t a, uint32_t b);
/* The document's focus: the place most mentioned, the most specific (not a
 * country) where one is mentioned at least twice; a tie goes to the one
 * named first. (Counted by sorting: linear-log in the mentions.) */
uint32_t gm__ev_focus_place(const gm_gazetteer *g, const gm_resolved *r, size_t n);
/* Where an event of type c told by hit h happened, among the sentence's
 * places: for diplomacy, the speaker right after the trigger (دعت موسكو; a
 * country speaks from its capital), else a city next to it, else none; for
 * the rest, the first mention after the trigger behind في/على (من for
 * displacement), else the nearest that is not an actor. *told_at says the
 * place came behind a locative word (1) or a verb of reaching (2: in a
 * clause of its own); *towns counts the towns struck. */
long gm__ev_place_of_event(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                           const gm_resolved *r,
                           size_t k0, size_t k1, size_t s0, size_t s1, int c, const hit *h, int *told_at, long *towns);
/* The towns of a list sentence sh tells an event of type c at (hit h; the
 * event's clause ends before clause_after): named before the event word,
 * behind a locative in its clause, or listed with one taken; into places
 * (up to 64), in text order. Quarters placed at their town each count,
 * their gm__ev_quarter_key into quarters (0 for other places); near[] says
 * a village the gazetteer lacks stands at its town (gm__ev_placed_near). */
size_t gm__ev_list_towns(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                         const gm_resolved *r, size_t k0, size_t k1, int c, const hit *h, size_t clause_after,
                         uint32_t places[64], uint32_t quarters[64], uint8_t near[64]);
/* Whether match m stands for a village or town the gazetteer lacks (after
 * قرية، بلدة or in a list of them), placed at the town its list or parent
 * names: ACLED's geo_precision 2, near the town; a quarter, camp or area of
 * the town (حي، مخيم، مناطق) placed at it stays 1. */
int gm__ev_placed_near(const gm_match *m, const gm_resolved *r);
/* "ويشهد المخيّم اشتباكات"، "قصف على المدينة": a town's or camp's type word
 * with the article and no name, as the subject of a verb of witnessing
 * before event word h or behind في / على after it in its clause, names the
 * last place of the document before this sentence (matches before k0) that
 * the text named with that type word: its match, -1 when none; *subject
 * says it was the subject before the event word. */
long gm__ev_anaphor(const gm_gazetteer *g, const gm_tokens *t, const sentence_hits *sh, const gm_match *m,
                    const gm_resolved *r, size_t k0, size_t k1, const hit *h, size_t clause_after, int *subject);
/* Is place `in` (a town or district) inside region r: the same country for
 * a country, the same first-level division for one, within 100 km of any
 * other region? */
int gm__ev_inside_region(const gm_gazetteer *g, uint32_t r, uint32_t in);
/* A quarter or village placed at its town (r->quarter): a hash of its
 * folded name, never 0; 0 for a place of its own. */
uint32_t gm__ev_quarter_key(const gm_tokens *t, const gm_match *m, const gm_resolved *r);

/* ---- dedupe.c: the same event told twice */

/* The latest event of type c told before index `before` (for a generic
 * word, the latest violent one): what "the attack", "the meeting" refer to. */
gm_event *gm__ev_told_before(gm_event_list *out, size_t before, int c, int generic);
/* Figures a later sentence gives to an event already told: only where it
 * stated none (the first report's figures stand). */
void gm__ev_add_figures(gm_event *to, long killed, long injured);
/* Event words that, with the article and no place of their own, tell again
 * of one already told (الهجوم، القتال، الاجتماع، المتظاهرين); weapons with
 * the article (بالمسيرات، المدفعية) are how, not which. */
int gm__ev_told_again(int c, int generic);
/* Two tokens that name who speaks after a diplomacy word (دعا الاتحاد
 * الأوروبي): the same caller twice in a report is one call. */
int gm__ev_same_speaker(const gm_tokens *t, size_t a, size_t b, size_t end);
/* "تفاصيل القصف التركي على سنجار" above "استهدفت الطائرات الحربية ...
 * سنجار"، "قصفت الطائرات X": a shelling told by a bare word of bombardment
 * (bare_fire) at a place where the document tells an air strike of its date
 * is that strike told again: dropped, its figures given to the strike where
 * it gave none. Strikes are found by binary search over their places, so a
 * long document costs n log n. */
int gm__ev_merge_bare_fire(gm_event_list *out, gm_error *err);
int gm__ev_dedupe_events(const gm_gazetteer *g, gm_event_list *out, gm_error *err);
/* "القصف على قرى ريف إدلب" above the shelling of Kafranbel and Hass:
 * an event at a region or country (precision 3) where the document tells
 * the same violent type, of its date, at a town or district inside it in
 * another sentence is a summary of those, not an event of its own: dropped
 * (its figures too: a summary's toll is no town's). Inside:
 * gm__ev_inside_region. */
int gm__ev_drop_summaries(const gm_gazetteer *g, gm_event_list *out, gm_error *err);

#endif
