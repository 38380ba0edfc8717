/* eventwords.c: the event reader's function words (eventwords.h). */
#include "eventwords.h"

#include "hash.h"
#include "table.h"

#include "fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* gazetteer/event-words.tsv's bytes, compiled in by CMake (gm_embed) */
extern const unsigned char gm__event_words_tsv[];
extern const size_t gm__event_words_tsv_len;

static const char *const function_names[GM_W_N] = {
	"",        "unit",  "ten",       "hundred", "thousand", "many",  "teen", "weekday",  "today",
	"yesterday", "night", "past",    "locative", "from",    "each",  "since", "near",   "official",
	"capital", "see",   "also",      "during",  "stop",  "round", "masira", "marching", "for_displaced", "air", "outset", "including", "agent", "bombard", "residents", "escalation", "via", "witness", "use", "hospital", "toll", "month", "stationed", "statement", "raid", "site", "possible", "began",
};

typedef struct row {
	char *form;   /* folded */
	size_t len;
	int function;
	long value;
} row;

static row *rows;
static size_t n_rows;
/* The distinct forms: each found at the first of its rows (its other rows
 * follow it, sorted); a quarter full, since most words asked are misses. */
static gm__table forms;
static pthread_once_t once = PTHREAD_ONCE_INIT;
/* A first test before the hash: one bit per form of the table, 65,536 bits,
 * from the word's first and last eight bytes and its length (two loads, not
 * a hash over every byte). A few hundred forms set under one percent of
 * them: the word that is no function word (most words asked) is mostly
 * turned away by one more load. */
static uint64_t quick[1024];

static uint32_t quick_bit(const char *w, size_t len)
{
	uint64_t head = 0, tail = 0;
	memcpy(&head, w, len < 8 ? len : 8);
	if (len > 8)
		memcpy(&tail, w + len - 8, 8);
	uint64_t h = (head * 0x9E3779B97F4A7C15ull) ^ (tail * 0xC2B2AE3D27D4EB4Full) ^ len;
	return (uint32_t)((h * 0xFF51AFD7ED558CCDull) >> 48);
}

int gm__function_word_code(const char *name)
{
	for (int i = 1; i < GM_W_N; i++)
		if (!strcmp(function_names[i], name))
			return i;
	return -1;
}

static int cmp_row(const void *a, const void *b)
{
	const row *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->form, y->form, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->function - y->function;
}

/* form function value note; # lines and the header passed over */
static void load(void)
{
	size_t cap = 1;
	for (size_t i = 0; i < gm__event_words_tsv_len; i++)
		cap += gm__event_words_tsv[i] == '\n';
	rows = calloc(cap, sizeof *rows);
	if (!rows)
		return;
	const char *p = (const char *)gm__event_words_tsv, *end = p + gm__event_words_tsv_len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *tab1 = memchr(p, '\t', (size_t)(le - p));
		const char *tab2 = tab1 ? memchr(tab1 + 1, '\t', (size_t)(le - tab1 - 1)) : NULL;
		if (*p != '#' && tab1 && tab2 && strncmp(p, "form\t", 5) != 0) {
			char fn[32];
			size_t fl = (size_t)(tab2 - tab1 - 1);
			int f = -1;
			if (fl < sizeof fn) {
				memcpy(fn, tab1 + 1, fl);
				fn[fl] = '\0';
				f = gm__function_word_code(fn);
			}
			char folded[128];
			size_t n = gm__fold(p, (size_t)(tab1 - p), folded, sizeof folded);
			char *copy = f > 0 && n ? malloc(n + 1) : NULL;
			if (copy) {
				memcpy(copy, folded, n);
				copy[n] = '\0';
				rows[n_rows++] = (row){copy, n, f, strtol(tab2 + 1, NULL, 10)};
			}
		}
		p = le + 1;
	}
	qsort(rows, n_rows, sizeof *rows, cmp_row);
	if (gm__table_reserve(&forms, 2 * n_rows))
		return;
	for (size_t i = 0; i < n_rows; i++) {
		if (i && rows[i].len == rows[i - 1].len && !memcmp(rows[i].form, rows[i - 1].form, rows[i].len))
			continue;   /* the same form: found through its first row */
		gm__table_add(&forms, gm__fnv1a32(GM__FNV32_BASIS, rows[i].form, rows[i].len), i);   /* room reserved */
		uint32_t b = quick_bit(rows[i].form, rows[i].len);
		quick[b >> 6] |= 1ull << (b & 63);
	}
}

size_t gm__function_word_count(void)
{
	pthread_once(&once, load);
	return n_rows;
}

/* The rows of word w[0..len) (one per function it has), found by hash:
 * [*lo, *lo + n). Every word of every sentence is asked, most of them no
 * function word: a miss costs a hash and, mostly, an empty slot. */
typedef struct word {
	const char *w;
	size_t len;
} word;

static int same_form(const void *r, size_t i, const void *key)
{
	const row *x = &((const row *)r)[i];
	const word *k = key;
	return x->len == k->len && !memcmp(x->form, k->w, k->len);
}

static size_t rows_of(const char *w, size_t len, size_t *lo)
{
	*lo = 0;
	uint32_t b = quick_bit(w, len);
	if (!(quick[b >> 6] >> (b & 63) & 1))
		return 0;
	word k = {w, len};
	size_t a = gm__table_find(&forms, gm__fnv1a32(GM__FNV32_BASIS, w, len), same_form, rows, &k);
	if (a == GM__TABLE_NONE)
		return 0;
	size_t n = 1;
	while (a + n < n_rows && same_form(rows, a + n, &k))
		n++;
	*lo = a;
	return n;
}

/* The event reader asks one token for several functions in a row (a day
 * word? yesterday? a weekday?): the word's rows are kept for the next ask,
 * by its text (a buffer's address is reused by the next document). */
#define LAST_TEXT 64
static _Thread_local struct {
	char text[LAST_TEXT];
	size_t len, lo, n;
	int set;
} last;

/* The memo's rows for w (LAST_TEXT bytes at most), looked up when w is not
 * the word asked last. */
static void remember(const char *w, size_t len)
{
	if (!last.set || len != last.len || memcmp(last.text, w, len) != 0) {
		last.n = rows_of(w, len, &last.lo);
		memcpy(last.text, w, len);
		last.len = len;
		last.set = 1;
	}
}

uint64_t gm__function_mask(const char *w, size_t len)
{
	pthread_once(&once, load);
	if (!rows)
		return 0;
	size_t lo, n;
	if (len > LAST_TEXT) {
		n = rows_of(w, len, &lo);
	} else {
		remember(w, len);
		lo = last.lo;
		n = last.n;
	}
	uint64_t mask = 0;
	for (size_t i = lo; i < lo + n; i++)
		mask |= GM_W_BIT(rows[i].function);
	return mask;
}

int gm__function_word(const char *w, size_t len, int function, long *value)
{
	pthread_once(&once, load);
	if (!rows)
		return 0;
	if (len > LAST_TEXT) {
		size_t lo, n = rows_of(w, len, &lo);
		for (size_t i = lo; i < lo + n; i++)
			if (rows[i].function == function) {
				if (value)
					*value = rows[i].value;
				return 1;
			}
		return 0;
	}
	remember(w, len);
	for (size_t i = last.lo; i < last.lo + last.n; i++)
		if (rows[i].function == function) {
			if (value)
				*value = rows[i].value;
			return 1;
		}
	return 0;
}
