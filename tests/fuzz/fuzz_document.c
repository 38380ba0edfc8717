/* fuzz_document.c: a document's text through the whole pipeline (tokenize,
 * fold, match, resolve, events) on the bundled gazetteer, as the reader hands
 * it over: UTF-8 repaired first. Every mention and event must lie inside the
 * text and name a place of the gazetteer. */
#include "fuzz_common.h"

#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static gm_ctx *ctx;
	gm_gazetteer *g = fuzz_gazetteer();
	gm_error err;
	if (!ctx && gm_ctx_new(&ctx, g, &err) != GM_OK)
		abort();
	if (memchr(data, '\0', size))
		return 0;   /* the reader skips such input as binary */
	size_t len;
	unsigned bad;
	char *text = gm__utf8_repair((const char *)data, size, &len, &bad);
	if (!text)
		return 0;
	gm_document d = {.id = "fuzz", .text = text, .text_len = len, .date = size % 2 ? "2024-02-29" : NULL};
	gm_doc_result r = {0};
	int rc = gm_map_document(ctx, &d, &r, &err);
	fuzz_check_rc(rc);
	uint32_t n_places = gm_gazetteer_place_count(g);
	for (size_t i = 0; rc == GM_OK && i < r.n_mentions; i++) {
		const gm_mention *m = &r.mentions[i];
		if (m->byte_start > m->byte_end || m->byte_end > len || m->start > m->end || m->place >= n_places ||
		    m->snippet_start > m->snippet_end || m->snippet_end > len)
			abort();
	}
	for (size_t i = 0; rc == GM_OK && i < r.n_events; i++) {
		const gm_event *e = &r.events[i];
		if ((e->place != GM_NO_PLACE && e->place >= n_places) || e->trigger_end > len || e->snippet_end > len)
			abort();
	}
	gm_doc_result_free(&r);
	free(text);
	return 0;
}
