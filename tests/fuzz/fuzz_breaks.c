/* fuzz_breaks.c: our own word and sentence boundaries (text/breaks.h) against
 * ICU's on any text (UTF-8 repaired first, as the reader hands it over): the
 * same segments with the same status and the same sentence ends, or a text
 * our rules leave to ICU. A difference aborts: it is a finding. */
#include "fuzz_common.h"

#include "breaks.h"
#include "utf8.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ICU's boundaries, walked along as ours come */
typedef struct walk {
	UBreakIterator *words, *sentences;
	int32_t word_start;
} walk;

static int check_sentence(void *ctx, uint32_t end)
{
	walk *w = ctx;
	if (ubrk_next(w->sentences) != (int32_t)end) {
		fprintf(stderr, "fuzz_breaks: sentence end %u is not ICU's\n", end);
		abort();
	}
	return 0;
}

static int check_word(void *ctx, const gm_word_seg *s)
{
	walk *w = ctx;
	int32_t b = ubrk_next(w->words);
	int32_t status = ubrk_getRuleStatus(w->words);
	int icu = status < 100 ? 0 : status < 200 ? 100 : 200;
	if ((int32_t)s->b0 != w->word_start || (int32_t)s->b1 != b || s->status != icu) {
		fprintf(stderr, "fuzz_breaks: segment [%u, %u) status %u, ICU's [%d, %d) status %d\n", s->b0, s->b1,
		        s->status, w->word_start, b, icu);
		abort();
	}
	w->word_start = b;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static walk w;
	static gm_breaker bk;
	static UText *ut;
	UErrorCode st = U_ZERO_ERROR;
	if (!w.words) {
		w.words = ubrk_open(UBRK_WORD, "ar", NULL, 0, &st);
		w.sentences = ubrk_open(UBRK_SENTENCE, "ar", NULL, 0, &st);
		if (U_FAILURE(st))
			abort();
	}
	size_t len;
	unsigned bad;
	char *text = gm__utf8_repair((const char *)data, size, &len, &bad);
	if (!text)
		return 0;
	ut = utext_openUTF8(ut, text, (int64_t)len, &st);
	ubrk_setUText(w.words, ut, &st);
	ubrk_setUText(w.sentences, ut, &st);
	if (U_FAILURE(st))
		abort();
	w.word_start = ubrk_first(w.words);
	ubrk_first(w.sentences);
	const gm_breaks_sink sink = {check_sentence, check_word, &w, 0};
	int rc = gm__breaks_run(&bk, text, len, &sink);
	if (rc == 1 && (ubrk_next(w.words) != UBRK_DONE || ubrk_next(w.sentences) != UBRK_DONE)) {
		fprintf(stderr, "fuzz_breaks: ICU has boundaries after our last\n");
		abort();
	}
	fuzz_check_rc(rc == 1 || rc == 0 ? GM_OK : rc);
	free(text);
	return 0;
}
