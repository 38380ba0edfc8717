/* json.h: the JSON this tool needs (internal): reading one JSON Lines object
 * of scalar fields, and writing escaped strings. */
#ifndef GM_JSON_H
#define GM_JSON_H

#include <stddef.h>
#include <stdio.h>

typedef struct gm_json_field {
	char *name;
	char *value;     /* strings decoded to UTF-8; numbers and literals as written; NULL for null */
	int is_string;
} gm_json_field;

typedef struct gm_json_object {
	gm_json_field *fields;
	size_t n, cap;
	unsigned nul_escapes;   /* \u0000 escapes, each decoded as U+FFFD */
} gm_json_object;

/* Parse one JSON object from s[0..len) (nested values are skipped). Returns 0,
 * or -1 with a short reason and the byte column in why. */
int gm__json_parse_object(const char *s, size_t len, gm_json_object *out, char *why, size_t why_cap);
/* Parse the flat object that is the value of a top-level member of the
 * object in s[0..len) (a GeoJSON Feature's "properties"). */
int gm__json_parse_member(const char *s, size_t len, const char *member, gm_json_object *out, char *why,
                          size_t why_cap);
const gm_json_field *gm__json_get(const gm_json_object *o, const char *name);
void gm__json_object_free(gm_json_object *o);

/* Where escaped JSON goes: n bytes of s, to whatever ctx is. */
typedef void (*gm_json_sink)(void *ctx, const char *s, size_t n);

/* gm__json_escape's flags. */
#define GM__JSON_VALID_UTF8 1u   /* a byte that starts no UTF-8 sequence (a file name from an
                                    old Latin-1 disk) becomes U+FFFD: the JSON stays valid */
#define GM__JSON_NAMED_BF 2u     /* \b and \f by name, as json-c (GDAL's GeoJSON) writes them;
                                    else \u0008 and \u000c */

/* Whether s[0..len) needs no escape in a JSON string of its bytes as they
 * are (no quote, backslash or control character): the test gm__json_escape
 * makes without GM__JSON_VALID_UTF8, for a writer that copies such text
 * straight into its buffer. */
int gm__json_plain(const char *s, size_t len);

/* The one JSON string escaper: s as a JSON string literal (with quotes) into
 * put. '"' and '\\' escaped, \n \r \t by name, other control bytes as
 * \u00XX, everything else (UTF-8, '/', DEL) as it is. */
void gm__json_escape(const char *s, unsigned flags, gm_json_sink put, void *ctx);

/* gm__json_escape into a FILE, with GM__JSON_VALID_UTF8. */
void gm__json_write_string(FILE *f, const char *s);

#endif
