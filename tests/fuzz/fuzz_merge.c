/* fuzz_merge.c: merge's stream reader: a saved `map --stream` (GeoJSON
 * Sequence) of any bytes merged into layers. Bad lines are refused with a
 * code and a message; nothing crashes, and a refused merge leaves no folder. */
#include "fuzz_common.h"

#include "outdir.h"

#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof path);
	if (fd < 0)
		return 0;
	char dir[] = "/tmp/gm-fuzz-merge-XXXXXX";
	if (!mkdtemp(dir)) {
		close(fd);
		return 0;
	}
	char out[64];
	snprintf(out, sizeof out, "%s/out", dir);
	const char *formats[] = {"GeoJSON"};
	gm_write_options wo = GM_WRITE_OPTIONS_INIT;
	wo.out_dir = out;
	wo.formats = formats;
	wo.n_formats = 1;
	const char *parts[] = {path};
	gm_run_summary sum;
	gm_error err;
	int rc = gm_merge(parts, 1, fuzz_gazetteer(), &wo, &sum, &err);
	fuzz_check_rc(rc);
	struct stat sb;
	if (rc != GM_OK && stat(out, &sb) == 0)
		abort();   /* a refused merge writes nothing */
	gm__remove_tree(dir);   /* no rm(1) child per input: the fuzzer's time goes to the code */
	close(fd);
	return 0;
}
