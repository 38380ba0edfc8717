/* test_match.c: names in text, clitics, multi-word names, not-places, type words. */
#include "check.h"
#include "match.h"
#include "mini.h"

static gm_tokenizer tz;
static gm_tokens toks;
static gm_matches ms;
static const gm_gazetteer *gaz;
static gm_translit *tr;
static const char *text;

static size_t run(const char *s)
{
	gm_error err;
	text = s;
	gm__tokenize(&tz, s, strlen(s), &toks, &err);
	CHECK_INT(gm__match(gaz, tr, s, &toks, &ms, &err), 0);
	return ms.n;
}

/* the matched span as text */
static const char *span(size_t i)
{
	static char buf[256];
	snprintf(buf, sizeof buf, "%.*s", (int)(ms.m[i].b1 - ms.m[i].b0), text + ms.m[i].b0);
	return buf;
}

static const char *key(size_t i) { return gm__gaz_str(gaz, ms.m[i].key->str); }

static const char *place_id(uint32_t place)
{
	gm_place p;
	if (gm_gazetteer_get_place(gaz, place, &p))
		return "";
	return p.id;
}

static void bare_name(void)
{
	/* a bare name */
	CHECK_INT(run("وصل إلى باكو أمس"), 1);
	CHECK_STR(span(0), "باكو");
	CHECK_STR(ms.m[0].clitic, "");
}

static void clitics(void)
{
	/* single clitics: the span leaves them out, code point offsets follow */
	CHECK_INT(run("وباكو"), 1);
	CHECK_STR(span(0), "باكو");
	CHECK_STR(ms.m[0].clitic, "و");
	CHECK_INT(ms.m[0].c0, 1);
	CHECK_INT(ms.m[0].c1, 5);
	CHECK_INT(run("لأذربيجان"), 1);
	CHECK_STR(span(0), "أذربيجان");
	/* a clitic with its haraka: the mark goes with the clitic */
	CHECK_INT(run("وَباكو"), 1);
	CHECK_STR(span(0), "باكو");
	/* combined clitics and the article */
	CHECK_INT(run("وبالقدس"), 1);
	CHECK_STR(span(0), "القدس");
	CHECK_STR(ms.m[0].clitic, "وب");
	CHECK_INT(run("والقدس"), 1);
	CHECK_STR(span(0), "القدس");
	CHECK_INT(run("للقدس"), 1);
	CHECK_STR(key(0), "القدس");
	CHECK_STR(ms.m[0].clitic, "ل");
	CHECK_STR(span(0), "لقدس");
}

static void fewer_letters_first(void)
{
	/* fewer letters first: و+لبنان, not ول+بنان */
	CHECK_INT(run("ولبنان"), 1);
	CHECK_STR(key(0), "لبنان");
}

static void clitic_letter_names_kept(void)
{
	/* a name starting with a clitic letter is never cut: بيرا is Beira, not ب+يرا */
	CHECK_INT(run("بيرا"), 1);
	CHECK_STR(key(0), "بيرا");
}

static void article_alone_kept(void)
{
	/* the article alone is not stripped: a nisba adjective is no place */
	CHECK_INT(run("الباردا"), 0);
}

static void multi_word_names(void)
{
	/* multi-word names, longest first, across a space or a hyphen */
	CHECK_INT(run("في ناغورني قره باغ اليوم"), 1);
	CHECK_STR(span(0), "ناغورني قره باغ");
	CHECK_INT(run("في ناغورني-قره باغ"), 1);
	CHECK_STR(span(0), "ناغورني-قره باغ");
	CHECK_INT(run("وقره باغ"), 1);
	CHECK_STR(span(0), "قره باغ");
	CHECK_INT(run("مدينة سان بطرسبرج"), 1);
	CHECK_STR(span(0), "سان بطرسبرج");
	CHECK_INT(ms.m[0].type_class, GM_TW_POPULATED);
}

