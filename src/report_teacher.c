/*
 * report_teacher.c
 *		schooltime.teacher_week_figures(lessons, duties, school_year): the
 *		figures of a teacher's week for the report schooltime.teacher_hours(),
 *		measured by the kernel that enforces teacher_midday and teacher_week
 *		on every write (st_teacher_week), so the report and the triggers
 *		cannot disagree.
 *
 * The kernel reports a week's minutes only when they break the limit; run
 * with a limit of 0 it reports them for any busy week, which is how the
 * totals are read here.  teacher_midday is read from the same run, with
 * the year's real figures.
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "busy.h"
#include "catalogue.h"
#include "kernels/kernels.h"
#include "judge.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(schooltime_teacher_week_figures);

typedef struct WeekReading
{
	int			week_minutes;
	bool		midday_broken[8];	/* by ISO weekday */
} WeekReading;

static void
read_finding(void *context, const st_finding *f)
{
	WeekReading *reading = context;

	if (f->rule == ST_TEACHER_WEEK)
		reading->week_minutes = f->measured;
	else if (f->rule == ST_TEACHER_MIDDAY && f->day >= 1 && f->day <= 7)
		reading->midday_broken[f->day] = true;
}

/* Appends the slots of an array (NULL elements skipped) as items with flags. */
static void
add_slots(ArrayType *array, unsigned flags, st_item *items, int *n)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *values;
	bool	   *nulls;
	int			count;
	int			i;

	get_typlenbyvalalign(ARR_ELEMTYPE(array), &typlen, &typbyval, &typalign);
	deconstruct_array(array, ARR_ELEMTYPE(array), typlen, typbyval, typalign, &values, &nulls, &count);
	for (i = 0; i < count; i++)
	{
		int			start;
		int			end;

		if (nulls[i] || !weekslot_bounds(values[i], &start, &end) || start < 0 || end > WT_MAX_MINUTE)
			continue;
		items[*n].start = start;
		items[*n].end = end;
		items[*n].split = 0;
		items[*n].part = 0;
		items[*n].lesson = 0;
		items[*n].flags = flags;
		items[*n].id = *n;
		(*n)++;
	}
}

static int
array_length_of(ArrayType *array)
{
	return ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
}

/* The kernel's week minutes of some items, with no limit to hide them. */
static int
week_minutes(st_item *items, int n, const st_staff_limits *limits)
{
	st_staff_limits measure = *limits;
	WeekReading reading;

	memset(&reading, 0, sizeof(reading));
	measure.week_max = 0;
	st_teacher_week(items, NULL, n, &measure, read_finding, &reading);
	return reading.week_minutes;
}

Datum
schooltime_teacher_week_figures(PG_FUNCTION_ARGS)
{
	ArrayType  *lessons;
	ArrayType  *duties;
	const StaffLimits *staff;
	st_staff_limits limits;
	st_item    *items;
	st_item    *subset;
	int			n = 0;
	int			n_subset;
	int			i;
	WeekReading reading;
	TupleDesc	desc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	Datum	   *days;
	int			n_days = 0;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("the school year must be given"),
				errdetail("The limits of a teacher's week are keyed by school year in schooltime.staff_limits."));
	lessons = PG_ARGISNULL(0) ? construct_empty_array(INT4OID) : PG_GETARG_ARRAYTYPE_P(0);
	duties = PG_ARGISNULL(1) ? construct_empty_array(INT4OID) : PG_GETARG_ARRAYTYPE_P(1);
	staff = catalogue_require_staff_limits(parse_school_year(text_to_cstring(PG_GETARG_TEXT_PP(2))));
	staff_limits_from(staff, &limits);

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "schooltime.teacher_week_figures() must return a record");
	desc = BlessTupleDesc(desc);

	items = palloc(sizeof(st_item) * (array_length_of(lessons) + array_length_of(duties) + 1));
	if (array_length_of(lessons) > 0)
		add_slots(lessons, 0, items, &n);
	if (array_length_of(duties) > 0)
		add_slots(duties, ST_DUTY, items, &n);
	busy_sort(items, n);

	/* the whole week, with the year's figures: midday days, and the total */
	memset(&reading, 0, sizeof(reading));
	st_teacher_week(items, NULL, n, &limits, read_finding, &reading);
	values[2] = Int32GetDatum(week_minutes(items, n, &limits));

	/* lessons alone, then duties alone */
	subset = palloc(sizeof(st_item) * (n + 1));
	n_subset = 0;
	for (i = 0; i < n; i++)
		if (!(items[i].flags & ST_DUTY))
			subset[n_subset++] = items[i];
	values[0] = Int32GetDatum(week_minutes(subset, n_subset, &limits));
	n_subset = 0;
	for (i = 0; i < n; i++)
		if (items[i].flags & ST_DUTY)
			subset[n_subset++] = items[i];
	values[1] = Int32GetDatum(week_minutes(subset, n_subset, &limits));

	values[3] = Int32GetDatum(staff->week_max);

	days = palloc(sizeof(Datum) * 7);
	for (i = 1; i <= 7; i++)
		if (reading.midday_broken[i])
			days[n_days++] = Int32GetDatum(i);
	values[4] = PointerGetDatum(construct_array(days, n_days, INT4OID, sizeof(int32), true, TYPALIGN_INT));

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
