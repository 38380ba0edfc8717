/* outdir.c: the output folder, replaced as a whole (see outdir.h). */
#define _GNU_SOURCE   /* renameat2, flock */
#include "outdir.h"

#include "error.h"
#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_TAG ".geomention-tmp-"
#define OLD_TAG ".geomention-old-"
#define LOCK_TAG ".geomention-lock"

/* Split out into its parent (lexical, "." when none) and last component,
 * trailing slashes dropped. "." and ".." are resolved first: they name a
 * folder that exists, whose real path says where it lives. */
static int split_path(const char *out, char *parent, size_t pcap, char *name, size_t ncap)
{
	char buf[4096];
	if (snprintf(buf, sizeof buf, "%s", out) >= (int)sizeof buf || !*buf)
		return -1;
	size_t n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	const char *last = strrchr(buf, '/');
	last = last ? last + 1 : buf;
	if (!strcmp(last, ".") || !strcmp(last, "..") || !strcmp(buf, "/")) {
		char real[4096];
		if (!realpath(buf, real) || !strcmp(real, "/"))
			return -1;
		snprintf(buf, sizeof buf, "%s", real);
		last = strrchr(buf, '/') + 1;
	}
	if (snprintf(name, ncap, "%s", last) >= (int)ncap)
		return -1;
	if (last == buf)
		snprintf(parent, pcap, ".");
	else if (last == buf + 1)
		snprintf(parent, pcap, "/");
	else if (snprintf(parent, pcap, "%.*s", (int)(last - buf - 1), buf) >= (int)pcap)
		return -1;
	return 0;
}

