/*
 * weekslot.c
 *		weektimerange, the range type over weektime, and weekslot, one slot of
 *		one day.
 *
 * Since 0.3 weekslot is a base type whose values are weektimerange values,
 * byte for byte; its text input reads the compact form people write ("dl
 * 08:00-09:00") as well as a range literal, and PostgreSQL's range functions,
 * declared over it, give it overlap, containment, GiST and EXCLUDE.  Before
 * 0.3 it was a domain over weektimerange (kept as weekslot_before_0_3), whose
 * CHECK is weekslot_is_valid().  Either way a slot has a start and an end on
 * the same day; that check cannot live in the canonical function, because
 * PostgreSQL also canonicalizes the unions of ranges it builds inside GiST
 * indexes, and those span days.
 */
#include "schooltime.h"

#include "access/htup_details.h"
#include "access/stratnum.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rangetypes.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(weektimerange_canonical);
PG_FUNCTION_INFO_V1(weekslot_in);
PG_FUNCTION_INFO_V1(weekslot_recv);
PG_FUNCTION_INFO_V1(weekslot_from_range);
PG_FUNCTION_INFO_V1(weekslot_gist_consistent);
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

/*
 * Every refused slot says what a good one looks like: a COPY of a school's
 * export names the line and the column, this names the form.
 */
#define SLOT_FORMS_HINT \
	"Write a slot as a weekday and two times of day, such as \"dl 08:00-09:00\" or \"Mon 08:00-09:00\", or as a range such as \"[Mon 08:00,Mon 09:00)\"."

static void
refuse_slot(const char *input, wt_status status)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			errmsg("invalid input syntax for type %s: \"%s\"", "weekslot", input),
			errdetail("%s", wt_status_detail(status)),
			errhint(SLOT_FORMS_HINT));
}

/* A weektimerange is a slot: bounded, not empty, within one day. */
static void
check_one_day(Datum range)
{
	int			start;
	int			end;

	if (!weekslot_bounds(range, &start, &end))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type %s: \"%s\"", "weekslot", "empty"),
				errdetail("A slot must not be empty."),
				errhint(SLOT_FORMS_HINT));
	if (start < 0 || end > WT_MAX_MINUTE)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type %s: \"%s\"", "weekslot",
					   range_text(start, end)),
				errdetail("A slot must have a start and an end."),
				errhint(SLOT_FORMS_HINT));
	if (start / WT_MINUTES_PER_DAY != (end - 1) / WT_MINUTES_PER_DAY)
		refuse_slot(range_text(start, end), WT_CROSSES_MIDNIGHT);
}

/* The 0.2 weekslot domain's CHECK (weekslot_before_0_3). */
Datum
weekslot_is_valid(PG_FUNCTION_ARGS)
{
	check_one_day(PG_GETARG_DATUM(0));
	PG_RETURN_BOOL(true);
}

/*
 * The range type whose values a slot type holds: the base type of the 0.2
 * domain, or, for the weekslot base type, weektimerange beside it in the
 * extension's schema.
 */
static Oid
slot_range_type(Oid slot_type)
{
	Oid			base = getBaseType(slot_type);
	HeapTuple	tuple;
	Oid			namespace;
	Oid			range;

	if (get_typtype(base) == TYPTYPE_RANGE)
		return base;
	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(base));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for type %u", base);
	namespace = ((Form_pg_type) GETSTRUCT(tuple))->typnamespace;
	ReleaseSysCache(tuple);
	range = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
							CStringGetDatum("weektimerange"), ObjectIdGetDatum(namespace));
	if (!OidIsValid(range) || get_typtype(range) != TYPTYPE_RANGE)
		elog(ERROR, "type %s has no range type weektimerange beside it", format_type_be(base));
	return range;
}

/* What weekslot_in and weekslot_recv keep between calls. */
typedef struct SlotIOCache
{
	Oid			slot_type;
	Oid			range_type;
	TypeCacheEntry *typcache;	/* of range_type */
	FmgrInfo	range_io;		/* range_in or range_recv */
} SlotIOCache;

static SlotIOCache *
slot_io_cache(FunctionCallInfo fcinfo, Oid slot_type, Oid range_io_function)
{
	SlotIOCache *cache = (SlotIOCache *) fcinfo->flinfo->fn_extra;

	if (cache == NULL || cache->slot_type != slot_type)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(SlotIOCache));
		cache->slot_type = slot_type;
		cache->range_type = slot_range_type(slot_type);
		cache->typcache = lookup_type_cache(cache->range_type, TYPECACHE_RANGE_INFO);
		fmgr_info_cxt(range_io_function, &cache->range_io, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = cache;
	}
	return cache;
}

