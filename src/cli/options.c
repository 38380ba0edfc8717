/* options.c: the command line's option tables (options.h). */
#include "options.h"

#include <string.h>

/* The order of each table is the order --help shows. */
const gm_cli_option gm_cli_output_options[] = {
	{"-o", NULL, "DIR", "output folder (map: default output; merge: required unless --pg); created\nif missing"},
	{"-f", NULL, "FORMAT",
	 "OGR driver name, repeatable (default: GeoJSON and \"ESRI Shapefile\";\n"
	 "also GPKG, FlatGeobuf, CSV, KML, ...: any vector driver that creates files)"},
	{"--gazetteer", NULL, "PATH", "compiled gazetteer (default: the bundled one, or $GEOMENTION_GAZETTEER)"},
	{"--no-verify", NULL, NULL,
	 "open the gazetteer without reading it whole (its checksum and\n"
	 "indexes are verified at every open by default: a few ms)"},
	{"--t_srs", "--t-srs", "CRS",
	 "target CRS for the layers, anything PROJ knows: EPSG:3857 for web\n"
	 "tiles, EPSG:32638 (UTM 38N) for measuring in metres, a WKT or PROJ string.\n"
	 "GeoJSON stays WGS 84 lon/lat as RFC 7946 requires; other formats take\n"
	 "the CRS and a matching .prj"},
	{"--no-rfc7946", NULL, NULL, "let GeoJSON take --t_srs too (writes a \"crs\" member; not RFC 7946)"},
	{"--demonyms", NULL, NULL,
	 "also write the demonyms layer: every demonym or nisba of a country or\n"
	 "region (الروسية, الأذربيجاني) at its place; they are never mentions, and\n"
	 "places always count them (field demonyms)"},
	{"--dbf-snippet", NULL, "BYTES",
	 "how much of each snippet a Shapefile's .dbf keeps, around the mention or\n"
	 "event word, on whole words (default 100; 0 none, 254 the whole 254 bytes\n"
	 "every other format keeps): .dbf records are fixed-width, so a whole\n"
	 "snippet made mentions.dbf as large as the input"},
	{"--dbf-rule", NULL, "BYTES",
	 "how much of each mention's rule a .dbf keeps, in whole clauses from\n"
	 "its start (\"exact; capital pop 1.6M; Arabic name\"; default 40; 0 none,\n"
	 "254 all, as every other format keeps it)"},
	{"--pg", NULL, "CONN",
	 "write into PostGIS too: GDAL's connection string, PG:\"dbname=news\n"
	 "host=db user=me\" (a password is better in ~/.pgpass or PGPASSWORD).\n"
	 "Tables mentions, demonyms, events, documents, runs and views places,\n"
	 "daily, events_acled in the schema; a document mapped again replaces\n"
	 "its rows, all in one transaction. Checked before any work. With --pg\n"
	 "and neither -o nor -f, no folder is written"},
	{"--pg-schema", NULL, "NAME", "the schema (default: geomention); made when missing"},
	{"--quiet", "-q", NULL, "print nothing but errors"},
};
const size_t gm_cli_n_output_options = sizeof gm_cli_output_options / sizeof *gm_cli_output_options;
_Static_assert(sizeof gm_cli_output_options / sizeof *gm_cli_output_options == GM_OPT_N_OUTPUT, "a name per row");

const gm_cli_option gm_cli_map_options[] = {
	{"--date", NULL, "YYYY-MM-DD", "date of documents that carry none (text files)"},
	{"--jobs", "-j", "N",
	 "map N documents at a time (default: one per core); the output is\n"
	 "the same bytes whatever N"},
	{"--stream", NULL, NULL,
	 "write no folder: every mention, demonym and event as a GeoJSON\n"
	 "Sequence (RFC 8142) on stdout as documents are mapped, each input\n"
	 "closed by a \"document\" record; memory stays flat however long the\n"
	 "input. geomention merge turns saved streams into layers"},
	{"--weights", NULL, "W",
	 "the resolver's weights as name=value,... (see gm_resolve_weights in\n"
	 "geomention.h; scripts/sweep chose the defaults): for tuning"},
	{"--help", "-h", NULL, "this text"},
};
const size_t gm_cli_n_map_options = sizeof gm_cli_map_options / sizeof *gm_cli_map_options;
_Static_assert(sizeof gm_cli_map_options / sizeof *gm_cli_map_options == GM_OPT_N_MAP, "a name per row");

