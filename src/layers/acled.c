/* acled.c: events in ACLED's shape (acled.h). */
#include "acled.h"

#include "strbuf.h"

#include "countries.h"
#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ACLED's columns, in the order of its codebook and exports. Our names:
 * output-layers.md. */
const gm_field gm__acled_fields[GM_ACLED_N_COLUMNS] = {
	{"event_id_cnty", GM_F_STR, 0}, {"event_date", GM_F_DATE, 0}, {"year", GM_F_INT, 0},
	{"time_precision", GM_F_INT, 0}, {"disorder_type", GM_F_STR, 0}, {"event_type", GM_F_STR, 0},
	{"sub_event_type", GM_F_STR, 0}, {"actor1", GM_F_STR, 0}, {"assoc_actor_1", GM_F_STR, 0},
	{"inter1", GM_F_STR, 0}, {"actor2", GM_F_STR, 0}, {"assoc_actor_2", GM_F_STR, 0},
	{"inter2", GM_F_STR, 0}, {"interaction", GM_F_STR, 0}, {"civilian_targeting", GM_F_STR, 0},
	{"iso", GM_F_INT, 0}, {"region", GM_F_STR, 0}, {"country", GM_F_STR, 0},
	{"admin1", GM_F_STR, 0}, {"admin2", GM_F_STR, 0}, {"admin3", GM_F_STR, 0},
	{"location", GM_F_STR, 0}, {"latitude", GM_F_STR, 0}, {"longitude", GM_F_STR, 0},
	{"geo_precision", GM_F_INT, 0}, {"source", GM_F_STR, 0}, {"source_scale", GM_F_STR, 0},
	{"notes", GM_F_STR, 0}, {"fatalities", GM_F_INT, 0}, {"tags", GM_F_STR, 0},
	{"timestamp", GM_F_INT, 0},
};

const char *const gm__acled_filled_by[GM_ACLED_N_COLUMNS] = {
	"event_id (document id # event number)",
	"date (the article's date, or the day the text gives)",
	"the year of date",
	"1 (a day) where there is a date",
	"from event_type: Political violence; Demonstrations; Strategic developments",
	"event_type",
	"sub_type",
	"", "", "", "", "", "", "",
	"\"Civilian targeting\" for Violence against civilians",
	"ISO 3166-1 numeric of country (gazetteer/countries.tsv)",
	"ACLED region of country (gazetteer/acled-regions.tsv)",
	"English name of country",
	"admin1",
	"", "",
	"name_en of the place",
	"the place's latitude",
	"the place's longitude",
	"precision",
	"source (the outlet), else the host of the article's URL",
	"",
	"snippet (the Arabic sentence)",
	"fatalities, 0 where not stated",
	"injured=N where stated",
	"(empty in events.csv; the run's end in the database's events_acled)",
};

int gm__acled_listed(const gm_event_rec *e)
{
	return e->place != GM_NO_PLACE && !e->background;
}

static const char *disorder_of(const char *event_type)
{
	if (!event_type || !*event_type)
		return "";
	if (!strcmp(event_type, "Protests") || !strcmp(event_type, "Riots"))
		return "Demonstrations";
	if (!strcmp(event_type, "Strategic developments"))
		return "Strategic developments";
	return "Political violence";
}

/* "www.example.org" of "https://www.example.org/a/b", into buf; "" when none */
static const char *host_of(const char *url, char *buf, size_t cap)
{
	const char *p = url ? strstr(url, "://") : NULL;
	if (!p)
		return "";
	p += 3;
	size_t n = strcspn(p, "/?#:");
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

/* v as "%.4f" writes it, into 32 bytes (23 at most: strbuf.h), without
 * printf where gm__fixed_text can. */
static void four_decimals(char *out, double v)
{
	if (!gm__fixed_text(out, v, 4))
		snprintf(out, 32, "%.4f", v);
}

void gm__acled_values(const gm_gazetteer *gaz, const gm_event_rec *e, gm_value *v, char *scratch, size_t cap)
{
	gm_place p;
	memset(&p, 0, sizeof p);
	if (e->place != GM_NO_PLACE)
		gm_gazetteer_get_place(gaz, e->place, &p);
	const gm_country *c = gm__country(p.country);
	memset(v, 0, GM_ACLED_N_COLUMNS * sizeof *v);
	for (int i = 0; i < GM_ACLED_N_COLUMNS; i++)
		v[i].null = gm__acled_fields[i].type == GM_F_INT;   /* empty unless filled below */
	int dated = e->date && strlen(e->date) == 10;
	v[0].s = e->event_id;
	v[1].s = dated ? e->date : "";
	if (dated) {
		v[2].i = atoi(e->date);
		v[2].null = 0;
		v[3].i = 1;
		v[3].null = 0;
	}
	v[4].s = disorder_of(e->event_type);
	v[5].s = e->event_type ? e->event_type : "";
	v[6].s = e->sub_type ? e->sub_type : "";
	v[14].s = e->event_type && !strcmp(e->event_type, "Violence against civilians") ? "Civilian targeting" : "";
	if (c && c->ccn3[0]) {
		v[15].i = atoi(c->ccn3);
		v[15].null = 0;
	}
	v[16].s = c ? c->region : "";
	v[17].s = c ? c->name : "";
	v[18].s = p.admin1 ? p.admin1 : "";
	v[21].s = p.name_en ? p.name_en : "";
	/* four decimals, as ACLED gives them (about 10 m) */
	if (cap < GM_ACLED_SCRATCH)
		return;
	if (p.id) {
		/* the gazetteer's points have 5 decimals: a half (34.32995) is held
		 * a hair below it in binary, and printf would round it down; the
		 * nudge rounds halves away from zero, as the decimal value (and
		 * PostgreSQL's round(), in events_acled) does */
		four_decimals(scratch, p.lat + (p.lat < 0 ? -1e-9 : 1e-9));
		four_decimals(scratch + 32, p.lon + (p.lon < 0 ? -1e-9 : 1e-9));
		v[22].s = scratch;
		v[23].s = scratch + 32;
	}
	if (e->precision > 0) {
		v[24].i = e->precision;
		v[24].null = 0;
	}
	/* ACLED names the outlet; where the input gives none, its web host */
	v[25].s = e->source && *e->source ? e->source : host_of(e->url, scratch + 96, GM_ACLED_SCRATCH - 96);
	v[27].s = e->snippet ? e->snippet : "";
	v[28].i = e->fatalities > 0 ? e->fatalities : 0;
	v[28].null = 0;
	if (e->injured >= 0) {
		snprintf(scratch + 64, 32, "injured=%ld", e->injured);
		v[29].s = scratch + 64;
	}
}
