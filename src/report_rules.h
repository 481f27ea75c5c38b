/*
 * report_rules.h
 *		The report-only rules that check()'s group walk measures: rules of a
 *		report (no write is refused for them), judged per group from the
 *		rows the walk reads anyway.
 *
 * teachers_per_group (4.2) counts the distinct teachers of every lesson a
 * group attends: every row of the lesson (co-teachers, and the teachers of
 * a lesson it shares with other groups), and its sessions that are lessons
 * of their own; recess entries are not counted.
 *
 * eso_split and batx_split (4.1.1.1): for each split of the group (its
 * halves, and every split of group_parts) the split sessions of a subject
 * are the fewest lessons of it any part of the split has; a lesson that
 * takes every part of a split takes the group whole and is no split
 * session of it.  The group's figure is its best split's.
 *
 * optional_ratio (4.1.1.1), per centre, school year and stage: where the
 * centre declares no optional_subject_groups, each distinct option of its
 * blocks (a subject and the parts of groups it takes) is one group.  The
 * walk keeps the sessions of the blocks' lessons as it reads them, makes
 * each lesson an option (its subject, the least in the database's
 * collation, and the parts it takes with their pupils), counts the distinct
 * options of each centre, year and stage, and hands the counts, and the
 * parts of the options whose pupils are not known, in one call to
 * schooltime.optional_ratio_violations() (part 60), which reads the
 * declared groups and words the rows: no query of the region's sessions of
 * its own.
 *
 * The words and figures are those report_rule_violations() gave when it
 * computed these rules in SQL (part 60 of the 0.3 upgrade script), msgids
 * included, so that translations still apply; test/report_walk.sql
 * compares the two.
 */
#ifndef SCHOOLTIME_REPORT_RULES_H
#define SCHOOLTIME_REPORT_RULES_H

#include "schooltime.h"

#include "model.h"
#include "violation_rows.h"

/* The extra columns the walk's session scan reads for these rules: s.subject, the pinned area. */
#define REPORT_RULE_SESSION_COLUMNS 2

/*
 * One session of a group as these rules read it (recess entries left out),
 * kept in the order read: its group is the walk's group index, not its two
 * ids, and each group's rows are found through ReportRules.order.
 */
typedef struct ReportSession
{
	int64		lesson_id;		/* 0: a lesson of its own */
	int64		teacher_id;		/* 0: none */
	int32		group;			/* index in the walk's groups */
	int32		subject;		/* interned strings; -1: NULL */
	int32		pinned;			/* session_subject_areas.area */
	int32		split;			/* "" for a half */
	int32		part;			/* "1" or "2" for a half */
} ReportSession;

/* A teacher of a lesson of a centre: the walk's centre's rows, and other groups' rows read for a group asked alone. */
typedef struct LessonTeacher
{
	int64		centre_id;
	int64		lesson_id;
	int64		teacher_id;
} LessonTeacher;

/* Strings kept once, compared by number. */
typedef struct StringTable
{
	char	  **strings;
	int		   *lengths;
	int			n;
	int			capacity;
	int32	   *slots;			/* open addressing: string number + 1, 0 empty */
	int			nslots;
} StringTable;

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

/* One row of schooltime.split_requirements, with its words. */
typedef struct SplitRequirement
{
	int			school_year;
	Oid			regime;
	char	   *rule;
	int			first_level;
	int			last_level;
	bool		has_pupils_above;
	int			pupils_above;
	bool		public_only;
	int			min_split_sessions;
	char	   *subject_name;
	int32	   *areas;			/* interned */
	int			nareas;
	char	   *sections;
	char	   *courses;
} SplitRequirement;

/* A part of one of a group's splits (group_parts), in (centre, group, split, part) order. */
typedef struct ReportPart
{
	int64		centre_id;
	int64		group_id;
	int32		split;
	int32		part;
	int32		pupils;			/* -1: not known */
} ReportPart;

/* A lesson of a block, of a centre that declares no optional-subject groups for its year and stage. */
typedef struct BlockLesson
{
	int64		centre_id;
	int64		lesson_id;
	int32		school_year;	/* interned text */
	int32		regime;			/* interned text */
} BlockLesson;

/* A session of a block's lesson as optional_ratio reads it: what the option takes. */
typedef struct OptionRow
{
	int64		centre_id;
	int64		lesson_id;
	int64		group_id;
	int32		block_lesson;	/* index in block_lessons */
	int32		subject;		/* interned; -1: NULL */
	int32		split;			/* -1: NULL */
	int32		part;			/* -1: NULL */
	int16		split_half;		/* 0: NULL */
} OptionRow;

