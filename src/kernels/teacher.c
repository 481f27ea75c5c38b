/*
 * teacher.c
 *		The rules of a teacher's week: teacher_overlap, teacher_midday and
 *		teacher_week, over the teacher's sessions and duties.
 */
#include "kernels_internal.h"

#include <string.h>

/* Longest stretch of [from, to) free of the blocks. */
static int
longest_free(const st_day_blocks *d, int from, int to)
{
	int			longest = 0;
	int			cursor = from;
	int			i;

	for (i = 0; i < d->count && cursor < to; i++)
	{
		int			gap_end = d->b[i].start < to ? d->b[i].start : to;

		if (gap_end > cursor && gap_end - cursor > longest)
			longest = gap_end - cursor;
		if (d->b[i].end > cursor)
			cursor = d->b[i].end;
	}
	if (to > cursor && to - cursor > longest)
		longest = to - cursor;
	return longest;
}

/* Two rows of one lesson at one centre (lessons are numbered within a centre). */
static bool
same_centre(const st_item *items, int a, int b, const void *context)
{
	const int64_t *centres = context;

	(void) items;
	return centres == NULL || centres[a] == centres[b];
}

/* Two items clash for a teacher unless they are of one lesson: a joint lesson is one place. */
static bool
teacher_clash(const st_item *items, int i, int j, const void *context)
{
	if (st_same_lesson(&items[i], &items[j]) && same_centre(items, i, j, context))
		return false;
	return !st_is_repeat(items, i, same_centre, context) && !st_is_repeat(items, j, same_centre, context);
}

void
st_teacher_week(const st_item *items, const int64_t *centres, int n,
				const st_staff_limits *limits, st_emit emit, void *context)
{
	int			first = 0;
	int			next = 0;
	int			week_minutes = 0;
	int			week_start = -1;
	int			week_end = 0;
	st_finding	f;
	static st_day_blocks day;

	st_overlaps(items, n, ST_TEACHER_OVERLAP, teacher_clash, centres, emit, context);

	while (st_next_day(items, n, &first, &next))
	{
		int			weekday = st_day_of(items[first].start);
		int			base = (weekday - 1) * ST_MINUTES_PER_DAY;
		int			afternoon = base + limits->afternoon_start;
		bool		morning_busy;
		bool		afternoon_busy;

		day.count = 0;
		st_blocks_of(items, first, next, 0, st_collect_sink, &day);
		if (day.count == 0)
			continue;

		if (weekday >= limits->first_weekday && weekday <= limits->last_weekday)
		{
			int			i;

			for (i = 0; i < day.count; i++)
				week_minutes += day.b[i].end - day.b[i].start;
			if (week_start < 0)
				week_start = day.b[0].start;
			week_end = day.b[day.count - 1].end;
		}

		/* busy before the midday window opens, and again in the afternoon */
		morning_busy = day.b[0].start < base + limits->midday_window_start;
		afternoon_busy = day.b[day.count - 1].end > afternoon;
		if (morning_busy && afternoon_busy)
		{
			int			from = base + limits->midday_window_start;
			int			to = base + limits->midday_window_end;
			int			free_minutes = longest_free(&day, from, to);

			if (free_minutes < limits->midday_free)
			{
				st_finding_init(&f, ST_TEACHER_MIDDAY, weekday);
				f.start = from;
				f.end = to;
				f.measured = free_minutes;
				f.limit = limits->midday_free;
				emit(context, &f);
			}
		}
	}

	if (limits->week_max != ST_NO_LIMIT && week_minutes > limits->week_max)
	{
		st_finding_init(&f, ST_TEACHER_WEEK, 0);
		f.start = week_start;
		f.end = week_end;
		f.measured = week_minutes;
		f.limit = limits->week_max;
		emit(context, &f);
	}
}
