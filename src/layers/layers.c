/* layers.c: the layers' field tables, and the records of a mapped document
 * (mentions with their surface and snippet, events with their id and trigger). */
#include "layers.h"

#include "countries.h"
#include "error.h"
#include "events.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const gm_field gm__place_fields[] = {
	{"place_id", GM_F_STR, 64}, {"name_ar", GM_F_STR, GM_DBF_BYTES}, {"name_en", GM_F_STR, GM_DBF_BYTES},
	{"country", GM_F_STR, 3}, {"admin1", GM_F_STR, GM_DBF_BYTES}, {"feature", GM_F_STR, 8},
	{"mentions", GM_F_INT, 10}, {"docs", GM_F_INT, 10}, {"first_date", GM_F_DATE, 0}, {"last_date", GM_F_DATE, 0},
	{"demonyms", GM_F_INT, 10}, {"events", GM_F_INT, 10}, {"fatalities", GM_F_INT, 10}, {"injured", GM_F_INT, 10},
	{"iso3", GM_F_STR, 3},   /* ISO 3166-1 alpha-3 of country (output-layers.md, second round) */
	{"admin1_id", GM_F_STR, 16},   /* the code of admin1: GeoNames CC.NN, or ISO 3166-2 */
};
const gm_field gm__mention_fields[] = {
	{"doc_id", GM_F_STR, GM_DBF_BYTES}, {"start", GM_F_INT, 10}, {"end", GM_F_INT, 10},
	{"surface", GM_F_STR, GM_DBF_BYTES}, {"place_id", GM_F_STR, 64}, {"name_en", GM_F_STR, GM_DBF_BYTES},
	{"score", GM_F_INT, 3}, {"rule", GM_F_STR, GM_DBF_BYTES}, {"date", GM_F_DATE, 0},
	{"snippet", GM_F_STR, GM_DBF_BYTES},
	/* the article it came from (output-layers.md, second round) */
	{"url", GM_F_STR, GM_DBF_BYTES}, {"source", GM_F_STR, GM_DBF_BYTES}, {"title", GM_F_STR, GM_DBF_BYTES},
};
const gm_field gm__event_fields[] = {
	{"event_id", GM_F_STR, GM_DBF_BYTES}, {"doc_id", GM_F_STR, GM_DBF_BYTES}, {"date", GM_F_DATE, 0},
	{"type", GM_F_STR, 20}, {"place_id", GM_F_STR, 64}, {"name_en", GM_F_STR, GM_DBF_BYTES},
	{"precision", GM_F_INT, 1}, {"fatalities", GM_F_INT, 10}, {"injured", GM_F_INT, 10},
	{"trigger", GM_F_STR, GM_DBF_BYTES}, {"snippet", GM_F_STR, GM_DBF_BYTES}, {"background", GM_F_INT, 1},
	{"event_type", GM_F_STR, 40}, {"sub_type", GM_F_STR, 48},
	/* where and from which article (output-layers.md, second round) */
	{"country", GM_F_STR, 3}, {"admin1", GM_F_STR, GM_DBF_BYTES},
	{"url", GM_F_STR, GM_DBF_BYTES}, {"source", GM_F_STR, GM_DBF_BYTES}, {"title", GM_F_STR, GM_DBF_BYTES},
	{"admin1_id", GM_F_STR, 16},
};
/* daily: one row per place and date; the event-type counts follow in the
 * order of enum gm_trigger, named to fit 10 characters */
const gm_field gm__daily_fields[] = {
	{"place_id", GM_F_STR, 64}, {"name_ar", GM_F_STR, GM_DBF_BYTES}, {"name_en", GM_F_STR, GM_DBF_BYTES},
	{"country", GM_F_STR, 3}, {"date", GM_F_DATE, 0}, {"mentions", GM_F_INT, 10}, {"events", GM_F_INT, 10},
	{"fatalities", GM_F_INT, 10}, {"injured", GM_F_INT, 10},
	{"shelling", GM_F_INT, 10}, {"air_strike", GM_F_INT, 10}, {"clash", GM_F_INT, 10}, {"territory", GM_F_INT, 10},
	{"explosion", GM_F_INT, 10}, {"protest", GM_F_INT, 10}, {"agreement", GM_F_INT, 10}, {"mobilize", GM_F_INT, 10},
	{"displace", GM_F_INT, 10}, {"blockade", GM_F_INT, 10}, {"diplomacy", GM_F_INT, 10},
	{"arrests", GM_F_INT, 10}, {"abduction", GM_F_INT, 10}, {"destroyed", GM_F_INT, 10},
	{"disaster", GM_F_INT, 10},
	{"chemical", GM_F_INT, 10}, {"sexual", GM_F_INT, 10}, {"mob", GM_F_INT, 10}, {"group_chg", GM_F_INT, 10},
	{"disrupted", GM_F_INT, 10},
};
#define COUNT(a) (sizeof a / sizeof *a)
const size_t gm__n_place_fields = COUNT(gm__place_fields), gm__n_mention_fields = COUNT(gm__mention_fields),
             gm__n_event_fields = COUNT(gm__event_fields), gm__n_daily_fields = COUNT(gm__daily_fields);
