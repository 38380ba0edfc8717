/* jobs.c: mapping a reader's documents on several threads, results in input order.
 *
 * The reader is read on the calling thread, a batch at a time (its items are
 * only valid until the next read, so each is copied); the batch's documents
 * are mapped by n threads, each with its own gm_ctx (ICU break iterators and
 * transliterators are not shared). Meanwhile the calling thread hands the
 * previous batch's results, in input order, to the caller's function (which
 * writes the layers), reads the next batch, then joins the mapping. Whatever
 * that function writes is therefore exactly what one thread would have
 * written, and writing and reading, which only one thread can do, overlap the
 * mapping instead of waiting for it. Three batches bounded in documents and
 * bytes: memory does not grow with the input. */
#include "geomention.h"

#include "error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Per thread, a batch holds this many documents at most... */
#define BATCH_DOCS_PER_JOB 64
/* ...and this much text in all (a few large documents fill it first) */
#define BATCH_BYTES (16u << 20)

typedef struct batch_item {
	gm_input_item item;   /* its strings point into store */
	char *store;
	gm_doc_result res;
	int rc;
	gm_error err;
} batch_item;

typedef struct batch {
	batch_item *items;
	size_t n;
	pthread_mutex_t lock;
	size_t next;          /* the next item a worker takes */
} batch;

typedef struct worker {
	batch *b;          /* the batch it maps now */
	gm_ctx *ctx;       /* made by the worker itself, at its first batch */
	const gm_gazetteer *gaz;
	int rc;            /* GM_OK, or why its context could not be made (err) */
	gm_error err;
	pthread_t thread;
} worker;

/* A copy of an item that outlives the reader's next call: the strings in one block. */
static int copy_item(batch_item *dst, const gm_input_item *src, gm_error *err)
{
	const gm_document *d = &src->doc;
	const char *strs[] = {d->id, d->date, d->source, d->title, d->url, d->path};
	size_t lens[6], total = d->text_len + 1;
	for (size_t i = 0; i < 6; i++) {
		lens[i] = strs[i] ? strlen(strs[i]) + 1 : 0;
		total += lens[i];
	}
	memset(dst, 0, sizeof *dst);
	dst->item = *src;
	dst->store = malloc(total);
	if (!dst->store)
		return gm__fail(err, GM_ENOMEM, "out of memory copying a document");
	char *p = dst->store;
	const char **to[] = {&dst->item.doc.id, &dst->item.doc.date, &dst->item.doc.source,
	                     &dst->item.doc.title, &dst->item.doc.url, &dst->item.doc.path};
	for (size_t i = 0; i < 6; i++) {
		if (!strs[i])
			continue;
		memcpy(p, strs[i], lens[i]);
		*to[i] = p;
		p += lens[i];
	}
	if (d->text_len)
		memcpy(p, d->text, d->text_len);
	p[d->text_len] = '\0';
	dst->item.doc.text = p;
	return GM_OK;
}

static void map_items(batch *b, gm_ctx *ctx)
{
	for (;;) {
		pthread_mutex_lock(&b->lock);
		size_t i = b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->n)
			return;
		batch_item *x = &b->items[i];
		if (!x->item.skipped)
			x->rc = gm_map_document(ctx, &x->item.doc, &x->res, &x->err);
	}
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	/* a context takes ICU's transliterator some 50 ms to open: each worker
	 * opens its own while the calling thread reads and maps, not all of
	 * them one after another before anything starts */
	if (!w->ctx && (w->rc = gm_ctx_new(&w->ctx, w->gaz, &w->err)) != GM_OK)
		return NULL;   /* (the calling thread maps what this one leaves) */
	map_items(w->b, w->ctx);
	return NULL;
}

int gm_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* Free a batch's copies and results. */
static void free_batch(batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		gm_doc_result_free(&b->items[i].res);
		memset(&b->items[i].res, 0, sizeof b->items[i].res);
		free(b->items[i].store);
		b->items[i].store = NULL;
	}
	b->n = 0;
}

/* Hand a batch's results to fn in input order (the first error stops it), then free them. */
static int hand_over(batch *b, gm_result_fn fn, void *user, gm_error *err)
{
	int rc = GM_OK;
	for (size_t i = 0; i < b->n && rc == GM_OK; i++) {
		batch_item *x = &b->items[i];
		if (x->rc != GM_OK) {
			*err = x->err;
			rc = x->rc;
		} else {
			rc = fn(&x->item, x->item.skipped ? NULL : &x->res, user, err);
		}
	}
	free_batch(b);
	return rc;
}

