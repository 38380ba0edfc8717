/* merge.c: several runs' outputs into one, as if one run had read all their
 * input. Mentions, events and documents are copied one part after another
 * (part.c reads each); places and daily are sums over the parts (a document
 * lies in one part only, so even a place's count of documents adds up), and
 * both layers are sorted by what they hold, not by input order, so the
 * result does not depend on how the input was cut. */
#include "part.h"

#include "error.h"
#include "gdalapi.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int gm_merge(const char *const *parts, size_t n_parts, const gm_gazetteer *gaz, const gm_write_options *opts,
             gm_run_summary *summary, gm_error *err)
{
	int rc = gm__gdal_load(err);   /* (the parts are read through OGR) */
	if (rc != GM_OK)
		return rc;
	if (!n_parts)
		return gm__fail(err, GM_EINVAL, "nothing to merge");
	for (size_t i = 0; i < n_parts; i++) {
		struct stat sb;
		if (stat(parts[i], &sb) != 0)
			return gm__fail(err, GM_ENOENT, "%s: %s", parts[i], strerror(errno));
	}
	id_index ids;
	doc_seen seen = {0};
	rc = gm__id_index_build(&ids, gaz, err);
	if (rc != GM_OK)
		return rc;
	/* a folder with a demonyms layer asks for one in the merge */
	gm_write_options o = *opts;
	for (size_t i = 0; i < n_parts; i++) {
		char path[4096];
		o.demonyms |= gm__part_find_layer(parts[i], "demonyms", path, sizeof path);
	}
	gm_run *run = NULL;
	rc = gm_run_new(&run, gaz, &o, err);
	/* errors reach the caller through err, never stderr */
	CPLPushErrorHandler(CPLQuietErrorHandler);
	for (size_t i = 0; i < n_parts && rc == GM_OK; i++) {
		part pt;
		memset(&pt, 0, sizeof pt);
		pt.name = parts[i];
		pt.run = run;
		pt.ids = &ids;
		pt.seen = &seen;
		rc = gm__part_read(&pt, parts[i], err);
	}
	CPLPopErrorHandler();
	if (rc == GM_OK)
		rc = gm_run_finish(run, summary, err);
	gm_run_free(run);
	gm__table_free(&ids.places);
	gm__table_free(&seen.index);
	free(seen.docs);
	return rc;
}
