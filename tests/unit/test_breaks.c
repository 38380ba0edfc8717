/* test_breaks.c: our own word and sentence boundaries (text/breaks.h) are
 * ICU's, segment for segment and status for status: on random text of the
 * characters the rules treat differently, on the project's samples, and on
 * every corpus in ../shared (seeds, news-dev, AQMAR) where it is present. */
#include "breaks.h"
#include "check.h"
#include "json.h"
#include "utf8.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

static UBreakIterator *icu_words, *icu_sentences;
static UText *ut;
static gm_breaker breaker;

/* what our breaker gave, collected from its sink */
static struct {
	gm_word_seg *words;
	size_t n_words, words_cap;
	uint32_t *sentence_ends;
	size_t n_sentences, sentences_cap;
} bk;

static int got_sentence(void *ctx, uint32_t end)
{
	(void)ctx;
	if (bk.n_sentences == bk.sentences_cap) {
		bk.sentences_cap = bk.sentences_cap ? bk.sentences_cap * 2 : 64;
		bk.sentence_ends = realloc(bk.sentence_ends, bk.sentences_cap * sizeof *bk.sentence_ends);
	}
	bk.sentence_ends[bk.n_sentences++] = end;
	return 0;
}

static int got_word(void *ctx, const gm_word_seg *w)
{
	(void)ctx;
	if (bk.n_words == bk.words_cap) {
		bk.words_cap = bk.words_cap ? bk.words_cap * 2 : 256;
		bk.words = realloc(bk.words, bk.words_cap * sizeof *bk.words);
	}
	bk.words[bk.n_words++] = *w;
	return 0;
}
static size_t texts_compared, texts_left_to_icu, first_shown;
static size_t plain_segments, letter_segments;   /* of the segments compared */

/* ICU's segments of text, as breaks.h gives them */
static size_t icu_segments(const char *text, size_t len, gm_word_seg **out, size_t *cap, uint32_t **ends,
                           size_t *ends_cap, size_t *n_ends)
{
	UErrorCode st = U_ZERO_ERROR;
	ut = utext_openUTF8(ut, text, (int64_t)len, &st);
	ubrk_setUText(icu_words, ut, &st);
	size_t n = 0;
	for (int32_t a = ubrk_first(icu_words), b; (b = ubrk_next(icu_words)) != UBRK_DONE; a = b) {
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*out = realloc(*out, *cap * sizeof **out);
		}
		int32_t status = ubrk_getRuleStatus(icu_words);
		/* the ranges of ICU's statuses: none 0-99, number 100-199, letter 200-299 */
		(*out)[n++] = (gm_word_seg){(uint32_t)a, (uint32_t)b, 0, 0, (uint16_t)(status < 100 ? 0 : status < 200 ? 100 : 200), 0};
	}
	ubrk_setUText(icu_sentences, ut, &st);
	*n_ends = 0;
	for (int32_t b = ubrk_first(icu_sentences); (b = ubrk_next(icu_sentences)) != UBRK_DONE;) {
		if (*n_ends == *ends_cap) {
			*ends_cap = *ends_cap ? *ends_cap * 2 : 64;
			*ends = realloc(*ends, *ends_cap * sizeof **ends);
		}
		(*ends)[(*n_ends)++] = (uint32_t)b;
	}
	return n;
}

static void show(const char *what, const char *text, size_t len, uint32_t at)
{
	if (first_shown++ >= 5)
		return;
	size_t a = at > 40 ? at - 40 : 0, b = at + 40 < len ? at + 40 : len;
	while (a > 0 && ((unsigned char)text[a] & 0xC0) == 0x80)
		a--;
	while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
		b++;
	fprintf(stderr, "  %s at byte %u: [%.*s|%.*s]\n    bytes:", what, at, (int)(at - a), text + a, (int)(b - at), text + at);
	for (size_t i = at > 6 ? at - 6 : 0; i < at + 6 && i < len; i++)
		fprintf(stderr, " %02x", (unsigned char)text[i]);
	fprintf(stderr, "\n");
}

