/* mini.h: the small gazetteer the unit tests build from tests/data. */
#ifndef GM_MINI_H
#define GM_MINI_H

#include "geomention.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The sources of the mini gazetteer: tests/data/mini-*.tsv and the project's
 * own cue and event words (the tests check the reviewed lists themselves).
 * Curated first on purpose: the builder reads places files first anyway. */
#define MINI_N_SOURCES 5
typedef char mini_paths[MINI_N_SOURCES][1024];
static inline void mini_sources(const char *data_dir, mini_paths p, const char *src[MINI_N_SOURCES])
{
	static const char *const names[MINI_N_SOURCES] = {"mini-curated.tsv", "mini-places.tsv", "mini-not-places.tsv",
	                                                  "../../gazetteer/cues.tsv", "../../gazetteer/event-triggers.tsv"};
	for (int i = 0; i < MINI_N_SOURCES; i++) {
		snprintf(p[i], sizeof p[i], "%s/%s", data_dir, names[i]);
		src[i] = p[i];
	}
}

/* Build the mini gazetteer into a temporary file; its path goes to out. */
static inline int mini_build(const char *data_dir, char *out, size_t cap, gm_build_stats *st)
{
	mini_paths p;
	const char *src[MINI_N_SOURCES];
	mini_sources(data_dir, p, src);
	snprintf(out, cap, "/tmp/gm-mini-%ld.gmz", (long)getpid());
	gm_error err;
	int rc = gm_gazetteer_build(src, MINI_N_SOURCES, out, st, &err);
	if (rc)
		fprintf(stderr, "mini_build: %s\n", err.message);
	return rc;
}

static inline gm_gazetteer *mini_open(const char *data_dir)
{
	char path[256];
	gm_build_stats st;
	if (mini_build(data_dir, path, sizeof path, &st))
		return NULL;
	gm_gazetteer *g = NULL;
	gm_error err;
	if (gm_gazetteer_open(&g, path, &err))
		fprintf(stderr, "mini_open: %s\n", err.message);
	unlink(path);  /* the mapping stays valid after unlink */
	return g;
}

static inline long mini_find(const gm_gazetteer *g, const char *id)
{
	for (uint32_t i = 0; i < gm_gazetteer_place_count(g); i++) {
		gm_place p;
		gm_gazetteer_get_place(g, i, &p);
		if (strcmp(p.id, id) == 0)
			return (long)i;
	}
	return -1;
}

#endif
