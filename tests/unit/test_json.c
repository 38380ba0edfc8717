/* test_json.c: the JSON Lines record reader. */
#include "check.h"
#include "json.h"

static int parse(const char *s, gm_json_object *o, char *why)
{
	return gm__json_parse_object(s, strlen(s), o, why, 160);
}

int main(void)
{
	gm_json_object o;
	char why[160];
	CHECK_INT(parse("{\"id\": \"a-1\", \"text\": \"\\u0628\\u0627\\u0643\\u0648 \\\"q\\\"\", \"n\": 12, "
	                "\"date\": null, \"tags\": [1, {\"x\": [2]}], \"ok\": true}", &o, why), 0);
	CHECK_STR(gm__json_get(&o, "id")->value, "a-1");
	CHECK_STR(gm__json_get(&o, "text")->value, "باكو \"q\"");
	CHECK_STR(gm__json_get(&o, "n")->value, "12");
	CHECK(!gm__json_get(&o, "n")->is_string);
	CHECK(gm__json_get(&o, "date")->value == NULL);
	CHECK(gm__json_get(&o, "tags") != NULL);
	CHECK(gm__json_get(&o, "missing") == NULL);
	gm__json_object_free(&o);

	/* a surrogate pair becomes one 4-byte character */
	CHECK_INT(parse("{\"t\": \"\\ud83d\\ude00\"}", &o, why), 0);
	CHECK_STR(gm__json_get(&o, "t")->value, "\xF0\x9F\x98\x80");
	gm__json_object_free(&o);

	/* malformed: each says where */
	CHECK_INT(parse("{\"id\": \"x\", }", &o, why), -1);
	CHECK(strstr(why, "byte") != NULL);
	CHECK_INT(parse("{\"id\": \"unterminated}", &o, why), -1);
	CHECK(strstr(why, "unterminated") != NULL);
	CHECK_INT(parse("[1, 2]", &o, why), -1);
	CHECK_INT(parse("{\"a\": 1} trailing", &o, why), -1);
	CHECK_INT(parse("{\"a\": tru}", &o, why), -1);
	CHECK_INT(parse("{\"a\": \"\\x\"}", &o, why), -1);
	return check_done("json");
}
