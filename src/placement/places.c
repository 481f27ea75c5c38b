/*
 * places.c
 *		Where can this lesson go?  Every start of the week where a lesson
 *		could be written without breaking a rule a write would check, and
 *		for every other start the rules that close it.
 *
 * The week of each group the lesson takes, of each of its teachers and,
 * when the centre holds an approved timetable, of the centre, is read once
 * with the caller's snapshot and no lock; then every candidate start is
 * judged by the kernels the triggers run (src/kernels/), over those weeks
 * with the lesson added (and the session or lesson it replaces taken out):
 * the row rules of each group's regime, each group's week (its approval
 * rules too when its timetable is approved), each teacher's week, the
 * centre's coverage.  A finding a write would be refused for (an error,
 * not authorised) closes the place.  So a place offered is one the
 * triggers accept, and a closed one is refused by a rule it names.
 *
 * Not judged here: eoi_course_hours, which weighs a moved session of an
 * approved EOI group against the calendar's class days, not a week (the
 * write still checks it); and the shape of lessons, which the arguments
 * are checked for before anything is read.
 */
#include "schooltime.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "placement/placement.h"
#include "spi_util.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(schooltime_places);


typedef struct Candidate
{
	int			start;
	int			end;
	bool		open;
	int			gaps;
	int			preference;
	List	   *reasons;
} Candidate;

typedef enum Preference
{
	PREFER_TEACHER_GAPS,
	PREFER_SAME_DAY,
	PREFER_EARLIEST
} Preference;

static Preference sort_preference;
static int	sort_replaced_day;

