/* matches.c: the array of a document's matches, and where a match's name
 * starts behind its clitic (match.h, matcher.h): what the matcher's files
 * (match.c, unlisted.c) share, so that neither calls the other back. */
#include "matcher.h"

#include "error.h"
#include "fold.h"
#include "grow.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Byte and code point offsets after skipping `letters` folded code points at
 * the start of text[b0..b1), and any marks that follow them. */
void gm__skip_letters(const char *text, uint32_t b0, uint32_t b1, uint32_t letters, uint32_t *nb, uint32_t *nc)
{
	const unsigned char *u = (const unsigned char *)text;
	uint32_t i = b0, seen = 0, cps = 0;
	while (i < b1) {
		uint32_t cp, f[4];
		size_t n = gm__utf8_decode(u + i, b1 - i, &cp);
		if (!n)
			n = 1;
		size_t k = gm__fold_cp(cp, f);
		if (seen >= letters && k > 0)
			break;
		seen += (uint32_t)k;
		i += (uint32_t)n;
		cps++;
	}
	*nb = i;
	*nc = cps;
}

gm_match *gm__push_match(gm_matches *out, gm_error *err)
{
	if (GM__GROW(out->m, out->cap, out->n + 1)) {
		gm__fail(err, GM_ENOMEM, "out of memory matching");
		return NULL;
	}
	gm_match *m = &out->m[out->n++];
	memset(m, 0, sizeof *m);
	return m;
}

void gm__matches_free(gm_matches *m)
{
	free(m->m);
	memset(m, 0, sizeof *m);
}
