/*
 * aggregates.c
 *		The segregation indicators as SQL aggregates: dissimilarity,
 *		isolation, exposure, adjusted_isolation and category_share, each
 *		with a combine function, so that they run in parallel; and the
 *		per-centre figures share_gap_points and location_quotient.
 *
 * The indices need every centre's counts before any term can be computed
 * (each term divides by the area's totals), so the transition state is the
 * list of centres (indices.h's eq_unit), in the aggregate's memory context.
 * Keyed aggregates (first argument a centre id) add up the rows of one
 * centre; the others take each row as a centre.  When the list fills up it
 * is merged (entries of one centre, or, unkeyed, entries with the same
 * counts, become one), so memory follows the number of distinct centres.
 * Partial states travel between workers as the merged list.
 */
#include "schooltime.h"

#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "equity/indices.h"

PG_FUNCTION_INFO_V1(equity_units_transition);
PG_FUNCTION_INFO_V1(equity_units_keyed_transition);
PG_FUNCTION_INFO_V1(equity_units_combine);
PG_FUNCTION_INFO_V1(equity_units_serialize);
PG_FUNCTION_INFO_V1(equity_units_deserialize);
PG_FUNCTION_INFO_V1(equity_dissimilarity_final);
PG_FUNCTION_INFO_V1(equity_isolation_final);
PG_FUNCTION_INFO_V1(equity_exposure_final);
PG_FUNCTION_INFO_V1(equity_adjusted_isolation_final);
PG_FUNCTION_INFO_V1(equity_share_transition);
PG_FUNCTION_INFO_V1(equity_share_combine);
PG_FUNCTION_INFO_V1(equity_share_serialize);
PG_FUNCTION_INFO_V1(equity_share_deserialize);
PG_FUNCTION_INFO_V1(equity_share_final);
PG_FUNCTION_INFO_V1(equity_share_gap_points);
PG_FUNCTION_INFO_V1(equity_location_quotient);

#define UNITS_INITIAL_CAPACITY 64
/* more than a serialized state of this many entries is not one of ours */
#define UNITS_MAX ((int) (MaxAllocSize / sizeof(eq_unit)))

typedef struct UnitsState
{
	bool		keyed;
	int			n;
	int			capacity;
	eq_unit    *units;
} UnitsState;

typedef struct ShareState
{
	int64		category;
	int64		pupils;
} ShareState;

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *caller)
{
	MemoryContext context;

	if (!AggCheckCallContext(fcinfo, &context))
		elog(ERROR, "%s called in non-aggregate context", caller);
	return context;
}

static void
too_many_pupils(void)
{
	ereport(ERROR,
			errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			errmsg("too many pupils to count"),
			errdetail("The pupils of the area add up to more than a 64-bit integer holds."));
}

/* The counts of one centre, checked: none negative, the category within the total. */
static void
check_counts(int64 category, int64 pupils)
{
	if (category < 0 || pupils < 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("pupil counts cannot be negative"),
				errdetail("Pupils of the category: " INT64_FORMAT "; pupils in all: " INT64_FORMAT ".", category, pupils),
				errhint("Pass, for each centre, its pupils of the category and its pupils in all."));
	if (category > pupils)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a centre cannot have more pupils of the category (" INT64_FORMAT ") than pupils in all (" INT64_FORMAT ")",
					   category, pupils),
				errdetail("The segregation indicators take, for each centre, its pupils of the category and then all its pupils."),
				errhint("Pass the pupils of the category first and the centre's total second."));
}

static UnitsState *
units_new(MemoryContext context, bool keyed, int capacity)
{
	UnitsState *state = MemoryContextAlloc(context, sizeof(UnitsState));

	state->keyed = keyed;
	state->n = 0;
	state->capacity = Max(capacity, UNITS_INITIAL_CAPACITY);
	state->units = MemoryContextAlloc(context, sizeof(eq_unit) * state->capacity);
	return state;
}

static void
units_compact(UnitsState *state)
{
	int			n = eq_units_merge(state->units, state->n, state->keyed);

	if (n < 0)
		too_many_pupils();
	state->n = n;
}

/* Room for wanted more entries: merge first, grow only if that was not enough. */
static void
units_make_room(UnitsState *state, int wanted)
{
	if (state->n + wanted <= state->capacity)
		return;
	units_compact(state);
	if (state->n + wanted <= state->capacity && state->n <= state->capacity / 2)
		return;
	while (state->n + wanted > state->capacity || state->n > state->capacity / 2)
	{
		if (state->capacity > UNITS_MAX / 2)
			ereport(ERROR,
					errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					errmsg("too many centres for a segregation indicator"));
		state->capacity *= 2;
	}
	state->units = repalloc(state->units, sizeof(eq_unit) * state->capacity);
}

