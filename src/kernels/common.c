/*
 * common.c
 *		What every kernel of src/kernels/ walks with: rule codes, days,
 *		blocks of busy time, the pairwise overlap scan.
 *
 * Every kernel walks arrays sorted by start once (or twice), keeps its state
 * in local variables, allocates nothing on the heap unless its caller lends
 * an arena, and reports findings through the caller's callback.  The
 * readings of the document that the arithmetic encodes are written in
 * doc/rules.md.
 */
#include "kernels_internal.h"

#include <string.h>

static const char *const rule_codes[ST_N_RULES] = {
	[ST_GROUP_OVERLAP] = "group_overlap",
	[ST_CONTINUOUS] = "continuous",
	[ST_DAILY_MAX] = "daily_max",
	[ST_DAILY_SPAN] = "daily_max",
	[ST_TEACHER_OVERLAP] = "teacher_overlap",
	[ST_TEACHER_MIDDAY] = "teacher_midday",
	[ST_TEACHER_WEEK] = "teacher_week",
	[ST_WEEKLY_MIN] = "weekly_hours",
	[ST_WEEKLY_MAX] = "weekly_hours",
	[ST_FREE_AFTERNOONS] = "free_afternoons",
	[ST_SINGLE_SHIFT] = "fp_single_shift",
	[ST_PRIMARY_TOTAL] = "primary_day",
	[ST_PRIMARY_MORNING] = "primary_day",
	[ST_PRIMARY_AFTERNOON] = "primary_day",
	[ST_PRIMARY_END] = "primary_day",
	[ST_PRIMARY_MIDDAY] = "primary_day",
	[ST_INDICATIVE_TOTAL] = "indicative_day",
	[ST_INDICATIVE_MORNING] = "indicative_day",
	[ST_INDICATIVE_AFTERNOON] = "indicative_day",
	[ST_GUARD_CLASS] = "guard_coverage",
	[ST_GUARD_RECESS] = "guard_coverage",
	[ST_DIRECTIVE] = "directive_presence",
};

const char *
st_rule_code(st_rule rule)
{
	return (rule >= 0 && rule < ST_N_RULES) ? rule_codes[rule] : "";
}

int
st_day_of(int minute)
{
	int			day = minute / ST_MINUTES_PER_DAY + 1;

	return day < 1 ? 1 : (day > 7 ? 7 : day);
}

void
st_finding_init(st_finding *f, st_rule rule, int day)
{
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->day = day;
	f->item_a = -1;
	f->item_b = -1;
}

void
st_emit_day(st_emit emit, void *context, st_rule rule, int day, int start, int end,
			int measured, int limit)
{
	st_finding	f;

	st_finding_init(&f, rule, day);
	f.start = start;
	f.end = end;
	f.measured = measured;
	f.limit = limit;
	emit(context, &f);
}

bool
st_next_day(const st_item *items, int n, int *first, int *next)
{
	int			day;
	int			i;

	if (*next >= n)
		return false;
	*first = *next;
	day = st_day_of(items[*first].start);
	for (i = *first; i < n && st_day_of(items[i].start) == day; i++)
		;
	*next = i;
	return true;
}

/*
 * Items are sorted by start, so an earlier item overlaps item i only if it
 * ends after item i starts; the backward scan stops at items starting
 * longer ago than the longest item.
 */
void
st_overlaps(const st_item *items, int n, st_rule rule, st_clash clash, const void *clash_context,
			st_emit emit, void *context)
{
	int			longest = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (items[i].end - items[i].start > longest)
			longest = items[i].end - items[i].start;

	for (i = 1; i < n; i++)
	{
		int			j;

		for (j = i - 1; j >= 0 && items[i].start - items[j].start < longest; j--)
		{
			st_finding	f;

			if (items[j].end <= items[i].start || !clash(items, j, i, clash_context))
				continue;
			st_finding_init(&f, rule, st_day_of(items[i].start));
			f.start = items[i].start;
			f.end = items[i].end < items[j].end ? items[i].end : items[j].end;
			f.measured = f.end - f.start;
			f.limit = 0;
			f.item_a = items[j].id;
			f.item_b = items[i].id;
			f.flags_a = items[j].flags;
			f.flags_b = items[i].flags;
			emit(context, &f);
		}
	}
}

int
st_union_minutes(const st_item *items, int n, unsigned skip_flags)
{
	int			total = 0;
	int			covered_to = -1;
	int			i;

	for (i = 0; i < n; i++)
	{
		int			start = items[i].start;

		if (items[i].flags & skip_flags)
			continue;
		if (start < covered_to)
			start = covered_to;
		if (items[i].end > start)
		{
			total += items[i].end - start;
			covered_to = items[i].end;
		}
	}
	return total;
}

void
st_blocks_of(const st_item *items, int first, int next, unsigned skip_flags,
			 st_block_sink sink, void *state)
{
	st_block	b = {0, 0, -1, false};
	int			i;

	for (i = first; i < next; i++)
	{
		const st_item *item = &items[i];

		if (item->flags & skip_flags)
			continue;
		if (b.open && item->start <= b.end)
		{
			if (item->end > b.end)
				b.end = item->end;
			continue;
		}
		if (b.open)
			sink(state, &b);
		b.open = true;
		b.start = item->start;
		b.end = item->end;
		b.first_id = item->id;
	}
	if (b.open)
		sink(state, &b);
}

void
st_collect_sink(void *state, const st_block *b)
{
	st_day_blocks *d = (st_day_blocks *) state;

	if (d->count < ST_MAX_DAY_BLOCKS)
		d->b[d->count++] = *b;
	else if (b->end > d->b[ST_MAX_DAY_BLOCKS - 1].end)
		d->b[ST_MAX_DAY_BLOCKS - 1].end = b->end;
}

bool
st_is_repeat(const st_item *items, int i, st_same_row same_row, const void *context)
{
	int			k;

	if (items[i].lesson == 0)
		return false;
	for (k = i - 1; k >= 0 && items[k].start == items[i].start; k--)
		if (items[k].end == items[i].end && st_same_lesson(&items[k], &items[i]) &&
			same_row(items, k, i, context))
			return true;
	return false;
}
