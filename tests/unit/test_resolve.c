/* test_resolve.c: priors, context, type words, thresholds, through gm_map_document. */
#include "check.h"
#include "mini.h"

static gm_gazetteer *gaz;
static gm_ctx *ctx;
static gm_doc_result res;

static size_t map(const char *text)
{
	gm_document d = {0};
	d.id = "t";
	d.text = text;
	d.text_len = strlen(text);
	gm_error err;
	gm_doc_result_free(&res);
	CHECK_INT(gm_map_document(ctx, &d, &res, &err), 0);
	return res.n_mentions;
}

static const char *id_of(size_t i)
{
	static gm_place p;
	gm_gazetteer_get_place(gaz, res.mentions[i].place, &p);
	return p.id;
}

/* #13: a name the Arabic lexicon knows (common-words.tsv; here القصف in
 * mini-not-places.tsv) maps only on evidence */
static void case_lexicon_word_needs_evidence(void)
{
	CHECK_INT(map("وتواصل القصف على المدينة"), 0);             /* shelling */
	CHECK_INT(map("سقطت قذائف على قرية القصف في ريف إدلب"), 1);   /* a type word that fits */
	CHECK_STR(id_of(0), "t:27");
	CHECK_INT(map("اشتباكات في سوريا قرب القصف"), 1);           /* context alone lifts a village no more */
	CHECK_STR(id_of(0), "t:28");
}

/* a large place with a common-word name (حلب "milk") maps in its country's
 * news and in a plain sentence, and yields in news about elsewhere */
static void case_lexicon_word_large_place(void)
{
	CHECK_INT(map("غارة على حلب"), 1);
	CHECK_STR(id_of(0), "t:20");
	CHECK(strstr(res.mentions[0].rule, "common word") == NULL);   /* حلب is not listed in the mini lists */
}

/* a clitic reading that cuts a dictionary word is not tried: لغات is languages */
static void case_whole_word_stops_clitics(void)
{
	CHECK_INT(map("ترجم الكتاب إلى لغات كثيرة"), 0);
	CHECK_INT(map("وصل الوفد إلى غات"), 1);
	CHECK_STR(id_of(0), "t:29");
}

/* a compass phrase names a unit only where the document is about its country */
static void case_compass_phrase(void)
{
	CHECK_INT(map("هبت رياح من جنوب غرب البلاد"), 0);
	CHECK_INT(map("في الكاميرون، اشتباكات في جنوب غرب"), 2);
	CHECK_STR(id_of(1), "t:30");
}

/* tanween marks an indefinite noun or adjective: روسياً is no Russia */
static void case_tanween_is_no_name(void)
{
	CHECK_INT(map("الموقف المدعوم روسياً"), 0);
	CHECK_INT(map("الموقف في روسيا"), 1);
}

/* a two-word name written as one, and لموصل for للموصل */
static void case_spellings(void)
{
	CHECK_INT(map("قصف على ديرالزور"), 1);
	CHECK_STR(id_of(0), "t:32");
	CHECK(strstr(res.mentions[0].rule, "two-word name written as one") != NULL);
	CHECK_INT(map("عمت المظاهرات مدنا كالقدس"), 1);   /* ك with the article: "like Jerusalem" */
	CHECK_STR(id_of(0), "t:8");
	/* a definite nisba right after a place is its adjective: "روسيا الغربية" */
	CHECK_INT(map("في روسيا الغربية"), 1);
	CHECK_STR(id_of(0), "t:16");
	CHECK_INT(map("وصل الجيش لموصل أمس"), 1);
	CHECK_STR(id_of(0), "t:33");
	CHECK_INT(res.mentions[0].start, 10);   /* the span starts at the ل: "وصل الجيش " is 10 code points */
}

/* a quarter or camp the gazetteer lacks is placed at its town; a list of
 * places lifts a common word; "أحياء كثيرة" names nothing */