static void
units_add(UnitsState *state, int64 key, int64 category, int64 pupils, int64 count)
{
	eq_unit    *unit;

	units_make_room(state, 1);
	unit = &state->units[state->n++];
	unit->key = key;
	unit->category = category;
	unit->pupils = pupils;
	unit->count = count;
}

static Datum
units_transition(FunctionCallInfo fcinfo, bool keyed)
{
	MemoryContext context = aggregate_context(fcinfo, "equity_units_transition");
	UnitsState *state = PG_ARGISNULL(0) ? NULL : (UnitsState *) PG_GETARG_POINTER(0);
	int			first = keyed ? 2 : 1;
	MemoryContext old;
	int64		category;
	int64		pupils;

	/* a row with a NULL is left out, as a strict aggregate leaves it */
	if (PG_ARGISNULL(first) || PG_ARGISNULL(first + 1) || (keyed && PG_ARGISNULL(1)))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	category = PG_GETARG_INT64(first);
	pupils = PG_GETARG_INT64(first + 1);
	check_counts(category, pupils);
	old = MemoryContextSwitchTo(context);
	if (state == NULL)
		state = units_new(context, keyed, UNITS_INITIAL_CAPACITY);
	units_add(state, keyed ? PG_GETARG_INT64(1) : 0, category, pupils, 1);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(state);
}

Datum
equity_units_transition(PG_FUNCTION_ARGS)
{
	return units_transition(fcinfo, false);
}

Datum
equity_units_keyed_transition(PG_FUNCTION_ARGS)
{
	return units_transition(fcinfo, true);
}

Datum
equity_units_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "equity_units_combine");
	UnitsState *a = PG_ARGISNULL(0) ? NULL : (UnitsState *) PG_GETARG_POINTER(0);
	UnitsState *b = PG_ARGISNULL(1) ? NULL : (UnitsState *) PG_GETARG_POINTER(1);
	MemoryContext old;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	old = MemoryContextSwitchTo(context);
	if (a == NULL)
		a = units_new(context, b->keyed, b->n);
	units_make_room(a, b->n);
	memcpy(&a->units[a->n], b->units, sizeof(eq_unit) * b->n);
	a->n += b->n;
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

Datum
equity_units_serialize(PG_FUNCTION_ARGS)
{
	UnitsState *state = (UnitsState *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	int			i;

	aggregate_context(fcinfo, "equity_units_serialize");
	units_compact(state);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, state->keyed ? 1 : 0);
	pq_sendint32(&buf, state->n);
	for (i = 0; i < state->n; i++)
	{
		pq_sendint64(&buf, state->units[i].key);
		pq_sendint64(&buf, state->units[i].category);
		pq_sendint64(&buf, state->units[i].pupils);
		pq_sendint64(&buf, state->units[i].count);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
equity_units_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "equity_units_deserialize");
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	UnitsState *state;
	int			keyed;
	int			n;
	int			i;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data));
	keyed = pq_getmsgbyte(&buf);
	n = pq_getmsgint(&buf, 4);
	if ((keyed != 0 && keyed != 1) || n < 0 || n > UNITS_MAX / 2)
		elog(ERROR, "invalid segregation indicator state: %d entries", n);
	state = units_new(context, keyed == 1, n);
	for (i = 0; i < n; i++)
	{
		int64		key = pq_getmsgint64(&buf);
		int64		category = pq_getmsgint64(&buf);
		int64		pupils = pq_getmsgint64(&buf);
		int64		count = pq_getmsgint64(&buf);

		if (category < 0 || pupils < category || count < 1)
			elog(ERROR, "invalid segregation indicator state: entry (" INT64_FORMAT ", " INT64_FORMAT ", " INT64_FORMAT ")",
				 category, pupils, count);
		units_add(state, key, category, pupils, count);
	}
	pq_getmsgend(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(state);
}

typedef bool (*indicator_fn) (const eq_unit *units, int n, double *result);

/*
 * Merging in place leaves the state meaning the same centres, so the final
 * functions are READ_ONLY as far as the aggregate is concerned.
 */
