/* test_lists.c: every entry of the reviewed word lists, checked against the
 * bundled gazetteer: each not-place phrase stops being a mention in a plain
 * sentence, and each cue word does what its role says around a known place.
 * usage: test_lists GAZETTEER.gmz TOP_DIR */
#include "check.h"
#include "events.h"
#include "eventwords.h"
#include "fold.h"
#include "geomention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gm_ctx *ctx;
static gm_doc_result res;
static gm_gazetteer *gaz_for_lists;

/* Map text as a document of that date (NULL: none) into res: its mentions,
 * (size_t)-1 on an error. */
static size_t map_dated(const char *text, const char *date)
{
	gm_document d = {0};
	d.id = "t";
	d.text = text;
	d.text_len = strlen(text);
	d.date = date;
	gm_error err;
	gm_doc_result_free(&res);
	if (gm_map_document(ctx, &d, &res, &err) != GM_OK)
		return (size_t)-1;
	return res.n_mentions;
}

static size_t map(const char *text) { return map_dated(text, NULL); }

/* Mentions overlapping text[b0, b1) (bytes). */
static size_t overlapping(uint32_t b0, uint32_t b1)
{
	size_t n = 0;
	for (size_t i = 0; i < res.n_mentions; i++)
		n += res.mentions[i].byte_start < b1 && b0 < res.mentions[i].byte_end;
	return n;
}

/* Tab-separated rows of path after its header, as (col0, col1, col2). */
typedef void (*row_fn)(const char *c0, const char *c1, const char *c2, int line);

static int each_row(const char *path, row_fn fn)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	char line[2048];
	int n = 0, ln = 0, header_seen = 0;
	while (fgets(line, sizeof line, f)) {
		ln++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!header_seen) {   /* the first line that is no comment */
			header_seen = 1;
			continue;
		}
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		char *c1 = tab + 1, *c2 = "";
		char *tab2 = strchr(c1, '\t');
		if (tab2) {
			*tab2 = '\0';
			c2 = tab2 + 1;
			char *tab3 = strchr(c2, '\t');
			if (tab3)
				*tab3 = '\0';
		}
		fn(line, c1, c2, ln);
		n++;
	}
	fclose(f);
	return n;
}

static void check_not_place(const char *phrase, const char *kind, const char *note, int line)
{
	(void)note;
	char text[1024];
	const char *lead = "وقال المتحدث إن ";
	snprintf(text, sizeof text, "%s%s أمس.", lead, phrase);
	uint32_t b0 = (uint32_t)strlen(lead), b1 = b0 + (uint32_t)strlen(phrase);
	if (map(text) == (size_t)-1 || overlapping(b0, b1) != 0) {
		check_failed++;
		fprintf(stderr, "not-places.tsv:%d: '%s' (%s) is still a mention\n", line, phrase, kind);
	} else {
		check_passed++;
	}
}

