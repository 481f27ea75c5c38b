/*
 * kernels.h
 *		The arithmetic of schooltime's set rules, in plain C.
 *
 * A kernel reads one key's slots (a group's sessions, a teacher's sessions
 * and duties, a centre's lective time and guards), sorted by start, and
 * reports every finding through a callback.  Kernels know nothing of
 * PostgreSQL: the triggers that refuse a write and the compliance report
 * feed them from SQL, and the standalone harness in tools/harness feeds
 * them directly, so each rule has one implementation.
 *
 * Times are minutes of the week, 0 (Monday 00:00) to 10080 (Sunday 24:00);
 * every item is the half-open interval [start, end).
 *
 * Groups are made of parts: a split divides every pupil of a group into
 * disjoint parts (halves, languages, optional subjects), and each pupil is
 * in one part of every split.  An item is the whole group's, or one part's.
 * Items of one lesson (a joint lesson of several groups, or one co-taught
 * by several teachers) are one place at one time, never a clash.
 */
#ifndef SCHOOLTIME_KERNELS_H
#define SCHOOLTIME_KERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ST_MINUTES_PER_DAY 1440
#define ST_NO_LIMIT (-1)

/* Flags of an item. */
#define ST_RECESS		0x01	/* an explicit recess entry: a gap, not class */
#define ST_OUTDOOR		0x02	/* a sports practice in the natural environment */
#define ST_NOT_WEEKLY	0x04	/* not counted in the weekly hours (research work) */
#define ST_DUTY			0x10	/* a teacher's duty rather than a session */

typedef struct st_item
{
	int			start;
	int			end;
	int16_t		split;			/* 0: the whole group; else the split the item is one part of */
	int16_t		part;			/* that part, from 1 */
	unsigned	flags;
	int64_t		id;				/* the row's key, for messages */
	int64_t		lesson;			/* the lesson the row is of; 0: a lesson of its own */
} st_item;

/* One part of one split, as a finding names the pupils it is about. */
typedef struct st_part_ref
{
	int16_t		split;
	int16_t		part;
} st_part_ref;

#define ST_MAX_FINDING_PARTS 8

typedef enum st_rule
{
	ST_GROUP_OVERLAP,
	ST_CONTINUOUS,
	ST_DAILY_MAX,
	ST_DAILY_SPAN,
	ST_TEACHER_OVERLAP,
	ST_TEACHER_MIDDAY,
	ST_TEACHER_WEEK,
	ST_WEEKLY_MIN,
	ST_WEEKLY_MAX,
	ST_FREE_AFTERNOONS,
	ST_SINGLE_SHIFT,
	ST_PRIMARY_TOTAL,
	ST_PRIMARY_MORNING,
	ST_PRIMARY_AFTERNOON,
	ST_PRIMARY_END,
	ST_PRIMARY_MIDDAY,
	ST_INDICATIVE_TOTAL,
	ST_INDICATIVE_MORNING,
	ST_INDICATIVE_AFTERNOON,
	ST_GUARD_CLASS,
	ST_GUARD_RECESS,
	ST_DIRECTIVE,
	ST_N_RULES
} st_rule;

typedef struct st_finding
{
	st_rule		rule;
	int			day;			/* ISO weekday, or 0 for the whole week */
	int			start;			/* the stretch concerned, minutes of the week */
	int			end;
	int			measured;		/* minutes (or days, for free afternoons) found */
	int			limit;			/* the limit broken */
	int64_t		item_a;			/* rows involved: an overlapping pair, or the */
	int64_t		item_b;			/* first row of a run (item_b = -1 if none) */
	unsigned	flags_a;		/* flags of item_a and item_b (ST_DUTY...) */
	unsigned	flags_b;
	/* the pupils a group's finding is about: one part of each split it depends on; none: the whole group */
	int			nparts;
	st_part_ref parts[ST_MAX_FINDING_PARTS];
} st_finding;

typedef void (*st_emit) (void *context, const st_finding *finding);

/* Figures of a group's regime that the group kernels read; ST_NO_LIMIT for none. */
typedef struct st_group_limits
{
	int			continuous_max;
	int			break_min;
	int			daily_max;
	int			daily_span_max;
	bool		recess_is_lective;
	int			first_weekday;
	int			last_weekday;
	int			weekly_min;
	int			weekly_max;
	int			afternoon_start;	/* minutes of the day */
	int			max_free_afternoons;	/* checked only when the caller asks */
	bool		single_shift;
	int			morning_min;
	int			morning_max;
	int			afternoon_min;
	int			afternoon_max;
	int			day_end_not_before;
	int			midday_break_min;
	int			indicative_daily;
	int			indicative_morning;
	int			indicative_afternoon;
} st_group_limits;

