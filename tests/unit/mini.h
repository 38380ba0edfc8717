/* mini.h: the small gazetteer the unit tests build from tests/data. */
#ifndef GM_MINI_H
#define GM_MINI_H

#include "geomention.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Build tests/data/mini-*.tsv into a temporary file; its path goes to out. */
static inline int mini_build(const char *data_dir, char *out, size_t cap, gm_build_stats *st)
{
	char a[1024], b[1024], c[1024], d[1024], e[1024];
	snprintf(a, sizeof a, "%s/mini-places.tsv", data_dir);
	snprintf(b, sizeof b, "%s/mini-curated.tsv", data_dir);
	snprintf(c, sizeof c, "%s/mini-not-places.tsv", data_dir);
	/* the project's own cue words: the tests check the reviewed list itself */
	snprintf(d, sizeof d, "%s/../../gazetteer/cues.tsv", data_dir);
	snprintf(e, sizeof e, "%s/../../gazetteer/event-triggers.tsv", data_dir);
	/* curated first on purpose: the builder reads places files first anyway */
	const char *src[] = {b, a, c, d, e};
	snprintf(out, cap, "/tmp/gm-mini-%ld.gmz", (long)getpid());
	gm_error err;
	int rc = gm_gazetteer_build(src, 5, out, st, &err);
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
