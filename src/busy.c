/*
 * busy.c
 *		The aggregate schooltime.busy_minutes(weekslot): the minutes a set of
 *		slots covers, each minute counted once however many slots hold it.
 *
 * The transition state is an array of intervals (aggregate_array.h) that is
 * compacted (sorted, overlapping and touching intervals merged) before it
 * grows, so memory stays bounded by the week however many rows are
 * aggregated.  Partial states travel between parallel workers
 * serialized as pairs of int4; the combine function appends one to the
 * other.  The final function counts the union with st_union_minutes, the
 * kernels' own arithmetic.
 */
#include "schooltime.h"

#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "aggregate_array.h"
#include "busy.h"
#include "kernels/kernels.h"
#include "weektime_parse.h"

PG_FUNCTION_INFO_V1(busy_minutes_transition);
PG_FUNCTION_INFO_V1(busy_minutes_combine);
PG_FUNCTION_INFO_V1(busy_minutes_serialize);
PG_FUNCTION_INFO_V1(busy_minutes_deserialize);
PG_FUNCTION_INFO_V1(busy_minutes_final);

#define BUSY_INITIAL_CAPACITY 64
#define BUSY_MAX_ITEMS ((int) (MaxAllocSize / sizeof(st_item)))

/* The state: the intervals given so far, as an array compacted by busy_compact. */
typedef AggregateArray BusyState;

static int
item_cmp(const void *a, const void *b)
{
	const st_item *x = a;
	const st_item *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

void
busy_sort(st_item *items, int n)
{
	if (n > 1)
		qsort(items, n, sizeof(st_item), item_cmp);
}

int
busy_compact(st_item *items, int n)
{
	int			out = 0;
	int			i;

	busy_sort(items, n);
	for (i = 0; i < n; i++)
	{
		if (out > 0 && items[i].start <= items[out - 1].end)
		{
			if (items[i].end > items[out - 1].end)
				items[out - 1].end = items[i].end;
			continue;
		}
		items[out] = items[i];
		items[out].split = 0;
		items[out].part = 0;
		items[out].lesson = 0;
		items[out].flags = 0;
		items[out].id = 0;
		out++;
	}
	return out;
}

static int
busy_compact_entries(void *entries, int n, void *arg)
{
	return busy_compact((st_item *) entries, n);
}

static BusyState *
state_new(MemoryContext context, int capacity)
{
	BusyState  *state = MemoryContextAlloc(context, sizeof(BusyState));

	aggregate_array_init(state, context, sizeof(st_item), Max(capacity, BUSY_INITIAL_CAPACITY), BUSY_MAX_ITEMS,
						 busy_compact_entries, NULL, _("too many slots for busy_minutes"));
	return state;
}

static void
state_add(BusyState *state, int start, int end)
{
	st_item    *item = aggregate_array_make_room(state, 1);

	item->start = start;
	item->end = end;
	item->split = 0;
	item->part = 0;
	item->lesson = 0;
	item->flags = 0;
	item->id = 0;
	state->n++;
}

Datum
busy_minutes_transition(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "busy_minutes_transition");
	BusyState  *state = PG_ARGISNULL(0) ? NULL : (BusyState *) PG_GETARG_POINTER(0);
	int			start;
	int			end;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
		state = state_new(context, BUSY_INITIAL_CAPACITY);
	/* the weekslot domain holds bounded, non-empty slots only */
	if (weekslot_bounds(PG_GETARG_DATUM(1), &start, &end) && start >= 0 && end <= WT_MAX_MINUTE && end > start)
		state_add(state, start, end);
	PG_RETURN_POINTER(state);
}

Datum
busy_minutes_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "busy_minutes_combine");
	BusyState  *a = PG_ARGISNULL(0) ? NULL : (BusyState *) PG_GETARG_POINTER(0);
	BusyState  *b = PG_ARGISNULL(1) ? NULL : (BusyState *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = state_new(context, b->n);
	aggregate_array_append(a, b);
	PG_RETURN_POINTER(a);
}

Datum
busy_minutes_serialize(PG_FUNCTION_ARGS)
{
	BusyState  *state = (BusyState *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	int			i;

	aggregate_context(fcinfo, "busy_minutes_serialize");
	aggregate_array_compact(state);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, state->n);
	for (i = 0; i < state->n; i++)
	{
		const st_item *item = aggregate_array_entry(state, i);

		pq_sendint32(&buf, item->start);
		pq_sendint32(&buf, item->end);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
busy_minutes_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "busy_minutes_deserialize");
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	BusyState  *state;
	int			n;
	int			i;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data));
	n = pq_getmsgint(&buf, 4);
	if (n < 0 || n > WT_MAX_MINUTE)
		elog(ERROR, "invalid busy_minutes state: %d intervals", n);
	state = state_new(context, n);
	for (i = 0; i < n; i++)
	{
		int			start = pq_getmsgint(&buf, 4);
		int			end = pq_getmsgint(&buf, 4);

		if (start < 0 || end > WT_MAX_MINUTE || end <= start)
			elog(ERROR, "invalid busy_minutes state: interval [%d, %d)", start, end);
		state_add(state, start, end);
	}
	pq_getmsgend(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(state);
}

/*
 * Compacting in place leaves the state meaning the same set of minutes, so
 * the final function is READ_ONLY as far as the aggregate is concerned.
 */
Datum
busy_minutes_final(PG_FUNCTION_ARGS)
{
	BusyState  *state = PG_ARGISNULL(0) ? NULL : (BusyState *) PG_GETARG_POINTER(0);

	if (state == NULL)
		PG_RETURN_NULL();
	busy_sort(state->entries, state->n);
	PG_RETURN_INT32(st_union_minutes(state->entries, state->n, 0));
}
