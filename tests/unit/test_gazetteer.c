/* test_gazetteer.c: build, open, look up, and refuse damaged files. */
#include "check.h"
#include "gazetteer.h"
#include "mini.h"

#include <fcntl.h>
#include <sys/stat.h>

static int open_rc(const char *path)
{
	gm_gazetteer *g = NULL;
	gm_error err;
	int rc = gm_gazetteer_open(&g, path, &err);
	gm_gazetteer_close(g);
	return rc;
}

static void copy_modified(const char *from, const char *to, long offset, int truncate_to)
{
	FILE *f = fopen(from, "rb");
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *b = malloc((size_t)n);
	if (fread(b, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	fclose(f);
	if (offset >= 0 && offset < n)
		b[offset] ^= 0x5A;
	FILE *o = fopen(to, "wb");
	fwrite(b, 1, truncate_to >= 0 ? (size_t)truncate_to : (size_t)n, o);
	fclose(o);
	free(b);
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : "tests/data";
	char path[256];
	gm_build_stats st;
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	CHECK_INT(mini_build(data, path, sizeof path, &st), 0);
	/* 16 rows, one with latitude 999; 2 new curated places; one curated row for an unknown id */
	CHECK_INT(st.places, 22);
	CHECK_INT(st.rows_skipped, 2);
	CHECK(strstr(st.first_problem, "mini-places.tsv:16") != NULL);
	CHECK_INT(st.not_places, 2);

	gm_gazetteer *g = NULL;
	gm_error err;
	CHECK_INT(gm_gazetteer_open(&g, path, &err), 0);
	gm_gazetteer_info gi;
	gm_gazetteer_get_info(g, &gi);
	CHECK_INT(gi.format_version, GM_GAZ_VERSION);
	CHECK_STR(gi.build_date, "2023-11-14T22:13:20Z");
	CHECK_INT(strlen(gi.checksum), 16);

	/* lookups are by folded key */
	const gm_gaz_key *k = gm__gaz_find(g, "اذربيجان", strlen("اذربيجان"));
	CHECK(k != NULL && k->post_count == 1);
	k = gm__gaz_find(g, "باكو", strlen("باكو"));
	CHECK(k != NULL && k->post_count == 2);
	/* the first word of a multi-word name is a key that knows how far to look */
	k = gm__gaz_find(g, "ناغورني", strlen("ناغورني"));
	CHECK(k != NULL && k->post_count == 0 && k->max_words == 3);
	k = gm__gaz_find(g, "ناغورني قره باغ", strlen("ناغورني قره باغ"));
	CHECK(k != NULL && k->post_count == 1);
	CHECK(gm__gaz_find(g, "غير موجود", strlen("غير موجود")) == NULL);

	/* curated: fix replaced names and English name; add appended a variant */
	long baku = mini_find(g, "t:2");
	gm_place p;
	CHECK(baku >= 0);
	gm_gazetteer_get_place(g, (uint32_t)baku, &p);
	CHECK_STR(p.name_en, "Baku (fixed)");
	CHECK_STR(p.feature, "PPLC");
	CHECK_STR(p.country, "AZ");
	CHECK(gm__gaz_find(g, "بادكوبه", strlen("بادكوبه")) != NULL);
	CHECK(gm__gaz_find(g, "لاتشين", strlen("لاتشين")) != NULL);
	long nk = mini_find(g, "t:9");
	CHECK(nk >= 0);
	gm_gazetteer_get_place(g, (uint32_t)nk, &p);
	CHECK(p.lat > 39.8 && p.lat < 39.9);
	/* not-places are keys too, with no place */
	k = gm__gaz_find(g, "الامم المتحده", strlen("الامم المتحده"));
	CHECK(k != NULL && k->post_count == 1 && g->postings[k->post_start].place == GM_GAZ_NO_PLACE);
	gm_gazetteer_close(g);

	/* the same sources give the same bytes */
	char again[300];
	snprintf(again, sizeof again, "%s.again", path);
	char a[1024], b[1024], c[1024], d[1024];
	snprintf(a, sizeof a, "%s/mini-places.tsv", data);
	snprintf(b, sizeof b, "%s/mini-curated.tsv", data);
	snprintf(c, sizeof c, "%s/mini-not-places.tsv", data);
	snprintf(d, sizeof d, "%s/../../gazetteer/cues.tsv", data);
	const char *src[] = {a, b, c, d};
	CHECK_INT(gm_gazetteer_build(src, 4, again, &st, &err), 0);
	char cmd[800];
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", path, again);
	CHECK_INT(system(cmd), 0);

	/* damaged files: each refused with its own reason */
	char bad[300];
	snprintf(bad, sizeof bad, "%s.bad", path);
	struct stat sb;
	stat(path, &sb);
	copy_modified(path, bad, (long)sb.st_size / 2, -1);          /* a flipped byte */
	CHECK_INT(open_rc(bad), GM_ECORRUPT);
	copy_modified(path, bad, -1, (int)sb.st_size - 100);         /* truncated */
	CHECK_INT(open_rc(bad), GM_ECORRUPT);
	copy_modified(path, bad, 0, -1);                             /* not our magic */
	CHECK_INT(open_rc(bad), GM_EVERSION);
	copy_modified(path, bad, 8, -1);                             /* another version */
	CHECK_INT(open_rc(bad), GM_EVERSION);
	copy_modified(path, bad, -1, 0);                             /* empty */
	CHECK_INT(open_rc(bad), GM_EVERSION);
	CHECK_INT(open_rc("/nonexistent.gmz"), GM_ENOENT);
	copy_modified(path, bad, (long)sb.st_size / 2, -1);
	gm_gazetteer_open(&g, bad, &err);
	CHECK(strstr(err.message, "checksum") != NULL);

	/* sources: a file with an unknown header is refused, naming it */
	snprintf(a, sizeof a, "%s/mini-places.tsv", data);
	const char *wrong[] = {bad};
	FILE *f = fopen(bad, "w");
	fputs("foo\tbar\n1\t2\n", f);
	fclose(f);
	CHECK_INT(gm_gazetteer_build(wrong, 1, again, &st, &err), GM_EINVAL);
	CHECK(strstr(err.message, "unknown header") != NULL);
	unlink(bad);
	unlink(again);
	unlink(path);
	return check_done("gazetteer");
}
