/*
 * fuzz_kernels.c
 *		Fuzz target over the set-rule kernels (src/kernels/), built outside
 *		the server.
 *
 * The bytes choose a kernel, its limits and up to MAX_ITEMS items, each a
 * slot of one day as a weekslot can hold ([start, end) with start and end
 * - 1 on the same day), sorted by start as the server sorts them.  Every
 * kernel must return, and each finding must be consistent with its rule:
 * the measured figure is on the breaking side of the limit reported, the
 * limit is the one the kernel was given, the day is a weekday (0 only for
 * the week rules), and the stretch is in the week.  Brute-force references
 * (a minute-by-minute bitmap) check the overlap pairs, each day's class
 * minutes (daily_max), a teacher's week (teacher_week) and the directive
 * team's presence; each rule's findings are counted against what the
 * reference expects.  A group of several splits, lessons and co-teachers
 * (first byte 0xf0 and over) checks st_group_week against each
 * combination of parts judged alone: every combination's finding is
 * reported once, naming parts of that combination, and every finding
 * reported holds for all the pupils it names.
 *
 * A broken property aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/kernels.h"

#define WEEK (7 * ST_MINUTES_PER_DAY)
#define MAX_ITEMS 96
#define MAX_FINDINGS 4096

typedef struct reader
{
	const uint8_t *data;
	size_t		size;
	size_t		at;
} reader;

static unsigned
byte(reader *r)
{
	return r->at < r->size ? r->data[r->at++] : 0;
}

static unsigned
word(reader *r)
{
	unsigned	hi = byte(r);

	return (hi << 8) | byte(r);
}

/* A limit in 0..max, or ST_NO_LIMIT when the byte says so. */
static int
limit(reader *r, int max)
{
	unsigned	w = word(r);

	if ((w & 0xf) == 0xf)
		return ST_NO_LIMIT;
	return (int) ((w >> 4) % (unsigned) (max + 1));
}

typedef struct collected
{
	int			n;
	st_finding	f[MAX_FINDINGS];
	int			per_rule[ST_N_RULES];
} collected;

static void
fail(const char *what, const st_finding *f)
{
	if (f != NULL)
		fprintf(stderr, "fuzz_kernels: %s (%s day %d [%d,%d) measured %d limit %d)\n", what,
				st_rule_code(f->rule), f->day, f->start, f->end, f->measured, f->limit);
	else
		fprintf(stderr, "fuzz_kernels: %s\n", what);
	abort();
}

static void
collect(void *context, const st_finding *f)
{
	collected  *c = context;

	if ((int) f->rule < 0 || f->rule >= ST_N_RULES)
		fail("a finding of no rule", f);
	if (st_rule_code(f->rule)[0] == '\0')
		fail("a rule without a code", f);
	if (f->day < 0 || f->day > 7)
		fail("a day out of 0..7", f);
	if (f->start < 0 || f->end > WEEK || f->start > f->end)
		fail("a stretch outside the week", f);
	c->per_rule[f->rule]++;
	if (c->n < MAX_FINDINGS)
		c->f[c->n++] = *f;
}

static int
by_start(const void *a, const void *b)
{
	const st_item *x = a;
	const st_item *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return (x->end > y->end) - (x->end < y->end);
}

/* n items of one day each, sorted by start; flags from the allowed set. */
static int
read_items(reader *r, st_item *items, int max, unsigned allowed_flags, int64_t first_id)
{
	int			n = (int) (byte(r) % (unsigned) (max + 1));
	int			i;

	for (i = 0; i < n; i++)
	{
		int			day = (int) (byte(r) % 7);
		int			from = (int) (word(r) % ST_MINUTES_PER_DAY);
		int			length = 1 + (int) (word(r) % (unsigned) (ST_MINUTES_PER_DAY - from));
		unsigned	b = byte(r);

		memset(&items[i], 0, sizeof(st_item));
		items[i].start = day * ST_MINUTES_PER_DAY + from;
		items[i].end = items[i].start + length;
		/* the whole group, or one of its halves (split 1) */
		items[i].split = (int16_t) (b % 3 != 0);
		items[i].part = (int16_t) (b % 3);
		items[i].flags = (b >> 2) & allowed_flags;
		items[i].id = first_id + i;
	}
	qsort(items, (size_t) n, sizeof(st_item), by_start);
	return n;
}

