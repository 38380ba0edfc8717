/* part.h: one part of a merge (internal): what merge.c hands part.c, and
 * the indexes every part reads through (place ids to the gazetteer's
 * indices; the documents merged so far, so that a shard given twice is
 * refused rather than counted twice). */
#ifndef GM_PART_H
#define GM_PART_H

#include "geomention.h"

#include "run.h"
#include "table.h"

#include <stdint.h>

typedef struct id_index {
	const gm_gazetteer *gaz;
	gm__table places;   /* the gazetteer's places by id */
} id_index;

/* Index every place id of gaz (x->places, freed by gm__table_free). */
int gm__id_index_build(id_index *x, const gm_gazetteer *gaz, gm_error *err);

/* The documents merged so far, by id, path and line: the same shard given
 * twice would count every document twice (#18). */
typedef struct doc_seen {
	struct seen_doc {
		uint64_t key;            /* doc_key() */
		const char *first_part;  /* the part it came from, for the message */
	} *docs;
	size_t n, cap;
	gm__table index;   /* docs by key */
} doc_seen;

typedef struct part {
	const char *name;
	gm_run *run;
	const id_index *ids;
	doc_seen *seen;
	size_t mentions, demonyms, events;   /* features read */
	size_t doc_mentions, doc_demonyms, doc_events;  /* what its documents say they had */
	size_t documents;
} part;

/* Read part pt->name at path into pt->run: GM_ECORRUPT when its layers hold
 * other counts than its documents list. */
int gm__part_read(part *pt, const char *path, gm_error *err);

/* Where a part keeps a layer: a file of its own (mentions.geojson, ...), 1;
 * or the run's GeoPackage holding every layer (geomention.gpkg), 2, when it
 * has a layer of that name. 0 when neither. path: the file. */
int gm__part_find_layer(const char *dir, const char *layer, char *path, size_t cap);

#endif
