/* reviewed.c: the TSV sources: places, curated rows, not-places, cues,
 * demonyms, event triggers (gazetteer_build.h). */
#include "gazetteer_build.h"

#include "error.h"
#include "events.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_names(bplace *p, const char *list, uint8_t kind)
{
	const char *s = list;
	while (*s) {
		const char *e = strchr(s, '|');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (gm__build_add_name(p, s, n, kind))
			return -1;
		s += n;
		if (*s == '|')
			s++;
	}
	return 0;
}

static void set_fields(bplace *p, const tsv *t, int c_en, int c_feat, int c_cc, int c_a1, int c_pop)
{
	if (*gm__tsv_get(t, c_en))
		gm__build_set_str(&p->name_en, gm__tsv_get(t, c_en));
	if (*gm__tsv_get(t, c_feat))
		snprintf(p->feature, sizeof p->feature, "%.7s", gm__tsv_get(t, c_feat));
	if (*gm__tsv_get(t, c_cc))
		snprintf(p->country, sizeof p->country, "%.3s", gm__tsv_get(t, c_cc));
	if (*gm__tsv_get(t, c_a1))
		gm__build_set_str(&p->admin1, gm__tsv_get(t, c_a1));
	if (*gm__tsv_get(t, c_pop))
		p->population = strtoll(gm__tsv_get(t, c_pop), NULL, 10);
}

static int read_places(builder *b, tsv *t)
{
	int c_id = gm__tsv_col(t, "id"), c_en = gm__tsv_col(t, "name_en"), c_ar = gm__tsv_col(t, "name_ar"), c_lat = gm__tsv_col(t, "lat"),
	    c_lon = gm__tsv_col(t, "lon"), c_feat = gm__tsv_col(t, "feature"), c_cc = gm__tsv_col(t, "country"), c_a1 = gm__tsv_col(t, "admin1"),
	    c_pop = gm__tsv_col(t, "population"), c_names = gm__tsv_col(t, "names_ar"), c_alt = gm__tsv_col(t, "names_alt"),
	    c_latin = gm__tsv_col(t, "names_latin");
	while (gm__tsv_next_row(b, t)) {
		const char *id = gm__tsv_get(t, c_id);
		double lat, lon;
		if (!*id) {
			gm__build_problem(b, t->path, t->line, "no id");
			continue;
		}
		if (gm__tsv_coord(gm__tsv_get(t, c_lat), -90, 90, &lat) || gm__tsv_coord(gm__tsv_get(t, c_lon), -180, 180, &lon)) {
			gm__build_problem(b, t->path, t->line, "latitude or longitude missing or out of range");
			continue;
		}
		long at = gm__build_find_place(b, id);
		bplace *p;
		if (at >= 0 && b->places[at].from_dump) {
			/* the reviewed TSV wins over a GeoNames dump: its fields replace
			 * the dump's, the dump's names stay as further names */
			p = &b->places[at];
			p->from_dump = 0;
		} else if (at >= 0) {
			gm__build_problem(b, t->path, t->line, "duplicate id");
			continue;
		} else {
			p = gm__build_add_place(b, id);
		}
		if (!p)
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		p->lat = lat;
		p->lon = lon;
		set_fields(p, t, c_en, c_feat, c_cc, c_a1, c_pop);
		if (*gm__tsv_get(t, c_ar) || !p->name_ar[0])
			gm__build_set_str(&p->name_ar, gm__tsv_get(t, c_ar));
		if (gm__build_add_name(p, gm__tsv_get(t, c_ar), strlen(gm__tsv_get(t, c_ar)), GM_NAME_TAGGED) ||
		    add_names(p, gm__tsv_get(t, c_names), GM_NAME_TAGGED) || add_names(p, gm__tsv_get(t, c_alt), GM_NAME_UNTAGGED) ||
		    (c_latin >= 0 && add_names(p, gm__tsv_get(t, c_latin), GM_NAME_LATIN)))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		/* name_ar may come from the untagged list: keep its weight low */
		if (!*gm__tsv_get(t, c_names) && *gm__tsv_get(t, c_ar)) {
			for (size_t i = 0; i < p->n_names; i++)
				if (strcmp(p->names[i].text, gm__tsv_get(t, c_ar)) == 0)
					p->names[i].kind = GM_NAME_UNTAGGED;
		}
	}
	return GM_OK;
}