static void check_cue(const char *word, const char *role, const char *cls, int line)
{
	char text[1024];
	int ok = 1;
	/* the word alone is never a place */
	/* (alone: after نهر, أمس is the river Ems, rightly) */
	snprintf(text, sizeof text, "قال %s", word);
	if (map(text) != 0)
		ok = 0;
	if (!strcmp(role, "org") || !strcmp(role, "title")) {
		snprintf(text, sizeof text, "قال %s أذربيجان", word);
		ok = ok && map(text) == 0;   /* the name after it is no place */
	} else if (!strcmp(role, "patronym")) {
		snprintf(text, sizeof text, "قال أذربيجان %s علي", word);
		ok = ok && map(text) == 0;
	} else if (!strcmp(role, "media")) {
		snprintf(text, sizeof text, "ونقلت أذربيجان %s عن مصدر", word);
		ok = ok && map(text) == 0;   /* the name before it is an outlet's */
	} else if (!strcmp(role, "type")) {
		snprintf(text, sizeof text, "في %s باكو", word);
		ok = ok && map(text) == 1;
		/* the rule says how the class fits; منطقة (area) says nothing about it */
		int said = ok && (strstr(res.mentions[0].rule, "after") || strstr(res.mentions[0].rule, "fit"));
		ok = ok && (strcmp(cls, "area") == 0 ? !said : said);
	} else if (!strcmp(role, "parent")) {
		snprintf(text, sizeof text, "قصف لاشين %s أذربيجان", word);
		ok = ok && map(text) >= 2;
	} else if (!strcmp(role, "people")) {
		/* its people: the name after it is a place as after a type word, but
		 * it continues no list of places (the strikes are on Baku alone) */
		snprintf(text, sizeof text, "نفذت الطائرات غارات على باكو و%s لاشين يفرون", word);
		ok = ok && map(text) == 2 && strstr(res.mentions[1].rule, "after") != NULL;
		for (size_t e = 0; ok && e < res.n_events; e++)
			ok = strcmp(res.events[e].type, "air_strike") != 0 || res.events[e].place != res.mentions[1].place;
	} else if (!strcmp(role, "many")) {
		/* a plural or dual in construct state: the names right after it
		 * are a list, those no gazetteer has places at the town before */
		snprintf(text, sizeof text, "قصفت القوات مدينة باكو ثم %s الزهراوية والنعيمية", word);
		ok = ok && map(text) == 3 && strstr(res.mentions[1].rule, "listed after") != NULL;
	} else if (!strcmp(role, "besides")) {
		/* a list goes on behind it and its preposition: Tell Aran is
		 * shelled too */
		static const char *const preps[] = {"إلى", "عن", "على"};
		int listed = 0;
		for (size_t p = 0; p < sizeof preps / sizeof *preps && !listed; p++) {
			snprintf(text, sizeof text, "طال القصف المدفعي كلاً من حلب ودير الزور، %s %s قرية تل عرن.", word, preps[p]);
			listed = map(text) == 3 && res.n_events == 3;
		}
		ok = ok && listed;
	} else if (!strcmp(role, "list")) {
		/* after a plural place word it opens a list: names no gazetteer has
		 * are places, at the town the list is of */
		snprintf(text, sizeof text, "سيطرت القوات على قرى قرب باكو %s الزهراوية والنعيمية", word);
		ok = ok && map(text) == 3 && strstr(res.mentions[1].rule, "listed after") != NULL;
	}
	if (ok) {
		check_passed++;
	} else {
		check_failed++;
		fprintf(stderr, "cues.tsv:%d: '%s' (%s) does not act as its role says on: %s\n", line, word, role, text);
	}
}

/* Each reviewed demonym, in its masculine, feminine and plural forms with
 * the article and a clitic, is counted as a demonym of its place and is no
 * mention. */
static void check_demonym(const char *word, const char *id, const char *note, int line)
{
	(void)note;
	/* before, the demonym's article or clitic, and after */
	static const char *const forms[][3] = {{"وقال المسؤول ", "ال", " أمس"},
	                                       {"وقالت الحكومة ", "ال", "ة أمس"},
	                                       {"وقال مسؤولون ", "", "ون أمس"},
	                                       {"ونقل عن العسكريين ", "بال", "ين"},
	                                       {"ونفذت الطائرات هجوما ", "", "ا أمس"}};   /* the indefinite accusative */
	size_t wl = strlen(word);
	char stem[256];
	if (wl < 2 || wl - 2 >= sizeof stem || strcmp(word + wl - 2, "ي") != 0) {
		check_failed++;
		fprintf(stderr, "demonyms.tsv:%d: '%s' does not end in ي\n", line, word);
		return;
	}
	/* the article is added by the form: أمريكي -> الأمريكي */
	snprintf(stem, sizeof stem, "%s", word);
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		char text[512];
		snprintf(text, sizeof text, "%s%s%s%s", forms[i][0], forms[i][1], stem, forms[i][2]);
		size_t n = map(text);
		int ok = n == 0 && res.n_demonyms == 1;
		if (ok) {
			gm_place p;
			gm_gazetteer_get_place(gaz_for_lists, res.demonyms[0].place, &p);
			ok = strcmp(p.id, id) == 0;
		} else if (i == 4 && n == 1 && res.mentions[0].place != GM_NO_PLACE) {
			/* (the accusative that spells its country's own name, بريطانيا،
			 * بيلاروسيا, is that country: the same place) */
			gm_place p;
			gm_gazetteer_get_place(gaz_for_lists, res.mentions[0].place, &p);
			ok = strcmp(p.id, id) == 0;
		}
		if (ok) {
			check_passed++;
		} else {
			check_failed++;
			fprintf(stderr, "demonyms.tsv:%d: '%s' is not a demonym of %s in: %s\n", line, word, id, text);
		}
	}
}

