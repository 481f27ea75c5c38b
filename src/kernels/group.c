/*
 * group.c
 *		The rules of a group's day and week: group_overlap, continuous,
 *		daily_max, weekly_hours, free_afternoons, fp_single_shift,
 *		primary_day and indicative_day, over the items of one set of pupils.
 *
 * st_group_week (parts.c) runs the day and week rules once for every
 * combination of parts a group's pupils can be in; the functions here judge
 * one such set of items.
 */
#include "kernels_internal.h"

#include <string.h>

/*
 * Two items of a group clash when some pupil is in both: not when they are
 * of one lesson, nor when they are different parts of one split.
 */
/* Two rows of one lesson for the same pupils: co-teachers' rows. */
static bool
same_pupils(const st_item *items, int a, int b, const void *context)
{
	(void) context;
	return items[a].split == items[b].split && items[a].part == items[b].part;
}

static bool
group_clash(const st_item *items, int i, int j, const void *context)
{
	const st_item *a = &items[i];
	const st_item *b = &items[j];

	if (st_same_lesson(a, b))
		return false;
	if (a->split != 0 && a->split == b->split && a->part != b->part)
		return false;
	return !st_is_repeat(items, i, same_pupils, context) && !st_is_repeat(items, j, same_pupils, context);
}

void
st_group_overlaps(const st_item *items, int n, st_emit emit, void *context)
{
	st_overlaps(items, n, ST_GROUP_OVERLAP, group_clash, NULL, emit, context);
}

/* Runs of class: blocks joined by gaps shorter than a break. */
typedef struct run_state
{
	const st_group_limits *limits;
	st_emit		emit;
	void	   *context;
	int			day;
	st_block	run;
	int			class_minutes;
} run_state;

static void
close_run(run_state *s)
{
	st_finding	f;

	if (!s->run.open)
		return;
	s->run.open = false;
	if (s->limits->continuous_max == ST_NO_LIMIT ||
		s->run.end - s->run.start <= s->limits->continuous_max)
		return;
	st_finding_init(&f, ST_CONTINUOUS, s->day);
	f.start = s->run.start;
	f.end = s->run.end;
	f.measured = s->run.end - s->run.start;
	f.limit = s->limits->continuous_max;
	f.item_a = s->run.first_id;
	s->emit(s->context, &f);
}

static void
run_sink(void *state, const st_block *b)
{
	run_state  *s = (run_state *) state;

	s->class_minutes += b->end - b->start;
	if (s->run.open && b->start - s->run.end < s->limits->break_min)
	{
		s->run.end = b->end;
		return;
	}
	close_run(s);
	s->run = *b;
	s->run.open = true;
}

void
st_group_days(const st_item *items, int n, const st_group_limits *limits,
			  st_emit emit, void *context)
{
	int			first = 0;
	int			next = 0;

	while (st_next_day(items, n, &first, &next))
	{
		run_state	s;
		int			day = st_day_of(items[first].start);
		int			minutes;
		int			day_start = items[first].start;
		int			day_end = 0;
		int			i;
		st_finding	f;

		memset(&s, 0, sizeof(s));
		s.limits = limits;
		s.emit = emit;
		s.context = context;
		s.day = day;
		st_blocks_of(items, first, next, ST_RECESS, run_sink, &s);
		close_run(&s);

		for (i = first; i < next; i++)
			if (items[i].end > day_end)
				day_end = items[i].end;

		minutes = limits->recess_is_lective
			? st_union_minutes(items + first, next - first, 0)
			: s.class_minutes;
		if (limits->daily_max != ST_NO_LIMIT && minutes > limits->daily_max)
		{
			st_finding_init(&f, ST_DAILY_MAX, day);
			f.start = day_start;
			f.end = day_end;
			f.measured = minutes;
			f.limit = limits->daily_max;
			emit(context, &f);
		}
		if (limits->daily_span_max != ST_NO_LIMIT && day_end - day_start > limits->daily_span_max)
		{
			st_finding_init(&f, ST_DAILY_SPAN, day);
			f.start = day_start;
			f.end = day_end;
			f.measured = day_end - day_start;
			f.limit = limits->daily_span_max;
			emit(context, &f);
		}
	}
}

