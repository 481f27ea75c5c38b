/*
 * weektime_parse.c
 *		Text form of a minute of the school week, free of PostgreSQL.
 *
 * Accepted input, in any letter case, with white space around the parts:
 *
 *		weektime:  DAY  H:MM[:00]
 *		weekslot:  DAY  H:MM[:00] - H:MM[:00]
 *
 * where DAY is a Catalan or English weekday, short or long ("dl",
 * "dilluns", "Mon", "Monday").  Hours run 0-24; 24 is allowed only as
 * 24:00, the end of a day.  The parser reads bytes, never the locale, so
 * that the same text means the same minute on every server.
 */
#include "weektime_parse.h"

/* Marks a message for xgettext; the server translates it (wt_status_detail). */
#ifndef gettext_noop
#define gettext_noop(x) (x)
#endif

#include <string.h>

typedef struct weekday_name
{
	const char *name;
	int			iso_weekday;
} weekday_name;

/* Every spelling we accept, lower case. */
static const weekday_name weekday_names[] = {
	{"mon", 1}, {"monday", 1}, {"dl", 1}, {"dilluns", 1},
	{"tue", 2}, {"tues", 2}, {"tuesday", 2}, {"dt", 2}, {"dimarts", 2},
	{"wed", 3}, {"wednesday", 3}, {"dc", 3}, {"dimecres", 3},
	{"thu", 4}, {"thur", 4}, {"thurs", 4}, {"thursday", 4}, {"dj", 4}, {"dijous", 4},
	{"fri", 5}, {"friday", 5}, {"dv", 5}, {"divendres", 5},
	{"sat", 6}, {"saturday", 6}, {"ds", 6}, {"dissabte", 6},
	{"sun", 7}, {"sunday", 7}, {"dg", 7}, {"diumenge", 7},
};

