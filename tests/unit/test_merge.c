/* test_merge.c: runs' outputs merged into one (src/run/merge.c, part.c):
 * streams of two halves merged give the very files one run writes, and so do
 * two output folders; a part given twice, and a part of another gazetteer,
 * are refused with nothing written. */
#include "runfix.h"

/* The input files mapped by one run into GeoJSON layers in out. */
static void map_into(const char *out, const char *const *in, size_t n_in, gm_run_summary *s)
{
	gm_error err;
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.formats = geojson;
	wo.n_formats = 1;
	wo.out_dir = out;
	gm_run *run;
	gm_reader *r;
	CHECK_INT(gm_run_new(&run, gaz, &wo, &err), 0);
	CHECK_INT(gm_reader_open(&r, in, n_in, NULL, &err), 0);
	CHECK_INT(gm_run_map_reader(run, r, gaz, 2, NULL, NULL, &err), 0);
	gm_reader_free(r);
	CHECK_INT(gm_run_finish(run, s, &err), 0);
	gm_run_free(run);
}

/* Every file of folder a but run.json (which names its run: times, inputs,
 * parts) is byte for byte the file of the same name in b. */
static void same_folders(const char *a, const char *b)
{
	DIR *d = opendir(a);
	CHECK(d != NULL);
	int compared = 0, same = 1;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "run.json") == 0)
			continue;
		char x[700], y[700];
		snprintf(x, sizeof x, "%s/%s", a, e->d_name);
		snprintf(y, sizeof y, "%s/%s", b, e->d_name);
		compared++;
		if (!same_file(x, y)) {
			same = 0;
			fprintf(stderr, "  %s differs between one run and the merge\n", e->d_name);
		}
	}
	if (d)
		closedir(d);
	CHECK(compared >= 5);   /* mentions, events, places, daily (GeoJSON and CSV), events.csv */
	CHECK(same);
}

static void merge_into(const char *out, const char *const *parts, size_t n, gm_run_summary *s)
{
	gm_error err;
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.formats = geojson;
	wo.n_formats = 1;
	wo.out_dir = out;
	CHECK_INT(gm_merge(parts, n, gaz, &wo, s, &err), 0);
}

static void same_counts(const gm_run_summary *a, const gm_run_summary *b)
{
	CHECK_INT(b->documents, a->documents);
	CHECK_INT(b->mentions, a->mentions);
	CHECK_INT(b->events, a->events);
	CHECK_INT(b->places, a->places);
	CHECK(a->mentions > 0 && a->events > 0);
}

/* every layer file merged from two streams is the file one run writes */
static void streams_merged_are_one_run(void)
{
	char one[340], merged[340], part[2][340];
	snprintf(one, sizeof one, "%s/one", dir);
	snprintf(merged, sizeof merged, "%s/merged", dir);
	const char *in[] = {input};
	gm_run_summary s1, s2;
	map_into(one, in, 1, &s1);
	if (make_parts(part))
		return;
	const char *parts[] = {part[0], part[1]};
	merge_into(merged, parts, 2, &s2);
	same_counts(&s1, &s2);
	same_folders(one, merged);
}

/* two output folders, each of a part of the input, merge to the files one
 * run over the whole input writes: places and daily summed, documents and
 * features in input order */
static void folders_merged_are_one_run(void)
{
	char half[2][340], out[2][340], both[340], merged[340];
	for (int k = 0; k < 2; k++) {
		snprintf(half[k], sizeof half[k], "%s/half%d.jsonl", dir, k);
		snprintf(out[k], sizeof out[k], "%s/out%d", dir, k);
		FILE *f = fopen(half[k], "w");
		CHECK(f != NULL);
		if (!f)
			return;
		for (int i = k * N_DOCS / 2; i < (k + 1) * N_DOCS / 2; i++) {
			char date[11];
			doc_date(i, date);
			fprintf(f, "{\"id\": \"d%d\", \"date\": \"%s\", \"text\": \"%s\"}\n", i, date, texts[i % N_TEXTS]);
		}
		fclose(f);
	}
	snprintf(both, sizeof both, "%s/both", dir);
	snprintf(merged, sizeof merged, "%s/merged-folders", dir);
	gm_run_summary s, s0, s1, sm;
	const char *all[] = {half[0], half[1]};
	map_into(both, all, 2, &s);
	map_into(out[0], all, 1, &s0);
	map_into(out[1], all + 1, 1, &s1);
	CHECK_INT(s0.documents + s1.documents, s.documents);
	const char *parts[] = {out[0], out[1]};
	merge_into(merged, parts, 2, &sm);
	same_counts(&s, &sm);
	same_folders(both, merged);
}

/* Merging parts into DIR/name is refused, the message holding want and
 * also (NULL: nothing more), and no output folder made. */
static void merge_refused(const char *const *parts, size_t n, const char *name, const char *want, const char *also)
{
	gm_error err;
	char out[340];
	snprintf(out, sizeof out, "%s/%s", dir, name);
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.formats = geojson;
	wo.n_formats = 1;
	wo.out_dir = out;
	gm_run_summary s;
	int rc = gm_merge(parts, n, gaz, &wo, &s, &err);
	CHECK(rc < 0);
	CHECK(rc < 0 && strstr(err.message, want) != NULL && (!also || strstr(err.message, also) != NULL));
	struct stat st;
	CHECK(stat(out, &st) != 0);
}

/* A stream part of the given text, at DIR/name; NULL when it cannot be written. */
static const char *stream_part(const char *name, const char *text)
{
	static char part[340];
	snprintf(part, sizeof part, "%s/%s", dir, name);
	FILE *f = fopen(part, "w");
	CHECK(f != NULL);
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return part;
}

/* the same part twice would count its documents twice: refused, no folder */
static void a_part_given_twice_is_refused(void)
{
	char part[2][340];
	if (make_parts(part))
		return;
	const char *parts[] = {part[0], part[0]};
	merge_refused(parts, 2, "twice", "merged twice", NULL);
}

/* a part naming a place this gazetteer does not have was mapped with
 * another: refused, with the gazetteer to use named */
static void a_place_of_another_gazetteer_is_refused(void)
{
	const char *part = stream_part("other.geojsons",
	                               "\x1e{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"kind\": \"mention\", "
	                               "\"doc_id\": \"x\", \"start\": 0, \"end\": 4, \"surface\": \"x\", "
	                               "\"place_id\": \"gn:999999999\"}}\n");
	if (part)
		merge_refused(&part, 1, "other", "gn:999999999", "--gazetteer");
}

/* a line that is not a feature of map --stream: refused with its line number */
static void a_damaged_stream_is_refused(void)
{
	const char *part = stream_part("damaged.geojsons",
	                               "\x1e{\"type\": \"Feature\", \"properties\": {\"kind\": \"document\", \"doc_id\": \"a\"}}\n"
	                               "{\"type\": \"Feature\", \"properties\": {\"kind\n");
	if (part)
		merge_refused(&part, 1, "damaged", "line 2", NULL);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(streams_merged_are_one_run), CHECK_CASE(folders_merged_are_one_run),
	                                   CHECK_CASE(a_part_given_twice_is_refused),
	                                   CHECK_CASE(a_place_of_another_gazetteer_is_refused),
	                                   CHECK_CASE(a_damaged_stream_is_refused)};
	return runfix_main("merge", cases, sizeof cases / sizeof *cases, argc, argv);
}
