/* test_acled.c: events in ACLED's shape (layers/acled.h): the columns against
 * ACLED's codebook, a row, and output/README.md's table. */
#include "check.h"
#include "acled.h"

#include "events.h"

#include <stdlib.h>

static const char *data_dir = "tests/data";

/* ACLED's export columns in order, as its codebook (2023) and every
 * download give them: written out here, independently of acled.c */
static const char *const acled_codebook[] = {
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
	"civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
	"longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
};

static void columns_are_acleds(void)
{
	CHECK_INT(sizeof acled_codebook / sizeof *acled_codebook, GM_ACLED_N_COLUMNS);
	for (int i = 0; i < GM_ACLED_N_COLUMNS; i++)
		CHECK_STR(gm__acled_fields[i].name, acled_codebook[i]);
}

static void which_events(void)
{
	gm_event_rec e;
	memset(&e, 0, sizeof e);
	e.place = 7;
	CHECK(gm__acled_listed(&e));
	e.background = 1;   /* history: not that day's news */
	CHECK(!gm__acled_listed(&e));
	e.background = 0;
	e.place = GM_NO_PLACE;   /* ACLED codes every event at a location */
	CHECK(!gm__acled_listed(&e));
}

static void a_row(void)
{
	const char *path = GM_TEST_GAZETTEER;
	gm_gazetteer *gaz = NULL;
	gm_error err;
	if (gm_gazetteer_open(&gaz, path, &err) != GM_OK) {
		fprintf(stderr, "a_row: no bundled gazetteer at %s (%s): the row's place is not checked\n", path, err.message);
		CHECK(0);
		return;
	}
	/* the first place of Syria the gazetteer lists, whatever it is */
	uint32_t place = GM_NO_PLACE;
	gm_place p;
	for (uint32_t i = 0; i < gm_gazetteer_place_count(gaz) && place == GM_NO_PLACE; i++)
		if (gm_gazetteer_get_place(gaz, i, &p) == GM_OK && !strcmp(p.country, "SY") && p.population > 100000)
			place = i;
	CHECK(place != GM_NO_PLACE);
	gm_event_rec e = {"d1#2", "d1", "2024-03-05", "attack", place, 2, -1, 4, "هاجم", "هاجم مسلحون قرية",
	                  0, "Violence against civilians", "Attack", "https://news.example.org/a/b?c=1", "", "عنوان"};
	gm_value v[GM_ACLED_N_COLUMNS];
	char scratch[GM_ACLED_SCRATCH];
	gm__acled_values(gaz, &e, v, scratch, sizeof scratch);
	CHECK_STR(v[0].s, "d1#2");
	CHECK_STR(v[1].s, "2024-03-05");
	CHECK_INT(v[2].i, 2024);
	CHECK_INT(v[3].i, 1);
	CHECK_STR(v[4].s, "Political violence");
	CHECK_STR(v[5].s, "Violence against civilians");
	CHECK_STR(v[6].s, "Attack");
	CHECK_STR(v[14].s, "Civilian targeting");
	CHECK_INT(v[15].i, 760);
	CHECK_STR(v[16].s, "Middle East");
	CHECK_STR(v[17].s, "Syria");
	CHECK_STR(v[21].s, p.name_en);
	char lat[32];
	snprintf(lat, sizeof lat, "%.4f", p.lat);
	CHECK_STR(v[22].s, lat);
	CHECK_INT(v[24].i, 2);
	CHECK_STR(v[25].s, "news.example.org");   /* no outlet given: the URL's host */
	CHECK_STR(v[27].s, "هاجم مسلحون قرية");
	CHECK(!v[28].null && v[28].i == 0);        /* not stated: 0, as ACLED */
	CHECK_STR(v[29].s, "injured=4");
	CHECK(v[30].null);                         /* timestamp: the database's */
	/* a protest is a demonstration; our own types have no ACLED type */
	e.event_type = "Protests";
	gm__acled_values(gaz, &e, v, scratch, sizeof scratch);
	CHECK_STR(v[4].s, "Demonstrations");
	CHECK_STR(v[14].s, "");
	e.event_type = "";
	e.sub_type = "Displacement";
	e.source = "وكالة";
	gm__acled_values(gaz, &e, v, scratch, sizeof scratch);
	CHECK_STR(v[4].s, "");
	CHECK_STR(v[6].s, "Displacement");
	CHECK_STR(v[25].s, "وكالة");
	gm_gazetteer_close(gaz);
}

/* output/README.md's table: every column, in order, with what fills it */
static void readme_table(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/../../output/README.md", data_dir);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char line[1024];
	int k = 0;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "| `", 3) != 0 || k >= GM_ACLED_N_COLUMNS)
			continue;
		char want[768];
		const char *by = gm__acled_filled_by[k][0] ? gm__acled_filled_by[k] : "(empty: geomention does not know it)";
		snprintf(want, sizeof want, "| `%s` | %s |\n", gm__acled_fields[k].name, by);
		CHECK_STR(line, want);
		k++;
	}
	fclose(f);
	CHECK_INT(k, GM_ACLED_N_COLUMNS);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		data_dir = argv[1];
	static const check_case cases[] = {CHECK_CASE(columns_are_acleds),
	                                   CHECK_CASE(which_events), CHECK_CASE(a_row), CHECK_CASE(readme_table)};
	return check_run("acled", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
