/* test_layers.c: the layers' field tables and a document's records
 * (layers/layers.h): names a Shapefile can hold and the contract lists, one
 * daily column per event type, values in the tables' order, snippets cut on
 * a character, and a document's records in the order the sinks are told. */
#include "check.h"
#include "events.h"
#include "layers.h"
#include "mini.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static gm_gazetteer *gaz;

/* every field name fits a DBF (10 bytes), is unique in its layer, and the
 * widths are ones a DBF can hold */
static void field_names_fit_every_format(void)
{
	const struct {
		const gm_field *f;
		size_t n;
	} layers[] = {{gm__place_fields, gm__n_place_fields},
	              {gm__mention_fields, gm__n_mention_fields},
	              {gm__event_fields, gm__n_event_fields},
	              {gm__daily_fields, gm__n_daily_fields}};
	int fit = 1, unique = 1, widths = 1;
	for (size_t l = 0; l < sizeof layers / sizeof *layers; l++)
		for (size_t i = 0; i < layers[l].n; i++) {
			fit &= strlen(layers[l].f[i].name) <= 10;
			widths &= layers[l].f[i].width >= 0 && layers[l].f[i].width <= 254;
			for (size_t j = 0; j < i; j++)
				unique &= strcmp(layers[l].f[i].name, layers[l].f[j].name) != 0;
		}
	CHECK(fit);
	CHECK(unique);
	CHECK(widths);
	CHECK(gm__n_place_fields <= GM_MAX_FIELDS && gm__n_event_fields <= GM_MAX_FIELDS &&
	      gm__n_daily_fields <= GM_MAX_FIELDS && gm__n_mention_fields <= GM_MAX_FIELDS);
}

/* the fields docs/output-layers.md promises, at the head of each layer */
static void the_contracts_fields_first(void)
{
	CHECK_STR(gm__place_fields[0].name, "place_id");
	CHECK_STR(gm__mention_fields[0].name, "doc_id");
	CHECK_STR(gm__event_fields[0].name, "event_id");
	CHECK_STR(gm__event_fields[3].name, "type");
	CHECK_STR(gm__daily_fields[4].name, "date");
	CHECK_INT(gm__daily_fields[4].type, GM_F_DATE);
}

/* daily: from GM_DAILY_FIRST_TYPE on, one integer column per event type, in
 * the order of the types */
static void one_daily_column_per_event_type(void)
{
	CHECK_INT(gm__n_daily_fields - GM_DAILY_FIRST_TYPE, GM_EV_N - 1);
	int ints = 1;
	for (size_t i = GM_DAILY_FIRST_TYPE; i < gm__n_daily_fields; i++)
		ints &= gm__daily_fields[i].type == GM_F_INT;
	CHECK(ints);
	CHECK_STR(gm__daily_fields[GM_DAILY_FIRST_TYPE].name, "shelling");
	CHECK_STR(gm__trigger_name(1), "shelling");
	CHECK_STR(gm__daily_fields[GM_DAILY_FIRST_TYPE + 1].name, "air_strike");
	CHECK_STR(gm__trigger_name(2), "air_strike");
}

/* an event's values: the place's where there is one, NULL figures where not
 * stated, no coordinates without a place */
