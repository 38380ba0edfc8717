/* floor.c: the least any word-based reader of Arabic news must do, as the
 * bench's reference (scripts/bench, #17): split UTF-8 into runs of letters
 * and digits, fold each run as the matcher does, and probe the gazetteer's
 * hash once per run. No clitics, no names of several words, no output.
 *
 * usage: floor GAZETTEER FILE   prints the words and the hits */
#include "fold.h"
#include "gazetteer.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_word_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x064B && cp <= 0x065F) || (cp >= 0x0660 && cp <= 0x0669) ||
	       (cp >= 0x066E && cp <= 0x06D3) || (cp >= 0x00C0 && cp <= 0x024F);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: floor GAZETTEER FILE\n");
		return 2;
	}
	gm_gazetteer *g = NULL;
	gm_error err;
	if (gm_gazetteer_open(&g, argv[1], &err) != GM_OK) {
		fprintf(stderr, "floor: %s\n", err.message);
		return 1;
	}
	FILE *f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	gm__fold_init();
	static char buf[1 << 20];
	char word[1024], folded[1024];
	size_t wl = 0, carry = 0, n;
	unsigned long long words = 0, hits = 0;
	while ((n = fread(buf + carry, 1, sizeof buf - carry, f)) > 0 || carry) {
		size_t len = carry + n, i = 0;
		int eof = n == 0;
		while (i < len) {
			uint32_t cp;
			size_t k = gm__utf8_decode((const unsigned char *)buf + i, len - i, &cp);
			if (!k && !eof && len - i < 4)
				break;   /* a character cut by the buffer: read on */
			if (!k)
				k = 1, cp = 0;
			if (is_word_cp(cp) && wl + k < sizeof word) {
				memcpy(word + wl, buf + i, k);
				wl += k;
			} else if (wl) {
				size_t fl = gm__fold(word, wl, folded, sizeof folded);
				words++;
				hits += gm__gaz_find(g, folded, fl) != NULL;
				wl = 0;
			}
			i += k;
		}
		carry = len - i;
		memmove(buf, buf + i, carry);
		if (eof)
			break;
	}
	fclose(f);
	printf("%llu words, %llu in the gazetteer\n", words, hits);
	gm_gazetteer_close(g);
	return 0;
}