/* Each event word of an event type (and the generic attack words), alone in
 * a plain report of a named town, gives one event of its type: a row the
 * matcher cannot read, or a word listed under two types, shows here. */
static void check_trigger_form(const char *word, const char *type, int line)
{
	const char *want = !strcmp(type, "attack") ? "armed_clash" : !strcmp(type, "targeting") ? "shelling" : type;
	char text[512];
	snprintf(text, sizeof text, "وقال شهود إن %s وقع اليوم في مدينة باردا.", word);
	map(text);
	int found = 0;
	for (size_t i = 0; i < res.n_events; i++)
		found |= strcmp(res.events[i].type, want) == 0;
	if (found) {
		check_passed++;
	} else {
		check_failed++;
		fprintf(stderr, "event-triggers.tsv:%d: '%s' gives no %s event in: %s\n", line, word, want, text);
	}
}

/* #14: a singular noun of the dead counts one killed, its dual two; a
 * singular noun of a person after a casualty word counts one. */
static void check_casualty_noun(const char *word, const char *type, const char *forms, int line)
{
	char all[GM_TRIGGER_FORM_MAX + 1][128], text[512];
	size_t n = gm__trigger_forms(word, forms, all + 1, GM_TRIGGER_FORM_MAX);
	snprintf(all[0], sizeof all[0], "%s", word);
	for (size_t i = 0; i <= n; i++) {
		int dual = i > 0;   /* (the forms of these rows are their duals) */
		if (!strcmp(type, "killed_one"))
			snprintf(text, sizeof text, "قصفت المدفعية مدينة باردا وسقط %s.", all[i]);
		else
			snprintf(text, sizeof text, "قصفت المدفعية مدينة باردا ما أدى إلى مقتل %s.", all[i]);
		map(text);
		long want = dual ? 2 : 1;
		if (res.n_events == 1 && res.events[0].fatalities == want) {
			check_passed++;
		} else {
			check_failed++;
			fprintf(stderr, "event-triggers.tsv:%d: '%s' does not count %ld killed in: %s\n", line, all[i], want, text);
		}
	}
}

/* #14: each irrealis word quiets the event word after it in its clause: a
 * threat, a denial, a plan is no shelling told as done. */
static void check_irrealis(const char *word, int line)
{
	char text[512];
	snprintf(text, sizeof text, "وقالت المصادر إن القوات %s قصف مدينة باردا.", word);
	map(text);
	int shelled = 0;
	for (size_t i = 0; i < res.n_events; i++)
		shelled |= !strcmp(res.events[i].type, "shelling");
	if (!shelled) {
		check_passed++;
	} else {
		check_failed++;
		fprintf(stderr, "event-triggers.tsv:%d: '%s' leaves a shelling told as done in: %s\n", line, word, text);
	}
}

/* Every event word, and every form its forms column generates (#14: قصف ->
 * قصفت، يقصفون ...; غارة -> غارتين، غارات), gives its event in a plain report.
 * Casualty and counting words work around events and are checked there. */
