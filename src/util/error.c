/* error.c: status names and error messages. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *gm_strerror(int code)
{
	switch (code) {
	case GM_OK: return "ok";
	case GM_EINVAL: return "invalid argument";
	case GM_EIO: return "input/output error";
	case GM_ENOMEM: return "out of memory";
	case GM_ECORRUPT: return "corrupt gazetteer";
	case GM_EVERSION: return "not a gazetteer of this version";
	case GM_EFORMAT: return "unknown output format";
	case GM_ECRS: return "coordinate reference system error";
	case GM_EICU: return "ICU error";
	case GM_EGDAL: return "GDAL/OGR error";
	case GM_ENOENT: return "no such file or directory";
	case GM_EBUSY: return "output folder in use by another run";
	case GM_ECANCELED: return "interrupted";
	case GM_EDB: return "database error";
	default: return "unknown error";
	}
}

int gm__fail(gm_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
	}
	return code;
}

void gm__clear(gm_error *err)
{
	if (err) {
		err->code = GM_OK;
		err->message[0] = '\0';
	}
}
