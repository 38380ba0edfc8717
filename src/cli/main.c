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
	        "  geomention gazetteer build SOURCES... -o FILE\n"
	        "                                         compile TSV sources into a gazetteer\n"
	        "  geomention gazetteer lookup WORD...    show how a word is folded, matched and resolved\n"
	        "  geomention gazetteer info              describe the gazetteer in use\n"
	        "  geomention --version | --help\n"
	        "\n"
	        "Run 'geomention map --help' or 'geomention gazetteer --help' for their options.\n",
	        GM_VERSION_STRING);
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
	if (!strcmp(cmd, "gazetteer"))
		return gm_cli_gazetteer(argc - 1, argv + 1);
	fprintf(stderr, "geomention: unknown command \"%s\"\n\n", cmd);
	usage(stderr);
	return GM_EXIT_USAGE;
}
