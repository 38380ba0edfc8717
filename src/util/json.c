/* json.c: a small strict JSON reader for JSON Lines records. Only what an
 * article record needs: an object whose values are strings, numbers, true,
 * false or null; arrays and objects inside are parsed and skipped. */
#include "json.h"

#include "grow.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
	const char *s;
	size_t len, pos;
	char *why;
	size_t why_cap;
	unsigned nul_escapes;   /* \u0000 met: a C string cannot hold it */
} parser;

static int fail(parser *p, const char *msg)
{
	snprintf(p->why, p->why_cap, "%s at byte %zu", msg, p->pos + 1);
	return -1;
}

static void ws(parser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\r' || p->s[p->pos] == '\n'))
		p->pos++;
}

static int hex4(parser *p, uint32_t *v)
{
	if (p->pos + 4 > p->len)
		return fail(p, "truncated \\u escape");
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p->s[p->pos++];
		*v <<= 4;
		if (c >= '0' && c <= '9') *v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f') *v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') *v |= (uint32_t)(c - 'A' + 10);
		else return fail(p, "bad \\u escape");
	}
	return 0;
}

/* The \u escape at p->pos (after "\u"), and the low half that follows a
 * high surrogate, as one code point. What UTF-8 cannot hold becomes U+FFFD:
 * a lone surrogate, and NUL, which would cut the text where it stands (a
 * visible mark instead, counted, so the reader can say so). */
static int unicode_escape(parser *p, uint32_t *cp)
{
	if (hex4(p, cp))
		return -1;
	if (*cp >= 0xD800 && *cp <= 0xDBFF && p->pos + 6 <= p->len && p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
		uint32_t lo;
		p->pos += 2;
		if (hex4(p, &lo))
			return -1;
		*cp = lo >= 0xDC00 && lo <= 0xDFFF ? 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00) : 0xFFFD;
	} else if (*cp >= 0xD800 && *cp <= 0xDFFF) {
		*cp = 0xFFFD;
	} else if (*cp == 0) {
		*cp = 0xFFFD;
		p->nul_escapes++;
	}
	return 0;
}

/* The escape at p->pos (after the backslash) as the bytes it stands for,
 * into enc (*el of them). */
static int escape(parser *p, char enc[8], size_t *el)
{
	if (p->pos >= p->len)
		return fail(p, "unterminated escape");
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char e = p->s[p->pos++];
	const char *k = e ? strchr(from, e) : NULL;
	if (k) {
		enc[0] = to[k - from];
		*el = 1;
		return 0;
	}
	if (e != 'u')
		return fail(p, "unknown escape");
	uint32_t cp;
	if (unicode_escape(p, &cp))
		return -1;
	*el = gm__utf8_encode(cp, enc);
	return 0;
}

/* From i on, the first byte a JSON string cannot hold as it is (a quote, a
 * backslash, a control character), or len: eight bytes a step while none is
 * among them (a byte at a time, the test cost a reader and a writer of news
 * some 5 instructions a byte). */
static size_t plain_bytes(const unsigned char *s, size_t i, size_t len)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	for (; i + 8 <= len; i += 8) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
		/* a byte of zero in q or b, or one below 0x20 in v (exact as to
		 * whether any is there, which is all this asks) */
		if (((q - ones) & ~q & highs) | ((b - ones) & ~b & highs) | ((v - ones * 0x20) & ~v & highs))
			break;
	}
	while (i < len && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20)
		i++;
	return i;
}

int gm__json_plain(const char *s, size_t len) { return plain_bytes((const unsigned char *)s, 0, len) == len; }

/* A string at p->pos (opening quote); decoded into *out when out != NULL. */
static int string(parser *p, char **out)
{
	p->pos++;
	size_t cap = 64, n = 0;
	char *buf = out ? malloc(cap) : NULL;
	if (out && !buf)
		return fail(p, "out of memory");
	int rc = 0;
	for (;;) {
		if (p->pos >= p->len) {
			rc = fail(p, "unterminated string");
			break;
		}
		/* a run of plain bytes copied whole: a byte at a time, the growth
		 * check and the copy cost a news feed's reader 60 instructions a byte */
		size_t run = plain_bytes((const unsigned char *)p->s, p->pos, p->len);
		if (run > p->pos) {
			size_t rl = run - p->pos;
			if (buf) {
				if (GM__GROW(buf, cap, n + rl + 1)) {
					rc = fail(p, "out of memory");
					break;
				}
				memcpy(buf + n, p->s + p->pos, rl);
				n += rl;
			}
			p->pos = run;
			continue;
		}
		unsigned char c = (unsigned char)p->s[p->pos];
		char enc[8];
		size_t el = 1;
		if (c == '"') {
			p->pos++;
			break;
		}
		if (c < 0x20) {
			rc = fail(p, "control character in string");
			break;
		}
		if (c == '\\') {
			p->pos++;
			if ((rc = escape(p, enc, &el)) != 0)
				break;
		} else {
			enc[0] = (char)c;
			p->pos++;
		}
		if (buf) {
			if (GM__GROW(buf, cap, n + el + 1)) {
				rc = fail(p, "out of memory");
				break;
			}
			memcpy(buf + n, enc, el);
			n += el;
		}
	}
	if (rc) {
		free(buf);
		return rc;
	}
	if (buf) {
		buf[n] = '\0';
		*out = buf;
	}
	return 0;
}

