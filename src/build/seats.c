/* seats.c: the seat of each division, the town it is governed from (gazetteer_build.h). */
#include "gazetteer_build.h"

#include "error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A division's name as a comparable key: lower case, the words that only say
 * what kind of division it is dropped, the rest sorted, so GeoNames'
 * "Republic of Tatarstan" (the ADM1) and "Tatarstan Republic" (its seat's
 * admin1) meet. */
static void division_key(const char *name, char *out, size_t cap)
{
	static const char *const kind_words[] = {"republic", "of", "the", "oblast", "province", "governorate", "region",
	                                         "state", "krai", "kray", "district", "autonomous", "okrug", "county",
	                                         "muhafazat", "rayon", "city", "municipality", "prefecture", "territory"};
	char words[8][48];
	size_t n = 0;
	for (const char *p = name; *p && n < 8;) {
		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80))
			p++;
		size_t l = 0;
		while (*p && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80)) {
			if (l + 1 < sizeof words[0])
				words[n][l++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
			p++;
		}
		words[n][l] = '\0';
		if (!l)
			continue;
		int kind = 0;
		for (size_t k = 0; k < sizeof kind_words / sizeof *kind_words; k++)
			kind |= !strcmp(words[n], kind_words[k]);
		if (!kind)
			n++;
	}
	for (size_t i = 1; i < n; i++)   /* insertion sort: a handful of words */
		for (size_t j = i; j > 0 && strcmp(words[j - 1], words[j]) > 0; j--) {
			char tmp[48];
			memcpy(tmp, words[j], sizeof tmp);
			memcpy(words[j], words[j - 1], sizeof tmp);
			memcpy(words[j - 1], tmp, sizeof tmp);
		}
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(out + o, o < cap ? cap - o : 0, "%s%s", i ? " " : "", words[i]);
		if (w > 0)
			o += (size_t)w;
	}
}

/* Every country's capital (its most populous PPLC) and every first-level
 * division's seat (the most populous PPLA of the same country whose admin1
 * names the division): events told of "the capital of X" and statements of a
 * government go there. Only the few thousand PPLC/PPLA are compared. */
int gm__build_assign_seats(builder *b)
{
	size_t n_seats = 0;
	for (size_t i = 0; i < b->n_places; i++)
		n_seats += !strcmp(b->places[i].feature, "PPLC") || !strcmp(b->places[i].feature, "PPLA");
	size_t *seat = malloc((n_seats ? n_seats : 1) * sizeof *seat);
	char(*key)[128] = malloc((n_seats ? n_seats : 1) * sizeof *key);
	if (!seat || !key) {
		free(seat);
		free(key);
		return gm__fail(b->err, GM_ENOMEM, "out of memory");
	}
	n_seats = 0;
	for (size_t i = 0; i < b->n_places; i++)
		if (!strcmp(b->places[i].feature, "PPLC") || !strcmp(b->places[i].feature, "PPLA")) {
			division_key(b->places[i].admin1, key[n_seats], sizeof key[0]);
			seat[n_seats++] = i;
		}
	for (size_t i = 0; i < b->n_places; i++) {
		bplace *p = &b->places[i];
		p->seat = 0;
		int country = !strncmp(p->feature, "PCL", 3), adm1 = !strcmp(p->feature, "ADM1");
		if (!country && !adm1)
			continue;
		char want[128];
		want[0] = '\0';
		if (adm1)
			division_key(p->name_en, want, sizeof want);
		int64_t best_pop = -1;
		for (size_t k = 0; k < n_seats; k++) {
			const bplace *q = &b->places[seat[k]];
			if (strcmp(q->country, p->country) != 0 || q->population <= best_pop)
				continue;
			if (country ? strcmp(q->feature, "PPLC") != 0
			            : strcmp(q->feature, "PPLA") != 0 || !want[0] || strcmp(want, key[k]) != 0)
				continue;
			best_pop = q->population;
			p->seat = (uint32_t)seat[k] + 1;
		}
	}
	free(seat);
	free(key);
	return GM_OK;
}
