/* test_gazetteer.c: the compiled file opened (src/gazetteer): its header and
 * lookups, damaged files refused, the lookup memo per gazetteer. Building
 * one is test_gazetteer_build.c. */
#include "check.h"
#include "gazetteer.h"
#include "mini.h"

#include <fcntl.h>
#include <stddef.h>
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

static const char *err_of(const char *path)
{
	static gm_error err;
	gm_gazetteer *g = NULL;
	if (gm_gazetteer_open(&g, path, &err) == GM_OK)
		strcpy(err.message, "(opened)");
	gm_gazetteer_close(g);
	return err.message;
}

/* #15.1: every single-byte flip of the file is refused by a verifying open;
 * a lazy open of the same bytes (a heap copy, so a sanitizer sees any read
 * past it) never reads outside them, whatever it answers: every key of the
 * intact file is looked up and a sentence of its names is mapped. Of 300
 * flips of the bundled file, 268 used to open silently and 3 crashed. */
static void flip_sweep(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		CHECK(0);
		return;
	}
	fseek(f, 0, SEEK_END);
	size_t n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *orig = malloc(n), *b = malloc(n);
	CHECK(orig && b && fread(orig, 1, n, f) == n);
	fclose(f);
	gm_gazetteer *good = NULL;
	gm_error err;
	CHECK_INT(gm__gazetteer_open_memory(&good, orig, n, 0, &err), GM_OK);
	const char *text = "قصف على باكو وغنجة وشوشا في أذربيجان، واشتباكات قرب لاشين";
	uint64_t seed = 88172645463325252ull;
	int refused = 0, lazy_opened = 0, flips = 600;
	for (int i = 0; i < flips; i++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;   /* xorshift: the same flips every run */
		size_t at = (size_t)(seed % n);
		unsigned char bit = (unsigned char)(1u << (seed >> 40) % 8);
		memcpy(b, orig, n);
		b[at] ^= bit;
		gm_gazetteer *g = NULL;
		int rc = gm__gazetteer_open_memory(&g, b, n, 0, &err);
		refused += rc == GM_ECORRUPT || rc == GM_EVERSION;
		gm_gazetteer_close(g);
		g = NULL;
		if (gm__gazetteer_open_memory(&g, b, n, GM_GAZ_OPEN_NO_VERIFY, &err) != GM_OK)
			continue;
		lazy_opened++;
		for (uint32_t k = 0; good && k < good->h->n_keys; k++) {
			const gm_gaz_key *key = &good->keys[k];
			const char *s = gm__gaz_str(good, key->str);
			const gm_gaz_key *got = gm__gaz_find(g, s, key->len);
			if (got)
				CHECK(got >= g->keys && got < g->keys + g->h->n_keys);
		}
		gm_ctx *ctx = NULL;
		if (gm_ctx_new(&ctx, g, &err) == GM_OK) {
			gm_document d = {.id = "flip", .text = text, .text_len = strlen(text), .date = "2023-09-20"};
			gm_doc_result r = {0};
			gm_map_document(ctx, &d, &r, &err);
			for (size_t m = 0; m < r.n_mentions; m++)
				CHECK(r.mentions[m].place == GM_NO_PLACE || r.mentions[m].place < gm_gazetteer_place_count(g));
			gm_doc_result_free(&r);
			gm_ctx_free(ctx);
		}
		gm_gazetteer_close(g);
	}
	CHECK_INT(refused, flips);
	CHECK(lazy_opened > flips / 2);   /* most flips are past the header: the lazy path was exercised */
	gm_gazetteer_close(good);
	free(orig);
	free(b);
}

static const char *data;
static char path[256], again[300], bad[300];
static gm_build_stats st;

static void info_and_lookups(void)
{
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
}

