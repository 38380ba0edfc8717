/* gdalapi.c: GDAL opened and its functions found on first use (gdalapi.h). */
#define GM__GDAL_LOADER
#include "gdalapi.h"

#include "error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#ifndef GM_GDAL_SONAME
#error "GM_GDAL_SONAME: the file name of the GDAL library to open (CMakeLists.txt sets it)"
#endif

struct gm__gdal_api gm__gdal;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char library[4096];   /* gm_set_gdal_library's, "": GM_GDAL_SONAME */
static atomic_int tried;
static atomic_int loaded;   /* (atomic: gm__gdal_loaded reads it without the once) */
static char load_error[512];

/* (a dlsym'd pointer stored as a function pointer by its bytes: ISO C has
 * no conversion between the two, POSIX guarantees they are alike) */
static void load(void)
{
	atomic_store(&tried, 1);
	const char *lib = library[0] ? library : GM_GDAL_SONAME;
	void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		snprintf(load_error, sizeof load_error, "cannot open GDAL (%.300s): %s", lib, why ? why : "?");
		return;
	}
	struct gm__gdal_api api;
	void *fn;
#define GM__GDAL_FIND(f)                                                                                    \
	if (!(fn = dlsym(h, #f))) {                                                                             \
		snprintf(load_error, sizeof load_error, "GDAL (%.300s) lacks the function %s", lib, #f);             \
		dlclose(h);                                                                                         \
		return;                                                                                             \
	}                                                                                                       \
	memcpy(&api.f, &fn, sizeof fn);
	GM__GDAL_FUNCTIONS(GM__GDAL_FIND)
#undef GM__GDAL_FIND
	/* (the handle stays open for the process: GDAL is not made to unload) */
	api.GDALAllRegister();
	gm__gdal = api;
	atomic_store(&loaded, 1);
}

int gm_set_gdal_library(const char *path)
{
	if (atomic_load(&tried) || (path && strlen(path) >= sizeof library))
		return GM_EINVAL;
	snprintf(library, sizeof library, "%s", path ? path : "");
	return GM_OK;
}

int gm__gdal_load(gm_error *err)
{
	pthread_once(&load_once, load);
	return loaded ? GM_OK : gm__fail(err, GM_EGDAL, "%s", load_error);
}

int gm__gdal_loaded(void) { return atomic_load(&loaded); }
