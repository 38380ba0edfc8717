/* countries.c: the country table (countries.h). */
#include "countries.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* gazetteer/countries.tsv's bytes, compiled in by CMake (countries_tsv.c) */
extern const unsigned char gm__countries_tsv[];
extern const size_t gm__countries_tsv_len;

static gm_country *countries;
static size_t n_countries;
static char *countries_text;
static pthread_once_t countries_once = PTHREAD_ONCE_INIT;

static int cmp_country(const void *a, const void *b)
{
	return strcmp(((const gm_country *)a)->cc2, ((const gm_country *)b)->cc2);
}

/* the TSV, split in place: comment lines (#), the header, then
 * cca2 cca3 ccn3 name_en acled_region */
static void load_countries(void)
{
	countries_text = malloc(gm__countries_tsv_len + 1);
	size_t cap = 0;
	for (size_t i = 0; i < gm__countries_tsv_len; i++)
		cap += gm__countries_tsv[i] == '\n';
	countries = calloc(cap ? cap : 1, sizeof *countries);
	if (!countries_text || !countries) {
		free(countries_text);
		free(countries);
		countries_text = NULL;
		countries = NULL;
		return;
	}
	memcpy(countries_text, gm__countries_tsv, gm__countries_tsv_len);
	countries_text[gm__countries_tsv_len] = '\0';
	char *line = countries_text, *next;
	for (; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#' || !strncmp(line, "cca2\t", 5))
			continue;
		char *col[5];
		int k = 0;
		for (char *p = line; k < 5; k++) {
			col[k] = p;
			char *tab = strchr(p, '\t');
			if (!tab) {
				k++;
				break;
			}
			*tab = '\0';
			p = tab + 1;
		}
		if (k < 5 || n_countries >= cap)
			continue;   /* test_acled checks every row has its columns */
		countries[n_countries++] = (gm_country){col[0], col[1], col[2], col[3], col[4]};
	}
	qsort(countries, n_countries, sizeof *countries, cmp_country);
}

const gm_country *gm__countries(size_t *n)
{
	pthread_once(&countries_once, load_countries);
	*n = n_countries;
	return countries;
}

const gm_country *gm__country(const char *cc2)
{
	size_t n;
	const gm_country *all = gm__countries(&n);
	if (!cc2 || !*cc2 || !all)
		return NULL;
	gm_country key = {cc2, "", "", "", ""};
	return bsearch(&key, all, n, sizeof *all, cmp_country);
}
