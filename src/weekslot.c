/*
 * weekslot.c
 *		weektimerange, the range type over weektime, and weekslot, the domain
 *		over it that holds one slot of one day.
 *
 * The range type gives overlap, containment, GiST and EXCLUDE for free; the
 * domain adds what a range cannot say: a slot has a start and an end on the
 * same day.  That check cannot live in the canonical function, because
 * PostgreSQL also canonicalizes the unions of ranges it builds inside GiST
 * indexes, and those span days.
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(weektimerange_canonical);
PG_FUNCTION_INFO_V1(weekslot_is_valid);
PG_FUNCTION_INFO_V1(weekslot_make);
PG_FUNCTION_INFO_V1(weekslot_make_named);
PG_FUNCTION_INFO_V1(weekslot_from_text);
PG_FUNCTION_INFO_V1(weekslot_weekday);
PG_FUNCTION_INFO_V1(weekslot_start_time);
PG_FUNCTION_INFO_V1(weekslot_end_time);
PG_FUNCTION_INFO_V1(weekslot_minutes);
PG_FUNCTION_INFO_V1(weekslot_to_text);

Datum
weektimerange_canonical(PG_FUNCTION_ARGS)
{
	RangeType  *range = PG_GETARG_RANGE_P(0);
	TypeCacheEntry *typcache = range_get_typcache(fcinfo, RangeTypeGetOid(range));
	RangeBound	lower;
	RangeBound	upper;
	bool		empty;

	range_deserialize(typcache, range, &lower, &upper, &empty);
	if (empty)
		PG_RETURN_RANGE_P(range);

	/* minutes are discrete: every slot is written [start, end) */
	if (!lower.infinite && !lower.inclusive)
	{
		int			minute = DatumGetWeektime(lower.val) + 1;

		if (minute > WT_MAX_MINUTE)
			ereturn(fcinfo->context, (Datum) 0,
					errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					errmsg("weektime out of range"),
					errdetail("The week ends at Sun 24:00."));
		lower.val = WeektimeGetDatum(minute);
		lower.inclusive = true;
	}
	if (!upper.infinite && upper.inclusive)
	{
		int			minute = DatumGetWeektime(upper.val) + 1;

		if (minute > WT_MAX_MINUTE)
			ereturn(fcinfo->context, (Datum) 0,
					errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					errmsg("weektime out of range"),
					errdetail("The week ends at Sun 24:00."));
		upper.val = WeektimeGetDatum(minute);
		upper.inclusive = false;
	}
	PG_RETURN_RANGE_P(SCHOOLTIME_RANGE_SERIALIZE(typcache, &lower, &upper, false,
												 fcinfo->context));
}

/*
 * The [start, end) minutes of a slot.  Returns false for an empty range;
 * an infinite bound comes back as -1 (start) or WT_MAX_MINUTE + 1 (end).
 */
bool
weekslot_bounds(Datum slot, int *start, int *end)
{
	/* typcache entries live as long as the backend: one lookup per range type */
	static TypeCacheEntry *typcache = NULL;
	struct varlena *raw = (struct varlena *) DatumGetPointer(slot);
	union
	{
		RangeType	range;
		int64		align;		/* as palloc would align it */
		char		bytes[64];
	}			aligned;
	RangeType  *range;
	RangeBound	lower;
	RangeBound	upper;
	bool		empty;

	/*
	 * A slot read from a table has a short header; a range needs the long
	 * one.  Slots are a few bytes, so the copy goes on the stack rather than
	 * into a palloc'd chunk per row (the compliance report reads millions).
	 */
	if (VARATT_IS_SHORT(raw) && VARSIZE_SHORT(raw) - VARHDRSZ_SHORT + VARHDRSZ <= sizeof(aligned.bytes))
	{
		Size		data = VARSIZE_SHORT(raw) - VARHDRSZ_SHORT;

		memcpy(aligned.bytes + VARHDRSZ, VARDATA_SHORT(raw), data);
		SET_VARSIZE(&aligned.range, data + VARHDRSZ);
		range = &aligned.range;
	}
	else
		range = DatumGetRangeTypeP(slot);
	if (typcache == NULL || typcache->type_id != RangeTypeGetOid(range))
		typcache = lookup_type_cache(RangeTypeGetOid(range), TYPECACHE_RANGE_INFO);

	range_deserialize(typcache, range, &lower, &upper, &empty);
	if (empty)
		return false;
	*start = lower.infinite ? -1 : DatumGetWeektime(lower.val) + (lower.inclusive ? 0 : 1);
	*end = upper.infinite ? WT_MAX_MINUTE + 1 : DatumGetWeektime(upper.val) + (upper.inclusive ? 1 : 0);
	return true;
}

/* The text of a range as range_out would write it, for error messages. */
static char *
range_text(int start, int end)
{
	char		from[WT_FORMAT_LEN];
	char		to[WT_FORMAT_LEN];

	if (start >= 0)
		weektime_format(start, from);
	if (end <= WT_MAX_MINUTE)
		weektime_format(end, to);
	return psprintf("%s%s,%s)",
					start >= 0 ? "[" : "(",
					start >= 0 ? from : "",
					end <= WT_MAX_MINUTE ? to : "");
}

static void
refuse_slot(const char *input, wt_status status)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			errmsg("invalid input syntax for type %s: \"%s\"", "weekslot", input),
			errdetail("%s", wt_status_detail(status)));
}

