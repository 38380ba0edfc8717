/* cmd_merge.c: geomention merge: several runs' outputs into one folder. */
#include "cli.h"

#include "geomention.h"
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
	fprintf(f,
	        "usage: geomention merge [options] PART... -o DIR | --pg CONN\n"
	        "\n"
	        "Merges the outputs of several geomention map runs, over pieces of one input, into\n"
	        "one output folder: the places and daily layers are what one run over the whole input\n"
	        "would give (counts are sums; both layers are sorted by what they hold, so the order of\n"
	        "the parts does not change them); mentions, events and run.json's documents follow one\n"
	        "part after another, in the order given.\n"
	        "\n"
	        "PART is any of:\n"
	        "  DIRECTORY       an output folder of geomention map (run.json and its layers, in\n"
	        "                  whatever OGR format it wrote them)\n"
	        "  FILE            what geomention map --stream wrote (GeoJSON Sequence)\n"
	        "\n"
	        "options (as for geomention map; the gazetteer is the one the parts were mapped with, a\n"
	        "part mapped with another is refused; a part with a demonyms layer turns --demonyms on):\n");
	gm_cli_option_help(f, gm_cli_output_options, gm_cli_n_output_options);
	fprintf(f,
	        "  --help, -h          this text\n"
	        "\n"
	        "examples:\n"
	        "  geomention merge out-1 out-2 out-3 -o out\n"
	        "  parallel --pipe -N1000 geomention map --stream - < news.jsonl > all.geojsons\n"
	        "  geomention merge all.geojsons -o out\n");
}

/* The command line into out and parts (np of them): GM_EXIT_OK, GM_EXIT_USAGE
 * (said on stderr), or -1 when --help was asked and printed. */
static int parse_args(int argc, char **argv, gm_cli_output *out, const char **parts, size_t *np)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help(stdout);
			return -1;
		} else if (gm_cli_output_option(out, argc, argv, &i)) {
			continue;
		} else if (!strcmp(a, "--")) {
			while (++i < argc)
				parts[(*np)++] = argv[i];
		} else if (a[0] != '-') {
			parts[(*np)++] = a;
		} else {
			fprintf(stderr, "geomention merge: unknown option or missing value: %s (see geomention merge --help)\n", a);
			return GM_EXIT_USAGE;
		}
	}
	char why[160];
	if (gm_cli_output_check(out, why, sizeof why)) {
		fprintf(stderr, "geomention merge: %s\n", why);
		return GM_EXIT_USAGE;
	}
	if (!*np || (!out->out_dir && !out->pg)) {
		fprintf(stderr, "geomention merge: %s (see geomention merge --help)\n",
		        !*np ? "no PART given" : "no output folder: -o DIR (or a database: --pg CONN)");
		return GM_EXIT_USAGE;
	}
	return GM_EXIT_OK;
}

static void report(const gm_write_options *wo, const gm_run_summary *sum, size_t np)
{
	printf("geomention merge: %zu parts; %zu documents, %zu skipped; %zu mentions; %zu places; %zu events\n", np,
	       sum->documents, sum->skipped, sum->mentions, sum->places, sum->events);
	gm_cli_print_written(wo, sum);
}

/* The parts merged with the gazetteer at gaz_path, options_json for run.json. */
static int merge(const gm_cli_output *out, const char *gaz_path, const char *const *parts, size_t np,
                 const char *options_json)
{
	gm_error err = {0, ""};
	gm_write_options wo = gm_cli_write_options(out);
	wo.options_json = options_json;
	wo.jobs = gm_default_jobs();
	if (gm_run_check_options(&wo, &err) != GM_OK) {
		fprintf(stderr, "geomention merge: %s\n", err.message);
		return GM_EXIT_USAGE;
	}
	gm_gazetteer *gaz = NULL;
	if (gm_gazetteer_open_flags(&gaz, gaz_path, out->gaz_flags, &err) != GM_OK) {
		fprintf(stderr, "geomention merge: %s\n", err.message);
		return GM_EXIT_USAGE;
	}
	int status = GM_EXIT_OK;
	gm_run_summary sum;
	if (gm_merge(parts, np, gaz, &wo, &sum, &err) != GM_OK) {
		fprintf(stderr, "geomention merge: %s\n", err.message);
		status = err.code == GM_ENOENT ? GM_EXIT_USAGE : GM_EXIT_FAIL;
	} else {
		gm_cli_print_warnings("merge", &sum);
		if (!out->quiet)
			report(&wo, &sum, np);
	}
	gm_gazetteer_close(gaz);
	return status;
}

int gm_cli_merge(int argc, char **argv)
{
	gm_cli_output out = {.formats = calloc((size_t)argc + 1, sizeof(char *)), .rfc7946 = 1};
	const char **parts = calloc((size_t)argc + 1, sizeof *parts);
	size_t np = 0;
	gm_cli_json opts = {0};   /* run.json's options */
	int status = out.formats && parts ? parse_args(argc, argv, &out, parts, &np) : GM_EXIT_FAIL;
	if (status == GM_EXIT_OK) {
		const char *gaz_path = out.gaz_path ? out.gaz_path : gm_cli_default_gazetteer();
		gm_cli_json_raw(&opts, "{\"command\": \"merge\", ");
		gm_cli_json_output(&opts, &out);
		gm_cli_json_raw(&opts, ", \"gazetteer\": ");
		gm_cli_json_str(&opts, gaz_path);
		gm_cli_json_raw(&opts, ", \"parts\": ");
		gm_cli_json_list(&opts, parts, np);
		gm_cli_json_raw(&opts, "}");
		if (opts.failed) {
			fprintf(stderr, "geomention merge: out of memory\n");
			status = GM_EXIT_FAIL;
		} else {
			status = merge(&out, gaz_path, parts, np, opts.s);
		}
	}
	free(opts.s);
	free(out.formats);
	free(parts);
	return status < 0 ? GM_EXIT_OK : status;
}
