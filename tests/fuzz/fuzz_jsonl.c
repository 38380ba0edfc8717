/* fuzz_jsonl.c: the JSON Lines reader (gm_reader) over any bytes: every line
 * comes out as a document or as a skipped item with a reason, never a crash;
 * a document's text is valid UTF-8 of the length it says. */
#include "fuzz_common.h"

#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], named[80];
	int fd = fuzz_file(data, size, path, sizeof path);
	if (fd < 0)
		return 0;
	/* the reader takes JSON Lines by extension: a link named .jsonl */
	char dir[] = "/tmp/gm-fuzz-jsonl-XXXXXX";
	if (!mkdtemp(dir)) {
		close(fd);
		return 0;
	}
	snprintf(named, sizeof named, "%s/in.jsonl", dir);
	if (symlink(path, named) != 0) {
		close(fd);
		rmdir(dir);
		return 0;
	}
	const char *in[] = {named};
	gm_reader *r = NULL;
	gm_error err;
	int rc = gm_reader_open(&r, in, 1, "2024-01-01", &err);
	fuzz_check_rc(rc);
	gm_input_item it;
	size_t items = 0;
	while (rc == GM_OK && (rc = gm_reader_next(r, &it, &err)) == 1) {
		items++;
		if (it.skipped) {
			if (!it.reason[0])
				abort();   /* a skipped item always says why */
			continue;
		}
		if (!it.doc.text || strlen(it.doc.text) != it.doc.text_len || !it.doc.id)
			abort();
		size_t l;
		unsigned bad = 0;
		char *copy = gm__utf8_repair(it.doc.text, it.doc.text_len, &l, &bad);
		if (copy && bad)
			abort();   /* the reader hands on valid UTF-8 only */
		free(copy);
		rc = GM_OK;
	}
	if (rc < 0)
		fuzz_check_rc(rc);
	gm_reader_free(r);
	unlink(named);
	rmdir(dir);
	close(fd);
	return 0;
}