static void case_quarters_and_lists(void)
{
	CHECK_INT(map("قصف على حي الصفطاوي في حلب"), 2);
	CHECK_STR(id_of(0), "t:20");
	CHECK(strstr(res.mentions[0].rule, "quarter after حي, not in the gazetteer; placed at Aleppo") != NULL);
	CHECK_INT(res.mentions[0].start, 11);   /* the name, without حي: "قصف على حي " is 11 code points */
	CHECK_INT(map("دمرت الغارات أحياء كثيرة في حلب"), 1);
	CHECK_INT(map("توزع النازحون على مخيمات النزوح في حلب"), 1);
	/* the village القصف is a common word; listed with Aleppo it is the village */
	CHECK_INT(map("سقطت قذائف على حلب والقصف"), 2);
	CHECK_STR(id_of(1), "t:27");
	CHECK(strstr(res.mentions[1].rule, "listed with Aleppo") != NULL);
}

/* "ريف حلب" is the countryside of Aleppo: its province; the bare name is the city */
static void case_countryside(void)
{
	CHECK_INT(map("قصف على ريف حلب الشمالي"), 1);
	CHECK_STR(id_of(0), "t:35");
	CHECK(strstr(res.mentions[0].rule, "the province") != NULL);
	CHECK_INT(map("قصف على حلب"), 1);
	CHECK_STR(id_of(0), "t:20");
}

/* the weights: defaults, a good spec, and bad ones refused with a message */
static void case_weights(void)
{
	gm_resolve_weights w;
	gm_error e;
	gm_resolve_weights_default(&w);
	CHECK_INT(w.min_score, 35);
	CHECK_INT(gm_resolve_weights_parse(&w, "min_score=50,abroad_town=0", &e), 0);
	CHECK_INT(w.min_score, 50);
	CHECK_INT(w.abroad_town, 0);
	CHECK_INT(gm_resolve_weights_parse(&w, "min_scor=1", &e), GM_EINVAL);
	CHECK(strstr(e.message, "min_scor") != NULL);
	CHECK_INT(gm_resolve_weights_parse(&w, "min_score=ten", &e), GM_EINVAL);
	CHECK_INT(gm_resolve_weights_parse(&w, "min_score", &e), GM_EINVAL);
	/* a higher threshold drops what scored between */
	gm_resolve_weights_default(&w);
	CHECK_INT(map("وصل الوفد إلى غات"), 1);
	w.min_score = 95;
	gm_gazetteer_set_weights(gaz, &w);
	CHECK_INT(map("وصل الوفد إلى غات"), 0);
	gm_resolve_weights_default(&w);
	gm_gazetteer_set_weights(gaz, &w);
}

static void latin_skeleton_needs_its_country(void)
{
	/* a Latin skeleton counts only inside a country the document is about */
	CHECK_INT(map("قصفت القوات قرية سوليدار في روسيا"), 2);
	CHECK_STR(id_of(0), "t:25");
	CHECK(strstr(res.mentions[0].rule, "Latin salatar") != NULL);
	CHECK(strstr(res.mentions[0].rule, "country in context RU") != NULL);
	CHECK_INT(map("قصفت القوات قرية سوليدار"), 0);
	CHECK_INT(map("قصفت القوات قرية سوليدار في لبنان"), 1);   /* Soledar is in RU */
	CHECK_STR(id_of(0), "t:12");
}

static void country_over_admin1(void)
{
	/* a country outranks a same-named admin-1 (Georgia, not the US state) */
	CHECK_INT(map("زار جورجيا"), 1);
	CHECK_STR(id_of(0), "t:4");
	CHECK(strstr(res.mentions[0].rule, "country") != NULL);
	CHECK(res.mentions[0].score >= 60 && res.mentions[0].score <= 100);
}

static void capital_over_admin1(void)
{
	/* a capital outranks the admin-1 of the same name */
	CHECK_INT(map("باكو"), 1);
	CHECK_STR(id_of(0), "t:2");
}

static void population_and_context(void)
{
	/* population decides without context; the document's country decides with it */
	CHECK_INT(map("قصف باردا"), 1);
	CHECK_STR(id_of(0), "t:15");
	CHECK_INT(map("قالت أذربيجان إن باردا تعرضت للقصف"), 2);
	CHECK_STR(id_of(1), "t:14");
	CHECK(strstr(res.mentions[1].rule, "country in context AZ") != NULL);
	/* a name is not its own context: the rule says so only when another mention gives it */
	CHECK_INT(map("لاشين"), 1);
	CHECK(strstr(res.mentions[0].rule, "in context") == NULL);
}