/* Class minutes of [first, next) that fall before and after a boundary. */
static void
split_minutes(const st_item *items, int first, int next, unsigned skip_flags,
			  int boundary, int *before, int *after)
{
	int			covered_to = -1;
	int			i;

	*before = 0;
	*after = 0;
	for (i = first; i < next; i++)
	{
		int			start = items[i].start;
		int			end = items[i].end;

		if (items[i].flags & skip_flags)
			continue;
		if (start < covered_to)
			start = covered_to;
		if (end <= start)
			continue;
		covered_to = end;
		if (start < boundary)
			*before += (end < boundary ? end : boundary) - start;
		if (end > boundary)
			*after += end - (start > boundary ? start : boundary);
	}
}

/* primary_day on one day: total, midday interval, morning, afternoon, end. */
static void
primary_day(const st_item *items, int first, int next, int weekday,
			const st_group_limits *limits, st_emit emit, void *context)
{
	static st_day_blocks day;
	int			base = (weekday - 1) * ST_MINUTES_PER_DAY;
	int			total = 0;
	int			gap_at = -1;
	int			gap = 0;
	int			morning = 0;
	int			afternoon = 0;
	int			i;

	day.count = 0;
	if (first < next)
		st_blocks_of(items, first, next, 0, st_collect_sink, &day);
	for (i = 0; i < day.count; i++)
	{
		total += day.b[i].end - day.b[i].start;
		if (i > 0 && day.b[i].start - day.b[i - 1].end > gap)
		{
			gap = day.b[i].start - day.b[i - 1].end;
			gap_at = i;
		}
	}
	if (limits->daily_max != ST_NO_LIMIT && total != limits->daily_max)
		st_emit_day(emit, context, ST_PRIMARY_TOTAL, weekday,
				 day.count ? day.b[0].start : base, day.count ? day.b[day.count - 1].end : base,
				 total, limits->daily_max);
	if (day.count == 0)
		return;
	if (limits->day_end_not_before != ST_NO_LIMIT &&
		day.b[day.count - 1].end < base + limits->day_end_not_before)
		st_emit_day(emit, context, ST_PRIMARY_END, weekday, day.b[0].start, day.b[day.count - 1].end,
				 day.b[day.count - 1].end - base, limits->day_end_not_before);
	if (limits->midday_break_min != ST_NO_LIMIT && gap < limits->midday_break_min)
	{
		st_emit_day(emit, context, ST_PRIMARY_MIDDAY, weekday,
				 gap_at > 0 ? day.b[gap_at - 1].end : day.b[0].start,
				 gap_at > 0 ? day.b[gap_at].start : day.b[day.count - 1].end,
				 gap, limits->midday_break_min);
		return;					/* no midday: no morning and afternoon to weigh */
	}
	for (i = 0; i < day.count; i++)
	{
		if (gap_at < 0 || i < gap_at)
			morning += day.b[i].end - day.b[i].start;
		else
			afternoon += day.b[i].end - day.b[i].start;
	}
	if ((limits->morning_min != ST_NO_LIMIT && morning < limits->morning_min) ||
		(limits->morning_max != ST_NO_LIMIT && morning > limits->morning_max))
		st_emit_day(emit, context, ST_PRIMARY_MORNING, weekday, day.b[0].start,
				 gap_at > 0 ? day.b[gap_at - 1].end : day.b[day.count - 1].end, morning,
				 morning < limits->morning_min ? limits->morning_min : limits->morning_max);
	if ((limits->afternoon_min != ST_NO_LIMIT && afternoon < limits->afternoon_min) ||
		(limits->afternoon_max != ST_NO_LIMIT && afternoon > limits->afternoon_max))
		st_emit_day(emit, context, ST_PRIMARY_AFTERNOON, weekday,
				 gap_at > 0 ? day.b[gap_at].start : day.b[day.count - 1].end,
				 day.b[day.count - 1].end, afternoon,
				 afternoon < limits->afternoon_min ? limits->afternoon_min : limits->afternoon_max);
}