/* Read up to cap items (and BATCH_BYTES of text) into b; *more 0 at the end. */
static int read_batch(batch *b, size_t cap, gm_reader *reader, int *more, gm_error *err)
{
	size_t bytes = 0;
	b->n = b->next = 0;
	while (b->n < cap && bytes < BATCH_BYTES) {
		gm_input_item item;
		int got = gm_reader_next(reader, &item, err);
		if (got <= 0) {
			*more = 0;
			return got;
		}
		int rc = copy_item(&b->items[b->n], &item, err);
		if (rc != GM_OK)
			return rc;
		bytes += item.doc.text_len;
		b->n++;
	}
	return GM_OK;
}

int gm_map_reader(gm_reader *reader, const gm_gazetteer *gaz, int n_jobs, gm_result_fn fn, void *user,
                  gm_error *err)
{
	if (n_jobs <= 0)
		n_jobs = gm_default_jobs();
	size_t cap = (size_t)n_jobs * BATCH_DOCS_PER_JOB;
	/* three batches: one mapped while the calling thread hands over the one
	 * before it (the writing) and reads the one after it (the JSON) */
	batch bs[3];
	memset(bs, 0, sizeof bs);
	worker *w = calloc((size_t)n_jobs, sizeof *w);
	int rc = w ? GM_OK : GM_ENOMEM;
	for (int k = 0; k < 3 && rc == GM_OK; k++) {
		if (!(bs[k].items = calloc(cap, sizeof *bs[k].items)))
			rc = GM_ENOMEM;
		else
			pthread_mutex_init(&bs[k].lock, NULL);
	}
	if (rc != GM_OK) {
		for (int k = 0; k < 3; k++)
			if (bs[k].items)
				pthread_mutex_destroy(&bs[k].lock);
		free(w);
		for (int k = 0; k < 3; k++)
			free(bs[k].items);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	for (int j = 0; j < n_jobs; j++)
		w[j].gaz = gaz;
	if (rc == GM_OK)
		rc = gm_ctx_new(&w[0].ctx, gaz, err);
	int more = 1;
	batch *done = NULL;   /* mapped, waiting to be handed over */
	batch *cur = &bs[0];  /* read, to be mapped now */
	if (rc == GM_OK)
		rc = read_batch(cur, cap, reader, &more, err);
	for (int k = 0; rc == GM_OK && (cur->n || done); k = (k + 1) % 3) {
		batch *next = &bs[(k + 1) % 3];
		/* the other threads map this batch while the calling thread hands
		 * over the previous one and reads the next, then joins the mapping */
		int started = 0;
		for (int j = 1; j < n_jobs && (size_t)j < cur->n; j++) {
			w[j].b = cur;
			if (pthread_create(&w[j].thread, NULL, worker_main, &w[j]) != 0)
				break;   /* fewer threads: the others take more */
			started = j;
		}
		if (done)
			rc = hand_over(done, fn, user, err);
		next->n = next->next = 0;
		int rrc = rc == GM_OK && more ? read_batch(next, cap, reader, &more, err) : GM_OK;
		map_items(cur, w[0].ctx);
		for (int j = 1; j <= started; j++) {
			pthread_join(w[j].thread, NULL);
			if (w[j].rc != GM_OK && rc == GM_OK) {
				rc = w[j].rc;
				*err = w[j].err;
			}
		}
		if (rc == GM_OK)
			rc = rrc;
		done = cur->n ? cur : NULL;
		cur = next;
	}
	/* after an error: free what is left unhanded */
	for (int k = 0; k < 3; k++)
		free_batch(&bs[k]);
	for (int j = 0; j < n_jobs; j++)
		gm_ctx_free(w[j].ctx);
	for (int k = 0; k < 3; k++) {
		pthread_mutex_destroy(&bs[k].lock);
		free(bs[k].items);
	}
	free(w);
	return rc;
}

typedef struct run_sink {
	gm_run *run;
	gm_item_fn seen;
	void *user;
} run_sink;

static int add_to_run(const gm_input_item *item, const gm_doc_result *res, void *user, gm_error *err)
{
	run_sink *s = user;
	int rc = s->seen ? s->seen(item, s->user) : 0;
	if (rc < 0)
		return gm__fail(err, rc, "the caller stopped the run at %s", item->doc.id ? item->doc.id : "an input");
	return gm_run_add(s->run, item, res, err);
}

int gm_run_map_reader(gm_run *run, gm_reader *reader, const gm_gazetteer *gaz, int n_jobs, gm_item_fn seen,
                      void *user, gm_error *err)
{
	run_sink s = {run, seen, user};
	return gm_map_reader(reader, gaz, n_jobs, add_to_run, &s, err);
}
