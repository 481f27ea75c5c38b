/*
 * aggregate_array.h
 *		The transition state of an aggregate that keeps a list of entries:
 *		a growing array in the aggregate's memory context that is compacted
 *		before it grows.
 *
 * busy_minutes (intervals merged into their union) and the segregation
 * indicators (rows of one centre added up) both keep every row they are
 * given until a compaction folds the list into what it means; compacting
 * first and growing only when that was not enough keeps memory bounded by
 * what the list means (a week's minutes, an area's centres) rather than by
 * the rows aggregated.
 */
#ifndef SCHOOLTIME_AGGREGATE_ARRAY_H
#define SCHOOLTIME_AGGREGATE_ARRAY_H

#include "fmgr.h"

/* Folds n entries in place; returns how many are left. */
typedef int (*AggregateArrayCompact) (void *entries, int n, void *arg);

typedef struct AggregateArray
{
	int			n;				/* entries in use */
	int			capacity;		/* entries allocated */
	int			max_entries;	/* the most the array may ever hold */
	Size		entry_size;
	void	   *entries;
	AggregateArrayCompact compact;
	void	   *compact_arg;
	const char *too_many;		/* the error when full, translated */
} AggregateArray;

/* The aggregate's memory context; an error naming caller outside an aggregate. */
extern MemoryContext aggregate_context(FunctionCallInfo fcinfo, const char *caller);

/*
 * An empty array in context, for at least capacity entries; too_many is the
 * error message (already translated, _()) when max_entries do not suffice.
 */
extern void aggregate_array_init(AggregateArray *array, MemoryContext context, Size entry_size,
								 int capacity, int max_entries,
								 AggregateArrayCompact compact, void *compact_arg,
								 const char *too_many);

/* Folds the entries now. */
extern void aggregate_array_compact(AggregateArray *array);

/* Room for wanted more entries, compacting first; returns the first free one. */
extern void *aggregate_array_make_room(AggregateArray *array, int wanted);

/* Appends the entries of another array of the same kind (a combine function's work). */
extern void aggregate_array_append(AggregateArray *array, const AggregateArray *other);

/* The i-th entry. */
#define aggregate_array_entry(array, i) \
	((void *) ((char *) (array)->entries + (Size) (i) * (array)->entry_size))

#endif							/* SCHOOLTIME_AGGREGATE_ARRAY_H */