/* Whether text is a range literal ("[...)", "(...]", "empty") rather than a compact slot. */
static bool
is_range_literal(const char *text)
{
	const char *p = text;
	const char *end;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
		p++;
	if (*p == '[' || *p == '(')
		return true;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
					   end[-1] == '\r' || end[-1] == '\f' || end[-1] == '\v'))
		end--;
	return end - p == 5 && pg_strncasecmp(p, "empty", 5) == 0;
}

static Datum
serialize_slot(TypeCacheEntry *typcache, int start, int end)
{
	RangeBound	lower;
	RangeBound	upper;

	lower.val = WeektimeGetDatum(start);
	lower.infinite = false;
	lower.inclusive = true;
	lower.lower = true;
	upper.val = WeektimeGetDatum(end);
	upper.infinite = false;
	upper.inclusive = false;
	upper.lower = false;
	return RangeTypePGetDatum(SCHOOLTIME_MAKE_RANGE(typcache, &lower, &upper, false, NULL));
}

/*
 * Text input of weekslot: the compact form, parsed by weekslot_parse() as
 * schooltime.slot() does, or a range literal, read by PostgreSQL's range_in
 * for weektimerange and then checked to be one day's.
 */
Datum
weekslot_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	SlotIOCache *cache = slot_io_cache(fcinfo, PG_GETARG_OID(1), F_RANGE_IN);
	int			start;
	int			end;
	wt_status	status;

	if (is_range_literal(input))
	{
		Datum		range = InputFunctionCall(&cache->range_io, input, cache->range_type, -1);

		check_one_day(range);
		PG_RETURN_DATUM(range);
	}
	status = weekslot_parse(input, &start, &end);
	if (status != WT_OK)
		refuse_slot(input, status);
	PG_RETURN_DATUM(serialize_slot(cache->typcache, start, end));
}

/* Binary input of weekslot: weektimerange's, checked to be one day's. */
Datum
weekslot_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SlotIOCache *cache = slot_io_cache(fcinfo, PG_GETARG_OID(1), F_RANGE_RECV);
	Datum		range = ReceiveFunctionCall(&cache->range_io, buf, cache->range_type, -1);

	check_one_day(range);
	PG_RETURN_DATUM(range);
}

/*
 * GiST consistency for weekslot: PostgreSQL's range_gist_consistent, which
 * tells a range query from an element query by the operator's right-hand
 * type, anyrange in its own operator class.  Every weekslot strategy but
 * "contains weektime" takes a slot, that is a range.
 */
Datum
weekslot_gist_consistent(PG_FUNCTION_ARGS)
{
	FmgrInfo   *range_consistent = (FmgrInfo *) fcinfo->flinfo->fn_extra;
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	Oid			subtype = PG_GETARG_OID(3);

	if (range_consistent == NULL)
	{
		range_consistent = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(FmgrInfo));
		fmgr_info_cxt(F_RANGE_GIST_CONSISTENT, range_consistent, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = range_consistent;
	}
	if (strategy != RANGESTRAT_CONTAINS_ELEM)
		subtype = ANYRANGEOID;
	return FunctionCall5Coll(range_consistent, PG_GET_COLLATION(),
							 PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), PG_GETARG_DATUM(2),
							 ObjectIdGetDatum(subtype), PG_GETARG_DATUM(4));
}

/* The cast weektimerange -> weekslot: the same bytes, once checked. */
Datum
weekslot_from_range(PG_FUNCTION_ARGS)
{
	check_one_day(PG_GETARG_DATUM(0));
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/* Per-call-site cache of the range type the function returns. */
static TypeCacheEntry *
returned_range_typcache(FunctionCallInfo fcinfo)
{
	TypeCacheEntry *typcache = (TypeCacheEntry *) fcinfo->flinfo->fn_extra;

	if (typcache == NULL)
	{
		Oid			rngtypid = slot_range_type(get_func_rettype(fcinfo->flinfo->fn_oid));

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
	int			base = (day - 1) * WT_MINUTES_PER_DAY;

	if (from >= WT_MINUTES_PER_DAY || to <= from)
	{
		char		slot_text[WS_FORMAT_LEN + 8];

		snprintf(slot_text, sizeof(slot_text), "%s %02d:%02d-%02d:%02d",
				 wt_weekday_short(day), from / 60, from % 60, to / 60, to % 60);
		refuse_slot(slot_text, from >= WT_MINUTES_PER_DAY ? WT_CROSSES_MIDNIGHT : WT_END_BEFORE_START);
	}
	PG_RETURN_DATUM(serialize_slot(typcache, base + from, base + to));
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