static int mkdir_p(const char *path)
{
	char buf[4096];
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return -1;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* Whether a name is one a run writes: run.json, a layer (places.shp,
 * mentions.geojson, daily.csv ...), listed in the previous run.json, or a
 * hidden leftover of an older version. Everything else in the folder is the
 * user's (output/README.md) and is kept into the new folder. */
static int run_file(const char *name, const char *listed)
{
	static const char *const layers[] = {"places.", "mentions.", "events.", "daily.", "demonyms.", "geomention."};
	if (!strcmp(name, "run.json") || !strcmp(name, "map.html") || !strcmp(name, "map.svg") ||
	    !strncmp(name, TMP_TAG, strlen(TMP_TAG)) ||
	    !strcmp(name, ".documents") || !strcmp(name, ".map-events.geojson"))
		return 1;
	for (size_t i = 0; i < sizeof layers / sizeof *layers; i++)
		if (!strncmp(name, layers[i], strlen(layers[i])))
			return 1;
	if (listed) {
		char quoted[300];
		snprintf(quoted, sizeof quoted, "\"%s\"", name);
		if (strstr(listed, quoted))
			return 1;
	}
	return 0;
}

/* The "files" list of dir/run.json if it is ours (malloc'd), else NULL. */
static char *listed_files(const char *dir)
{
	char p[4200];
	snprintf(p, sizeof p, "%s/run.json", dir);
	FILE *f = fopen(p, "rb");
	if (!f)
		return NULL;
	char head[1 << 16];
	size_t got = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[got] = '\0';
	const char *files = strstr(head, "\n  \"files\": [");
	if (!strstr(head, "\"tool\": \"geomention\"") || !files)
		return NULL;
	const char *end = strchr(files, ']');
	size_t n = end ? (size_t)(end - files) : strlen(files);
	char *out = malloc(n + 1);
	if (out) {
		memcpy(out, files, n);
		out[n] = '\0';
	}
	return out;
}

/* Each entry of folder dir that no run wrote (the user's), handed to fn
 * until one fails; shown: the folder's name in a message. */
typedef int (*user_entry_fn)(DIR *dir, const char *dir_path, const char *name, const void *arg, gm_error *err);

static int each_user_entry(const char *dir_path, const char *shown, user_entry_fn fn, const void *arg, gm_error *err)
{
	DIR *dir = opendir(dir_path);
	if (!dir)
		return gm__fail(err, GM_EIO, "cannot read output folder %s: %s", shown, strerror(errno));
	char *listed = listed_files(dir_path);
	int rc = GM_OK;
	struct dirent *e;
	while (rc == GM_OK && (e = readdir(dir)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !run_file(e->d_name, listed))
			rc = fn(dir, dir_path, e->d_name, arg, err);
	closedir(dir);
	free(listed);
	return rc;
}

/* A sub-folder of the user's cannot be kept (it would have to move). */
static int keepable(DIR *dir, const char *dir_path, const char *name, const void *arg, gm_error *err)
{
	(void)arg;
	struct stat sb;
	if (fstatat(dirfd(dir), name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode))
		return gm__fail(err, GM_EIO,
		                "output folder %s holds %s, which is not a geomention run's: a run replaces its folder as "
		                "a whole and keeps only plain files of yours (a README); give a new or empty folder",
		                dir_path, name);
	return GM_OK;
}

/* GM_OK when every entry of an existing OUT is a run's or a file that can
 * be kept. */
static int check_entries(const char *dir, gm_error *err) { return each_user_entry(dir, dir, keepable, NULL, err); }

/* A link, so the old folder stays whole until the swap itself. */
static int link_into_new(DIR *dir, const char *dir_path, const char *name, const void *arg, gm_error *err)
{
	(void)dir_path;
	const gm_outdir *d = arg;
	char to[4400];
	snprintf(to, sizeof to, "%s/%s", d->tmp, name);
	if (linkat(dirfd(dir), name, AT_FDCWD, to, 0) != 0 && errno != EEXIST)
		return gm__fail(err, GM_EIO, "cannot keep %s/%s in the new output: %s", d->out, name, strerror(errno));
	return GM_OK;
}

/* Link the user's files of the old folder into the new one, before the swap. */
static int keep_user_files(const gm_outdir *d, const char *old, gm_error *err)
{
	return each_user_entry(old, d->out, link_into_new, d, err);
}

static int check_existing(const char *out, gm_error *err)
{
	struct stat sb;
	if (stat(out, &sb) != 0)
		return 1;   /* absent */
	if (!S_ISDIR(sb.st_mode))
		return gm__fail(err, GM_EIO, "output %s exists and is not a folder", out);
	return check_entries(out, err);
}

int gm__outdir_check(const char *out, gm_error *err)
{
	if (!out || !*out)
		return gm__fail(err, GM_EINVAL, "no output folder");
	char parent[4096], name[256];
	if (split_path(out, parent, sizeof parent, name, sizeof name) != 0)
		return gm__fail(err, GM_EIO, "output %s cannot be a run's folder (too long, or the root)", out);
	int rc = check_existing(out, err);
	if (rc <= 0)
		return rc;
	/* absent: the nearest folder that exists above it must let us create it */
	char up[4096];
	snprintf(up, sizeof up, "%s", parent);
	for (;;) {
		struct stat sb;
		if (stat(up, &sb) == 0) {
			if (!S_ISDIR(sb.st_mode))
				return gm__fail(err, GM_EIO, "cannot create output folder %s: %s is not a folder", out, up);
			if (access(up, W_OK | X_OK) != 0)
				return gm__fail(err, GM_EIO, "cannot create output folder %s: %s is not writable: %s", out, up,
				                strerror(errno));
			return GM_OK;
		}
		char *slash = strrchr(up, '/');
		if (!slash)
			snprintf(up, sizeof up, ".");
		else if (slash == up)
			up[1] = '\0';
		else
			*slash = '\0';
	}
}

/* The umask, read without changing it (umask(2) would, for every thread). */
static mode_t current_umask(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	unsigned m = 022;
	char line[128];
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "Umask: %o", &m) == 1)
			break;
	if (f)
		fclose(f);
	return (mode_t)m;
}