static int read_curated(builder *b, tsv *t)
{
	int c_id = gm__tsv_col(t, "id"), c_act = gm__tsv_col(t, "action"), c_en = gm__tsv_col(t, "name_en"), c_ar = gm__tsv_col(t, "name_ar"), c_lat = gm__tsv_col(t, "lat"),
	    c_lon = gm__tsv_col(t, "lon"), c_feat = gm__tsv_col(t, "feature"), c_cc = gm__tsv_col(t, "country"), c_a1 = gm__tsv_col(t, "admin1"),
	    c_pop = gm__tsv_col(t, "population"), c_names = gm__tsv_col(t, "names_ar");
	while (gm__tsv_next_row(b, t)) {
		const char *id = gm__tsv_get(t, c_id), *act = gm__tsv_get(t, c_act);
		long at = gm__build_find_place(b, id);
		bplace *p;
		if (strcmp(act, "new") == 0) {
			double lat, lon;
			if (at >= 0) {
				gm__build_problem(b, t->path, t->line, "action new for an id the sources already have");
				continue;
			}
			if (gm__tsv_coord(gm__tsv_get(t, c_lat), -90, 90, &lat) || gm__tsv_coord(gm__tsv_get(t, c_lon), -180, 180, &lon) ||
			    !*gm__tsv_get(t, c_en) || !*gm__tsv_get(t, c_feat)) {
				gm__build_problem(b, t->path, t->line, "a new place needs name_en, lat, lon and feature");
				continue;
			}
			p = gm__build_add_place(b, id);
			if (!p)
				return gm__fail(b->err, GM_ENOMEM, "out of memory");
			p->lat = lat;
			p->lon = lon;
		} else if (strcmp(act, "add") == 0 || strcmp(act, "fix") == 0) {
			if (at < 0) {
				gm__build_problem(b, t->path, t->line, "no place with this id in the sources");
				continue;
			}
			p = &b->places[at];
			double v;
			if (gm__tsv_coord(gm__tsv_get(t, c_lat), -90, 90, &v) == 0)
				p->lat = v;
			if (gm__tsv_coord(gm__tsv_get(t, c_lon), -180, 180, &v) == 0)
				p->lon = v;
			if (strcmp(act, "fix") == 0) {
				for (size_t i = 0; i < p->n_names; i++)
					free(p->names[i].text);
				p->n_names = 0;
				gm__build_set_str(&p->name_ar, "");
			}
		} else {
			gm__build_problem(b, t->path, t->line, "action is not add, fix or new");
			continue;
		}
		set_fields(p, t, c_en, c_feat, c_cc, c_a1, c_pop);
		if (*gm__tsv_get(t, c_ar))
			gm__build_set_str(&p->name_ar, gm__tsv_get(t, c_ar));  /* the preferred Arabic name users see */
		if (add_names(p, gm__tsv_get(t, c_names), GM_NAME_CURATED) ||
		    gm__build_add_name(p, gm__tsv_get(t, c_ar), strlen(gm__tsv_get(t, c_ar)), GM_NAME_CURATED))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		if (!*p->name_ar && p->n_names) {
			const char *first = gm__tsv_get(t, c_names);
			const char *bar = strchr(first, '|');
			char *d = gm__build_strndup(first, bar ? (size_t)(bar - first) : strlen(first));
			if (d) {
				free(p->name_ar);
				p->name_ar = d;
			}
		}
	}
	return GM_OK;
}

static int read_not_places(builder *b, tsv *t)
{
	int c_ph = gm__tsv_col(t, "phrase"), c_kind = gm__tsv_col(t, "kind");
	char key[1024];
	while (gm__tsv_next_row(b, t)) {
		uint32_t w = gm__build_key(b, gm__tsv_get(t, c_ph), key, sizeof key);
		if (!w) {
			gm__build_problem(b, t->path, t->line, "phrase has no words to match");
			continue;
		}
		if (gm__build_add_triple(b, key, w, GM_GAZ_NO_PLACE, GM_NAME_NOT_PLACE, gm__gaz_not_place_code(gm__tsv_get(t, c_kind))))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		b->stats->not_places++;
	}
	return GM_OK;
}

static int read_cues(builder *b, tsv *t)
{
	int c_word = gm__tsv_col(t, "word"), c_role = gm__tsv_col(t, "role"), c_class = gm__tsv_col(t, "class");
	char key[1024];
	while (gm__tsv_next_row(b, t)) {
		int role = gm__gaz_cue_role(gm__tsv_get(t, c_role));
		int cls = role > 0 ? gm__gaz_cue_class(role, c_class >= 0 ? gm__tsv_get(t, c_class) : "") : -1;
		if (role < 0 || cls < 0) {
			gm__build_problem(b, t->path, t->line,
			                  "unknown cue role or class (roles: type, org, title, patronym, parent, media, office, "
			                  "list, many, people)");
			continue;
		}
		uint32_t w = gm__build_key(b, gm__tsv_get(t, c_word), key, sizeof key);
		if (w != 1) {
			gm__build_problem(b, t->path, t->line, "a cue is one word");
			continue;
		}
		if (gm__build_add_triple(b, key, 1, GM_GAZ_NO_PLACE, GM_NAME_CUE, (uint8_t)(role << 4 | cls)))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
		b->stats->cues++;
	}
	return GM_OK;
}