/* Figures of a teacher's week. */
typedef struct st_staff_limits
{
	int			week_max;
	int			first_weekday;
	int			last_weekday;
	int			midday_free;
	int			midday_window_start;	/* minutes of the day */
	int			midday_window_end;
	int			afternoon_start;
} st_staff_limits;

/* The parts of a group's splits: split s (from 1) has nparts[s - 1] parts. */
typedef struct st_group_shape
{
	int			nsplits;
	const int  *nparts;
} st_group_shape;

/*
 * Memory a kernel may need beyond its stack, lent by the caller, who frees
 * it after the call (a memory context, an arena).  alloc never returns NULL.
 */
typedef struct st_arena
{
	void	   *(*alloc) (void *context, size_t size);
	void	   *context;
} st_arena;

/* Most combinations of parts st_group_week judges a group's days for. */
#define ST_MAX_COMBINATIONS 4096

/*
 * group_overlap: two items of one group overlap when some pupil would be
 * in both: not when they are of one lesson, nor when they are two
 * different parts of one split.  Items sorted by start.
 */
extern void st_group_overlaps(const st_item *items, int n, st_emit emit, void *context);

/*
 * Every rule of a group's week: group_overlap once, then the day rules
 * (st_group_days) and the week rules that checks asks for
 * (st_group_approval) for the pupils of every combination of parts, one
 * part of each split the items use, as the group's pupils can be in.  A
 * finding that does not depend on a split is reported once, naming no part
 * of it; one that does names the parts (finding.parts).  shape may be NULL
 * (the parts are those the items name).  Returns the number of
 * combinations judged, or -1 (having judged only the overlaps) when there
 * would be more than ST_MAX_COMBINATIONS.  Items sorted by start.
 */
extern int	st_group_week(const st_item *items, int n, const st_group_shape *shape,
						  const st_group_limits *limits, unsigned checks,
						  const st_arena *arena, st_emit emit, void *context);

/*
 * continuous, daily_max (minutes of class, recess included where it is
 * lective) and the night batxillerat's daily span, day by day.  Items
 * sorted by start.  Authorised exceptions are for the caller to weigh: a
 * kernel reports what it finds.
 */
extern void st_group_days(const st_item *items, int n, const st_group_limits *limits,
						  st_emit emit, void *context);

/*
 * teacher_overlap, teacher_midday and teacher_week over a teacher's
 * sessions and duties, sorted by start.  A day is split when the teacher is
 * busy before the midday window opens and after the afternoon starts; it
 * then needs a free stretch of midday_free minutes inside the window.
 * Items of one lesson are one place (a joint lesson is taught once);
 * centres, when not NULL, holds each item's centre, since lessons are
 * numbered within a centre.
 */
extern void st_teacher_week(const st_item *items, const int64_t *centres, int n,
							const st_staff_limits *limits, st_emit emit, void *context);

/* Which week rules of a group's timetable st_group_approval checks. */
#define ST_CHECK_WEEKLY			0x01
#define ST_CHECK_FREE_AFTERNOONS 0x02
#define ST_CHECK_SINGLE_SHIFT	0x04
#define ST_CHECK_PRIMARY_DAY	0x08
#define ST_CHECK_INDICATIVE		0x10

/*
 * weekly_hours, free_afternoons, fp_single_shift, primary_day and
 * indicative_day over a group's whole week.  Items sorted by start.
 */
extern void st_group_approval(const st_item *items, int n, const st_group_limits *limits,
							  unsigned checks, st_emit emit, void *context);

/*
 * guard_coverage and directive_presence over a centre's week: lective
 * holds every session of every group (recess entries flagged ST_RECESS),
 * guards the teachers' guard duties (recess guards flagged ST_RECESS),
 * present the directive team's sessions and duties.  Each array sorted by
 * start.  The lective span of a day (first start to last end, the midday
 * interval included) must have a member of the directive team present.
 */
extern void st_centre_coverage(const st_item *lective, int n_lective,
							   const st_item *guards, int n_guards, int min_guards,
							   const st_item *present, int n_present,
							   st_emit emit, void *context);

/* Minutes covered by the union of [start, end) intervals, sorted by start. */
extern int	st_union_minutes(const st_item *items, int n, unsigned skip_flags);

/* The code of a rule in schooltime.rules ("continuous", "primary_day"...). */
extern const char *st_rule_code(st_rule rule);

#endif							/* SCHOOLTIME_KERNELS_H */
