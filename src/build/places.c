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

static int id_rehash(builder *b)
{
	size_t cap = b->id_cap ? b->id_cap * 2 : 1024;
	uint32_t *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < b->n_places; i++) {
		size_t j = str_hash(b->places[i].id) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = (uint32_t)i + 1;
	}
	free(b->id_slots);
	b->id_slots = slots;
	b->id_cap = cap;
	return 0;
}

long gm__build_find_place(const builder *b, const char *id)
{
	if (!b->id_cap)
		return -1;
	for (size_t j = str_hash(id) & (b->id_cap - 1); b->id_slots[j]; j = (j + 1) & (b->id_cap - 1))
		if (strcmp(b->places[b->id_slots[j] - 1].id, id) == 0)
			return (long)b->id_slots[j] - 1;
	return -1;
}

bplace *gm__build_add_place(builder *b, const char *id)
{
	if (GM__GROW(b->places, b->cap_places, b->n_places + 1))
		return NULL;
	if ((b->n_places + 1) * 2 > b->id_cap && id_rehash(b))
		return NULL;
	bplace *p = &b->places[b->n_places];
	memset(p, 0, sizeof *p);
	p->id = gm__build_strdup(id);
	p->name_en = gm__build_strdup("");
	p->name_ar = gm__build_strdup("");
	p->admin1 = gm__build_strdup("");
	if (!p->id || !p->name_en || !p->name_ar || !p->admin1)
		return NULL;
	size_t j = str_hash(id) & (b->id_cap - 1);
	while (b->id_slots[j])
		j = (j + 1) & (b->id_cap - 1);
	b->id_slots[j] = (uint32_t)b->n_places + 1;
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