static const char *const short_names[] = {
	"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const long_names[] = {
	"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};
static const char *const catalan_names[] = {
	"", "dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte", "diumenge"
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

static const char *
skip_spaces(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

int
wt_weekday(int minute_of_week)
{
	if (minute_of_week < 0 || minute_of_week > WT_MAX_MINUTE)
		return 0;
	if (minute_of_week == WT_MAX_MINUTE)
		return 7;
	return minute_of_week / WT_MINUTES_PER_DAY + 1;
}

int
wt_parse_weekday(const char *name, size_t len)
{
	size_t		i;

	/* the longest name is "wednesday"/"divendres": nine letters */
	if (len == 0 || len > 9)
		return 0;
	for (i = 0; i < sizeof(weekday_names) / sizeof(weekday_names[0]); i++)
	{
		const char *candidate = weekday_names[i].name;
		size_t		j;

		if (strlen(candidate) != len)
			continue;
		for (j = 0; j < len; j++)
			if (to_lower(name[j]) != candidate[j])
				break;
		if (j == len)
			return weekday_names[i].iso_weekday;
	}
	return 0;
}

/*
 * Reads a weekday name at *p and the white space after it.  Sets *day to
 * 1..7.
 */
static wt_status
parse_day(const char **p, int *day)
{
	const char *start = *p;
	const char *end = start;

	while (is_letter(*end))
		end++;
	*day = wt_parse_weekday(start, (size_t) (end - start));
	if (*day == 0)
		return WT_BAD_DAY;
	if (*end == '\0' || !is_space(*end))
		return (*skip_spaces(end) == '\0') ? WT_MISSING_TIME : WT_BAD_DAY;
	*p = skip_spaces(end);
	if (**p == '\0')
		return WT_MISSING_TIME;
	return WT_OK;
}

/* Reads H:MM, HH:MM or either with ":00" seconds.  Sets minutes of the day. */
static wt_status
parse_time(const char **p, int *minute_of_day)
{
	const char *s = *p;
	int			hour = 0;
	int			minute;
	int			digits = 0;

	while (is_digit(*s) && digits < 3)
	{
		hour = hour * 10 + (*s - '0');
		s++;
		digits++;
	}
	if (digits == 0 || digits > 2 || *s != ':')
		return WT_BAD_TIME;
	s++;
	if (!is_digit(s[0]) || !is_digit(s[1]) || is_digit(s[2]))
		return WT_BAD_TIME;
	minute = (s[0] - '0') * 10 + (s[1] - '0');
	s += 2;
	if (*s == ':')
	{
		if (!is_digit(s[1]) || !is_digit(s[2]) || is_digit(s[3]))
			return WT_BAD_TIME;
		if (s[1] != '0' || s[2] != '0')
			return WT_BAD_SECOND;
		s += 3;
	}
	if (minute > 59)
		return WT_BAD_MINUTE;
	if (hour > 24 || (hour == 24 && minute != 0))
		return WT_BAD_HOUR;
	*minute_of_day = hour * 60 + minute;
	*p = s;
	return WT_OK;
}

wt_status
weektime_parse(const char *text, int *minute_of_week)
{
	const char *p = skip_spaces(text);
	int			day;
	int			minute_of_day;
	wt_status	status;

	if (*p == '\0')
		return WT_EMPTY;
	if ((status = parse_day(&p, &day)) != WT_OK)
		return status;
	if ((status = parse_time(&p, &minute_of_day)) != WT_OK)
		return status;
	if (*skip_spaces(p) != '\0')
		return WT_TRAILING;
	*minute_of_week = (day - 1) * WT_MINUTES_PER_DAY + minute_of_day;
	return WT_OK;
}

wt_status
weekslot_parse(const char *text, int *start, int *end)
{
	const char *p = skip_spaces(text);
	int			day;
	int			from;
	int			to;
	wt_status	status;

	if (*p == '\0')
		return WT_EMPTY;
	if ((status = parse_day(&p, &day)) != WT_OK)
		return status;
	if ((status = parse_time(&p, &from)) != WT_OK)
		return status;
	p = skip_spaces(p);
	if (*p != '-')
		return (*p == '\0') ? WT_MISSING_END : WT_TRAILING;
	p = skip_spaces(p + 1);
	if (*p == '\0')
		return WT_MISSING_END;
	if ((status = parse_time(&p, &to)) != WT_OK)
		return status;
	if (*skip_spaces(p) != '\0')
		return WT_TRAILING;
	if (from >= WT_MINUTES_PER_DAY)
		return WT_CROSSES_MIDNIGHT;
	if (to <= from)
		return WT_END_BEFORE_START;
	*start = (day - 1) * WT_MINUTES_PER_DAY + from;
	*end = (day - 1) * WT_MINUTES_PER_DAY + to;
	return WT_OK;
}

static void
format_hhmm(int minute_of_day, char *buf)
{
	buf[0] = (char) ('0' + minute_of_day / 600);
	buf[1] = (char) ('0' + (minute_of_day / 60) % 10);
	buf[2] = ':';
	buf[3] = (char) ('0' + (minute_of_day % 60) / 10);
	buf[4] = (char) ('0' + minute_of_day % 10);
	buf[5] = '\0';
}

void
weektime_format(int minute_of_week, char *buf)
{
	int			day = wt_weekday(minute_of_week);
	int			minute_of_day;

	if (day == 0)
	{
		strcpy(buf, "???");
		return;
	}
	minute_of_day = minute_of_week - (day - 1) * WT_MINUTES_PER_DAY;
	memcpy(buf, short_names[day], 3);
	buf[3] = ' ';
	format_hhmm(minute_of_day, buf + 4);
}

void
weekslot_format(int start, int end, char *buf)
{
	int			day;

	weektime_format(start, buf);
	day = wt_weekday(start);
	buf[9] = '-';
	if (day == 0 || end < start || end - (day - 1) * WT_MINUTES_PER_DAY > WT_MINUTES_PER_DAY)
	{
		/* not a one-day slot: spell the end in full */
		weektime_format(end, buf + 10);
		return;
	}
	format_hhmm(end - (day - 1) * WT_MINUTES_PER_DAY, buf + 10);
}

const char *
wt_weekday_short(int iso_weekday)
{
	return (iso_weekday >= 1 && iso_weekday <= 7) ? short_names[iso_weekday] : "";
}

const char *
wt_weekday_long(int iso_weekday)
{
	return (iso_weekday >= 1 && iso_weekday <= 7) ? long_names[iso_weekday] : "";
}

const char *
wt_weekday_catalan(int iso_weekday)
{
	return (iso_weekday >= 1 && iso_weekday <= 7) ? catalan_names[iso_weekday] : "";
}

const char *
wt_status_detail(wt_status status)
{
	switch (status)
	{
		case WT_OK:
			return gettext_noop("No error.");
		case WT_EMPTY:
			return gettext_noop("The text is empty.");
		case WT_BAD_DAY:
			return gettext_noop("A weektime starts with a weekday name in Catalan or English, such as \"dl\", \"dilluns\", \"Mon\" or \"Monday\", followed by a space.");
		case WT_MISSING_TIME:
			return gettext_noop("The weekday must be followed by a time of day such as 08:30.");
		case WT_BAD_TIME:
			return gettext_noop("The time of day must be written H:MM or HH:MM, such as 8:30 or 08:30.");
		case WT_BAD_HOUR:
			return gettext_noop("Hours run from 0 to 24, and 24 is allowed only as 24:00.");
		case WT_BAD_MINUTE:
			return gettext_noop("Minutes run from 00 to 59.");
		case WT_BAD_SECOND:
			return gettext_noop("Times are minute-exact: seconds, if given, must be :00.");
		case WT_TRAILING:
			return gettext_noop("Unexpected text follows the time of day.");
		case WT_MISSING_END:
			return gettext_noop("A slot is written as a weekday, a start and an end, such as \"Mon 08:00-09:30\".");
		case WT_END_BEFORE_START:
			return gettext_noop("A slot must end after it starts.");
		case WT_CROSSES_MIDNIGHT:
			return gettext_noop("A slot must start and end on the same day.");
	}
	return gettext_noop("Unknown error.");
}