static int value(parser *p, char **out, int *is_string, int depth);

/* RFC 8259's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? and all
 * of v[0..n) (strtod alone takes nan, inf, +1, 0x10 and 01). */
static int json_number(const char *v, size_t n)
{
	size_t i = 0;
	if (i < n && v[i] == '-')
		i++;
	if (i < n && v[i] == '0')
		i++;
	else if (i < n && v[i] >= '1' && v[i] <= '9')
		while (i < n && v[i] >= '0' && v[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && v[i] == '.') {
		size_t d = ++i;
		while (i < n && v[i] >= '0' && v[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	if (i < n && (v[i] == 'e' || v[i] == 'E')) {
		i++;
		if (i < n && (v[i] == '+' || v[i] == '-'))
			i++;
		size_t d = i;
		while (i < n && v[i] >= '0' && v[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	return i == n;
}

static int scalar_literal(parser *p, char **out)
{
	size_t st = p->pos;
	while (p->pos < p->len && strchr("+-0123456789.eEtruefalsn", p->s[p->pos]))
		p->pos++;
	size_t n = p->pos - st;
	if (n == 0)
		return fail(p, "unexpected character");
	const char *v = p->s + st;
	int ok = (n == 4 && !memcmp(v, "true", 4)) || (n == 5 && !memcmp(v, "false", 5)) || (n == 4 && !memcmp(v, "null", 4));
	if (!ok && !json_number(v, n))
		return fail(p, "bad literal");
	if (out) {
		if (n == 4 && !memcmp(v, "null", 4)) {
			*out = NULL;
			return 0;
		}
		*out = malloc(n + 1);
		if (!*out)
			return fail(p, "out of memory");
		memcpy(*out, v, n);
		(*out)[n] = '\0';
	}
	return 0;
}

static int container(parser *p, int depth, char close)
{
	if (depth > 64)
		return fail(p, "nesting too deep");
	p->pos++;
	ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		return 0;
	}
	for (;;) {
		ws(p);
		if (close == '}') {
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return fail(p, "expected a member name");
			if (string(p, NULL))
				return -1;
			ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				return fail(p, "expected ':'");
			p->pos++;
		}
		int is_str;
		if (value(p, NULL, &is_str, depth + 1))
			return -1;
		ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close) {
			p->pos++;
			return 0;
		}
		return fail(p, "expected ',' or a closing bracket");
	}
}

static int value(parser *p, char **out, int *is_string, int depth)
{
	ws(p);
	if (p->pos >= p->len)
		return fail(p, "expected a value");
	char c = p->s[p->pos];
	*is_string = 0;
	if (out)
		*out = NULL;
	if (c == '"') {
		*is_string = 1;
		return string(p, out);
	}
	if (c == '{')
		return container(p, depth, '}');
	if (c == '[')
		return container(p, depth, ']');
	return scalar_literal(p, out);
}

/* An object's opening: o emptied, white space, then the '{' it opens with
 * (0), or -1 with the reason. */
static int object_start(parser *p, gm_json_object *o)
{
	memset(o, 0, sizeof *o);
	ws(p);
	if (p->pos >= p->len || p->s[p->pos] != '{')
		return fail(p, "expected a JSON object");
	p->pos++;
	return 0;
}

int gm__json_parse_object(const char *s, size_t len, gm_json_object *o, char *why, size_t why_cap)
{
	parser p = {s, len, 0, why, why_cap, 0};
	if (object_start(&p, o))
		return -1;
	ws(&p);
	if (p.pos < len && s[p.pos] == '}') {
		p.pos++;
	} else {
		for (;;) {
			ws(&p);
			if (p.pos >= len || s[p.pos] != '"') {
				gm__json_object_free(o);
				return fail(&p, "expected a member name");
			}
			char *name = NULL, *val = NULL;
			int is_str = 0;
			if (string(&p, &name)) {
				gm__json_object_free(o);
				return -1;
			}
			ws(&p);
			if (p.pos >= len || s[p.pos] != ':') {
				free(name);
				gm__json_object_free(o);
				return fail(&p, "expected ':'");
			}
			p.pos++;
			if (value(&p, &val, &is_str, 1)) {
				free(name);
				gm__json_object_free(o);
				return -1;
			}
			if (GM__GROW(o->fields, o->cap, o->n + 1)) {
				free(name);
				free(val);
				gm__json_object_free(o);
				return fail(&p, "out of memory");
			}
			o->fields[o->n++] = (gm_json_field){name, val, is_str};
			ws(&p);
			if (p.pos < len && s[p.pos] == ',') {
				p.pos++;
				continue;
			}
			if (p.pos < len && s[p.pos] == '}') {
				p.pos++;
				break;
			}
			gm__json_object_free(o);
			return fail(&p, "expected ',' or '}'");
		}
	}
	ws(&p);
	if (p.pos != len) {
		gm__json_object_free(o);
		return fail(&p, "text after the object");
	}
	o->nul_escapes = p.nul_escapes;
	return 0;
}

const gm_json_field *gm__json_get(const gm_json_object *o, const char *name)
{
	/* the last one wins, as in most JSON readers */
	for (size_t i = o->n; i-- > 0;)
		if (strcmp(o->fields[i].name, name) == 0)
			return &o->fields[i];
	return NULL;
}

void gm__json_object_free(gm_json_object *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->fields[i].name);
		free(o->fields[i].value);
	}
	free(o->fields);
	memset(o, 0, sizeof *o);
}

/* The escape of byte c (a quote, backslash or control character). */
static void put_escape(unsigned char c, unsigned flags, gm_json_sink put, void *ctx)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = {'\\', 0, 0, 0, 0, 0};
	size_t n = 2;
	switch (c) {
	case '"': esc[1] = '"'; break;
	case '\\': esc[1] = '\\'; break;
	case '\n': esc[1] = 'n'; break;
	case '\r': esc[1] = 'r'; break;
	case '\t': esc[1] = 't'; break;
	case '\b':
	case '\f':
		if (flags & GM__JSON_NAMED_BF) {
			esc[1] = c == '\b' ? 'b' : 'f';
			break;
		}
		/* fall through */
	default:
		esc[1] = 'u';
		esc[2] = '0';
		esc[3] = '0';
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 15];
		n = 6;
	}
	put(ctx, esc, n);
}

void gm__json_escape(const char *s, unsigned flags, gm_json_sink put, void *ctx)
{
	put(ctx, "\"", 1);
	const unsigned char *u = (const unsigned char *)s, *run = u;
	if (!(flags & GM__JSON_VALID_UTF8)) {
		/* the bytes as they are: runs that need no escape go out in one
		 * call, found eight bytes at a time */
		size_t len = strlen(s), i = 0, from = 0;
		while ((i = plain_bytes(u, i, len)) < len) {
			put(ctx, s + from, i - from);
			put_escape(u[i], flags, put, ctx);
			from = ++i;
		}
		put(ctx, s + from, len - from);
		put(ctx, "\"", 1);
		return;
	}
	/* runs of bytes that need no escape go out in one call */
	for (; *u; u++) {
		if (*u >= 0x80) {
			uint32_t cp;
			size_t l = gm__utf8_decode(u, strnlen((const char *)u, 4), &cp);
			if (l) {
				u += l - 1;
				continue;
			}
			put(ctx, (const char *)run, (size_t)(u - run));
			put(ctx, "\xef\xbf\xbd", 3);
			run = u + 1;
			continue;
		}
		if (*u >= 0x20 && *u != '"' && *u != '\\')
			continue;
		put(ctx, (const char *)run, (size_t)(u - run));
		run = u + 1;
		put_escape(*u, flags, put, ctx);
	}
	put(ctx, (const char *)run, (size_t)(u - run));
	put(ctx, "\"", 1);
}

static void file_sink(void *f, const char *s, size_t n) { fwrite(s, 1, n, (FILE *)f); }

void gm__json_write_string(FILE *f, const char *s) { gm__json_escape(s, GM__JSON_VALID_UTF8, file_sink, f); }

int gm__json_parse_member(const char *s, size_t len, const char *member, gm_json_object *out, char *why,
                          size_t why_cap)
{
	parser p = {s, len, 0, why, why_cap, 0};
	if (object_start(&p, out))
		return -1;
	for (;;) {
		ws(&p);
		if (p.pos < len && s[p.pos] == '}')
			break;
		char *name = NULL;
		if (p.pos >= len || s[p.pos] != '"')
			return fail(&p, "expected a member name");
		if (string(&p, &name))
			return -1;
		ws(&p);
		if (p.pos >= len || s[p.pos] != ':') {
			free(name);
			return fail(&p, "expected ':'");
		}
		p.pos++;
		ws(&p);
		size_t start = p.pos;
		int wanted = !strcmp(name, member), is_str;
		free(name);
		if (value(&p, NULL, &is_str, 1))
			return -1;
		if (wanted) {
			if (s[start] != '{')
				return fail(&p, "the member is not an object");
			return gm__json_parse_object(s + start, p.pos - start, out, why, why_cap);
		}
		ws(&p);
		if (p.pos < len && s[p.pos] == ',')
			p.pos++;
		else if (p.pos >= len || s[p.pos] != '}')
			return fail(&p, "expected ',' or '}'");
	}
	return fail(&p, "no such member");
}
