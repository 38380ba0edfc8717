/* test_preview.c: what a run writes to look at its layers (layers/preview.h):
 * map.svg drawn from the sums (a circle per listed place sized by mentions,
 * ringed in the colour of its most told event type, Arabic names, a legend
 * of the types drawn); map.html with its parts inlined so that no data can
 * close the script element; the styles and the project copied beside the
 * layers, and nothing where their sources are missing. */
#include "check.h"
#include "datecode.h"
#include "events.h"
#include "mini.h"
#include "preview.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static gm_gazetteer *gaz;
static char dir[] = "/tmp/gm-preview-XXXXXX";

static void put(const char *folder, const char *name, const char *text)
{
	char p[600];
	snprintf(p, sizeof p, "%s/%s", folder, name);
	FILE *f = fopen(p, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static char *read_back(const char *folder, const char *name)
{
	char p[600];
	snprintf(p, sizeof p, "%s/%s", folder, name);
	return check_slurp(p);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; p && (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static gm_preview_ctx ctx_in(const char *out, const gm_write_options *o)
{
	gm_preview_ctx c = {o, out, gaz, 0, 1, 1, 0};
	return c;
}

static void svg_draws_the_sums(void)
{
	long baku = mini_find(gaz, "t:2"), lachin = mini_find(gaz, "t:6"), georgia = mini_find(gaz, "t:4");
	CHECK(baku >= 0 && lachin >= 0 && georgia >= 0);
	gm_place_agg p[3];
	memset(p, 0, sizeof p);
	p[0].place = (uint32_t)baku, p[0].n.mentions = 9, p[0].n.events = 2;
	p[1].place = (uint32_t)lachin, p[1].n.mentions = 1, p[1].n.events = 1;
	p[2].place = (uint32_t)georgia;   /* no mention, event or demonym: not drawn */
	gm_daily_cell c[2];
	memset(c, 0, sizeof c);
	gm_type_counts types[2];
	memset(types, 0, sizeof types);
	c[0].place = (uint32_t)baku, c[0].date = 20230920, c[0].n.events = 2, c[0].types = 1;
	types[0][GM_EV_SHELLING - 1] = 2;
	c[1].place = (uint32_t)lachin, c[1].date = 20230920, c[1].n.events = 1, c[1].types = 2;
	types[1][GM_EV_AIR_STRIKE - 1] = 1;
	gm_aggregates r = {0};
	r.type_counts = types[0];
	r.places = p;
	r.n_places = 3;
	r.cells = c;
	r.n_cells = 2;
	r.n_mentions = 10;
	gm_write_options o = GM_WRITE_OPTIONS_INIT;
	gm_preview_ctx x = ctx_in(dir, &o);
	gm_error err;
	CHECK_INT(gm__preview_map_svg(&x, &r, &err), 0);
	const char *svg = read_back(dir, "map.svg");
	CHECK(svg != NULL);
	if (!svg)
		return;
	CHECK(strncmp(svg, "<?xml", 5) == 0 && strstr(svg, "</svg>\n") != NULL);
	CHECK_INT(count(svg, "<circle class=\"place\""), 2);
	CHECK(strstr(svg, "<title>باكو (Baku (fixed)): 9 mentions, 2 events</title>") != NULL);
	CHECK(strstr(svg, "direction=\"rtl\">لاشين</text>") != NULL);
	CHECK(strstr(svg, "stroke=\"#e41a1c\"") != NULL);   /* shelling's colour, Baku's ring */
	CHECK(strstr(svg, "stroke=\"#984ea3\"") != NULL);   /* air strike's, Lachin's */
	CHECK(strstr(svg, ">shelling</text>") && strstr(svg, ">air_strike</text>") && !strstr(svg, ">protest</text>"));
	CHECK(strstr(svg, "geomention: 2 places, 10 mentions, 3 events (located)") != NULL);
	/* sized by the square root of mentions: 2.5 + 1.6 * 3 for Baku's 9, 2.5 + 1.6 for Lachin's 1 */
	CHECK(strstr(svg, "r=\"7.3\" stroke=\"#e41a1c\"") != NULL);
	CHECK(strstr(svg, "r=\"4.1\" stroke=\"#984ea3\"") != NULL);
}

/* map.html: the template's marks replaced by the parts; data that holds
 * "</script>" cannot end the element early */
static void html_inlines_its_parts_safely(void)
{
	char web[300], out[300];
	snprintf(web, sizeof web, "%s/web", dir);
	snprintf(out, sizeof out, "%s/html", dir);
	mkdir(web, 0777);
	mkdir(out, 0777);
	put(web, "map.html", "<style>/*GM:LEAFLET_CSS*/</style><script>/*GM:LEAFLET_JS*/</script>"
	                     "<!-- /*GM:LEAFLET_LICENSE*/ --><script>var p = /*GM:PLACES*/; var e = /*GM:EVENTS*/;</script>");
	put(web, "leaflet.css", ".leaflet{}");
	put(web, "leaflet.js", "var L = {};");
	put(web, "LICENSE", "BSD-2-Clause");
	put(out, "places.geojson", "{\"name\": \"</script><script>alert(1)</script>\"}");
	put(out, "events.geojson", "{\"features\": []}");
	gm_write_options o = GM_WRITE_OPTIONS_INIT;
	o.web_dir = web;
	gm_preview_ctx x = ctx_in(out, &o);
	gm_error err;
	CHECK_INT(gm__preview_map_html(&x, &err), 0);
	const char *h = read_back(out, "map.html");
	CHECK(h != NULL);
	if (!h)
		return;
	CHECK(strstr(h, "<style>.leaflet{}</style><script>var L = {};</script>") != NULL);
	CHECK(strstr(h, "var e = {\"features\": []};") != NULL);
	CHECK(strstr(h, "<\\/script><script>alert(1)<\\/script>") != NULL);
	CHECK_INT(count(h, "</script>"), 2);   /* the template's own two, no more */
	CHECK(strstr(h, "GM:") == NULL);
	/* a layer larger than the chunks the page copies it in, with "</" cut
	 * across a chunk's end: escaped all the same, every byte there */
	size_t own = count(h, "</");   /* the template's own */
	{
		size_t big = 65536 * 2 + 100;
		char *g = malloc(big + 1), *h2 = malloc(4 * big);
		CHECK(g != NULL && h2 != NULL);
		if (g && h2) {
			memset(g, 'x', big);
			memcpy(g + 65535, "</", 2);            /* "<" ends the first chunk */
			memcpy(g + 2 * 65536 - 1, "<a", 2);    /* "<" ends the second, no "/" after */
			g[big] = '\0';
			put(out, "events.geojson", g);
			CHECK_INT(gm__preview_map_html(&x, &err), 0);
			char p[600];
			snprintf(p, sizeof p, "%s/map.html", out);
			FILE *f = fopen(p, "rb");
			size_t n = f ? fread(h2, 1, 4 * big - 1, f) : 0;
			if (f)
				fclose(f);
			h2[n] = '\0';
			CHECK(strstr(h2, "x<\\/x") != NULL && strstr(h2, "x<ax") != NULL);
			CHECK_INT(count(h2, "</"), own);
			CHECK(n > big);
		}
		free(g);
		free(h2);
	}
	/* no template (a build without the web assets): no page, and no error */
	char out2[300];
	snprintf(out2, sizeof out2, "%s/nohtml", dir);
	mkdir(out2, 0777);
	o.web_dir = out2;
	x = ctx_in(out2, &o);
	CHECK_INT(gm__preview_map_html(&x, &err), 0);
	CHECK(read_back(out2, "map.html") == NULL);
}

/* a style beside each layer written, events_layer.qml too for CSV; the
 * project of the format written */
static void styles_and_project_beside_the_layers(void)
{
	char styles[300], out[300];
	snprintf(styles, sizeof styles, "%s/styles", dir);
	snprintf(out, sizeof out, "%s/styled", dir);
	mkdir(styles, 0777);
	mkdir(out, 0777);
	static const char *const layers[] = {"places", "mentions", "events", "daily", "demonyms"};
	for (size_t i = 0; i < 5; i++) {
		char name[64], text[64];
		snprintf(name, sizeof name, "%s.qml", layers[i]);
		snprintf(text, sizeof text, "<qgis>%s</qgis>", layers[i]);
		put(styles, name, text);
	}
	put(styles, "geomention-geojson.qgs", "<qgis projectname=\"geojson\"/>");
	gm_write_options o = GM_WRITE_OPTIONS_INIT;
	o.styles_dir = styles;
	gm_preview_ctx x = ctx_in(out, &o);
	x.csv = 1;
	gm_error err;
	CHECK_INT(gm__preview_styles(&x, &err), 0);
	const char *s = read_back(out, "places.qml");
	CHECK(s && !strcmp(s, "<qgis>places</qgis>"));
	s = read_back(out, "events_layer.qml");
	CHECK(s && !strcmp(s, "<qgis>events</qgis>"));
	CHECK(read_back(out, "demonyms.qml") == NULL);   /* no demonyms layer asked */
	CHECK_INT(gm__preview_project(&x, &err), 0);
	s = read_back(out, "geomention.qgs");
	CHECK(s && strstr(s, "geojson"));
	/* neither GeoPackage nor GeoJSON written: no project to open them */
	char none[300];
	snprintf(none, sizeof none, "%s/noproject", dir);
	mkdir(none, 0777);
	x = ctx_in(none, &o);
	x.geojson = 0;
	CHECK_INT(gm__preview_project(&x, &err), 0);
	CHECK(read_back(none, "geomention.qgs") == NULL);
}

int main(int argc, char **argv)
{
	gaz = mini_open(argc > 1 ? argv[1] : "tests/data");
	CHECK(gaz != NULL);
	CHECK(mkdtemp(dir) != NULL);
	if (!gaz)
		return check_done("preview");
	static const check_case cases[] = {CHECK_CASE(svg_draws_the_sums), CHECK_CASE(html_inlines_its_parts_safely),
	                                   CHECK_CASE(styles_and_project_beside_the_layers)};
	int rc = check_run("preview", cases, sizeof cases / sizeof *cases, argc, argv, 2);
	gm_gazetteer_close(gaz);
	rc |= check_remove_tree(dir);
	return rc;
}
