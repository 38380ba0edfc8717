/* sources.c: what the inputs named come to (reader.h): files, JSON Lines
 * files, standard input, and the readable files below a folder, in name
 * order; what cannot be read is listed with the reason, to be reported as a
 * skipped item, never left out. */
#include "reader.h"

#include "error.h"
#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static int add_src(gm_reader *r, const char *path, int kind)
{
	if (GM__GROW(r->srcs, r->cap, r->n + 1))
		return -1;
	src *s = &r->srcs[r->n];
	memset(s, 0, sizeof *s);
	s->path = strdup(path);
	if (!s->path)
		return -1;
	s->kind = kind;
	r->n++;
	return 0;
}

/* An entry the walk found and will not read, listed so that run.json
 * accounts for it: a FIFO named x.txt, a link to /dev/zero, a second link
 * to a folder or file already walked, a folder that cannot be read. */
__attribute__((format(printf, 3, 4))) static int add_refused(gm_reader *r, const char *path, const char *fmt, ...)
{
	if (add_src(r, path, SRC_REFUSED))
		return -1;
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	r->srcs[r->n - 1].reason = strdup(buf);
	return r->srcs[r->n - 1].reason ? 0 : -1;
}

/* 1 when (dev, ino) was seen already, else remembers it; -1 out of memory. */
static int seen_before(dir_id **set, size_t *n, size_t *cap, const struct stat *sb)
{
	for (size_t i = 0; i < *n; i++)
		if ((*set)[i].dev == sb->st_dev && (*set)[i].ino == sb->st_ino)
			return 1;
	if (GM__GROW(*set, *cap, *n + 1))
		return -1;
	(*set)[(*n)++] = (dir_id){sb->st_dev, sb->st_ino};
	return 0;
}

const char *gm__file_kind(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
	       : S_ISSOCK(m)   ? "a socket"
	                       : "not a regular file";
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_input_name(const char *name)
{
	return has_ext(name, ".txt") || has_ext(name, ".jsonl") || has_ext(name, ".ndjson");
}

/* Walk a directory in sorted order, so runs are reproducible. Only regular
 * files are read; links are followed, but no folder (by device and inode)
 * twice, so a link to . or to a parent ends at once. A folder that cannot
 * be read is listed as skipped and the walk goes on. */
static int walk(gm_reader *r, const char *dir, gm_error *err)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (add_refused(r, dir, "cannot read folder: %s", strerror(errno)))
			return gm__fail(err, GM_ENOMEM, "out of memory");
		return GM_OK;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = GM_OK;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;  /* hidden files and . .. */
		if (GM__GROW(names, cap, n + 1)) {
			rc = gm__fail(err, GM_ENOMEM, "out of memory");
			break;
		}
		names[n] = strdup(e->d_name);
		if (!names[n]) {
			rc = gm__fail(err, GM_ENOMEM, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == GM_OK && n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n && rc == GM_OK; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *p = malloc(len);
		if (!p) {
			rc = gm__fail(err, GM_ENOMEM, "out of memory");
			break;
		}
		snprintf(p, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		struct stat sb;
		int oom = 0, seen;
		if (stat(p, &sb) != 0) {
			if (is_input_name(names[i]))   /* a dangling link, a file gone meanwhile */
				oom = add_refused(r, p, "cannot read: %s", strerror(errno));
		} else if (S_ISDIR(sb.st_mode)) {
			seen = seen_before(&r->dirs, &r->n_dirs, &r->cap_dirs, &sb);
			if (seen < 0)
				oom = 1;
			else if (seen)
				oom = add_refused(r, p, "%s", "folder already walked (a link to it, or a link loop): not read again");
			else
				rc = walk(r, p, err);
		} else if (!is_input_name(names[i])) {
			/* not ours: images, PDFs, notes */
		} else if (!S_ISREG(sb.st_mode)) {
			oom = add_refused(r, p, "%s: only regular files are read in a folder", gm__file_kind(sb.st_mode));
		} else if ((seen = seen_before(&r->files, &r->n_files, &r->cap_files, &sb)) != 0) {
			oom = seen < 0 || add_refused(r, p, "%s", "the same file as an input already read (a link): not read again");
		} else {
			oom = add_src(r, p, has_ext(names[i], ".txt") ? SRC_TEXT : SRC_JSONL);
			if (!oom)
				r->srcs[r->n - 1].walked = 1;
		}
		if (oom && rc == GM_OK)
			rc = gm__fail(err, GM_ENOMEM, "out of memory");
		free(p);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int gm__reader_add_input(gm_reader *r, const char *p, int *stdin_seen, gm_error *err)
{
	struct stat sb;
	if (strcmp(p, "-") == 0) {
		if ((*stdin_seen)++)
			return gm__fail(err, GM_EINVAL, "standard input (-) given twice");
		return add_src(r, "-", SRC_STDIN) ? gm__fail(err, GM_ENOMEM, "out of memory") : GM_OK;
	}
	if (stat(p, &sb) != 0)
		return gm__fail(err, GM_ENOENT, "input %s: %s", p, strerror(errno));
	if (S_ISDIR(sb.st_mode)) {
		if (seen_before(&r->dirs, &r->n_dirs, &r->cap_dirs, &sb) < 0)
			return gm__fail(err, GM_ENOMEM, "out of memory");
		int rc = walk(r, p, err);
		if (rc == GM_OK && r->n && r->srcs[r->n - 1].kind == SRC_REFUSED && !strcmp(r->srcs[r->n - 1].path, p))
			rc = gm__fail(err, GM_EIO, "input %s: %s", p, r->srcs[r->n - 1].reason);   /* the folder named itself */
		return rc;
	}
	if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode))
		/* named on the command line: a regular file, or a pipe (<(zcat feed.gz)) */
		return gm__fail(err, GM_EINVAL, "input %s is %s: give a file, a folder, or - for standard input", p,
		                gm__file_kind(sb.st_mode));
	if (add_src(r, p, has_ext(p, ".jsonl") || has_ext(p, ".ndjson") ? SRC_JSONL : SRC_TEXT))
		return gm__fail(err, GM_ENOMEM, "out of memory");
	return GM_OK;
}