static void explicit_parent(void)
{
	/* an explicit parent chooses among same-named places: without it the
	 * larger Tal Aran (IQ) wins; "في حلب", "بحلب", "شمال حلب" pick the Syrian one,
	 * with the geodesic distance in the rule */
	CHECK_INT(map("تل عرن"), 1);
	CHECK_STR(id_of(0), "t:22");
	CHECK_INT(map("قصف تل عرن في حلب"), 2);
	CHECK_STR(id_of(0), "t:21");
	CHECK(strstr(res.mentions[0].rule, "km from Aleppo (explicit parent)") != NULL);
	CHECK_INT(map("قصف تل عرن بحلب"), 2);
	CHECK_STR(id_of(0), "t:21");
	CHECK_INT(map("قصف تل عرن في ريف حلب"), 2);
	CHECK_STR(id_of(0), "t:21");
	/* Tal Aran lies east-south-east of Aleppo: "east of" holds, "west of" does not */
	CHECK_INT(map("قصف تل عرن شرق حلب"), 2);
	CHECK_STR(id_of(0), "t:21");
	CHECK(strstr(res.mentions[0].rule, "explicit parent") != NULL);
	CHECK_INT(map("قصف تل عرن غرب حلب"), 2);
	CHECK(strstr(res.mentions[0].rule, "explicit parent") == NULL);
}

static void repeated_name_and_lists(void)
{
	/* a name repeated is not its own country's evidence where other names make
	 * the document about another country; in a text about it alone, it is */
	CHECK_INT(map("في لبنان. قرية تل عرن. وقصفت تل عرن"), 2);   /* Lebanon, and the village its type word vouches for */
	CHECK_INT(map("قرية تل عرن. وقصفت تل عرن"), 2);
	/* a list is no parent, and a small town abroad (both Tal Arans) is not
	 * what an article about Lebanon means by the name */
	CHECK_INT(map("تل عرن، لبنان"), 1);
	CHECK_STR(id_of(0), "t:12");
	CHECK_INT(map("قصف تل عرن"), 1);   /* with no country in context, the larger one */
	/* the document's admin-1 counts as context: Aleppo named elsewhere picks the Syrian one too */
	CHECK_INT(map("حلب. ثم تل عرن"), 2);
	CHECK_STR(id_of(1), "t:21");
	CHECK(strstr(res.mentions[1].rule, "admin1 in context Aleppo") != NULL);
}

static void short_names(void)
{
	/* names of three letters or fewer need more than an untagged GeoNames alternate */
	CHECK_INT(map("في سن العاشرة"), 0);
	CHECK_INT(map("مدينة سن"), 1);
	CHECK_STR(id_of(0), "t:23");
}

static void neighbourhood_is_no_country(void)
{
	/* "حي X" is a neighbourhood, never the country X */
	CHECK_INT(map("في حي لبنان"), 0);
	CHECK_INT(map("في لبنان"), 1);
}

static void type_word_chooses_class(void)
{
	/* a type word chooses the class: ممر لاشين is the corridor, not the town */
	CHECK_INT(map("إغلاق ممر لاشين"), 1);
	CHECK_STR(id_of(0), "t:7");
	CHECK(strstr(res.mentions[0].rule, "after ممر") != NULL);
	CHECK_INT(map("بلدة لاشين"), 1);
	CHECK_STR(id_of(0), "t:6");
}

static void tiny_untagged_name(void)
{
	/* an untagged name of a tiny place is below the threshold: no mention */
	CHECK_INT(map("بنان"), 0);
	/* and it costs the rest of the document nothing */
	CHECK_INT(map("بنان ثم باكو ثم روسيا"), 2);
	CHECK_STR(id_of(0), "t:2");
	CHECK_STR(id_of(1), "t:16");
}