static int
day_of_start(int minute)
{
	return minute / ST_MINUTES_PER_DAY + 1;
}

/* ---- brute-force references ---- */

/* Overlapping pairs; halves of a split group may overlap when allowed. */
static int
reference_overlaps(const st_item *items, int n, int halves_may_overlap)
{
	int			pairs = 0;
	int			i;
	int			j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
		{
			if (items[i].start >= items[j].end || items[j].start >= items[i].end)
				continue;
			if (halves_may_overlap && items[i].split != 0 && items[i].split == items[j].split &&
				items[i].part != items[j].part)
				continue;
			pairs++;
		}
	return pairs;
}

/* Minutes of the union of the items of one day (by start) without skip flags. */
static int
reference_day_minutes(const st_item *items, int n, int day, unsigned skip_flags)
{
	static unsigned char busy[WEEK + 1];
	int			minutes = 0;
	int			i;
	int			m;

	memset(busy, 0, sizeof(busy));
	for (i = 0; i < n; i++)
	{
		if (day_of_start(items[i].start) != day || (items[i].flags & skip_flags))
			continue;
		for (m = items[i].start; m < items[i].end; m++)
			busy[m] = 1;
	}
	for (m = 0; m <= WEEK; m++)
		minutes += busy[m];
	return minutes;
}

static void
check_group_days(reader *r, st_item *items)
{
	st_group_limits limits;
	static collected c;
	int			n;
	int			i;
	int			day;
	int			expected_daily = 0;

	memset(&limits, 0, sizeof(limits));
	limits.continuous_max = limit(r, 600);
	limits.break_min = (int) (word(r) % 240);
	limits.daily_max = limit(r, 900);
	limits.daily_span_max = limit(r, 1440);
	limits.recess_is_lective = byte(r) & 1;
	n = read_items(r, items, MAX_ITEMS, ST_RECESS | ST_OUTDOOR | ST_NOT_WEEKLY, 1);

	memset(&c, 0, sizeof(c));
	st_group_overlaps(items, n, collect, &c);
	if (c.per_rule[ST_GROUP_OVERLAP] != reference_overlaps(items, n, 1))
		fail("group_overlap: not every overlapping pair once", NULL);
	for (i = 0; i < c.n; i++)
		if (c.f[i].measured != c.f[i].end - c.f[i].start || c.f[i].measured <= 0 || c.f[i].limit != 0)
			fail("group_overlap: measured is not the overlap", &c.f[i]);

	memset(&c, 0, sizeof(c));
	st_group_days(items, n, &limits, collect, &c);
	for (day = 1; day <= 7; day++)
	{
		int			minutes = reference_day_minutes(items, n, day,
													limits.recess_is_lective ? 0 : ST_RECESS);

		if (limits.daily_max != ST_NO_LIMIT && minutes > limits.daily_max)
			expected_daily++;
		for (i = 0; i < c.n; i++)
			if (c.f[i].rule == ST_DAILY_MAX && c.f[i].day == day && c.f[i].measured != minutes)
				fail("daily_max: measured is not the day's class minutes", &c.f[i]);
	}
	if (c.per_rule[ST_DAILY_MAX] != expected_daily)
		fail("daily_max: not one finding per day over the limit", NULL);
	for (i = 0; i < c.n; i++)
	{
		const st_finding *f = &c.f[i];

		if (f->day < 1)
			fail("a day rule without a day", f);
		switch (f->rule)
		{
			case ST_CONTINUOUS:
				if (limits.continuous_max == ST_NO_LIMIT || f->limit != limits.continuous_max ||
					f->measured <= f->limit || f->measured != f->end - f->start)
					fail("continuous: inconsistent", f);
				break;
			case ST_DAILY_MAX:
				if (f->limit != limits.daily_max || f->measured <= f->limit)
					fail("daily_max: inconsistent", f);
				break;
			case ST_DAILY_SPAN:
				if (limits.daily_span_max == ST_NO_LIMIT || f->limit != limits.daily_span_max ||
					f->measured <= f->limit || f->measured != f->end - f->start)
					fail("daily span: inconsistent", f);
				break;
			default:
				fail("st_group_days: a rule it does not check", f);
		}
	}
}