_Static_assert(COUNT(gm__place_fields) == GM__N_PLACE_FIELDS, "GM__N_PLACE_FIELDS counts the places layer's fields");
_Static_assert(COUNT(gm__daily_fields) - GM_DAILY_FIRST_TYPE == GM_EV_N - 1, "one daily column per event type");
_Static_assert(COUNT(gm__daily_fields) <= GM_MAX_FIELDS && COUNT(gm__place_fields) <= GM_MAX_FIELDS,
               "value arrays hold every field");

/* A text or "" for NULL: every text field of a layer is a string. */
static const char *text_or_empty(const char *s) { return s ? s : ""; }

/* The fields both mentions and events carry: the place (place_id, name_en
 * at v[0], v[1]) and the article (url, source, title at a[0..2]). */
static void place_fields(gm_value *v, const gm_place *p)
{
	v[0].s = text_or_empty(p->id);
	v[1].s = text_or_empty(p->name_en);
}

static void article_fields(gm_value *a, const char *url, const char *source, const char *title)
{
	a[0].s = text_or_empty(url);
	a[1].s = text_or_empty(source);
	a[2].s = text_or_empty(title);
}

void gm__mention_values(const gm_gazetteer *gaz, const gm_mention_rec *m, gm_value *v, gm_place *p)
{
	memset(p, 0, sizeof *p);
	gm_gazetteer_get_place(gaz, m->place, p);
	memset(v, 0, gm__n_mention_fields * sizeof *v);
	v[0].s = m->doc_id;
	v[1].i = m->start;
	v[2].i = m->end;
	v[3].s = m->surface;
	place_fields(v + 4, p);
	v[6].i = m->score;
	v[7].s = m->rule;
	v[8].s = text_or_empty(m->date);
	v[9].s = m->snippet;
	article_fields(v + 10, m->url, m->source, m->title);
}

void gm__event_values(const gm_gazetteer *gaz, const gm_event_rec *e, gm_value *v, gm_place *p, double *lon,
                      double *lat)
{
	memset(p, 0, sizeof *p);
	*lon = *lat = NAN;
	if (e->place != GM_NO_PLACE && gm_gazetteer_get_place(gaz, e->place, p) == GM_OK) {
		*lon = p->lon;
		*lat = p->lat;
	}
	memset(v, 0, gm__n_event_fields * sizeof *v);
	v[0].s = e->event_id;
	v[1].s = e->doc_id;
	v[2].s = text_or_empty(e->date);
	v[3].s = e->type;
	place_fields(v + 4, p);
	v[6].i = e->precision;
	v[6].null = e->precision == 0;
	v[7].i = e->fatalities;
	v[7].null = e->fatalities < 0;
	v[8].i = e->injured;
	v[8].null = e->injured < 0;
	v[9].s = e->trigger;
	v[10].s = e->snippet;
	v[11].i = e->background;
	v[12].s = text_or_empty(e->event_type);
	v[13].s = text_or_empty(e->sub_type);
	v[14].s = text_or_empty(p->country);
	v[15].s = text_or_empty(p->admin1);
	article_fields(v + 16, e->url, e->source, e->title);
	v[19].s = gm__admin1_id(p->country, p->admin1);
}

/* The part of the sentence [a, b) around the span [s, e), at most cap
 * bytes, cut on character boundaries and, where the window allows, on
 * whole words, into buf (cap + 1 bytes). */
static void snippet_window(char *buf, const char *text, uint32_t a, uint32_t b, uint32_t s, uint32_t e, uint32_t cap)
{
	if (b - a > cap) {
		/* centre a window on the span */
		uint32_t mid = (s + e) / 2;
		uint32_t half = cap / 2;
		uint32_t na = mid > a + half ? mid - half : a;
		if (na + cap > b)
			na = b - cap;
		while (na > a && ((unsigned char)text[na] & 0xC0) == 0x80)
			na++;  /* forward to a character start */
		a = na;
		b = a + (uint32_t)gm__utf8_clip(text + a, b - a, cap);
		uint32_t wa = a, wb = b;
		while (wa < s && text[wa] != ' ')
			wa++;
		while (wb > e && text[wb - 1] != ' ')
			wb--;
		if (wa < s)
			a = wa;
		if (wb > e)
			b = wb;
	}
	/* no space at either end: DBF readers strip it, and the formats would differ */
	while (a < b && (text[a] == ' ' || text[a] == '\n' || text[a] == '\t' || text[a] == '\r'))
		a++;
	while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n' || text[b - 1] == '\t' || text[b - 1] == '\r'))
		b--;
	memcpy(buf, text + a, b - a);
	buf[b - a] = '\0';
}

