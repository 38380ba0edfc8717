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

/* Write s as a JSON string literal (with quotes). */
void gm__json_write_string(FILE *f, const char *s);

#endif
