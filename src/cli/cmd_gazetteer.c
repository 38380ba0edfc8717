/* cmd_gazetteer.c: geomention gazetteer build | lookup | info. */
#include "cli.h"

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

static int build(int argc, char **argv)
{
	const char *out = NULL;
	int quiet = 0;
	const char **src = calloc((size_t)argc + 1, sizeof *src);
	size_t n = 0;
	if (!src)
		return GM_EXIT_FAIL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q"))
			quiet = 1;
		else if (!strcmp(argv[i], "--geonames") && i + 1 < argc) {
			struct stat sb;
			if (stat(argv[i + 1], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
				fprintf(stderr, "geomention gazetteer build: --geonames needs a folder: %s\n", argv[i + 1]);
				free(src);
				return GM_EXIT_USAGE;
			}
			src[n++] = argv[++i];
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "geomention gazetteer build: unknown option %s\n", argv[i]);
			free(src);
			return GM_EXIT_USAGE;
		} else
			src[n++] = argv[i];
	}
	if (!out || !n) {
		fprintf(stderr, "geomention gazetteer build: needs SOURCES... and -o FILE\n");
		free(src);
		return GM_EXIT_USAGE;
	}
	gm_error err = {0, ""};
	gm_build_stats st;
	double t0 = now_ms();
	int rc = gm_gazetteer_build(src, n, out, &st, &err);
	double took = now_ms() - t0;
	free(src);
	if (rc != GM_OK) {
		fprintf(stderr, "geomention gazetteer build: %s\n", err.message);
		return rc == GM_ENOENT || rc == GM_EINVAL ? GM_EXIT_USAGE : GM_EXIT_FAIL;
	}
	if (st.rows_skipped)
		fprintf(stderr, "geomention gazetteer build: %u source rows skipped; the first: %s\n", st.rows_skipped,
		        st.first_problem);
	if (!quiet)
		printf("%s: %u places, %u names, %u keys, %u not-place phrases, %u cue words, %u demonyms, %u event words; "
		       "built in %.1f s\n",
		       out, st.places, st.names, st.keys, st.not_places, st.cues, st.demonyms, st.triggers, took / 1000.0);
	return GM_EXIT_OK;
}

/* How the subcommands open the gazetteer: --no-verify makes it lazy. */
static unsigned open_flags;

/* Takes --gazetteer PATH and --no-verify out of argv; the path to open. */
static const char *gazetteer_arg(int *argc, char **argv)
{
	const char *path = NULL;
	for (int i = 1; i < *argc;) {
		int take = 0;
		if (!strcmp(argv[i], "--gazetteer") && i + 1 < *argc && !path) {
			path = argv[i + 1];
			take = 2;
		} else if (!strcmp(argv[i], "--no-verify")) {
			open_flags |= GM_GAZ_OPEN_NO_VERIFY;
			take = 1;
		}
		if (!take) {
			i++;
			continue;
		}
		for (int j = i; j + take <= *argc; j++)
			argv[j] = argv[j + take];
		*argc -= take;
	}
	return path ? path : gm_cli_default_gazetteer();
}

static int lookup(int argc, char **argv)
{
	const char *path = gazetteer_arg(&argc, argv);
	if (argc < 2) {
		fprintf(stderr, "geomention gazetteer lookup: needs at least one WORD\n");
		return GM_EXIT_USAGE;
	}
	gm_error err = {0, ""};
	gm_gazetteer *gaz = NULL;
	gm_ctx *ctx = NULL;
	if (gm_gazetteer_open_flags(&gaz, path, open_flags, &err) != GM_OK || gm_ctx_new(&ctx, gaz, &err) != GM_OK) {
		fprintf(stderr, "geomention gazetteer lookup: %s\n", err.message);
		gm_gazetteer_close(gaz);
		return GM_EXIT_USAGE;
	}
	int status = GM_EXIT_OK;
	for (int i = 1; i < argc; i++) {
		gm_explanation ex;
		if (gm_explain(ctx, argv[i], &ex, &err) != GM_OK) {
			fprintf(stderr, "geomention gazetteer lookup: %s\n", err.message);
			status = GM_EXIT_FAIL;
			break;
		}
		printf("%s\n  folded:  %s\n", argv[i], ex.folded);
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
	return status;
}

static int info(int argc, char **argv)
{
	const char *path = gazetteer_arg(&argc, argv);
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
	if (gm_gazetteer_open_flags(&gaz, path, open_flags, &err) != GM_OK) {
		fprintf(stderr, "geomention gazetteer info: %s\n", err.message);
		return GM_EXIT_USAGE;
	}
	double took = now_ms() - t0;
	gm_gazetteer_info gi;
	gm_gazetteer_get_info(gaz, &gi);
	printf("path:        %s\nformat:      %u\nbuilt:       %s\nplaces:      %u\nkeys:        %u\n"
	       "size:        %llu bytes\nchecksum:    %s\nopened in:   %.3f ms%s (%.3f ms without verifying)\n",
	       path, gi.format_version, gi.build_date, gi.places, gi.keys, (unsigned long long)gi.file_size, gi.checksum,
	       took, open_flags & GM_GAZ_OPEN_NO_VERIFY ? "" : ", verified", lazy);
	gm_gazetteer_close(gaz);
	return GM_EXIT_OK;
}

static int verify(int argc, char **argv)
{
	const char *path = gazetteer_arg(&argc, argv);
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
	const char *path = gazetteer_arg(&argc, argv);
	const char *format = "GPKG", *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-f") && i + 1 < argc)
			format = argv[++i];
		else if (argv[i][0] == '-' || out) {
			fprintf(stderr, "geomention gazetteer export: unexpected %s\n", argv[i]);
			return GM_EXIT_USAGE;
		} else
			out = argv[i];
	}
	if (!out) {
		fprintf(stderr, "geomention gazetteer export: needs an output FILE\n");
		return GM_EXIT_USAGE;
	}
	gm_error err = {0, ""};
	gm_gazetteer *gaz = NULL;
	if (gm_gazetteer_open_flags(&gaz, path, open_flags, &err) != GM_OK) {
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
