/* events.h: what happened where: event triggers, casualty figures, dates and
 * the place each event is tied to, per document (internal).
 *
 * Triggers, casualty words and counting words are reviewed data
 * (gazetteer/event-triggers.tsv) compiled into the gazetteer as postings of
 * kind GM_NAME_TRIGGER whose note is a gm_trigger code, so a lookup is one
 * hash probe and clitics are read as for place names. */
#ifndef GM_EVENTS_H
#define GM_EVENTS_H

#include "match.h"
#include "resolve.h"

enum gm_trigger {
	GM_TR_NONE = 0,
	/* event types, as in ../shared/design/event-types.md */
	GM_EV_SHELLING, GM_EV_AIR_STRIKE, GM_EV_ARMED_CLASH, GM_EV_TERRITORY_CHANGE, GM_EV_EXPLOSION,
	GM_EV_PROTEST, GM_EV_AGREEMENT, GM_EV_MOBILIZATION, GM_EV_DISPLACEMENT, GM_EV_BLOCKADE, GM_EV_DIPLOMACY,
	/* ACLED's sub-event types with words of their own, outside the eleven the
	 * gold sets code (score.py lists them as unscored) */
	GM_EV_ARRESTS, GM_EV_ABDUCTION, GM_EV_PROPERTY_DESTRUCTION,
	/* ours, as displacement is: a flood, earthquake, storm or fire, with its
	 * casualties (the toll after it is its own, not a clash's) */
	GM_EV_DISASTER,
	/* ACLED's last five sub-event types, each its own short type as the
	 * second table of event-types.md maps them (after the others, so the
	 * daily layer's earlier columns keep their places) */
	GM_EV_CHEMICAL, GM_EV_SEXUAL_VIOLENCE, GM_EV_MOB_VIOLENCE, GM_EV_GROUP_CHANGE, GM_EV_DISRUPTED_WEAPONS,
	GM_EV_N,
	/* words around figures */
	GM_TR_KILLED = GM_EV_N, /* قتلى، مقتل: the figure next to it counts the dead */
	GM_TR_INJURED,          /* جرحى، أصيب */
	GM_TR_PEOPLE,           /* شخصا، جنديا: a figure counts people */
	GM_TR_UNIT,             /* ساعة، يوما، مركبة: a figure counts something else */
	GM_TR_AT_LEAST,         /* أكثر من، نحو: ACLED keeps the figure as stated */
	/* generic words of violence: the specific event of the sentence when it
	 * names one (هجوم بطائرات مسيرة is an air strike), else their own default */
	GM_TR_ATTACK,           /* هجوم، هجمات: alone, an armed clash */
	GM_TR_TARGETING,        /* استهدف، يستهدف: alone, shelling */
	GM_TR_IRREALIS,         /* تضمن، طالب، ستواصل: what follows in the clause is not told as done */
	GM_TR_UNHURT,           /* دون تسجيل إصابات: no one killed or hurt (ACLED: 0) */
	GM_TR_UNDERGO,          /* تعرض، خضع: the event word behind ل after it is undergone, not a purpose */
	/* duals carry their count (قتيلين، جريحان، جنديين، شخصان): generated from
	 * the dual forms of killed / injured / people rows */
	GM_TR_KILLED_TWO, GM_TR_INJURED_TWO, GM_TR_PEOPLE_TWO,
	GM_TR_YEAR,             /* عام، سنة: the number after it is a year */
	GM_TR_STATE,            /* الخارجة عن سيطرة: a state of control, not a change of it */
	GM_TR_REACH,            /* طال، شمل: the place after it is the one the event reached */
	GM_TR_CLAUSE,           /* كما، بينما، فيما: a clause of its own begins (no comma needed) */
	GM_TR_OPERATION,        /* عملية، حملة: the disaster word after it names an operation */
	GM_TR_COMBATANT,        /* العناصر، المسلحين: fighters, whose flight is a rout, not a displacement */
	GM_TR_PERSON,           /* ضابط، جندي: one person, where no number counts them (مقتل ضابط: 1 killed) */
	GM_TR_KILLED_ONE,       /* قتيل، شهيد: a singular noun of the dead; alone, one killed ("شهيد في شمسطار") */
	GM_TR_N
};

