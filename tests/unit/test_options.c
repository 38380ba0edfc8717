/* test_options.c: the command line's option tables (src/cli/options.c) and
 * the arguments as the commands read them (gm_cli_split_args): one table row
 * per option drives parsing and --help, --opt=v and -j4 forms split the way
 * getopt_long's users expect, "--" ends the options. */
#include "check.h"
#include "cli.h"
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void rows_found_by_name_or_alias(void)
{
	char *argv[] = {"map", "-j", "4", "--stream", "--nope", "--jobs"};
	int argc = 6, i = 1;
	const char *v = NULL;
	CHECK_INT(gm_cli_option_at(gm_cli_map_options, gm_cli_n_map_options, argc, argv, &i, &v), GM_OPT_JOBS);
	CHECK_STR(v, "4");
	CHECK_INT(i, 2);   /* the value taken */
	i = 3;
	CHECK_INT(gm_cli_option_at(gm_cli_map_options, gm_cli_n_map_options, argc, argv, &i, &v), GM_OPT_STREAM);
	CHECK(v == NULL);
	i = 4;
	CHECK_INT(gm_cli_option_at(gm_cli_map_options, gm_cli_n_map_options, argc, argv, &i, &v), -1);   /* not a row */
	i = 5;
	CHECK_INT(gm_cli_option_at(gm_cli_map_options, gm_cli_n_map_options, argc, argv, &i, &v), -2);   /* no value left */
}

/* the split a command reads: name=value and -xVALUE as two words */
static void long_and_short_forms_split(void)
{
	char a0[] = "map", a1[] = "--jobs=4", a2[] = "-j8", a3[] = "-o=out dir", a4[] = "-qfoo", a5[] = "--stream",
	     a6[] = "--", a7[] = "--date=2024-01-01", a8[] = "in=1.txt";
	char *argv[] = {a0, a1, a2, a3, a4, a5, a6, a7, a8};
	int n = 0;
	char **out = gm_cli_split_args(9, argv, &n);
	CHECK(out != NULL);
	if (!out)
		return;
	static const char *const want[] = {"map", "--jobs", "4", "-j", "8", "-o", "out dir", "-qfoo", "--stream", "--",
	                                   "--date=2024-01-01", "in=1.txt"};
	CHECK_INT(n, sizeof want / sizeof *want);
	int same = n == (int)(sizeof want / sizeof *want);
	for (int i = 0; same && i < n; i++)
		same = !strcmp(out[i], want[i]);
	CHECK(same);   /* -q takes no value: -qfoo is left for the command to refuse; after --, inputs */
	CHECK(out[n] == NULL);
	free(out);
}

/* every value the help shows, and a help text in the column at 22 */
static void help_from_the_same_rows(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	CHECK(f != NULL);
	if (!f)
		return;
	gm_cli_option_help(f, gm_cli_map_options, gm_cli_n_map_options);
	fclose(f);
	int all = 1;
	for (size_t k = 0; k < gm_cli_n_map_options; k++) {
		char head[64];
		const gm_cli_option *o = &gm_cli_map_options[k];
		snprintf(head, sizeof head, "%s%s%s%s%s", o->alias && o->alias[1] != '-' ? o->alias : "",
		         o->alias && o->alias[1] != '-' ? ", " : "", o->name, o->value ? " " : "", o->value ? o->value : "");
		all &= strstr(text, head) != NULL;
	}
	CHECK(all);
	CHECK(strstr(text, "\n  -j, --jobs N        map N documents") != NULL);   /* text from column 22 */
	free(text);
}

/* the short option of a word, only where a row has a value */
static void short_options_with_values(void)
{
	CHECK_STR(gm_cli_short_option("-j4"), "-j");
	CHECK_STR(gm_cli_short_option("-oDIR"), "-o");
	CHECK(gm_cli_short_option("-q") == NULL);
	CHECK(gm_cli_short_option("--jobs") == NULL);
	CHECK(gm_cli_option_takes_value("--t_srs", 7));
	CHECK(!gm_cli_option_takes_value("--stream", 8));
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(rows_found_by_name_or_alias), CHECK_CASE(long_and_short_forms_split),
	                                   CHECK_CASE(help_from_the_same_rows), CHECK_CASE(short_options_with_values)};
	return check_run("options", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
