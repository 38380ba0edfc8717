/* countries.c: the country and first-level division tables (countries.h). */
#include "countries.h"

#include "search.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* gazetteer/countries.tsv's and admin1.tsv's bytes, compiled in by CMake (gm_embed) */
extern const unsigned char gm__countries_tsv[], gm__admin1_tsv[];
extern const size_t gm__countries_tsv_len, gm__admin1_tsv_len;

/* A table's rows: cols strings per row, pointing into text (a copy of the
 * bytes split in place). Comment lines (#), the header (its first column
 * named first_col) and rows with fewer columns are passed over (the unit
 * tests check that every row has them all). */
typedef struct table {
	char *text;
	const char **cell;   /* n_rows * cols */
	size_t n_rows;
} table;

static int load_table(table *t, const unsigned char *bytes, size_t len, size_t cols, const char *first_col)
{
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += bytes[i] == '\n';
	t->text = malloc(len + 1);
	t->cell = calloc(cap * cols, sizeof *t->cell);
	t->n_rows = 0;
	if (!t->text || !t->cell) {
		free(t->text);
		free(t->cell);
		t->text = NULL;
		t->cell = NULL;
		return -1;
	}
	memcpy(t->text, bytes, len);
	t->text[len] = '\0';
	size_t fl = strlen(first_col);
	char *next;
	for (char *line = t->text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#' || (!strncmp(line, first_col, fl) && line[fl] == '\t'))
			continue;
		const char **row = &t->cell[t->n_rows * cols];
		size_t k = 0;
		for (char *p = line; k < cols;) {
			row[k++] = p;
			char *tab = strchr(p, '\t');
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (k == cols)
			t->n_rows++;
	}
	return 0;
}

static gm_country *countries;
static size_t n_countries;
static table country_rows;
static pthread_once_t countries_once = PTHREAD_ONCE_INIT;

static int cmp_country(const void *a, const void *b)
{
	return strcmp(((const gm_country *)a)->cc2, ((const gm_country *)b)->cc2);
}

/* cca2 cca3 ccn3 name_en acled_region */
static void load_countries(void)
{
	if (load_table(&country_rows, gm__countries_tsv, gm__countries_tsv_len, 5, "cca2") != 0)
		return;
	countries = calloc(country_rows.n_rows ? country_rows.n_rows : 1, sizeof *countries);
	if (!countries)
		return;
	for (size_t i = 0; i < country_rows.n_rows; i++) {
		const char **c = &country_rows.cell[i * 5];
		countries[i] = (gm_country){c[0], c[1], c[2], c[3], c[4]};
	}
	n_countries = country_rows.n_rows;
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

/* country admin1 admin1_id, sorted by (country, admin1) */
static table admin1_rows;
typedef const char *const *row_ref;   /* a row's first cell */
static row_ref *admin1_sorted;
static pthread_once_t admin1_once = PTHREAD_ONCE_INIT;

static int cmp_admin1_key(const char *cc, const char *name, const char *const *row)
{
	int c = strcmp(cc, row[0]);
	return c ? c : strcmp(name, row[1]);
}

static int admin1_below(const void *rows, size_t i, const void *key)
{
	const char *const *k = key;
	return cmp_admin1_key(k[0], k[1], ((const row_ref *)rows)[i]) > 0;
}

static int cmp_admin1_rows(const void *a, const void *b)
{
	row_ref ra = *(const row_ref *)a, rb = *(const row_ref *)b;
	return cmp_admin1_key(ra[0], ra[1], rb);
}

static void load_admin1(void)
{
	if (load_table(&admin1_rows, gm__admin1_tsv, gm__admin1_tsv_len, 3, "country") != 0)
		return;
	admin1_sorted = malloc((admin1_rows.n_rows ? admin1_rows.n_rows : 1) * sizeof *admin1_sorted);
	if (!admin1_sorted)
		return;
	for (size_t i = 0; i < admin1_rows.n_rows; i++)
		admin1_sorted[i] = &admin1_rows.cell[i * 3];
	qsort(admin1_sorted, admin1_rows.n_rows, sizeof *admin1_sorted, cmp_admin1_rows);
}

const char *gm__admin1_id(const char *cc2, const char *admin1)
{
	pthread_once(&admin1_once, load_admin1);
	if (!admin1_sorted || !cc2 || !admin1 || !*admin1)
		return "";
	const char *const key[2] = {cc2, admin1};
	size_t i = gm__lower_bound(admin1_sorted, admin1_rows.n_rows, admin1_below, key);
	return i < admin1_rows.n_rows && !cmp_admin1_key(cc2, admin1, admin1_sorted[i]) ? admin1_sorted[i][2] : "";
}
