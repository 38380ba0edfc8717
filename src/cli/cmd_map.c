/* cmd_map.c: geomention map: read inputs, map each document, write layers. */
#include "cli.h"

#include "geomention.h"
#include "options.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* SIGINT/SIGTERM: the handler only notes the signal; the mapping loop sees
 * it at the next document (report_item), the run is freed, which removes its
 * new folder and lock, and the signal is raised again to end as it would. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig) { interrupted = sig; }

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;   /* no SA_RESTART: a read from stdin that waits is interrupted too */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* After the run is cleaned up: die of the signal, as the shell expects. */
static void reraise(void)
{
	if (!interrupted)
		return;
	fprintf(stderr, "geomention map: interrupted; the output folder is as it was\n");
	signal(interrupted, SIG_DFL);
	raise(interrupted);
}

static void help(FILE *f)
{
	fprintf(f,
	        "usage: geomention map [options] INPUT...\n"
	        "\n"
	        "Finds every place mention in Arabic news text, resolves it to coordinates with the\n"
	        "gazetteer, extracts the events the articles report, and writes the layers places,\n"
	        "mentions, events and daily (daily.csv too, whatever the formats), with run.json\n"
	        "saying what happened to every input, into the output folder. The folder is\n"
	        "replaced as a whole when the run ends (files of yours in it are kept).\n"
	        "\n"
	        "INPUT is any of:\n"
	        "  FILE.txt        one article; its id is the file name without .txt\n"
	        "  FILE.jsonl      JSON Lines, one article a line: {\"id\", \"text\", \"date\" (YYYY-MM-DD),\n"
	        "                  \"source\", \"title\", \"url\"}; only \"text\" is required\n"
	        "  DIRECTORY       every .txt and .jsonl below it, in sorted order\n"
	        "  -               JSON Lines on standard input\n"
	        "\n"
	        "options:\n");
	gm_cli_option_help(f, gm_cli_output_options, gm_cli_n_output_options);
	gm_cli_option_help(f, gm_cli_map_options, gm_cli_n_map_options);
	fprintf(f,
	        "  --                  what follows is inputs, even a name that starts with -\n"
	        "A value may follow its option after a space, after = or, for one letter, right\n"
	        "after it: --jobs 4, --jobs=4, -j4; -o out, -o=out, -oout.\n");
	fprintf(f,
	        "\n"
	        "exit status: 0 done (skipped inputs are listed in run.json and on stderr), 1 failed while\n"
	        "working, 2 bad options, a missing input or an unwritable output folder.\n"
	        "\n"
	        "examples:\n"
	        "  geomention map samples/                          # every article below samples/\n"
	        "  geomention map -o out -f GPKG news.jsonl          # GeoPackage layers\n"
	        "  geomention map --t_srs EPSG:3857 -f \"ESRI Shapefile\" news.jsonl\n"
	        "  cat feed.jsonl | geomention map -o out -\n"
	        "  geomention map --stream - < feed.jsonl > feed.geojsons\n"
	        "  geomention map --pg \"PG:dbname=news\" feed.jsonl   # into PostGIS, schema geomention\n");
}

/* A progress line on stderr while a long run works, when stderr is a
 * terminal and --quiet is not given (#18): documents, MB, MB/s and, when the
 * inputs' size is known (files named on the command line), the share done
 * and the time left; redrawn at most twice a second, cleared at the end. */
typedef struct progress {
	int on;
	double t0, last;
	size_t docs, skipped;
	unsigned long long bytes, total;   /* total 0: not known (stdin, folders) */
	int drawn;
	unsigned long lines;   /* lines drawn so far */
} progress;
static progress prog;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_start(int quiet, const char *const *inputs, size_t n)
{
	memset(&prog, 0, sizeof prog);
	prog.on = !quiet && isatty(STDERR_FILENO);
	prog.t0 = prog.last = now_s();
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (!strcmp(inputs[i], "-") || stat(inputs[i], &sb) != 0 || !S_ISREG(sb.st_mode)) {
			prog.total = 0;   /* a stream or a folder: no share, no time left */
			break;
		}
		prog.total += (unsigned long long)sb.st_size;
	}
}

static void progress_clear(void)
{
	if (prog.drawn)
		fprintf(stderr, "\r\033[K");
	prog.drawn = 0;
}

