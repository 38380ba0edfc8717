/* geonames.c: GeoNames dumps, as users download them, into the builder.
 *
 * A folder may hold:
 *   allCountries.txt, cities500.txt ... cities15000.txt, or country files (AZ.txt):
 *       the 19-column place table; its alternatenames column has no language
 *       tags, so its Arabic-script names come in as untagged (they mix Persian,
 *       Urdu and ad-hoc forms)
 *   alternateNamesV2.txt (or alternateNames.txt): language-tagged names; `ar`
 *       are kept as tagged Arabic names (the preferred one becomes name_ar),
 *       `fa`, `ur`, `arz` and historic Arabic names as untagged, lower-weight ones
 *   admin1CodesASCII.txt: CC.code -> first-level division name
 *   countryInfo.txt: which geonameids are countries
 * Kept: places with at least one Arabic-script name, and every country and
 * first-level division (they carry document context even unnamed in Arabic).
 * Every file is streamed line by line: allCountries.txt is 1.5 GB. */
#include "gazetteer_build.h"

#include "error.h"
#include "grow.h"
#include "search.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct alt_name {
	uint32_t gid;
	uint8_t kind;        /* GM_NAME_TAGGED or GM_NAME_UNTAGGED */
	uint8_t preferred;
	char *text;
} alt_name;

typedef struct admin1_name {
	char code[24];       /* "AZ.28" */
	char *name;
} admin1_name;

typedef struct dump {
	alt_name *alts;
	size_t n_alts, cap_alts;
	admin1_name *admin1;
	size_t n_admin1, cap_admin1;
	uint32_t *countries;
	size_t n_countries, cap_countries;
} dump;

/* Any letter of the Arabic script blocks (Arabic, Supplement, Extended-A,
 * Presentation Forms A and B)? */
static int arabic_script(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = gm__utf8_decode(u + i, len - i, &cp);
		if (!n)
			return 0;
		if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08FF) ||
		    (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
			return 1;
		i += n;
	}
	return 0;
}

static int split_tabs(char *line, char **cols, int max)
{
	int n = 0;
	size_t len = strlen(line);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	cols[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			cols[n++] = p + 1;
		}
	return n;
}

/* One line of a dump: its columns, and where it stands for messages. */
typedef struct dump_row {
	char **c;
	int n;
	const char *path;
	size_t line;
} dump_row;

typedef int (*row_fn)(builder *b, dump *d, const dump_row *row);

static int each_line(builder *b, dump *d, const char *path, row_fn fn)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return gm__fail(b->err, GM_EIO, "cannot read %s: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0, ln = 0;
	int rc = GM_OK;
	char *cols[24];
	dump_row row = {cols, 0, path, 0};
	while (rc == GM_OK && getline(&line, &cap, f) > 0) {
		row.line = ++ln;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		row.n = split_tabs(line, cols, 24);
		rc = fn(b, d, &row);
	}
	if (rc == GM_OK && ferror(f))
		rc = gm__fail(b->err, GM_EIO, "cannot read %s", path);
	free(line);
	fclose(f);
	return rc;
}

static int on_alt(builder *b, dump *d, const dump_row *row)
{
	char **c = row->c;
	if (row->n < 4)
		return GM_OK;
	const char *lang = c[2];
	int ar = !strcmp(lang, "ar");
	if (!ar && strcmp(lang, "fa") && strcmp(lang, "ur") && strcmp(lang, "arz"))
		return GM_OK;
	int colloquial = row->n > 6 && c[6][0] == '1', historic = row->n > 7 && c[7][0] == '1';
	if (colloquial || !c[3][0])
		return GM_OK;
	/* a name is kept only whole: the row's slot and its text, or neither */
	alt_name *a = GM__GROW(d->alts, d->cap_alts, d->n_alts + 1) ? NULL : &d->alts[d->n_alts];
	if (!a || !(a->text = strdup(c[3])))
		return gm__fail(b->err, GM_ENOMEM, "out of memory reading alternate names");
	a->gid = (uint32_t)strtoul(c[1], NULL, 10);
	a->kind = ar && !historic ? GM_NAME_TAGGED : GM_NAME_UNTAGGED;
	a->preferred = ar && !historic && row->n > 4 && c[4][0] == '1';
	d->n_alts++;
	return GM_OK;
}

static int on_admin1(builder *b, dump *d, const dump_row *row)
{
	char **c = row->c;
	if (row->n < 2 || strlen(c[0]) >= sizeof d->admin1->code)
		return GM_OK;
	admin1_name *a = GM__GROW(d->admin1, d->cap_admin1, d->n_admin1 + 1) ? NULL : &d->admin1[d->n_admin1];
	if (!a || !(a->name = strdup(c[1])))
		return gm__fail(b->err, GM_ENOMEM, "out of memory reading admin1 codes");
	snprintf(a->code, sizeof a->code, "%s", c[0]);
	d->n_admin1++;
	return GM_OK;
}

