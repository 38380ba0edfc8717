/* test_gazetteer_build.c: compiling the gazetteer (src/build): what the
 * mini sources make, the same bytes whatever order the sources are given
 * in, inputs found by fuzzing handled, a file of an unknown kind refused.
 * GeoNames dumps are test_geonames.c; opening the file is test_gazetteer.c. */
#include "check.h"
#include "gazetteer.h"
#include "mini.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *data;
static char path[256], again[300], bad[300];
static gm_build_stats st;

/* the places rows, one with latitude 999; 2 new curated places; one curated row for an unknown id */
static void build_counts(void)
{
	CHECK_INT(st.places, 37);
	CHECK_INT(st.rows_skipped, 2);
	CHECK(strstr(st.first_problem, "mini-places.tsv:16") != NULL);
	CHECK_INT(st.not_places, 6);   /* 3 reviewed, 3 of the lexicon kinds */
}

static void same_bytes_in_any_order(void)
{
	gm_error err;
	/* the same sources give the same bytes */
	mini_paths mp;
	const char *src[MINI_N_SOURCES], *reordered[MINI_N_SOURCES];
	mini_sources(data, mp, src);
	for (int i = 0; i < MINI_N_SOURCES; i++)   /* the same sources in another order */
		reordered[i] = src[MINI_N_SOURCES - 1 - i];
	CHECK_INT(gm_gazetteer_build(reordered, MINI_N_SOURCES, again, &st, &err), 0);
	char cmd[800];
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", path, again);
	CHECK_INT(system(cmd), 0);
}

static void found_by_fuzzing(void)
{
	gm_error err;
	/* found by fuzz_tsv (#15): a GeoNames folder with no countryInfo.txt nor
	 * admin1 codes (bsearch over nothing was undefined), a row whose
	 * coordinates read "nan" (accepted as a place at NaN), and a source with
	 * no name at all (qsort over nothing) */
	{
		char gdir[300], cpath[400], opath[320];
		snprintf(gdir, sizeof gdir, "%s.fuzzdir", path);
		snprintf(opath, sizeof opath, "%s.fuzz.gmz", path);
		mkdir(gdir, 0700);
		snprintf(cpath, sizeof cpath, "%s/cities500.txt", gdir);
		FILE *c = fopen(cpath, "w");
		fputs("900001\tTestabad\tTestabad\tTestabad,\u062a\u0633\u062a\t40.1\t46.1\tP\tPPLA\tAZ\t\t28\t\t\t\t2500\t\t\t"
		      "Asia/Baku\t2020-01-01\n", c);
		fputs("900002\tNowhere\tNowhere\t\tnan\t46.1\tP\tPPL\tAZ\t\t28\t\t\t\t10\t\t\tAsia/Baku\t2020-01-01\n", c);
		fclose(c);
		const char *gsrc[] = {gdir};
		gm_build_stats fs;
		CHECK_INT(gm_gazetteer_build(gsrc, 1, opath, &fs, &err), 0);
		CHECK_INT(fs.places, 1);
		CHECK_INT(fs.rows_skipped, 1);   /* the NaN row */
		unlink(opath);
		unlink(cpath);
		rmdir(gdir);
		char hpath[320];
		snprintf(hpath, sizeof hpath, "%s.header-only.tsv", path);
		FILE *h = fopen(hpath, "w");
		fputs("id\tname_en\tname_ar\tlat\tlon\tfeature\tcountry\tadmin1\tpopulation\tnames_ar\tnames_alt\tsource\t"
		      "names_latin\n", h);
		fclose(h);
		const char *hsrc[] = {hpath};
		CHECK_INT(gm_gazetteer_build(hsrc, 1, opath, &fs, &err), GM_EINVAL);
		CHECK(strstr(err.message, "no places") != NULL);
		unlink(opath);
		unlink(hpath);
	}
}

static void unknown_header_refused(void)
{
	gm_error err;
	/* sources: a file with an unknown header is refused, naming it */
	const char *wrong[] = {bad};
	FILE *f = fopen(bad, "w");
	fputs("foo\tbar\n1\t2\n", f);
	fclose(f);
	CHECK_INT(gm_gazetteer_build(wrong, 1, again, &st, &err), GM_EINVAL);
	CHECK(strstr(err.message, "unknown header") != NULL);
}

/* every key says the longest event word that starts with its first word
 * (trigger_words; a phrase's own key at least its own length):
 * worked out again here from the keys' own trigger postings, for every key;
 * 0 for a key no event word starts with */
