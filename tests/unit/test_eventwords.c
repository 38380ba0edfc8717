/* test_eventwords.c: the event reader's function words (events/eventwords.h),
 * from the reviewed gazetteer/event-words.tsv: found by their folded form
 * whatever the spelling folding merges, a word with several functions has
 * each, values as the table says, and nothing for a word not in it. */
#include "check.h"
#include "eventwords.h"
#include "fold.h"

#include <stdio.h>
#include <string.h>

static const char *data_dir = "tests/data";

/* w folded as the tokenizer folds, then asked */
static int has(const char *w, int function, long *value)
{
	char f[128];
	size_t n = gm__fold(w, strlen(w), f, sizeof f);
	return gm__function_word(f, n, function, value);
}

static void numbers_with_their_values(void)
{
	long v = -1;
	CHECK(has("ثلاثة", GM_W_UNIT, &v));
	CHECK_INT(v, 3);
	CHECK(has("ثلاثه", GM_W_UNIT, &v));   /* ة and ه fold together */
	CHECK_INT(v, 3);
	CHECK(has("عشرون", GM_W_TEN, &v));
	CHECK_INT(v, 20);
	CHECK(has("مئات", GM_W_MANY, &v));
	CHECK_INT(v, 100);
	CHECK(!has("ثلاثة", GM_W_TEN, NULL));
}

static void days(void)
{
	long v = -1;
	CHECK(has("الخميس", GM_W_WEEKDAY, &v));
	CHECK_INT(v, 4);   /* 0 Sunday .. 6 Saturday */
	CHECK(has("أمس", GM_W_YESTERDAY, &v));
	CHECK_INT(v, 1);
	CHECK(has("اليوم", GM_W_TODAY, NULL));
}

/* one lookup gives every function of a word, as bits */
static void a_mask_holds_every_function(void)
{
	char f[64];
	size_t n = gm__fold("مسيرة", strlen("مسيرة"), f, sizeof f);
	uint64_t m = gm__function_mask(f, n);
	CHECK(m & GM_W_BIT(GM_W_MASIRA));
	n = gm__fold("حلب", strlen("حلب"), f, sizeof f);
	CHECK(gm__function_mask(f, n) == 0);   /* a place name is no function word */
	CHECK(gm__function_mask("", 0) == 0);
}

/* every row of the reviewed table is found by its folded form with its
 * function, through the mask's first test too (a form it turned away would
 * lose its function), and a token's memo answers as the table does */
static void every_row_found(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/../../gazetteer/event-words.tsv", data_dir);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char line[512];
	size_t rows = 0, lost = 0;
	while (fgets(line, sizeof line, f)) {
		char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		if (line[0] == '#' || !tab2 || !strncmp(line, "form\t", 5))
			continue;
		*tab1 = *tab2 = '\0';
		int code = gm__function_word_code(tab1 + 1);
		if (code < 0)
			continue;
		char folded[128];
		size_t n = gm__fold(line, strlen(line), folded, sizeof folded);
		rows++;
		if (!gm__function_word(folded, n, code, NULL) || !(gm__function_mask(folded, n) & GM_W_BIT(code))) {
			fprintf(stderr, "    lost: %s (%s)\n", line, tab1 + 1);
			lost++;
		}
	}
	fclose(f);
	CHECK(rows > 100);
	CHECK_INT(lost, 0);
}

static void token_memo(void)
{
	/* three tokens: ثلاثة, حلب, أمس (folded as the tokenizer folds) */
	gm_token tok[3] = {{0}};
	char folded[128];
	size_t at = 0;
	const char *words[] = {"ثلاثة", "حلب", "أمس"};
	for (int i = 0; i < 3; i++) {
		size_t n = gm__fold(words[i], strlen(words[i]), folded + at, sizeof folded - at - 1);
		tok[i].f_off = (uint32_t)at;
		tok[i].f_len = (uint16_t)n;
		at += n;
		folded[at++] = '\0';
	}
	uint64_t memo[3] = {0};
	gm_tokens t = {.tok = tok, .n = 3, .folded = folded, .word_mask_memo = memo, .word_mask_memo_cap = 3};
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < 3; i++)
			CHECK(gm__word_mask(&t, i) == gm__function_mask(folded + tok[i].f_off, tok[i].f_len));
		CHECK(memo[0] & GM_W_ASKED && memo[1] & GM_W_ASKED);   /* asked once, then read */
	}
	long v = -1;
	CHECK(gm__word_has(&t, 0, GM_W_UNIT, &v));
	CHECK_INT(v, 3);
	CHECK(!gm__word_has(&t, 1, GM_W_UNIT, NULL));
	CHECK(gm__word_has(&t, 2, GM_W_YESTERDAY, NULL));
}

static void names_and_count(void)
{
	CHECK_INT(gm__function_word_code("weekday"), GM_W_WEEKDAY);
	CHECK_INT(gm__function_word_code("bombard"), GM_W_BOMBARD);
	CHECK_INT(gm__function_word_code("no_such_function"), -1);
	CHECK(gm__function_word_count() > 100);   /* the reviewed table, loaded */
}

int main(int argc, char **argv)
{
	if (argc > 1)
		data_dir = argv[1];
	static const check_case cases[] = {CHECK_CASE(numbers_with_their_values), CHECK_CASE(days),
	                                   CHECK_CASE(a_mask_holds_every_function), CHECK_CASE(every_row_found),
	                                   CHECK_CASE(token_memo), CHECK_CASE(names_and_count)};
	return check_run("eventwords", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
