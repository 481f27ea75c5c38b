/*
 * busy.h
 *		Busy minutes of a set of slots, counting overlaps once: the state of
 *		the aggregate schooltime.busy_minutes(weekslot), in plain C.
 *
 * A BusySlots holds [start, end) intervals of minutes of the week.  It can
 * be compacted at any time (sorted, and overlapping or touching intervals
 * merged), which keeps it small: a week has at most 5040 disjoint,
 * non-touching intervals.  The minutes themselves are counted by the
 * kernels' st_union_minutes, the same arithmetic the teacher rules use.
 */
#ifndef SCHOOLTIME_BUSY_H
#define SCHOOLTIME_BUSY_H

#include "kernels/kernels.h"

/* Sorts items by start (then end) and merges overlapping or touching ones; returns the new count. */
extern int	busy_compact(st_item *items, int n);

/* Sorts items by start, then end, then id: the order every kernel expects. */
extern void busy_sort(st_item *items, int n);

#endif							/* SCHOOLTIME_BUSY_H */
