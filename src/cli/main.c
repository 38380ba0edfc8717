/* main.c: the geomention command; dispatches to a subcommand. */
#include "cli.h"

#include "geomention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	/* GEOMENTION_GDAL: the GDAL library to open instead of the build's (one
	 * installed elsewhere) */
	if (getenv("GEOMENTION_GDAL") && gm_set_gdal_library(getenv("GEOMENTION_GDAL")) != GM_OK) {
		fprintf(stderr, "geomention: GEOMENTION_GDAL is too long\n");
		return GM_EXIT_USAGE;
	}
	int (*run)(int, char **) = !strcmp(cmd, "map")         ? gm_cli_map
	                           : !strcmp(cmd, "merge")     ? gm_cli_merge
	                           : !strcmp(cmd, "gazetteer") ? gm_cli_gazetteer
	                                                       : NULL;
	if (run) {
		int n;
		char **args = gm_cli_split_args(argc - 1, argv + 1, &n);
		if (!args) {
			fprintf(stderr, "geomention: out of memory\n");
			return GM_EXIT_FAIL;
		}
		int status = run(n, args);
		free(args);
		return status;
	}
	fprintf(stderr, "geomention: unknown command \"%s\"\n\n", cmd);
	usage(stderr);
	return GM_EXIT_USAGE;
}
