/*
 * catalogue.h
 *		The per-backend cache of schooltime's rule catalogue.
 *
 * Rules read their figures from here, never from SQL per row.  The cache
 * is loaded on first use and thrown away whenever a catalogue table
 * changes (a statement trigger on each table sends a relcache invalidation,
 * which every backend receives when the change commits).
 */
#ifndef SCHOOLTIME_CATALOGUE_H
#define SCHOOLTIME_CATALOGUE_H

#include "schooltime.h"

/* "no such limit" for an integer figure */
#define NO_LIMIT	(-1)

/* One row of schooltime.timetable_limits; minutes for every time. */
typedef struct RegimeLimits
{
	int			school_year;	/* first calendar year: 2018 for 2018-2019 */
	Oid			regime;			/* the enum value's OID */
	const char *regime_label;	/* 'eso' */
	const char *regime_name;	/* 'ESO' (name_en) */
	const char *regime_name_ca; /* 'educació primària' */
	const char *section;
	int			first_weekday;
	int			last_weekday;
	int			window_start;
	int			window_end;
	int			session_min;
	int			session_max;
	int			continuous_max;
	int			break_min;
	int			daily_max;
	int			daily_span_max;
	bool		recess_is_lective;
	int			weekly_min;
	int			weekly_max;
	int			afternoon_start;
	int			max_free_afternoons;
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
	int			course_min_hours;
} RegimeLimits;

/* One row of schooltime.staff_limits. */
typedef struct StaffLimits
{
	int			school_year;
	int			week_max;
	int			first_weekday;
	int			last_weekday;
	int			midday_free;
	int			midday_window_start;
	int			midday_window_end;
	int			afternoon_start;
	int			default_min_guards;
} StaffLimits;

/* One row of schooltime.rules, as far as enforcement needs it. */
typedef struct RuleEntry
{
	const char *code;
	const char *sections;		/* "2.2.1.1, 2.2.2, 2.3" */
	bool		is_error;		/* severity = 'error' */
} RuleEntry;

/* Labels of schooltime.session_kind that the rules treat specially. */
typedef struct SessionKinds
{
	Oid			recess;
	Oid			research_work;
	Oid			outdoor_practice;
} SessionKinds;

/* Parses '2018-2019' into 2018; raises an error for anything else. */
extern int	parse_school_year(const char *text);

/* The limits of a school year and regime, or NULL if the catalogue has none. */
extern const RegimeLimits *catalogue_regime_limits(int school_year, Oid regime);

/* Like catalogue_regime_limits, but raises a clear error when there is none. */
extern const RegimeLimits *catalogue_require_regime_limits(int school_year, Oid regime);

extern const StaffLimits *catalogue_staff_limits(int school_year);

/* Like catalogue_staff_limits, but raises a clear error when there are none. */
extern const StaffLimits *catalogue_require_staff_limits(int school_year);

/* The rule of a code; raises an error for an unknown code. */
extern const RuleEntry *catalogue_rule(const char *code);

extern const SessionKinds *catalogue_session_kinds(void);

/*
 * Name of a regime enum value ('ESO'), for messages: from the column of
 * schooltime.regimes in the language of the session's messages.
 */
extern const char *catalogue_regime_name(Oid regime);

/* The same for a regime's limits. */
extern const char *regime_words(const RegimeLimits *limits);

/* Sets up the invalidation callback; called once from _PG_init. */
extern void catalogue_init(void);

#endif							/* SCHOOLTIME_CATALOGUE_H */
