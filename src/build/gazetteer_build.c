/* gazetteer_build.c: compiling the reviewed TSV sources into one mmap-able file.
 *
 * Sources are told apart by their header line:
 *   places.tsv      id name_en name_ar lat lon feature country admin1 population names_ar names_alt ...
 *   curated.tsv     id action name_en name_ar lat lon feature country admin1 population names_ar note
 *                   action: add (aliases, and fields that are not empty override),
 *                           fix (fields override and the sources' names are dropped),
 *                           new (a place no source has)
 *   not-places.tsv  phrase kind note
 *   cues.tsv        word role class note   (type words, organisation heads, titles, ...)
 *   demonyms.tsv    demonym id note        (irregular demonyms: أمريكي -> the United States)
 *   event-triggers.tsv  trigger type note  (event words, casualty and counting words)
 * Places files are read first, then curated, then not-places and cues, whatever the
 * order on the command line, so a correction always lands on its place.
 * Names are tokenized and folded with the same code the matcher uses, so a key
 * in the file is exactly what the text will produce.
 */
#include "gazetteer_build.h"

#include "error.h"
#include "tokenize.h"
#include "translit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void free_builder(builder *b)
{
	for (size_t i = 0; i < b->n_places; i++) {
		bplace *p = &b->places[i];
		free(p->id);
		free(p->name_en);
		free(p->name_ar);
		free(p->admin1);
		for (size_t j = 0; j < p->n_names; j++)
			free(p->names[j].text);
		free(p->names);
	}
	free(b->places);
	gm__table_free(&b->ids);
	for (size_t i = 0; i < b->n_triples; i++)
		free(b->triples[i].key);
	free(b->triples);
	gm__tokens_free(&b->toks);
	gm__tokenizer_free(&b->tz);
	gm__translit_close(b->tr);
}

int gm_gazetteer_build(const char *const *sources, size_t n_sources, const char *out_path,
                       gm_build_stats *stats, gm_error *err)
{
	gm_build_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (!n_sources)
		return gm__fail(err, GM_EINVAL, "no gazetteer sources given");
	builder b;
	memset(&b, 0, sizeof b);
	b.stats = stats;
	b.err = err;
	int rc = gm__tokenizer_init(&b.tz, err);
	if (rc)
		return rc;
	rc = gm__translit_open(&b.tr, 0, err);
	if (rc) {
		gm__tokenizer_free(&b.tz);
		return rc;
	}
	/* folders are GeoNames dumps: read first, so that the reviewed TSV wins */
	for (size_t i = 0; i < n_sources && rc == GM_OK; i++) {
		struct stat sb;
		if (stat(sources[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			rc = gm__build_read_geonames(&b, sources[i]);
	}
	/* one pass per kind of source: places, curated, not-places, cues, demonyms */
	for (int pass = SRC_PLACES; pass <= SRC_TRIGGERS && rc == GM_OK; pass++) {
		for (size_t i = 0; i < n_sources && rc == GM_OK; i++) {
			struct stat sb;
			if (stat(sources[i], &sb) == 0 && S_ISDIR(sb.st_mode))
				continue;
			tsv t;
			rc = gm__tsv_open(&t, sources[i], err);
			if (rc == GM_OK) {
				int kind = gm__tsv_kind(&t);
				if (kind == SRC_UNKNOWN)
					rc = gm__fail(err, GM_EINVAL,
					              "%s: unknown header; expected a places file (id, lat, lon, ...), "
					              "curated (id, action, ...), not-places (phrase, kind, ...), cues (word, role, ...), demonyms (demonym, id, ...) or event triggers (trigger, type, ...)",
					              sources[i]);
				else if (kind == pass)
					rc = gm__build_read_tsv(&b, &t, kind);
			}
			free(t.buf);
		}
	}
	/* every (place, name) pair becomes a key posting */
	for (size_t i = 0; i < b.n_places && rc == GM_OK; i++)
		rc = gm__build_name_keys(&b, (uint32_t)i);
	if (rc == GM_OK && b.n_places == 0)
		rc = gm__fail(err, GM_EINVAL, "the sources hold no places");
	if (rc == GM_OK)
		rc = gm__build_assign_seats(&b);
	if (rc == GM_OK)
		rc = gm__build_write_file(&b, out_path);
	free_builder(&b);
	return rc;
}
