/*
 * placement.h
 *		Where can this lesson go: what the files of src/placement/ share.
 *
 * lesson.c reads and checks the lesson to place (its groups, parts,
 * teachers, length, the session it replaces); weeks.c reads the weeks it
 * is judged in; verdict.c judges one start by the kernels; places.c is
 * schooltime.places(), trying every start.
 */
#ifndef SCHOOLTIME_PLACEMENT_H
#define SCHOOLTIME_PLACEMENT_H

#include "schooltime.h"

#include "utils/array.h"

#include "catalogue.h"
#include "group_parts.h"
#include "judge.h"
#include "model.h"
#include "violation_rows.h"

/* The key the lesson to place has in the weeks it is added to. */
#define NEW_LESSON_KEY PG_INT64_MAX
/* The row id its rows have there: no session has it. */
#define NEW_ROW_ID PG_INT64_MIN

/* One row of the lesson to place: a group, or a part of one. */
typedef struct PlaceRow
{
	int			group;			/* index into Placement.groups */
	char	   *split;			/* NULL: the whole group, or a half */
	char	   *part;
	int			half;			/* 1 or 2 for split_half, else 0 */
	int16		split_number;	/* as the group's shape numbers them */
	int16		part_number;
} PlaceRow;

typedef struct PlaceGroup
{
	int64		id;
	char	   *name;
	Oid			regime;
	const RegimeLimits *limits;
	bool		approved;
	bool		public_centre;
	KeyItems	week;			/* its sessions, the replaced ones left out */
	const GroupShape *shape;
} PlaceGroup;

typedef struct PlaceTeacher
{
	int64		id;
	bool		directive;		/* of the centre's directive team: present while teaching */
	KeyItems	week;
} PlaceTeacher;

typedef struct Placement
{
	const ModelTables *model;
	int64		centre_id;
	char	   *centre_name;
	int			school_year;
	char	   *school_year_text;
	int			minutes;
	unsigned	flags;			/* of the lesson's kind */
	bool		is_class;
	char	   *label;			/* '"Matemàtiques"', for the lesson's rows in messages */
	int64		replaces;		/* 0: none */
	int			replaced_day;	/* 0: none */
	int64	   *replaced_ids;
	int			nreplaced;
	PlaceGroup *groups;
	int			ngroups;
	PlaceRow   *rows;
	int			nrows;
	PlaceTeacher *teachers;
	int			nteachers;
	GroupShapes shapes;
	/* the centre's week, when it holds an approved timetable of the year */
	bool		centre_checked;
	int			min_guards;
	KeyItems	lective;
	KeyItems	guards;
	KeyItems	present;
	/* what to say */
	bool		with_reasons;
	ViolationRows violation_rows;
	MemoryContext keep;			/* outlives the SPI connection: the verdicts */
} Placement;

/* What one candidate start comes to. */
typedef struct Verdict
{
	int			count;			/* findings a write would be refused for */
	List	   *reasons;		/* their rows, as Datums, when asked */
} Verdict;

typedef struct PlaceEmit
{
	Placement  *p;
	const FindingSubject *subject;
	const char *subject_name;
	Verdict    *verdict;
} PlaceEmit;

/* lesson.c */
extern int64 *int8_array(ArrayType *array, int *n);
extern char **text_array(ArrayType *array, int expected, const char *name);
extern void read_groups(Placement *p, const int64 *ids, int n);
extern void read_teachers(Placement *p, const int64 *ids, int n);
extern void read_rows(Placement *p, const int64 *ids, int n, char **splits, char **parts);
extern void read_replaced(Placement *p);
extern void check_minutes(const Placement *p);

/* weeks.c */
extern void read_group_weeks(Placement *p);
extern void read_teacher_weeks(Placement *p);
extern void read_centre_week(Placement *p);

/* verdict.c */
extern void judge_start(Placement *p, int start, int end, Verdict *v);
extern int	new_teacher_gaps(const Placement *p, int start, int end);

#endif							/* SCHOOLTIME_PLACEMENT_H */
