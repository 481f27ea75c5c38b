/*
 * weektime_parse.h
 *		Text form of a minute of the school week, free of PostgreSQL.
 *
 * The parser and formatter live apart from the server glue so that the
 * fuzzing and sanitizer harnesses (see tools/harness) can build them on
 * their own.  Nothing here allocates memory or depends on the locale.
 */
#ifndef SCHOOLTIME_WEEKTIME_PARSE_H
#define SCHOOLTIME_WEEKTIME_PARSE_H

#include <stddef.h>

#define WT_MINUTES_PER_DAY	1440
#define WT_DAYS_PER_WEEK	7
/* Sunday 24:00: the end of the week is a valid upper bound of a slot. */
#define WT_MAX_MINUTE		(WT_MINUTES_PER_DAY * WT_DAYS_PER_WEEK)

/* Longest text weektime_format writes, "Wed 08:30" plus the terminator. */
#define WT_FORMAT_LEN		16
/* Longest text weekslot_format writes, "Wed 08:30-09:30" plus the terminator. */
#define WS_FORMAT_LEN		24

typedef enum wt_status
{
	WT_OK = 0,
	WT_EMPTY,					/* nothing but white space */
	WT_BAD_DAY,					/* no weekday name we know */
	WT_MISSING_TIME,			/* a weekday with no time after it */
	WT_BAD_TIME,				/* not H:MM or HH:MM */
	WT_BAD_HOUR,				/* hour above 24, or 24 with minutes */
	WT_BAD_MINUTE,				/* minutes above 59 */
	WT_BAD_SECOND,				/* seconds other than :00 */
	WT_TRAILING,				/* something after the time */
	WT_MISSING_END,				/* a slot with no "-HH:MM" end */
	WT_END_BEFORE_START,		/* a slot whose end is not after its start */
	WT_CROSSES_MIDNIGHT			/* a slot that does not fit in one day */
} wt_status;

/* ISO weekday (1 = Monday ... 7 = Sunday) of a minute of the week. */
extern int	wt_weekday(int minute_of_week);

/*
 * Parses "dl 08:30", "Dilluns 8:30", "Mon 08:30", "monday 08:30" (any case,
 * Catalan or English, short or long) into minutes since Monday 00:00.
 */
extern wt_status weektime_parse(const char *text, int *minute_of_week);

/*
 * Parses a weekday name alone ("dt", "Tuesday"); returns 1..7 or 0.
 * Only the first len bytes of name are read.
 */
extern int	wt_parse_weekday(const char *name, size_t len);

/*
 * Parses the compact slot form "Mon 08:00-09:30" (the end may be 24:00)
 * into a half-open interval [start, end) of minutes of the week.
 */
extern wt_status weekslot_parse(const char *text, int *start, int *end);

/* Writes "Mon 08:30" into buf (at least WT_FORMAT_LEN bytes). */
extern void weektime_format(int minute_of_week, char *buf);

/*
 * Writes "Mon 08:30-09:30" for [start, end) into buf (at least
 * WS_FORMAT_LEN bytes); an end at midnight after the start's day is 24:00.
 */
extern void weekslot_format(int start, int end, char *buf);

/* English short and long names of an ISO weekday. */
extern const char *wt_weekday_short(int iso_weekday);
extern const char *wt_weekday_long(int iso_weekday);
extern const char *wt_weekday_catalan(int iso_weekday);

/*
 * A full sentence explaining a status, for an error's DETAIL: the English
 * text, which is the msgid of its translation (the server translates it
 * with _(); this file knows nothing of PostgreSQL, so it only marks them).
 */
extern const char *wt_status_detail(wt_status status);

#endif							/* SCHOOLTIME_WEEKTIME_PARSE_H */