static int
candidate_cmp(const void *a, const void *b)
{
	const Candidate *x = a;
	const Candidate *y = b;

	if (x->open != y->open)
		return x->open ? -1 : 1;
	if (x->open && sort_preference == PREFER_SAME_DAY)
	{
		bool		xs = wt_weekday(x->start) == sort_replaced_day;
		bool		ys = wt_weekday(y->start) == sort_replaced_day;

		if (xs != ys)
			return xs ? -1 : 1;
	}
	if (x->open && sort_preference != PREFER_EARLIEST && x->gaps != y->gaps)
		return x->gaps < y->gaps ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* Starts in minutes of the day: the centre's own period starts that year, or every step of the windows. */
static int *
candidate_starts(Placement *p, bool periods, int step, int first, int last, int *n)
{
	int		   *starts = palloc(sizeof(int) * WT_MINUTES_PER_DAY);
	bool		seen[WT_MINUTES_PER_DAY];
	int			m;

	*n = 0;
	memset(seen, 0, sizeof(seen));
	if (periods)
	{
		Oid			types[2] = {INT8OID, TEXTOID};
		Datum		values[2] = {Int64GetDatum(p->centre_id), CStringGetTextDatum(p->school_year_text)};
		uint64		r;

		spi_exec_args_checked(psprintf("SELECT s.slot FROM %s AS s WHERE s.centre_id OPERATOR(pg_catalog.=) $1"
									   " AND s.school_year::pg_catalog.text OPERATOR(pg_catalog.=) $2"
									   " AND s.kind OPERATOR(pg_catalog.<>) 'recess'::schooltime.session_kind",
									   p->model->sessions),
							  2, types, values, NULL, SPI_OK_SELECT);
		for (r = 0; r < SPI_processed; r++)
		{
			int			start;
			int			end;

			if (row_slot(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &start, &end))
				seen[start % WT_MINUTES_PER_DAY] = true;
		}
	}
	else
		for (m = first; m + p->minutes <= last; m += step)
			seen[m] = true;
	for (m = 0; m < WT_MINUTES_PER_DAY; m++)
		if (seen[m] && m + p->minutes <= WT_MINUTES_PER_DAY)
			starts[(*n)++] = m;
	return starts;
}

#define PLACES_COLUMNS 7

/*
 * schooltime.places(model, centre_id, group_ids, minutes, teacher_ids,
 *                   splits, parts, kind, replaces, subject, starts, step,
 *                   prefer, with_reasons)
 */
Datum
schooltime_places(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext per_query;
	MemoryContext old;
	Placement	p;
	SpiScope	spi;
	TupleDesc	desc;
	Tuplestorestate *store;
	TypeCacheEntry *range;
	int64	   *group_ids;
	int			ngroups;
	int64	   *teacher_ids;
	int			nteachers = 0;
	char	  **splits = NULL;
	char	  **parts = NULL;
	bool		periods;
	int			step;
	Preference	prefer;
	int		   *starts;
	int			nstarts;
	Candidate  *candidates;
	int			ncandidates = 0;
	int			first_day = 7;
	int			last_day = 1;
	int			earliest = WT_MINUTES_PER_DAY;
	int			latest = 0;
	int			day;
	int			i;
	int			rank = 0;
	Oid			violation_type;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("schooltime.places() must be called in a context that accepts a set"));
	for (i = 0; i <= 3; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("the model, the centre, the lesson's groups and its length must be given"));

	memset(&p, 0, sizeof(p));
	p.model = model_tables(NameStr(*PG_GETARG_NAME(0)), CurrentMemoryContext);
	p.centre_id = PG_GETARG_INT64(1);
	group_ids = int8_array(PG_GETARG_ARRAYTYPE_P(2), &ngroups);
	if (ngroups == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a lesson takes at least one group"),
				errhint("Name the lesson's groups in group_ids."));
	p.minutes = PG_GETARG_INT32(3);
	teacher_ids = PG_ARGISNULL(4) ? NULL : int8_array(PG_GETARG_ARRAYTYPE_P(4), &nteachers);
	if (!PG_ARGISNULL(5))
		splits = text_array(PG_GETARG_ARRAYTYPE_P(5), ngroups, "splits");
	if (!PG_ARGISNULL(6))
		parts = text_array(PG_GETARG_ARRAYTYPE_P(6), ngroups, "parts");
	p.flags = PG_ARGISNULL(7) ? 0 : kind_flags(PG_GETARG_OID(7));
	p.is_class = PG_ARGISNULL(7) || PG_GETARG_OID(7) != catalogue_session_kinds()->recess;
	p.replaces = PG_ARGISNULL(8) ? 0 : PG_GETARG_INT64(8);
	p.label = PG_ARGISNULL(9) ? pstrdup("the lesson to place") : psprintf("\"%s\"", text_to_cstring(PG_GETARG_TEXT_PP(9)));
	periods = PG_ARGISNULL(10) || strcmp(text_to_cstring(PG_GETARG_TEXT_PP(10)), "periods") == 0;
	if (!PG_ARGISNULL(10) && !periods && strcmp(text_to_cstring(PG_GETARG_TEXT_PP(10)), "grid") != 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("starts must be 'periods' or 'grid', not \"%s\"", text_to_cstring(PG_GETARG_TEXT_PP(10))),
				errhint("'periods' tries the starts of the centre's own sessions; 'grid' every step minutes of the regime's window."));
	step = PG_ARGISNULL(11) ? 5 : PG_GETARG_INT32(11);
	if (step < 1 || step > WT_MINUTES_PER_DAY)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a grid step of %d minutes is out of range", step),
				errhint("Give a step from 1 to 1440 minutes."));
	prefer = PREFER_TEACHER_GAPS;
	if (!PG_ARGISNULL(12))
	{
		char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(12));

		if (strcmp(name, "same_day") == 0)
			prefer = PREFER_SAME_DAY;
		else if (strcmp(name, "earliest") == 0)
			prefer = PREFER_EARLIEST;
		else if (strcmp(name, "teacher_gaps") != 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("prefer must be 'teacher_gaps', 'same_day' or 'earliest', not \"%s\"", name),
					errhint("'teacher_gaps' ranks first the places that leave the teachers fewest new idle stretches, 'same_day' those on the replaced session's day, 'earliest' the earliest."));
	}
	p.with_reasons = !PG_ARGISNULL(13) && PG_GETARG_BOOL(13);

	per_query = rsinfo->econtext->ecxt_per_query_memory;
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "schooltime.places() must return a composite type");
	old = MemoryContextSwitchTo(per_query);
	desc = CreateTupleDescCopy(desc);
	store = tuplestore_begin_heap(true, false, work_mem);
	MemoryContextSwitchTo(old);
	violation_type = typenameTypeId(NULL, typeStringToTypeName("schooltime.violation"));
	violation_rows_init(&p.violation_rows, BlessTupleDesc(lookup_rowtype_tupdesc_copy(violation_type, -1)));
	range = lookup_type_cache(typenameTypeId(NULL, typeStringToTypeName("schooltime.weektimerange")),
							  TYPECACHE_RANGE_INFO);

	p.keep = CurrentMemoryContext;
	spi_scope_begin(&spi);
	read_groups(&p, group_ids, ngroups);
	read_teachers(&p, teacher_ids, nteachers);
	read_rows(&p, group_ids, ngroups, splits, parts);
	check_minutes(&p);
	if (p.replaces != 0)
		read_replaced(&p);
	read_group_weeks(&p);
	read_teacher_weeks(&p);
	read_centre_week(&p);
	for (i = 0; i < p.ngroups; i++)
	{
		const RegimeLimits *l = p.groups[i].limits;

		first_day = Min(first_day, l->first_weekday);
		last_day = Max(last_day, l->last_weekday);
		earliest = Min(earliest, l->window_start);
		latest = Max(latest, l->window_end);
	}
	starts = candidate_starts(&p, periods, step, earliest, latest, &nstarts);

	candidates = MemoryContextAlloc(p.keep, sizeof(Candidate) * Max((last_day - first_day + 1) * nstarts, 1));
	for (day = first_day; day <= last_day; day++)
		for (i = 0; i < nstarts; i++)
		{
			Candidate  *c = &candidates[ncandidates++];
			Verdict		v = {0, NIL};

			c->start = (day - 1) * WT_MINUTES_PER_DAY + starts[i];
			c->end = c->start + p.minutes;
			judge_start(&p, c->start, c->end, &v);
			c->open = v.count == 0;
			c->reasons = v.reasons;
			c->gaps = new_teacher_gaps(&p, c->start, c->end);
		}
	spi_scope_end(&spi);

	sort_preference = prefer;
	sort_replaced_day = p.replaced_day;
	qsort(candidates, ncandidates, sizeof(Candidate), candidate_cmp);

	old = MemoryContextSwitchTo(per_query);
	for (i = 0; i < ncandidates; i++)
	{
		Candidate  *c = &candidates[i];
		Datum		values[PLACES_COLUMNS];
		bool		nulls[PLACES_COLUMNS];
		RangeBound	lower = {WeektimeGetDatum(c->start), false, true, true};
		RangeBound	upper = {WeektimeGetDatum(c->end), false, false, false};

		memset(nulls, false, sizeof(nulls));
		values[0] = Int32GetDatum(wt_weekday(c->start));
		values[1] = RangeTypePGetDatum(SCHOOLTIME_MAKE_RANGE(range, &lower, &upper, false, NULL));
		values[2] = BoolGetDatum(c->open);
		values[3] = Int32GetDatum(c->open ? ++rank : 0);
		nulls[3] = !c->open;
		values[4] = Int32GetDatum(c->gaps);
		nulls[4] = p.nteachers == 0;
		values[5] = BoolGetDatum(p.replaced_day != 0 && wt_weekday(c->start) == p.replaced_day);
		nulls[5] = p.replaced_day == 0;
		nulls[6] = !p.with_reasons || c->open;
		if (!nulls[6])
		{
			int			n = list_length(c->reasons);
			Datum	   *elements = palloc(sizeof(Datum) * Max(n, 1));
			ListCell   *lc;
			int			k = 0;

			foreach(lc, c->reasons)
				elements[k++] = PointerGetDatum(lfirst(lc));
			values[6] = PointerGetDatum(construct_array(elements, n, violation_type, -1, false, TYPALIGN_DOUBLE));
		}
		tuplestore_putvalues(store, desc, values, nulls);
	}
	MemoryContextSwitchTo(old);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = desc;
	return (Datum) 0;
}
