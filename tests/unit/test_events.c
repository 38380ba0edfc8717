/* test_events.c: numbers in every form, relative dates, triggers through
 * clitics, casualty figures, places and deduplication, through the public
 * API on the mini gazetteer (which carries the project's event words). */
#include "check.h"
#include "events.h"
#include "mini.h"

static gm_tokenizer tz;
static gm_tokens toks;

static long number(const char *s)
{
	gm_error err;
	gm__tokenize(&tz, s, strlen(s), &toks, &err);
	size_t used;
	return gm__parse_number(&toks, 0, &used);
}

static const char *date_of(const char *doc_date, const char *s)
{
	static char out[11];
	gm_error err;
	gm__tokenize(&tz, s, strlen(s), &toks, &err);
	gm__event_date(doc_date, &toks, 0, toks.n, out);
	return out;
}

static gm_gazetteer *gaz;
static gm_ctx *ctx;
static gm_doc_result res;

static size_t events(const char *text, const char *date)
{
	gm_document d = {0};
	d.id = "t";
	d.text = text;
	d.text_len = strlen(text);
	d.date = date;
	gm_error err;
	gm_doc_result_free(&res);
	CHECK_INT(gm_map_document(ctx, &d, &res, &err), 0);
	return res.n_events;
}

static const char *place_of(size_t i)
{
	static gm_place p;
	if (res.events[i].place == GM_NO_PLACE)
		return "";
	gm_gazetteer_get_place(gaz, res.events[i].place, &p);
	return p.id;
}

/* Whether the document's events have one of type at the place of that id. */
/* How many events of the last document are of that type ("": any) at the
 * place of that id. */
static size_t events_of(const char *type, const char *id)
{
	size_t n = 0;
	for (size_t k = 0; k < res.n_events; k++)
		n += (!type[0] || !strcmp(res.events[k].type, type)) && !strcmp(place_of(k), id);
	return n;
}

static int has_event_at(const char *type, const char *id) { return events_of(type, id) > 0; }

/* #14: ACLED's event_type and sub_event_type beside the short type, refined
 * by the word (تسليم, استعاد) where event-triggers.tsv says so */
