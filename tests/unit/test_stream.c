/* test_stream.c: a run's features as a GeoJSON Text Sequence (src/run/stream.c):
 * each record RS, one Feature on one line, LF; each input's mentions and
 * events, then its "document" record, which counts them; a skipped input is a
 * document record with its reason and nothing else. */
#include "json.h"
#include "runfix.h"

typedef struct stream_text {
	char *s;
	size_t len;
	FILE *f;
} stream_text;

static int write_record(const gm_input_item *item, const gm_doc_result *res, void *user, gm_error *err)
{
	return gm_stream_write(((stream_text *)user)->f, gaz, item, res, err);
}

/* The stream of input file path, mapped with jobs jobs (the caller frees t->s). */
static int stream_of(const char *path, int jobs, stream_text *t)
{
	gm_error err;
	gm_reader *r;
	const char *in[] = {path};
	t->s = NULL;
	t->len = 0;
	t->f = open_memstream(&t->s, &t->len);
	if (!t->f || gm_reader_open(&r, in, 1, NULL, &err))
		return -1;
	int rc = gm_map_reader(r, gaz, jobs, write_record, t, &err);
	gm_reader_free(r);
	fclose(t->f);
	return rc;
}

/* The properties member of one record line (without RS and LF). */
static const char *prop(const gm_json_object *o, const char *name)
{
	const gm_json_field *f = gm__json_get(o, name);
	return f && f->value ? f->value : "";
}

static void records_are_features_and_documents_count_them(void)
{
	stream_text t;
	CHECK_INT(stream_of(input, 1, &t), 0);
	CHECK(t.s && t.len > 0);
	size_t docs = 0, mentions = 0, events = 0, bad = 0;
	size_t doc_mentions = 0, doc_events = 0;
	int counts_agree = 1, arabic_kept = 0, rs_everywhere = 1;
	for (char *line = t.s; line && *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		rs_everywhere &= line[0] == '\x1e' && nl != NULL;
		gm_json_object o;
		char why[128];
		if (line[0] != '\x1e' || gm__json_parse_member(line + 1, n - 1, "properties", &o, why, sizeof why) != 0) {
			bad++;
		} else {
			const char *kind = prop(&o, "kind");
			if (!strcmp(kind, "mention")) {
				mentions++;
				doc_mentions++;
				arabic_kept |= strstr(prop(&o, "surface"), "باكو") != NULL;
			} else if (!strcmp(kind, "event")) {
				events++;
				doc_events++;
			} else if (!strcmp(kind, "document")) {
				docs++;
				counts_agree &= (size_t)atol(prop(&o, "mentions")) == doc_mentions &&
				                (size_t)atol(prop(&o, "events")) == doc_events;
				doc_mentions = doc_events = 0;
			} else {
				bad++;
			}
			gm__json_object_free(&o);
		}
		line = nl ? nl + 1 : NULL;
	}
	CHECK_INT(bad, 0);
	CHECK(rs_everywhere);
	CHECK_INT(docs, N_DOCS);
	CHECK(mentions > N_DOCS && events > 0);   /* the texts name places and tell events */
	CHECK(counts_agree);
	CHECK(arabic_kept);
	CHECK_INT(doc_mentions + doc_events, 0);   /* the stream ends on a document record */
	free(t.s);
}

/* the same bytes for any number of jobs */
static void the_same_stream_for_any_jobs(void)
{
	stream_text a, b;
	CHECK_INT(stream_of(input, 1, &a), 0);
	CHECK_INT(stream_of(input, 4, &b), 0);
	CHECK(a.s && b.s && a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
	free(a.s);
	free(b.s);
}

/* a line that is no JSON is accounted for: a document record, skipped, with
 * its reason, and no feature of it */
static void a_skipped_input_is_one_document_record(void)
{
	char path[340];
	snprintf(path, sizeof path, "%s/skip.jsonl", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("{\"id\": \"broken\", \"text\": \n", f);
	fclose(f);
	stream_text t;
	CHECK_INT(stream_of(path, 1, &t), 0);
	CHECK(t.s != NULL);
	if (!t.s)
		return;
	CHECK(t.s[0] == '\x1e' && strchr(t.s, '\n') == t.s + t.len - 1);   /* one record */
	gm_json_object o;
	char why[128];
	CHECK_INT(gm__json_parse_member(t.s + 1, t.len - 2, "properties", &o, why, sizeof why), 0);
	CHECK_STR(prop(&o, "kind"), "document");
	CHECK_STR(prop(&o, "status"), "skipped");
	CHECK(prop(&o, "reason")[0] != '\0');
	CHECK_STR(prop(&o, "path"), path);
	gm__json_object_free(&o);
	free(t.s);
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(records_are_features_and_documents_count_them),
	                                   CHECK_CASE(the_same_stream_for_any_jobs),
	                                   CHECK_CASE(a_skipped_input_is_one_document_record)};
	return runfix_main("stream", cases, sizeof cases / sizeof *cases, argc, argv);
}