static void not_across_a_break(void)
{
	/* not across a line break */
	CHECK_INT(run("ناغورني\nقره باغ"), 1);
	CHECK_STR(span(0), "قره باغ");
}

static void spellings_meet(void)
{
	/* folding makes spellings meet: قرة = قره, أ = ا */
	CHECK_INT(run("قرة باغ"), 1);
}

static void not_places_block(void)
{
	/* reviewed not-places block the words they cover */
	CHECK_INT(run("قالت الأمم المتحدة"), 1);
	CHECK(ms.m[0].not_place);
	CHECK_INT(run("مراسل الجزيرة في باكو"), 2);
	CHECK(ms.m[0].not_place);
	CHECK(!ms.m[1].not_place);
}

static void type_words(void)
{
	/* type words: recorded, through quotes, never the start of a name */
	CHECK_INT(run("ممر \"لاشين\""), 1);
	CHECK_INT(ms.m[0].type_class, GM_TW_ROAD);
	CHECK_STR(ms.m[0].type_word, "ممر");
	CHECK_INT(run("ومحافظة باكو"), 1);
	CHECK_INT(ms.m[0].type_class, GM_TW_ADMIN);
}

static void cue_words(void)
{
	/* cue words come from gazetteer/cues.tsv through the compiled file */
	CHECK_INT(gm__cue(gaz, "بمدينه", strlen("بمدينه")), GM_CUE_TYPE << 4 | GM_TW_POPULATED);
	CHECK_INT(gm__cue(gaz, "باكو", strlen("باكو")), 0);
	CHECK_INT(GM_CUE_ROLE(gm__cue(gaz, "لمنتخب", strlen("لمنتخب"))), GM_CUE_ORG);

	/* a cue word is never a name by itself */
	CHECK_INT(run("في مدينة"), 0);
}