static void progress_item(const gm_input_item *item)
{
	if (!prog.on)
		return;
	prog.docs += !item->skipped;
	prog.skipped += item->skipped != 0;
	prog.bytes += item->skipped ? 0 : item->doc.text_len;
	double t = now_s();
	if (prog.lines && t - prog.last < 0.5)
		return;   /* the first line at once, then twice a second */
	prog.lines++;
	prog.last = t;
	double mb = (double)prog.bytes / 1e6, rate = mb / (t - prog.t0 > 1e-9 ? t - prog.t0 : 1e-9);
	fprintf(stderr, "\r\033[Kgeomention map: %zu documents, %zu skipped, %.1f MB, %.1f MB/s", prog.docs, prog.skipped,
	        mb, rate);
	if (prog.total && prog.bytes <= prog.total && rate > 0) {
		double left = ((double)(prog.total - prog.bytes) / 1e6) / rate;
		fprintf(stderr, ", %.0f %%, about %.0f s left", 100.0 * (double)prog.bytes / (double)prog.total, left);
	}
	fflush(stderr);
	prog.drawn = 1;
}

/* Skipped inputs always, repairs and warnings unless --quiet: on stderr, in
 * input order. GM_ECANCELED once a signal came: the run stops there. */
static int report_item(const gm_input_item *item, void *user)
{
	int quiet = *(const int *)user;
	if (interrupted)
		return GM_ECANCELED;
	if (item->skipped || (!quiet && (item->invalid_utf8 || item->warning[0])))
		progress_clear();   /* a message on a line of its own */
	progress_item(item);
	if (item->skipped) {
		fprintf(stderr, "geomention map: skipped %s%s%s: %s\n", item->doc.path ? item->doc.path : "",
		        item->doc.id && *item->doc.id ? " " : "", item->doc.id ? item->doc.id : "", item->reason);
		return 0;
	}
	if (item->invalid_utf8 && !quiet)
		fprintf(stderr, "geomention map: %s (%s): %u invalid UTF-8 sequences replaced by U+FFFD\n", item->doc.id,
		        item->doc.path, item->invalid_utf8);
	if (item->warning[0] && !quiet)
		fprintf(stderr, "geomention map: %s line %ld: %s\n", item->doc.path, item->doc.line, item->warning);
	return 0;
}

typedef struct stream_state {
	FILE *out;
	const gm_gazetteer *gaz;
	int quiet;
	size_t documents, skipped, mentions, events;
} stream_state;

static int stream_item(const gm_input_item *item, const gm_doc_result *res, void *user, gm_error *err)
{
	stream_state *s = user;
	int rc = report_item(item, &s->quiet);
	if (rc < 0)
		return rc;
	if (res) {
		s->documents++;
		s->mentions += res->n_mentions;
		s->events += res->n_events;
	} else {
		s->skipped++;
	}
	return gm_stream_write(s->out, s->gaz, item, res, err);
}

/* --stream: features on stdout as documents are mapped; the count on stderr. */
static int map_stream(gm_reader *reader, const gm_gazetteer *gaz, int jobs, int quiet)
{
	static char buf[1 << 16];
	setvbuf(stdout, buf, _IOFBF, sizeof buf);
	stream_state s = {stdout, gaz, quiet, 0, 0, 0, 0};
	gm_error err = {0, ""};
	int rc = gm_map_reader(reader, gaz, jobs, stream_item, &s, &err);
	if (fflush(stdout) != 0 && rc == GM_OK) {
		rc = GM_EIO;
		snprintf(err.message, sizeof err.message, "cannot write the stream to stdout");
	}
	if (rc < 0) {
		if (!interrupted)
			fprintf(stderr, "geomention map: %s\n", err.message);
		return GM_EXIT_FAIL;
	}
	if (!quiet)
		fprintf(stderr, "geomention map: %zu documents mapped, %zu skipped; %zu mentions; %zu events (streamed)\n",
		        s.documents, s.skipped, s.mentions, s.events);
	return GM_EXIT_OK;
}

/* What the command line asks of map. */
typedef struct map_args {
	gm_cli_output out;
	const char **inputs;
	size_t ni;
	const char *date, *weights;
	int jobs, stream, help;
} map_args;