static void check_trigger(const char *word, const char *type, const char *forms, int line)
{
	static const char *const not_events[] = {"killed", "injured", "people", "unit", "at_least", "irrealis",
	                                         "no_casualties", "undergo", "year", "state", "reach", "clause", "operation", "combatant"};
	if (!strcmp(type, "killed_one") || !strcmp(type, "person")) {
		check_casualty_noun(word, type, forms, line);
		return;
	}
	if (!strcmp(type, "irrealis")) {
		check_irrealis(word, line);
		return;
	}
	for (size_t k = 0; k < sizeof not_events / sizeof *not_events; k++)
		if (!strcmp(type, not_events[k]))
			return;
	check_trigger_form(word, type, line);
	char out[GM_TRIGGER_FORM_MAX][128];
	size_t n = gm__trigger_forms(word, forms, out, GM_TRIGGER_FORM_MAX);
	if (forms[0] && !n) {
		check_failed++;
		fprintf(stderr, "event-triggers.tsv:%d: forms '%s' of '%s' generate nothing\n", line, forms, word);
	}
	for (size_t i = 0; i < n; i++)
		check_trigger_form(out[i], type, line);
}

/* A row's behavioural check: passed, or failed with what the row does wrong. */
static void tally(int ok, int line, const char *form, const char *wrong, const char *text)
{
	if (ok) {
		check_passed++;
		return;
	}
	check_failed++;
	fprintf(stderr, "event-words.tsv:%d: '%s' %s in: %s\n", line, form, wrong, text);
}

/* Every function word (event-words.tsv) is found with its function and
 * value, and does its work in a plain report: a number word states its
 * figure, a day word the event's date. */
static void check_event_word(const char *form, const char *function, const char *value, int line)
{
	int f = gm__function_word_code(function);
	if (f <= 0) {
		check_failed++;
		fprintf(stderr, "event-words.tsv:%d: unknown function '%s'\n", line, function);
		return;
	}
	char folded[256];
	size_t n = gm__fold(form, strlen(form), folded, sizeof folded);
	long v = -1, want = strtol(value, NULL, 10);
	if (!gm__function_word(folded, n, f, &v) || v != want) {
		check_failed++;
		fprintf(stderr, "event-words.tsv:%d: '%s' is not found as %s %ld (got %ld)\n", line, form, function, want, v);
		return;
	}
	check_passed++;
	char text[512];
	if (f == GM_W_UNIT || f == GM_W_TEN || f == GM_W_HUNDRED || f == GM_W_THOUSAND || f == GM_W_MANY ||
	    f == GM_W_TEEN) {
		/* the teen's ten follows a unit: خمسة عشر is 15 */
		snprintf(text, sizeof text, "قتل %s%s أشخاص في قصف على مدينة باردا.", f == GM_W_TEEN ? "خمسة " : "", form);
		want = f == GM_W_TEEN ? 15 : want;
		map(text);
		long got = res.n_events ? res.events[0].fatalities : -2;
		if (got == want) {
			check_passed++;
		} else {
			check_failed++;
			fprintf(stderr, "event-words.tsv:%d: '%s' gives %ld killed, want %ld: %s\n", line, form, got, want, text);
		}
	} else if (f == GM_W_WEEKDAY || f == GM_W_YESTERDAY) {
		/* 2024-05-01 was a Wednesday (3) */
		int back = (int)(f == GM_W_YESTERDAY ? want : (3 - want + 7) % 7) % 7;
		char want_date[16];   /* back 0 is May 1st; April has 30 days */
		snprintf(want_date, sizeof want_date, "2024-%02d-%02d", back ? 4 : 5, back ? 31 - back : 1);
		snprintf(text, sizeof text, "قصفت القوات مدينة باردا %s.", form);
		int ok = map_dated(text, "2024-05-01") != (size_t)-1 && res.n_events && !strcmp(res.events[0].date, want_date);
		if (ok) {
			check_passed++;
		} else {
			check_failed++;
			fprintf(stderr, "event-words.tsv:%d: '%s' dates the event %s, want %s\n", line, form,
			        res.n_events ? res.events[0].date : "(no event)", want_date);
		}
	} else if (f == GM_W_STATIONED) {
		/* the town after it is where the shooters stand: the fire fell on
		 * Tell Aran alone */
		snprintf(text, sizeof text, "واستهدفت قوات النظام %s في مدينة حلب، بلدة تل عرن.", form);
		tally(map(text) == 2 && res.n_events == 1 && res.events[0].place != GM_NO_PLACE &&
		          res.events[0].place == res.mentions[1].place,
		      line, form, "leaves the fire at the shooters' town", text);
	} else if (f == GM_W_STATEMENT) {
		/* where it was made is not where the attacks it tells were: they
		 * are the ones told before, one event */
		snprintf(text, sizeof text, "هاجم مسلحون مدينة دير الزور. وقالت الوزارة في %s في حلب إن المسلحين نفذوا هجمات.",
		         form);
		tally(map(text) != (size_t)-1 && res.n_events == 1, line, form, "puts the attacks where it was said", text);
	} else if (f == GM_W_POSSIBLE) {
		/* what is feared after the event word is no event */
		snprintf(text, sizeof text, "وحذرت المنظمة اليوم من قصف %s على مدينة حلب.", form);
		tally(map(text) != (size_t)-1 && res.n_events == 0, line, form, "leaves an event told", text);
	} else if (f == GM_W_AIR) {
		/* after an attack word: an attack from the air */
		snprintf(text, sizeof text, "وقالت المصادر إن هجوما %s استهدف مدينة حلب.", form);
		tally(map(text) != (size_t)-1 && res.n_events == 1 && !strcmp(res.events[0].type, "air_strike"), line, form,
		      "after an attack is no air strike", text);
	} else if (f == GM_W_RAID || f == GM_W_SITE) {
		/* a raid on a military site takes it */
		snprintf(text, sizeof text,
		         f == GM_W_RAID ? "وقالت المصادر إن القوات %s مقر الكتيبة في مدينة حلب."
		                        : "وقالت المصادر إن القوات اقتحمت %s الكتيبة في مدينة حلب.",
		         form);
		tally(map(text) != (size_t)-1 && res.n_events == 1 && !strcmp(res.events[0].type, "territory_change"), line,
		      form, "takes no site", text);
	} else if (f == GM_W_BEGAN) {
		/* when the clashes going on today began: one event, today's */
		snprintf(text, sizeof text, "استمرت الاشتباكات في حلب اليوم. وكانت الاشتباكات في حلب %s الخميس الماضي.", form);
		tally(map_dated(text, "2024-05-01") != (size_t)-1 && res.n_events == 1 &&
		          !strcmp(res.events[0].date, "2024-05-01"),
		      line, form, "leaves other than one event of the day", text);
	}
}

