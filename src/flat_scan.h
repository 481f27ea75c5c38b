/*
 * flat_scan.h
 *		Reading a whole model's slots into one flat array, sorted in memory.
 *
 * The compliance report reads every session and duty of a region, key by
 * key (group, teacher, centre).  Asking the executor for the rows in key
 * order means sorting millions of wide rows, spilled to disk; reading them
 * in any order and sorting a flat array of integers here costs a fraction
 * of that.
 */
#ifndef SCHOOLTIME_FLAT_SCAN_H
#define SCHOOLTIME_FLAT_SCAN_H

#include "schooltime.h"

#include "kernels/kernels.h"
#include "key_items.h"

/* One slot of one key: a group's session, a teacher's session or duty... */
typedef struct FlatItem
{
	int64		key;			/* the group's centre, the teacher, the centre */
	int64		subkey;			/* the group's id, or a school year (and part) */
	int64		centre;			/* the centre the slot is at */
	st_item		item;
} FlatItem;

typedef struct FlatItems
{
	FlatItem   *items;
	Size		n;
	Size		capacity;
	MemoryContext context;
} FlatItems;

extern void flat_items_init(FlatItems *f, MemoryContext context);
extern void flat_items_add(FlatItems *f, int64 key, int64 subkey, int64 centre, const st_item *item);

/* Sorts by key, subkey, then start, end and id: each key's slots as the kernels need them. */
extern void flat_items_sort(FlatItems *f);

/*
 * The slots of the next key from *pos on, copied into k (emptied first);
 * false when there are none left.
 */
extern bool flat_items_next(const FlatItems *f, Size *pos, int64 *key, int64 *subkey, KeyItems *k);

/*
 * Runs query (no parameters) through a cursor and hands each row, deformed,
 * to row_fn; what row_fn allocates in the current memory context is freed
 * batch by batch, so it must copy what it keeps elsewhere.
 */
typedef void (*flat_row_fn) (void *context, Datum *values, bool *nulls);
extern void flat_scan(const char *query, flat_row_fn row_fn, void *context);

/* The first year of a schooltime.school_year value ('2018-2019': 2018). */
extern int	school_year_of_datum(Datum value);

/*
 * One more element at the end of *array (*n of them, room for *capacity),
 * the array doubled in context when full: the new element, *n counted.
 */
extern void *flat_array_push(void **array, Size *n, Size *capacity, Size element_size, MemoryContext context);

#endif							/* SCHOOLTIME_FLAT_SCAN_H */