static void event_values(void)
{
	long baku = mini_find(gaz, "t:2");
	CHECK(baku >= 0);
	gm_event_rec e = {0};
	e.event_id = "d1-e1";
	e.doc_id = "d1";
	e.date = "2023-09-20";
	e.type = "shelling";
	e.place = (uint32_t)baku;
	e.precision = 1;
	e.fatalities = 3;
	e.injured = -1;
	gm_value v[GM_MAX_FIELDS];
	gm_place p;
	double lon, lat;
	gm__event_values(gaz, &e, v, &p, &lon, &lat);
	CHECK_STR(v[4].s, "t:2");
	CHECK_STR(v[5].s, "Baku (fixed)");   /* mini-curated.tsv corrects the name */
	CHECK(fabs(lon - 49.89201) < 1e-9 && fabs(lat - 40.37767) < 1e-9);
	CHECK(v[7].i == 3 && !v[7].null);
	CHECK(v[8].null);                 /* injured not stated: NULL, never 0 */
	CHECK_STR(v[14].s, "AZ");
	CHECK_STR(v[16].s, "");           /* no url: "" */
	e.place = GM_NO_PLACE;
	e.precision = 0;
	gm__event_values(gaz, &e, v, &p, &lon, &lat);
	CHECK(isnan(lon) && isnan(lat));
	CHECK_STR(v[4].s, "");
	CHECK(v[6].null);                 /* precision 0: no place, NULL */
}

typedef struct seen {
	char order[64];
	size_t n;
	char snippet[600];
} seen;

static int on_mention(void *user, const gm_mention_rec *m, int demonym, gm_error *err)
{
	(void)err;
	seen *s = user;
	if (s->n + 1 < sizeof s->order)
		s->order[s->n++] = demonym ? 'd' : 'm';
	snprintf(s->snippet, sizeof s->snippet, "%s", m->snippet);
	return 0;
}

static int on_event(void *user, const gm_event_rec *e, gm_error *err)
{
	(void)e;
	(void)err;
	seen *s = user;
	if (s->n + 1 < sizeof s->order)
		s->order[s->n++] = 'e';
	return 0;
}

static int on_doc(void *user, const gm_doc_rec *d, gm_error *err)
{
	(void)err;
	seen *s = user;
	if (s->n + 1 < sizeof s->order)
		s->order[s->n++] = d->skipped ? 'S' : 'D';
	return 0;
}

/* a mapped document's records: mentions, demonyms, events, then its entry;
 * a snippet never ends inside a character */
static void records_in_the_sinks_order(void)
{
	gm_error err;
	gm_ctx *ctx;
	CHECK_INT(gm_ctx_new(&ctx, gaz, &err), 0);
	if (!ctx)
		return;
	gm_input_item it;
	memset(&it, 0, sizeof it);
	char text[2048];
	/* a long sentence, so that the snippet is cut */
	snprintf(text, sizeof text, "قصفت القوات الروسية مدينة باكو");
	for (int i = 0; i < 40; i++)
		strncat(text, " وتواصل القصف على الأحياء السكنية", sizeof text - strlen(text) - 1);
	strncat(text, ".", sizeof text - strlen(text) - 1);
	it.doc.id = "d1";
	it.doc.path = "t";
	it.doc.text = text;
	it.doc.text_len = strlen(text);
	gm_doc_result res;
	CHECK_INT(gm_map_document(ctx, &it.doc, &res, &err), 0);
	static const gm_record_sink sink = {on_mention, on_event, on_doc};
	seen s = {{0}, 0, {0}};
	CHECK_INT(gm__records_of(&it, &res, &sink, &s, &err), 0);
	s.order[s.n] = '\0';
	CHECK(s.n >= 3);
	CHECK(strchr(s.order, 'm') == s.order);                       /* mentions first */
	CHECK(s.n && s.order[s.n - 1] == 'D');                        /* the entry last */
	CHECK(strchr(s.order, 'e') != NULL);
	CHECK(!strchr(s.order, 'e') || !strchr(strchr(s.order, 'e'), 'm'));   /* no mention after an event */
	size_t sl = strlen(s.snippet);
	CHECK(sl > 0 && sl <= 254);                                   /* a DBF's field */
	size_t rl;
	unsigned bad = 1;
	free(gm__utf8_repair(s.snippet, sl, &rl, &bad));
	CHECK_INT(bad, 0);                                            /* whole characters only */
	gm_doc_result_free(&res);
	/* a skipped input: its entry, nothing else */
	it.skipped = 1;
	snprintf(it.reason, sizeof it.reason, "empty");
	seen k = {{0}, 0, {0}};
	CHECK_INT(gm__records_of(&it, NULL, &sink, &k, &err), 0);
	CHECK_INT(k.n, 1);
	CHECK(k.order[0] == 'S');
	gm_ctx_free(ctx);
}