/* A group of the walk, by its key. */
typedef struct ReportGroupKey
{
	int64		centre_id;
	int64		id;
	int			pupils;
} ReportGroupKey;

typedef struct ReportRules
{
	MemoryContext keep;
	Oid			recess;			/* schooltime.session_kind 'recess' */
	StringTable strings;
	int32		halves;			/* "" */
	int32		half[2];		/* "1", "2" */
	TeacherLimit *limits;
	int			nlimits;
	int			limits_capacity;
	SplitRequirement *requirements;	/* in (rule, requirement) order */
	int			nrequirements;
	int			requirements_capacity;
	ReportPart *parts;
	Size		nparts;
	Size		parts_capacity;
	Size		part_pos;
	int32	   *subject_area;	/* by string number: subject_area(subject), -1 none */
	int			nsubject_area;
	ReportSession *rows;		/* as read */
	Size		nrows;
	Size		capacity;
	uint32	   *order;			/* once ready: the walk's group i has rows[order[k]], */
	Size	   *group_offsets;	/* k in [group_offsets[i], group_offsets[i + 1]), in the order read */
	int			ngroups;
	const ReportGroupKey *groups;	/* the walk's groups */
	int			last_group;		/* the group of the last row read */
	int32	   *group_slots;	/* open addressing by (centre, id): group index + 1, 0 empty */
	uint32		ngroup_slots;
	LessonTeacher *other_rows;	/* other groups' rows of a group's lessons, by centre, lesson, teacher */
	Size		nother_rows;
	Size		other_capacity;
	LessonTeacher *by_lesson;	/* the walk's centre's rows with a lesson and a teacher, by lesson, teacher */
	Size		nby_lesson;
	Size		by_lesson_capacity;
	int			by_lesson_centre_end;	/* the first group of the next centre */
	BlockLesson *block_lessons;	/* by centre, lesson */
	Size		nblock_lessons;
	Size		block_lessons_capacity;
	OptionRow  *options;		/* the sessions of block_lessons, made distinct by report_rules_optional_ratio() */
	Size		noptions;
	Size		options_capacity;
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
	int			pupils;
	bool		public_centre;
} ReportRuleGroup;

typedef void (*report_rule_emit) (void *context, const ViolationRow *row);

/* Reads the catalogue's figures (in the current session's language for their words). */
extern void report_rules_init(ReportRules *rules, MemoryContext keep);

/* The columns to add to the walk's session scan, over alias s, and the join they need. */
extern char *report_rules_session_columns(const ModelTables *model);
extern char *report_rules_session_join(const ModelTables *model);

/* The splits of the groups in scope; filter_sql is over alias p of group_parts. */
extern void report_rules_load_parts(ReportRules *rules, const ModelTables *model, const char *filter_sql);

/* The walk's groups, in (centre_id, id) order, before its sessions are read. */
extern void report_rules_groups(ReportRules *rules, const ReportGroupKey *groups, int ngroups);

/*
 * A session of the walk's group scan (of a group not among the walk's: left
 * out): values and nulls are the columns of
 * session_item_columns() (id, slot, kind, split_half, lesson_id, split,
 * part, teacher_id), then those of report_rules_session_columns().
 */
extern void report_rules_session(ReportRules *rules, int64 centre_id, int64 group_id,
								 const Datum *values, const bool *nulls);

/*
 * When the walk reads one group only: the other groups' rows of the lessons
 * it attends, whose teachers are its teachers too.
 */
extern void report_rules_lesson_teachers(ReportRules *rules, const ModelTables *model, int64 centre_id,
										 int64 group_id);

/*
 * Orders what was read by the walk's groups and names its subjects' areas;
 * call once, before the first group.
 */
extern void report_rules_ready(ReportRules *rules);

/*
 * The lessons of the blocks in scope (filter_sql over alias b of blocks)
 * whose centre, year and stage have no optional_subject_groups; before the
 * sessions are read.
 */
extern void report_rules_load_block_lessons(ReportRules *rules, const ModelTables *model, const char *filter_sql);

typedef void (*report_rule_tuple) (void *context, Datum *values, bool *nulls);

/*
 * optional_ratio's rows (schooltime.violation's columns), in
 * report_rule_violations()'s order: by centre, school year and stage.
 */
extern void report_rules_optional_ratio(ReportRules *rules, const ModelTables *model, const char *school_year,
										bool has_centre, int64 centre_id, report_rule_tuple emit, void *context);

/* The report-only rules of the walk's group_index-th group; groups must come in order. */
extern void report_rules_group(ReportRules *rules, int group_index, const ReportRuleGroup *group,
							   report_rule_emit emit, void *context);

#endif							/* SCHOOLTIME_REPORT_RULES_H */
