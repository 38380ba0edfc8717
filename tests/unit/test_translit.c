/* test_translit.c: Latin skeletons of Arabic words and Latin names meet where
 * transliteration habits differ, and stay apart where the words differ. */
#include "check.h"
#include "translit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gm_translit *tr;   /* as the map opens it: lazy, the letter table first */
static gm_translit *icu;  /* every word through ICU */

static const char *key(const char *s, size_t min)
{
	static char buf[256];
	if (!gm__translit_key(tr, s, strlen(s), min, buf, sizeof buf))
		buf[0] = '\0';
	return buf;
}

static const char *skel(const char *ascii)
{
	static char buf[256];
	if (!gm__latin_skeleton(ascii, strlen(ascii), buf, sizeof buf))
		buf[0] = '\0';
	return buf;
}

static void pure_skeleton(void)
{
	/* the pure skeleton: classes, vowel runs as one mark, final vowel gone */
	CHECK_STR(skel("soledar"), "salatar");
	CHECK_STR(skel("tovuz"), "tas");          /* v between vowels is one vowel run */
	CHECK_STR(skel("khankendi"), "kankant");  /* kh with k, d with t */
	CHECK_STR(skel("chasiv yar"), "sasar");   /* ch with s; the space ends nothing */
	CHECK_STR(skel("kupiansk"), "kabansk");   /* p with b */
	CHECK_STR(skel("aaa"), "");               /* no consonant: no skeleton */
	CHECK_INT(gm__latin_consonants("salatar"), 4);
}

static void arabic_meets_latin(void)
{
	/* an Arabic word and the Latin name of the same place meet */
	CHECK_STR(key("سوليدار", 3), key("Soledar", 3));
	CHECK_STR(key("توفوز", 2), key("Tovuz", 2));
	CHECK_STR(key("خانكندي", 3), key("Khankendi", 3));
	CHECK_STR(key("خانكندي", 3), key("Xankəndi", 3));   /* Azerbaijani x, ə */
	/* ش or تش for ch, ج or غ or ق for g */
	CHECK_STR(key("تشاسيف", 2), key("Chasiv", 2));
	CHECK_STR(key("شاسيف", 2), key("Chasiv", 2));
	CHECK_STR(key("غوري", 2), key("Gori", 2));
	CHECK_STR(key("جوري", 2), key("Gori", 2));
	CHECK_STR(key("قوري", 2), key("Gori", 2));
}

static void apart_and_keys(void)
{
	/* the key says it is a Latin skeleton */
	CHECK_STR(key("Soledar", 3), "^salatar");
	/* too few consonants for the asked minimum: no key */
	CHECK_STR(key("Gori", 3), "");
	/* different places stay apart */
	char a[64];
	snprintf(a, sizeof a, "%s", key("ماريينكا", 3));
	CHECK_STR(a, "^marank");
	CHECK(strcmp(a, key("Mirny", 3)) != 0);
	snprintf(a, sizeof a, "%s", key("أوروجاين", 2));
	CHECK(a[0] && strcmp(a, key("Rohan", 2)) != 0);
}

/* #17: a word asked again is answered from the memo: the same key, the
 * minimum applied to each call, and a key a small buffer would cut is cut
 * for that caller only */
static void asked_again(void)
{
	char first[64], small[8];
	snprintf(first, sizeof first, "%s", key("سوليدار", 3));
	CHECK_STR(key("سوليدار", 3), first);
	CHECK_STR(key("سوليدار", 9), "");   /* the minimum is the caller's */
	CHECK_STR(key("سوليدار", 3), first);
	size_t n = gm__translit_key(tr, "سوليدار", strlen("سوليدار"), 3, small, sizeof small);
	CHECK(n < sizeof small && !strncmp(small, first, n));
	CHECK_STR(key("سوليدار", 3), first);   /* the cut one was not kept */
	/* a word of the same hash slot is not answered for another */
	CHECK_STR(key("ماريينكا", 3), "^marank");
	CHECK_STR(key("سوليدار", 3), first);
}

/* #17: the letter table gives ICU's key, word for word */
static size_t words_same, words_differ, words_by_table;

/* whether every letter of w is one the table writes: ASCII, or U+0621 ...
 * U+064A but for the five ICU keeps (U+063B ... U+063F) */
static int table_covers(const unsigned char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (w[i] < 0x80)
			continue;
		if (i + 1 >= n || (w[i] != 0xD8 && w[i] != 0xD9))
			return 0;
		unsigned cp = ((w[i] & 0x1Fu) << 6) | (w[i + 1] & 0x3Fu);
		if (cp < 0x0621 || cp > 0x064A || (cp >= 0x063B && cp <= 0x063F))
			return 0;
		i++;
	}
	return 1;
}

