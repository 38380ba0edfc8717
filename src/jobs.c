/* jobs.c: mapping a reader's documents on several threads into one run.
 *
 * The reader is read on the calling thread, a batch at a time (its items are
 * only valid until the next read, so each is copied); the batch's documents
 * are mapped by n threads, each with its own gm_ctx (ICU break iterators and
 * transliterators are not shared); then the results are added to the run in
 * input order on the calling thread. The run therefore sees exactly what one
 * thread would have given it, and the layers are the same bytes whatever the
 * number of threads. A batch is bounded in documents and bytes, so memory does
 * not grow with the input. */
#include "geomention.h"

#include "error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Per thread, a batch holds this many documents at most... */
#define BATCH_DOCS_PER_JOB 64
/* ...and this much text in all (a few large documents fill it first) */
#define BATCH_BYTES (32u << 20)

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
	batch *b;
	gm_ctx *ctx;
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
	map_items(w->b, w->ctx);
	return NULL;
}

int gm_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

int gm_run_map_reader(gm_run *run, gm_reader *reader, const gm_gazetteer *gaz, int n_jobs, gm_item_fn seen,
                      void *user, gm_error *err)
{
	if (n_jobs <= 0)
		n_jobs = gm_default_jobs();
	size_t cap = (size_t)n_jobs * BATCH_DOCS_PER_JOB;
	batch b;
	memset(&b, 0, sizeof b);
	worker *w = calloc((size_t)n_jobs, sizeof *w);
	b.items = calloc(cap, sizeof *b.items);
	if (!w || !b.items) {
		free(w);
		free(b.items);
		return gm__fail(err, GM_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&b.lock, NULL);
	int rc = GM_OK;
	for (int j = 0; j < n_jobs && rc == GM_OK; j++) {
		w[j].b = &b;
		rc = gm_ctx_new(&w[j].ctx, gaz, err);
	}
	int more = 1;
	while (rc == GM_OK && more) {
		/* read a batch */
		size_t bytes = 0;
		b.n = b.next = 0;
		while (b.n < cap && bytes < BATCH_BYTES) {
			gm_input_item item;
			int got = gm_reader_next(reader, &item, err);
			if (got < 0)
				rc = got;
			if (got <= 0) {
				more = 0;
				break;
			}
			rc = copy_item(&b.items[b.n], &item, err);
			if (rc != GM_OK)
				break;
			bytes += item.doc.text_len;
			b.n++;
		}
		/* map it: the calling thread is one of the workers */
		if (b.n) {
			int started = 0;
			for (int j = 1; j < n_jobs && (size_t)j < b.n; j++)
				if (pthread_create(&w[j].thread, NULL, worker_main, &w[j]) == 0)
					started = j;
				else
					break;   /* fewer threads: the others take more */
			map_items(&b, w[0].ctx);
			for (int j = 1; j <= started; j++)
				pthread_join(w[j].thread, NULL);
		}
		/* add the results in input order */
		for (size_t i = 0; i < b.n; i++) {
			batch_item *x = &b.items[i];
			if (rc == GM_OK && x->rc != GM_OK) {
				*err = x->err;
				rc = x->rc;
			}
			if (rc == GM_OK) {
				if (seen)
					seen(&x->item, user);
				rc = gm_run_add(run, &x->item, x->item.skipped ? NULL : &x->res, err);
			}
			gm_doc_result_free(&x->res);
			free(x->store);
			x->store = NULL;
		}
	}
	for (int j = 0; j < n_jobs; j++)
		gm_ctx_free(w[j].ctx);
	pthread_mutex_destroy(&b.lock);
	free(b.items);
	free(w);
	return rc;
}
