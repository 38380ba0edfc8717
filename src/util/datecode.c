/* datecode.c: dates as the aggregates keep them (see datecode.h). */
#include "datecode.h"

#include <stdio.h>
#include <string.h>

uint32_t gm__date_code(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	uint32_t v = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	return v;
}

void gm__date_text(uint32_t c, char out[11])
{
	if (!c) {
		out[0] = '\0';
		return;
	}
	/* "%04u-%02u-%02u" by hand: every daily row and event writes one */
	uint32_t y = (c / 10000) % 10000, m = (c / 100) % 100, d = c % 100;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}