static int on_country(builder *b, dump *d, const dump_row *row)
{
	char **c = row->c;
	if (row->n < 17 || !c[16][0])
		return GM_OK;  /* geonameid is column 17 */
	if (GM__GROW(d->countries, d->cap_countries, d->n_countries + 1))
		return gm__fail(b->err, GM_ENOMEM, "out of memory");
	d->countries[d->n_countries++] = (uint32_t)strtoul(c[16], NULL, 10);
	return GM_OK;
}

static int cmp_alt(const void *a, const void *b)
{
	const alt_name *x = a, *y = b;
	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;   /* tagged first */
	return (int)y->preferred - (int)x->preferred;
}
static int cmp_admin1(const void *a, const void *b)
{
	return strcmp(((const admin1_name *)a)->code, ((const admin1_name *)b)->code);
}
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The first alternate name of gid, or NULL; they are sorted by gid. */
static int alt_below(const void *alts, size_t i, const void *gid)
{
	return ((const alt_name *)alts)[i].gid < *(const uint32_t *)gid;
}

static const alt_name *alts_of(const dump *d, uint32_t gid)
{
	size_t lo = gm__lower_bound(d->alts, d->n_alts, alt_below, &gid);
	return lo < d->n_alts && d->alts[lo].gid == gid ? &d->alts[lo] : NULL;
}

/* A name in plain Latin letters (and spaces, hyphens, apostrophes): the
 * Latin alternates worth a skeleton; codes and other scripts are not. */
static int plain_latin(const char *s)
{
	int letters = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z'))
			letters++;
		else if (*u != ' ' && *u != '-' && *u != '\'')
			return 0;
	}
	return letters >= 3;
}

/* A row's comma-separated alternatenames, cut in place: the Arabic-script
 * ones and the plain Latin ones (as many as there is room for). */
typedef struct row_names {
	char *arabic[64], *latin[8];
	size_t n_arabic, n_latin;
} row_names;

static void split_alternates(char *s, row_names *r)
{
	r->n_arabic = r->n_latin = 0;
	while (*s) {
		char *e = strchr(s, ',');
		if (e)
			*e = '\0';
		if (arabic_script(s) && r->n_arabic < sizeof r->arabic / sizeof *r->arabic)
			r->arabic[r->n_arabic++] = s;
		else if (plain_latin(s) && r->n_latin < sizeof r->latin / sizeof *r->latin)
			r->latin[r->n_latin++] = s;
		s = e ? e + 1 : s + strlen(s);
	}
}

/* The place's names: GeoNames' own Arabic ones (alternateNames, tagged),
 * the row's Arabic alternates, and for a place kept for its Latin names
 * those (c[1] name, c[2] asciiname, the Latin alternates). */
static int add_names(builder *b, const dump *d, bplace *p, const alt_name *alt, uint32_t gid, const row_names *r,
                     int latin_only, char **c)
{
	for (const alt_name *a = alt; a && a < d->alts + d->n_alts && a->gid == gid; a++) {
		if (gm__build_add_name(p, a->text, strlen(a->text), a->kind))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		if (a->kind == GM_NAME_TAGGED && !p->name_ar[0])
			gm__build_set_str(&p->name_ar, a->text);   /* preferred sorts first */
	}
	for (size_t i = 0; i < r->n_arabic; i++)
		if (gm__build_add_name(p, r->arabic[i], strlen(r->arabic[i]), GM_NAME_UNTAGGED))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
	if (latin_only) {
		if (gm__build_add_name(p, c[1], strlen(c[1]), GM_NAME_LATIN) ||
		    gm__build_add_name(p, c[2], strlen(c[2]), GM_NAME_LATIN))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		for (size_t i = 0; i < r->n_latin; i++)
			if (gm__build_add_name(p, r->latin[i], strlen(r->latin[i]), GM_NAME_LATIN))
				return gm__fail(b->err, GM_ENOMEM, "out of memory");
	}
	return GM_OK;
}