/* Parse argv into a; GM_EXIT_OK, or the exit status of a refusal (said on stderr). */
static int parse_args(int argc, char **argv, map_args *a)
{
	for (int i = 1; i < argc; i++) {
		const char *x = argv[i], *v;
		if (gm_cli_output_option(&a->out, argc, argv, &i))
			continue;
		int k = gm_cli_option_at(gm_cli_map_options, gm_cli_n_map_options, argc, argv, &i, &v);
		if (k == GM_OPT_HELP) {
			a->help = 1;
			return GM_EXIT_OK;
		} else if (k == GM_OPT_DATE) {
			a->date = v;
		} else if (k == GM_OPT_JOBS) {
			char *end;
			long n = strtol(v, &end, 10);
			if (*end || n < 1 || n > 1024) {
				fprintf(stderr, "geomention map: --jobs wants a number of threads from 1 to 1024, not %s\n", v);
				return GM_EXIT_USAGE;
			}
			a->jobs = (int)n;
		} else if (k == GM_OPT_STREAM) {
			a->stream = 1;
		} else if (k == GM_OPT_WEIGHTS) {
			a->weights = v;
		} else if (!strcmp(x, "--")) {
			while (++i < argc)
				a->inputs[a->ni++] = argv[i];   /* inputs, whatever they look like */
		} else if (!strcmp(x, "-") || x[0] != '-') {
			a->inputs[a->ni++] = x;
		} else {
			fprintf(stderr, "geomention map: unknown option or missing value: %s (see geomention map --help)\n", x);
			return GM_EXIT_USAGE;
		}
	}
	if (!a->ni) {
		fprintf(stderr, "geomention map: no INPUT given (see geomention map --help)\n");
		return GM_EXIT_USAGE;
	}
	char why[160];
	if (gm_cli_output_check(&a->out, why, sizeof why)) {
		fprintf(stderr, "geomention map: %s\n", why);
		return GM_EXIT_USAGE;
	}
	if (!a->out.gaz_path)
		a->out.gaz_path = gm_cli_default_gazetteer();
	return GM_EXIT_OK;
}

/* The options as run.json records them. */
static void record_options(const map_args *a, gm_cli_json *j)
{
	const gm_cli_output *o = &a->out;
	gm_cli_json_raw(j, "{");
	gm_cli_json_output(j, o);
	gm_cli_json_raw(j, ", \"gazetteer\": ");
	gm_cli_json_str(j, o->gaz_path);
	gm_cli_json_raw(j, ", \"date\": ");
	gm_cli_json_str(j, a->date);
	if (a->weights) {
		gm_cli_json_raw(j, ", \"weights\": ");
		gm_cli_json_str(j, a->weights);
	}
	gm_cli_json_raw(j, ", \"inputs\": ");
	gm_cli_json_list(j, a->inputs, a->ni);
	gm_cli_json_raw(j, "}");
}

/* What a finished run says on stdout: counts, files, event types, top places. */
static void print_summary(const gm_run *run, const gm_gazetteer *gaz, const gm_write_options *wo,
                          const gm_run_summary *sum)
{
	printf("geomention map: %zu documents mapped, %zu skipped; %zu mentions; %zu places; %zu demonyms; "
	       "%zu events\n",
	       sum->documents, sum->skipped, sum->mentions, sum->places, sum->demonyms, sum->events);
	gm_cli_print_written(wo, sum);
	const char *types[32];
	uint32_t type_counts[32];
	size_t n_types = gm_run_event_types(run, types, type_counts, 32);
	if (n_types)
		printf("events by type:");
	for (size_t i = 0; i < n_types; i++)
		printf("%s %s %u", i ? "," : "", types[i], type_counts[i]);
	if (n_types)
		printf("\n");
	for (int by_events = 0; by_events < 2; by_events++) {
		uint32_t top[5], counts[5];
		size_t n_top = gm_run_top_places(run, by_events, top, counts, 5);
		if (n_top)
			printf("%s:", by_events ? "most events" : "most mentioned");
		for (size_t i = 0; i < n_top; i++) {
			gm_place p;
			gm_gazetteer_get_place(gaz, top[i], &p);
			printf("%s %s (%u)", i ? "," : "", p.name_en, counts[i]);
		}
		if (n_top)
			printf("\n");
	}
}

