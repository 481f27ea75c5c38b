/*
 * kernels.c
 *		The arithmetic of schooltime's set rules, in plain C.
 *
 * Every kernel walks arrays sorted by start once (or twice), keeps its state
 * in local variables, allocates nothing on the heap, and reports findings
 * through the caller's callback.  The readings of the document that the
 * arithmetic encodes are written in doc/rules.md.
 */
#include "kernels.h"

#include <string.h>

#define WEEK_MINUTES (7 * ST_MINUTES_PER_DAY)

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

static int
day_of(int minute)
{
	int			day = minute / ST_MINUTES_PER_DAY + 1;

	return day < 1 ? 1 : (day > 7 ? 7 : day);
}

static void
finding_init(st_finding *f, st_rule rule, int day)
{
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->day = day;
	f->item_a = -1;
	f->item_b = -1;
}

/*
 * The items of one day: [*first, *next) are the items whose start falls on
 * the day of items[*first].  Returns false when none are left.
 */
static bool
next_day(const st_item *items, int n, int *first, int *next)
{
	int			day;
	int			i;

	if (*next >= n)
		return false;
	*first = *next;
	day = day_of(items[*first].start);
	for (i = *first; i < n && day_of(items[i].start) == day; i++)
		;
	*next = i;
	return true;
}

/*
 * Reports every overlapping pair, once.  Items are sorted by start, so an
 * earlier item overlaps item i only if it ends after item i starts; the
 * backward scan stops at items starting longer ago than the longest item.
 */
