/*
 * fuzz_weektime.c
 *		Fuzz target over the weektime and weekslot text parser
 *		(src/weektime_parse.c), built outside the server.
 *
 * For any bytes (cut at the first NUL, as a cstring reaching weektime_in
 * would be), every function returns, and:
 *
 *	- an accepted weektime lies in [0, 10080]; its canonical text is shorter
 *	  than WT_FORMAT_LEN and parses back to the same minute;
 *	- an accepted weekslot is a non-empty [start, end) within one day; its
 *	  canonical text is shorter than WS_FORMAT_LEN and parses back to the
 *	  same slot;
 *	- an independent reference parser, written from the grammar in the
 *	  comment of weektime_parse.c, accepts exactly the same texts with the
 *	  same values;
 *	- wt_parse_weekday returns 0..7, and the short name of what it returns
 *	  reads back as the same weekday;
 *	- the formatters stay within their buffers for any integer.
 *
 * A broken property aborts, which libFuzzer reports as a crash.  Built by
 * tools/tests/fuzz-parser with libFuzzer, and with tools/harness/fuzz_main.c
 * (no libFuzzer) by tools/tests/harness-sanitizers to replay the corpus
 * under the sanitizers and valgrind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weektime_parse.h"

#define MAX_INPUT 256

static void
fail(const char *property, const char *input)
{
	fprintf(stderr, "fuzz_weektime: %s, for input \"%s\"\n", property, input);
	abort();
}

/* ---- an independent reading of the grammar, for differential checks ---- */

static const char *const ref_days[8][5] = {
	{NULL},
	{"mon", "monday", "dl", "dilluns", NULL},
	{"tue", "tues", "tuesday", "dt", "dimarts"},
	{"wed", "wednesday", "dc", "dimecres", NULL},
	{"thu", "thur", "thurs", "thursday", "dj"},		/* "dijous" below */
	{"fri", "friday", "dv", "divendres", NULL},
	{"sat", "saturday", "ds", "dissabte", NULL},
	{"sun", "sunday", "dg", "diumenge", NULL},
};

