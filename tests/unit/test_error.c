/* test_error.c: errors as the library reports them (util/error.h): a
 * negative code returned and the caller's gm_error filled, never printed;
 * a long message cut, not overrun; a name for every code. */
#include "check.h"
#include "error.h"

#include <string.h>

static void fail_fills_the_callers_error(void)
{
	gm_error err = {0, ""};
	CHECK_INT(gm__fail(&err, GM_EIO, "cannot read %s: %s", "a.txt", "denied"), GM_EIO);
	CHECK_INT(err.code, GM_EIO);
	CHECK_STR(err.message, "cannot read a.txt: denied");
	CHECK(GM_EIO < 0);
	CHECK_INT(gm__fail(NULL, GM_ENOMEM, "no error to fill"), GM_ENOMEM);   /* NULL: the code still returned */
	gm__clear(&err);
	CHECK_INT(err.code, GM_OK);
	CHECK_STR(err.message, "");
}

static void a_long_message_is_cut(void)
{
	gm_error err;
	char big[4 * sizeof err.message];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memset(err.message, 'z', sizeof err.message);
	gm__fail(&err, GM_EINVAL, "%s", big);
	CHECK_INT(strlen(err.message), sizeof err.message - 1);
}

static void every_code_has_a_name(void)
{
	static const int codes[] = {GM_EINVAL, GM_EIO, GM_ENOMEM, GM_ECORRUPT, GM_EVERSION, GM_EFORMAT, GM_ECRS,
	                            GM_EICU, GM_EGDAL, GM_ENOENT, GM_EBUSY, GM_ECANCELED, GM_EDB};
	int named = 1, distinct = 1;
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		named &= strcmp(gm_strerror(codes[i]), "unknown error") != 0;
		for (size_t j = 0; j < i; j++)
			distinct &= codes[i] != codes[j] && strcmp(gm_strerror(codes[i]), gm_strerror(codes[j])) != 0;
	}
	CHECK(named);
	CHECK(distinct);
	CHECK_STR(gm_strerror(GM_OK), "ok");
	CHECK_STR(gm_strerror(-9999), "unknown error");
}

int main(int argc, char **argv)
{
	static const check_case cases[] = {CHECK_CASE(fail_fills_the_callers_error), CHECK_CASE(a_long_message_is_cut),
	                                   CHECK_CASE(every_code_has_a_name)};
	return check_run("error", cases, sizeof cases / sizeof *cases, argc, argv, 2);
}
