/*
 * aggregate_array.c
 *		A growing array of an aggregate's entries, compacted before it grows
 *		(aggregate_array.h says why).
 *
 * The array lives in the memory context it was made in, the aggregate's,
 * so growing it needs no context switch and nothing is freed by hand: the
 * aggregate's context goes with the group it aggregates.
 */
#include "schooltime.h"

#include "utils/memutils.h"

#include "aggregate_array.h"

#define AGGREGATE_ARRAY_INITIAL_CAPACITY 64

MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *caller)
{
	MemoryContext context;

	if (!AggCheckCallContext(fcinfo, &context))
		elog(ERROR, "%s called in non-aggregate context", caller);
	return context;
}

void
aggregate_array_init(AggregateArray *array, MemoryContext context, Size entry_size,
					 int capacity, int max_entries,
					 AggregateArrayCompact compact, void *compact_arg,
					 const char *too_many)
{
	Assert(max_entries > 0 && (Size) max_entries <= MaxAllocSize / entry_size);
	array->n = 0;
	array->capacity = Min(Max(capacity, AGGREGATE_ARRAY_INITIAL_CAPACITY), max_entries);
	array->max_entries = max_entries;
	array->entry_size = entry_size;
	array->entries = MemoryContextAlloc(context, entry_size * array->capacity);
	array->compact = compact;
	array->compact_arg = compact_arg;
	array->too_many = too_many;
}

void
aggregate_array_compact(AggregateArray *array)
{
	array->n = array->compact(array->entries, array->n, array->compact_arg);
}

/*
 * Compacting is worth it only when it frees at least half the array:
 * otherwise the array doubles, so that a list that does not fold (every
 * row a different centre) costs amortised constant time per row rather
 * than a compaction per row.
 */
void *
aggregate_array_make_room(AggregateArray *array, int wanted)
{
	if (array->n + wanted <= array->capacity)
		return aggregate_array_entry(array, array->n);
	aggregate_array_compact(array);
	if (array->n + wanted <= array->capacity && array->n <= array->capacity / 2)
		return aggregate_array_entry(array, array->n);
	if (array->n + wanted > array->max_entries)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg_internal("%s", array->too_many),
				errdetail("The aggregate's state holds at most %d entries.", array->max_entries));
	while (array->n + wanted > array->capacity || array->n > array->capacity / 2)
	{
		if (array->capacity > array->max_entries / 2)
		{
			array->capacity = array->max_entries;
			break;
		}
		array->capacity *= 2;
	}
	array->entries = repalloc(array->entries, array->entry_size * array->capacity);
	return aggregate_array_entry(array, array->n);
}

void
aggregate_array_append(AggregateArray *array, const AggregateArray *other)
{
	Assert(array->entry_size == other->entry_size);
	if (other->n == 0)
		return;
	memcpy(aggregate_array_make_room(array, other->n), other->entries, array->entry_size * other->n);
	array->n += other->n;
}
