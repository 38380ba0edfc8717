/* cli.h: the geomention command's subcommands. The CLI uses only the public
 * API in geomention.h; everything it prints is said here, not in the library. */
#ifndef GM_CLI_H
#define GM_CLI_H

int gm_cli_map(int argc, char **argv);
int gm_cli_gazetteer(int argc, char **argv);
int gm_cli_merge(int argc, char **argv);
/* run.json's "options": JSON text built piece by piece, as long as it needs
 * (every input listed, however many); s is NULL and failed set when memory
 * ran out. */
#include <stddef.h>
typedef struct gm_cli_json {
	char *s;
	size_t len, cap;
	int failed;
} gm_cli_json;
void gm_cli_json_raw(gm_cli_json *j, const char *text);
void gm_cli_json_str(gm_cli_json *j, const char *s);   /* a string literal; NULL: null */
void gm_cli_json_list(gm_cli_json *j, const char *const *items, size_t n);
/* The gazetteer to use: --gazetteer, $GEOMENTION_GAZETTEER, or the bundled one
 * next to the executable. */
const char *gm_cli_default_gazetteer(void);
/* The QGIS styles: $GEOMENTION_STYLES, or styles/ beside the executable, or
 * ../share/geomention/styles; NULL when none is there. */
const char *gm_cli_default_styles(void);
/* map.html's template and Leaflet: $GEOMENTION_WEB, or web/ beside the
 * executable, or ../share/geomention/web; NULL when none is there. */
const char *gm_cli_default_web(void);

/* The options every command that writes layers shares. */
typedef struct gm_cli_output {
	const char *out_dir, *gaz_path, *t_srs;
	const char **formats;   /* argc entries, n_formats used */
	size_t n_formats;
	int rfc7946, demonyms, quiet;
	int out_given;          /* -o was given: with --pg, files are written too */
	const char *pg, *pg_schema;   /* --pg CONN, --pg-schema NAME */
	unsigned gaz_flags;     /* --no-verify: GM_GAZ_OPEN_NO_VERIFY */
	const char *dbf_snippet;   /* --dbf-snippet BYTES as given, NULL: the default */
	const char *dbf_rule;      /* --dbf-rule BYTES as given, NULL: the default */
} gm_cli_output;
/* What is wrong with the output options' values, NULL when nothing (the
 * message names the option and the value). */
const char *gm_cli_output_check(const gm_cli_output *o, char *buf, size_t cap);
/* 1 when argv[*i] is one of them (taken, *i past its value), 0 when not. */
int gm_cli_output_option(gm_cli_output *o, int argc, char **argv, int *i);
/* The library's write options from them (options_json left NULL). With --pg
 * and neither -o nor -f, no folder: only the database. */
#include "geomention.h"
gm_write_options gm_cli_write_options(const gm_cli_output *o);
/* Where a finished run or merge wrote: the folder's files, the database's schema. */
void gm_cli_print_written(const gm_write_options *wo, const gm_run_summary *sum);
/* What the files lack that the run had, on stderr even with --quiet: a loss
 * is never left unsaid. */
void gm_cli_print_warnings(const char *cmd, const gm_run_summary *sum);
/* run.json's members for the output options: "output", "formats", "t_srs",
 * "rfc7946", "demonyms", "pg" (its password as ***), "pg_schema". */
void gm_cli_json_output(gm_cli_json *j, const gm_cli_output *o);

/* argv with options as people type them made plain: --jobs=4 -> --jobs 4,
 * -j4 / -oDIR / -o=DIR -> -j 4 / -o DIR, for the options that take a value;
 * after "--" (kept) every argument is an input. The entries point into argv (an
 * "=" is cut in place); free the array. NULL when out of memory. */
char **gm_cli_split_args(int argc, char **argv, int *out_argc);

/* Exit statuses */
#define GM_EXIT_OK 0
#define GM_EXIT_FAIL 1    /* the run failed while working */
#define GM_EXIT_USAGE 2   /* bad options, missing inputs, unwritable output */

#endif
