/* fuzz_gazetteer.c: a gazetteer file of any bytes. A verifying open must
 * refuse what is damaged; a lazy open (a heap copy of exactly the input, so
 * that ASan sees any read past it) may give wrong answers but never read
 * outside the file: lookups of the words news is made of, and a sentence
 * mapped. */
#include "fuzz_common.h"

#include "gazetteer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const words[] = {"باكو", "لاشين", "حلب", "غزه", "قصف", "في", "مدينه", "الخرطوم",
                                    "~بكو", "^baku", "قريه فارسيه القديمه", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	for (unsigned flags = 0; flags <= GM_GAZ_OPEN_NO_VERIFY; flags += GM_GAZ_OPEN_NO_VERIFY) {
		gm_gazetteer *g = NULL;
		gm_error err;
		int rc = gm__gazetteer_open_memory(&g, copy, size, flags, &err);
		fuzz_check_rc(rc);
		if (rc != GM_OK)
			continue;
		for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
			const gm_gaz_key *k = gm__gaz_find(g, words[i], strlen(words[i]));
			if (k && (k < g->keys || k >= g->keys + g->h->n_keys))
				abort();
		}
		gm_place p;
		uint32_t n = gm_gazetteer_place_count(g);
		for (uint32_t i = 0; i < n && i < 64; i++)
			gm_gazetteer_get_place(g, i, &p);
		gm_gazetteer_verify(g, &err);
		gm_ctx *ctx = NULL;
		if (gm_ctx_new(&ctx, g, &err) == GM_OK) {
			const char *text = "قصفت القوات مدينة باكو وقرى لاشين، واشتباكات قرب حلب في سوريا أمس";
			gm_document d = {.id = "fuzz", .text = text, .text_len = strlen(text), .date = "2024-05-01"};
			gm_doc_result r = {0};
			fuzz_check_rc(gm_map_document(ctx, &d, &r, &err));
			gm_doc_result_free(&r);
			gm_ctx_free(ctx);
		}
		gm_gazetteer_close(g);
	}
	free(copy);
	return 0;
}
