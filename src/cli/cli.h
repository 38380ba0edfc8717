/* cli.h: the geomention command's subcommands. The CLI uses only the public
 * API in geomention.h; everything it prints is said here, not in the library. */
#ifndef GM_CLI_H
#define GM_CLI_H

int gm_cli_map(int argc, char **argv);
int gm_cli_gazetteer(int argc, char **argv);
/* The gazetteer to use: --gazetteer, $GEOMENTION_GAZETTEER, or the bundled one
 * next to the executable. */
const char *gm_cli_default_gazetteer(void);

/* Exit statuses */
#define GM_EXIT_OK 0
#define GM_EXIT_FAIL 1    /* the run failed while working */
#define GM_EXIT_USAGE 2   /* bad options, missing inputs, unwritable output */

#endif
