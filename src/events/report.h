/* report.h: how events.c reports the events of a sentence, shared with
 * tolls.c (internal to events/): the document being read, the sentence being
 * reported, and the casualty tolls that go to events told before. */
#ifndef GM_REPORT_H
#define GM_REPORT_H

#include "reading.h"

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

/* One sentence being reported: where, what read_sentence found, and what
 * its events have taken so far. */
typedef struct sentence_reporter {
	doc_reader *d;
	const sentence_hits *sh;
	sentence_report *sr;
	size_t k0, k1;          /* the sentence's matches */
	size_t sent;            /* its index in the document's sentences */
	/* the date of its events: worked out (gm__event_date) when it gives the
	 * first, since most sentences report none */
	const char *doc_date;
	char date[11];
	int date_said;
	int date_known;
	int bare;               /* fire told only by bare words of bombardment */
	int figures_given;      /* the sentence's figures went to an event */
	int toll_type;          /* the type whose event word stands nearest its casualty word, 0: any */
	size_t told_earlier;    /* events of the sentences before this one */
} sentence_reporter;

/* A toll with no event word of its own after an air strike or shelling was
 * told is that violence's (the sentence's clash word retyped); forces that
 * kill fight, a clash of their own. */
void gm__ev_toll_of_violence_told(sentence_reporter *sp);
/* A toll split place by place ("شهيد في شمسطار، شهيدان في الحلانية"), given
 * to the violent events told at those places where they stated none: how many
 * stretches found their event. */
size_t gm__ev_tolls_by_place(sentence_reporter *sp);
/* Whether a count word stands right before a casualty word of the sentence
 * ("عدد الشهداء"، "حصيلة القتلى"). */
int gm__ev_toll_told_before(const gm_tokens *t, const sentence_hits *sh);
/* Which of the sentence's types carrying a toll stands nearest its first
 * casualty word (0 when it gave no figure or has no such type). */
int gm__ev_toll_type(const sentence_report *sr);

#endif
