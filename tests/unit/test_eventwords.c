/* test_eventwords.c: the event reader's function words (events/eventwords.h),
 * from the reviewed gazetteer/event-words.tsv: found by their folded form
 * whatever the spelling folding merges, a word with several functions has
 * each, values as the table says, and nothing for a word not in it. */
#include "check.h"
#include "eventwords.h"
#include "fold.h"

#include <string.h>

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

static void names_and_count(void)
{
	CHECK_INT(gm__function_word_code("weekday"), GM_W_WEEKDAY);
	CHECK_INT(gm__function_word_code("bombard"), GM_W_BOMBARD);
	CHECK_INT(gm__function_word_code("no_such_function"), -1);
	CHECK(gm__function_word_count() > 100);   /* the reviewed table, loaded */
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(numbers_with_their_values), CHECK_CASE(days),
	                                   CHECK_CASE(a_mask_holds_every_function), CHECK_CASE(names_and_count)};
	return check_run("eventwords", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