static void case_acled_names(void)
{
	static const struct { const char *text, *type, *event_type, *sub_type; } cases[] = {
		{"قصف مدفعي على حلب", "shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack"},
		{"غارة جوية على حلب", "air_strike", "Explosions/Remote violence", "Air/drone strike"},
		{"اشتباكات عنيفة في حلب", "armed_clash", "Battles", "Armed clash"},
		{"سيطرت القوات على حلب", "territory_change", "Battles", "Non-state actor overtakes territory"},
		{"استعاد الجيش السيطرة على حلب", "territory_change", "Battles", "Government regains territory"},
		{"جرى تسليم حلب للجيش", "territory_change", "Strategic developments", "Non-violent transfer of territory"},
		{"انفجار لغم في حلب", "explosion", "Explosions/Remote violence", "Remote explosive/landmine/IED"},
		{"خرجت مظاهرات في حلب", "protest", "Protests", "Peaceful protest"},
		{"نزوح آلاف المدنيين من حلب", "displacement", "", "Displacement"},
		{"هجوم انتحاري في حلب", "explosion", "Explosions/Remote violence", "Suicide bomb"},
		{"حملة اعتقالات في حلب", "arrests", "Strategic developments", "Arrests"},
		{"اعتقلت القوات عشرة شبان في حلب", "arrests", "Strategic developments", "Arrests"},
		{"اختطاف صحفي في حلب", "abduction", "Violence against civilians", "Abduction/forced disappearance"},
		{"هدمت الجرافات منازل في حلب", "property_destruction", "Strategic developments", "Looting/property destruction"},
		{"انفجار قنبلة يدوية في حلب", "explosion", "Explosions/Remote violence", "Remote explosive/landmine/IED"},
		{"ضرب زلزال مدينة حلب", "disaster", "", "Natural disaster"},
		/* #14: the sub-types a reviewed row selects */
		{"قامت الشرطة بتفريق المتظاهرين في حلب", "protest", "Protests", "Protest with intervention"},
		{"أطلقت قوات الأمن النار على المتظاهرين في حلب", "protest", "Protests", "Excessive force against protesters"},
		{"اندلعت أعمال شغب في حلب", "protest", "Riots", "Violent demonstration"},
		{"أعلن الجيش إنشاء قاعدة عسكرية قرب حلب", "mobilization", "Strategic developments",
		 "Headquarters or base established"},
		{"أصيب مزارع في اعتداء المستوطنين على قرية قرب حلب", "armed_clash", "Violence against civilians", "Attack"},
		{"وقعت الأطراف اتفاق هدنة في حلب", "agreement", "Strategic developments", "Agreement"},
		{"حشد الجيش قواته قرب حلب", "mobilization", "Strategic developments", "Other"},
		{"ألقى مجهول قنبلة يدوية على متجر في حلب", "explosion", "Explosions/Remote violence", "Grenade"},
		{"فيضانات في حلب", "disaster", "", "Natural disaster"},
		{"فرضت السلطات حظر التجول في مدينة حلب", "blockade", "Strategic developments", "Other"},
		{"فرضت القوات حصارا على حلب", "blockade", "", "Blockade"},
		/* #14: the last five, each a type of its own */
		{"قصفت الطائرات مدينة حلب بغاز الكلور", "chemical", "Explosions/Remote violence", "Chemical weapon"},
		{"وثقت المنظمة حالات اغتصاب في حلب", "sexual_violence", "Violence against civilians", "Sexual violence"},
		{"سحل حشد غاضب رجلا في حلب", "mob_violence", "Riots", "Mob violence"},
		{"انشق لواء عن الجيش في حلب", "group_change", "Strategic developments", "Change to group/activity"},
		{"اعترضت الدفاعات الجوية صاروخا فوق حلب", "disrupted_weapons", "Strategic developments",
		 "Disrupted weapons use"},
		{"تمكن خبراء من تفكيك عبوة ناسفة في حلب", "disrupted_weapons", "Strategic developments",
		 "Disrupted weapons use"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = events(cases[i].text, "2024-05-01");
		CHECK(n >= 1);
		int found = 0;
		for (size_t k = 0; k < n; k++)
			found |= !strcmp(res.events[k].type, cases[i].type) && !strcmp(res.events[k].event_type, cases[i].event_type) &&
			         !strcmp(res.events[k].sub_type, cases[i].sub_type);
		if (!found)
			fprintf(stderr, "acled: %s: no %s / %s / %s\n", cases[i].text, cases[i].type, cases[i].event_type,
			        cases[i].sub_type);
		CHECK(found);
	}
	const char *et, *st;
	gm__acled_of(GM_EV_PROTEST, 3, &et, &st);
	CHECK_STR(et, "Riots");
	CHECK_STR(st, "Violent demonstration");
	CHECK_INT(gm__acled_sub_index(GM_EV_TERRITORY_CHANGE, "Government regains territory"), 1);
	CHECK_INT(gm__acled_sub_index(GM_EV_SHELLING, "Grenade"), -1);
}

/* #14: a chemical attack is one event whatever carried it; an objection
 * (اعتراض alone) intercepts nothing */
static void case_chemical_and_interception(void)
{
	CHECK_INT(events("قصفت الطائرات مدينة حلب بغاز الكلور", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "chemical");
	CHECK_INT(events("أبدت الحكومة اعتراضها على القرار في حلب", "2024-05-01"), 0);
	CHECK_INT(events("أطلقت الفصائل صواريخ على حلب، واعترضت الدفاعات الجوية بعضها", "2024-05-01"), 2);
	CHECK(has_event_at("shelling", "t:20") && has_event_at("disrupted_weapons", "t:20"));
}

/* #14: ل + a verbal noun is a purpose, not a deed, unless it is what a place
 * underwent (تعرض، خضع) */
static void case_purpose_is_no_deed(void)
{
	CHECK_INT(events("أرسل الجيش تعزيزات لاستعادة حلب", "2024-05-01"), 0);
	CHECK_INT(events("تعرضت حلب لقصف مدفعي", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "shelling");
	CHECK_INT(events("تعرضت مدينة باردا لقصف عنيف", "2024-05-01"), 1);
	CHECK_INT(events("استعاد الجيش السيطرة على حلب", "2024-05-01"), 1);
}

/* #14: a list of places struck, taken or fled is one event per place (ACLED
 * codes each location), joined by و, by commas, or both */
static void case_list_one_event_per_place(void)
{
	CHECK_INT(events("قصف مدفعي على حلب وتل عرن ولاشين", "2024-05-01"), 3);
	CHECK_STR(place_of(0), "t:20");
	CHECK_STR(place_of(1), "t:21");
	CHECK_INT(events("غارات جوية على باردا، لاشين، باكو", "2024-05-01"), 3);
	CHECK_INT(events("سيطرت القوات على دير الزور وحلب", "2024-05-01"), 2);
	CHECK_STR(res.events[0].type, "territory_change");
	/* protests too: one per town of the list */
	CHECK_INT(events("خرجت مظاهرات في حلب ولاشين وباردا", "2024-05-01"), 3);
	CHECK_STR(res.events[2].type, "protest");
	/* a village the gazetteer lacks does not end the list */
	CHECK_INT(events("قصف مدفعي على حلب، كفرتخاريم، ولاشين", "2024-05-01"), 2);
	CHECK_STR(place_of(1), "t:6");
	/* a place named apart, not in the list, is not struck */
	CHECK_INT(events("قصف مدفعي على حلب، وقال مسؤول في باكو", "2024-05-01"), 1);
	/* the list as the event word's object, no preposition (a verb and its
	 * subject before it), and an item the gazetteer lacks joined by و */
	CHECK_INT(events("قصفت المدفعية حلب، ولاشين، وباردا", "2024-05-01"), 3);
	CHECK_INT(events("قصفت المدفعية حلب وكفرتخاريم ولاشين", "2024-05-01"), 2);
	/* but a country or capital right after the event word is who acts */
	CHECK_INT(events("قصف أذربيجان لمدينة باردا", "2024-05-01"), 1);
	CHECK_STR(place_of(0), "t:14");   /* Barda, not Azerbaijan */
}

static void numbers(void)
{
	/* numbers: digits, Arabic-Indic digits, words in every case form */
	CHECK_INT(number("32"), 32);
	CHECK_INT(number("٣٢"), 32);
	CHECK_INT(number("2,000"), 2000);
	CHECK_INT(number("أربعة"), 4);
	CHECK_INT(number("اثنين"), 2);
	CHECK_INT(number("اثنان"), 2);
	CHECK_INT(number("عشرين"), 20);
	CHECK_INT(number("عشرون"), 20);
	CHECK_INT(number("مئة"), 100);
	CHECK_INT(number("مائة"), 100);
	CHECK_INT(number("خمسة عشر"), 15);
	CHECK_INT(number("ثلاثة وعشرين"), 23);
	CHECK_INT(number("مئتين"), 200);
	/* ACLED's conservative figures for vague plurals */
	CHECK_INT(number("عشرات"), 10);
	CHECK_INT(number("مئات"), 100);
	CHECK_INT(number("آلاف"), 1000);
	CHECK_INT(number("قصف"), -1);
	/* #15: beyond GM_FIGURE_MAX no figure, however many digits (2^64 + 5 once wrapped to 5) */
	CHECK_INT(number("100000000"), 100000000);
	CHECK_INT(number("100000001"), -1);
	CHECK_INT(number("18446744073709551621"), -1);
	CHECK_INT(number("99999999999999999999999999999999999999"), -1);
}

static void relative_dates(void)
{
	/* relative dates against the document date (2023-09-20 was a Wednesday) */
	CHECK_STR(date_of("2023-09-20", "قصف اليوم"), "2023-09-20");
	CHECK_STR(date_of("2023-09-20", "قصف أمس"), "2023-09-19");
	CHECK_STR(date_of("2023-09-20", "قصف الليلة الماضية"), "2023-09-19");
	CHECK_STR(date_of("2023-09-20", "قالت اليوم الأربعاء"), "2023-09-20");
	CHECK_STR(date_of("2023-09-20", "قصف يوم الثلاثاء"), "2023-09-19");
	CHECK_STR(date_of("2023-09-20", "قصف يوم الخميس"), "2023-09-14");
	CHECK_STR(date_of("2023-03-01", "أمس"), "2023-02-28");
	CHECK_STR(date_of(NULL, "أمس"), "");          /* no document date: no guess */
}

static void triggers_and_places(void)
{
	/* a trigger through clitics and the article, the place behind في */
	CHECK_INT(events("وقصفت القوات مواقع في لاشين أمس.", "2023-09-20"), 1);
	CHECK_STR(res.events[0].type, "shelling");
	CHECK_STR(place_of(0), "t:6");
	CHECK_INT(res.events[0].precision, 1);
	CHECK_STR(res.events[0].date, "2023-09-19");
	CHECK_INT(events("تواصل القصف على باردا", NULL), 1);
	CHECK_STR(res.events[0].type, "shelling");
	CHECK_STR(res.events[0].date, "");
	/* #14: a place that names who acts (after an agent noun in construct
	 * state) or whence they came (behind من) is not where it happened */
	CHECK_INT(events("وأعلن اللواء القادم من مدينة لاشين أنه اقتحم مقر الكتيبة في باكو.", NULL), 1);
	CHECK_STR(place_of(0), "t:2");
	CHECK_INT(events("تجددت الاشتباكات في باكو بين ثوار لاشين والجيش.", NULL), 1);
	CHECK_STR(place_of(0), "t:2");
	CHECK_INT(events("قصفت قوات الاحتلال لاشين.", NULL), 1);
	CHECK_STR(place_of(0), "t:6");
	/* near it is not whence: "في منطقة قريبة من لاشين" */
	CHECK_INT(events("وفي منطقة قريبة من لاشين، أصيب جندي بطلق ناري.", NULL), 1);
	CHECK_STR(place_of(0), "t:6");
	CHECK_STR(res.events[0].type, "armed_clash");
	/* gunfire is a clash; with a shelling it is the shelling's */
	CHECK_INT(events("تعرضت دورية لإطلاق نار في لاشين.", NULL), 1);
	CHECK_STR(res.events[0].type, "armed_clash");
	CHECK_INT(events("تتعرض لاشين لقصف مدفعي مكثف مع إطلاق نار من الآليات.", NULL), 1);
	CHECK_STR(res.events[0].type, "shelling");
	/* #14: "the camp" as the subject of a verb of witnessing is the camp
	 * the document named, over a place the stray fire only reached; the
	 * weapons used in a clash are no shelling of their own */
	CHECK_INT(events("اندلعت اشتباكات في مخيم لاشين. ويشهد المخيم اشتباكات عنيفة، حيث يتم استخدام الأسلحة الرشاشة "
	                 "إضافة إلى القذائف الصاروخية، وقد طاول الرصاص أحياء في مدينة باكو.",
	                 NULL),
	          1);
	CHECK_STR(res.events[0].type, "armed_clash");
	CHECK_STR(place_of(0), "t:6");
	/* #14: the people of a place flee from it, though it stands before the
	 * event word and the country they flee to after it */
	CHECK_INT(events("قصفت الطائرات باكو أمس، وأهالي لاشين يفرون إلى أذربيجان.", NULL), 2);
	CHECK(has_event_at("displacement", "t:6"));
	CHECK_INT(events("الطائرات تنفذ غارات على باكو وأهالي لاشين يفرون إلى أذربيجان", NULL), 2);
	CHECK(has_event_at("displacement", "t:6") && !has_event_at("displacement", "t:2"));
	/* the hospital the wounded were taken to is not where they were hurt */
	CHECK_INT(events("أصيب جندي بطلق ناري في لاشين، وتم نقل المصابين إلى مشفى باكو العسكري.", NULL), 1);
	CHECK_STR(place_of(0), "t:6");
}

static void casualty_figures(void)
{
	/* casualty figures: before or after the word, words, more-than, sums */
	CHECK_INT(events("قتل 32 شخصا وأصيب أكثر من 200 في اشتباكات في لاشين.", NULL), 1);
	CHECK_STR(res.events[0].type, "armed_clash");
	CHECK_INT(res.events[0].fatalities, 32);
	CHECK_INT(res.events[0].injured, 200);
	CHECK_INT(events("أعلنت أن 32 شخصا قتلوا وأكثر من 200 جرحوا في لاشين.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 32);
	CHECK_INT(res.events[0].injured, 200);
	CHECK_INT(events("مقتل أربعة جنود ومدنيين اثنين في انفجار لغم في لاشين.", NULL), 1);
	CHECK_STR(res.events[0].type, "explosion");
	CHECK_INT(res.events[0].fatalities, 6);
	CHECK_INT(events("قتل 18446744073709551621 شخصا في اشتباكات في لاشين.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, -1);
	/* a number that counts something else is no casualty figure (one
	 * soldier, not 24: the hours) */
	CHECK_INT(events("قتل جندي خلال 24 ساعة من القصف على لاشين.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 1);
	CHECK_INT(events("قتل الجنود خلال 24 ساعة من القصف على لاشين.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, -1);
	/* #14: one person, groups joined by و, "at least" of four words, no
	 * number across punctuation (a dateline's year) */
	CHECK_INT(events("أسفرت الاشتباكات في لاشين عن مقتل 7 جنود و5 مدنيين على الأقل.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 12);
	CHECK_INT(events("أسفرت الاشتباكات في لاشين عن مقتل ما لا يقل عن 31 عنصراً.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 31);
	CHECK_INT(events("عمان 18 ديسمبر 2016 / قتل عشرة أشخاص في هجوم على لاشين.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 10);
	CHECK_INT(events("أعلن الجيش مقتل ضابط ومجند في انفجار عبوة في لاشين.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 2);
	/* a protest sentence's "martyrs" are no fight of their own, and the
	 * martyr named with the article is one known, not one killed today */
	CHECK_INT(events("غصت الساحة في حلب بالآلاف من المتظاهرين في أحد الشهداء.", NULL), 1);
	CHECK_STR(res.events[0].type, "protest");
	CHECK_INT(events("وفي لاشين استذكر الأهالي الشهيد علاء أبو فخر.", NULL), 0);
	CHECK_INT(events("سقط شهيد في قصف على لاشين.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 1);
	/* a toll that rose to a figure: the figure behind إلى */
	CHECK_INT(events("وارتفعت حصيلة ضحايا القصف على لاشين إلى 12.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 12);
	/* a rank before a name: one, and those joined after the name */
	CHECK_INT(events("وفي لاشين استشهد الملازم عبد الله أحمد و4 مجندين آخرين في هجوم.", NULL), 1);
	CHECK_INT(res.events[0].fatalities, 5);
	/* the figures go to the event word nearest them */
	CHECK_INT(events("واعترف الجيش بمقتل ضابط وأصيب 9 من جنوده بانفجار عبوة خلال الاشتباكات في لاشين.", NULL), 2);
	for (size_t k = 0; k < res.n_events; k++)
		if (!strcmp(res.events[k].type, "explosion"))
			CHECK_INT(res.events[k].fatalities, 1);
}

static void actors_and_speakers(void)
{
	/* a country in the sentence is the actor: the event is at the town */
	CHECK_INT(events("قالت أذربيجان إن باردا تعرضت للقصف.", NULL), 1);
	CHECK_STR(place_of(0), "t:14");
	/* diplomacy: at the speaker's capital, or nowhere */
	CHECK_INT(events("دعت أذربيجان إلى الهدوء.", NULL), 1);
	CHECK_STR(res.events[0].type, "diplomacy");
	CHECK_STR(place_of(0), "t:2");
	CHECK_INT(events("دعا الأمين العام إلى الهدوء.", NULL), 1);
	CHECK_INT(res.events[0].place, GM_NO_PLACE);
	CHECK_INT(res.events[0].precision, 0);
}

static void calls_and_repeats(void)
{
	/* a call to stop fighting is no fighting */
	CHECK_INT(events("طالبت بوقف القتال في لاشين.", NULL), 1);
	CHECK_STR(res.events[0].type, "diplomacy");
	/* one event per occurrence: headline and body told twice */
	CHECK_INT(events("قصف على لاشين\nوقال الجيش إن القصف على لاشين استمر.", "2023-09-20"), 1);
	/* but two towns shelled are two events */
	CHECK_INT(events("لاشين وباردا تعرضتا للقصف.", NULL), 2);
	/* a capital named as the speaker is no place of the event */
	CHECK_INT(events("قالت باكو إن باردا تعرضت للقصف.", NULL), 1);
	CHECK_STR(place_of(0), "t:14");
}

static void irrealis(void)
{
	/* what is demanded, promised or planned is not done */
	CHECK_INT(events("طالبت أذربيجان بانسحاب القوات من لاشين.", NULL), 1);
	CHECK_STR(res.events[0].type, "diplomacy");
	CHECK_INT(events("تدعم تسوية تضمن استعادة لاشين.", NULL), 0);
	CHECK_INT(events("وأكد أن الجيش سيواصل قصف باردا.", NULL), 0);
}

static void generic_words(void)
{
	/* a generic word takes the sentence's specific event, anchored where it
	 * stands: targeting Barda with rockets is shelling of Barda */
	CHECK_INT(events("قالت أذربيجان إن الجيش استهدف باردا بالصواريخ.", NULL), 1);
	CHECK_STR(res.events[0].type, "shelling");
	CHECK_STR(place_of(0), "t:14");
	CHECK_INT(events("هجوم بطائرات مسيرة على باردا.", NULL), 1);
	CHECK_STR(res.events[0].type, "air_strike");
	/* alone, an attack is a clash */
	CHECK_INT(events("هجوم على باردا.", NULL), 1);
	CHECK_STR(res.events[0].type, "armed_clash");
}

static void told_again(void)
{
	/* "the attack" told again with no place of its own is the one before;
	 * "no casualties" is a figure: 0 and 0 */
	CHECK_INT(events("غارة بطائرة مسيرة على باردا.\nوأدى الهجوم إلى أضرار دون تسجيل إصابات.", NULL), 1);
	CHECK_STR(res.events[0].type, "air_strike");
	CHECK_INT(res.events[0].fatalities, 0);
	CHECK_INT(res.events[0].injured, 0);
	/* but with a place of its own it is an event of its own */
	CHECK_INT(events("قصف على باردا.\nواندلع القتال في لاشين.", NULL), 2);
	/* a meeting told again "during" it is the same meeting */
	CHECK_INT(events("اتصال هاتفي بين الرئيسين.\nوخلال الاتصال بحث الجانبان الوضع.", NULL), 1);
	/* the same caller twice is one call */
	CHECK_INT(events("دعا الاتحاد الأوروبي إلى الهدوء.\nودعا الاتحاد الأوروبي اليوم إلى الحوار.", NULL), 1);
}

static void links_and_titles(void)
{
	/* a link to another article is not this article's report */
	CHECK_INT(events("اقرأ أيضا: قصف على باردا", NULL), 0);
	/* "in the capital of X": X's seat, as the gazetteer build found it */
	CHECK_INT(events("غارة جوية في عاصمة الغربية.", NULL), 1);
	CHECK_STR(place_of(0), "t:26");
	CHECK_INT(res.events[0].precision, 1);
	/* a place in an official's title is no place of the event */
	CHECK_INT(events("قالت أذربيجان إن محافظ الغربية أعلن أن قصفا استهدف باردا.", NULL), 1);
	CHECK_STR(place_of(0), "t:14");
}

static void sentence_splits(void)
{
	/* sentences split where a full stop has no space after it */
	CHECK_INT(events("قصف على باردا.واندلعت اشتباكات في لاشين.", NULL), 2);

	gm_doc_result_free(&res);
	case_list_one_event_per_place();
	case_purpose_is_no_deed();
	case_acled_names();
	case_chemical_and_interception();
}

static void not_events(void)
{
	/* not events: a denial, a refusal, a state of control */
	CHECK_INT(events("نفى الجيش قصف حلب", "2024-05-01"), 0);
	CHECK_INT(events("رفضت الفصائل تسليم حلب", "2024-05-01"), 0);
	CHECK_INT(events("دمار في المناطق الخارجة عن سيطرة الدولة في حلب", "2024-05-01"), 0);
	CHECK_INT(events("يصعب العيش في الأحياء الواقعة تحت سيطرة الفصائل في حلب", "2024-05-01"), 0);
	CHECK_INT(events("وقعت حلب تحت سيطرة الفصائل", "2024-05-01"), 1);
	CHECK_INT(events("سيطرت القوات على حلب", "2024-05-01"), 1);
	/* an organisation's name states no event: a reviewed phrase (هيئة تحرير
	 * الشام) or a name after an organisation head (حركة تحرير ...) */
	CHECK_INT(events("دمار في أرياف حلب الخاضعة لنفوذ هيئة تحرير الشام", "2024-05-01"), 0);
	CHECK_INT(events("أعلنت حركة تحرير حلب موقفها", "2024-05-01"), 0);
	CHECK_INT(events("أعلن الجيش تحرير حلب", "2024-05-01"), 1);
	/* an attack from the air is an air strike */
	CHECK_INT(events("كثفت القوات هجماتها الجوية على حلب", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "air_strike");
	/* مسيرة: a drone, or a march by the words around it */
	CHECK_INT(events("استهدفت مسيرة سيارة في حلب", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "air_strike");
	CHECK_INT(events("نظم الأهالي مسيرة حاشدة في حلب", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "protest");
	/* "منذ بدء هجومها": the time since an event begun before, no new one */
	CHECK_INT(events("أسرت القوات 594 جنديا منذ بدء هجومها في حلب", "2024-05-01"), 0);
	CHECK_INT(events("شنت القوات هجوما على حلب", "2024-05-01"), 1);
	/* a round of fighting is no visit */
	CHECK_INT(events("بدأت جولة الاشتباكات الثانية في حلب", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "armed_clash");
	CHECK_INT(events("قصف على القرى الخاضعة لسيطرة الفصائل قرب حلب", "2024-05-01"), 1);   /* the shelling, no change */
	CHECK_STR(res.events[0].type, "shelling");
	CHECK_INT(events("توتر على خط السيطرة قرب حلب", "2024-05-01"), 0);
	CHECK_INT(events("تمكن الدفاع المدني من السيطرة على الحريق في حلب", "2024-05-01"), 0);
	CHECK_INT(events("عمليات لاستعادة حلب من سيطرة التنظيم", "2024-05-01"), 0);   /* a purpose, and a state */
	/* #14: a round of escalation is no visit, calls as a means no diplomacy,
	 * the attacking forces no attack; the attack they repel is one */
	CHECK_INT(events("تشير الأنباء إلى جولة جديدة من التصعيد في حلب", "2024-05-01"), 0);
	CHECK_INT(events("ووجه الجيش عبر اتصالات هاتفية إنذارات لعائلات في حلب", "2024-05-01"), 0);
	CHECK_INT(events("أعلنت القوات المهاجمة في حلب تقدمها", "2024-05-01"), 0);
	CHECK_INT(events("صد الجيش الهجوم في حلب", "2024-05-01"), 1);
}

static void disasters(void)
{
	/* disasters carry their toll; a fire in a sentence of violence is the
	 * violence's; a storm that names an operation is no storm (#14) */
	CHECK_INT(events("ضرب زلزال مدينة حلب وأدى إلى مقتل 20 شخصا", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "disaster");
	CHECK_INT(res.events[0].fatalities, 20);
	CHECK_INT(events("ضرب زلزال مدينة حلب.وارتفع عدد القتلى إلى 30 قتيلا في حلب.", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "disaster");   /* the toll is the earthquake's, not a clash */
	CHECK_INT(res.events[0].fatalities, 30);
	CHECK_INT(events("اندلع حريق إثر القصف على حلب", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "shelling");
	CHECK_INT(events("أطلقت القوات عملية إعصار الجنوب في حلب", "2024-05-01"), 0);
	/* fighters routed are no displacement; people fleeing are (#14) */
	CHECK_INT(events("صد الجيش الهجوم في حلب وأجبر العناصر على الفرار.", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "armed_clash");
	CHECK_INT(events("نزح آلاف المدنيين من حلب.", "2024-05-01"), 1);
	CHECK_STR(res.events[0].type, "displacement");
	/* the displaced behind ب or ل are people housed or helped, no new flight */
	CHECK_INT(events("تشهد مخيمات حلب اكتظاظا شديدا بالنازحين.", "2024-05-01"), 0);
	CHECK_INT(events("وصل آلاف النازحين إلى حلب.", "2024-05-01"), 1);
	/* "لاذ ... بالفرار": the shooters escaped, nobody was displaced */
	CHECK_INT(events("هاجم مسلحون مخفرا في حلب ولاذ مطلقو النار بالفرار.", "2024-05-01"), 1);
	CHECK(res.n_events == 1 && strcmp(res.events[0].type, "displacement") != 0);
}

static void clauses_and_lists(void)
{
	/* "قصف جوي ومدفعي": an air strike and a shelling; a clause opened by كما
	 * keeps its list to its own event word */
	CHECK_INT(events("تتعرض باردا لقصف جوي ومدفعي", "2024-05-01"), 2);
	/* (تل عرن needs Syria in context: not a place here) */
	CHECK_INT(events("قصفت القوات على باردا كما أغارت طائرات على لاشين وتل عرن", "2024-05-01"), 2);
	{
		size_t shelled = 0;
		for (size_t k = 0; k < res.n_events; k++)
			shelled += !strcmp(res.events[k].type, "shelling");
		CHECK_INT(shelled, 1);
	}
	/* and a town before كما is the other clause's: no air strike at باردا */
	CHECK(has_event_at("shelling", "t:15") && has_event_at("air_strike", "t:6") && !has_event_at("air_strike", "t:15"));
	/* a list goes on with a new kind of place: one event per town (#14) */
	CHECK_INT(events("القصف المدفعي على مدينة باردا وبلدات لاشين وتل عرن", "2024-05-01"), 3);
	CHECK_INT(events("القصف المدفعي طال كلا من باردا ولاشين", "2024-05-01"), 2);
	/* #14: a list a plural place word announces after the event word is
	 * the event's places too, each town an event, those the gazetteer lacks
	 * at the town named before the list */
	CHECK_INT(events("استهدفت الغارات مدينة باردا، إلى جانب البلدات التالية: لاشين، الزهراوية، والنعيمية",
	                 "2024-05-01"), 4);
	CHECK(has_event_at("air_strike", "t:15") && has_event_at("air_strike", "t:6"));
	CHECK_INT(events_of("", "t:15"), 3);   /* باردا, and the two villages no gazetteer has */
	/* villages no gazetteer has, placed at one town, are each an event there */
	/* (and one for باردا, the town named near them) */
	CHECK_INT(events("وسيطرت القوات على قرى قرب باردا منها الزهراوية والنعيمية", "2024-05-01"), 3);
	CHECK_INT(events_of("", "t:15"), 3);
	/* #14: a later clause of a long sentence reports the same type again at
	 * another place; at the same place it is told once */
	CHECK_INT(events("كثفت القوات قصفها على مدينة حلب بعد إعلان الحكومة انطلاق العمليات كما تتعرض مدينة لاشين لقصف "
	                 "مدفعي بشكل يومي",
	                 "2024-05-01"),
	          2);
	CHECK(has_event_at("shelling", "t:20") && has_event_at("shelling", "t:6"));
	CHECK_INT(events("قصفت القوات مدينة حلب، كما تواصل قصف مدينة حلب ليلا", "2024-05-01"), 1);
	/* a list before the event word is not its places */
	CHECK_INT(events("زار الوفد قرى منها الزهراوية والنعيمية ثم استهدفت الغارات مدينة باردا", "2024-05-01"), 1);
}

/* #14: a verb of reaching carries the event into a clause of its own
 * ("خرج المتظاهرون ...، ففي ... خرجت حلب وتل عرن": towns out in protest),
 * not told again of the protest before; and a region names the event's
 * place only where no town inside it is named */
static void reached_in_its_own_clause(void)
{
	CHECK_INT(events("خرج المتظاهرون في لاشين. وخرج المتظاهرون اليوم في عدد من المدن، ففي سوريا خرجت حلب وتل عرن.",
	                 "2024-05-01"),
	          3);
	CHECK(has_event_at("protest", "t:6") && has_event_at("protest", "t:20") && has_event_at("protest", "t:21"));
	CHECK_INT(events("شن الجيش هجمات على عدة مناطق في سوريا، من بينها مدينة حلب.", "2024-05-01"), 1);
	CHECK(has_event_at("armed_clash", "t:20") && !has_event_at("armed_clash", "t:28"));
}

/* #14: a toll split place by place after the events were told goes to each
 * place's event, not one total to the first */
static void tolls_by_place(void)
{
	/* the text after "قصفت المدفعية حلب وتل عرن في سوريا. وتوزع الضحايا
	 * كالآتي: ", and the dead it gives Aleppo (t:20) and Tell Aran; the
	 * noun left out once the split has named its dead; not a number that
	 * counts something else */
	static const struct { const char *split; long aleppo, tell_aran; } cases[] = {
		{"شهيد في حلب، وفي تل عرن قتل 5 أشخاص.", 1, 5},
		{"شهيدان في حلب، وثلاثة شهداء في تل عرن.", 2, 3},
		{"شهيدان في حلب، وفي تل عرن تسعة.", 2, 9},
		{"شهيدان في حلب، وفي تل عرن تسعة منازل.", 2, -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char text[512];
		snprintf(text, sizeof text, "قصفت المدفعية حلب وتل عرن في سوريا. وتوزع الضحايا كالآتي: %s", cases[i].split);
		CHECK_INT(events(text, "2024-05-01"), 2);
		for (size_t k = 0; k < res.n_events; k++)
			CHECK_INT(res.events[k].fatalities, !strcmp(place_of(k), "t:20") ? cases[i].aleppo : cases[i].tell_aran);
	}
}

/* #14: a headline's shelling of a country or province, over the shelling
 * of its towns in the body, is a summary of them: the towns' events only.
 * Not so for another type, nor for a region told in the towns' own
 * sentence, nor for people displaced (counted by region as told). */
static void summaries_of_the_towns(void)
{
	CHECK_INT(events("قصف مدفعي على محافظة حلب. وقصفت المدفعية حلب وتل عرن.", "2024-05-01"), 2);
	CHECK(has_event_at("shelling", "t:20") && has_event_at("shelling", "t:21") && !has_event_at("shelling", "t:35"));
	CHECK_INT(events("قصف مدفعي على سوريا. وقصفت المدفعية حلب وتل عرن.", "2024-05-01"), 2);
	CHECK(!has_event_at("shelling", "t:28"));
	/* a province's shelling beside an air strike in a town: two events */
	CHECK_INT(events("قصف مدفعي على محافظة حلب. وأغارت طائرات حربية على حلب.", "2024-05-01"), 2);
	/* another country's towns are no part of it */
	CHECK_INT(events("قصف مدفعي على سوريا. وقصفت المدفعية باردا.", "2024-05-01"), 2);
	CHECK_INT(events("نزوح آلاف السكان من محافظة حلب. ونزح آخرون من تل عرن.", "2024-05-01"), 2);
}

/* #14: quarters listed right after a plural, placed at their town, are each
 * an event there, after the town's own event of an earlier sentence too;
 * the attacks with the article are those told before, of their type */
static void quarters_each_an_event(void)
{
	CHECK_INT(events("قتل 16 شخصا في تفجيرات انتحارية في باردا. وطالت الهجمات أحياء الزهراوية والنعيمية والبرقاوية.",
	                 "2024-05-01"),
	          4);
	CHECK_INT(events_of("", "t:15"), 4);
	CHECK_INT(events_of("explosion", "t:15"), 4);
	/* the same quarter told again in a later sentence is one event */
	CHECK_INT(events("قصفت المدفعية أحياء الزهراوية والنعيمية في باردا. وتواصل القصف على حي الزهراوية.", "2024-05-01"),
	          2);
	/* a village the gazetteer lacks stands near its list's town
	 * (precision 2); a quarter at its town is the town (1) */
	CHECK_INT(events("سيطرت القوات على قرى قرب حلب منها الزهراوية والنعيمية.", "2024-05-01"), 3);
	for (size_t k = 0; k < res.n_events; k++)
		CHECK_INT(res.events[k].precision, k == 0 ? 1 : 2);
	CHECK_INT(events("قصفت المدفعية أحياء الزهراوية والنعيمية في باردا.", "2024-05-01"), 2);
	for (size_t k = 0; k < res.n_events; k++)
		CHECK_INT(res.events[k].precision, 1);
	/* a list after من is where fire came from, not a place struck */
	CHECK_INT(events("تعرضت باردا للقصف من داخل الأراضي الأرمينية، وتحديدا من قريتي الزهراوية والنعيمية",
	                 "2024-05-01"),
	          1);
}

/* the places of a list the event word reaches past a comma, past its
 * subject, and through a name read as two places */

static void including_agents_and_compounds(void)
{
	/* "من بينها"، "بما يشمل" open the list of the places struck */
	CHECK_INT(events("قصفت المدفعية مناطق عدة، من بينها حلب ودير الزور", "2024-05-01"), 2);
	CHECK(has_event_at("shelling", "t:20") && has_event_at("shelling", "t:32"));
	CHECK_INT(events("تواصل القصف على مناطق عدة، بما يشمل حلب، ودير الزور، والموصل", "2024-05-01"), 3);
	CHECK(has_event_at("shelling", "t:33"));
	/* but not a clause further on: the including word must open the next one */
	CHECK_INT(events("تواصل القصف على مناطق عدة، وقال مسؤول إن مدنا منها حلب ودير الزور آمنة", "2024-05-01"), 1);
	/* who strikes stands between the event word and its object */
	CHECK_INT(events("قصفت قوات النظام حلب ودير الزور", "2024-05-01"), 2);
	CHECK(has_event_at("shelling", "t:20") && has_event_at("shelling", "t:32"));
	/* a place and the word after it read as a place of its own are one item */
	CHECK_INT(events("القصف على مناطق عدة، بما يشمل حلب الموصل، ودير الزور", "2024-05-01"), 3);
	CHECK(has_event_at("shelling", "t:32"));
}

/* a bare word of bombardment at a place the document tells an air strike at
 * is that strike told again; with an artillery word, or alone, it is shelling */
static void bare_bombardment(void)
{
	CHECK_INT(events("تفاصيل القصف على حلب. استهدفت الطائرات الحربية مدينة حلب وقتل 3 مدنيين.", "2024-05-01"), 1);
	CHECK(has_event_at("air_strike", "t:20"));
	CHECK_INT(res.n_events ? res.events[0].fatalities : -2, 3);
	CHECK_INT(events("قصفت الطائرات حلب", "2024-05-01"), 1);
	CHECK(has_event_at("air_strike", "t:20"));
	CHECK_INT(events("قصفت المدفعية حلب وأغارت الطائرات على حلب", "2024-05-01"), 2);
	CHECK(has_event_at("shelling", "t:20") && has_event_at("air_strike", "t:20"));
	CHECK_INT(events("تواصل القصف على حلب", "2024-05-01"), 1);
	CHECK(has_event_at("shelling", "t:20"));
	/* an air strike elsewhere leaves the shelling where it is */
	CHECK_INT(events("تواصل القصف على حلب. وأغارت الطائرات على دير الزور.", "2024-05-01"), 2);
	CHECK(has_event_at("shelling", "t:20") && has_event_at("air_strike", "t:32"));
}

static void history(void)
{
	/* history: an event word told with a year before the document's is
	 * background; this year's, no year, "since" a year, or no document date is news */
	static const struct { const char *text, *date; int background; } history[] = {
		{"وكانت القوات قد قصفت حلب عام 2016.", "2024-05-01", 1},
		{"وكانت اشتباكات حرب 2020 في لاشين.", "2024-05-01", 1},
		{"تجدد القصف على حلب للمرة الأولى منذ 2014.", "2024-05-01", 0},
		{"قصفت القوات حلب عام 2024.", "2024-05-01", 0},
		{"قصفت القوات حلب أمس.", "2024-05-01", 0},
		{"قصفت القوات حلب عام 2016.", NULL, 0},
		/* #14: by a date's year */
		{"قصفت القوات حلب في 12 أغسطس 2019.", "2024-05-01", 1},
		{"قصفت القوات حلب في 12 آب 2019.", "2024-05-01", 1},
		{"قصفت القوات حلب في 30 نيسان 2024.", "2024-05-01", 0},
	};
	for (size_t i = 0; i < sizeof history / sizeof *history; i++)
		if (events(history[i].text, history[i].date) == 1)
			CHECK_INT(res.events[0].background, history[i].background);
		else
			CHECK_INT(res.n_events, 1);
}

static void duals(void)
{
	/* duals count two: قتيلين، جريحين، قتل جنديان */
	static const struct { const char *text; long killed, injured; } duals[] = {
		{"قصف على حلب أوقع قتيلين", 2, -1},
		{"قصف على حلب أوقع جريحين", -1, 2},
		{"قصف على حلب وقتل جنديان", 2, -1},
	};
	for (size_t i = 0; i < sizeof duals / sizeof *duals; i++)
		if (events(duals[i].text, "2024-05-01") == 1) {
			CHECK_INT(res.events[0].fatalities, duals[i].killed);
			CHECK_INT(res.events[0].injured, duals[i].injured);
		} else {
			CHECK_INT(res.n_events, 1);
		}
}

static void tolls_after_strikes(void)
{
	/* a toll after the strikes is theirs, place by place, not a clash */
	if (events("شنت الطائرات غارات جوية على حلب. وقتل 3 أشخاص في لاشين.", "2024-05-01") == 2) {
		CHECK_STR(res.events[1].type, "air_strike");
		CHECK_STR(place_of(1), "t:6");
		CHECK_INT(res.events[1].fatalities, 3);
	} else {
		CHECK_INT(res.n_events, 2);
	}
	if (events("قتل 3 أشخاص في لاشين.", "2024-05-01") == 1)
		CHECK_STR(res.events[0].type, "armed_clash");
	else
		CHECK_INT(res.n_events, 1);
}

/* #14: "سقوط قتيل اليوم، لترتفع محصّلة ضحايا الجولة إلى ثمانية": the risen
 * toll is the event's count so far, and its number is no one's wounded; a
 * toll since a date counts a war, not the event. */
static void risen_toll(void)
{
	if (events("اشتباكات في حلب أدت إلى سقوط قتيل اليوم، لترتفع بذلك حصيلة ضحايا الجولة إلى ثمانية وجرح ما "
	           "يزيد عن 128 شخصا.",
	           "2024-05-01") == 1) {
		CHECK_INT(res.events[0].fatalities, 8);
		CHECK_INT(res.events[0].injured, 128);
	} else {
		CHECK_INT(res.n_events, 1);
	}
	if (events("قصفت المدفعية حلب وقتل شخصان، لترتفع حصيلة الضحايا منذ عام 2011 إلى 500 ألف.", "2024-05-01") == 1)
		CHECK_INT(res.events[0].fatalities, 2);
	else
		CHECK_INT(res.n_events, 1);
}

/* #14: a singular person before the casualty word, no number before him,
 * is one ("أنَّ شخصًا مدنيًا قتل"); after a number, the noun it counts; a
 * number of a group before it ("اثنين من الحوثيين قتلا") is the group's. */
static void one_person_before(void)
{
	static const struct { const char *text; long killed; } cases[] = {
		{"وأضاف أنَّ شخصًا مدنيًا قتل متأثرًا بجراحه نتيجة قصف مدفعي على حلب.", 1},
		{"وأضاف أن جنديا قتل في قصف مدفعي على حلب.", 1},
		{"وأضاف أن 15 شخصا قتلوا في قصف مدفعي على حلب.", 15},
		/* a number of a group: the number, من and the group's word */
		{"وأضاف أن اثنين من المسلحين قتلا في قصف مدفعي على حلب.", 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		CHECK_INT(events(cases[i].text, "2024-05-01"), 1);
		if (res.n_events == 1)
			CHECK_INT(res.events[0].fatalities, cases[i].killed);
	}
}

/* #14: "جولة الاشتباكات ... بدأت الخميس الماضي" tells when the event going on
 * began: the same event, of the report's day; without the word, a report of
 * another day is another event. */
static void begun_is_going_on(void)
{
	CHECK_INT(events("استمرت الاشتباكات في حلب اليوم. وكانت جولة الاشتباكات في حلب بدأت الخميس الماضي.", "2024-05-01"),
	          1);
	if (res.n_events == 1)
		CHECK_STR(res.events[0].date, "2024-05-01");
	CHECK_INT(events("استمرت الاشتباكات في حلب اليوم. ووقعت اشتباكات في حلب الخميس الماضي.", "2024-05-01"), 2);
}

/* #14: a list goes on past a word of addition and its preposition
 * (cues.tsv, besides), with a type word or without. */
static void list_goes_on_besides(void)
{
	CHECK_INT(events("طال القصف المدفعي كلاً من حلب ودير الزور، بالإضافة إلى قرية تل عرن.", "2024-05-01"), 3);
	CHECK(has_event_at("shelling", "t:21"));
	CHECK_INT(events("طال القصف المدفعي كلاً من حلب ودير الزور، فضلا عن تل عرن.", "2024-05-01"), 3);
	CHECK(has_event_at("shelling", "t:21"));
	/* one with no preposition: وكذلك */
	CHECK_INT(events("خرجت مظاهرات في حلب ولاشين، وكذلك دير الزور وتل عرن.", "2024-05-01"), 4);
	/* ك "such as" names a town of the event, and the list goes on past
	 * its item's own country */
	CHECK_INT(events("كما عمت المظاهرات مدنا مختلفة كالموصل بالعراق، ودير الزور، وحلب.", "2024-05-01"), 3);
	CHECK(has_event_at("protest", "t:33") && has_event_at("protest", "t:32") && has_event_at("protest", "t:20"));
}

/* #14: "مخيّم عين الحلوة" after "عين الحلوة": a camp the gazetteer lacks,
 * placed at the town of its very name, is that place: its clashes are the
 * town's, told again. */
static void camp_named_as_its_town(void)
{
	CHECK_INT(events("اشتباكات في تل عرن. واستمرت اشتباكات مخيم تل عرن اليوم.", "2024-05-01"), 1);
	CHECK_STR(place_of(0), "t:22");
}

/* #14: "قوّات النظام المتمركزة في ... خان شيخون، بلدة كنصفرة": the town
 * after a word of standing is where the shooters are, not the event's. */
static void shooters_place(void)
{
	CHECK_INT(events("واستهدفت قوات النظام المتمركزة في حاجز النمر داخل مدينة حلب، بلدة تل عرن.", "2024-05-01"), 1);
	CHECK_STR(place_of(0), "t:21");
	CHECK_INT(events("واستهدفت قوات النظام في مدينة حلب، بلدة تل عرن.", "2024-05-01"), 1);
	CHECK_STR(place_of(0), "t:20");   /* (without it, في names where) */
	/* where a statement was made is not where the attacks it tells were:
	 * those are the ones told before */
	CHECK_INT(events("هاجم مسلحون مدينة دير الزور. وقالت الوزارة في بيان أصدرته في حلب إن المسلحين نفذوا هجمات "
	                 "متزامنة.",
	                 "2024-05-01"),
	          1);
	CHECK_INT(events("هاجم مسلحون مدينة دير الزور. وقالت الوزارة في حلب إن المسلحين نفذوا هجمات متزامنة.", "2024-05-01"),
	          2);
}

/* #14: forces that kill ("القوات الروسية قتلت 83 جنديا") fight: a clash of
 * its own, not the toll of the explosion told before. */
static void forces_that_kill(void)
{
	CHECK_INT(events("وقع تفجير في حلب. وفي سياق متصل ذكرت القيادة أن القوات الروسية قتلت ثلاثة وثمانين جنديا.",
	                 "2024-05-01"),
	          2);
	for (size_t k = 0; k < res.n_events; k++)
		CHECK_INT(res.events[k].fatalities, !strcmp(res.events[k].type, "armed_clash") ? 83 : -1);
}

/* #14: a strike whose town no gazetteer has stands at the document's focus
 * with its dead; at a province, it is still no summary of the towns. */
static void focus_is_no_summary(void)
{
	CHECK_INT(events("اشتباكات في محافظة حلب. وأفاد مصدر أن غارة على زابوريزهزيا قتلت سبعة عشر مدنيا. وقتل شخصان في "
	                 "غارة على بلدة تل عرن في محافظة حلب.",
	                 "2024-05-01"),
	          3);
	long dead = 0;
	for (size_t k = 0; k < res.n_events; k++)
		dead += res.events[k].fatalities > 0 ? res.events[k].fatalities : 0;
	CHECK_INT(dead, 19);
}

/* #14: a generic word of violence by a state's forces (its demonym after
 * the word or after an agent word) at a place of another country over 300 km
 * away is an air strike; at home, or near (Lebanon to Aleppo, 280 km), it is
 * what the generic word says alone. */
static void far_state_attack(void)
{
	static const struct { const char *text, *type; } cases[] = {
		{"شن الجيش الروسي هجمات على مدينة حلب.", "air_strike"},
		{"واستهدف هجوم روسي مدينة حلب.", "air_strike"},
		{"شن الجيش السوري هجمات على مدينة حلب.", "armed_clash"},
		{"شن الجيش اللبناني هجمات على مدينة حلب.", "armed_clash"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		CHECK_INT(events(cases[i].text, "2024-05-01"), 1);
		if (res.n_events == 1)
			CHECK_STR(res.events[0].type, cases[i].type);
	}
}

/* #14: a list that shares people out, a count after each item ("محافظات
 * المفرق نحو 620 مواطنًا، ومعان 315 مواطنًا"), goes on past the counts; people
 * displaced are counted by province as the text counts them, one event each
 * (a shelling of provinces is not split: its towns are its places). */
static void displaced_by_province(void)
{
	CHECK_INT(events("وأشارت إلى إخلاء عدد من العائلات وتوزعوا على محافظات حلب نحو 620 مواطنا، وصلاح الدين 315 "
	                 "مواطنا، والغربية 150 شخصا.",
	                 "2024-05-01"),
	          3);
	CHECK(has_event_at("displacement", "t:35") && has_event_at("displacement", "t:19") &&
	      has_event_at("displacement", "t:18"));
}

/* #14: a raid that storms a military site takes it (a territory change);
 * a raid on a town stays a clash; a place still under control is a state,
 * no change. */
static void raid_takes_site(void)
{
	CHECK_INT(events("اقتحمت القوات مقر الكتيبة في مدينة حلب.", "2024-05-01"), 1);
	CHECK(has_event_at("territory_change", "t:20"));
	CHECK_INT(events("اقتحمت القوات مدينة حلب.", "2024-05-01"), 1);
	CHECK(has_event_at("armed_clash", "t:20"));
	CHECK_INT(events("وقالت المصادر إن المطار لا يزال تحت سيطرة القوات في حلب.", "2024-05-01"), 0);
}

/* #14: the dead and the hurt counted together ("170 قتيلًا وجريحًا"، "مقتل
 * وإصابة ستة") are neither's figure; told apart, each its own. */
static void killed_and_hurt_together(void)
{
	static const struct { const char *text; long killed, injured; } cases[] = {
		{"سقط أكثر من 170 قتيلًا وجريحًا في غارات على مدينة حلب.", -1, -1},
		{"اشتباكات في مدينة حلب أسفرت عن مقتل وإصابة ستة من المسلحين.", -1, -1},
		{"اشتباكات في مدينة حلب أسفرت عن مقتل ستة وإصابة عشرة.", 6, 10},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		CHECK_INT(events(cases[i].text, "2024-05-01"), 1);
		if (res.n_events == 1) {
			CHECK_INT(res.events[0].fatalities, cases[i].killed);
			CHECK_INT(res.events[0].injured, cases[i].injured);
		}
	}
}

int main(int argc, char **argv)
{
	gm_error err;
	gm__tokenizer_init(&tz, &err);
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("events");
	CHECK_INT(gm_ctx_new(&ctx, gaz, &err), 0);

	static const check_case cases[] = {CHECK_CASE(numbers),
	                                   CHECK_CASE(relative_dates),
	                                   CHECK_CASE(triggers_and_places),
	                                   CHECK_CASE(casualty_figures),
	                                   CHECK_CASE(actors_and_speakers),
	                                   CHECK_CASE(calls_and_repeats),
	                                   CHECK_CASE(irrealis),
	                                   CHECK_CASE(generic_words),
	                                   CHECK_CASE(told_again),
	                                   CHECK_CASE(links_and_titles),
	                                   CHECK_CASE(sentence_splits),
	                                   CHECK_CASE(not_events),
	                                   CHECK_CASE(disasters),
	                                   CHECK_CASE(clauses_and_lists),
	                                   CHECK_CASE(quarters_each_an_event),
	                                   CHECK_CASE(summaries_of_the_towns),
	                                   CHECK_CASE(reached_in_its_own_clause),
	                                   CHECK_CASE(tolls_by_place),
	                                   CHECK_CASE(including_agents_and_compounds),
	                                   CHECK_CASE(bare_bombardment),
	                                   CHECK_CASE(history),
	                                   CHECK_CASE(duals),
	                                   CHECK_CASE(tolls_after_strikes),
	                                   CHECK_CASE(risen_toll),
	                                   CHECK_CASE(one_person_before),
	                                   CHECK_CASE(begun_is_going_on),
	                                   CHECK_CASE(list_goes_on_besides),
	                                   CHECK_CASE(camp_named_as_its_town),
	                                   CHECK_CASE(shooters_place),
	                                   CHECK_CASE(forces_that_kill),
	                                   CHECK_CASE(focus_is_no_summary),
	                                   CHECK_CASE(far_state_attack),
	                                   CHECK_CASE(displaced_by_province),
	                                   CHECK_CASE(raid_takes_site),
	                                   CHECK_CASE(killed_and_hurt_together)};
	int rc = check_run("events", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_ctx_free(ctx);
	gm_gazetteer_close(gaz);
	gm__tokens_free(&toks);
	gm__tokenizer_free(&tz);
	return rc;
}
