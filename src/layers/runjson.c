/* runjson.c: run.json, the run's account of itself (runjson.h). */
#include "runjson.h"

#include "error.h"
#include "json.h"
#include "utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

void gm__write_doc_members(FILE *f, const gm_doc_rec *d, const char *id_key)
{
	fprintf(f, "\"%s\": ", id_key);
	gm__json_write_string(f, d->id);
	fprintf(f, ", \"path\": ");
	gm__json_write_string(f, d->path);
	if (d->line)
		fprintf(f, ", \"line\": %ld", d->line);
	fprintf(f, ", \"status\": \"%s\"", d->skipped ? "skipped" : "processed");
	if (d->reason) {
		fprintf(f, ", \"reason\": ");
		gm__json_write_string(f, d->reason);
	}
	if (d->warning && d->warning[0]) {
		fprintf(f, ", \"warning\": ");
		gm__json_write_string(f, d->warning);
	}
	if (d->invalid_utf8)
		fprintf(f, ", \"invalid_utf8_replaced\": %u", d->invalid_utf8);
	if (d->date && d->date[0])
		fprintf(f, ", \"date\": \"%s\"", d->date);
	/* where it came from, as the input gave it (cut to what a DBF holds, as in the layers) */
	const char *const prov[3] = {d->url, d->source, d->title}, *const prov_key[3] = {"url", "source", "title"};
	for (int k = 0; k < 3; k++)
		if (prov[k] && prov[k][0]) {
			fprintf(f, ", \"%s\": ", prov_key[k]);
			gm__json_write_string(f, prov[k]);
		}
	if (!d->skipped)
		fprintf(f, ", \"mentions\": %zu, \"demonyms\": %zu, \"events\": %zu", d->n_mentions, d->n_demonyms,
		        d->n_events);
}

static int write_run_json(FILE *f, const gm_runjson *j)
{
	const gm_run_summary *s = j->summary;
	gm_gazetteer_info gi;
	gm_gazetteer_get_info(j->gaz, &gi);
	fprintf(f, "{\n  \"tool\": \"geomention\",\n  \"version\": ");
	gm__json_write_string(f, GM_VERSION_STRING);
	fprintf(f, ",\n  \"gazetteer\": {\"name\": ");
	gm__json_write_string(f, gi.name);
	fprintf(f, ", \"build_date\": ");
	gm__json_write_string(f, gi.build_date);
	fprintf(f, ", \"checksum\": \"%s\", \"format_version\": %u, \"places\": %u},\n", gi.checksum, gi.format_version,
	        gi.places);
	/* the caller's JSON, with any byte that is not UTF-8 (a Latin-1 path
	 * given on the command line) as U+FFFD: such bytes are never JSON's own
	 * punctuation, so the text stays the JSON it was, and valid */
	const char *oj = j->options_json && *j->options_json ? j->options_json : "{}";
	size_t ojl;
	unsigned bad = 0;
	char *fixed = gm__utf8_repair(oj, strlen(oj), &ojl, &bad);
	fprintf(f, "  \"options\": %s,\n", fixed ? fixed : "{}");
	free(fixed);
	fprintf(f, "  \"timing\": {\"seconds\": %.3f},\n", j->seconds);
	fprintf(f,
	        "  \"counts\": {\"inputs\": %zu, \"documents\": %zu, \"skipped\": %zu, \"mentions\": %zu, \"places\": %zu, "
	        "\"demonyms\": %zu, \"events\": %zu, \"events_acled\": %zu},\n",
	        j->n_inputs, s->documents, s->skipped, s->mentions, s->places, s->demonyms, s->events, j->n_acled);
	fprintf(f, "  \"files\": [");
	for (size_t i = 0; i < j->n_files; i++) {
		gm__json_write_string(f, j->files[i]);
		fprintf(f, ", ");
	}
	fprintf(f, "\"run.json\"],\n");
	if (s->n_warnings) {
		/* what a file lacks that the run had */
		fprintf(f, "  \"warnings\": [");
		for (size_t i = 0; i < s->n_warnings; i++) {
			fprintf(f, i ? ", " : "");
			gm__json_write_string(f, s->warnings[i]);
		}
		fprintf(f, "],\n");
	}
	fprintf(f, "  \"documents\": [\n");
	/* the entries as they were written, one a line */
	if (fflush(j->docs) != 0 || fseek(j->docs, 0, SEEK_SET) != 0)
		return -1;
	char *line = NULL;
	size_t cap = 0, i = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, j->docs)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		fprintf(f, "    %s%s\n", line, ++i < j->n_docs ? "," : "");
	}
	free(line);
	fprintf(f, "  ]\n}\n");
	return ferror(j->docs) ? -1 : 0;
}

int gm__runjson_write(const char *path, const gm_runjson *j, gm_error *err)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return gm__fail(err, GM_EIO, "cannot write %s: %s", path, strerror(errno));
	int wrc = write_run_json(f, j);
	if (fclose(f) != 0 || wrc != 0)
		return gm__fail(err, GM_EIO, "cannot write %s: %s", path, strerror(errno));
	return GM_OK;
}
