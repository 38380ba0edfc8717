/* outdir.h: the output folder, replaced as a whole (internal).
 *
 * A run never writes into its output folder OUT. It takes a lock beside it
 * (PARENT/.OUT.geomention-lock, flock: a second run into the same folder is
 * refused while the first lives, and a killed run's lock dies with it; the
 * file is removed when the run ends),
 * removes the temporary folders dead runs left, and writes every file into a
 * new folder PARENT/.OUT.geomention-tmp-XXXXXX (mkdtemp: a name no one can
 * plant). When every file is whole, one rename swaps the new folder in
 * (renameat2 RENAME_EXCHANGE where OUT exists, then the old tree is removed):
 * OUT is at every instant either the whole old run or the whole new one,
 * never a mix, and no file of an older run survives the new one.
 *
 * What the user keeps in OUT survives: every plain file that no run wrote
 * (not run.json, not a layer, not listed in the old run.json: a README) is
 * linked into the new folder before the swap. A sub-folder of the user's
 * would have to move, so such a folder is refused, never replaced. */
#ifndef GM_OUTDIR_H
#define GM_OUTDIR_H

#include "geomention.h"

#include <stddef.h>

typedef struct gm_outdir {
	char out[4096];      /* OUT as the user gave it */
	char parent[4096];   /* the folder holding OUT, resolved */
	char name[256];      /* OUT's last component */
	char tmp[4096];      /* the new folder being written; "" when none */
	int lock_fd;         /* -1 when not held */
} gm_outdir;

/* Whether out can be a run's output folder, creating nothing: OUT absent
 * (its nearest existing parent writable), or a folder of files only. */
int gm__outdir_check(const char *out, gm_error *err);
/* Lock, clean dead runs' folders, create the parent if missing and the new
 * folder (d->tmp). */
int gm__outdir_open(gm_outdir *d, const char *out, gm_error *err);
/* Swap the new folder in as OUT, remove the old one, release the lock. */
int gm__outdir_commit(gm_outdir *d, gm_error *err);
/* Remove the new folder (a failed or interrupted run) and release the lock;
 * OUT stays as it was. Safe after commit and after a failed open. */
void gm__outdir_abandon(gm_outdir *d);
/* The files in the new folder, sorted by name, dot files left out
 * (malloc'd, *n of them; the caller frees each and the array). */
int gm__outdir_files(const gm_outdir *d, char ***out, size_t *n, gm_error *err);
/* Remove a folder and everything below it, following no link (only this
 * run's own folders are handed to it). */
void gm__remove_tree(const char *dir);

#endif