static int on_place(builder *b, dump *d, const dump_row *row)
{
	char **c = row->c;
	if (row->n < 15) {
		gm__build_problem(b, row->path, row->line, "a GeoNames place row has 19 columns");
		return GM_OK;
	}
	char *end;
	uint32_t gid = (uint32_t)strtoul(c[0], &end, 10);
	char *lat_end, *lon_end;
	double lat = strtod(c[4], &lat_end), lon = strtod(c[5], &lon_end);
	/* (lat != lat: NaN, which strtod reads from "nan" and no comparison refuses) */
	if (*end || !gid || !c[4][0] || *lat_end || !c[5][0] || *lon_end || lat != lat || lon != lon || lat < -90 ||
	    lat > 90 || lon < -180 || lon > 180) {
		gm__build_problem(b, row->path, row->line, "bad geonameid or coordinates");
		return GM_OK;
	}
	const char *fcode = c[7][0] ? c[7] : c[6];
	const alt_name *alt = alts_of(d, gid);
	int is_country = !strncmp(fcode, "PCL", 3) ||
	                 (d->n_countries &&   /* bsearch(NULL, 0) is undefined */
	                  bsearch(&gid, d->countries, d->n_countries, sizeof *d->countries, cmp_u32) != NULL);
	row_names names;
	split_alternates(c[3], &names);
	/* a populated place with no Arabic name is kept for its Latin names:
	 * news names villages no gazetteer spells in Arabic (translit.h) */
	int latin_only = !alt && !names.n_arabic && c[6][0] == 'P';
	if (!alt && !names.n_arabic && !is_country && strcmp(fcode, "ADM1") != 0 && !latin_only)
		return GM_OK;
	char id[32];
	snprintf(id, sizeof id, "gn:%u", gid);
	if (gm__build_find_place(b, id) >= 0)
		return GM_OK;  /* the same place in two files (cities500 and cities15000) */
	bplace *p = gm__build_add_place(b, id);
	if (!p)
		return gm__fail(b->err, GM_ENOMEM, "out of memory");
	p->from_dump = 1;
	p->lat = lat;
	p->lon = lon;
	p->population = strtoll(c[14], NULL, 10);
	snprintf(p->feature, sizeof p->feature, "%.7s", fcode);
	snprintf(p->country, sizeof p->country, "%.3s", c[8]);
	gm__build_set_str(&p->name_en, c[1]);
	if (!strcmp(fcode, "ADM1")) {
		gm__build_set_str(&p->admin1, c[1]);
	} else if (c[10][0] && c[8][0]) {
		admin1_name key;
		snprintf(key.code, sizeof key.code, "%s.%s", c[8], c[10]);
		const admin1_name *a =
		        d->n_admin1 ? bsearch(&key, d->admin1, d->n_admin1, sizeof *d->admin1, cmp_admin1) : NULL;
		if (a)
			gm__build_set_str(&p->admin1, a->name);
	}
	return add_names(b, d, p, alt, gid, &names, latin_only, c);
}

static int is_place_file(const char *n)
{
	if (!strcmp(n, "allCountries.txt"))
		return 1;
	if (!strncmp(n, "cities", 6) && strlen(n) > 10 && !strcmp(n + strlen(n) - 4, ".txt"))
		return 1;
	return strlen(n) == 6 && n[0] >= 'A' && n[0] <= 'Z' && n[1] >= 'A' && n[1] <= 'Z' && !strcmp(n + 2, ".txt");
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int gm__build_read_geonames(builder *b, const char *dir)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return gm__fail(b->err, errno == ENOENT ? GM_ENOENT : GM_EIO, "cannot read GeoNames folder %s: %s", dir,
		                strerror(errno));
	dump d;
	memset(&d, 0, sizeof d);
	char *place_files[256];
	size_t n_place = 0;
	char alt_path[4096] = "", admin1_path[4096] = "", country_path[4096] = "";
	struct dirent *e;
	while ((e = readdir(dh)) != NULL) {
		const char *n = e->d_name;
		if (!strcmp(n, "alternateNamesV2.txt") || (!strcmp(n, "alternateNames.txt") && !alt_path[0]))
			snprintf(alt_path, sizeof alt_path, "%s/%s", dir, n);
		else if (!strcmp(n, "admin1CodesASCII.txt"))
			snprintf(admin1_path, sizeof admin1_path, "%s/%s", dir, n);
		else if (!strcmp(n, "countryInfo.txt"))
			snprintf(country_path, sizeof country_path, "%s/%s", dir, n);
		else if (is_place_file(n) && n_place < sizeof place_files / sizeof *place_files)
			place_files[n_place++] = strdup(n);
	}
	closedir(dh);
	int rc = GM_OK;
	if (!n_place)
		rc = gm__fail(b->err, GM_EINVAL,
		              "no GeoNames place table in %s (allCountries.txt, cities*.txt or a country file like AZ.txt)", dir);
	/* files are read in name order: the same folder always builds the same file */
	if (n_place)   /* qsort(NULL, 0) is undefined (UBSan) */
		qsort(place_files, n_place, sizeof *place_files, cmp_str);
	if (rc == GM_OK && alt_path[0])
		rc = each_line(b, &d, alt_path, on_alt);
	if (rc == GM_OK && admin1_path[0])
		rc = each_line(b, &d, admin1_path, on_admin1);
	if (rc == GM_OK && country_path[0])
		rc = each_line(b, &d, country_path, on_country);
	if (d.n_alts)
		qsort(d.alts, d.n_alts, sizeof *d.alts, cmp_alt);
	if (d.n_admin1)
		qsort(d.admin1, d.n_admin1, sizeof *d.admin1, cmp_admin1);
	if (d.n_countries)
		qsort(d.countries, d.n_countries, sizeof *d.countries, cmp_u32);
	for (size_t i = 0; i < n_place && rc == GM_OK; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, place_files[i]);
		rc = each_line(b, &d, path, on_place);
	}
	for (size_t i = 0; i < n_place; i++)
		free(place_files[i]);
	for (size_t i = 0; i < d.n_alts; i++)
		free(d.alts[i].text);
	for (size_t i = 0; i < d.n_admin1; i++)
		free(d.admin1[i].name);
	free(d.alts);
	free(d.admin1);
	free(d.countries);
	return rc;
}