/* 1 when our boundaries are ICU's (or the text is ICU's to break) */
static int same_as_icu(const char *text, size_t len)
{
	static gm_word_seg *segs;
	static size_t cap, ends_cap;
	static uint32_t *ends;
	size_t n_ends;
	bk.n_words = bk.n_sentences = 0;
	const gm_breaks_sink sink = {got_sentence, got_word, NULL, 0};   /* (every segment, as ICU gives them) */
	int rc = gm__breaks_run(&breaker, text, len, &sink);
	if (rc < 0) {
		fprintf(stderr, "  out of memory\n");
		return 0;
	}
	if (rc == 0) {
		texts_left_to_icu++;
		CHECK(bk.n_words == 0 && bk.n_sentences == 0);   /* nothing given before it said so */
		return 1;
	}
	texts_compared++;
	size_t n = icu_segments(text, len, &segs, &cap, &ends, &ends_cap, &n_ends);
	int same = 1;
	for (size_t i = 0; i < n || i < bk.n_words; i++) {
		if (i >= n || i >= bk.n_words || segs[i].b1 != bk.words[i].b1 || segs[i].b0 != bk.words[i].b0) {
			uint32_t at = i < n && i < bk.n_words ? (segs[i].b1 < bk.words[i].b1 ? segs[i].b1 : bk.words[i].b1)
			              : i < n ? segs[i].b0 : bk.words[i].b0;
			show(i < n && i < bk.n_words && segs[i].b1 < bk.words[i].b1 ? "ICU breaks a word, we do not"
			                                                            : "we break a word, ICU does not",
			     text, len, at);
			same = 0;
			break;
		}
		/* the code point span is the byte span's */
		if (bk.words[i].c1 - bk.words[i].c0 != gm__utf8_count(text + segs[i].b0, segs[i].b1 - segs[i].b0) ||
		    bk.words[i].c0 != gm__utf8_count(text, segs[i].b0)) {
			show("code point span", text, len, segs[i].b0);
			same = 0;
			break;
		}
		/* a plain segment holds no joiner the tokenizer would cut at */
		letter_segments += bk.words[i].status == 200;
		if (bk.words[i].plain) {
			plain_segments++;
			for (uint32_t b = bk.words[i].b0; b < bk.words[i].b1; b++)
				if (text[b] == '_' || text[b] == '.' || text[b] == ':' || text[b] == '\'' || text[b] == ',') {
					show("a plain segment with a joiner", text, len, b);
					same = 0;
					break;
				}
		}
		if (segs[i].status != bk.words[i].status) {
			char what[80];
			snprintf(what, sizeof what, "word status ICU %u, ours %u", segs[i].status, bk.words[i].status);
			show(what, text, len, segs[i].b0);
			same = 0;
			break;
		}
	}
	for (size_t i = 0; i < n_ends || i < bk.n_sentences; i++) {
		if (i >= n_ends || i >= bk.n_sentences || ends[i] != bk.sentence_ends[i]) {
			uint32_t at = i < n_ends && i < bk.n_sentences ? (ends[i] < bk.sentence_ends[i] ? ends[i] : bk.sentence_ends[i])
			              : i < n_ends ? ends[i] : bk.sentence_ends[i];
			show(i < n_ends && (i >= bk.n_sentences || ends[i] < bk.sentence_ends[i]) ? "ICU ends a sentence, we do not"
			                                                                        : "we end a sentence, ICU does not",
			     text, len, at);
			same = 0;
			break;
		}
	}
	/* the tokenizer's way (words_only): the same words and sentence ends, the
	 * segments of status 0 left out */
	size_t n_all = bk.n_words, n_words = 0, n_sent = bk.n_sentences;
	static gm_word_seg *words;
	static size_t words_cap;
	if (words_cap < n_all + 1 && !(words = realloc(words, (words_cap = n_all + 1) * sizeof *words)))
		return 0;
	for (size_t i = 0; i < n_all; i++)
		if (bk.words[i].status)
			words[n_words++] = bk.words[i];
	bk.n_words = bk.n_sentences = 0;
	const gm_breaks_sink only = {got_sentence, got_word, NULL, 1};
	int differ = gm__breaks_run(&breaker, text, len, &only) != 1 || bk.n_words != n_words || bk.n_sentences != n_sent;
	for (size_t i = 0; !differ && i < n_words; i++) {
		const gm_word_seg *a = &bk.words[i], *b = &words[i];   /* (field by field: a struct has padding) */
		differ = a->b0 != b->b0 || a->b1 != b->b1 || a->c0 != b->c0 || a->c1 != b->c1 || a->status != b->status ||
		         a->plain != b->plain;
	}
	if (differ) {
		show("words_only gives other words", text, len, 0);
		same = 0;
	}
	return same;
}

