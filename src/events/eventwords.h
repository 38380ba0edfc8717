/* eventwords.h: the function words the event reader needs (internal):
 * number words and their values, days, and the small closed classes of words
 * around an event and its place, from the reviewed gazetteer/event-words.tsv
 * (compiled into the library at build time, folded once at first use). */
#ifndef GM_EVENTWORDS_H
#define GM_EVENTWORDS_H

#include "tokenize.h"

#include <stddef.h>
#include <stdint.h>

enum gm_event_word {
	GM_W_NONE = 0,
	GM_W_UNIT, GM_W_TEN, GM_W_HUNDRED, GM_W_THOUSAND, GM_W_MANY, GM_W_TEEN,   /* numbers */
	GM_W_WEEKDAY, GM_W_TODAY, GM_W_YESTERDAY, GM_W_NIGHT, GM_W_PAST,           /* days */
	GM_W_LOCATIVE, GM_W_FROM, GM_W_EACH, GM_W_SINCE, GM_W_NEAR,                /* around a place */
	GM_W_OFFICIAL, GM_W_CAPITAL, GM_W_SEE, GM_W_ALSO, GM_W_DURING, GM_W_STOP, GM_W_ROUND,
	GM_W_MASIRA, GM_W_MARCHING,   /* مسيرة: a drone, or a march when marching words stand by it */
	GM_W_FOR_DISPLACED,           /* للنازحين، بالنازحين: the displaced as people helped or housed */
	GM_W_AIR,                     /* جوية: after an attack word, an air strike */
	GM_W_OUTSET,                  /* بدء، اندلاع: منذ بدء الهجوم tells of an event begun before */
	GM_W_INCLUDING,               /* بينها، منها، بما يشمل: the places after it are the event's too */
	GM_W_AGENT,                   /* القوات، الجيش، الطائرات: who strikes, between the event word and
	                                 the place it strikes (قصفت القوات بيت لاهيا) */
	GM_W_BOMBARD,                 /* قصف: bombardment that says not from where: at a spot the
	                                 document tells an air strike at, that strike told again */
	GM_W_RESIDENTS,               /* أهالي، سكان: the place after it is where people flee from */
	GM_W_ESCALATION,              /* التصعيد: "جولة جديدة من التصعيد" is a round of violence, not a visit */
	GM_W_VIA,                     /* عبر: "عبر اتصالات هاتفية" is the means of a warning, not a call told */
	GM_W_WITNESS,                 /* يشهد، شهدت: its subject is where the event it names happened */
	GM_W_USE,                     /* استخدام: the weapons after it, in a clash, are its arms, no event */
	GM_W_HOSPITAL,                /* مستشفى: the town after it is where the wounded were taken */
	GM_W_TOLL,                    /* حصيلة، عدد: "عدد الشهداء جراء أحداث الكرك": the toll of what was told */
	GM_W_MONTH,                   /* أغسطس، آب (value 1-12): "في 12 أغسطس 2019", the number after it a year */
	GM_W_STATIONED,               /* المتمركزة: the place after it (في X) is where the shooter is, not
	                                 where the fire fell ("قوّات النظام المتمركزة في خان شيخون") */
	GM_W_STATEMENT,               /* بيان، أصدرته: the place behind في after it is where a statement
	                                 was made ("في بيان مشترك أصدرتاه في نيامي"), not where it tells */
	GM_W_RAID,                    /* اقتحم، اقتحام: a raid, as the event word's key after clitics */
	GM_W_SITE,                    /* مقر، معسكر، مطار، قاعدة، ثكنة: a military site a raid takes */
	GM_W_POSSIBLE,                /* محتمل، متوقع right after an event word: "نزوح محتمل" is feared, not told */
	GM_W_BEGAN,                   /* بدأت، اندلعت after an event word: when the event began ("جولة
	                                 الاشتباكات ... بدأت الخميس الماضي"), where the document tells it
	                                 going on, not a new one of that day */
	GM_W_N
};

/* Whether the folded word w[0..len) has that function; *value (may be NULL)
 * gets the row's value (a number's, a weekday's 0-6, days back). Safe from
 * any thread. */
int gm__function_word(const char *w, size_t len, int function, long *value);
/* Every function the folded word w[0..len) has, as bits (1 << function):
 * one lookup where a caller asks about several. */
uint64_t gm__function_mask(const char *w, size_t len);
#define GM_W_BIT(function) ((uint64_t)1 << (function))
_Static_assert(GM_W_N < 64, "a function per bit of gm__function_mask, and the top bit for the tokens' memo");
/* (in gm_tokens.word_mask_memo: the token was asked) */
#define GM_W_ASKED ((uint64_t)1 << 63)
/* The function of a name as event-words.tsv writes it, -1 when unknown. */
int gm__function_word_code(const char *name);
/* Rows the table holds (those with a known function and a value). */
size_t gm__function_word_count(void);

/* The folded text of token i. */
static inline const char *gm__tok_text(const gm_tokens *t, size_t i) { return t->folded + t->tok[i].f_off; }
/* Every function token i has, as bits: looked up once per token and
 * document (the rules ask of the words around every event word, the same
 * words again and again), then read from the tokens' memo. */
static inline uint64_t gm__word_mask(const gm_tokens *t, size_t i)
{
	if (!t->word_mask_memo || i >= t->word_mask_memo_cap)
		return gm__function_mask(gm__tok_text(t, i), t->tok[i].f_len);
	uint64_t m = t->word_mask_memo[i];
	if (!m)
		t->word_mask_memo[i] = m = GM_W_ASKED | gm__function_mask(gm__tok_text(t, i), t->tok[i].f_len);
	return m & ~GM_W_ASKED;
}
/* Whether token i has that function (event-words.tsv); *value its value
 * (the row asked for only then). */
static inline int gm__word_has(const gm_tokens *t, size_t i, int function, long *value)
{
	if (!(gm__word_mask(t, i) & GM_W_BIT(function)))
		return 0;
	return !value || gm__function_word(gm__tok_text(t, i), t->tok[i].f_len, function, value);
}

#endif
