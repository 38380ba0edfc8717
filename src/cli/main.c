/* main.c: the geomention command; dispatches to a subcommand. */
#include "cli.h"

#include "geomention.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fprintf(f,
	        "geomention %s: maps where Arabic news says things happen\n"
	        "\n"
	        "usage:\n"
	        "  geomention map [options] INPUT...      find and resolve place mentions, write GIS layers\n"
	        "  geomention map --stream INPUT...       the same as GeoJSON Sequence on stdout, as it goes\n"
	        "  geomention merge PART... -o DIR        merge runs over shards into one output folder\n"
	        "  geomention gazetteer build SOURCES... -o FILE\n"
	        "                                         compile TSV sources into a gazetteer\n"
	        "  geomention gazetteer lookup WORD...    show how a word is folded, matched and resolved\n"
	        "  geomention gazetteer info              describe the gazetteer in use\n"
	        "  geomention --version | --help\n"
	        "\n"
	        "Run 'geomention map --help', 'geomention merge --help' or 'geomention gazetteer --help' for their options.\n",
	        GM_VERSION_STRING);
}

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
	const char *a = argv[*i];
	int has_next = *i + 1 < argc;
	if (!strcmp(a, "-o") && has_next)
		o->out_dir = argv[++*i];
	else if (!strcmp(a, "-f") && has_next)
		o->formats[o->n_formats++] = argv[++*i];
	else if (!strcmp(a, "--gazetteer") && has_next)
		o->gaz_path = argv[++*i];
	else if ((!strcmp(a, "--t_srs") || !strcmp(a, "--t-srs")) && has_next)
		o->t_srs = argv[++*i];
	else if (!strcmp(a, "--no-rfc7946"))
		o->rfc7946 = 0;
	else if (!strcmp(a, "--demonyms"))
		o->demonyms = 1;
	else if (!strcmp(a, "--quiet") || !strcmp(a, "-q"))
		o->quiet = 1;
	else if (!strcmp(a, "--no-verify"))
		o->gaz_flags |= GM_GAZ_OPEN_NO_VERIFY;
	else
		return 0;
	return 1;
}

gm_write_options gm_cli_write_options(const gm_cli_output *o)
{
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.out_dir = o->out_dir;
	wo.formats = o->formats;
	wo.n_formats = o->n_formats;
	wo.t_srs = o->t_srs;
	wo.geojson_rfc7946 = o->rfc7946;
	wo.demonyms = o->demonyms;
	return wo;
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

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return GM_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage(stdout);
		return GM_EXIT_OK;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("geomention %s\n", GM_VERSION_STRING);
		return GM_EXIT_OK;
	}
	if (!strcmp(cmd, "map"))
		return gm_cli_map(argc - 1, argv + 1);
	if (!strcmp(cmd, "merge"))
		return gm_cli_merge(argc - 1, argv + 1);
	if (!strcmp(cmd, "gazetteer"))
		return gm_cli_gazetteer(argc - 1, argv + 1);
	fprintf(stderr, "geomention: unknown command \"%s\"\n\n", cmd);
	usage(stderr);
	return GM_EXIT_USAGE;
}