static void
overlaps(const st_item *items, int n, st_rule rule, bool halves_may_overlap,
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
			st_finding f;

			if (items[j].end <= items[i].start)
				continue;
			if (halves_may_overlap && items[i].half != 0 && items[j].half != 0 &&
				items[i].half != items[j].half)
				continue;
			finding_init(&f, rule, day_of(items[i].start));
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

void
st_group_overlaps(const st_item *items, int n, st_emit emit, void *context)
{
	overlaps(items, n, ST_GROUP_OVERLAP, true, emit, context);
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

/* A stretch of busy time: the union of overlapping or touching items. */
typedef struct block
{
	int			start;
	int			end;
	int64_t		first_id;
	bool		open;
} block;

/*
 * Feeds the blocks of one day's class time (items without skip_flags), in
 * order, to a callback.
 */
typedef void (*block_sink) (void *state, const block *b);

static void
blocks_of(const st_item *items, int first, int next, unsigned skip_flags,
		  block_sink sink, void *state)
{
	block		b = {0, 0, -1, false};
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

/* Runs of class: blocks joined by gaps shorter than a break. */
typedef struct run_state
{
	const st_group_limits *limits;
	st_emit		emit;
	void	   *context;
	int			day;
	block		run;
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
	finding_init(&f, ST_CONTINUOUS, s->day);
	f.start = s->run.start;
	f.end = s->run.end;
	f.measured = s->run.end - s->run.start;
	f.limit = s->limits->continuous_max;
	f.item_a = s->run.first_id;
	s->emit(s->context, &f);
}

static void
run_sink(void *state, const block *b)
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

	while (next_day(items, n, &first, &next))
	{
		run_state	s;
		int			day = day_of(items[first].start);
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
		blocks_of(items, first, next, ST_RECESS, run_sink, &s);
		close_run(&s);

		for (i = first; i < next; i++)
			if (items[i].end > day_end)
				day_end = items[i].end;

		minutes = limits->recess_is_lective
			? st_union_minutes(items + first, next - first, 0)
			: s.class_minutes;
		if (limits->daily_max != ST_NO_LIMIT && minutes > limits->daily_max)
		{
			finding_init(&f, ST_DAILY_MAX, day);
			f.start = day_start;
			f.end = day_end;
			f.measured = minutes;
			f.limit = limits->daily_max;
			emit(context, &f);
		}
		if (limits->daily_span_max != ST_NO_LIMIT && day_end - day_start > limits->daily_span_max)
		{
			finding_init(&f, ST_DAILY_SPAN, day);
			f.start = day_start;
			f.end = day_end;
			f.measured = day_end - day_start;
			f.limit = limits->daily_span_max;
			emit(context, &f);
		}
	}
}

/* The blocks of one day, collected for the teacher's midday. */
#define MAX_DAY_BLOCKS 720		/* at most one block every two minutes */

typedef struct day_blocks
{
	int			count;
	int			overflow_end;	/* busy time beyond MAX_DAY_BLOCKS, merged */
	block		b[MAX_DAY_BLOCKS];
} day_blocks;

static void
collect_sink(void *state, const block *b)
{
	day_blocks *d = (day_blocks *) state;

	if (d->count < MAX_DAY_BLOCKS)
		d->b[d->count++] = *b;
	else if (b->end > d->b[MAX_DAY_BLOCKS - 1].end)
		d->b[MAX_DAY_BLOCKS - 1].end = b->end;
}

/* Longest stretch of [from, to) free of the blocks. */
static int
longest_free(const day_blocks *d, int from, int to)
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

void
st_teacher_week(const st_item *items, int n, const st_staff_limits *limits,
				st_emit emit, void *context)
{
	int			first = 0;
	int			next = 0;
	int			week_minutes = 0;
	int			week_start = -1;
	int			week_end = 0;
	st_finding	f;
	static day_blocks day;

	overlaps(items, n, ST_TEACHER_OVERLAP, false, emit, context);

	while (next_day(items, n, &first, &next))
	{
		int			weekday = day_of(items[first].start);
		int			base = (weekday - 1) * ST_MINUTES_PER_DAY;
		int			afternoon = base + limits->afternoon_start;
		bool		morning_busy;
		bool		afternoon_busy;

		day.count = 0;
		blocks_of(items, first, next, 0, collect_sink, &day);
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
				finding_init(&f, ST_TEACHER_MIDDAY, weekday);
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
		finding_init(&f, ST_TEACHER_WEEK, 0);
		f.start = week_start;
		f.end = week_end;
		f.measured = week_minutes;
		f.limit = limits->week_max;
		emit(context, &f);
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

static void
emit_day(st_emit emit, void *context, st_rule rule, int day, int start, int end,
		 int measured, int limit)
{
	st_finding	f;

	finding_init(&f, rule, day);
	f.start = start;
	f.end = end;
	f.measured = measured;
	f.limit = limit;
	emit(context, &f);
}

/* primary_day on one day: total, midday interval, morning, afternoon, end. */
static void
primary_day(const st_item *items, int first, int next, int weekday,
			const st_group_limits *limits, st_emit emit, void *context)
{
	static day_blocks day;
	int			base = (weekday - 1) * ST_MINUTES_PER_DAY;
	int			total = 0;
	int			gap_at = -1;
	int			gap = 0;
	int			morning = 0;
	int			afternoon = 0;
	int			i;

	day.count = 0;
	if (first < next)
		blocks_of(items, first, next, 0, collect_sink, &day);
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
		emit_day(emit, context, ST_PRIMARY_TOTAL, weekday,
				 day.count ? day.b[0].start : base, day.count ? day.b[day.count - 1].end : base,
				 total, limits->daily_max);
	if (day.count == 0)
		return;
	if (limits->day_end_not_before != ST_NO_LIMIT &&
		day.b[day.count - 1].end < base + limits->day_end_not_before)
		emit_day(emit, context, ST_PRIMARY_END, weekday, day.b[0].start, day.b[day.count - 1].end,
				 day.b[day.count - 1].end - base, limits->day_end_not_before);
	if (limits->midday_break_min != ST_NO_LIMIT && gap < limits->midday_break_min)
	{
		emit_day(emit, context, ST_PRIMARY_MIDDAY, weekday,
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
		emit_day(emit, context, ST_PRIMARY_MORNING, weekday, day.b[0].start,
				 gap_at > 0 ? day.b[gap_at - 1].end : day.b[day.count - 1].end, morning,
				 morning < limits->morning_min ? limits->morning_min : limits->morning_max);
	if ((limits->afternoon_min != ST_NO_LIMIT && afternoon < limits->afternoon_min) ||
		(limits->afternoon_max != ST_NO_LIMIT && afternoon > limits->afternoon_max))
		emit_day(emit, context, ST_PRIMARY_AFTERNOON, weekday,
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

		while (index < n && day_of(items[index].start) == weekday)
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
				emit_day(emit, context, ST_SINGLE_SHIFT, weekday, items[first].start,
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
				emit_day(emit, context, ST_INDICATIVE_TOTAL, weekday, items[first].start,
						 items[next - 1].end, class_before + class_after, limits->indicative_daily);
			else if (limits->indicative_morning != ST_NO_LIMIT && class_before != limits->indicative_morning)
			{
				/* the morning: from the first start to the afternoon (empty if none) */
				int			boundary = base + limits->afternoon_start;

				emit_day(emit, context, ST_INDICATIVE_MORNING, weekday,
						 items[first].start < boundary ? items[first].start : boundary,
						 boundary, class_before, limits->indicative_morning);
			}
			else if (limits->indicative_afternoon != ST_NO_LIMIT && class_after != limits->indicative_afternoon)
			{
				/* the afternoon: from its start to the last end (empty if none) */
				int			boundary = base + limits->afternoon_start;

				emit_day(emit, context, ST_INDICATIVE_AFTERNOON, weekday, boundary,
						 items[next - 1].end > boundary ? items[next - 1].end : boundary,
						 class_after, limits->indicative_afternoon);
			}
		}
	}

	if (checks & ST_CHECK_WEEKLY)
	{
		if (limits->weekly_min != ST_NO_LIMIT && weekly < limits->weekly_min)
			emit_day(emit, context, ST_WEEKLY_MIN, 0, n ? items[0].start : 0, n ? items[n - 1].end : 0,
					 weekly, limits->weekly_min);
		if (limits->weekly_max != ST_NO_LIMIT && weekly > limits->weekly_max)
			emit_day(emit, context, ST_WEEKLY_MAX, 0, n ? items[0].start : 0, n ? items[n - 1].end : 0,
					 weekly, limits->weekly_max);
	}
	if ((checks & ST_CHECK_FREE_AFTERNOONS) && limits->max_free_afternoons != ST_NO_LIMIT &&
		free_afternoons > limits->max_free_afternoons)
		emit_day(emit, context, ST_FREE_AFTERNOONS, 0, 0, 0, free_afternoons, limits->max_free_afternoons);
}

/* Adds +1 over [start, end) of each item with (flags & mask) == want. */
static void
add_coverage(short *count, const st_item *items, int n, unsigned mask, unsigned want)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		int			start = items[i].start < 0 ? 0 : items[i].start;
		int			end = items[i].end > WEEK_MINUTES ? WEEK_MINUTES : items[i].end;

		if ((items[i].flags & mask) != want || end <= start)
			continue;
		count[start]++;
		count[end]--;
	}
	for (i = 1; i <= WEEK_MINUTES; i++)
		count[i] += count[i - 1];
}

/* Emits each stretch, within one day, where needed > 0 and have < want. */
static void
emit_shortfalls(const short *needed, const short *have, int want, st_rule rule,
				st_emit emit, void *context)
{
	int			minute = 0;

	while (minute < WEEK_MINUTES)
	{
		int			start;
		int			fewest;

		if (needed[minute] <= 0 || have[minute] >= want)
		{
			minute++;
			continue;
		}
		start = minute;
		fewest = have[minute];
		while (minute < WEEK_MINUTES && needed[minute] > 0 && have[minute] < want &&
			   day_of(minute) == day_of(start))
		{
			if (have[minute] < fewest)
				fewest = have[minute];
			minute++;
		}
		emit_day(emit, context, rule, day_of(start), start, minute, fewest, want);
	}
}

void
st_centre_coverage(const st_item *lective, int n_lective,
				   const st_item *guards, int n_guards, int min_guards,
				   const st_item *present, int n_present,
				   st_emit emit, void *context)
{
	static short class_time[WEEK_MINUTES + 1];
	static short recess_time[WEEK_MINUTES + 1];
	static short class_guards[WEEK_MINUTES + 1];
	static short recess_guards[WEEK_MINUTES + 1];
	static short span[WEEK_MINUTES + 1];
	static short directive[WEEK_MINUTES + 1];
	int			first = 0;
	int			next = 0;

	memset(class_time, 0, sizeof(class_time));
	memset(recess_time, 0, sizeof(recess_time));
	memset(class_guards, 0, sizeof(class_guards));
	memset(recess_guards, 0, sizeof(recess_guards));
	memset(span, 0, sizeof(span));
	memset(directive, 0, sizeof(directive));

	if (min_guards > 0)
	{
		add_coverage(class_time, lective, n_lective, ST_RECESS, 0);
		add_coverage(recess_time, lective, n_lective, ST_RECESS, ST_RECESS);
		add_coverage(class_guards, guards, n_guards, ST_RECESS, 0);
		add_coverage(recess_guards, guards, n_guards, ST_RECESS, ST_RECESS);
		emit_shortfalls(class_time, class_guards, min_guards, ST_GUARD_CLASS, emit, context);
		emit_shortfalls(recess_time, recess_guards, min_guards, ST_GUARD_RECESS, emit, context);
	}

	/* the lective span of each day, its midday interval included */
	while (next_day(lective, n_lective, &first, &next))
	{
		int			day_end = 0;
		int			i;

		for (i = first; i < next; i++)
			if (lective[i].end > day_end)
				day_end = lective[i].end;
		if (day_end > WEEK_MINUTES)
			day_end = WEEK_MINUTES;
		if (lective[first].start >= 0 && day_end > lective[first].start)
		{
			span[lective[first].start]++;
			span[day_end]--;
		}
	}
	for (first = 1; first <= WEEK_MINUTES; first++)
		span[first] += span[first - 1];
	add_coverage(directive, present, n_present, 0, 0);
	emit_shortfalls(span, directive, 1, ST_DIRECTIVE, emit, context);
}