void
st_group_approval(const st_item *items, int n, const st_group_limits *limits,
				  unsigned checks, st_emit emit, void *context)
{
	int			weekday;
	int			index = 0;
	int			free_afternoons = 0;
	int			weekly = 0;
	unsigned	not_weekly = ST_NOT_WEEKLY | (limits->recess_is_lective ? 0 : ST_RECESS);

	for (weekday = 1; weekday <= 7; weekday++)
	{
		int			base = (weekday - 1) * ST_MINUTES_PER_DAY;
		int			first = index;
		int			next;
		int			before;
		int			after;
		bool		lective_day = weekday >= limits->first_weekday && weekday <= limits->last_weekday;

		while (index < n && st_day_of(items[index].start) == weekday)
			index++;
		next = index;
		if (!lective_day)
			continue;

		split_minutes(items, first, next, not_weekly, base + limits->afternoon_start, &before, &after);
		weekly += before + after;

		if (checks & ST_CHECK_FREE_AFTERNOONS)
		{
			int			class_before;
			int			class_after;

			split_minutes(items, first, next, ST_RECESS, base + limits->afternoon_start,
						  &class_before, &class_after);
			if (class_after == 0)
				free_afternoons++;
		}
		if (checks & ST_CHECK_SINGLE_SHIFT)
		{
			int			class_before;
			int			class_after;

			split_minutes(items, first, next, ST_RECESS, base + limits->afternoon_start,
						  &class_before, &class_after);
			if (class_before > 0 && class_after > 0)
				st_emit_day(emit, context, ST_SINGLE_SHIFT, weekday, items[first].start,
						 items[next - 1].end, class_after, 0);
		}
		if (checks & ST_CHECK_PRIMARY_DAY)
			primary_day(items, first, next, weekday, limits, emit, context);
		if ((checks & ST_CHECK_INDICATIVE) && first < next)
		{
			int			class_before;
			int			class_after;

			split_minutes(items, first, next, ST_RECESS, base + limits->afternoon_start,
						  &class_before, &class_after);
			if (limits->indicative_daily != ST_NO_LIMIT && class_before + class_after != limits->indicative_daily)
				st_emit_day(emit, context, ST_INDICATIVE_TOTAL, weekday, items[first].start,
						 items[next - 1].end, class_before + class_after, limits->indicative_daily);
			else if (limits->indicative_morning != ST_NO_LIMIT && class_before != limits->indicative_morning)
			{
				/* the morning: from the first start to the afternoon (empty if none) */
				int			boundary = base + limits->afternoon_start;

				st_emit_day(emit, context, ST_INDICATIVE_MORNING, weekday,
						 items[first].start < boundary ? items[first].start : boundary,
						 boundary, class_before, limits->indicative_morning);
			}
			else if (limits->indicative_afternoon != ST_NO_LIMIT && class_after != limits->indicative_afternoon)
			{
				/* the afternoon: from its start to the last end (empty if none) */
				int			boundary = base + limits->afternoon_start;

				st_emit_day(emit, context, ST_INDICATIVE_AFTERNOON, weekday, boundary,
						 items[next - 1].end > boundary ? items[next - 1].end : boundary,
						 class_after, limits->indicative_afternoon);
			}
		}
	}

	if (checks & ST_CHECK_WEEKLY)
	{
		if (limits->weekly_min != ST_NO_LIMIT && weekly < limits->weekly_min)
			st_emit_day(emit, context, ST_WEEKLY_MIN, 0, n ? items[0].start : 0, n ? items[n - 1].end : 0,
					 weekly, limits->weekly_min);
		if (limits->weekly_max != ST_NO_LIMIT && weekly > limits->weekly_max)
			st_emit_day(emit, context, ST_WEEKLY_MAX, 0, n ? items[0].start : 0, n ? items[n - 1].end : 0,
					 weekly, limits->weekly_max);
	}
	if ((checks & ST_CHECK_FREE_AFTERNOONS) && limits->max_free_afternoons != ST_NO_LIMIT &&
		free_afternoons > limits->max_free_afternoons)
		st_emit_day(emit, context, ST_FREE_AFTERNOONS, 0, 0, 0, free_afternoons, limits->max_free_afternoons);
}

