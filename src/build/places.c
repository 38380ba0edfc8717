/* places.c: the builder's store of places and names (see gazetteer_build.h):
 * what every source reader adds to and the compiler reads. */
#include "gazetteer_build.h"

#include "error.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *gm__build_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

char *gm__build_strdup(const char *s) { return gm__build_strndup(s, strlen(s)); }

void gm__build_problem(builder *b, const char *file, size_t line, const char *why)
{
	b->stats->rows_skipped++;
	if (!b->stats->first_problem[0])
		snprintf(b->stats->first_problem, sizeof b->stats->first_problem, "%s:%zu: %s", file, line, why);
}

/* ----------------------------------------------------------------- id index */

static uint32_t str_hash(const char *s) { return gm__gaz_hash(s, strlen(s)); }

static int same_id(const void *places, size_t i, const void *id)
{
	return strcmp(((const bplace *)places)[i].id, id) == 0;
}

long gm__build_find_place(const builder *b, const char *id)
{
	size_t i = gm__table_find(&b->ids, str_hash(id), same_id, b->places, id);
	return i == GM__TABLE_NONE ? -1 : (long)i;
}

bplace *gm__build_add_place(builder *b, const char *id)
{
	if (GM__GROW(b->places, b->cap_places, b->n_places + 1))
		return NULL;
	if (gm__table_reserve(&b->ids, b->n_places + 1))
		return NULL;   /* so that the add below cannot fail */
	bplace *p = &b->places[b->n_places];
	memset(p, 0, sizeof *p);
	p->id = gm__build_strdup(id);
	p->name_en = gm__build_strdup("");
	p->name_ar = gm__build_strdup("");
	p->admin1 = gm__build_strdup("");
	if (!p->id || !p->name_en || !p->name_ar || !p->admin1)
		return NULL;
	gm__table_add(&b->ids, str_hash(id), b->n_places);
	b->n_places++;
	return p;
}

int gm__build_add_name(bplace *p, const char *s, size_t n, uint8_t kind)
{
	while (n && (s[0] == ' '))
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	if (!n)
		return 0;
	for (size_t i = 0; i < p->n_names; i++)
		if (strlen(p->names[i].text) == n && memcmp(p->names[i].text, s, n) == 0) {
			if (kind == GM_NAME_CURATED || (kind == GM_NAME_TAGGED && p->names[i].kind == GM_NAME_UNTAGGED))
				p->names[i].kind = kind;
			return 0;
		}
	if (GM__GROW(p->names, p->cap_names, p->n_names + 1))
		return -1;
	p->names[p->n_names].text = gm__build_strndup(s, n);
	if (!p->names[p->n_names].text)
		return -1;
	p->names[p->n_names++].kind = kind;
	return 0;
}

void gm__build_set_str(char **dst, const char *v)
{
	char *d = gm__build_strdup(v);
	if (d) {
		free(*dst);
		*dst = d;
	}
}