static void
check_teacher(reader *r, st_item *items)
{
	st_staff_limits limits;
	static collected c;
	static unsigned char busy[WEEK + 1];
	int			n;
	int			i;
	int			m;
	int			week = 0;

	memset(&limits, 0, sizeof(limits));
	limits.week_max = limit(r, 3000);
	limits.first_weekday = 1 + (int) (byte(r) % 7);
	limits.last_weekday = 1 + (int) (byte(r) % 7);
	limits.midday_free = (int) (word(r) % 241);
	limits.midday_window_start = (int) (word(r) % ST_MINUTES_PER_DAY);
	limits.midday_window_end = limits.midday_window_start +
		(int) (word(r) % (unsigned) (ST_MINUTES_PER_DAY - limits.midday_window_start + 1));
	limits.afternoon_start = (int) (word(r) % ST_MINUTES_PER_DAY);
	n = read_items(r, items, MAX_ITEMS, ST_DUTY, 1);

	memset(&c, 0, sizeof(c));
	st_teacher_week(items, NULL, n, &limits, collect, &c);
	if (c.per_rule[ST_TEACHER_OVERLAP] != reference_overlaps(items, n, 0))
		fail("teacher_overlap: not every overlapping pair once", NULL);

	memset(busy, 0, sizeof(busy));
	for (i = 0; i < n; i++)
	{
		int			day = day_of_start(items[i].start);

		if (day >= limits.first_weekday && day <= limits.last_weekday)
			for (m = items[i].start; m < items[i].end; m++)
				busy[m] = 1;
	}
	for (m = 0; m <= WEEK; m++)
		week += busy[m];
	if (c.per_rule[ST_TEACHER_WEEK] != (limits.week_max != ST_NO_LIMIT && week > limits.week_max))
		fail("teacher_week: found when the week is within the limit, or missed", NULL);
	if (c.per_rule[ST_TEACHER_MIDDAY] > 7 || c.per_rule[ST_TEACHER_WEEK] > 1)
		fail("teacher: more than one finding per day or week", NULL);

	for (i = 0; i < c.n; i++)
	{
		const st_finding *f = &c.f[i];

		switch (f->rule)
		{
			case ST_TEACHER_OVERLAP:
				if (f->measured != f->end - f->start || f->measured <= 0 || f->limit != 0)
					fail("teacher_overlap: measured is not the overlap", f);
				break;
			case ST_TEACHER_MIDDAY:
				if (f->limit != limits.midday_free || f->measured >= f->limit || f->measured < 0 ||
					f->measured > limits.midday_window_end - limits.midday_window_start)
					fail("teacher_midday: inconsistent", f);
				break;
			case ST_TEACHER_WEEK:
				if (f->day != 0 || f->limit != limits.week_max || f->measured != week)
					fail("teacher_week: inconsistent", f);
				break;
			default:
				fail("st_teacher_week: a rule it does not check", f);
		}
	}
}

