/* reader.h: the reader's insides, shared by its two files (internal):
 * sources.c turns the inputs named into a list of sources (files, JSON Lines
 * files, standard input, what a folder holds, what cannot be read and why);
 * input.c reads the sources one item at a time. */
#ifndef GM_READER_H
#define GM_READER_H

#include "geomention.h"
#include "input.h"

#include "json.h"

#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

enum src_kind { SRC_TEXT, SRC_JSONL, SRC_STDIN, SRC_REFUSED };

typedef struct src {
	char *path;
	int kind;
	int walked;      /* found by a directory walk: only a regular file is read */
	char *reason;    /* SRC_REFUSED: why it is listed and not read */
} src;

/* A directory already walked, by device and inode: no link is followed twice. */
typedef struct dir_id {
	dev_t dev;
	ino_t ino;
} dir_id;

struct gm_reader {
	src *srcs;
	size_t n, cap, cur;
	dir_id *dirs;    /* the walk's directories so far */
	size_t n_dirs, cap_dirs;
	dir_id *files;   /* the walk's files so far: a second link to one is listed, not read */
	size_t n_files, cap_files;
	char *default_date;
	/* the open JSON Lines source */
	FILE *jf;
	long jline;
	long jrecords;   /* items the open source has given: an empty one is reported */
	char *line;
	size_t line_cap;
	/* what the current item points into */
	char *text, *id, *date, *source, *title, *url;
	gm_json_object obj;
};

/* Add what input p names to r's sources (*stdin_seen counts "-"). */
int gm__reader_add_input(gm_reader *r, const char *p, int *stdin_seen, gm_error *err);
/* "a FIFO", "a socket", ...: what a file that is not regular is, for a message. */
const char *gm__file_kind(mode_t m);

#endif