static Datum
units_final(FunctionCallInfo fcinfo, indicator_fn indicator)
{
	UnitsState *state = PG_ARGISNULL(0) ? NULL : (UnitsState *) PG_GETARG_POINTER(0);
	eq_totals	totals;
	double		result;

	if (state == NULL)
		PG_RETURN_NULL();
	units_compact(state);
	if (!eq_units_totals(state->units, state->n, &totals))
		too_many_pupils();
	if (!indicator(state->units, state->n, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

Datum
equity_dissimilarity_final(PG_FUNCTION_ARGS)
{
	return units_final(fcinfo, eq_dissimilarity);
}

Datum
equity_isolation_final(PG_FUNCTION_ARGS)
{
	return units_final(fcinfo, eq_isolation);
}

Datum
equity_exposure_final(PG_FUNCTION_ARGS)
{
	return units_final(fcinfo, eq_exposure);
}

Datum
equity_adjusted_isolation_final(PG_FUNCTION_ARGS)
{
	return units_final(fcinfo, eq_adjusted_isolation);
}

/* category_share: two sums; the state is small, but internal for the checks. */
Datum
equity_share_transition(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "equity_share_transition");
	ShareState *state = PG_ARGISNULL(0) ? NULL : (ShareState *) PG_GETARG_POINTER(0);
	int64		category;
	int64		pupils;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	category = PG_GETARG_INT64(1);
	pupils = PG_GETARG_INT64(2);
	check_counts(category, pupils);
	if (state == NULL)
		state = MemoryContextAllocZero(context, sizeof(ShareState));
	if (__builtin_add_overflow(state->category, category, &state->category) ||
		__builtin_add_overflow(state->pupils, pupils, &state->pupils))
		too_many_pupils();
	PG_RETURN_POINTER(state);
}

Datum
equity_share_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "equity_share_combine");
	ShareState *a = PG_ARGISNULL(0) ? NULL : (ShareState *) PG_GETARG_POINTER(0);
	ShareState *b = PG_ARGISNULL(1) ? NULL : (ShareState *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = MemoryContextAllocZero(context, sizeof(ShareState));
	if (__builtin_add_overflow(a->category, b->category, &a->category) ||
		__builtin_add_overflow(a->pupils, b->pupils, &a->pupils))
		too_many_pupils();
	PG_RETURN_POINTER(a);
}

Datum
equity_share_serialize(PG_FUNCTION_ARGS)
{
	ShareState *state = (ShareState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	aggregate_context(fcinfo, "equity_share_serialize");
	pq_begintypsend(&buf);
	pq_sendint64(&buf, state->category);
	pq_sendint64(&buf, state->pupils);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
equity_share_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "equity_share_deserialize");
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	ShareState *state = MemoryContextAllocZero(context, sizeof(ShareState));

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data));
	state->category = pq_getmsgint64(&buf);
	state->pupils = pq_getmsgint64(&buf);
	pq_getmsgend(&buf);
	pfree(buf.data);
	if (state->category < 0 || state->pupils < state->category)
		elog(ERROR, "invalid category_share state");
	PG_RETURN_POINTER(state);
}

Datum
equity_share_final(PG_FUNCTION_ARGS)
{
	ShareState *state = PG_ARGISNULL(0) ? NULL : (ShareState *) PG_GETARG_POINTER(0);

	if (state == NULL || state->pupils == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) ((long double) state->category / (long double) state->pupils));
}

/*
 * The per-centre figures: a centre's counts against its area's, each a
 * ratio of exact products divided once.  NULL where a share is undefined
 * (no pupils) or, for the quotient, the area has no pupil of the category.
 */
typedef struct CentreArea
{
	int64		category;
	int64		pupils;
	int64		area_category;
	int64		area_pupils;
} CentreArea;

static bool
centre_and_area(FunctionCallInfo fcinfo, CentreArea *c, bool area_category_needed)
{
	c->category = PG_GETARG_INT64(0);
	c->pupils = PG_GETARG_INT64(1);
	c->area_category = PG_GETARG_INT64(2);
	c->area_pupils = PG_GETARG_INT64(3);
	check_counts(c->category, c->pupils);
	check_counts(c->area_category, c->area_pupils);
	return c->pupils > 0 && c->area_pupils > 0 && (!area_category_needed || c->area_category > 0);
}

/* 100 * (f/t - F/T) = 100 * (f*T - F*t) / (t*T) */
Datum
equity_share_gap_points(PG_FUNCTION_ARGS)
{
	CentreArea	c;
	long double numerator;

	if (!centre_and_area(fcinfo, &c, false))
		PG_RETURN_NULL();
#if defined(__SIZEOF_INT128__)
	numerator = (long double) ((__int128) c.category * c.area_pupils - (__int128) c.area_category * c.pupils);
#else
	numerator = (long double) c.category * c.area_pupils - (long double) c.area_category * c.pupils;
#endif
	PG_RETURN_FLOAT8((double) (numerator * 100.0L / ((long double) c.pupils * (long double) c.area_pupils)));
}

/* (f/t) / (F/T) = f*T / (t*F) */
Datum
equity_location_quotient(PG_FUNCTION_ARGS)
{
	CentreArea	c;

	if (!centre_and_area(fcinfo, &c, true))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) (((long double) c.category * (long double) c.area_pupils)
							   / ((long double) c.pupils * (long double) c.area_category)));
}