/* Everything that can be refused, refused before any work: the inputs, the
 * gazetteer (with --weights), the output options. The output folder is not
 * touched here: a refused input or gazetteer leaves no folder behind. */
static int open_inputs(const map_args *a, const gm_write_options *wo, gm_reader **reader, gm_gazetteer **gaz)
{
	gm_error err = {0, ""};
	if (gm_reader_open(reader, a->inputs, a->ni, a->date, &err) != GM_OK ||
	    gm_gazetteer_open_flags(gaz, a->out.gaz_path, a->out.gaz_flags, &err) != GM_OK ||
	    (!a->stream && gm_run_check_options(wo, &err) != GM_OK)) {
		fprintf(stderr, "geomention map: %s\n", err.message);
		return GM_EXIT_USAGE;
	}
	if (a->weights) {
		gm_resolve_weights w;
		gm_resolve_weights_default(&w);
		if (gm_resolve_weights_parse(&w, a->weights, &err) != GM_OK) {
			fprintf(stderr, "geomention map: %s\n", err.message);
			return GM_EXIT_USAGE;
		}
		gm_gazetteer_set_weights(*gaz, &w);
	}
	return GM_EXIT_OK;
}

/* The documents mapped into the output folder (and the database). */
static int map_run(const map_args *a, gm_reader *reader, const gm_gazetteer *gaz, const gm_write_options *wo)
{
	gm_error err = {0, ""};
	gm_run *run = NULL;
	int quiet = a->out.quiet, status = GM_EXIT_OK;
	catch_signals();
	if (gm_run_new(&run, gaz, wo, &err) != GM_OK) {
		fprintf(stderr, "geomention map: %s\n", err.message);
		return err.code == GM_EIO || err.code == GM_EBUSY ? GM_EXIT_USAGE : GM_EXIT_FAIL;
	}
	progress_start(quiet, a->inputs, a->ni);
	int rc = gm_run_map_reader(run, reader, gaz, a->jobs, report_item, &quiet, &err);
	progress_clear();
	gm_run_summary sum;
	if (rc < 0) {
		if (!interrupted)
			fprintf(stderr, "geomention map: %s\n", err.message);
		status = GM_EXIT_FAIL;
	} else if (gm_run_finish(run, &sum, &err) != GM_OK) {
		fprintf(stderr, "geomention map: %s\n", err.message);
		status = err.code == GM_EIO ? GM_EXIT_USAGE : GM_EXIT_FAIL;
	} else {
		gm_cli_print_warnings("map", &sum);
		if (!quiet)
			print_summary(run, gaz, wo, &sum);
	}
	gm_run_free(run);
	return status;
}

int gm_cli_map(int argc, char **argv)
{
	map_args a = {.out = {.out_dir = "output", .formats = calloc((size_t)argc + 1, sizeof(char *)), .rfc7946 = 1},
	              .inputs = calloc((size_t)argc + 1, sizeof(char *))};
	gm_cli_json opts = {0};   /* run.json's options */
	gm_reader *reader = NULL;
	gm_gazetteer *gaz = NULL;
	int status = !a.out.formats || !a.inputs ? GM_EXIT_FAIL : parse_args(argc, argv, &a);
	if (status == GM_EXIT_OK && a.help) {
		help(stdout);
	} else if (status == GM_EXIT_OK) {
		gm_write_options wo = gm_cli_write_options(&a.out);
		record_options(&a, &opts);
		wo.options_json = opts.s;
		wo.jobs = a.jobs > 0 ? a.jobs : gm_default_jobs();   /* (--jobs 1: one thread from start to end) */
		if (opts.failed) {
			fprintf(stderr, "geomention map: out of memory\n");
			status = GM_EXIT_FAIL;
		} else if ((status = open_inputs(&a, &wo, &reader, &gaz)) == GM_EXIT_OK) {
			status = a.stream ? map_stream(reader, gaz, a.jobs, a.out.quiet) : map_run(&a, reader, gaz, &wo);
		}
	}
	free(opts.s);
	gm_gazetteer_close(gaz);
	gm_reader_free(reader);
	free(a.out.formats);
	free(a.inputs);
	reraise();
	return status;
}