static void
check_approval(reader *r, st_item *items)
{
	st_group_limits limits;
	static collected c;
	unsigned	checks;
	int			n;
	int			i;

	memset(&limits, 0, sizeof(limits));
	limits.recess_is_lective = byte(r) & 1;
	limits.first_weekday = 1 + (int) (byte(r) % 7);
	limits.last_weekday = 1 + (int) (byte(r) % 7);
	limits.weekly_min = limit(r, 3000);
	limits.weekly_max = limit(r, 3000);
	limits.afternoon_start = (int) (word(r) % ST_MINUTES_PER_DAY);
	limits.max_free_afternoons = limit(r, 7);
	limits.daily_max = limit(r, 600);
	limits.morning_min = limit(r, 600);
	limits.morning_max = limit(r, 600);
	limits.afternoon_min = limit(r, 600);
	limits.afternoon_max = limit(r, 600);
	limits.day_end_not_before = limit(r, ST_MINUTES_PER_DAY);
	limits.midday_break_min = limit(r, 240);
	limits.indicative_daily = limit(r, 600);
	limits.indicative_morning = limit(r, 600);
	limits.indicative_afternoon = limit(r, 600);
	checks = byte(r) & 0x1f;
	n = read_items(r, items, MAX_ITEMS, ST_RECESS | ST_OUTDOOR | ST_NOT_WEEKLY, 1);

	memset(&c, 0, sizeof(c));
	st_group_approval(items, n, &limits, checks, collect, &c);
	for (i = 0; i < c.n; i++)
	{
		const st_finding *f = &c.f[i];
		int			ok;

		switch (f->rule)
		{
			case ST_WEEKLY_MIN:
				ok = (checks & ST_CHECK_WEEKLY) && f->limit == limits.weekly_min && f->measured < f->limit;
				break;
			case ST_WEEKLY_MAX:
				ok = (checks & ST_CHECK_WEEKLY) && f->limit == limits.weekly_max && f->measured > f->limit;
				break;
			case ST_FREE_AFTERNOONS:
				ok = (checks & ST_CHECK_FREE_AFTERNOONS) && f->limit == limits.max_free_afternoons &&
					f->measured > f->limit && f->measured <= 7;
				break;
			case ST_SINGLE_SHIFT:
				ok = (checks & ST_CHECK_SINGLE_SHIFT) && f->limit == 0 && f->measured > 0;
				break;
			case ST_PRIMARY_TOTAL:
				ok = (checks & ST_CHECK_PRIMARY_DAY) && f->limit == limits.daily_max && f->measured != f->limit;
				break;
			case ST_PRIMARY_END:
				ok = (checks & ST_CHECK_PRIMARY_DAY) && f->limit == limits.day_end_not_before &&
					f->measured < f->limit;
				break;
			case ST_PRIMARY_MIDDAY:
				ok = (checks & ST_CHECK_PRIMARY_DAY) && f->limit == limits.midday_break_min &&
					f->measured < f->limit;
				break;
			case ST_PRIMARY_MORNING:
				ok = (checks & ST_CHECK_PRIMARY_DAY) &&
					((f->limit == limits.morning_min && f->measured < f->limit) ||
					 (f->limit == limits.morning_max && f->measured > f->limit));
				break;
			case ST_PRIMARY_AFTERNOON:
				ok = (checks & ST_CHECK_PRIMARY_DAY) &&
					((f->limit == limits.afternoon_min && f->measured < f->limit) ||
					 (f->limit == limits.afternoon_max && f->measured > f->limit));
				break;
			case ST_INDICATIVE_TOTAL:
				ok = (checks & ST_CHECK_INDICATIVE) && f->limit == limits.indicative_daily &&
					f->measured != f->limit;
				break;
			case ST_INDICATIVE_MORNING:
				ok = (checks & ST_CHECK_INDICATIVE) && f->limit == limits.indicative_morning &&
					f->measured != f->limit;
				break;
			case ST_INDICATIVE_AFTERNOON:
				ok = (checks & ST_CHECK_INDICATIVE) && f->limit == limits.indicative_afternoon &&
					f->measured != f->limit;
				break;
			default:
				ok = 0;
		}
		if (!ok)
			fail("st_group_approval: a finding inconsistent with its rule", f);
		if (f->limit == ST_NO_LIMIT)
			fail("st_group_approval: a finding against no limit", f);
		if (f->day != 0 && (f->day < limits.first_weekday || f->day > limits.last_weekday))
			fail("st_group_approval: a finding on a day that is not lective", f);
	}
}

