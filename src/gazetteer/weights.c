/* weights.c: the resolver's weights, one named table. An opened gazetteer
 * holds them (defaults at open, `map --weights` for a run), so they live with
 * the gazetteer and the resolver reads them there: match/ calls gazetteer/,
 * never the other way. The names are the ones `--weights`, scripts/sweep and
 * the README use. */
#include "gazetteer.h"

#include "error.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define W(name) {#name, offsetof(gm_resolve_weights, name)}
static const struct { const char *name; size_t off; } weight_fields[] = {
	W(min_score), W(lex_country), W(lex_large_in), W(lex_large_none), W(lex_large_else), W(lex_mid_in),
	W(lex_mid_def_in), W(lex_mid_none), W(lex_small), W(lex_small_else), W(abroad_town), W(abroad_city),
	W(district_base), W(context_country), W(context_admin1), W(variant_cost), W(hinterland_admin), W(list_abroad),
};
#undef W

void gm_resolve_weights_default(gm_resolve_weights *w)
{
	*w = (gm_resolve_weights){
		.min_score = 35, .lex_country = 10, .lex_large_in = 10, .lex_large_none = 15, .lex_large_else = 55,
		.lex_mid_in = 30, .lex_mid_def_in = 30, .lex_mid_none = 10, .lex_small = 40, .lex_small_else = 50,
		.abroad_town = 25, .abroad_city = 0, .district_base = 22, .context_country = 10, .context_admin1 = 20,
		.variant_cost = 25, .hinterland_admin = 20, .list_abroad = 25,
	};
}

int gm_resolve_weights_parse(gm_resolve_weights *w, const char *spec, gm_error *err)
{
	const char *s = spec;
	while (*s) {
		const char *eq = strchr(s, '='), *end = strchr(s, ',');
		if (!end)
			end = s + strlen(s);
		if (!eq || eq > end)
			return gm__fail(err, GM_EINVAL, "weights: '%.*s' is not name=value", (int)(end - s), s);
		size_t i = 0, n = sizeof weight_fields / sizeof *weight_fields;
		while (i < n && !(strlen(weight_fields[i].name) == (size_t)(eq - s) && !strncmp(weight_fields[i].name, s, (size_t)(eq - s))))
			i++;
		if (i == n)
			return gm__fail(err, GM_EINVAL, "weights: no weight called '%.*s'", (int)(eq - s), s);
		char *e;
		long v = strtol(eq + 1, &e, 10);
		if (e != end || e == eq + 1 || v < -100 || v > 200)
			return gm__fail(err, GM_EINVAL, "weights: '%.*s' needs a whole number from -100 to 200", (int)(end - s), s);
		*(int *)((char *)w + weight_fields[i].off) = (int)v;
		s = *end ? end + 1 : end;
	}
	return GM_OK;
}

void gm_gazetteer_set_weights(gm_gazetteer *gaz, const gm_resolve_weights *w) { gaz->w = *w; }