static void organisations_titles_patronyms(void)
{
	/* organisation heads, titles and patronyms make the name not a place */
	CHECK_INT(run("فاز منتخب روسيا"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_ORG);
	CHECK(ms.m[0].not_place);
	CHECK_INT(run("حكم السلطان صلاح الدين"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_TITLE);
	CHECK_INT(run("صلاح الدين بن أيوب"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_PATRONYM);
	CHECK_INT(run("في محافظة صلاح الدين"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_NONE);
}

/* after an office, its ministry or adjective and at most a given name, a
 * place's name is its holder's (cues.tsv, office) */
/* The blocking of the match spanning name, -1 when none does. */
static int blocked_at(const char *sentence, const char *name)
{
	run(sentence);
	for (size_t i = 0; i < ms.n; i++)
		if (!strcmp(span(i), name))
			return ms.m[i].blocked;
	return -1;
}

static void office_holders(void)
{
	CHECK_INT(blocked_at("قال وزير الدفاع الأذربيجاني زاكر باردا", "باردا"), GM_BLOCK_TITLE);
	CHECK_INT(blocked_at("قال الرئيس السوري حلب", "حلب"), GM_BLOCK_TITLE);
	CHECK_INT(blocked_at("قال وزير الدفاع زاكر باردا", "باردا"), GM_BLOCK_TITLE);
	/* not a name: behind a preposition, a clitic, or an office right before it */
	CHECK_INT(blocked_at("قال السفير الروسي في باكو", "باكو"), GM_BLOCK_NONE);
	CHECK_INT(blocked_at("وصل المبعوث الخاص لباكو", "باكو"), GM_BLOCK_NONE);
	CHECK_INT(blocked_at("وصل رئيس باكو", "باكو"), GM_BLOCK_NONE);
	/* a club named after its city: before the name (سبورتنغ) or after it (يونايتد) */
	CHECK_INT(blocked_at("فاز سبورتنغ باكو", "باكو"), GM_BLOCK_ORG);
	CHECK_INT(blocked_at("فاز باكو يونايتد", "باكو"), GM_BLOCK_ORG);
	/* the name after بن is the father's; one behind a clitic is none */
	CHECK_INT(blocked_at("حكم يوسف بن صلاح الدين", "صلاح الدين"), GM_BLOCK_PATRONYM);
	CHECK_INT(blocked_at("قال محمد بن بباكو", "باكو"), GM_BLOCK_NONE);
	/* two names before it are more than a given name: a list, not a holder */
	CHECK_INT(blocked_at("الرئيس الصربي ألكسندر فوتشيتش باكو", "باكو"), GM_BLOCK_NONE);
}

static void adjectives(void)
{
	/* a definite nisba after a definite noun is an adjective ... */
	CHECK_INT(run("الكنيسة الغربية"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_ADJECTIVE);
	/* ... but not after a preposition, a type word, or with a clitic */
	CHECK_INT(run("في الغربية"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_NONE);
	CHECK_INT(run("محافظة الغربية"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_NONE);
	CHECK_INT(run("الكنيسة والغربية"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_NONE);
}

static void demonyms(void)
{
	/* demonyms: recognised for their place, never a mention */
	CHECK_INT(run("القوات الروسية"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_DEMONYM);
	CHECK(ms.m[0].not_place);
	CHECK_STR(place_id(ms.m[0].demonym_of), "t:16");
	CHECK_INT(run("والأذربيجانيون"), 1);
	CHECK_STR(place_id(ms.m[0].demonym_of), "t:1");
	CHECK_STR(ms.m[0].clitic, "و");
	CHECK_INT(run("بالجورجية"), 1);   /* the country, not the US state */
	CHECK_STR(place_id(ms.m[0].demonym_of), "t:4");
	CHECK_INT(run("روسيا"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_NONE);
	/* an untagged name spelt like a demonym yields to it */
	CHECK_INT(run("لبناني"), 1);
	CHECK_INT(ms.m[0].blocked, GM_BLOCK_DEMONYM);
	CHECK_STR(place_id(ms.m[0].demonym_of), "t:12");
	/* a bare stem is no demonym */
	CHECK_INT(run("روس"), 0);
}

static void latin_skeleton(void)
{
	/* a place with no Arabic name, by Latin skeleton, where a type word or a
	 * parent cue says a place follows */
	CHECK_INT(run("قصف قرية سوليدار"), 1);
	CHECK_INT(ms.m[0].variant, GM_MATCH_LATIN);
	CHECK_STR(span(0), "سوليدار");
	CHECK_INT(run("بلدة سليدار"), 1);   /* a short vowel left out */
	CHECK_INT(ms.m[0].variant, GM_MATCH_LATIN);
	CHECK_INT(run("قال سوليدار"), 0);   /* no cue: no Latin reading */
	CHECK_INT(run("قرية السوليدار"), 0);   /* the article: a native word */
	CHECK_INT(run("قرية سوليدارات"), 0);   /* a native plural ending */
	CHECK_INT(run("قصف في سوليدار"), 0);   /* after في it needs five consonants */
	CHECK_INT(run("قال إن “سوليدار” سقطت"), 1);   /* alone in quotes, four */
	CHECK_INT(ms.m[0].variant, GM_MATCH_LATIN);
	CHECK_INT(run("قال إن «سوليدار»"), 1);
	CHECK_INT(run("قال إن “سوليدار سقطت”"), 0);   /* a quote, not a name in quotes */
	/* a town with an Arabic name, written letter by letter from its English
	 * one (طنطا, Tanta): the English name's skeleton */
	CHECK_INT(run("قصف مدينة تانتا"), 1);
	CHECK_INT(ms.m[0].variant, GM_MATCH_LATIN);
	CHECK_STR(place_id(gaz->postings[ms.m[0].key->post_start].place), "t:26");
}

static void emphatic_letters_swapped(void)
{
	/* a village spelled with an emphatic letter for the gazetteer's plain
	 * one, after a type word or as a list's item */
	CHECK_INT(run("قصف بلدة كنصفرة"), 1);
	CHECK_INT(ms.m[0].variant, GM_MATCH_LETTERS);
	CHECK_STR(span(0), "كنصفرة");
	CHECK_STR(key(0), "كنسفره");
	CHECK_INT(run("قرى حلب وكنصفرة"), 2);   /* a list's item, behind its و */
	CHECK_INT(ms.m[1].variant, GM_MATCH_LETTERS);
	CHECK_STR(span(1), "كنصفرة");
	CHECK_INT(run("قال كنصفرة"), 0);   /* no cue, no list: the spelling is not enough */
	CHECK_INT(run("قصف بلدة كنسفرة"), 1);   /* as the gazetteer spells it: the name itself */
	CHECK_INT(ms.m[0].variant, GM_MATCH_NAME);
}

static void explicit_parents(void)
{
	/* explicit parents: the words between two names */
	CHECK_INT(run("تل عرن في حلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_IN);
	CHECK_INT(run("تل عرن بحلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_IN);
	CHECK_INT(run("تل عرن، حلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_COMMA);
	/* a comma and then و lists a sibling: no parent */
	CHECK_INT(run("تل عرن، وحلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_NONE);
	CHECK(ms.m[0].list_next != 0);
	/* the و on a word of the item before its name ("، ومشروع بيت لاهيا"),
	 * not across a sentence nor behind an event word */
	CHECK_INT(run("قصف باردا، ومشروع لاشين"), 2);
	CHECK(ms.m[0].list_next != 0);
	CHECK_INT(run("قصف باردا. ومشروع لاشين"), 2);
	CHECK_INT(ms.m[0].list_next, 0);
	CHECK_INT(run("قصف باردا، وقصفت لاشين"), 2);
	CHECK_INT(ms.m[0].list_next, 0);
	CHECK_INT(run("تل عرن شمال حلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_NORTH);
	CHECK_INT(run("تل عرن بالقرب من حلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_NEAR);
	CHECK_INT(run("تل عرن في ريف حلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_IN);
	CHECK_INT(run("تل عرن ثم حلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_NONE);
	CHECK_INT(run("تل عرن. حلب"), 2);
	CHECK_INT(ms.m[0].parent_link, GM_PL_NONE);
}

/* #13: a plural place word and a list cue announce a list: its names the
 * gazetteer lacks are still places the text names (no key, a list class),
 * a known word that only starts an item gives way to the item, and a name
 * listed so is found again later in the document */
static void places_listed_after_a_plural(void)
{
	CHECK_INT(run("سيطرت القوات على قرى قرب باكو منها الزهراوية والنعيمية وحوش الرافقة."), 4);
	CHECK_STR(span(0), "باكو");
	CHECK_STR(span(1), "الزهراوية");
	CHECK(ms.m[1].key == NULL && ms.m[1].quarter && ms.m[1].list_class == GM_TW_POPULATED);
	CHECK_STR(ms.m[1].type_word, "قري");
	CHECK_STR(span(2), "النعيمية");   /* the conjunction is no part of the name */
	CHECK_STR(ms.m[2].clitic, "و");
	CHECK_STR(span(3), "حوش الرافقة");
	/* a cue word starts an item with a name after it, never alone */
	CHECK_INT(run("سيطرت القوات على قرى قرب باكو منها الزهراوية، جبل النعيمية، والبرقاوية"), 4);
	CHECK_STR(span(2), "جبل النعيمية");
	CHECK_INT(run("سيطرت القوات على قرى قرب باكو منها الزهراوية، جبل، والبرقاوية"), 2);   /* the list ends at جبل */
	/* comma lists, with the cue التالية and a colon; a list ends with its sentence */
	CHECK_INT(run("قصفت الطائرات البلدات التالية: الزهراوية، النعيمية، والبرقاوية. ثم الهادئة"), 3);
	CHECK_STR(span(2), "البرقاوية");
	/* the same name again, after a clitic: the same place (same_as) */
	CHECK_INT(run("وأصيب سكان أحياء باكو بينها الزهراوية والنعيمية. وقتل اثنان بالزهراوية"), 4);
	CHECK_STR(span(3), "الزهراوية");
	CHECK_INT(ms.m[3].same_as, 2);
	CHECK(ms.m[1].list_class == GM_TW_NEIGHBOURHOOD);
}

/* no list without the plural place word next to the cue, nor across a
 * relative clause ("the town the forces withdrew from"), nor of words that
 * are neither after و nor followed by the next item */
static void no_list_without_its_head(void)
{
	CHECK_INT(run("انسحبت منها القوات والميليشيات"), 0);
	CHECK_INT(run("وصلوا إلى المدينة التي انسحبت منها القوات والميليشيات"), 0);
	CHECK_INT(run("قرى كثيرة منها صغيرة جدا"), 0);
}

/* #14: a plural or dual place word in construct state (cues.tsv, role
 * many) with its items right after it, and no list cue: the items the
 * gazetteer lacks are places (uncued: an event word does not reach them by
 * the list alone), in a list that ends where an item stops looking like one */
static void places_listed_right_after_a_plural(void)
{
	CHECK_INT(run("قصفت القوات قريتي الزهراوية والنعيمية قرب باكو"), 3);
	CHECK_STR(span(0), "الزهراوية");
	CHECK(ms.m[0].key == NULL && ms.m[0].list_class == GM_TW_POPULATED && ms.m[0].list_uncued);
	CHECK_STR(span(1), "النعيمية");
	CHECK_STR(span(2), "باكو");
	/* a quarter's two words, the second an adjective after its type word */
	CHECK_INT(run("وطالت الهجمات أحياء الحي العسكري والزهراوية في باكو"), 3);
	CHECK_STR(span(0), "الحي العسكري");
	/* the list ends at an item with a pronoun on its second word (جبيل
	 * جنوبها): what follows is no item */
	CHECK_INT(run("أغارت الطائرات على أحياء الزهراوية والنعيمية وجبيلة جنوبها وأسفرت عن وقوع ضحايا"), 2);
	CHECK_STR(span(1), "النعيمية");
	/* a direction as an adverb beside an item is no part of it, and the
	 * list goes on past it */
	CHECK_INT(run("نزح السكان من مناطق الزهراوية والنعيمية شرقاً، وغرباً البرقاوية والهادئة."), 4);
	CHECK_STR(span(1), "النعيمية");
	CHECK_STR(span(2), "البرقاوية");
	CHECK(ms.m[1].list_next != 0);
}

/* no such list after the plural with the article (its adjectives follow),
 * an adjective of the plural, a conjunction, a parent cue or a preposition
 * inside an item, or a single item */
static void no_list_right_after_a_plural_but_a_list(void)
{
	CHECK_INT(run("تعد المناطق الأكثر خطورة وتقديم الرعاية الطبية للمصابين"), 0);
	CHECK_INT(run("تهدمت أحياء سكنية ومنازل المدنيين"), 0);
	CHECK_INT(run("وصلوا إلى قرى وبلدات الريف الجنوبي"), 0);
	CHECK_INT(run("نقل البيانات بين الذاكرة ومناطق التخزين في وحدة المعالجة"), 0);
	CHECK_INT(run("حدث ذلك في مناطق التبادل الثقافي والتجاري"), 0);
	CHECK_INT(run("قصفت الطائرات مناطق الزهراوية أمس"), 0);
}

static void nothing_matches(void)
{
	/* numbers and unknown words match nothing */
	CHECK_INT(run("32 شخصا في مكان مجهول"), 0);

	gm__matches_free(&ms);
	gm__tokens_free(&toks);
	gm__tokenizer_free(&tz);
}

/* a word's readings through its clitics: one for each prefix of the table
 * that it starts with, none but the bare word for a word that starts with
 * no clitic letter (م, the article, Latin), ك only with the article (the
 * lam of ل + article is the article's: no clitic shown) */
static int reading_is(const gm_reading *r, const char *s) { return r->len == strlen(s) && !memcmp(r->text, s, r->len); }

static int has_reading(const gm_reading *rd, size_t n, const char *reading, const char *clitic)
{
	for (size_t i = 0; i < n; i++)
		if (reading_is(&rd[i], reading) && !strcmp(rd[i].clitic, clitic))
			return 1;
	return 0;
}

static void readings_through_clitics(void)
{
	static const struct {
		const char *word, *reading, *clitic;
	} want[] = {{"وحلب", "حلب", "و"},      {"فحلب", "حلب", "ف"},      {"بحلب", "حلب", "ب"},
	            {"لحلب", "حلب", "ل"},      {"لحلب", "الحلب", ""},    {"للموصل", "الموصل", "ل"},
	            {"وبحلب", "حلب", "وب"},    {"ولحلب", "حلب", "ول"},    {"فبحلب", "حلب", "فب"},
	            {"فلحلب", "حلب", "فل"},    {"والموصل", "الموصل", "و"}, {"فالموصل", "الموصل", "ف"},
	            {"بالموصل", "الموصل", "ب"}, {"كالفاشر", "الفاشر", "ك"}, {"وللموصل", "الموصل", "ول"},
	            {"فللموصل", "الموصل", "فل"}, {"وبالموصل", "الموصل", "وب"}, {"فبالموصل", "الموصل", "فب"}};
	gm_reading rd[GM_MAX_READINGS];
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		size_t n = gm__readings(gaz, want[i].word, strlen(want[i].word), rd);
		CHECK(n >= 2 && reading_is(&rd[0], want[i].word));
		if (!has_reading(rd, n, want[i].reading, want[i].clitic))
			fprintf(stderr, "    %s: no reading %s behind %s\n", want[i].word, want[i].reading, want[i].clitic);
		CHECK(has_reading(rd, n, want[i].reading, want[i].clitic));
	}
	static const char *const bare[] = {"منبج", "الموصل", "كبيرا", "Aleppo", "حلب"};
	for (size_t i = 0; i < sizeof bare / sizeof *bare; i++) {
		size_t n = gm__readings(gaz, bare[i], strlen(bare[i]), rd);
		CHECK_INT(n, 1);
		CHECK(n == 1 && reading_is(&rd[0], bare[i]));
	}
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("match");
	gm_error err;
	gm__tokenizer_init(&tz, &err);
	CHECK_INT(gm__translit_open(&tr, GM_TRANSLIT_LAZY, &err), 0);

	static const check_case cases[] = {CHECK_CASE(bare_name),
	                                   CHECK_CASE(clitics),
	                                   CHECK_CASE(fewer_letters_first),
	                                   CHECK_CASE(clitic_letter_names_kept),
	                                   CHECK_CASE(article_alone_kept),
	                                   CHECK_CASE(multi_word_names),
	                                   CHECK_CASE(not_across_a_break),
	                                   CHECK_CASE(spellings_meet),
	                                   CHECK_CASE(not_places_block),
	                                   CHECK_CASE(type_words),
	                                   CHECK_CASE(cue_words),
	                                   CHECK_CASE(organisations_titles_patronyms),
	                                   CHECK_CASE(office_holders),
	                                   CHECK_CASE(adjectives),
	                                   CHECK_CASE(demonyms),
	                                   CHECK_CASE(latin_skeleton),
	                                   CHECK_CASE(emphatic_letters_swapped),
	                                   CHECK_CASE(explicit_parents),
	                                   CHECK_CASE(places_listed_after_a_plural),
	                                   CHECK_CASE(no_list_without_its_head),
	                                   CHECK_CASE(places_listed_right_after_a_plural),
	                                   CHECK_CASE(no_list_right_after_a_plural_but_a_list),
	                                   CHECK_CASE(nothing_matches), CHECK_CASE(readings_through_clitics)};
	int rc = check_run("match", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close((gm_gazetteer *)gaz);
	return rc;
}
