/* triggers.c: the event vocabulary: trigger codes and their names, ACLED's
 * event and sub-event types of each, and the forms a reviewed trigger row
 * stands for (events.h). */
#include "events.h"

#include <stdio.h>
#include <string.h>

static const char *const trigger_names[GM_TR_N] = {
	"", "shelling", "air_strike", "armed_clash", "territory_change", "explosion", "protest", "agreement",
	"mobilization", "displacement", "blockade", "diplomacy", "arrests", "abduction", "property_destruction",
	"disaster", "chemical", "sexual_violence", "mob_violence", "group_change", "disrupted_weapons", "killed", "injured", "people", "unit", "at_least",
	"attack", "targeting", "irrealis", "no_casualties", "undergo", "killed2", "injured2", "people2", "year", "state",
	"reach", "clause", "operation", "combatant", "person", "killed_one",
};

const char *gm__trigger_name(int code) { return code > 0 && code < GM_TR_N ? trigger_names[code] : NULL; }

/* ACLED's names for each of our event types: its sub_event_types, the
 * default first, each with the event_type ACLED files it under (mostly the
 * type's own; "Attack" is violence against civilians, a non-violent transfer
 * of territory a strategic development) (../shared/design/event-types.md).
 * An empty event_type: one of our own types (displacement, blockade,
 * diplomacy). */
#define GM__ACLED_SUBS 4   /* the trigger note holds a sub-type index in 2 bits (events.h) */
static const struct {
	const char *sub_type, *event_type;
} acled[GM_EV_N][GM__ACLED_SUBS] = {
	[GM_EV_SHELLING] = {{"Shelling/artillery/missile attack", "Explosions/Remote violence"}},
	[GM_EV_AIR_STRIKE] = {{"Air/drone strike", "Explosions/Remote violence"}},
	[GM_EV_ARMED_CLASH] = {{"Armed clash", "Battles"}, {"Attack", "Violence against civilians"}},
	[GM_EV_TERRITORY_CHANGE] = {{"Non-state actor overtakes territory", "Battles"},
	                            {"Government regains territory", "Battles"},
	                            {"Non-violent transfer of territory", "Strategic developments"}},
	[GM_EV_EXPLOSION] = {{"Remote explosive/landmine/IED", "Explosions/Remote violence"},
	                     {"Suicide bomb", "Explosions/Remote violence"},
	                     {"Grenade", "Explosions/Remote violence"}},
	[GM_EV_PROTEST] = {{"Peaceful protest", "Protests"},
	                   {"Protest with intervention", "Protests"},
	                   {"Excessive force against protesters", "Protests"},
	                   {"Violent demonstration", "Riots"}},
	[GM_EV_AGREEMENT] = {{"Agreement", "Strategic developments"}},
	[GM_EV_MOBILIZATION] = {{"Other", "Strategic developments"},
	                        {"Headquarters or base established", "Strategic developments"}},
	[GM_EV_DISPLACEMENT] = {{"Displacement", ""}},
	[GM_EV_BLOCKADE] = {{"Blockade", ""}, {"Other", "Strategic developments"}},
	[GM_EV_DIPLOMACY] = {{"Diplomacy", ""}},
	[GM_EV_ARRESTS] = {{"Arrests", "Strategic developments"}},
	[GM_EV_ABDUCTION] = {{"Abduction/forced disappearance", "Violence against civilians"}},
	[GM_EV_PROPERTY_DESTRUCTION] = {{"Looting/property destruction", "Strategic developments"}},
	[GM_EV_DISASTER] = {{"Natural disaster", ""}},
	[GM_EV_CHEMICAL] = {{"Chemical weapon", "Explosions/Remote violence"}},
	[GM_EV_SEXUAL_VIOLENCE] = {{"Sexual violence", "Violence against civilians"}},
	[GM_EV_MOB_VIOLENCE] = {{"Mob violence", "Riots"}},
	[GM_EV_GROUP_CHANGE] = {{"Change to group/activity", "Strategic developments"}},
	[GM_EV_DISRUPTED_WEAPONS] = {{"Disrupted weapons use", "Strategic developments"}},
};

void gm__acled_of(int code, int sub, const char **event_type, const char **sub_type)
{
	*event_type = *sub_type = "";
	if (code <= 0 || code >= GM_EV_N)
		return;
	if (sub < 0 || sub >= GM__ACLED_SUBS || !acled[code][sub].sub_type)
		sub = 0;
	*sub_type = acled[code][sub].sub_type;
	*event_type = acled[code][sub].event_type;
}

int gm__acled_sub_index(int code, const char *name)
{
	if (code <= 0 || code >= GM_EV_N)
		return -1;
	for (int i = 0; i < GM__ACLED_SUBS && acled[code][i].sub_type; i++)
		if (!strcmp(acled[code][i].sub_type, name))
			return i;
	return -1;
}

static size_t put_form(char (*out)[128], size_t n, size_t max, const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	if (n < max && la + lb + lc < 128) {
		memcpy(out[n], a, la);
		memcpy(out[n] + la, b, lb);
		memcpy(out[n] + la + lb, c, lc);
		out[n++][la + lb + lc] = '\0';
	}
	return n;
}

size_t gm__trigger_forms(const char *word, const char *forms, char (*out)[128], size_t max)
{
	size_t n = 0, wl = strlen(word);
	static const size_t alef = sizeof "ا" - 1, ta_marbuta = sizeof "ة" - 1;
	if (strstr(forms, "verb")) {
		/* past: he, she / I / you, they, the two (m, f), we, you all, they (f) */
		static const char *const past[] = {"ت", "وا", "ا", "تا", "نا", "تم", "ن", "ها", "ه", "هم", "تها", "ته"};
		for (size_t i = 0; i < sizeof past / sizeof *past; i++)
			n = put_form(out, n, max, word, past[i], "");
		/* present: the stem drops the alef of derived forms (استهدف: يستهدف) */
		const char *stem = !strncmp(word, "ا", alef) ? word + alef : word;
		static const char *const pre[] = {"ي", "ت", "ن", "أ"};
		for (size_t i = 0; i < sizeof pre / sizeof *pre; i++)
			n = put_form(out, n, max, pre[i], stem, "");
		static const char *const pre_suf[][2] = {{"ي", "ون"}, {"ت", "ون"}, {"ي", "ان"}, {"ت", "ان"}, {"ي", "ن"},
		                                         {"ي", "ها"}, {"ت", "ها"}, {"ي", "ه"}};
		for (size_t i = 0; i < sizeof pre_suf / sizeof *pre_suf; i++)
			n = put_form(out, n, max, pre_suf[i][0], stem, pre_suf[i][1]);
	}
	if (strstr(forms, "noun") || strstr(forms, "dual")) {
		char stem[128];
		int fem = wl > ta_marbuta && !strcmp(word + wl - ta_marbuta, "ة");
		snprintf(stem, sizeof stem, "%.*s%s", (int)(fem ? wl - ta_marbuta : wl), word, fem ? "ت" : "");
		/* the dual (nominative, oblique) and the sound plural */
		n = put_form(out, n, max, stem, "ان", "");
		n = put_form(out, n, max, stem, "ين", "");
		if (fem)
			stem[strlen(stem) - (sizeof "ت" - 1)] = '\0';
		if (strstr(forms, "noun"))   /* "dual": a noun whose plural is broken (صاروخ: صواريخ) */
			n = put_form(out, n, max, stem, "ات", "");
	}
	return n;
}

int gm__trigger_code(const char *name)
{
	for (int i = 1; i < GM_TR_N; i++)
		if (!strcmp(trigger_names[i], name))
			return i;
	return -1;
}
