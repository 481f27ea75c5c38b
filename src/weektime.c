/*
 * weektime.c
 *		The weektime base type: a minute of the school week.
 *
 * A weektime is stored as an int16 counting minutes from Monday 00:00, so
 * 0 is "Mon 00:00" and 10080 is "Sun 24:00", the end of the week.  It is
 * passed by value and sorts like the integer it is.
 */
#include "schooltime.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/sortsupport.h"

#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(weektime_in);
PG_FUNCTION_INFO_V1(weektime_out);
PG_FUNCTION_INFO_V1(weektime_recv);
PG_FUNCTION_INFO_V1(weektime_send);
PG_FUNCTION_INFO_V1(weektime_eq);
PG_FUNCTION_INFO_V1(weektime_ne);
PG_FUNCTION_INFO_V1(weektime_lt);
PG_FUNCTION_INFO_V1(weektime_le);
PG_FUNCTION_INFO_V1(weektime_gt);
PG_FUNCTION_INFO_V1(weektime_ge);
PG_FUNCTION_INFO_V1(weektime_cmp);
PG_FUNCTION_INFO_V1(weektime_sortsupport);
PG_FUNCTION_INFO_V1(weektime_hash);
PG_FUNCTION_INFO_V1(weektime_hash_extended);
PG_FUNCTION_INFO_V1(weektime_subdiff);
PG_FUNCTION_INFO_V1(weektime_minus_weektime);
PG_FUNCTION_INFO_V1(weektime_plus_minutes);
PG_FUNCTION_INFO_V1(weektime_minus_minutes);
PG_FUNCTION_INFO_V1(weektime_make);
PG_FUNCTION_INFO_V1(weektime_make_named);
PG_FUNCTION_INFO_V1(weektime_weekday);
PG_FUNCTION_INFO_V1(weektime_time_of_day);
PG_FUNCTION_INFO_V1(weektime_minute_of_week);
PG_FUNCTION_INFO_V1(weekday_from_name);
PG_FUNCTION_INFO_V1(weekday_name);

Datum
weektime_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int			minute;
	wt_status	status = weektime_parse(input, &minute);

	if (status != WT_OK)
		ereturn(fcinfo->context, (Datum) 0,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type %s: \"%s\"", "weektime", input),
				errdetail_internal("%s", _(wt_status_detail(status))));
	PG_RETURN_WEEKTIME(minute);
}

Datum
weektime_out(PG_FUNCTION_ARGS)
{
	char		buf[WT_FORMAT_LEN];

	weektime_format(PG_GETARG_WEEKTIME(0), buf);
	PG_RETURN_CSTRING(pstrdup(buf));
}

Datum
weektime_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			minute = (int16) pq_getmsgint(buf, 2);

	if (minute < 0 || minute > WT_MAX_MINUTE)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				errmsg("invalid external weektime value %d", minute),
				errdetail("A weektime counts minutes from 0 (Mon 00:00) to %d (Sun 24:00).",
						  WT_MAX_MINUTE));
	PG_RETURN_WEEKTIME(minute);
}

Datum
weektime_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, (uint16) PG_GETARG_WEEKTIME(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

#define WEEKTIME_COMPARISON(name, op) \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_WEEKTIME(0) op PG_GETARG_WEEKTIME(1)); \
}

WEEKTIME_COMPARISON(weektime_eq, ==)
WEEKTIME_COMPARISON(weektime_ne, !=)
WEEKTIME_COMPARISON(weektime_lt, <)
WEEKTIME_COMPARISON(weektime_le, <=)
WEEKTIME_COMPARISON(weektime_gt, >)
WEEKTIME_COMPARISON(weektime_ge, >=)

Datum
weektime_cmp(PG_FUNCTION_ARGS)
{
	int			a = PG_GETARG_WEEKTIME(0);
	int			b = PG_GETARG_WEEKTIME(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

static int
weektime_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	int			a = DatumGetWeektime(x);
	int			b = DatumGetWeektime(y);

	return (a > b) - (a < b);
}

Datum
weektime_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = weektime_fastcmp;
	PG_RETURN_VOID();
}

Datum
weektime_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_WEEKTIME(0));
}

Datum
weektime_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_WEEKTIME(0), PG_GETARG_INT64(1));
}

/* The range type's subtype_diff: minutes between two weektimes. */
Datum
weektime_subdiff(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8((float8) PG_GETARG_WEEKTIME(0) - (float8) PG_GETARG_WEEKTIME(1));
}