static void offsets_and_snippet(void)
{
	/* offsets are code points in the original text, snippet is the sentence */
	const char *t = "خبر أول. ثم قصف وباكو اليوم.";
	CHECK_INT(map(t), 1);
	CHECK_INT(res.mentions[0].start, 17);
	CHECK_INT(res.mentions[0].end, 21);
	CHECK_INT(res.mentions[0].snippet_start, (uint32_t)strlen("خبر أول. "));
	CHECK_INT(res.mentions[0].snippet_end, (uint32_t)strlen(t));
}

static void explain(void)
{
	gm_error err;
	/* explain: the candidates with scores and the winner */
	gm_explanation ex;
	CHECK_INT(gm_explain(ctx, "وباكو", &ex, &err), 0);
	CHECK_STR(ex.key, "باكو");
	CHECK_STR(ex.how, "clitic و");
	CHECK_INT(ex.n_candidates, 2);
	CHECK(ex.winner >= 0);
	CHECK_INT(ex.candidates[ex.winner].place, (uint32_t)mini_find(gaz, "t:2"));
	CHECK_INT(gm_explain(ctx, "الجزيرة", &ex, &err), 0);
	CHECK(strstr(ex.how, "not a place (media)") != NULL);
}

/* #13: names a list of places gives that the gazetteer lacks are placed at
 * the town the list is of, and said so; the same name again, at the same */
static void case_listed_places(void)
{
	CHECK_INT(map("سيطرت القوات على قرى قرب باكو منها الزهراوية والنعيمية. وقتل اثنان في الزهراوية"), 4);
	CHECK_STR(id_of(1), "t:2");
	CHECK(strstr(res.mentions[1].rule, "listed after قري") && strstr(res.mentions[1].rule, "a town named before the list"));
	CHECK_STR(id_of(3), "t:2");
	CHECK(strstr(res.mentions[3].rule, "where the document named it before") != NULL);
}

/* #14: a town named as an item of a list of areas or quarters right after
 * its plural is one of the list's town: a namesake far from every other place
 * of the text gives way to the list's town; a town within reach stays */
static void case_items_of_areas(void)
{
	CHECK_INT(map("قصفت المدفعية مدينة حلب ثم مناطق الموصل والزهراوية"), 3);
	CHECK_STR(id_of(1), "t:20");   /* Mosul is 500 km off: placed at Aleppo */
	CHECK(strstr(res.mentions[1].rule, "listed after مناطق") != NULL);
	CHECK_INT(map("قصفت المدفعية مدينة حلب في سوريا ثم مناطق تل عرن والزهراوية"), 4);
	CHECK_STR(id_of(2), "t:21");   /* Tal Aran is 20 km off: itself */
	/* not so when the list is of towns (a list of cities may span a country) */
	CHECK_INT(map("قصفت المدفعية مدينة حلب ثم مدن الموصل والزهراوية"), 3);
	CHECK_STR(id_of(1), "t:33");
}

/* #14: a town the text places by a parent (in, a direction, near) is no
 * namesake in another country far off; with none that fits it is placed at
 * the parent, past a compass phrase read as a name of its own too */
static void case_town_by_its_parent(void)
{
	CHECK_INT(map("قصفت الطائرات بلدة باردا شمال مدينة حلب"), 2);
	CHECK_STR(id_of(0), "t:20");
	CHECK(strstr(res.mentions[0].rule, "town after بلده") && strstr(res.mentions[0].rule, "said to be near"));
	CHECK_INT(map("قصفت الطائرات بلدة باردا جنوب غرب مدينة حلب"), 2);
	CHECK_STR(id_of(0), "t:20");
	/* a generic name (its own type word: البلدة القديمة) in a town the text
	 * names as one is that town's, there and when named again alone; in its
	 * own town it stays itself */
	CHECK_INT(map("حظر التجوال في البلدة القديمة بمدينة لاشين. واقتحم المستوطنون البلدة القديمة."), 3);
	CHECK_STR(id_of(0), "t:6");
	CHECK(strstr(res.mentions[0].rule, "a generic name, no place of that name fits") != NULL);
	CHECK_STR(id_of(2), "t:6");
	/* and a list of its quarters after it named again is placed there too */
	CHECK_INT(map("حظر التجوال في البلدة القديمة بمدينة لاشين. وفرض الجيش حظر التجوال في حارات البلدة القديمة، "
	              "بينها الزهراوية والنعيمية."),
	          5);
	CHECK_STR(id_of(3), "t:6");
	CHECK_STR(id_of(4), "t:6");
	CHECK_INT(map("حظر التجوال في البلدة القديمة بمدينة باكو."), 2);
	CHECK_STR(id_of(0), "t:36");
	/* the same town with no parent, or a parent in its own country, stays itself */
	CHECK_INT(map("قصفت الطائرات بلدة باردا شمال لاشين"), 2);
	CHECK(strcmp(id_of(0), "t:20") != 0 && strcmp(id_of(0), "t:6") != 0);
}