static void remove_at(int dirfd, const char *name, int depth)
{
	if (unlinkat(dirfd, name, 0) == 0 || depth > 16)
		return;
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			remove_at(fd, e->d_name, depth + 1);
	closedir(d);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

void gm__remove_tree(const char *dir)
{
	if (dir && *dir)
		remove_at(AT_FDCWD, dir, 0);
}

/* Temporary and old folders of runs that died: nobody else holds the lock,
 * so none of them is being written. */
static void clean_dead(const gm_outdir *d)
{
	DIR *p = opendir(d->parent);
	if (!p)
		return;
	char tmp_prefix[300], old_prefix[300];
	snprintf(tmp_prefix, sizeof tmp_prefix, ".%s" TMP_TAG, d->name);
	snprintf(old_prefix, sizeof old_prefix, ".%s" OLD_TAG, d->name);
	struct dirent *e;
	while ((e = readdir(p)))
		if (!strncmp(e->d_name, tmp_prefix, strlen(tmp_prefix)) || !strncmp(e->d_name, old_prefix, strlen(old_prefix)))
			remove_at(dirfd(p), e->d_name, 0);
	closedir(p);
}

int gm__outdir_open(gm_outdir *d, const char *out, gm_error *err)
{
	memset(d, 0, sizeof *d);
	d->lock_fd = -1;
	int rc = gm__outdir_check(out, err);
	if (rc != GM_OK)
		return rc;
	char parent[4096];
	snprintf(d->out, sizeof d->out, "%s", out);
	split_path(out, parent, sizeof parent, d->name, sizeof d->name);
	if (mkdir_p(parent) != 0 || !realpath(parent, d->parent))
		return gm__fail(err, GM_EIO, "cannot create output folder %s: %s", out, strerror(errno));
	char lock[4600];
	snprintf(lock, sizeof lock, "%s/.%s" LOCK_TAG, d->parent, d->name);
	d->lock_fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (d->lock_fd < 0)
		return gm__fail(err, GM_EIO, "output folder %s is not writable: cannot create its lock %s: %s", out, lock,
		                strerror(errno));
	if (flock(d->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(d->lock_fd);
		d->lock_fd = -1;
		if (e == EWOULDBLOCK)
			return gm__fail(err, GM_EBUSY,
			                "another geomention run is writing output folder %s (it holds %s): wait for it, or "
			                "give another -o",
			                out, lock);
		return gm__fail(err, GM_EIO, "cannot lock %s: %s", lock, strerror(e));
	}
	clean_dead(d);
	if (snprintf(d->tmp, sizeof d->tmp, "%s/.%s" TMP_TAG "XXXXXX", d->parent, d->name) >= (int)sizeof d->tmp ||
	    !mkdtemp(d->tmp)) {
		rc = gm__fail(err, GM_EIO, "cannot create a temporary folder beside %s: %s", out, strerror(errno));
		d->tmp[0] = '\0';
		gm__outdir_abandon(d);
		return rc;
	}
	chmod(d->tmp, 0777 & ~current_umask());   /* a folder as mkdir would make it, not mkdtemp's 0700 */
	return GM_OK;
}

int gm__outdir_commit(gm_outdir *d, gm_error *err)
{
	char dest[4400];
	snprintf(dest, sizeof dest, "%s/%s", d->parent, d->name);
	int rc = check_existing(dest, err);   /* it may have changed while the run worked */
	if (rc < 0)
		return rc;
	if (rc == 1) {
		if (rename(d->tmp, dest) != 0)
			return gm__fail(err, GM_EIO, "cannot move the new output into %s: %s", d->out, strerror(errno));
	} else if ((rc = keep_user_files(d, dest, err)) != GM_OK) {
		return rc;
	} else if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, dest, RENAME_EXCHANGE) == 0) {
		gm__remove_tree(d->tmp);   /* the old run's folder, now under the temporary name */
	} else if (errno == EINVAL || errno == ENOSYS) {
		/* a file system without exchange: the old folder aside, the new in, two renames */
		char old[4700];
		snprintf(old, sizeof old, "%s/.%s" OLD_TAG "XXXXXX", d->parent, d->name);
		if (!mkdtemp(old) || rename(dest, old) != 0)
			return gm__fail(err, GM_EIO, "cannot move the old output %s aside: %s", d->out, strerror(errno));
		if (rename(d->tmp, dest) != 0) {
			rc = gm__fail(err, GM_EIO, "cannot move the new output into %s: %s", d->out, strerror(errno));
			rename(old, dest);
			return rc;
		}
		gm__remove_tree(old);
	} else {
		return gm__fail(err, GM_EIO, "cannot swap the new output into %s: %s", d->out, strerror(errno));
	}
	d->tmp[0] = '\0';
	gm__outdir_abandon(d);
	return GM_OK;
}

void gm__outdir_abandon(gm_outdir *d)
{
	if (d->tmp[0])
		gm__remove_tree(d->tmp);
	d->tmp[0] = '\0';
	if (d->lock_fd >= 0) {
		/* the lock file goes while still held (no litter beside OUT); a run
		 * that opened it meanwhile was refused by LOCK_NB, and one that
		 * creates it anew finds nothing of this run left to disturb */
		char lock[4600];
		snprintf(lock, sizeof lock, "%s/.%s" LOCK_TAG, d->parent, d->name);
		unlink(lock);
		close(d->lock_fd);   /* releases the flock */
	}
	d->lock_fd = -1;
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int gm__outdir_files(const gm_outdir *od, char ***out, size_t *n, gm_error *err)
{
	char **names = NULL;
	size_t n_names = 0, cap_names = 0;
	int rc = GM_OK;
	DIR *d = opendir(od->tmp);
	struct dirent *e;
	while (rc == GM_OK && d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (GM__GROW(names, cap_names, n_names + 1)) {
			rc = gm__fail(err, GM_ENOMEM, "out of memory");
			break;
		}
		if (!(names[n_names] = strdup(e->d_name)))
			rc = gm__fail(err, GM_ENOMEM, "out of memory");
		else
			n_names++;
	}
	if (d)
		closedir(d);
	if (n_names)
		qsort(names, n_names, sizeof *names, cmp_name);
	*out = names;
	*n = n_names;
	return rc;
}
