/* test_datecode.c: the date keys runs sum on (util/datecode.h). */
#include "check.h"
#include "datecode.h"

/* YYYY-MM-DD keys sort as the dates do; anything else is "no date" */
static void date_codes(void)
{
	CHECK_INT(gm__date_code("2023-09-20"), 20230920);
	CHECK_INT(gm__date_code("1999-12-31"), 19991231);
	CHECK(gm__date_code("2023-09-20") < gm__date_code("2023-10-01"));
	CHECK(gm__date_code("2023-12-31") < gm__date_code("2024-01-01"));
	CHECK_INT(gm__date_code(NULL), 0);
	CHECK_INT(gm__date_code(""), 0);
	CHECK_INT(gm__date_code("2023-9-20"), 0);
	CHECK_INT(gm__date_code("2023-09-20T10:00"), 0);
	CHECK_INT(gm__date_code("2023/09/20"), 0);
	CHECK_INT(gm__date_code("2023-0a-20"), 0);
	char t[11];
	gm__date_text(20230920, t);
	CHECK_STR(t, "2023-09-20");
	gm__date_text(20240229, t);
	CHECK_STR(t, "2024-02-29");
	gm__date_text(0, t);
	CHECK_STR(t, "");
}

/* every day of a leap year round-trips through its key, in order */
static void every_day_round_trips(void)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	uint32_t last = 0;
	int ok = 1;
	for (int m = 1; m <= 12; m++)
		for (int d = 1; d <= days[m - 1]; d++) {
			char s[32], t[11];
			snprintf(s, sizeof s, "2024-%02d-%02d", m, d);
			uint32_t c = gm__date_code(s);
			gm__date_text(c, t);
			ok &= c > last && strcmp(s, t) == 0;
			last = c;
		}
	CHECK(ok);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(date_codes), CHECK_CASE(every_day_round_trips)};
	return check_run("datecode", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
