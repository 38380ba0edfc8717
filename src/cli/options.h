/* options.h: the command line's options as tables (CLI only): one row per
 * option gives its names, whether it takes a value, and its help text, so that
 * what is parsed and what --help says cannot drift apart. */
#ifndef GM_CLI_OPTIONS_H
#define GM_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

typedef struct gm_cli_option {
	const char *name;    /* "--jobs" */
	const char *alias;   /* "-j", NULL when none */
	const char *value;   /* the value's name in the help ("N"); NULL: a flag */
	const char *help;    /* "\n" between lines; each printed under the option, indented */
} gm_cli_option;

/* The row of table t (n rows) that argv[*i] names, its index; *value the
 * value it takes (argv[*i + 1], *i moved past it). -1: none of t's;
 * -2: it takes a value and none follows (*i unchanged). */
int gm_cli_option_at(const gm_cli_option *t, size_t n, int argc, char **argv, int *i, const char **value);
/* The table's help, one option a block, in the table's order. */
void gm_cli_option_help(FILE *f, const gm_cli_option *t, size_t n);
/* Whether the option opt[0..len) (its name or alias) takes a value, in any
 * of the command line's tables (gm_cli_split_args asks). */
int gm_cli_option_takes_value(const char *opt, size_t len);

/* The tables: the output options every layer-writing command shares, and
 * the ones of map and gazetteer. Rows are named by these, in table order
 * (options.c checks the counts). */
enum { GM_OPT_OUT, GM_OPT_FORMAT, GM_OPT_GAZETTEER, GM_OPT_NO_VERIFY, GM_OPT_T_SRS, GM_OPT_NO_RFC7946,
       GM_OPT_DEMONYMS, GM_OPT_DBF_SNIPPET, GM_OPT_DBF_RULE, GM_OPT_PG, GM_OPT_PG_SCHEMA, GM_OPT_QUIET, GM_OPT_N_OUTPUT };
enum { GM_OPT_DATE, GM_OPT_JOBS, GM_OPT_STREAM, GM_OPT_WEIGHTS, GM_OPT_HELP, GM_OPT_N_MAP };
enum { GM_GOPT_GEONAMES, GM_GOPT_OUT, GM_GOPT_FORMAT, GM_GOPT_GAZETTEER, GM_GOPT_NO_VERIFY, GM_GOPT_QUIET,
       GM_GOPT_N };
/* The row's name whose text is the two characters of a short option
 * (-j4 -> "-j"), NULL when none takes a value. */
const char *gm_cli_short_option(const char *arg);
extern const gm_cli_option gm_cli_output_options[];
extern const size_t gm_cli_n_output_options;
extern const gm_cli_option gm_cli_map_options[];
extern const size_t gm_cli_n_map_options;
extern const gm_cli_option gm_cli_gazetteer_options[];
extern const size_t gm_cli_n_gazetteer_options;

#endif
