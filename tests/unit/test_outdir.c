/* test_outdir.c: the output folder replaced as a whole (layers/outdir.c):
 * the new folder beside it, the lock, the swap, what is kept and refused. */
#include "check.h"
#include "outdir.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static char top[] = "/tmp/gm-outdir-XXXXXX";

static void put(const char *dir, const char *name, const char *text)
{
	char p[4400];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int exists(const char *dir, const char *name)
{
	char p[600];
	struct stat sb;
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return stat(p, &sb) == 0;
}

/* entries of dir whose name contains part */
static int count_like(const char *dir, const char *part)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strstr(e->d_name, part) != NULL;
	if (d)
		closedir(d);
	return n;
}

static void new_folder_swapped_in(void)
{
	char out[300];
	snprintf(out, sizeof out, "%s/a/b/out", top);   /* parents made as needed */
	gm_outdir d;
	gm_error err;
	CHECK_INT(gm__outdir_check(out, &err), 0);
	CHECK_INT(gm__outdir_open(&d, out, &err), 0);
	CHECK(!exists(out, "."));                        /* nothing at OUT while the run works */
	put(d.tmp, "places.geojson", "new");
	put(d.tmp, "run.json", "{\n  \"tool\": \"geomention\",\n  \"files\": [\"places.geojson\", \"run.json\"]\n}\n");
	CHECK_INT(gm__outdir_commit(&d, &err), 0);
	CHECK(exists(out, "places.geojson") && exists(out, "run.json"));
	char parent[320];
	snprintf(parent, sizeof parent, "%s/a/b", top);
	CHECK_INT(count_like(parent, "geomention-"), 0);  /* no temporary folder, no lock left */
}

static void older_run_replaced_user_files_kept(void)
{
	char out[300];
	snprintf(out, sizeof out, "%s/a/b/out", top);
	put(out, "README.md", "mine");
	put(out, "events.gpkg", "an older run's format");
	gm_outdir d;
	gm_error err;
	CHECK_INT(gm__outdir_open(&d, out, &err), 0);
	put(d.tmp, "places.shp", "new");
	put(d.tmp, "run.json", "{\n  \"tool\": \"geomention\",\n  \"files\": [\"places.shp\", \"run.json\"]\n}\n");
	CHECK_INT(gm__outdir_commit(&d, &err), 0);
	CHECK(exists(out, "places.shp") && exists(out, "README.md"));
	CHECK(!exists(out, "places.geojson") && !exists(out, "events.gpkg"));
}

static void second_run_refused_while_locked(void)
{
	char out[300], lock[400];
	snprintf(out, sizeof out, "%s/locked", top);
	snprintf(lock, sizeof lock, "%s/.locked.geomention-lock", top);
	int fd = open(lock, O_RDWR | O_CREAT, 0666);
	CHECK(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0);
	gm_outdir d;
	gm_error err;
	CHECK_INT(gm__outdir_open(&d, out, &err), GM_EBUSY);
	CHECK(strstr(err.message, "another geomention run") != NULL);
	close(fd);
	CHECK_INT(gm__outdir_open(&d, out, &err), 0);   /* the lock died with its holder */
	gm__outdir_abandon(&d);
	CHECK(!exists(out, "."));                        /* abandoned: nothing made */
	CHECK_INT(count_like(top, "locked.geomention-tmp"), 0);
}

static void dead_runs_cleaned(void)
{
	char out[300], dead[400];
	snprintf(out, sizeof out, "%s/dead", top);
	snprintf(dead, sizeof dead, "%s/.dead.geomention-tmp-k1ll3d", top);
	mkdir(dead, 0700);
	put(dead, "places.shp", "half");
	gm_outdir d;
	gm_error err;
	CHECK_INT(gm__outdir_open(&d, out, &err), 0);
	CHECK(!exists(dead, "."));
	gm__outdir_abandon(&d);
}

static void refusals(void)
{
	gm_error err;
	char file[300], mine[300];
	snprintf(file, sizeof file, "%s/a-file", top);
	put(top, "a-file", "x");
	CHECK_INT(gm__outdir_check(file, &err), GM_EIO);
	CHECK(strstr(err.message, "not a folder") != NULL);
	snprintf(mine, sizeof mine, "%s/mine", top);
	mkdir(mine, 0777);
	char sub[400];
	snprintf(sub, sizeof sub, "%s/photos", mine);
	mkdir(sub, 0777);
	CHECK_INT(gm__outdir_check(mine, &err), GM_EIO);
	CHECK(strstr(err.message, "photos") != NULL);
	CHECK_INT(gm__outdir_check("", &err), GM_EINVAL);
	CHECK_INT(gm__outdir_check("/", &err), GM_EIO);
}

int main(int argc, char **argv)
{
	CHECK(mkdtemp(top) != NULL);
	static const check_case cases[] = {CHECK_CASE(new_folder_swapped_in), CHECK_CASE(older_run_replaced_user_files_kept),
	                                   CHECK_CASE(second_run_refused_while_locked), CHECK_CASE(dead_runs_cleaned),
	                                   CHECK_CASE(refusals)};
	int rc = check_run("outdir", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm__remove_tree(top);
	return rc;
}
