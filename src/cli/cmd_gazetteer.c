/* cmd_gazetteer.c: geomention gazetteer build | lookup | info. */
#include "cli.h"
#include "options.h"

#include "geomention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void help(FILE *f)
{
	fprintf(f,
	        "usage:\n"
	        "  geomention gazetteer build [--geonames DIR] SOURCES... -o FILE [--quiet]\n"
	        "      Compile sources into one gazetteer file (opened by mmap, checksummed).\n"
	        "      SOURCES are gazetteer/places.tsv (made by scripts/build-gazetteer-tsv),\n"
	        "      curated.tsv and features.tsv (reviewed spellings, corrections, features),\n"
	        "      not-places.tsv (organisations, media, common words) and cues.tsv (type\n"
	        "      words, organisation heads, titles, parent links). --geonames DIR imports\n"
	        "      GeoNames dumps as downloaded (allCountries.txt, cities*.txt or XX.txt,\n"
	        "      alternateNamesV2.txt, admin1CodesASCII.txt, countryInfo.txt); the TSV\n"
	        "      sources win where both describe a place.\n"
	        "  geomention gazetteer export [--gazetteer PATH] [-f FORMAT] FILE\n"
	        "      Write every place as a point layer (default GPKG) to inspect in QGIS.\n"
	        "  geomention gazetteer verify [--gazetteer PATH]\n"
	        "      Read the whole file: checksum and every index it holds (every other command\n"
	        "      does so at open too, unless given --no-verify).\n"
	        "  geomention gazetteer lookup [--gazetteer PATH] WORD...\n"
	        "      For each WORD (quote a multi-word name): its folded form, the gazetteer key it\n"
	        "      matched (after clitics), every candidate with its score and reason, the winner.\n"
	        "  geomention gazetteer info [--gazetteer PATH]\n"
	        "      Version, build date, checksum and size of the gazetteer.\n"
	        "\n"
	        "options:\n");
	gm_cli_option_help(f, gm_cli_gazetteer_options, gm_cli_n_gazetteer_options);
	fprintf(f,
	        "\n"
	        "examples:\n"
	        "  geomention gazetteer lookup وباكو \"ناغورني قره باغ\" لاشين\n"
	        "  geomention gazetteer build gazetteer/*.tsv -o my.gmz\n"
	        "  geomention gazetteer build --geonames ~/geonames gazetteer/*.tsv -o world.gmz\n"
	        "  geomention gazetteer export -f GPKG gazetteer.gpkg\n");
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* What a subcommand was given: its words (build: the sources, --geonames
 * folders among them in the order given; lookup: the WORDs; export: FILE)
 * and its options' values. */
typedef struct gaz_args {
	const char **words;
	size_t n_words;
	const char *out, *format, *gazetteer;
	int quiet;
	unsigned open_flags;   /* --no-verify: lazy */
} gaz_args;

#define TAKES(row) (1u << (row))

/* Read argv[1..argc) of subcommand cmd, which takes the option rows in
 * `takes` (gm_cli_gazetteer_options): GM_EXIT_OK, or GM_EXIT_USAGE said on
 * stderr. */
static int parse_args(const char *cmd, unsigned takes, int argc, char **argv, gaz_args *a)
{
	memset(a, 0, sizeof *a);
	a->format = "GPKG";
	if (!(a->words = calloc((size_t)argc + 1, sizeof *a->words))) {
		fprintf(stderr, "geomention gazetteer %s: out of memory\n", cmd);
		return GM_EXIT_FAIL;
	}
	for (int i = 1; i < argc; i++) {
		const char *v = NULL, *arg = argv[i];   /* i moves past an option's value */
		int k = gm_cli_option_at(gm_cli_gazetteer_options, gm_cli_n_gazetteer_options, argc, argv, &i, &v);
		if (k == -2 || (k >= 0 && !(takes & TAKES(k))) || (k == -1 && arg[0] == '-' && arg[1])) {
			fprintf(stderr, "geomention gazetteer %s: %s %s (see geomention gazetteer --help)\n", cmd, arg,
			        k == -2 ? "needs a value" : k >= 0 ? "is not one of its options" : "is an unknown option");
			return GM_EXIT_USAGE;
		}
		struct stat sb;
		switch (k) {
		case -1: a->words[a->n_words++] = argv[i]; break;
		case GM_GOPT_GEONAMES:
			if (stat(v, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
				fprintf(stderr, "geomention gazetteer %s: --geonames needs a folder: %s\n", cmd, v);
				return GM_EXIT_USAGE;
			}
			a->words[a->n_words++] = v;
			break;
		case GM_GOPT_OUT: a->out = v; break;
		case GM_GOPT_FORMAT: a->format = v; break;
		case GM_GOPT_GAZETTEER: a->gazetteer = v; break;
		case GM_GOPT_NO_VERIFY: a->open_flags |= GM_GAZ_OPEN_NO_VERIFY; break;
		case GM_GOPT_QUIET: a->quiet = 1; break;
		default: break;
		}
	}
	if (!a->gazetteer)
		a->gazetteer = gm_cli_default_gazetteer();
	return GM_EXIT_OK;
}

/* parse_args' status, made GM_EXIT_USAGE with "needs WHAT" where the
 * arguments lack what subcommand cmd needs (have 0); a's words are freed
 * unless it is GM_EXIT_OK. */
static int needs(const char *cmd, int status, int have, const char *what, gaz_args *a)
{
	if (status == GM_EXIT_OK && !have) {
		fprintf(stderr, "geomention gazetteer %s: needs %s\n", cmd, what);
		status = GM_EXIT_USAGE;
	}
	if (status != GM_EXIT_OK)
		free(a->words);
	return status;
}

static int build(int argc, char **argv)
{
	gaz_args a;
	int status = parse_args("build", TAKES(GM_GOPT_GEONAMES) | TAKES(GM_GOPT_OUT) | TAKES(GM_GOPT_QUIET), argc, argv, &a);
	status = needs("build", status, a.out && a.n_words, "SOURCES... and -o FILE", &a);
	if (status != GM_EXIT_OK)
		return status;
	gm_error err = {0, ""};
	gm_build_stats st;
	double t0 = now_ms();
	int rc = gm_gazetteer_build(a.words, a.n_words, a.out, &st, &err);
	double took = now_ms() - t0;
	free(a.words);
	if (rc != GM_OK) {
		fprintf(stderr, "geomention gazetteer build: %s\n", err.message);
		return rc == GM_ENOENT || rc == GM_EINVAL ? GM_EXIT_USAGE : GM_EXIT_FAIL;
	}
	if (st.rows_skipped)
		fprintf(stderr, "geomention gazetteer build: %u source rows skipped; the first: %s\n", st.rows_skipped,
		        st.first_problem);
	if (!a.quiet)
		printf("%s: %u places, %u names, %u keys, %u not-place phrases, %u cue words, %u demonyms, %u event words; "
		       "built in %.1f s\n",
		       a.out, st.places, st.names, st.keys, st.not_places, st.cues, st.demonyms, st.triggers, took / 1000.0);
	return GM_EXIT_OK;
}

/* the options of the subcommands that read a gazetteer */
#define READS (TAKES(GM_GOPT_GAZETTEER) | TAKES(GM_GOPT_NO_VERIFY))

static int lookup(int argc, char **argv)
{
	gaz_args a;
	int status = parse_args("lookup", READS, argc, argv, &a);
	status = needs("lookup", status, a.n_words > 0, "at least one WORD", &a);
	if (status != GM_EXIT_OK)
		return status;
	gm_error err = {0, ""};
	gm_gazetteer *gaz = NULL;
	gm_ctx *ctx = NULL;
	if (gm_gazetteer_open_flags(&gaz, a.gazetteer, a.open_flags, &err) != GM_OK || gm_ctx_new(&ctx, gaz, &err) != GM_OK) {
		fprintf(stderr, "geomention gazetteer lookup: %s\n", err.message);
		gm_gazetteer_close(gaz);
		free(a.words);
		return GM_EXIT_USAGE;
	}
	for (size_t i = 0; i < a.n_words; i++) {
		gm_explanation ex;
		if (gm_explain(ctx, a.words[i], &ex, &err) != GM_OK) {
			fprintf(stderr, "geomention gazetteer lookup: %s\n", err.message);
			status = GM_EXIT_FAIL;
			break;
		}
		printf("%s\n  folded:  %s\n", a.words[i], ex.folded);
		if (!ex.key[0]) {
			printf("  no gazetteer name\n");
			continue;
		}
		printf("  matched: %s (%s)\n", ex.key, ex.how);
		for (size_t c = 0; c < ex.n_candidates; c++) {
			gm_place p;
			gm_gazetteer_get_place(gaz, ex.candidates[c].place, &p);
			printf("  %s %-12s %s / %s (%s %s) %.4f,%.4f score %d: %s\n", (int)c == ex.winner ? "*" : " ", p.id,
			       p.name_en, p.name_ar, p.country, p.feature, p.lat, p.lon, ex.candidates[c].score,
			       ex.candidates[c].rule);
		}
		if (ex.n_candidates && ex.winner < 0)
			printf("  no candidate scores well enough: no mention\n");
	}
	gm_ctx_free(ctx);
	gm_gazetteer_close(gaz);
	free(a.words);
	return status;
}

/* A gazetteer command's arguments that take no words: GM_EXIT_OK or why not. */
static int no_words(const char *cmd, unsigned takes, int argc, char **argv, gaz_args *a)
{
	int status = parse_args(cmd, takes, argc, argv, a);
	if (status == GM_EXIT_OK && a->n_words) {
		fprintf(stderr, "geomention gazetteer %s: unexpected %s\n", cmd, a->words[0]);
		status = GM_EXIT_USAGE;
	}
	free(a->words);
	a->words = NULL;
	return status;
}

static int info(int argc, char **argv)
{
	gaz_args a;
	int status = no_words("info", READS, argc, argv, &a);
	if (status != GM_EXIT_OK)
		return status;
	const char *path = a.gazetteer;
	gm_error err = {0, ""};
	gm_gazetteer *gaz = NULL;
	/* both ways of opening, timed: lazy (header and bounds) and verified */
	double t0 = now_ms();
	if (gm_gazetteer_open_flags(&gaz, path, GM_GAZ_OPEN_NO_VERIFY, &err) != GM_OK) {
		fprintf(stderr, "geomention gazetteer info: %s\n", err.message);
		return GM_EXIT_USAGE;
	}
	double lazy = now_ms() - t0;
	gm_gazetteer_close(gaz);
	t0 = now_ms();
	if (gm_gazetteer_open_flags(&gaz, path, a.open_flags, &err) != GM_OK) {
		fprintf(stderr, "geomention gazetteer info: %s\n", err.message);
		return GM_EXIT_USAGE;
	}
	double took = now_ms() - t0;
	gm_gazetteer_info gi;
	gm_gazetteer_get_info(gaz, &gi);
	printf("path:        %s\nformat:      %u\nbuilt:       %s\nplaces:      %u\nkeys:        %u\n"
	       "size:        %llu bytes\nchecksum:    %s\nopened in:   %.3f ms%s (%.3f ms without verifying)\n",
	       path, gi.format_version, gi.build_date, gi.places, gi.keys, (unsigned long long)gi.file_size, gi.checksum,
	       took, a.open_flags & GM_GAZ_OPEN_NO_VERIFY ? "" : ", verified", lazy);
	gm_gazetteer_close(gaz);
	return GM_EXIT_OK;
}

static int verify(int argc, char **argv)
{
	gaz_args a;
	int status = no_words("verify", TAKES(GM_GOPT_GAZETTEER), argc, argv, &a);
	if (status != GM_EXIT_OK)
		return status;
	const char *path = a.gazetteer;
	gm_error err = {0, ""};
	gm_gazetteer *gaz = NULL;
	int rc = gm_gazetteer_open_flags(&gaz, path, GM_GAZ_OPEN_NO_VERIFY, &err);
	if (rc == GM_OK)
		rc = gm_gazetteer_verify(gaz, &err);
	gm_gazetteer_close(gaz);
	if (rc != GM_OK) {
		fprintf(stderr, "geomention gazetteer verify: %s: %s\n", path, err.message);
		return GM_EXIT_FAIL;
	}
	printf("%s: checksum and links verified\n", path);
	return GM_EXIT_OK;
}

static int export_layer(int argc, char **argv)
{
	gaz_args a;
	int status = parse_args("export", READS | TAKES(GM_GOPT_FORMAT), argc, argv, &a);
	if (status == GM_EXIT_OK && a.n_words != 1) {
		if (a.n_words)
			fprintf(stderr, "geomention gazetteer export: unexpected %s\n", a.words[1]);
		else
			fprintf(stderr, "geomention gazetteer export: needs an output FILE\n");
		status = GM_EXIT_USAGE;
	}
	const char *out = status == GM_EXIT_OK ? a.words[0] : NULL, *format = a.format, *path = a.gazetteer;
	free(a.words);
	if (status != GM_EXIT_OK)
		return status;
	gm_error err = {0, ""};
	gm_gazetteer *gaz = NULL;
	if (gm_gazetteer_open_flags(&gaz, path, a.open_flags, &err) != GM_OK) {
		fprintf(stderr, "geomention gazetteer export: %s\n", err.message);
		return GM_EXIT_USAGE;
	}
	int rc = gm_gazetteer_export(gaz, out, format, &err);
	uint32_t n = gm_gazetteer_place_count(gaz);
	gm_gazetteer_close(gaz);
	if (rc != GM_OK) {
		fprintf(stderr, "geomention gazetteer export: %s\n", err.message);
		return rc == GM_EFORMAT ? GM_EXIT_USAGE : GM_EXIT_FAIL;
	}
	printf("%s: %u places (%s)\n", out, n, format);
	return GM_EXIT_OK;
}

int gm_cli_gazetteer(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		help(argc < 2 ? stderr : stdout);
		return argc < 2 ? GM_EXIT_USAGE : GM_EXIT_OK;
	}
	if (!strcmp(argv[1], "build"))
		return build(argc - 1, argv + 1);
	if (!strcmp(argv[1], "lookup"))
		return lookup(argc - 1, argv + 1);
	if (!strcmp(argv[1], "info"))
		return info(argc - 1, argv + 1);
	if (!strcmp(argv[1], "verify"))
		return verify(argc - 1, argv + 1);
	if (!strcmp(argv[1], "export"))
		return export_layer(argc - 1, argv + 1);
	fprintf(stderr, "geomention gazetteer: unknown subcommand \"%s\"\n", argv[1]);
	help(stderr);
	return GM_EXIT_USAGE;
}