/* #17: what a Shapefile's .dbf keeps of a snippet (--dbf-snippet): a window
 * around the name on whole words and letters, all of a short one, none at 0 */
static void snippet_around_the_name(void)
{
	const char *s = "قصفت القوات التركية صباح اليوم قرى في ريف حلب الشمالي وسقط عدد من الجرحى في بلدة تل رفعت "
	                "بحسب ما أفاد به المرصد";
	char out[GM_DBF_BYTES + 1];
	gm__snippet_around(s, "تل رفعت", 60, out);
	CHECK(strlen(out) <= 60 && strstr(out, "تل رفعت") && strstr(s, out));
	CHECK(out[0] != ' ' && out[strlen(out) - 1] != ' ');
	/* on whole words: what it starts with stands after a space in s */
	const char *at = strstr(s, out);
	CHECK(at == s || at[-1] == ' ');
	CHECK(at[strlen(out)] == ' ' || at[strlen(out)] == '\0');
	gm__snippet_around(s, "قصفت", 60, out);
	CHECK(strncmp(out, "قصفت", strlen("قصفت")) == 0 && strlen(out) <= 60);
	gm__snippet_around("قصف على حلب", "حلب", 60, out);
	CHECK_STR(out, "قصف على حلب");
	gm__snippet_around(s, "تل رفعت", 0, out);
	CHECK_STR(out, "");
	gm__snippet_around(s, NULL, 254, out);
	CHECK_STR(out, s);
	/* a name not in it: the middle, still whole letters */
	gm__snippet_around(s, "بيروت", 40, out);
	CHECK(strlen(out) <= 40 && strstr(s, out) && strlen(out) > 0);
}

/* #17: what a .dbf keeps of a rule (--dbf-rule): whole clauses from its
 * start that fit; a first clause too long cut on a blank; all of a short
 * one; none at 0 */
static void rule_in_whole_clauses(void)
{
	const char *r = "exact; capital pop 1.6M; Arabic name; country in context SY; of 2 candidates";
	char out[GM_DBF_BYTES + 1];
	gm__rule_clauses(r, 40, out);
	CHECK_STR(out, "exact; capital pop 1.6M; Arabic name");
	gm__rule_clauses(r, 36, out);   /* the boundary exactly at the cap */
	CHECK_STR(out, "exact; capital pop 1.6M; Arabic name");
	gm__rule_clauses(r, 35, out);
	CHECK_STR(out, "exact; capital pop 1.6M");
	gm__rule_clauses(r, 254, out);
	CHECK_STR(out, r);
	gm__rule_clauses(r, 0, out);
	CHECK_STR(out, "");
	gm__rule_clauses("quarter after حي, no quarter of that name; admin2", 20, out);
	CHECK_STR(out, "quarter after حي,");
	gm__rule_clauses("clitic وبالمدينةالقديمة", 12, out);   /* no blank after "clitic": whole letters */
	CHECK_STR(out, "clitic");
	gm__rule_clauses("مدينةالقديمة", 5, out);
	CHECK_STR(out, "مد");
	gm__rule_clauses(NULL, 40, out);
	CHECK_STR(out, "");
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	if (!gaz)
		return check_done("layers");
	static const check_case cases[] = {CHECK_CASE(field_names_fit_every_format), CHECK_CASE(the_contracts_fields_first),
	                                   CHECK_CASE(one_daily_column_per_event_type), CHECK_CASE(event_values),
	                                   CHECK_CASE(records_in_the_sinks_order), CHECK_CASE(snippet_around_the_name),
	                                   CHECK_CASE(rule_in_whole_clauses)};
	int rc = check_run("layers", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	return rc;
}
