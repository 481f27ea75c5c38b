/*
 * weektime_parse_test.c
 *		Unit tests of the weektime and weekslot text parser
 *		(src/weektime_parse.c), outside the server.
 *
 * Each case gives a text, the status the parser must return and, when it
 * accepts, the minutes it must give and the canonical text it must write;
 * every boundary of the grammar is tried on both sides.  Built and run by
 * tools/tests/harness-sanitizers, with AddressSanitizer and UBSan and under
 * valgrind.  Prints TAP.
 */
#include <stdio.h>
#include <string.h>

#include "weektime_parse.h"

static int	checks = 0;
static int	failures = 0;

static void
result(int ok, const char *what, const char *text)
{
	checks++;
	if (!ok)
		failures++;
	printf("%s %d - %s \"", ok ? "ok" : "not ok", checks, what);
	for (; *text; text++)
	{
		if ((unsigned char) *text < 0x20 || (unsigned char) *text >= 0x7f)
			printf("\\x%02x", (unsigned char) *text);
		else
			putchar(*text);
	}
	printf("\"\n");
}

typedef struct wt_case
{
	const char *text;
	wt_status	status;
	int			minute;
	const char *canonical;
} wt_case;

static const wt_case weektimes[] = {
	{"dl 08:30", WT_OK, 510, "Mon 08:30"},
	{"Dilluns 8:30", WT_OK, 510, "Mon 08:30"},
	{"MON 08:30", WT_OK, 510, "Mon 08:30"},
	{"monday 08:30:00", WT_OK, 510, "Mon 08:30"},
	{"  dt\t9:05 \n", WT_OK, 1440 + 545, "Tue 09:05"},
	{"dijous 0:00", WT_OK, 3 * 1440, "Thu 00:00"},
	{"Mon 00:00", WT_OK, 0, "Mon 00:00"},
	{"Mon 24:00", WT_OK, 1440, "Tue 00:00"},
	{"Sun 23:59", WT_OK, 10079, "Sun 23:59"},
	{"Sun 24:00", WT_OK, 10080, "Sun 24:00"},
	{"Sun 24:01", WT_BAD_HOUR, 0, NULL},
	{"Mon 25:00", WT_BAD_HOUR, 0, NULL},
	{"Mon 08:59", WT_OK, 539, "Mon 08:59"},
	{"Mon 08:60", WT_BAD_MINUTE, 0, NULL},
	{"Mon 08:00:00", WT_OK, 480, "Mon 08:00"},
	{"Mon 08:00:01", WT_BAD_SECOND, 0, NULL},
	{"Mon 08:00:000", WT_BAD_TIME, 0, NULL},
	{"Mon 8:0", WT_BAD_TIME, 0, NULL},
	{"Mon 008:00", WT_BAD_TIME, 0, NULL},
	{"Mon 08:000", WT_BAD_TIME, 0, NULL},
	{"Mon 0800", WT_BAD_TIME, 0, NULL},
	{"Mon :30", WT_BAD_TIME, 0, NULL},
	{"Mon 08:30 x", WT_TRAILING, 0, NULL},
	{"Mon 08:30-09:00", WT_TRAILING, 0, NULL},
	{"Mon08:30", WT_BAD_DAY, 0, NULL},
	{"Mond 08:30", WT_BAD_DAY, 0, NULL},
	{"dimecresx 08:30", WT_BAD_DAY, 0, NULL},
	{"8:30", WT_BAD_DAY, 0, NULL},
	{"Mon", WT_MISSING_TIME, 0, NULL},
	{"Mon   ", WT_MISSING_TIME, 0, NULL},
	{"", WT_EMPTY, 0, NULL},
	{" \t\r\n\f\v", WT_EMPTY, 0, NULL},
	{"dilluns\xc2\xa0" "08:30", WT_BAD_DAY, 0, NULL},	/* a no-break space is not white space */
	{"Dl 99999999999999999999:00", WT_BAD_TIME, 0, NULL},
};

typedef struct ws_case
{
	const char *text;
	wt_status	status;
	int			start;
	int			end;
	const char *canonical;
} ws_case;