static void damaged_files_refused(void)
{
	gm_error err;
	gm_gazetteer *g = NULL;
	/* damaged files: each refused with its own reason */
	struct stat sb;
	stat(path, &sb);
	/* a flipped byte: opening verifies and refuses it, naming the checksum;
	 * a lazy open takes it, and verify then reads it all (#15.1) */
	copy_modified(path, bad, (long)sb.st_size / 2, -1);
	CHECK_INT(open_rc(bad), GM_ECORRUPT);
	CHECK(strstr(err_of(bad), "checksum") != NULL);
	g = NULL;
	CHECK_INT(gm_gazetteer_open_flags(&g, bad, GM_GAZ_OPEN_NO_VERIFY, &err), GM_OK);
	if (g) {
		CHECK_INT(gm_gazetteer_verify(g, &err), GM_ECORRUPT);
		CHECK(strstr(err.message, "checksum") != NULL);
		gm_gazetteer_close(g);
	}
	/* the header's name and date are covered too */
	copy_modified(path, bad, (long)offsetof(gm_gaz_header, name), -1);
	CHECK_INT(open_rc(bad), GM_ECORRUPT);
	flip_sweep(path);
	g = NULL;
	CHECK_INT(gm_gazetteer_open(&g, path, &err), GM_OK);
	if (g) {
		CHECK_INT(gm_gazetteer_verify(g, &err), GM_OK);
		gm_gazetteer_close(g);
	}
	copy_modified(path, bad, -1, (int)sb.st_size - 100);         /* truncated */
	CHECK_INT(open_rc(bad), GM_ECORRUPT);
	copy_modified(path, bad, 0, -1);                             /* not our magic */
	CHECK_INT(open_rc(bad), GM_EVERSION);
	copy_modified(path, bad, 8, -1);                             /* another version */
	CHECK_INT(open_rc(bad), GM_EVERSION);
	copy_modified(path, bad, -1, 0);                             /* empty */
	CHECK_INT(open_rc(bad), GM_EVERSION);
	CHECK_INT(open_rc("/nonexistent.gmz"), GM_ENOENT);
}

/* the lookup memo answers for the gazetteer asked, never another: two open
 * at once (the mini one and one of GeoNames dumps), asked in turns, then one
 * closed and a third opened (perhaps at the same address) */
static void lookup_memo_per_gazetteer(void)
{
	gm_error err;
	char dir[1024], gpath[300];
	snprintf(dir, sizeof dir, "%s/geonames", data);
	snprintf(gpath, sizeof gpath, "%s.memo", path);
	const char *gsrc[] = {dir};
	gm_build_stats gs;
	CHECK_INT(gm_gazetteer_build(gsrc, 1, gpath, &gs, &err), 0);
	gm_gazetteer *G = NULL;
	CHECK_INT(gm_gazetteer_open(&G, gpath, &err), 0);
	gm_gazetteer *m = mini_open(data);
	CHECK(m != NULL);
	if (G && m) {
		for (int round = 0; round < 3; round++) {
			CHECK(gm__gaz_find(G, "^latanal", strlen("^latanal")) != NULL);
			CHECK(gm__gaz_find(m, "^latanal", strlen("^latanal")) == NULL);
			CHECK(gm__gaz_find(m, "باكو", strlen("باكو")) != NULL);
			CHECK(gm__gaz_find(G, "باكو", strlen("باكو")) == NULL);
		}
		gm_gazetteer_close(m);
		m = mini_open(data);
		CHECK(m != NULL);
		if (m) {
			const gm_gaz_key *mk = gm__gaz_find(m, "باكو", strlen("باكو"));
			CHECK(mk != NULL && mk >= m->keys && mk < m->keys + m->h->n_keys);
			CHECK(gm__gaz_find(m, "^latanal", strlen("^latanal")) == NULL);
		}
	}
	gm_gazetteer_close(m);
	gm_gazetteer_close(G);
	unlink(gpath);
}

int main(int argc, char **argv)
{
	data = argc > 1 ? argv[1] : "tests/data";
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	CHECK_INT(mini_build(data, path, sizeof path, &st), 0);
	snprintf(again, sizeof again, "%s.again", path);
	snprintf(bad, sizeof bad, "%s.bad", path);
	static const check_case cases[] = {CHECK_CASE(info_and_lookups), CHECK_CASE(damaged_files_refused),
	                                   CHECK_CASE(lookup_memo_per_gazetteer)};
	int rc = check_run("gazetteer", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	unlink(bad);
	unlink(again);
	unlink(path);
	return rc;
}
