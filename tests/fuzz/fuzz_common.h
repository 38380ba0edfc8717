/* fuzz_common.h: what the libFuzzer harnesses share (tests/fuzz, scripts/fuzz).
 * Each harness feeds outside bytes to one entry point of the library; any
 * read past a buffer, leak or undefined operation is a finding (ASan, UBSan),
 * and so is an error code the API does not document. */
#ifndef GM_FUZZ_COMMON_H
#define GM_FUZZ_COMMON_H

#define _GNU_SOURCE   /* memfd_create */
#include "geomention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef GM_FUZZ_GAZETTEER_DEFAULT
#define GM_FUZZ_GAZETTEER_DEFAULT "build-fuzz/gazetteer.gmz"
#endif

/* The bundled gazetteer, opened once per process ($GM_FUZZ_GAZETTEER wins). */
static inline gm_gazetteer *fuzz_gazetteer(void)
{
	static gm_gazetteer *g;
	if (!g) {
		const char *p = getenv("GM_FUZZ_GAZETTEER");
		gm_error err;
		if (gm_gazetteer_open(&g, p && *p ? p : GM_FUZZ_GAZETTEER_DEFAULT, &err) != GM_OK) {
			fprintf(stderr, "fuzz: %s (set GM_FUZZ_GAZETTEER)\n", err.message);
			abort();
		}
	}
	return g;
}

/* The bytes as a file the library can open by path (/proc/self/fd/N of a
 * memfd): no disk, nothing left behind. -1 on failure. */
static inline int fuzz_file(const uint8_t *data, size_t size, char *path, size_t cap)
{
	int fd = memfd_create("gm-fuzz", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, cap, "/proc/self/fd/%d", fd);
	return fd;
}

/* An API result must be one of the documented codes. */
static inline void fuzz_check_rc(int rc)
{
	if (rc > 0 || rc < GM_ECANCELED)
		abort();
}

#endif