/* The weekslot domain's CHECK: a bounded, non-empty slot within one day. */
Datum
weekslot_is_valid(PG_FUNCTION_ARGS)
{
	int			start;
	int			end;

	if (!weekslot_bounds(PG_GETARG_DATUM(0), &start, &end))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type %s: \"%s\"", "weekslot", "empty"),
				errdetail("A slot must not be empty."));
	if (start < 0 || end > WT_MAX_MINUTE)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type %s: \"%s\"", "weekslot",
					   range_text(start, end)),
				errdetail("A slot must have a start and an end."));
	if (start / WT_MINUTES_PER_DAY != (end - 1) / WT_MINUTES_PER_DAY)
		refuse_slot(range_text(start, end), WT_CROSSES_MIDNIGHT);
	PG_RETURN_BOOL(true);
}

/* Per-call-site cache of the range type the function returns. */
static TypeCacheEntry *
returned_range_typcache(FunctionCallInfo fcinfo)
{
	TypeCacheEntry *typcache = (TypeCacheEntry *) fcinfo->flinfo->fn_extra;

	if (typcache == NULL)
	{
		Oid			rngtypid = getBaseType(get_func_rettype(fcinfo->flinfo->fn_oid));

		typcache = lookup_type_cache(rngtypid, TYPECACHE_RANGE_INFO);
		if (typcache->rngelemtype == NULL)
			elog(ERROR, "type %u is not a range type", rngtypid);
		fcinfo->flinfo->fn_extra = typcache;
	}
	return typcache;
}

static Datum
make_slot(FunctionCallInfo fcinfo, int day, int from, int to)
{
	TypeCacheEntry *typcache = returned_range_typcache(fcinfo);
	RangeBound	lower;
	RangeBound	upper;
	int			base = (day - 1) * WT_MINUTES_PER_DAY;

	if (from >= WT_MINUTES_PER_DAY || to <= from)
	{
		char		slot_text[WS_FORMAT_LEN + 8];

		snprintf(slot_text, sizeof(slot_text), "%s %02d:%02d-%02d:%02d",
				 wt_weekday_short(day), from / 60, from % 60, to / 60, to % 60);
		refuse_slot(slot_text, from >= WT_MINUTES_PER_DAY ? WT_CROSSES_MIDNIGHT : WT_END_BEFORE_START);
	}
	lower.val = WeektimeGetDatum(base + from);
	lower.infinite = false;
	lower.inclusive = true;
	lower.lower = true;
	upper.val = WeektimeGetDatum(base + to);
	upper.infinite = false;
	upper.inclusive = false;
	upper.lower = false;
	PG_RETURN_RANGE_P(SCHOOLTIME_MAKE_RANGE(typcache, &lower, &upper, false, NULL));
}

Datum
weekslot_make(PG_FUNCTION_ARGS)
{
	int			day = PG_GETARG_INT32(0);

	check_iso_weekday(day);
	return make_slot(fcinfo, day,
					 time_to_minute_of_day(PG_GETARG_TIMEADT(1)),
					 time_to_minute_of_day(PG_GETARG_TIMEADT(2)));
}

Datum
weekslot_make_named(PG_FUNCTION_ARGS)
{
	return make_slot(fcinfo, weekday_from_text(PG_GETARG_TEXT_PP(0)),
					 time_to_minute_of_day(PG_GETARG_TIMEADT(1)),
					 time_to_minute_of_day(PG_GETARG_TIMEADT(2)));
}

/* The compact form "Mon 08:00-09:30" (also "dl 8:00 - 9:30"). */
Datum
weekslot_from_text(PG_FUNCTION_ARGS)
{
	char	   *input = text_to_cstring(PG_GETARG_TEXT_PP(0));
	int			start;
	int			end;
	wt_status	status = weekslot_parse(input, &start, &end);

	if (status != WT_OK)
		refuse_slot(input, status);
	return make_slot(fcinfo, wt_weekday(start),
					 start % WT_MINUTES_PER_DAY,
					 end - (wt_weekday(start) - 1) * WT_MINUTES_PER_DAY);
}

static void
get_slot(FunctionCallInfo fcinfo, int *start, int *end)
{
	if (!weekslot_bounds(PG_GETARG_DATUM(0), start, end) ||
		*start < 0 || *end > WT_MAX_MINUTE)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a weekslot must be bounded and not empty"));
}

Datum
weekslot_weekday(PG_FUNCTION_ARGS)
{
	int			start;
	int			end;

	get_slot(fcinfo, &start, &end);
	PG_RETURN_INT32(wt_weekday(start));
}

Datum
weekslot_start_time(PG_FUNCTION_ARGS)
{
	int			start;
	int			end;

	get_slot(fcinfo, &start, &end);
	PG_RETURN_TIMEADT((TimeADT) (start % WT_MINUTES_PER_DAY) * USECS_PER_MINUTE);
}

Datum
weekslot_end_time(PG_FUNCTION_ARGS)
{
	int			start;
	int			end;

	get_slot(fcinfo, &start, &end);
	/* a slot ending at midnight ends at 24:00 of its own day */
	PG_RETURN_TIMEADT((TimeADT) (end - (wt_weekday(start) - 1) * WT_MINUTES_PER_DAY) * USECS_PER_MINUTE);
}

Datum
weekslot_minutes(PG_FUNCTION_ARGS)
{
	int			start;
	int			end;

	get_slot(fcinfo, &start, &end);
	PG_RETURN_INT32(end - start);
}

Datum
weekslot_to_text(PG_FUNCTION_ARGS)
{
	int			start;
	int			end;
	char		buf[WS_FORMAT_LEN];

	get_slot(fcinfo, &start, &end);
	weekslot_format(start, end, buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}