/* gazetteer's subcommands: each takes the rows cmd_gazetteer.c lists for it,
 * and its help names them (the subcommand in brackets) */
const gm_cli_option gm_cli_gazetteer_options[] = {
	{"--geonames", NULL, "DIR", "GeoNames dumps as downloaded, a source among the others (build)"},
	{"-o", NULL, "FILE", "the gazetteer to write (build)"},
	{"-f", NULL, "FORMAT", "the layer format (export; default GPKG)"},
	{"--gazetteer", NULL, "PATH",
	 "the gazetteer to read (lookup, export, verify, info; default: the\nbundled one, or $GEOMENTION_GAZETTEER)"},
	{"--no-verify", NULL, NULL, "open it without reading it whole (lookup, export, info)"},
	{"--quiet", "-q", NULL, "print nothing but errors (build)"},
};
const size_t gm_cli_n_gazetteer_options = sizeof gm_cli_gazetteer_options / sizeof *gm_cli_gazetteer_options;
_Static_assert(sizeof gm_cli_gazetteer_options / sizeof *gm_cli_gazetteer_options == GM_GOPT_N, "a name per row");

int gm_cli_option_at(const gm_cli_option *t, size_t n, int argc, char **argv, int *i, const char **value)
{
	const char *a = argv[*i];
	for (size_t k = 0; k < n; k++) {
		if (strcmp(a, t[k].name) != 0 && !(t[k].alias && !strcmp(a, t[k].alias)))
			continue;
		if (t[k].value) {
			if (*i + 1 >= argc)
				return -2;
			*value = argv[++*i];
		} else {
			*value = NULL;
		}
		return (int)k;
	}
	return -1;
}

void gm_cli_option_help(FILE *f, const gm_cli_option *t, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char head[64];
		int w = snprintf(head, sizeof head, "%s%s%s%s%s", t[k].alias && t[k].alias[1] != '-' ? t[k].alias : "",
		                 t[k].alias && t[k].alias[1] != '-' ? ", " : "", t[k].name, t[k].value ? " " : "",
		                 t[k].value ? t[k].value : "");
		fprintf(f, "  %s", head);
		/* the help in a column at 22, on the option's line when it fits */
		int col = 2 + (w > 0 ? w : 0);
		const char *s = t[k].help;
		int first = 1;
		while (*s) {
			const char *nl = strchr(s, '\n');
			int len = nl ? (int)(nl - s) : (int)strlen(s);
			if (first && col < 22)
				fprintf(f, "%*s%.*s\n", 22 - col, "", len, s);
			else if (first)
				fprintf(f, "\n%22s%.*s\n", "", len, s);
			else
				fprintf(f, "%22s%.*s\n", "", len, s);
			first = 0;
			s += len + (nl != NULL);
		}
	}
}

static const gm_cli_option *find_valued(const char *opt, size_t len, const char **which);

int gm_cli_option_takes_value(const char *opt, size_t len)
{
	const char *which;
	return find_valued(opt, len, &which) != NULL;
}

const char *gm_cli_short_option(const char *arg)
{
	const char *which = NULL;
	if (arg[0] != '-' || !arg[1] || arg[1] == '-')
		return NULL;
	return find_valued(arg, 2, &which) ? which : NULL;
}

/* The row of any table with a value named opt[0..len); *which its name or
 * alias (the table's own string). */
static const gm_cli_option *find_valued(const char *opt, size_t len, const char **which)
{
	const struct {
		const gm_cli_option *t;
		size_t n;
	} tables[] = {{gm_cli_output_options, gm_cli_n_output_options},
	              {gm_cli_map_options, gm_cli_n_map_options},
	              {gm_cli_gazetteer_options, gm_cli_n_gazetteer_options}};
	for (size_t x = 0; x < sizeof tables / sizeof *tables; x++)
		for (size_t k = 0; k < tables[x].n; k++) {
			const gm_cli_option *o = &tables[x].t[k];
			if (!o->value)
				continue;
			if (strlen(o->name) == len && !strncmp(o->name, opt, len)) {
				*which = o->name;
				return o;
			}
			if (o->alias && strlen(o->alias) == len && !strncmp(o->alias, opt, len)) {
				*which = o->alias;
				return o;
			}
		}
	return NULL;
}