/* every run of letters (Arabic script or ASCII) of a file, both ways */
static int compare_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char line[65536];
	while (fgets(line, sizeof line, f)) {
		const unsigned char *s = (const unsigned char *)line;
		for (size_t i = 0; s[i];) {
			size_t j = i;
			/* ASCII letters, and the bytes of U+0600 ... U+06FF (lead D8-DB) */
			while (s[j] && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
			                (s[j] >= 0xD8 && s[j] <= 0xDB && (s[j + 1] & 0xC0) == 0x80) ||
			                ((s[j] & 0xC0) == 0x80 && j > i)))
				j++;
			if (j == i) {
				i++;
				continue;
			}
			char a[256], b[256];
			size_t ka = gm__translit_key(tr, line + i, j - i, 1, a, sizeof a);
			size_t kb = gm__translit_key(icu, line + i, j - i, 1, b, sizeof b);
			int same = ka == kb && (!ka || !memcmp(a, b, ka));
			words_same += same;
			words_by_table += table_covers(s + i, j - i);
			if (!same && words_differ++ < 5)
				fprintf(stderr, "  table and ICU differ on %.*s: %.*s, %.*s\n", (int)(j - i), line + i, (int)ka,
				        a, (int)kb, b);
			i = j;
		}
	}
	fclose(f);
	return 0;
}

static void table_as_icu_on_the_letters(void)
{
	/* each letter of the table's block alone, and ASCII letters */
	for (unsigned cp = 0x0621; cp <= 0x064A; cp++) {
		char w[8] = {(char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)), 'b', 'r', 'k', 0};
		char a[64], b[64];
		size_t ka = gm__translit_key(tr, w, 5, 1, a, sizeof a), kb = gm__translit_key(icu, w, 5, 1, b, sizeof b);
		CHECK(ka == kb && !memcmp(a, b, ka));
	}
	char a[64], b[64];
	size_t ka = gm__translit_key(tr, "SoleDar", 7, 1, a, sizeof a), kb = gm__translit_key(icu, "SoleDar", 7, 1, b, sizeof b);
	CHECK(ka == kb && !memcmp(a, b, ka));
}

static void table_as_icu_on_every_word(void)
{
	/* the project's own words: the gazetteer's names, the samples */
	static const char *const own[] = {GM_TEST_TOP "/gazetteer/places.tsv", GM_TEST_TOP "/gazetteer/curated.tsv",
	                                  GM_TEST_TOP "/samples/feed.jsonl"};
	for (size_t k = 0; k < sizeof own / sizeof *own; k++)
		CHECK_INT(compare_file(own[k]), 0);
	/* and ../shared's corpora, where they are */
	if (compare_file(GM_TEST_SHARED "/corpus/news-dev/docs.jsonl") != 0) {
		printf("  skipped ../shared's corpora: no %s\n", GM_TEST_SHARED "/corpus/news-dev/docs.jsonl");
	} else {
		CHECK_INT(compare_file(GM_TEST_SHARED "/corpus/seeds.jsonl"), 0);
		DIR *d = opendir(GM_TEST_SHARED "/bench/aqmar");
		struct dirent *e;
		while (d && (e = readdir(d))) {
			char p[1200];
			size_t n = strlen(e->d_name);
			if (n > 4 && !strcmp(e->d_name + n - 4, ".txt")) {
				snprintf(p, sizeof p, "%s/%s", GM_TEST_SHARED "/bench/aqmar", e->d_name);
				CHECK_INT(compare_file(p), 0);
			}
		}
		if (d)
			closedir(d);
	}
	CHECK_INT(words_differ, 0);
	CHECK(words_by_table > words_same / 2);   /* the table, not ICU, answered most */
	printf("  %zu words the same both ways, %zu of them in the table's letters\n", words_same, words_by_table);
}

/* a lazy transliterator opens ICU only for a word outside the table */
static void lazy_until_needed(void)
{
	gm_translit *t;
	gm_error err;
	CHECK_INT(gm__translit_open(&t, GM_TRANSLIT_LAZY, &err), 0);
	char a[64];
	CHECK(gm__translit_key(t, "سوليدار", strlen("سوليدار"), 3, a, sizeof a) > 0);
	CHECK(gm__translit_key(t, "Xankəndi", strlen("Xankəndi"), 3, a, sizeof a) > 0);   /* ə: through ICU */
	CHECK(gm__translit_error(t) == NULL);
	gm__translit_close(t);
}

int main(int argc, char **argv)
{
	gm_error err;
	CHECK_INT(gm__translit_open(&tr, GM_TRANSLIT_LAZY, &err), 0);
	CHECK_INT(gm__translit_open(&icu, GM_TRANSLIT_ICU_ONLY, &err), 0);
	if (!tr || !icu)
		return check_done("translit");
	static const check_case cases[] = {CHECK_CASE(pure_skeleton),
	                                   CHECK_CASE(arabic_meets_latin),
	                                   CHECK_CASE(apart_and_keys),
	                                   CHECK_CASE(asked_again),
	                                   CHECK_CASE(table_as_icu_on_the_letters),
	                                   CHECK_CASE(table_as_icu_on_every_word),
	                                   CHECK_CASE(lazy_until_needed)};
	int rc = check_run("translit", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm__translit_close(tr);
	gm__translit_close(icu);
	return rc;
}
