/* fuzz_tsv.c: the gazetteer importers: the bytes as a reviewed TSV source
 * (the formats of the TSV files in gazetteer/, chosen by the header) and as a GeoNames dump
 * (cities500.txt in a --geonames folder). A bad row is skipped and counted,
 * a bad file refused with a code; what is built opens and verifies. */
#include "fuzz_common.h"

#include "outdir.h"

#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void build_and_check(const char *const *src, size_t n, const char *out)
{
	gm_build_stats st;
	gm_error err;
	int rc = gm_gazetteer_build(src, n, out, &st, &err);
	fuzz_check_rc(rc);
	if (rc != GM_OK)
		return;
	gm_gazetteer *g = NULL;
	if (gm_gazetteer_open(&g, out, &err) != GM_OK)
		abort();   /* what the builder writes, the reader takes */
	gm_gazetteer_close(g);
	unlink(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[] = "/tmp/gm-fuzz-tsv-XXXXXX";
	if (!mkdtemp(dir))
		return 0;
	char tsv[64], gn[64], cities[96], out[64];
	snprintf(tsv, sizeof tsv, "%s/source.tsv", dir);
	snprintf(gn, sizeof gn, "%s/gn", dir);
	snprintf(cities, sizeof cities, "%s/cities500.txt", gn);
	snprintf(out, sizeof out, "%s/out.gmz", dir);
	FILE *f = fopen(tsv, "wb");
	if (f) {
		fwrite(data, 1, size, f);
		fclose(f);
		const char *src[] = {tsv};
		build_and_check(src, 1, out);
	}
	mkdir(gn, 0700);
	if (rename(tsv, cities) == 0) {
		const char *src[] = {gn};
		build_and_check(src, 1, out);
	}
	gm__remove_tree(dir);   /* no rm(1) child per input: the fuzzer's time goes to the code */
	return 0;
}