/* #14: the word a type word governs takes no clitic: "مدينة والام" is
 * Ouallam, not و + Ilam; the reading behind a clitic right after the type word
 * is not lifted by it (a list's later items, which inherit it, still are). */
static void case_clitic_after_type_word(void)
{
	CHECK_INT(map("وقصفت القوات سجن مدينة باردا"), 1);
	CHECK(strstr(res.mentions[0].rule, "after مدينه") != NULL);
	if (map("وقصفت القوات سجن مدينة وباردا") == 1)
		CHECK(strstr(res.mentions[0].rule, "a clitic right after مدينه") != NULL);
	CHECK_INT(map("قصفت القوات قريتي تل عرن وباردا"), 2);
	CHECK(strstr(res.mentions[1].rule, "after قريتي") != NULL);
}

/* #14: a list's villages are neighbours: an item whose only candidate is a
 * village of another country (Jabala, Lebanon) is one the gazetteer lacks,
 * placed at the list's town (weight list_abroad; 0 lets it abroad) */
static void case_list_sibling_abroad(void)
{
	const char *text = "طال القصف كلاً من حلب وتل عرن، بالإضافة إلى قريتي دير الزور وجبالا في ريف حلب.";
	CHECK_INT(map(text), 5);
	CHECK_STR(id_of(3), "t:21");
	CHECK(strstr(res.mentions[3].rule, "placed at") != NULL);
	gm_resolve_weights w;
	gm_resolve_weights_default(&w);
	w.list_abroad = 0;
	gm_gazetteer_set_weights(gaz, &w);
	CHECK_INT(map(text), 5);
	CHECK_STR(id_of(3), "t:37");
	gm_resolve_weights_default(&w);
	gm_gazetteer_set_weights(gaz, &w);
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("resolve");
	gm_error err;
	CHECK_INT(gm_ctx_new(&ctx, gaz, &err), 0);

	static const check_case cases[] = {CHECK_CASE(latin_skeleton_needs_its_country),
	                                   CHECK_CASE(country_over_admin1),
	                                   CHECK_CASE(capital_over_admin1),
	                                   CHECK_CASE(population_and_context),
	                                   CHECK_CASE(explicit_parent),
	                                   CHECK_CASE(repeated_name_and_lists),
	                                   CHECK_CASE(short_names),
	                                   CHECK_CASE(neighbourhood_is_no_country),
	                                   CHECK_CASE(type_word_chooses_class),
	                                   CHECK_CASE(tiny_untagged_name),
	                                   CHECK_CASE(offsets_and_snippet),
	                                   CHECK_CASE(explain),
	                                   CHECK_CASE(case_lexicon_word_needs_evidence),
	                                   CHECK_CASE(case_lexicon_word_large_place),
	                                   CHECK_CASE(case_whole_word_stops_clitics),
	                                   CHECK_CASE(case_compass_phrase),
	                                   CHECK_CASE(case_tanween_is_no_name),
	                                   CHECK_CASE(case_spellings),
	                                   CHECK_CASE(case_quarters_and_lists),
	                                   CHECK_CASE(case_items_of_areas),
	                                   CHECK_CASE(case_town_by_its_parent),
	                                   CHECK_CASE(case_countryside),
	                                   CHECK_CASE(case_weights), CHECK_CASE(case_listed_places),
	                                   CHECK_CASE(case_list_sibling_abroad),
	                                   CHECK_CASE(case_clitic_after_type_word)};
	int rc = check_run("resolve", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_doc_result_free(&res);

	gm_ctx_free(ctx);
	gm_gazetteer_close(gaz);
	return rc;
}