/* The characters whose classes the rules tell apart, as UTF-8. */
static const char *const alphabet[] = {
	"ا", "ب", "ة", "ى", "ء", "ـ", "ً", "ّ", "ٰ", "پ", "ﻻ", "ﷲ", "٠", "٣", "۴", "،", "؛", "؟", "٫", "٬", "٪", "۔",
	"a", "Z", "é", "ß", "0", "7", ".", ",", ";", ":", "'", "’", "\"", "_", "-", "—", "(", ")", "«", "»", "[",
	"!", "?", "…", " ", " ", " ", "\t", "\n", "\r", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xc2\x85", "\xc2\xa0",
	"\xe2\x80\x8c", "\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c", "\xef\xbb\xbf", "\xcc\x81", "©", "€", "%", "$", "/",
	"@", "#", "&", "*", "+", "=", "·", "‧", "\xe2\x80\x8b", "μ", "Π", "ж", "Ї", "\xce\x87", "\xd2\x83",
};
#define N_ALPHABET (sizeof alphabet / sizeof *alphabet)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static void random_text(void)
{
	char buf[400];
	int failures = 0;
	for (int k = 0; k < 200000 && failures < 5; k++) {
		size_t n = 0, want = 1 + next_random() % 24;
		for (size_t j = 0; j < want; j++) {
			const char *c = alphabet[next_random() % N_ALPHABET];
			size_t l = strlen(c);
			memcpy(buf + n, c, l);
			n += l;
		}
		buf[n] = '\0';
		if (!same_as_icu(buf, n))
			failures++;
	}
	CHECK_INT(failures, 0);
}