static int read_demonyms(builder *b, tsv *t)
{
	int c_dem = gm__tsv_col(t, "demonym"), c_id = gm__tsv_col(t, "id");
	char key[512];
	while (gm__tsv_next_row(b, t)) {
		long at = gm__build_find_place(b, gm__tsv_get(t, c_id));
		if (at < 0) {
			gm__build_problem(b, t->path, t->line, "no place with this id in the sources");
			continue;
		}
		/* the masculine singular as written, its final ي the ending */
		if (gm__build_key(b, gm__tsv_get(t, c_dem), key, sizeof key) != 1) {
			gm__build_problem(b, t->path, t->line, "a demonym is one word");
			continue;
		}
		size_t n = strlen(key);
		if (gm__utf8_count(key, n) < 4 || !gm__utf8_has_suffix(key, n, "ي")) {
			gm__build_problem(b, t->path, t->line, "a demonym is the masculine singular ending in ي (أمريكي)");
			continue;
		}
		key[n - 2] = '\0';
		if (gm__build_demonym_forms(b, key, (uint32_t)at))
			return gm__fail(b->err, GM_ENOMEM, "out of memory");
	}
	return GM_OK;
}

static int read_triggers(builder *b, tsv *t)
{
	int c_tr = gm__tsv_col(t, "trigger"), c_type = gm__tsv_col(t, "type"), c_forms = gm__tsv_col(t, "forms"), c_sub = gm__tsv_col(t, "sub_type");
	char key[1024];
	char forms[GM_TRIGGER_FORM_MAX][128];
	while (gm__tsv_next_row(b, t)) {
		int code = gm__trigger_code(gm__tsv_get(t, c_type));
		if (code <= 0) {
			gm__build_problem(b, t->path, t->line, "unknown trigger type (see ../shared/design/event-types.md)");
			continue;
		}
		/* the ACLED sub-event type the row refines its type to, packed above the code */
		int sub = 0;
		if (c_sub >= 0 && gm__tsv_get(t, c_sub)[0]) {
			sub = gm__acled_sub_index(code, gm__tsv_get(t, c_sub));
			if (sub < 0) {
				gm__build_problem(b, t->path, t->line, "sub_type is not one of ACLED's for this type");
				continue;
			}
		}
		/* the row's word, and the forms its forms column asks for (a verb's
		 * persons and tenses, a noun's dual and plural), generated here as
		 * demonyms are */
		const char *spec = c_forms >= 0 ? gm__tsv_get(t, c_forms) : "";
		size_t nf = gm__trigger_forms(gm__tsv_get(t, c_tr), spec, forms, GM_TRIGGER_FORM_MAX);
		/* the dual of a casualty or people noun carries its count (قتيلين: 2
		 * killed); the duals are the forms "dual" alone gives */
		char duals[4][128];
		size_t nd = gm__trigger_forms(gm__tsv_get(t, c_tr), strstr(spec, "dual") || strstr(spec, "noun") ? "dual" : "", duals, 4);
		int two = code == GM_TR_KILLED || code == GM_TR_KILLED_ONE ? GM_TR_KILLED_TWO : code == GM_TR_INJURED ? GM_TR_INJURED_TWO
		        : code == GM_TR_PEOPLE || code == GM_TR_PERSON ? GM_TR_PEOPLE_TWO : code;
		for (size_t f = 0; f <= nf; f++) {
			int is_dual = 0;
			for (size_t d = 0; f && d < nd; d++)
				is_dual |= !strcmp(forms[f - 1], duals[d]);
			uint32_t w = gm__build_key(b, f ? forms[f - 1] : gm__tsv_get(t, c_tr), key, sizeof key);
			if (!w) {
				gm__build_problem(b, t->path, t->line, "trigger has no words to match");
				break;
			}
			if (gm__build_add_triple(b, key, w, GM_GAZ_NO_PLACE, GM_NAME_TRIGGER, GM_TRIGGER_NOTE(is_dual ? two : code, sub)))
				return gm__fail(b->err, GM_ENOMEM, "out of memory");
			b->stats->triggers++;
		}
	}
	return GM_OK;
}

int gm__build_read_tsv(builder *b, tsv *t, int kind)
{
	switch (kind) {
	case SRC_PLACES: return read_places(b, t);
	case SRC_CURATED: return read_curated(b, t);
	case SRC_NOT_PLACES: return read_not_places(b, t);
	case SRC_CUES: return read_cues(b, t);
	case SRC_DEMONYMS: return read_demonyms(b, t);
	case SRC_TRIGGERS: return read_triggers(b, t);
	default: return GM_OK;   /* SRC_LIBRARY: compiled into the library, passed over */
	}
}
