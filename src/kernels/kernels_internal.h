/*
 * kernels_internal.h
 *		What the kernels of src/kernels/ share among themselves: the walk
 *		of a key's items day by day, the blocks of busy time, the pairwise
 *		overlap scan.  Plain C, no PostgreSQL.
 */
#ifndef SCHOOLTIME_KERNELS_INTERNAL_H
#define SCHOOLTIME_KERNELS_INTERNAL_H

#include "kernels.h"

#define WEEK_MINUTES (7 * ST_MINUTES_PER_DAY)

/* ISO weekday of a minute of the week, clamped to 1..7. */
extern int	st_day_of(int minute);

extern void st_finding_init(st_finding *f, st_rule rule, int day);

/* A finding of one stretch of one day (or of the week, day 0). */
extern void st_emit_day(st_emit emit, void *context, st_rule rule, int day, int start, int end,
						int measured, int limit);

/*
 * The items of one day: [*first, *next) are the items whose start falls on
 * the day of items[*first].  Returns false when none are left.
 */
extern bool st_next_day(const st_item *items, int n, int *first, int *next);

/* A stretch of busy time: the union of overlapping or touching items. */
typedef struct st_block
{
	int			start;
	int			end;
	int64_t		first_id;
	bool		open;
} st_block;

typedef void (*st_block_sink) (void *state, const st_block *b);

/* Feeds the blocks of [first, next) (items without skip_flags), in order, to sink. */
extern void st_blocks_of(const st_item *items, int first, int next, unsigned skip_flags,
						 st_block_sink sink, void *state);

/* The blocks of one day, collected. */
#define ST_MAX_DAY_BLOCKS 720	/* at most one block every two minutes */

typedef struct st_day_blocks
{
	int			count;
	st_block	b[ST_MAX_DAY_BLOCKS];
} st_day_blocks;

/* A block sink that collects into an st_day_blocks (busy time beyond its room merged into the last). */
extern void st_collect_sink(void *state, const st_block *b);

/* Whether items[i] and items[j], which overlap in time, clash. */
typedef bool (*st_clash) (const st_item *items, int i, int j, const void *context);

/* Reports every overlapping pair that clashes, once, as a finding of rule. */
extern void st_overlaps(const st_item *items, int n, st_rule rule, st_clash clash,
						const void *clash_context, st_emit emit, void *context);

/* Whether two items are rows of one lesson (a lesson key is not 0). */
static inline bool
st_same_lesson(const st_item *a, const st_item *b)
{
	return a->lesson != 0 && a->lesson == b->lesson;
}

/*
 * Whether items[i] repeats an earlier row of its lesson that same_row
 * accepts (items sorted by start, then end: a lesson's rows share both):
 * a joint lesson's rows for its teacher, co-teachers' rows for a group.
 * A clash with a lesson is reported once, not once per row.
 */
typedef bool (*st_same_row) (const st_item *items, int a, int b, const void *context);
extern bool st_is_repeat(const st_item *items, int i, st_same_row same_row, const void *context);

#endif							/* SCHOOLTIME_KERNELS_INTERNAL_H */