Datum
weektime_minus_weektime(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) PG_GETARG_WEEKTIME(0) - (int32) PG_GETARG_WEEKTIME(1));
}

static Datum
weektime_shift(int minute, int64 minutes)
{
	int64		result = (int64) minute + minutes;

	if (result < 0 || result > WT_MAX_MINUTE)
		ereport(ERROR,
				errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				errmsg("weektime out of range"),
				errdetail("Moving a weektime by %lld minutes leaves the week (Mon 00:00 to Sun 24:00).",
						  (long long) minutes));
	return WeektimeGetDatum((int) result);
}

Datum
weektime_plus_minutes(PG_FUNCTION_ARGS)
{
	return weektime_shift(PG_GETARG_WEEKTIME(0), PG_GETARG_INT32(1));
}

Datum
weektime_minus_minutes(PG_FUNCTION_ARGS)
{
	return weektime_shift(PG_GETARG_WEEKTIME(0), -(int64) PG_GETARG_INT32(1));
}

/*
 * Minutes of the day of a time of day; refuses times that are not
 * minute-exact, since a weektime cannot hold them.
 */
int
time_to_minute_of_day(TimeADT time)
{
	if (time % USECS_PER_MINUTE != 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_DATETIME_FORMAT),
				errmsg("time of day %s is not a whole minute",
					   DatumGetCString(DirectFunctionCall1(time_out, TimeADTGetDatum(time)))),
				errdetail("schooltime counts minutes: seconds must be zero."));
	return (int) (time / USECS_PER_MINUTE);
}

/* ISO weekday of a name ("dl", "Monday") or of its digits ("1"). */
int
weekday_from_text(text *name)
{
	char	   *s = text_to_cstring(name);
	int			day = wt_parse_weekday(s, strlen(s));

	if (day == 0 && strlen(s) == 1 && s[0] >= '1' && s[0] <= '7')
		day = s[0] - '0';
	if (day == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for a weekday: \"%s\"", s),
				errdetail_internal("%s", _(wt_status_detail(WT_BAD_DAY))));
	return day;
}

void
check_iso_weekday(int day)
{
	if (day < 1 || day > 7)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("weekday %d is out of range", day),
				errdetail("Weekdays are numbered as in ISO 8601, from 1 (Monday) to 7 (Sunday)."));
}

static Datum
make_weektime(int day, TimeADT time)
{
	int			minute_of_day = time_to_minute_of_day(time);

	check_iso_weekday(day);
	return WeektimeGetDatum((day - 1) * WT_MINUTES_PER_DAY + minute_of_day);
}

Datum
weektime_make(PG_FUNCTION_ARGS)
{
	return make_weektime(PG_GETARG_INT32(0), PG_GETARG_TIMEADT(1));
}

Datum
weektime_make_named(PG_FUNCTION_ARGS)
{
	return make_weektime(weekday_from_text(PG_GETARG_TEXT_PP(0)), PG_GETARG_TIMEADT(1));
}

Datum
weektime_weekday(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(wt_weekday(PG_GETARG_WEEKTIME(0)));
}

Datum
weektime_time_of_day(PG_FUNCTION_ARGS)
{
	int			minute = PG_GETARG_WEEKTIME(0);
	int			day = wt_weekday(minute);

	PG_RETURN_TIMEADT((TimeADT) (minute - (day - 1) * WT_MINUTES_PER_DAY) * USECS_PER_MINUTE);
}

Datum
weektime_minute_of_week(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_WEEKTIME(0));
}

Datum
weekday_from_name(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(weekday_from_text(PG_GETARG_TEXT_PP(0)));
}

/* Name of an ISO weekday in English ('en', long), short ('short') or Catalan ('ca'). */
Datum
weekday_name(PG_FUNCTION_ARGS)
{
	int			day = PG_GETARG_INT32(0);
	char	   *language = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const char *name;

	check_iso_weekday(day);
	if (strcmp(language, "en") == 0)
		name = wt_weekday_long(day);
	else if (strcmp(language, "short") == 0)
		name = wt_weekday_short(day);
	else if (strcmp(language, "ca") == 0)
		name = wt_weekday_catalan(day);
	else
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("unknown weekday language \"%s\"", language),
				errhint("Use 'en' (Monday), 'short' (Mon) or 'ca' (dilluns)."));
	PG_RETURN_TEXT_P(cstring_to_text(name));
}