static void
check_coverage(reader *r, st_item *items)
{
	static st_item guards[MAX_ITEMS];
	static st_item present[MAX_ITEMS];
	static collected c;
	static unsigned char needs[WEEK + 1];
	static unsigned char has[WEEK + 1];
	int			min_guards = (int) (byte(r) % 4);
	int			n = read_items(r, items, MAX_ITEMS, ST_RECESS, 1);
	int			n_guards = read_items(r, guards, MAX_ITEMS, ST_RECESS, 1000);
	int			n_present = read_items(r, present, MAX_ITEMS, 0, 2000);
	int			expected_runs = 0;
	int			day;
	int			i;
	int			m;

	memset(&c, 0, sizeof(c));
	st_centre_coverage(items, n, guards, n_guards, min_guards, present, n_present, collect, &c);

	/* directive_presence, by brute force: each day's span, minus presence */
	memset(needs, 0, sizeof(needs));
	memset(has, 0, sizeof(has));
	for (day = 1; day <= 7; day++)
	{
		int			first = -1;
		int			last = -1;

		for (i = 0; i < n; i++)
			if (day_of_start(items[i].start) == day)
			{
				if (first < 0 || items[i].start < first)
					first = items[i].start;
				if (items[i].end > last)
					last = items[i].end;
			}
		for (m = first; first >= 0 && m < last; m++)
			needs[m] = 1;
	}
	for (i = 0; i < n_present; i++)
		for (m = present[i].start; m < present[i].end; m++)
			has[m] = 1;
	for (m = 0; m < WEEK; m++)
		if (needs[m] && !has[m] &&
			(m == 0 || !needs[m - 1] || has[m - 1] || m % ST_MINUTES_PER_DAY == 0))
			expected_runs++;
	if (c.per_rule[ST_DIRECTIVE] != expected_runs)
		fail("directive_presence: not one finding per uncovered stretch of a day", NULL);

	for (i = 0; i < c.n; i++)
	{
		const st_finding *f = &c.f[i];

		if (f->end <= f->start || day_of_start(f->start) != day_of_start(f->end - 1) ||
			f->day != day_of_start(f->start))
			fail("coverage: a stretch that is empty or not within its day", f);
		switch (f->rule)
		{
			case ST_GUARD_CLASS:
			case ST_GUARD_RECESS:
				if (min_guards <= 0 || f->limit != min_guards || f->measured < 0 || f->measured >= f->limit)
					fail("guard_coverage: inconsistent", f);
				break;
			case ST_DIRECTIVE:
				if (f->limit != 1 || f->measured != 0)
					fail("directive_presence: inconsistent", f);
				for (m = f->start; m < f->end; m++)
					if (!needs[m] || has[m])
						fail("directive_presence: a stretch that is covered or not lective", f);
				break;
			default:
				fail("st_centre_coverage: a rule it does not check", f);
		}
	}
}


/* ---- a group of several splits, lessons and co-teachers: st_group_week ---- */

#define FUZZ_SPLITS 3			/* splits 2..4; split 1 (the halves) is left out */
#define FUZZ_PARTS 3

static unsigned char arena_buffer[1 << 24];
static size_t arena_used;

static void *
arena_alloc(void *context, size_t size)
{
	void	   *p;

	(void) context;
	size = (size + 15) & ~(size_t) 15;
	if (arena_used + size > sizeof(arena_buffer))
		fail("st_group_week: more memory than a group can need", NULL);
	p = arena_buffer + arena_used;
	arena_used += size;
	return p;
}

