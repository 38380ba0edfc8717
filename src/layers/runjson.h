/* runjson.h: run.json, the run's account of itself (internal): the tool and
 * gazetteer that made it, the options, the counts, every file written and
 * one entry per input document, processed or skipped with its reason. The
 * writer keeps the entries in a scratch file as documents come (so memory
 * does not grow with the input) and hands it here at the end. */
#ifndef GM_RUNJSON_H
#define GM_RUNJSON_H

#include "geomention.h"

#include "layers.h"

#include <stdio.h>

typedef struct gm_runjson {
	const gm_gazetteer *gaz;
	const char *options_json;   /* the caller's options as JSON; NULL: {} */
	double seconds;
	size_t n_inputs;
	const gm_run_summary *summary;
	size_t n_acled;             /* rows of events.csv */
	const char *const *files;   /* the files written, sorted; run.json is added */
	size_t n_files;
	FILE *docs;                 /* the entries, one a line, as gm__write_doc_members wrote them */
	size_t n_docs;
} gm_runjson;

/* run.json at path; GM_EIO when it cannot be written whole. */
int gm__runjson_write(const char *path, const gm_runjson *j, gm_error *err);

/* The members of run.json's entry for one input ("id": ..., "path": ...,
 * absent ones left out), no braces: run.json's entries and the stream's
 * document records (id_key "doc_id") are written by it. */
void gm__write_doc_members(FILE *f, const gm_doc_rec *d, const char *id_key);

#endif