/* The forms a reviewed trigger row stands for (event-triggers.tsv, column
 * forms): "verb" gives the past and present of every person and number (قصف:
 * قصفت، قصفوا، قصفا، يقصف، تقصف، يقصفون ...; استهدف: يستهدف ...), "noun" the
 * dual and the sound plural (غارة: غارتين، غارتان، غارات; اشتباك: اشتباكين،
 * اشتباكات), "dual" the dual alone (صاروخ: صاروخين; its plural صواريخ is a
 * row of its own), separated by commas. The word itself is not among them.
 * Returns how many were written (at most max, each under 128 bytes). */
#define GM_TRIGGER_FORM_MAX 32
size_t gm__trigger_forms(const char *word, const char *forms, char (*out)[128], size_t max);

/* A trigger posting's note: its code (enum gm_trigger) in the low 6 bits, and
 * in the high 2 the ACLED sub-event type its row refines the event's type to
 * (event-triggers.tsv, column sub_type: تسليم is a non-violent transfer of
 * territory), an index into gm__acled_of's list for the type (at most 4), 0
 * the default. */
#define GM_TRIGGER_CODE(note) ((note) & 63)
#define GM_TRIGGER_SUB(note) ((note) >> 6)
#define GM_TRIGGER_NOTE(code, sub) ((uint8_t)((code) | (sub) << 6))
_Static_assert(GM_TR_N <= 64, "trigger codes fit 6 bits");
/* ACLED's event_type and sub_event_type of an event of type code refined by
 * sub (see ../shared/design/event-types.md, second table); event_type is ""
 * for our own types (displacement, blockade, diplomacy). */
void gm__acled_of(int code, int sub, const char **event_type, const char **sub_type);
/* The sub index of ACLED sub-event type name for event type code, -1 if it
 * is none of that type's. */
int gm__acled_sub_index(int code, const char *name);

/* "shelling", ... for event codes; "killed", ... for the others; NULL past the end. */
const char *gm__trigger_name(int code);
/* The code of a name as event-triggers.tsv writes it, -1 when unknown. */
int gm__trigger_code(const char *name);

/* The largest figure a number may state (a hundred million: more than any
 * war's dead); digits beyond it are no figure, not a wrapped one. */
#define GM_FIGURE_MAX 100000000L

/* The number that starts at token i (digits, Arabic-Indic digits, or words in
 * any case form: خمسة عشر، ثلاثة وعشرين، مئتين), -1 when none; *used gets the
 * tokens it spans. Vague plurals take ACLED's conservative figures: عشرات 10,
 * مئات 100, آلاف 1000. */
long gm__parse_number(const gm_tokens *t, size_t i, size_t *used);

/* The date words in tokens [t0, t1) say against the document date (YYYY-MM-DD):
 * اليوم the day itself, أمس and الليلة الماضية the day before, a weekday name
 * the last such day on or before it. out gets YYYY-MM-DD, or "" when the
 * document has no date. */
/* Returns 1 when a date word said it, 0 when it is the document date. */
int gm__event_date(const char *doc_date, const gm_tokens *t, size_t t0, size_t t1, char out[11]);

typedef struct gm_event_list {
	gm_event *e;
	size_t n, cap;
	/* per event, what the layers do not carry (events.c, dedupe.c) */
	struct gm_event_aside {
		uint8_t bare;       /* 1 when a bare word of bombardment (القصف) told it */
		uint8_t dropped;    /* 1: told again or summed up elsewhere (dedupe.c removes it) */
		uint8_t by_focus;   /* 1: its text named no place; it stands at the document's focus */
		uint8_t begun;      /* 1: its sentence tells when it began (event-words.tsv, began):
		                       the same event as one of its type and place told going on */
		uint32_t quarter;   /* a quarter or village placed at its town (حي العروبة at Kirkuk):
		                       a hash of its folded name, so that it stays an event of its own
		                       beside the town's; 0 for any other place */
	} *aside;
	size_t aside_cap;
} gm_event_list;

/* The events of one document from its tokens and resolved matches: one per
 * distinct (type, place, date), casualty figures attached, a place from the
 * sentence or the document's focus. */
int gm__extract_events(const gm_gazetteer *g, const gm_tokens *t, const gm_match *m, const gm_resolved *r,
                       size_t n_matches, const char *doc_date, gm_event_list *out, gm_error *err);

#endif
