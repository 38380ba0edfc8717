/* check.h: the unit tests' assertions and named cases. Each failure names
 * file:line and the expression; each case prints a line of its own; the last
 * line is "N passed, M failed", which ctest and CI read. */
#ifndef GM_CHECK_H
#define GM_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                          \
	do {                                                                                     \
		if (cond) {                                                                          \
			check_passed++;                                                                  \
		} else {                                                                             \
			check_failed++;                                                                  \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);          \
		}                                                                                    \
	} while (0)

#define CHECK_STR(got, want)                                                                 \
	do {                                                                                     \
		const char *g_ = (got), *w_ = (want);                                                \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                                               \
			check_passed++;                                                                  \
		} else {                                                                             \
			check_failed++;                                                                  \
			fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got,  \
			        g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                 \
		}                                                                                    \
	} while (0)

#define CHECK_INT(got, want)                                                                 \
	do {                                                                                     \
		long long g_ = (long long)(got), w_ = (long long)(want);                             \
		if (g_ == w_) {                                                                      \
			check_passed++;                                                                  \
		} else {                                                                             \
			check_failed++;                                                                  \
			fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
		}                                                                                    \
	} while (0)

static inline int check_done(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

/* Named cases: a test program lists its cases once and runs them all, or
 * only those named on its command line (test_fold tests/data alef_forms),
 * with a line per case. --list prints the names. */
typedef struct check_case {
	const char *name;
	void (*run)(void);
} check_case;
#define CHECK_CASE(fn) {#fn, fn}

static inline int check_run(const char *suite, const check_case *cases, size_t n, int argc, char **argv, int first)
{
	if (argc > first && !strcmp(argv[first], "--list")) {
		for (size_t i = 0; i < n; i++)
			printf("%s\n", cases[i].name);
		return 0;
	}
	int ran = 0, unknown = 0;
	for (int a = first; a < argc; a++) {
		int found = 0;
		for (size_t i = 0; i < n; i++)
			found |= !strcmp(argv[a], cases[i].name);
		if (!found) {
			fprintf(stderr, "%s: no case named %s (--list names them)\n", suite, argv[a]);
			unknown = 1;
		}
	}
	for (size_t i = 0; i < n && !unknown; i++) {
		int wanted = argc <= first;
		for (int a = first; a < argc; a++)
			wanted |= !strcmp(argv[a], cases[i].name);
		if (!wanted)
			continue;
		int before = check_failed, passed = check_passed;
		cases[i].run();
		printf("  %s %s (%d checks)\n", check_failed == before ? "ok  " : "FAIL", cases[i].name,
		       check_passed - passed + check_failed - before);
		ran++;
	}
	if (unknown)
		return 2;
	return check_done(suite) || !ran;
}

/* A test's temporary folder removed with all it holds (made by mkdtemp, so
 * its name has no quote): 0, or 1 when it could not be. */
static inline int check_remove_tree(const char *dir)
{
	char cmd[4200];
	if (snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir) >= (int)sizeof cmd)
		return 1;
	return system(cmd) != 0;
}

/* A file's text (NUL-terminated, at most 64 KB, in one static buffer), or NULL. */
static inline char *check_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

#endif