/* Whether a earlier row of items[i]'s lesson, for the same pupils, is at the same time (brute force). */
static int
reference_repeat(const st_item *items, int i)
{
	int			k;

	if (items[i].lesson == 0)
		return 0;
	for (k = 0; k < i; k++)
		if (items[k].lesson == items[i].lesson && items[k].start == items[i].start &&
			items[k].end == items[i].end && items[k].split == items[i].split && items[k].part == items[i].part)
			return 1;
	return 0;
}

/* Pairs of a group's items that some pupil would be in at once. */
static int
reference_group_clashes(const st_item *items, int n)
{
	int			pairs = 0;
	int			i;
	int			j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
		{
			if (items[i].start >= items[j].end || items[j].start >= items[i].end)
				continue;
			if (items[i].lesson != 0 && items[i].lesson == items[j].lesson)
				continue;
			if (items[i].split != 0 && items[i].split == items[j].split && items[i].part != items[j].part)
				continue;
			if (reference_repeat(items, i) || reference_repeat(items, j))
				continue;
			pairs++;
		}
	return pairs;
}

/* The parts of a combination: digit s of a number in base FUZZ_PARTS. */
static int
combination_part(int combination, int split)
{
	int			s;

	for (s = 2; s < split; s++)
		combination /= FUZZ_PARTS;
	return combination % FUZZ_PARTS + 1;
}

static int
same_finding(const st_finding *a, const st_finding *b)
{
	return a->rule == b->rule && a->day == b->day && a->start == b->start && a->end == b->end &&
		a->measured == b->measured && a->limit == b->limit;
}

/* Whether a finding's parts are those of a combination (a finding naming no split fits every one). */
static int
names_combination(const st_finding *f, int combination)
{
	int			p;

	for (p = 0; p < f->nparts; p++)
		if (f->parts[p].split < 2 || f->parts[p].split > FUZZ_SPLITS + 1 ||
			combination_part(combination, f->parts[p].split) != f->parts[p].part)
			return 0;
	return 1;
}

