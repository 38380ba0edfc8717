/* test_tokenize.c: ICU word and sentence breaks, spans and gaps. */
#include "check.h"
#include "tokenize.h"

static gm_tokenizer tz;
static gm_tokens toks;

static void run(const char *s)
{
	gm_error err;
	int rc = gm__tokenize(&tz, s, strlen(s), &toks, &err);
	CHECK_INT(rc, 0);
}

static const char *folded(size_t i) { return toks.folded + toks.tok[i].f_off; }

static void spans(void)
{
	/* spans: bytes and code points, Latin, Arabic and an astral character */
	const char *s = "Smerch \xF0\x9F\x98\x80 وباكو، يريفان";
	run(s);
	CHECK_INT(toks.n, 3);
	CHECK_STR(folded(0), "smerch");
	CHECK_STR(folded(1), "وباكو");
	CHECK_INT(toks.tok[1].b0, 12);      /* 7 + 4 (emoji) + 1 */
	CHECK_INT(toks.tok[1].c0, 9);       /* the emoji is one code point, as Python counts */
	CHECK_INT(toks.tok[1].c1, 14);
	CHECK_INT(toks.tok[1].gap_after, GM_GAP_BREAK);  /* the Arabic comma */
}

static void marks_inside_words(void)
{
	/* harakat and tatweel stay inside the word; folded form drops them */
	run("مُحَمَّد دمــشق");
	CHECK_INT(toks.n, 2);
	CHECK_STR(folded(0), "محمد");
	CHECK_STR(folded(1), "دمشق");
}

static void gaps(void)
{
	/* gaps: space and hyphen join, a line break or quotes do not */
	run("ناغورني-قره باغ\nباكو \"لاشين\"");
	CHECK_INT(toks.n, 5);
	CHECK_INT(toks.tok[0].gap_after, GM_GAP_JOIN);
	CHECK_INT(toks.tok[1].gap_after, GM_GAP_JOIN);
	CHECK_INT(toks.tok[2].gap_after, GM_GAP_BREAK);
	CHECK_INT(toks.tok[3].gap_after, GM_GAP_QUOTE);
}

static void numbers(void)
{
	/* numbers are tokens, marked */
	run("قتل ٣٢ شخصا");
	CHECK_INT(toks.n, 3);
	CHECK(toks.tok[1].is_number);
	CHECK_STR(folded(1), "32");
}

static void sentences(void)
{
	/* sentences: the full stop and the Arabic question mark end them */
	run("قصفت باردا. هل توقف القتال؟ قالت باكو");
	CHECK_INT(toks.n_sentences, 3);
	CHECK_INT(toks.tok[1].sentence, 0);
	CHECK_INT(toks.tok[toks.n - 1].sentence, 2);
	/* words in different sentences never join */
	run("باكو. يريفان");
	CHECK_INT(toks.tok[0].gap_after, GM_GAP_BREAK);
}

static void hashtags(void)
{
	/* hashtags: the underscore cuts words (ICU keeps them one) and joins
	 * them as a hyphen does, so a name may span it (#دير_الزور) */
	run("#غزة_تحت_القصف و#دير_الزور");
	CHECK_INT(toks.n, 6);   /* غزه تحت القصف و دير الزور: ICU cuts و from #دير */
	CHECK_STR(folded(0), "غزه");
	CHECK_STR(folded(2), "القصف");
	CHECK_INT(toks.tok[0].c0, 1);
	CHECK_INT(toks.tok[0].c1, 4);
	CHECK_INT(toks.tok[1].c0, 5);
	CHECK_INT(toks.tok[0].gap_after, GM_GAP_JOIN);
	if (toks.n == 6) {
		CHECK_STR(folded(5), "الزور");
		CHECK_INT(toks.tok[4].gap_after, GM_GAP_JOIN);
	}
	run("_");
	CHECK_INT(toks.n, 0);
}

/* a full stop or colon with no space after it, between Arabic letters, as
 * scraped news loses the space: two words and, for the stop, two sentences;
 * a decimal point and Latin "e.g." stay as ICU has them */
static void run_on_stops(void)
{
	run("الانتفاضة في كل لبنان.وكان البارز");
	CHECK_INT(toks.n, 6);
	CHECK_STR(folded(3), "لبنان");
	CHECK_STR(folded(4), "وكان");
	CHECK_INT(toks.tok[3].gap_after, GM_GAP_BREAK);
	CHECK_INT(toks.n_sentences, 2);
	CHECK(toks.tok[3].sentence != toks.tok[4].sentence);
	run("كركوك:الشرطة");
	CHECK_INT(toks.n, 2);
	CHECK_INT(toks.n_sentences, 1);
	run("قتل 3.5 e.g. x");
	CHECK_INT(toks.n, 4);
	CHECK_STR(folded(1), "3.5");
	CHECK_STR(folded(2), "e.g");
}

int main(int argc, char **argv)
{
	gm_error err;
	CHECK_INT(gm__tokenizer_init(&tz, &err), 0);
	static const check_case cases[] = {CHECK_CASE(spans),   CHECK_CASE(marks_inside_words), CHECK_CASE(gaps),
	                                   CHECK_CASE(numbers), CHECK_CASE(sentences),          CHECK_CASE(hashtags),
	                                   CHECK_CASE(run_on_stops)};
	int rc = check_run("tokenize", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm__tokens_free(&toks);
	gm__tokenizer_free(&tz);
	return rc;
}