static int
ref_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int
ref_day(const char *word, size_t len)
{
	char		lower[16];
	size_t		i;
	int			d;
	int			k;

	if (len == 0 || len >= sizeof(lower))
		return 0;
	for (i = 0; i < len; i++)
	{
		char		c = word[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		lower[i] = c;
	}
	lower[len] = '\0';
	if (strcmp(lower, "dijous") == 0)
		return 4;
	for (d = 1; d <= 7; d++)
		for (k = 0; k < 5; k++)
			if (ref_days[d][k] != NULL && strcmp(ref_days[d][k], lower) == 0)
				return d;
	return 0;
}

/* H:MM or HH:MM, optionally :00; hour 0-24 (24 only as 24:00), minute 0-59. */
static const char *
ref_time(const char *p, int *minute_of_day)
{
	int			hour;
	int			minute;
	int			nd = 0;

	while (p[nd] >= '0' && p[nd] <= '9')
		nd++;
	if (nd < 1 || nd > 2 || p[nd] != ':')
		return NULL;
	hour = nd == 1 ? p[0] - '0' : (p[0] - '0') * 10 + (p[1] - '0');
	p += nd + 1;
	if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9') || (p[2] >= '0' && p[2] <= '9'))
		return NULL;
	minute = (p[0] - '0') * 10 + (p[1] - '0');
	p += 2;
	if (p[0] == ':')
	{
		if (!(p[1] == '0' && p[2] == '0') || (p[3] >= '0' && p[3] <= '9'))
			return NULL;
		p += 3;
	}
	if (minute > 59 || hour > 24 || (hour == 24 && minute != 0))
		return NULL;
	*minute_of_day = hour * 60 + minute;
	return p;
}

/* DAY <space>+ TIME, with white space around; returns the text after TIME. */
static const char *
ref_day_time(const char *p, int *day, int *minute_of_day)
{
	const char *word;

	while (ref_space(*p))
		p++;
	word = p;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
		p++;
	*day = ref_day(word, (size_t) (p - word));
	if (*day == 0 || !ref_space(*p))
		return NULL;
	while (ref_space(*p))
		p++;
	return ref_time(p, minute_of_day);
}

static int
ref_weektime(const char *text, int *minute_of_week)
{
	int			day;
	int			minute;
	const char *p = ref_day_time(text, &day, &minute);

	if (p == NULL)
		return 0;
	while (ref_space(*p))
		p++;
	if (*p != '\0')
		return 0;
	*minute_of_week = (day - 1) * WT_MINUTES_PER_DAY + minute;
	return 1;
}

static int
ref_weekslot(const char *text, int *start, int *end)
{
	int			day;
	int			from;
	int			to;
	const char *p = ref_day_time(text, &day, &from);

	if (p == NULL)
		return 0;
	while (ref_space(*p))
		p++;
	if (*p != '-')
		return 0;
	p++;
	while (ref_space(*p))
		p++;
	p = ref_time(p, &to);
	if (p == NULL)
		return 0;
	while (ref_space(*p))
		p++;
	if (*p != '\0' || from >= WT_MINUTES_PER_DAY || to <= from)
		return 0;
	*start = (day - 1) * WT_MINUTES_PER_DAY + from;
	*end = (day - 1) * WT_MINUTES_PER_DAY + to;
	return 1;
}

/* ---- the properties ---- */

static void
check_weektime(const char *text)
{
	int			minute = -1;
	int			again = -1;
	int			ref = -1;
	char		buf[WT_FORMAT_LEN + 8];
	wt_status	status = weektime_parse(text, &minute);
	const char *detail = wt_status_detail(status);

	if (detail == NULL || detail[0] == '\0')
		fail("weektime: a status without a detail", text);
	if (ref_weektime(text, &ref) != (status == WT_OK))
		fail(status == WT_OK ? "weektime: accepted, the reference refuses"
			 : "weektime: refused, the reference accepts", text);
	if (status != WT_OK)
		return;
	if (minute < 0 || minute > WT_MAX_MINUTE)
		fail("weektime: minute out of the week", text);
	if (minute != ref)
		fail("weektime: not the reference's minute", text);
	memset(buf, 'x', sizeof(buf));
	weektime_format(minute, buf);
	if (memchr(buf, '\0', WT_FORMAT_LEN) == NULL)
		fail("weektime: canonical text overflows WT_FORMAT_LEN", text);
	if (weektime_parse(buf, &again) != WT_OK || again != minute)
		fail("weektime: canonical text does not read back", text);
	if (wt_weekday(minute) < 1 || wt_weekday(minute) > 7)
		fail("weektime: weekday out of 1..7", text);
}

static void
check_weekslot(const char *text)
{
	int			start = -1;
	int			end = -1;
	int			start2 = -1;
	int			end2 = -1;
	int			ref_start = -1;
	int			ref_end = -1;
	char		buf[WS_FORMAT_LEN + 8];
	wt_status	status = weekslot_parse(text, &start, &end);
	const char *detail = wt_status_detail(status);

	if (detail == NULL || detail[0] == '\0')
		fail("weekslot: a status without a detail", text);
	if (ref_weekslot(text, &ref_start, &ref_end) != (status == WT_OK))
		fail(status == WT_OK ? "weekslot: accepted, the reference refuses"
			 : "weekslot: refused, the reference accepts", text);
	if (status != WT_OK)
		return;
	if (start != ref_start || end != ref_end)
		fail("weekslot: not the reference's slot", text);
	if (start < 0 || end > WT_MAX_MINUTE || end <= start)
		fail("weekslot: not a non-empty slot of the week", text);
	if (start / WT_MINUTES_PER_DAY != (end - 1) / WT_MINUTES_PER_DAY)
		fail("weekslot: crosses midnight", text);
	memset(buf, 'x', sizeof(buf));
	weekslot_format(start, end, buf);
	if (memchr(buf, '\0', WS_FORMAT_LEN) == NULL)
		fail("weekslot: canonical text overflows WS_FORMAT_LEN", text);
	if (weekslot_parse(buf, &start2, &end2) != WT_OK || start2 != start || end2 != end)
		fail("weekslot: canonical text does not read back", text);
}

static void
check_weekday(const char *text, size_t len)
{
	int			day = wt_parse_weekday(text, len);
	size_t		i;

	if (day < 0 || day > 7)
		fail("weekday: out of 0..7", text);
	/* the reference reads letters only; a name holds nothing else */
	for (i = 0; i < len; i++)
		if (!((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
			break;
	if (i == len && ref_day(text, len) != day)
		fail("weekday: not the reference's weekday", text);
	if (i < len && day != 0)
		fail("weekday: a name with a non-letter accepted", text);
	if (day != 0)
	{
		const char *name = wt_weekday_short(day);

		if (wt_parse_weekday(name, strlen(name)) != day ||
			wt_parse_weekday(wt_weekday_long(day), strlen(wt_weekday_long(day))) != day ||
			wt_parse_weekday(wt_weekday_catalan(day), strlen(wt_weekday_catalan(day))) != day)
			fail("weekday: a canonical name does not read back", text);
	}
}

/* The formatters must stay in their buffers whatever integers they get. */
static void
check_formatters(const uint8_t *data, size_t size)
{
	int32_t		a = 0;
	int32_t		b = 0;
	char		wt[WT_FORMAT_LEN + 8];
	char		ws[WS_FORMAT_LEN + 8];

	if (size < 8)
		return;
	memcpy(&a, data, 4);
	memcpy(&b, data + 4, 4);
	memset(wt, 'x', sizeof(wt));
	weektime_format(a, wt);
	if (memchr(wt, '\0', WT_FORMAT_LEN) == NULL)
		fail("weektime_format: overflows for an integer", "(binary)");
	memset(ws, 'x', sizeof(ws));
	weekslot_format(a, b, ws);
	if (memchr(ws, '\0', WS_FORMAT_LEN) == NULL)
		fail("weekslot_format: overflows for an integer", "(binary)");
	/* the same on small values, where the formatters take their other branches */
	a = (int32_t) ((uint32_t) a % (WT_MAX_MINUTE + 2)) - 1;
	b = (int32_t) ((uint32_t) b % (WT_MAX_MINUTE + 2)) - 1;
	memset(ws, 'x', sizeof(ws));
	weekslot_format(a, b, ws);
	if (memchr(ws, '\0', WS_FORMAT_LEN) == NULL)
		fail("weekslot_format: overflows for a minute of the week", "(binary)");
	(void) wt_weekday_short(a);
	(void) wt_weekday_long(b);
	(void) wt_weekday_catalan(a);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text;
	size_t		len;

	if (size > MAX_INPUT)
		size = MAX_INPUT;
	/* exactly the bytes given, so that AddressSanitizer sees any over-read */
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	len = strlen(text);

	check_weektime(text);
	check_weekslot(text);
	check_weekday(text, len);
	check_formatters(data, size);
	free(text);
	return 0;
}
