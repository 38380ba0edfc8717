/* pgtext.h: the text of the PostGIS sink (internal): SQL literals and
 * statements of ours, and a connection string's password. postgis.c sends
 * them; this part holds no connection. */
#ifndef GM_PGTEXT_H
#define GM_PGTEXT_H

#include "geomention.h"

#include "layers.h"
#include "strbuf.h"

#include <stddef.h>

/* A text literal (E'...': read the same whatever standard_conforming_strings
 * says); NULL for an empty or absent one. */
void gm__pg_put_text(gm_strbuf *b, const char *s);
/* A WGS 84 point, NULL when either coordinate is NaN. */
void gm__pg_put_point(gm_strbuf *b, double lon, double lat);
/* One row's values ("a, b, ..."), typed as the fields say (integer, date, text). */
void gm__pg_put_values(gm_strbuf *b, const gm_field *fields, size_t n, const gm_value *v);
/* The fields' names, quoted, comma-separated. */
void gm__pg_put_columns(gm_strbuf *b, const gm_field *fields, size_t n);

/* The documents table's columns, in the order rows are written. */
#define GM_PG_N_DOC_FIELDS 14
extern const gm_field gm__pg_doc_fields[GM_PG_N_DOC_FIELDS];

/* The statements that make schema s, one a gm_strbuf of out (cap of them),
 * *n made: tables and indexes if missing, columns added since an older
 * schema, the country table, views anew. -1 when cap is too small or a
 * buffer failed. */
int gm__pg_schema_sql(const char *s, gm_strbuf *out, size_t cap, size_t *n);
/* A schema name we need not quote: lower-case letters, digits, _. */
int gm__pg_valid_schema(const char *s);
/* The password of a libpq keyword string or URI (conn without "PG:"), "" if none. */
void gm__pg_password(const char *conn, char *out, size_t cap);

#endif