static const char *top;

static void list_rows(const char *file, row_fn check, int at_least)
{
	char path[2048];
	snprintf(path, sizeof path, "%s/gazetteer/%s", top, file);
	CHECK(each_row(path, check) > at_least);
}

static void not_places(void) { list_rows("not-places.tsv", check_not_place, 200); }
static void cues(void) { list_rows("cues.tsv", check_cue, 60); }
static void demonyms(void) { list_rows("demonyms.tsv", check_demonym, 20); }
static void event_triggers(void) { list_rows("event-triggers.tsv", check_trigger, 200); }
static void event_words(void)
{
	list_rows("event-words.tsv", check_event_word, 100);
	CHECK(gm__function_word_count() > 100);   /* the table compiled in has them all */
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_lists GAZETTEER TOP [CASE...]\n");
		return 2;
	}
	gm_gazetteer *gaz = NULL;
	gm_error err;
	CHECK_INT(gm_gazetteer_open(&gaz, argv[1], &err), 0);
	if (!gaz)
		return check_done("lists");
	CHECK_INT(gm_ctx_new(&ctx, gaz, &err), 0);
	gaz_for_lists = gaz;
	top = argv[2];
	static const check_case cases[] = {CHECK_CASE(not_places), CHECK_CASE(cues), CHECK_CASE(demonyms),
	                                   CHECK_CASE(event_triggers), CHECK_CASE(event_words)};
	int rc = check_run("lists", cases, sizeof cases / sizeof *cases, argc, argv, 3);
	gm_doc_result_free(&res);
	gm_ctx_free(ctx);
	gm_gazetteer_close(gaz);
	return rc;
}