static void trigger_words_of_every_key(void)
{
	gm_gazetteer *g = NULL;
	gm_error err;
	CHECK_INT(gm_gazetteer_open(&g, path, &err), 0);
	if (!g)
		return;
	uint32_t n = g->h->n_keys;
	uint8_t *want = calloc(n ? n : 1, 1);
	size_t triggers = 0, phrases = 0, differ = 0;
	for (uint32_t i = 0; i < n; i++) {
		const gm_gaz_key *k = &g->keys[i];
		if (!gm__gaz_trigger(g, k))
			continue;
		triggers++;
		const char *s = gm__gaz_str(g, k->str);
		uint8_t words = 1;
		for (uint32_t b = 0; b < k->len; b++)
			words += s[b] == ' ';
		const char *sp = memchr(s, ' ', k->len);
		const gm_gaz_key *first = sp ? gm__gaz_find(g, s, (size_t)(sp - s)) : k;
		phrases += sp != NULL;
		CHECK(first != NULL);
		if (first && want[first - g->keys] < words)
			want[first - g->keys] = words;
		if (want[i] < words)
			want[i] = words;   /* (a phrase's own key says its own length, as max_words does) */
	}
	for (uint32_t i = 0; i < n; i++)
		differ += g->keys[i].trigger_words != want[i];
	CHECK_INT(differ, 0);
	CHECK(triggers > 100 && phrases > 10);   /* (the project's event-triggers.tsv is in it) */
	const gm_gaz_key *place = gm__gaz_find(g, "حلب", strlen("حلب"));
	CHECK(place && place->trigger_words == 0);
	free(want);
	gm_gazetteer_close(g);
}

/* The bundled gazetteer lists each key's candidates as the resolver needs
 * them (resolve.c stops early on that order): large places first, then by
 * static score under the default weights, highest first, then by place;
 * each posting carries its place's country. */
static void candidates_in_resolver_order(void)
{
	gm_gazetteer *g = NULL;
	gm_error err;
	CHECK_INT(gm_gazetteer_open(&g, GM_TEST_GAZETTEER, &err), 0);
	if (!g)
		return;
	gm_resolve_weights w;
	gm_resolve_weights_default(&w);
	size_t wrong = 0, reordered = 0, many = 0, country_wrong = 0;
	for (uint32_t i = 0; i < g->h->n_keys; i++) {
		const gm_gaz_key *k = &g->keys[i];
		const gm_gaz_posting *p = &g->postings[k->post_start];
		long last = -1;
		int by_place = 1, n = 0;
		for (uint32_t j = 0; j < k->post_count; j++) {
			if (!gm__gaz_is_candidate(g, &p[j]))
				continue;
			n++;
			char cc[4];
			country_wrong += strcmp(gm__gaz_posting_country(g, &p[j], cc), g->places[p[j].place].country) != 0;
			if (last >= 0) {
				const gm_gaz_place *a = &g->places[p[last].place], *b = &g->places[p[j].place];
				int la = gm__large_place(a), lb = gm__large_place(b);
				int sa = gm__gaz_static_score(&w, a, &p[last]), sb = gm__gaz_static_score(&w, b, &p[j]);
				wrong += la < lb || (la == lb && (sa < sb || (sa == sb && p[last].place > p[j].place)));
				by_place &= p[last].place < p[j].place;
			}
			last = (long)j;
		}
		many += n >= 8;
		reordered += n >= 2 && !by_place;
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(country_wrong, 0);   /* and each says its place's country */
	CHECK(reordered > 1000 && many > 100);   /* the order is made, and names have many places */
	gm_gazetteer_close(g);
}

int main(int argc, char **argv)
{
	data = argc > 1 ? argv[1] : "tests/data";
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	CHECK_INT(mini_build(data, path, sizeof path, &st), 0);
	snprintf(again, sizeof again, "%s.again", path);
	snprintf(bad, sizeof bad, "%s.bad", path);
	static const check_case cases[] = {CHECK_CASE(build_counts), CHECK_CASE(same_bytes_in_any_order),
	                                   CHECK_CASE(found_by_fuzzing), CHECK_CASE(unknown_header_refused),
	                                   CHECK_CASE(trigger_words_of_every_key),
	                                   CHECK_CASE(candidates_in_resolver_order)};
	int rc = check_run("gazetteer_build", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	unlink(bad);
	unlink(again);
	unlink(path);
	return rc;
}