/* a few texts written for the rules' corners */
static void corners(void)
{
	static const char *const texts[] = {
		"قصف على حلب. وقال مسؤول: إن 3.5 مليون نزحوا، منذ 2011.",
		"U.S. forces. Then 3.5 km, 1,000 people; e.g. this. 'Quoted.' (He left.) Next",
		"ما الذي جرى؟! لا أحد يعلم... ربما غداً.\n\nفقرة ثانية\r\nوثالثة\u2029ورابعة",
		"#غزة_تحت_القصف و__ و_5 و5_ و5__6 وa_5 و١٬٠٠٠ و٣٫٥ وكركوك:الشرطة و. ١٢",
		"\xcc\x81بداية بعلامة \n\xd9\x8b بعد سطر",
		"",
		" ",
		"ـ",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		CHECK(same_as_icu(texts[i], strlen(texts[i])));
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	if (s) {
		s[n] = '\0';
		*len = (size_t)n;
	}
	return s;
}

/* every "text" of a JSON Lines file; -1 when the file is not there */
static int jsonl_texts(const char *path, size_t *docs)
{
	size_t len;
	char *s = slurp(path, &len);
	if (!s)
		return -1;
	int differ = 0;
	for (char *line = s, *nl; line < s + len; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = s + len;
		gm_json_object o;
		char why[128];
		if (nl > line && gm__json_parse_object(line, (size_t)(nl - line), &o, why, sizeof why) == 0) {
			const gm_json_field *t = gm__json_get(&o, "text");
			if (t && t->value) {
				(*docs)++;
				differ += !same_as_icu(t->value, strlen(t->value));
			}
			gm__json_object_free(&o);
		}
	}
	free(s);
	return differ;
}

static const char *shared = GM_TEST_SHARED;

static void project_samples(void)
{
	char path[1024];
	size_t docs = 0;
	int d = jsonl_texts(GM_TEST_SAMPLES "/feed.jsonl", &docs);
	CHECK_INT(d, 0);
	DIR *dir = opendir(GM_TEST_SAMPLES);
	struct dirent *e;
	int differ = 0;
	size_t plain_before = plain_segments, letters_before = letter_segments;
	while (dir && (e = readdir(dir))) {
		size_t n = strlen(e->d_name), len;
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt"))
			continue;
		snprintf(path, sizeof path, "%s/%s", GM_TEST_SAMPLES, e->d_name);
		char *s = slurp(path, &len);
		if (s) {
			docs++;
			differ += !same_as_icu(s, len);
			free(s);
		}
	}
	if (dir)
		closedir(dir);
	CHECK_INT(differ, 0);
	CHECK(docs >= 5);
	/* news words are plain, nearly all (the tokenizer's fast path) */
	CHECK((plain_segments - plain_before) * 10 > (letter_segments - letters_before) * 9);
}

static void shared_corpora(void)
{
	char path[1024];
	size_t docs = 0;
	snprintf(path, sizeof path, "%s/corpus/seeds.jsonl", shared);
	int seeds = jsonl_texts(path, &docs);
	if (seeds < 0) {
		printf("  skipped: no %s (../shared is not beside the project)\n", path);
		return;
	}
	CHECK_INT(seeds, 0);
	snprintf(path, sizeof path, "%s/corpus/news-dev/docs.jsonl", shared);
	CHECK_INT(jsonl_texts(path, &docs), 0);
	/* AQMAR: its tokens, a space between, a line a sentence, an article a text */
	snprintf(path, sizeof path, "%s/bench/aqmar", shared);
	DIR *dir = opendir(path);
	struct dirent *e;
	int differ = 0;
	size_t articles = 0;
	while (dir && (e = readdir(dir))) {
		size_t n = strlen(e->d_name), len;
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt"))
			continue;
		char file[1400];
		snprintf(file, sizeof file, "%s/%s", path, e->d_name);
		char *s = slurp(file, &len);
		if (!s)
			continue;
		char *text = malloc(len + 1);
		size_t t = 0;
		for (char *line = s, *nl; line < s + len; line = nl + 1) {
			nl = strchr(line, '\n');
			if (!nl)
				nl = s + len;
			char *tab = memchr(line, ' ', (size_t)(nl - line));
			char *end = tab ? tab : nl;
			if (end == line) {
				if (t && text[t - 1] == ' ')
					text[t - 1] = '\n';
				continue;
			}
			memcpy(text + t, line, (size_t)(end - line));
			t += (size_t)(end - line);
			text[t++] = ' ';
		}
		differ += !same_as_icu(text, t);
		articles++;
		free(text);
		free(s);
	}
	if (dir)
		closedir(dir);
	CHECK_INT(differ, 0);
	CHECK(articles >= 20);
	printf("  %zu documents and %zu AQMAR articles\n", docs, articles);
}

/* #17: the bench's corpus (scripts/bench makes it, shuffling ../shared's
 * and the samples' sentences into new neighbours, and runs this case on it;
 * GM_TEST_BREAKS_JSONL names another JSON Lines file): skipped where there
 * is none */
static void bench_corpus(void)
{
	const char *path = getenv("GM_TEST_BREAKS_JSONL");
	if (!path || !*path)
		path = GM_TEST_BENCH_CORPUS;
	size_t docs = 0;
	int differ = jsonl_texts(path, &docs);
	if (differ < 0) {
		printf("  skipped: no %s (scripts/bench makes it)\n", path);
		return;
	}
	CHECK_INT(differ, 0);
	CHECK(docs > 0);
	printf("  %zu documents of %s, %d with other boundaries than ICU's\n", docs, path, differ);
}

int main(int argc, char **argv)
{
	UErrorCode st = U_ZERO_ERROR;
	icu_words = ubrk_open(UBRK_WORD, "ar", NULL, 0, &st);
	st = U_ZERO_ERROR;
	icu_sentences = ubrk_open(UBRK_SENTENCE, "ar", NULL, 0, &st);
	CHECK(icu_words && icu_sentences);
	if (!icu_words || !icu_sentences)
		return check_done("breaks");
	static const check_case cases[] = {CHECK_CASE(corners), CHECK_CASE(random_text), CHECK_CASE(project_samples),
	                                   CHECK_CASE(shared_corpora), CHECK_CASE(bench_corpus)};
	int rc = check_run("breaks", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	printf("  %zu texts compared, %zu left to ICU (a script or class the rules do not cover)\n", texts_compared,
	       texts_left_to_icu);
	gm__breaks_free(&breaker);
	free(bk.words);
	free(bk.sentence_ends);
	ubrk_close(icu_words);
	ubrk_close(icu_sentences);
	utext_close(ut);
	return rc;
}
