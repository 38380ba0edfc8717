/* common.c: what the subcommands share (cli.h): run.json's options as JSON,
 * the output options, the default gazetteer, and options as people type them. */
#include "cli.h"

#include "geomention.h"
#include "options.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void gm_cli_json_raw(gm_cli_json *j, const char *text)
{
	size_t n = strlen(text);
	if (j->failed)
		return;
	if (j->len + n + 1 > j->cap) {
		size_t c = j->cap ? j->cap : 256;
		while (c < j->len + n + 1)
			c *= 2;
		char *x = realloc(j->s, c);
		if (!x) {
			j->failed = 1;
			return;
		}
		j->s = x;
		j->cap = c;
	}
	memcpy(j->s + j->len, text, n + 1);
	j->len += n;
}

void gm_cli_json_str(gm_cli_json *j, const char *s)
{
	if (!s) {
		gm_cli_json_raw(j, "null");
		return;
	}
	gm_cli_json_raw(j, "\"");
	char piece[8];
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			snprintf(piece, sizeof piece, "\\%c", c);
		else if (c < 0x20)
			snprintf(piece, sizeof piece, "\\u%04x", c);
		else
			snprintf(piece, sizeof piece, "%c", c);
		gm_cli_json_raw(j, piece);
	}
	gm_cli_json_raw(j, "\"");
}

void gm_cli_json_list(gm_cli_json *j, const char *const *items, size_t n)
{
	gm_cli_json_raw(j, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			gm_cli_json_raw(j, ", ");
		gm_cli_json_str(j, items[i]);
	}
	gm_cli_json_raw(j, "]");
}

int gm_cli_output_option(gm_cli_output *o, int argc, char **argv, int *i)
{
	const char *v;
	int k = gm_cli_option_at(gm_cli_output_options, gm_cli_n_output_options, argc, argv, i, &v);
	switch (k) {
	case GM_OPT_OUT:
		o->out_dir = v;
		o->out_given = 1;
		break;
	case GM_OPT_FORMAT: o->formats[o->n_formats++] = v; break;
	case GM_OPT_GAZETTEER: o->gaz_path = v; break;
	case GM_OPT_NO_VERIFY: o->gaz_flags |= GM_GAZ_OPEN_NO_VERIFY; break;
	case GM_OPT_T_SRS: o->t_srs = v; break;
	case GM_OPT_NO_RFC7946: o->rfc7946 = 0; break;
	case GM_OPT_DEMONYMS: o->demonyms = 1; break;
	case GM_OPT_DBF_SNIPPET: o->dbf_snippet = v; break;
	case GM_OPT_DBF_RULE: o->dbf_rule = v; break;
	case GM_OPT_PG: o->pg = v; break;
	case GM_OPT_PG_SCHEMA: o->pg_schema = v; break;
	case GM_OPT_QUIET: o->quiet = 1; break;
	default: return 0;   /* not one of them, or a value missing: the caller says so */
	}
	return 1;
}

/* --dbf-snippet's or --dbf-rule's value, -1 when it is no number of bytes
 * from 0 to 254. */
static int dbf_bytes(const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);
	return *v && !*end && n >= 0 && n <= 254 ? (int)n : -1;
}

const char *gm_cli_output_check(const gm_cli_output *o, char *buf, size_t cap)
{
	if (o->dbf_snippet && dbf_bytes(o->dbf_snippet) < 0) {
		snprintf(buf, cap, "--dbf-snippet wants a number of bytes from 0 to 254, not %s", o->dbf_snippet);
		return buf;
	}
	if (o->dbf_rule && dbf_bytes(o->dbf_rule) < 0) {
		snprintf(buf, cap, "--dbf-rule wants a number of bytes from 0 to 254, not %s", o->dbf_rule);
		return buf;
	}
	return NULL;
}

gm_write_options gm_cli_write_options(const gm_cli_output *o)
{
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.out_dir = o->pg && !o->out_given && !o->n_formats ? NULL : o->out_dir;
	wo.pg = o->pg;
	wo.pg_schema = o->pg_schema;
	wo.formats = o->formats;
	wo.n_formats = o->n_formats;
	wo.t_srs = o->t_srs;
	wo.geojson_rfc7946 = o->rfc7946;
	wo.demonyms = o->demonyms;
	int dbf = o->dbf_snippet ? dbf_bytes(o->dbf_snippet) : -1;
	if (dbf >= 0)
		wo.dbf_snippet = dbf;
	dbf = o->dbf_rule ? dbf_bytes(o->dbf_rule) : -1;
	if (dbf >= 0)
		wo.dbf_rule = dbf;
	wo.styles_dir = gm_cli_default_styles();
	wo.web_dir = gm_cli_default_web();
	return wo;
}

void gm_cli_print_warnings(const char *cmd, const gm_run_summary *sum)
{
	for (size_t i = 0; i < sum->n_warnings; i++)
		fprintf(stderr, "geomention %s: warning: %s\n", cmd, sum->warnings[i]);
}