void gm__snippet_around(const char *snip, const char *focus, size_t cap, char *out)
{
	size_t n = snip ? strlen(snip) : 0;
	if (cap >= GM_DBF_BYTES)
		cap = GM_DBF_BYTES;
	if (!cap)
		n = 0;
	if (n <= cap) {
		memcpy(out, snip ? snip : "", n);
		out[n] = '\0';
		return;
	}
	const char *at = focus && *focus ? strstr(snip, focus) : NULL;
	uint32_t s = at ? (uint32_t)(at - snip) : (uint32_t)(n / 2), e = at ? s + (uint32_t)strlen(focus) : s;
	snippet_window(out, snip, 0, (uint32_t)n, s, e, (uint32_t)cap);
}

void gm__rule_clauses(const char *rule, size_t cap, char *out)
{
	size_t n = rule ? strlen(rule) : 0;
	if (cap > GM_DBF_BYTES)
		cap = GM_DBF_BYTES;
	if (n <= cap) {
		memcpy(out, rule ? rule : "", n);
		out[n] = '\0';
		return;
	}
	/* the last clause boundary ("; ") within cap, else the last blank, else
	 * the last character start */
	size_t keep = 0;
	for (const char *p = strstr(rule, "; "); p && (size_t)(p - rule) <= cap; p = strstr(p + 2, "; "))
		keep = (size_t)(p - rule);
	for (size_t i = cap; !keep && i > 0; i--)
		if (rule[i] == ' ')
			keep = i;
	if (!keep)
		keep = gm__utf8_clip(rule, n, cap);
	memcpy(out, rule, keep);
	out[keep] = '\0';
}

/* A span of the text as a string: mentions and triggers are a few words;
 * one longer than the DBF limit is cut there on a character boundary. */
static void span(char *buf, const char *text, uint32_t s, uint32_t e)
{
	size_t n = gm__utf8_clip(text + s, e - s, GM_DBF_BYTES);
	memcpy(buf, text + s, n);
	buf[n] = '\0';
}

int gm__records_of(const gm_input_item *item, const gm_doc_result *res, const gm_record_sink *sink, void *user,
                   gm_error *err)
{
	const gm_document *d = &item->doc;
	const char *doc_id = d->id ? d->id : "";
	const char *date = d->date ? d->date : "";
	char surface[GM_DBF_BYTES + 1], snip[GM_DBF_BYTES + 1];
	/* the article's own fields whole: a URL cut to a DBF's 254 bytes is a
	 * dead link (a sixth of news-dev's are longer, percent-encoded Arabic);
	 * only the Shapefile writer cuts them, to what its fields hold */
	const char *url = d->url ? d->url : "", *source = d->source ? d->source : "", *title = d->title ? d->title : "";
	int rc = GM_OK;
	for (int pass = 0; res && pass < 2 && rc == GM_OK; pass++) {
		const gm_mention *list = pass ? res->demonyms : res->mentions;
		size_t n = pass ? res->n_demonyms : res->n_mentions;
		for (size_t i = 0; i < n && rc == GM_OK; i++) {
			const gm_mention *m = &list[i];
			span(surface, d->text, m->byte_start, m->byte_end);
			snippet_window(snip, d->text, m->snippet_start, m->snippet_end, m->byte_start, m->byte_end, GM_DBF_BYTES);
			gm_mention_rec r = {doc_id, date, m->start, m->end, m->place, m->score, m->rule, surface, snip,
			                    url, source, title};
			rc = sink->mention(user, &r, pass, err);
		}
	}
	for (size_t i = 0; res && i < res->n_events && rc == GM_OK; i++) {
		const gm_event *e = &res->events[i];
		char id[GM_DBF_BYTES + 24];
		snprintf(id, sizeof id, "%s#%zu", doc_id, i + 1);
		span(surface, d->text, e->trigger_start, e->trigger_end);
		snippet_window(snip, d->text, e->snippet_start, e->snippet_end, e->trigger_start, e->trigger_end, GM_DBF_BYTES);
		gm_event_rec r = {id, doc_id, e->date, e->type, e->place, e->precision, e->fatalities, e->injured,
		                  surface, snip, e->background, e->event_type, e->sub_type, url, source, title};
		rc = sink->event(user, &r, err);
	}
	if (rc != GM_OK)
		return rc;
	gm_doc_rec dr = {doc_id, d->path ? d->path : "", item->skipped ? item->reason : NULL, item->warning, date,
	                 d->line, item->skipped || !res, item->invalid_utf8,
	                 res ? res->n_mentions : 0, res ? res->n_demonyms : 0, res ? res->n_events : 0,
	                 url, source, title};
	return sink->doc(user, &dr, err);
}