static const ws_case weekslots[] = {
	{"Mon 08:00-09:30", WT_OK, 480, 570, "Mon 08:00-09:30"},
	{"dl 8:00 - 9:30", WT_OK, 480, 570, "Mon 08:00-09:30"},
	{"divendres 15:00-24:00", WT_OK, 4 * 1440 + 900, 5 * 1440, "Fri 15:00-24:00"},
	{"Sun 23:59-24:00", WT_OK, 10079, 10080, "Sun 23:59-24:00"},
	{"Mon 08:00-08:01", WT_OK, 480, 481, "Mon 08:00-08:01"},
	{"Mon 08:00-08:00", WT_END_BEFORE_START, 0, 0, NULL},
	{"Mon 09:00-08:00", WT_END_BEFORE_START, 0, 0, NULL},
	{"Mon 24:00-24:00", WT_CROSSES_MIDNIGHT, 0, 0, NULL},
	{"Mon 00:00-24:00", WT_OK, 0, 1440, "Mon 00:00-24:00"},
	{"Mon 08:00", WT_MISSING_END, 0, 0, NULL},
	{"Mon 08:00-", WT_MISSING_END, 0, 0, NULL},
	{"Mon 08:00 -  ", WT_MISSING_END, 0, 0, NULL},
	{"Mon 08:00 09:00", WT_TRAILING, 0, 0, NULL},
	{"Mon 08:00-09:00-10:00", WT_TRAILING, 0, 0, NULL},
	{"Mon 08:00-9:60", WT_BAD_MINUTE, 0, 0, NULL},
	{"Mon 08:00-24:30", WT_BAD_HOUR, 0, 0, NULL},
	{"Mon 08:00-09:00:01", WT_BAD_SECOND, 0, 0, NULL},
	{"Xyz 08:00-09:00", WT_BAD_DAY, 0, 0, NULL},
	{"", WT_EMPTY, 0, 0, NULL},
};

int
main(void)
{
	size_t		i;
	int			d;

	for (i = 0; i < sizeof(weektimes) / sizeof(weektimes[0]); i++)
	{
		const wt_case *c = &weektimes[i];
		int			minute = -1;
		char		buf[WT_FORMAT_LEN];
		wt_status	status = weektime_parse(c->text, &minute);

		result(status == c->status, wt_status_detail(c->status), c->text);
		if (c->status == WT_OK && status == WT_OK)
		{
			weektime_format(minute, buf);
			result(minute == c->minute && strcmp(buf, c->canonical) == 0, c->canonical, c->text);
		}
	}
	for (i = 0; i < sizeof(weekslots) / sizeof(weekslots[0]); i++)
	{
		const ws_case *c = &weekslots[i];
		int			start = -1;
		int			end = -1;
		char		buf[WS_FORMAT_LEN];
		wt_status	status = weekslot_parse(c->text, &start, &end);

		result(status == c->status, wt_status_detail(c->status), c->text);
		if (c->status == WT_OK && status == WT_OK)
		{
			weekslot_format(start, end, buf);
			result(start == c->start && end == c->end && strcmp(buf, c->canonical) == 0,
				   c->canonical, c->text);
		}
	}

	/* every weekday's every name, and what is not one */
	for (d = 1; d <= 7; d++)
	{
		const char *names[3];
		int			k;

		names[0] = wt_weekday_short(d);
		names[1] = wt_weekday_long(d);
		names[2] = wt_weekday_catalan(d);
		for (k = 0; k < 3; k++)
			result(wt_parse_weekday(names[k], strlen(names[k])) == d, "weekday name reads back", names[k]);
	}
	result(wt_parse_weekday("dimarts", 2) == 0, "a prefix of a name is read only as far as len", "di");
	result(wt_parse_weekday("dtx", 2) == 2, "only len bytes are read", "dt");
	result(wt_parse_weekday("wednesdayy", 10) == 0, "more than nine letters", "wednesdayy");
	result(wt_parse_weekday("", 0) == 0, "no letters", "");
	result(wt_weekday(-1) == 0 && wt_weekday(0) == 1 && wt_weekday(1439) == 1 &&
		   wt_weekday(1440) == 2 && wt_weekday(10080) == 7 && wt_weekday(10081) == 0,
		   "wt_weekday on both sides of each end", "-1 0 1439 1440 10080 10081");
	result(strcmp(wt_weekday_short(0), "") == 0 && strcmp(wt_weekday_long(8), "") == 0 &&
		   strcmp(wt_weekday_catalan(-3), "") == 0, "no name out of 1..7", "0 8 -3");

	/* the formatters on values a weektime cannot hold */
	{
		char		buf[WS_FORMAT_LEN];

		weektime_format(-1, buf);
		result(strcmp(buf, "???") == 0, "weektime_format of -1", buf);
		weektime_format(10081, buf);
		result(strcmp(buf, "???") == 0, "weektime_format of 10081", buf);
		weekslot_format(480, 3000, buf);
		result(strcmp(buf, "Mon 08:00-Wed 02:00") == 0, "a slot over two days is spelt in full", buf);
		weekslot_format(600, 480, buf);
		result(strcmp(buf, "Mon 10:00-Mon 08:00") == 0, "a slot that ends before it starts is spelt in full", buf);
	}
	result(wt_status_detail((wt_status) 99)[0] != '\0', "a detail for an unknown status", "99");

	printf("1..%d\n", checks);
	return failures == 0 ? 0 : 1;
}
