/*
 * report_rules.h
 *		The report-only rules that check()'s group walk measures: rules of a
 *		report (no write is refused for them), judged per group from the
 *		rows the walk reads anyway.
 *
 * teachers_per_group (4.2) counts the distinct teachers of every lesson a
 * group attends: every row of the lesson (co-teachers, and the teachers of
 * a lesson it shares with other groups), and its sessions that are lessons
 * of their own; recess entries are not counted.  The words and figures are
 * those report_rule_violations() gave when it computed the rule in SQL
 * (part 60 of the 0.3 upgrade script), msgids included, so that
 * translations still apply.
 */
#ifndef SCHOOLTIME_REPORT_RULES_H
#define SCHOOLTIME_REPORT_RULES_H

#include "schooltime.h"

#include "model.h"
#include "violation_rows.h"

/* One session row as teachers_per_group reads it. */
typedef struct LessonTeacher
{
	int64		centre_id;
	int64		group_id;
	int64		lesson_id;		/* 0: a lesson of its own */
	int64		teacher_id;		/* 0: none */
	bool		lesson_only;	/* another group's row of a lesson, read for its teacher */
} LessonTeacher;

/* One row of schooltime.group_teacher_limits, with its words. */
typedef struct TeacherLimit
{
	int			school_year;
	Oid			regime;
	int			first_level;
	int			last_level;
	int			max_teachers;	/* NO_LIMIT when NULL */
	char	   *school_year_text;
	char	   *sections;		/* section_text(section) */
	char	   *courses;		/* course_text(first_level, last_level) */
} TeacherLimit;

typedef struct ReportRules
{
	MemoryContext keep;
	Oid			recess;			/* schooltime.session_kind 'recess' */
	TeacherLimit *limits;
	int			nlimits;
	int			limits_capacity;
	LessonTeacher *rows;		/* by centre and group once ready */
	Size		nrows;
	Size		capacity;
	LessonTeacher *by_lesson;	/* rows with a lesson and a teacher, by centre, lesson, teacher */
	Size		nby_lesson;
	Size		group_pos;		/* the walk's place in rows */
} ReportRules;

/* A group of the walk, as the report-only rules need it. */
typedef struct ReportRuleGroup
{
	int64		centre_id;
	int64		id;
	const char *name;
	int			school_year;
	Oid			regime;
	int			level;
} ReportRuleGroup;

typedef void (*report_rule_emit) (void *context, const ViolationRow *row);

/* Reads the catalogue's figures (the current session's language for their words). */
extern void report_rules_init(ReportRules *rules, MemoryContext keep);

/*
 * A session of the walk's group scan: values and nulls are the columns of
 * session_item_columns() (id, slot, kind, split_half, lesson_id, split,
 * part, teacher_id).
 */
extern void report_rules_session(ReportRules *rules, int64 centre_id, int64 group_id,
								 const Datum *values, const bool *nulls);

/*
 * When the walk reads one group only: the other groups' rows of the lessons
 * it attends, whose teachers are its teachers too.
 */
extern void report_rules_lesson_teachers(ReportRules *rules, const ModelTables *model, int64 centre_id,
										 int64 group_id);

/* Sorts what was read; call once, before the first group. */
extern void report_rules_ready(ReportRules *rules);

/* The report-only rules of one group; groups must come in (centre_id, id) order. */
extern void report_rules_group(ReportRules *rules, const ReportRuleGroup *group,
							   report_rule_emit emit, void *context);

#endif							/* SCHOOLTIME_REPORT_RULES_H */
