/*
 * centre.c
 *		The rules of a centre's week: guard_coverage and directive_presence,
 *		minute by minute over the centre's lective time.
 */
#include "kernels_internal.h"

#include <string.h>

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
			   st_day_of(minute) == st_day_of(start))
		{
			if (have[minute] < fewest)
				fewest = have[minute];
			minute++;
		}
		st_emit_day(emit, context, rule, st_day_of(start), start, minute, fewest, want);
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
	while (st_next_day(lective, n_lective, &first, &next))
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