void gm_cli_print_written(const gm_write_options *wo, const gm_run_summary *sum)
{
	if (wo->out_dir) {
		printf("wrote into %s/:", wo->out_dir);
		for (size_t i = 0; i < sum->n_files; i++)
			printf(" %s", sum->files[i]);
		printf("\n");
	}
	if (wo->pg)
		printf("wrote into the database, schema %s: mentions, demonyms, events, documents, runs; views places, "
		       "daily, events_acled\n",
		       wo->pg_schema ? wo->pg_schema : "geomention");
}

void gm_cli_json_output(gm_cli_json *j, const gm_cli_output *o)
{
	static const char *const default_formats[] = {"GeoJSON", "ESRI Shapefile"};
	gm_write_options wo = gm_cli_write_options(o);
	gm_cli_json_raw(j, "\"output\": ");
	gm_cli_json_str(j, wo.out_dir);
	gm_cli_json_raw(j, ", \"formats\": ");
	if (wo.out_dir)
		gm_cli_json_list(j, o->n_formats ? o->formats : default_formats, o->n_formats ? o->n_formats : 2);
	else
		gm_cli_json_raw(j, "[]");
	gm_cli_json_raw(j, ", \"t_srs\": ");
	gm_cli_json_str(j, o->t_srs);
	gm_cli_json_raw(j, o->rfc7946 ? ", \"rfc7946\": true" : ", \"rfc7946\": false");
	gm_cli_json_raw(j, o->demonyms ? ", \"demonyms\": true" : ", \"demonyms\": false");
	char bytes[64];
	snprintf(bytes, sizeof bytes, ", \"dbf_snippet\": %d, \"dbf_rule\": %d", wo.dbf_snippet, wo.dbf_rule);
	gm_cli_json_raw(j, bytes);
	if (o->pg) {
		/* never the password: run.json and the runs table keep this */
		char shown[1024];
		gm_pg_redact(o->pg, shown, sizeof shown);
		gm_cli_json_raw(j, ", \"pg\": ");
		gm_cli_json_str(j, shown);
		gm_cli_json_raw(j, ", \"pg_schema\": ");
		gm_cli_json_str(j, o->pg_schema ? o->pg_schema : "geomention");
	}
}

const char *gm_cli_default_gazetteer(void)
{
	static char path[PATH_MAX + 64];
	const char *env = getenv("GEOMENTION_GAZETTEER");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, sizeof path, "%s/gazetteer.gmz", exe);
			if (access(path, R_OK) == 0)
				return path;
			snprintf(path, sizeof path, "%s/../share/geomention/gazetteer.gmz", exe);
			if (access(path, R_OK) == 0)
				return path;
		}
	}
	return "gazetteer.gmz";
}

char **gm_cli_split_args(int argc, char **argv, int *out_argc)
{
	/* at most two entries for each one given, and the final NULL */
	char **out = calloc((size_t)argc * 2 + 1, sizeof *out);
	if (!out)
		return NULL;
	int n = 0, options_end = 0;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		const char *eq = strchr(a, '=');
		if (i == 0 || options_end || a[0] != '-') {
			out[n++] = a;
		} else if (!strcmp(a, "--")) {
			options_end = 1;   /* what follows is inputs, whatever it looks like: kept for the command */
			out[n++] = a;
		} else if (a[1] == '-' && eq && gm_cli_option_takes_value(a, (size_t)(eq - a))) {
			*(char *)eq = '\0';   /* --jobs=4: the argument's own bytes, cut in place */
			out[n++] = a;
			out[n++] = (char *)eq + 1;
		} else if (a[1] != '-' && a[1] && a[2] && gm_cli_short_option(a)) {
			/* -j4, -oDIR, -o=DIR: the option (the table's own string), then its value */
			out[n++] = (char *)gm_cli_short_option(a);
			out[n++] = a + 2 + (a[2] == '=');
		} else {
			out[n++] = a;
		}
	}
	*out_argc = n;
	return out;
}

/* A folder of assets the build puts beside the executable: $env, or NAME
 * beside it, or ../share/geomention/NAME, the first that holds probe; NULL
 * when none does. */
static const char *asset_dir(char *path, size_t cap, const char *env, const char *name, const char *probe)
{
	const char *e = getenv(env);
	if (e && *e)
		return e;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	static const char *const where[] = {"", "/../share/geomention"};
	for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
		char try[PATH_MAX + 128];
		snprintf(path, cap, "%s%s/%s", exe, where[i], name);
		snprintf(try, sizeof try, "%s/%s", path, probe);
		if (access(try, R_OK) == 0)
			return path;
	}
	return NULL;
}

const char *gm_cli_default_styles(void)
{
	static char path[PATH_MAX + 64];
	return asset_dir(path, sizeof path, "GEOMENTION_STYLES", "styles", "places.qml");
}

const char *gm_cli_default_web(void)
{
	static char path[PATH_MAX + 64];
	return asset_dir(path, sizeof path, "GEOMENTION_WEB", "web", "leaflet.js");
}