static void
check_group_week(reader *r, st_item *items)
{
	st_group_limits limits;
	static collected week;
	static collected one;
	static st_item mine[MAX_ITEMS];
	int			nparts[FUZZ_SPLITS + 1] = {2, FUZZ_PARTS, FUZZ_PARTS, FUZZ_PARTS};
	st_group_shape shape = {FUZZ_SPLITS + 1, nparts};
	st_arena	arena = {arena_alloc, NULL};
	unsigned	checks;
	int			combinations = 1;
	int			combination;
	int			judged;
	int			n;
	int			i;
	int			j;

	memset(&limits, 0, sizeof(limits));
	limits.continuous_max = limit(r, 600);
	limits.break_min = (int) (word(r) % 240);
	limits.daily_max = limit(r, 900);
	limits.daily_span_max = ST_NO_LIMIT;
	limits.recess_is_lective = byte(r) & 1;
	limits.first_weekday = 1;
	limits.last_weekday = 5;
	limits.weekly_min = limit(r, 3000);
	limits.weekly_max = limit(r, 3000);
	limits.afternoon_start = 15 * 60;
	limits.max_free_afternoons = limit(r, 5);
	limits.single_shift = false;
	limits.morning_min = limits.morning_max = limits.afternoon_min = limits.afternoon_max = ST_NO_LIMIT;
	limits.day_end_not_before = limits.midday_break_min = ST_NO_LIMIT;
	limits.indicative_daily = limit(r, 600);
	limits.indicative_morning = limit(r, 600);
	limits.indicative_afternoon = limit(r, 600);
	checks = byte(r) & (ST_CHECK_WEEKLY | ST_CHECK_FREE_AFTERNOONS | ST_CHECK_INDICATIVE);
	n = read_items(r, items, 24, ST_RECESS, 1);
	/* each item: the whole group or a part of splits 2..4, a lesson of its own or one of three */
	for (i = 0; i < n; i++)
	{
		unsigned	b = byte(r);

		items[i].split = (int16_t) (b % (FUZZ_SPLITS + 1) == 0 ? 0 : b % (FUZZ_SPLITS + 1) + 1);
		items[i].part = (int16_t) (items[i].split ? (b >> 2) % FUZZ_PARTS + 1 : 0);
		items[i].lesson = (b >> 4) % 4;
		/* a lesson's rows share its time: copy it from the lesson's first row */
		for (j = 0; j < i; j++)
			if (items[j].lesson != 0 && items[j].lesson == items[i].lesson)
			{
				items[i].start = items[j].start;
				items[i].end = items[j].end;
				break;
			}
	}
	qsort(items, (size_t) n, sizeof(st_item), by_start);
	for (i = 0; i < FUZZ_SPLITS; i++)
		combinations *= FUZZ_PARTS;

	memset(&week, 0, sizeof(week));
	arena_used = 0;
	judged = st_group_week(items, n, &shape, &limits, checks, &arena, collect, &week);
	if (judged < 1 || judged > combinations)
		fail("st_group_week: a number of combinations out of range", NULL);
	if (week.per_rule[ST_GROUP_OVERLAP] != reference_group_clashes(items, n))
		fail("st_group_week: not every clash of some pupils once", NULL);

	/*
	 * Every finding of the pupils of one combination, judged alone, is
	 * reported once naming parts of that combination; and every finding
	 * reported holds for every combination whose parts it names.
	 */
	for (combination = 0; combination < combinations; combination++)
	{
		int			m = 0;

		for (i = 0; i < n; i++)
			if (items[i].split == 0 || combination_part(combination, items[i].split) == items[i].part)
				mine[m++] = items[i];
		memset(&one, 0, sizeof(one));
		st_group_days(mine, m, &limits, collect, &one);
		if (checks != 0)
			st_group_approval(mine, m, &limits, checks, collect, &one);
		for (i = 0; i < one.n; i++)
		{
			int			covering = 0;

			for (j = 0; j < week.n; j++)
				if (same_finding(&one.f[i], &week.f[j]) && names_combination(&week.f[j], combination))
					covering++;
			if (covering != 1)
				fail("st_group_week: a combination's finding not reported exactly once", &one.f[i]);
		}
		for (j = 0; j < week.n; j++)
		{
			int			found_here = 0;

			if (week.f[j].rule == ST_GROUP_OVERLAP || !names_combination(&week.f[j], combination))
				continue;
			for (i = 0; i < one.n; i++)
				found_here |= same_finding(&one.f[i], &week.f[j]);
			if (!found_here)
				fail("st_group_week: a finding that does not hold for pupils it names", &week.f[j]);
		}
	}
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static st_item items[MAX_ITEMS];
	reader		r = {data, size, 0};
	st_item		one;
	unsigned	target = byte(&r);

	/* the first four targets keep the byte values the corpus was grown with */
	if (target >= 0xf0)
		check_group_week(&r, items);
	else if (target % 4 == 0)
		check_group_days(&r, items);
	else if (target % 4 == 1)
		check_teacher(&r, items);
	else if (target % 4 == 2)
		check_approval(&r, items);
	else
		check_coverage(&r, items);
	/* the union of nothing, and of one item with and without its flag skipped */
	memset(&one, 0, sizeof(one));
	one.start = 0;
	one.end = 1;
	one.flags = ST_RECESS;
	if (st_union_minutes(items, 0, 0) != 0 || st_union_minutes(&one, 1, 0) != 1 ||
		st_union_minutes(&one, 1, ST_OUTDOOR) != 1 || st_union_minutes(&one, 1, ST_RECESS) != 0)
		fail("st_union_minutes: wrong on trivial input", NULL);
	return 0;
}
