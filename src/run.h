/* run.h: what a run accumulates for the writers (internal): every input's
 * fate, every mention, and the per-place aggregates. */
#ifndef GM_RUN_H
#define GM_RUN_H

#include "geomention.h"

#include <time.h>

typedef struct gm_run_doc {
	char *id, *path, *reason, *warning;
	long line;
	int skipped;
	unsigned invalid_utf8;
	size_t n_mentions, n_demonyms, n_events;
	char date[11];
} gm_run_doc;

typedef struct gm_run_mention {
	uint32_t doc;          /* index into docs */
	uint32_t start, end;
	uint32_t place;
	int score;
	char *rule, *surface, *snippet;
} gm_run_mention;

typedef struct gm_run_event {
	uint32_t doc;          /* index into docs */
	uint32_t n;            /* its number in the document: event_id is <doc_id>#<n> */
	const char *type;      /* static */
	uint32_t place;        /* GM_NO_PLACE when the text gives none */
	int precision;
	long fatalities, injured;  /* -1: not stated */
	char date[11];
	char *trigger, *snippet;
} gm_run_event;

typedef struct gm_place_agg {
	uint32_t place;
	uint32_t mentions, docs;  /* docs: distinct documents with a mention */
	uint32_t demonyms;
	uint32_t events;
	long fatalities, injured;  /* sums over the events located here */
	uint32_t last_doc;     /* to count distinct documents */
	char first_date[11], last_date[11];
} gm_place_agg;

struct gm_run {
	const gm_gazetteer *gaz;
	gm_run_doc *docs;
	size_t n_docs, cap_docs;
	gm_run_mention *mentions;
	size_t n_mentions, cap_mentions;
	gm_run_mention *demonyms;
	size_t n_demonyms, cap_demonyms;
	gm_run_event *events;
	size_t n_events, cap_events;
	uint32_t *agg_of_place;   /* place index -> agg index + 1 */
	gm_place_agg *aggs;
	size_t n_aggs, cap_aggs;
	struct timespec started;
};

/* write.c: every layer and run.json for a run. */
int gm__write_run(const gm_run *run, const gm_write_options *opts, gm_run_summary *summary, gm_error *err);
int gm__check_write_options(const gm_write_options *opts, gm_error *err);

#endif
